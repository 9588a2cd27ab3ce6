"""EV106 GRIM and EV107 GRIMMER: summary statistics that integer data cannot produce.

The method is in ``paperlint.stats.grim``; these checks place each judged summary in the
draft. Summaries are read from the same blanked raw source as the other statistics rules.
"""
from __future__ import annotations

from ...document.offsets import SourceRange
from ...stats.found import blanked_text, in_code
from ...stats.grim import Summary, find_summaries
from ..base import Check

_CACHE = "_paperlint_grim_summaries"


def summaries(doc) -> list[tuple[int, Summary]]:
    cached = doc.__dict__.get(_CACHE)
    if cached is None:
        fmt = "markdown" if doc.format == "markdown" else "latex"
        cached = []
        for fi in range(len(doc.files)):
            text = blanked_text(doc, fi)
            if text.strip():
                cached += [(fi, s) for s in find_summaries(text, fmt) if not in_code(doc, fi, s.start)]
        doc.__dict__[_CACHE] = cached
    return cached


def describe(s: Summary) -> str:
    if s.kind == "percent":
        return f"{s.value_text}% of {s.n}"
    grain = f"{s.n} values" if s.items == 1 else f"{s.n} people x {s.items} items"
    return f"a mean of {s.value_text} from {grain}"


class GrimMean(Check):
    code = "EV106"

    def run(self, doc, ctx):
        for fi, s in summaries(doc):
            if s.grim() is False:
                nearest = " or ".join(s.nearest())
                what = (f"{s.value_text}% of {s.n} is no whole number of them" if s.kind == "percent"
                        else f"no {s.n} integer values ({s.cue}) average to {s.value_text}" if s.items == 1
                        else f"no {s.n} answers to {s.items} items ({s.grain} integer values; {s.cue}) average to {s.value_text}")
                yield ctx.report(src=SourceRange(fi, s.start, s.end), what=what, nearest=nearest)


class GrimmerSd(Check):
    code = "EV107"

    def run(self, doc, ctx):
        for fi, s in summaries(doc):
            if s.grimmer() is False:
                yield ctx.report(src=SourceRange(fi, s.sd_start, s.sd_end), sd=s.sd_text, mean=s.value_text, n=s.n, cue=s.cue)
