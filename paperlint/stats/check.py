"""Recompute a reported p-value from its test statistic: the statcheck method.

For a report such as ``t(28) = 2.20, p = .036`` we recompute p from the statistic and its
degrees of freedom and ask whether the reported p could be the same number, allowing for
the rounding that both numbers went through before they were printed:

* the statistic: ``2.20`` stands for anything in [2.195, 2.205]; p is monotone in the
  statistic, so this gives an interval of p (for ``t < 1.5`` and ``t > 1.5`` the interval
  is one-sided);
* the reported p: ``p = .03`` stands for [.025, .035), ``p = 3e-4`` for [2.5e-4, 3.5e-4);
  ``p < .05`` only says the true p is below .05, ``p > .05`` above, and ``n.s.`` above
  alpha;
* tails: t, z and r are tested two-tailed; when the text says "one-tailed" or
  "one-sided" near the report, a p equal to half the two-tailed value is also accepted.
  F, chi-square and Cochran's Q are one-sided by construction and never halved.

The report is *consistent* when the two intervals meet. An inconsistent report is a
*decision error* when the reported p and the recomputed p fall on different sides of
alpha: the reported p claims significance (``p = .03``, ``p < .05``) and the statistic
does not give it, or the reverse. We only call a decision error when the claim is
unambiguous and the whole recomputed interval lies on the other side.
"""

from __future__ import annotations

from ..records import dataclass

from . import distributions as dist
from .extract import ReportedTest, parse_number, reported_interval

__all__ = ["Verdict", "check", "p_is_impossible", "recompute_p"]


@dataclass(frozen=True)
class Verdict:
    status: str                      # 'consistent' | 'inconsistent' | 'decision_error' | 'unchecked'
    recomputed: float | None         # p from the reported statistic, as printed
    interval: tuple[float, float] | None  # p over the rounding range of the statistic
    reason: str


def _fmt_p(p: float) -> str:
    if p == 0.0:
        return "0"
    if p < 0.001:
        return f"{p:.2g}"
    return f"{p:.4f}".rstrip("0").rstrip(".") if p < 1 else "1"


def _describe(test: ReportedTest) -> str:
    name = {"chi2": "chi2", "Q": "Q"}.get(test.test or "", test.test or "?")
    if test.df1 is not None and test.df2 is not None:
        dfs = f"({_fmt_num(test.df1)}, {_fmt_num(test.df2)})"
    elif test.df1 is not None:
        dfs = f"({_fmt_num(test.df1)})"
    else:
        dfs = ""
    return f"{name}{dfs} {test.stat_op or '='} {test.stat_text}"


def _fmt_num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _describe_p(test: ReportedTest) -> str:
    if test.p_op == "ns":
        return "n.s."
    return f"p {test.p_op} {test.p_text}"


def p_is_impossible(test: ReportedTest) -> str | None:
    """A reason when the reported p cannot be a p-value (EV105), else None.

    ``p = 0`` (what software prints as ``p = .000``), ``p > 1`` or ``p >= 1``, a negative p,
    and ``p < 0`` are impossible; ``p = 1`` is possible (and so is ``p <= 1``).
    """
    if test.p is None or test.p_op in (None, "ns"):
        return None
    p, op = test.p, test.p_op
    if p < 0:
        return f"a p-value cannot be negative ({_describe_p(test)})"
    if p > 1:
        return f"a p-value cannot exceed 1 ({_describe_p(test)})"
    if op == ">" and p >= 1:
        return "p > 1 is impossible: a p-value is at most 1"
    if op == "<" and p <= 0:
        return "p < 0 is impossible: a p-value is at least 0"
    if op == "=" and p == 0:
        return (
            f"{_describe_p(test)} is impossible: a p-value is never exactly zero; "
            "software printing .000 means p < .001, so report that"
        )
    return None


def _p_function(test: ReportedTest):
    """(function of |stat| -> two-tailed or upper-tail p, tails-halvable?) or a reason."""
    kind = test.test
    if kind == "t":
        if test.df1 is None:
            return "no degrees of freedom reported"
        df = test.df1
        return (lambda s: dist.p_t(s, df)), True
    if kind == "z":
        return (lambda s: dist.p_z(s)), True
    if kind == "r":
        if test.df1 is None:
            return "no degrees of freedom reported"
        df = test.df1
        return (lambda s: dist.p_r(min(s, 1.0), df)), True
    if kind == "F":
        if test.df1 is None or test.df2 is None:
            return "an F test needs two degrees of freedom"
        d1, d2 = test.df1, test.df2
        return (lambda s: dist.p_f(s, d1, d2)), False
    if kind in ("chi2", "Q"):
        if test.df1 is None:
            return "no degrees of freedom reported"
        df = test.df1
        return (lambda s: dist.p_chi2(s, df)), False
    return f"unknown test {kind!r}"


def stat_range(test: ReportedTest) -> tuple[float, float] | None:
    """The magnitudes |statistic| that round to the reported one, or None when it cannot be read."""
    try:
        value, half = parse_number(test.stat_text)
    except (ValueError, TypeError):
        return None
    s = abs(value)
    return max(s - half, 0.0), s + half


def recompute_p(test: ReportedTest) -> tuple[float, tuple[float, float]] | str:
    """(p at the reported statistic, (lowest, highest) p over its rounding range) or a reason."""
    if test.test is None:
        return "a bare p-value: there is no statistic to recompute it from"
    if test.stat_text is None or test.stat is None:
        return "no statistic reported"
    got = _p_function(test)
    if isinstance(got, str):
        return got
    pfun, _ = got
    try:
        value, half = parse_number(test.stat_text)
    except ValueError:
        value, half = test.stat, 0.0
    s = abs(value)
    if test.test in ("F", "chi2", "Q") and value < 0:
        return f"a negative {test.test} statistic is impossible"
    if test.test == "r" and s > 1:
        return "a correlation above 1 in absolute value is impossible"
    if test.test == "r" and test.df1 is not None and test.df1 <= 0:
        return "no degrees of freedom"
    try:
        exact = pfun(s)
        op = test.stat_op or "="
        if op == "=":
            lo_stat, hi_stat = stat_range(test) or (s, s)
            if test.test == "r":
                hi_stat = min(hi_stat, 1.0)
            lo_p, hi_p = pfun(hi_stat), pfun(lo_stat)
        elif op == "<":      # statistic below s: p at least p(s)
            lo_p, hi_p = exact, 1.0
        else:                # statistic above s: p at most p(s)
            lo_p, hi_p = 0.0, exact
    except ValueError as exc:
        return f"cannot recompute: {exc}"
    return exact, (lo_p, hi_p)


def _reported_range(test: ReportedTest, alpha: float) -> tuple[float, float, bool, bool]:
    """(lo, hi, lo_inclusive, hi_inclusive) of true p values the report admits."""
    op = test.p_op
    if op == "ns":
        return alpha, 1.0, True, True
    p = float(test.p)
    if op == "=":
        if test.p_text:
            try:
                lo, hi = reported_interval(test.p_text)
                return max(lo, 0.0), hi, True, False
            except ValueError:
                pass
        tol = 1e-12 * max(p, 1e-300)
        return p - tol, p + tol, True, True
    if op == "<":
        return 0.0, p, True, False
    if op == "<=":
        return 0.0, p, True, True
    if op == ">":
        return p, 1.0, False, True
    if op == ">=":
        return p, 1.0, True, True
    raise ValueError(op)


def _meets(a: tuple[float, float], r: tuple[float, float, bool, bool]) -> bool:
    """Does the closed interval a meet the (half-)open interval r?"""
    lo, hi = a
    rlo, rhi, lo_inc, hi_inc = r
    below_top = lo < rhi or (hi_inc and lo <= rhi)
    above_bottom = hi > rlo or (lo_inc and hi >= rlo)
    return below_top and above_bottom


def _reported_side(test: ReportedTest, alpha: float) -> str | None:
    """'sig', 'nonsig' or None when the report makes no clear claim about alpha."""
    op, p = test.p_op, test.p
    if op == "ns":
        return "nonsig"
    if p is None:
        return None
    if op == "=":
        return "sig" if p <= alpha else "nonsig"
    if op in ("<", "<="):
        return "sig" if p <= alpha else None
    if op in (">", ">="):
        return "nonsig" if p >= alpha else None
    return None


def _interval_side(iv: tuple[float, float], alpha: float) -> str | None:
    lo, hi = iv
    if hi < alpha:
        return "sig"
    if lo >= alpha:
        return "nonsig"
    return None


def check(test: ReportedTest, alpha: float = 0.05) -> Verdict:
    """Is the reported p consistent with the reported statistic? See the module docstring."""
    got = recompute_p(test)
    if isinstance(got, str):
        return Verdict("unchecked", None, None, got)
    exact, iv = got
    if test.p_op is None:
        return Verdict("unchecked", exact, iv, f"{_describe(test)} gives p = {_fmt_p(exact)}, but no p-value is reported")
    if test.p_op != "ns" and test.p is None:
        return Verdict("unchecked", exact, iv, "the reported p could not be read")
    bad = p_is_impossible(test)
    if bad and not (test.p_op == "=" and test.p == 0):
        # p = .000 is checkable as [0, .0005); p > 1 and negative p are not
        return Verdict("unchecked", exact, iv, bad)

    reported = _reported_range(test, alpha)
    halvable = test.test in ("t", "z", "r")
    tails_txt = "two-tailed" if halvable else "one-sided"
    if _meets(iv, reported):
        if _meets((exact, exact), reported):
            how = ""
        else:
            how = (f" once rounding of the statistic is allowed for "
                   f"({_fmt_p(iv[0])} to {_fmt_p(iv[1])})")
        return Verdict(
            "consistent", exact, iv,
            f"{_describe(test)} gives p = {_fmt_p(exact)} ({tails_txt}), which matches "
            f"{_describe_p(test)}{how}",
        )
    half_iv = (iv[0] / 2.0, iv[1] / 2.0)
    if halvable and test.one_tailed and _meets(half_iv, reported):
        return Verdict(
            "consistent", exact / 2.0, half_iv,
            f"{_describe(test)} gives one-tailed p = {_fmt_p(exact / 2.0)}, which matches "
            f"{_describe_p(test)} (the text says the test is one-tailed)",
        )

    rng = f"{_fmt_p(iv[0])} to {_fmt_p(iv[1])}"
    detail = (
        f"{_describe(test)} gives p = {_fmt_p(exact)} ({tails_txt}; {rng} allowing for rounding of "
        f"the statistic), but the text reports {_describe_p(test)}"
    )
    if halvable and test.one_tailed:
        detail += f"; even one-tailed p = {_fmt_p(exact / 2.0)} does not match"
    claimed = _reported_side(test, alpha)
    sides = {_interval_side(iv, alpha)}
    if halvable and test.one_tailed:
        sides.add(_interval_side(half_iv, alpha))
    actual = sides.pop() if len(sides) == 1 else None
    if claimed is not None and actual is not None and claimed != actual:
        word = "significant" if claimed == "sig" else "not significant"
        other = "is not" if actual == "nonsig" else "is"
        return Verdict(
            "decision_error", exact, iv,
            f"{detail}: the report reads as {word} at alpha = {alpha:g}, but the statistic {other}",
        )
    return Verdict("inconsistent", exact, iv, detail)
