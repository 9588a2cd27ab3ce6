"""Checks of one family of rules; see rules/ for their metadata."""
# FG: figures, captions and colours (issue 6)
from __future__ import annotations

from .fg_axes import AxisLabelMissing
from .fg_captions import FigureCaptionMissing, FigureCaptionShort, FigureUnreferenced
from .fg_code import RedGreenInPlotCode
from .fg_images import ColourBlindUnsafeFigure
from .fg_source_colours import RedGreenInFigureSource

CHECKS: tuple = (
    FigureCaptionMissing(),
    FigureCaptionShort(),
    FigureUnreferenced(),
    RedGreenInFigureSource(),
    RedGreenInPlotCode(),
    ColourBlindUnsafeFigure(),
    AxisLabelMissing(),
)
