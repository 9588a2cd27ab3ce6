"""FG: figures: captions, references, colours in sources, plot code and image files, axes (rules/FG)."""
from __future__ import annotations

from ..base import LazyCheck

CHECKS = (
    LazyCheck("FG101", f"{__name__}.captions", "FigureCaptionMissing"),
    LazyCheck("FG102", f"{__name__}.captions", "FigureCaptionShort"),
    LazyCheck("FG103", f"{__name__}.captions", "FigureUnreferenced"),
    LazyCheck("FG110", f"{__name__}.source_colours", "RedGreenInFigureSource"),
    LazyCheck("FG111", f"{__name__}.plot_code", "RedGreenInPlotCode"),
    LazyCheck("FG120", f"{__name__}.images", "ColourBlindUnsafeFigure"),
    LazyCheck("FG130", f"{__name__}.axes", "AxisLabelMissing"),
)
