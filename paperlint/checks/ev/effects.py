"""EV108 (an effect size its test cannot give) and EV109 (a confidence interval and its p disagree).

The methods are in ``paperlint.stats.effects`` and ``paperlint.stats.intervals``; these checks
place each judged pair in the draft. Both read the same blanked raw source and the same
extracted tests as EV104.
"""
from __future__ import annotations

import functools

from ...document.offsets import SourceRange
from ...diagnostics import Severity
from ...stats.effects import Effect, find_effects
from ...stats.extract import normalise
from ...stats.found import blanked_text, document_tests, in_code
from ...stats.intervals import IntervalReport, find_intervals
from ...stats.thresholds import raw_context
from ..base import Check

_CACHE = "_paperlint_effects_intervals"

_KIND_NAME = {"d": "Cohen's d", "dz": "d_z", "g": "Hedges' g", "r": "r", "eta2p": "partial eta squared",
              "eta2": "eta squared", "omega2": "omega squared", "f": "Cohen's f", "f2": "Cohen's f^2"}


def effects_and_intervals(doc) -> tuple[list[tuple[int, Effect]], list[tuple[int, IntervalReport]]]:
    cached = doc.__dict__.get(_CACHE)
    if cached is None:
        fmt = "markdown" if doc.format == "markdown" else "latex"
        tests = document_tests(doc)
        effects: list[tuple[int, Effect]] = []
        intervals: list[tuple[int, IntervalReport]] = []
        for fi in range(len(doc.files)):
            mine = [t for t in tests if t.file == fi]
            text = blanked_text(doc, fi)
            if not text.strip():
                continue

            def sentence(a, b, text=text):
                pre, post = raw_context(text, a, b)
                return pre + text[a:b] + post

            normalised = functools.cache(lambda text=text: normalise(text, fmt))  # once per file, when needed
            effects += [(fi, e) for e in find_effects(text, mine, fmt, lambda f: sentence(f.src.start, f.src.end), normalised)
                        if not in_code(doc, fi, e.start)]
            intervals += [(fi, r) for r in find_intervals(text, mine, fmt, sentence, normalised) if not in_code(doc, fi, r.start)]
        cached = (effects, intervals)
        doc.__dict__[_CACHE] = cached
    return cached


_GREEK = {"\\Delta": "Δ", "\\beta": "β", "\\rho": "ρ", "\\eta": "η", "\\omega": "ω"}


def pretty(label: str) -> str:
    """A label as a reader sees it: ``\\eta_p^2`` -> ``η_p^2``."""
    for cmd, ch in _GREEK.items():
        label = label.replace(cmd, ch)
    return label


def _num(x: float) -> str:
    return f"{x:.3f}".rstrip("0").rstrip(".") if x >= 0.001 else f"{x:.2g}"


def effect_range_text(e: Effect) -> str:
    lo, hi, _ = e.implied()
    return f"at most {_num(hi)}" if lo == 0 else f"{_num(lo)} to {_num(hi)}"


def test_text(e: Effect) -> str:
    t = e.test.test
    if t.test == "F":
        return f"F({t.df1:g}, {t.df2:g}) = {t.stat_text}"
    return f"t({t.df1:g}) = {t.stat_text}"


def p_text(r: IntervalReport) -> str:
    return f"p {r.p_op} {r.p_text}"


class EffectSizeVsTest(Check):
    code = "EV108"

    def run(self, doc, ctx):
        for fi, e in effects_and_intervals(doc)[0]:
            if e.verdict() is False:
                _, _, how = e.implied()
                yield ctx.report(src=SourceRange(fi, e.start, e.end), label=pretty(e.label), value=e.value_text.replace(" ", ""),
                                 name=_KIND_NAME[e.kind], test=test_text(e), range=effect_range_text(e), how=how)


class IntervalVsP(Check):
    code = "EV109"

    def run(self, doc, ctx):
        for fi, r in effects_and_intervals(doc)[1]:
            flip = r.flip()
            src = SourceRange(fi, r.start, r.p_end)
            if flip and r.wald_beside_t():
                yield ctx.report(src=src, detail=(f"{flip} ({pretty(r.label)} = {r.estimate}, {r.level:g}% CI [{r.lo}, {r.hi}], {p_text(r)}); the interval looks like a"
                                                  f" normal-approximation (Wald) interval while the p comes from t({r.t_df:g})"),
                                 advice=" With so few degrees of freedom the two disagree: report a t-based or profile interval, or say which one the conclusion rests on.")
                continue
            if flip:
                yield ctx.report(src=src, severity=Severity.ERROR, detail=f"{flip} ({pretty(r.label)} = {r.estimate}, {r.level:g}% CI [{r.lo}, {r.hi}], {p_text(r)})",
                                 advice=" Significance flips between the two: one of the numbers is wrong, or they come from different analyses; say which.")
                continue
            far = r.far()
            if far:
                yield ctx.report(src=src, detail=(f"{pretty(r.label)} = {r.estimate}, {r.level:g}% CI [{r.lo}, {r.hi}] implies p between {_num(far[0])} and {_num(far[1])}"
                                                  f" (SE from the interval's width), but the draft reports {p_text(r)}"),
                                 advice=" Check the p-value, the interval and the estimate; if the interval is not a Wald interval, say how it was computed.")
