"""EV109: a confidence interval and the p-value printed with it disagree.

For a Wald-type interval, estimate ± crit*SE, the interval excludes the null value exactly
when the two-sided p is below 1 - level. So an interval that excludes the null beside a p
above that level, or one that includes it beside a smaller p, says two different things
about significance. And where the interval is symmetric about the estimate, it gives the
standard error, SE = width / (2*crit), hence z = estimate / SE and the p it implies
(Altman & Bland 2011, "How to obtain the P value from a confidence interval", BMJ
343:d2304). Ratios (OR, RR, HR, IRR) are read on the log scale with null 1.

What is read: a labelled estimate, its interval and a p in one report, in either order of
p and interval: ``b = 0.30, 95% CI [0.05, 0.55], p = .02``; ``OR = 1.80 (95% CI 1.20-2.70),
p = .004``; ``MD = 0.42, t(58) = 2.1, p = .04, 95% CI [0.02, 0.82]``. A mean's own interval
(``M = 3.2, 95% CI [2.9, 3.5]``) tests nothing and is not read.

Guards: every number's rounding is allowed for; a bound that may round from the null value
is neither side of it; the sentence naming a bootstrap, a permutation test, a Bayesian or
credible interval, a one-sided test or corrected p-values (Bonferroni, Holm, FDR, Tukey,
adjusted) skips the pair, since those are legitimately different; the implied-p comparison
runs only for a symmetric interval (on the log scale for ratios) and not for standardised
sizes (d, g, r), whose intervals are not Wald intervals; and with no df at hand the implied p
spans the normal and the t distribution with 10 df, so only a p more than three times outside
that span is called far. With a t test's df in the report, both a t-based interval and a
normal-approximation (Wald) one are allowed, the latter because mixed-model software prints it
beside a Satterthwaite t p; a significance flip that this explains is a warning, not an error.
"""
from __future__ import annotations

from .. import lazyre
import bisect
import functools
import math
import re
from ..records import dataclass

from .distributions import p_t, p_z
from .extract import normalise, printed_interval, reported_interval

__all__ = ["IntervalReport", "find_intervals", "t_quantile"]

_NUM = r"[-−]?\s?(?:\d+(?:\.\d+)?|\.\d+)"
_RATIO = r"(?:a|adj\.?\s*)?(?:OR|RR|HR|IRR|PR)\b|(?:adjusted\s+)?(?:odds|hazards?|risk|rate|prevalence)\s+ratio|relative\s+risk|[Ee]xp\s*\(\s*[Bb]\s*\)"
_DIFF = (r"b|B|β|\\beta|beta|coefficient|estimate|Est\.?|slope|MD|mean\s+difference|difference|diff\.?|Δ|\\Delta"
         r"|SMD|(?:Cohen(?:\\?'|’)?s\s+)?d|(?:Hedges(?:\\?'|’)?s?\s+)?g|r|ρ|\\rho")
_STANDARDISED = lazyre.compile(r"^(?:SMD|(?:Cohen.*\s)?d|(?:Hedges.*\s)?g|r|ρ|\\rho)$")
_EST = rf"(?<![\w\\])(?P<label>{_RATIO}|{_DIFF})(?![\w(])\s*(?:=|:|of|was|is)?\s*(?P<est>{_NUM})(?![\w^]|\.\d)"
_SE = rf"(?:\s*[,;]\s*SE\s*=\s*{_NUM})?"
_LEVEL = r"(?P<level>\d{2}(?:\.\d+)?)\s?%\s*(?:CI|C\.I\.|confidence\s+intervals?|conf\.\s*int\.)(?:s)?"
_SEP = r"\s*(?:,|;|\bto\b|–|—|--|\.\.)\s*|(?<=\d)\s?-\s?(?=[-−]?\s?\.?\d)"
_BOUNDS = rf"[\[(]?\s*(?P<lo>{_NUM})(?:{_SEP})(?P<hi>{_NUM})\s*[\])]?"
_CI = rf"{_LEVEL}\s*(?:[:=]|of|was|is)?\s*{_BOUNDS}"
_P_BETWEEN = r"(?:\s*[,;]\s*(?:[^\[\]\n;]|\n(?![ \t]*\n)){0,60}?(?<![\w\\])p\s*(?:=|<|>|≤|≥)\s*\d*\.?\d+(?:[eE][-−]?\d+)?)?"
_UNIT = r"(?:\s*(?:%|pp|ms|s|points?|percentage\s+points?|mmHg|mm\s+Hg|kg|cm|years?|days?|units?)(?![\w]))?"
_EST_CI = lazyre.compile(rf"{_EST}{_UNIT}{_SE}{_P_BETWEEN}\s*[,;]?\s*[\[(]?\s*{_CI}")
_BETWEEN_PARTS = lazyre.compile(r"[\s,;:()\[\]]*")
#: a p right after an interval is a p-value whatever its size (the extractor's bare-p heuristic is for prose)
_P_AFTER = lazyre.compile(r"[\s,;:()\[\]]*(?<![\w\\])(?P<pl>p)(?:[- ]?values?)?\s*(?:(?P<op><=|>=|=|<|>|≤|≥)|of|:)?\s*(?P<val>\d*\.\d+|[01])(?![\w^]|\.\d)")
_SKIP = lazyre.compile(
    r"bootstrap|permutation|credible|\bHDI\b|highest density|posterior|Bayes|one[- ](?:sided|tailed)|directional"
    r"|Bonferroni|Holm|\bFDR\b|false discovery|Tukey|Sidak|Šidák|Benjamini|adjusted\s+p|corrected|simultaneous",
    re.IGNORECASE)


@functools.lru_cache(maxsize=256)   # a handful of (level, df) pairs per paper, each asked for several times
def t_quantile(prob: float, df: float) -> float:
    """The t value with upper-tail probability 1 - prob (prob in (0.5, 1)), by bisection."""
    target = 2 * (1 - prob)  # two-sided p of that value
    lo, hi = 0.0, 1000.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if p_t(mid, df) > target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2




@dataclass(frozen=True)
class IntervalReport:
    start: int                 # raw offsets: from the label to the interval's end
    end: int
    label: str
    estimate: str
    level: float               # 95.0
    lo: str
    hi: str
    p_op: str | None           # the p that goes with it, as the extractor reads one
    p: float | None
    p_text: str | None
    p_start: int
    p_end: int
    t_df: float | None         # the df of a t test in the same report
    ratio: bool
    skip: str | None           # why the pair is not judged (a cue in the sentence), else None

    @property
    def null(self) -> float:
        return 1.0 if self.ratio else 0.0

    @property
    def alpha(self) -> float:
        return 1 - self.level / 100

    def p_range(self) -> tuple[float, float] | None:
        if self.p is None or self.p_text is None:
            return None
        if self.p_op == "=":
            try:
                a, b = reported_interval(self.p_text)
            except ValueError:  # a p text that is not a number as printed: take it as exact
                a = b = self.p
            return max(a, 0.0), min(b, 1.0)
        if self.p_op in ("<", "<="):
            return 0.0, self.p
        if self.p_op in (">", ">="):
            return self.p, 1.0
        return None

    @property
    def p_src(self) -> tuple[int, int]:
        return self.p_start, self.p_end

    def side(self) -> str | None:
        """'excludes' or 'includes' the null, beyond rounding; None when a bound may be the null."""
        lo_a, lo_b = printed_interval(self.lo)
        hi_a, hi_b = printed_interval(self.hi)
        if self.ratio and lo_a <= 0:
            return None
        n = self.null
        if hi_b < n or lo_a > n:
            return "excludes"
        if lo_b < n < hi_a:
            return "includes"
        return None

    def flip(self) -> str | None:
        """The significance disagreement, described, or None."""
        if self.skip:
            return None
        pr = self.p_range()
        side = self.side()
        if pr is None or side is None:
            return None
        if side == "excludes" and pr[0] > self.alpha:
            return f"the {self.level:g}% interval excludes {self.null:g} but p is above {self.alpha:g}"
        strict = self.p_op in ("<", "<=")
        if side == "includes" and (pr[1] <= self.alpha if strict else pr[1] < self.alpha):
            return f"the {self.level:g}% interval includes {self.null:g} but p is below {self.alpha:g}"
        return None

    def implied_p(self) -> tuple[float, float] | None:
        """The range of two-sided p the interval implies (Altman & Bland), or None when not computed."""
        if self.skip or _STANDARDISED.match(" ".join(self.label.split())):
            return None
        f = math.log if self.ratio else (lambda x: x)
        ea, eb = printed_interval(self.estimate)
        la, lb = printed_interval(self.lo)
        ha, hb = printed_interval(self.hi)
        if self.ratio and min(ea, la) <= 0:
            return None
        try:
            fe = [f(ea), f(eb)]
            fl = [f(la), f(lb)]
            fh = [f(ha), f(hb)]
        except ValueError:
            return None
        half_min = (fh[0] - fl[1]) / 2
        half_max = (fh[1] - fl[0]) / 2
        if half_min <= 0:
            return None
        # symmetric about the estimate, allowing for rounding and 5 % of the half-width
        mid = ((fl[0] + fh[0]) / 2, (fl[1] + fh[1]) / 2)
        slack = 0.05 * half_max
        if fe[1] < mid[0] - slack or fe[0] > mid[1] + slack:
            return None
        n0 = f(self.null)
        dists = [abs(x - n0) for x in fe]
        dmin = 0.0 if fe[0] <= n0 <= fe[1] else min(dists)
        dmax = max(dists)
        r_lo, r_hi = dmin / half_max, dmax / half_min
        prob = 1 - self.alpha / 2
        df = self.t_df
        from statistics import NormalDist   # 1 ms to import: only when an interval is checked

        z = NormalDist().inv_cdf(prob)
        if df is not None and df > 0:
            # a t-based interval with its t p; or a normal-approximation (Wald) interval, which
            # mixed-model software prints beside a Satterthwaite or Kenward-Roger t p
            c = t_quantile(prob, df)
            ps = [p_t(r_lo * c, df), p_t(r_hi * c, df), p_t(r_lo * z, df), p_t(r_hi * z, df)]
        else:
            c10 = t_quantile(prob, 10)
            ps = [p_z(r_lo * z), p_z(r_hi * z), p_t(r_lo * c10, 10), p_t(r_hi * c10, 10)]
        return min(ps), max(ps)

    def wald_beside_t(self) -> bool:
        """The disagreement is what a normal-approximation interval beside a small-df t p gives."""
        if self.t_df is None:
            return False
        imp = self.implied_p()
        pr = self.p_range()
        return imp is not None and pr is not None and pr[0] <= 3 * imp[1] and pr[1] * 3 >= imp[0]

    def far(self) -> tuple[float, float] | None:
        """The implied p range when the reported p lies more than three times outside it."""
        if self.flip() is not None:
            return None
        imp = self.implied_p()
        pr = self.p_range()
        if imp is None or pr is None:
            return None
        if pr[0] > 3 * imp[1] or pr[1] * 3 < imp[0]:
            return imp
        return None


def find_intervals(text: str, tests, fmt: str = "latex", sentence_of=None, normalised=None) -> list[IntervalReport]:
    """Labelled estimates with a confidence interval and a p in the same report."""
    with_p = [f for f in tests if f.test.p is not None and f.p_src is not None]
    if "CI" not in text and "onfidence" not in text:
        return []
    norm, starts, ends = normalised() if normalised else normalise(text, fmt)
    found_starts = [f.src.start for f in with_p]
    out: list[IntervalReport] = []
    for m in _EST_CI.finditer(norm):
        a, b = starts[m.start()], ends[m.end() - 1]
        chosen = None
        # the report right after the interval, with only separators between
        i = bisect.bisect_left(found_starts, b)
        if i < len(with_p):
            j = bisect.bisect_left(starts, with_p[i].src.start)
            if _BETWEEN_PARTS.fullmatch(norm, m.end(), j):
                chosen = with_p[i]
        if chosen is None:
            # or a p inside the estimate's own report ("b = 0.3, p = .02, 95% CI ...")
            for f in with_p:
                if a <= f.src.start < b:
                    chosen = f
                    break
        p_fields = None
        if chosen is None:
            pm = _P_AFTER.match(norm, m.end())
            if pm is None:
                continue
            op = {"≤": "<=", "≥": ">=", None: "="}.get(pm.group("op"), pm.group("op"))
            p_fields = (op, float(pm.group("val")), pm.group("val"), starts[pm.start("pl")], ends[pm.end() - 1])
        else:
            t = chosen.test
            p_fields = (t.p_op, t.p, t.p_text, chosen.p_src.start, chosen.p_src.end)
        sentence = sentence_of(a, b) if sentence_of else ""
        cue = _SKIP.search(sentence)
        label = " ".join(m.group("label").split())
        ratio = bool(re.fullmatch(_RATIO, label))
        df = chosen.test.df1 if chosen is not None and chosen.test.test == "t" else None
        out.append(IntervalReport(a, b, label, m.group("est"), float(m.group("level")), m.group("lo"), m.group("hi"),
                                  *p_fields, df, ratio, cue.group() if cue else None))
    return out
