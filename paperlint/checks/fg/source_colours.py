"""FG110: red and green both carry meaning in one figure's LaTeX source (TikZ, pgfplots, xcolor)."""
from __future__ import annotations

from ...diagnostics import Severity
from ...document.offsets import SourceRange
from ...figures import texsource, xcolor
from ..base import Check


class RedGreenInFigureSource(Check):
    code = "FG110"

    def run(self, doc, ctx):
        if doc.format != "latex":
            return
        regions = texsource.figure_regions(doc)
        if not regions:
            return
        base = texsource.global_colours(doc, regions)
        for region in regions:
            uses = texsource.colour_uses(doc, region, base)
            reds = [u for u in uses if u.hue == "red"]
            greens = [u for u in uses if u.hue == "green"]
            if not reds or not greens:
                continue
            first = min(reds + greens, key=lambda u: (region.parts.index(_part(region, u)), u.start))
            red, green = reds[0], greens[0]
            severity = None
            extra = " Do not let colour be the only cue: add labels, markers, line styles or patterns."
            if _styles_differ(reds, greens):
                severity = Severity.INFO
                extra = " The series also differ by line style or marker, so colour is not the only cue."
            yield ctx.report(src=SourceRange(first.file, first.start, first.end), severity=severity,
                             red=_show(doc, red, first.file), green=_show(doc, green, first.file), extra=extra)


def _part(region, use):
    for p in region.parts:
        if p[0] == use.file and p[1] <= use.start <= p[2]:
            return p
    return region.parts[0]


def _show(doc, use, here: int) -> str:
    line, _ = doc.files[use.file].line_col(use.start)
    where = f"line {line}" if use.file == here else f"{doc.files[use.file].display}:{line}"
    return f"`{use.expr}` = {xcolor.to_hex(use.rgb)}, {where}"


def _styles_differ(reds, greens) -> bool:
    """True when every red and green use is a line with a style, and no style is shared by both colours."""
    if any(u.kind != "line" or u.style is None for u in reds + greens):
        return False
    styles_r = {u.style for u in reds}
    styles_g = {u.style for u in greens}
    return not (styles_r & styles_g)
