"""Tests of paperlint.stats.check: the statcheck-style consistency verdicts."""

from __future__ import annotations

from paperlint import records
import re
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

from paperlint.stats.check import Verdict, check, p_is_impossible, recompute_p
from paperlint.stats.extract import ReportedTest, extract_tests

CASES = [
    c
    for c in tomllib.loads((Path(__file__).parent / "data" / "stats_cases.toml").read_text("utf-8"))["case"]
    if "status" in c
]


def one(text: str, fmt: str = "latex") -> ReportedTest:
    got = extract_tests(text, fmt)
    assert len(got) == 1, got
    return got[0]


def make(test="t", df1=28.0, df2=None, stat_text="2.20", stat_op="=", p_op="=", p_text=".036",
         one_tailed=False) -> ReportedTest:
    from paperlint.stats.extract import parse_number

    stat = parse_number(stat_text)[0] if stat_text is not None else None
    p = parse_number(p_text)[0] if p_text is not None else None
    return ReportedTest(
        start=0, end=1, test=test, df1=df1, df2=df2, stat=stat, stat_text=stat_text,
        stat_op=stat_op, p_op=p_op, p=p, p_text=p_text, p_start=0, p_end=1, n=None,
        one_tailed=one_tailed,
    )


# -------------------------------------------------------------------- the brief's edge cases
@pytest.mark.parametrize(
    "text, status",
    [
        (r"$t(28) = 2.2$, $p = .03$", "consistent"),
        (r"$t(28) = 2.20$, $p = .03$", "inconsistent"),
        (r"$t(28) = 2.20$, $p = .036$", "consistent"),
        (r"$F(2, 56) = 4.1, p < .05$", "consistent"),
        (r"$\chi^2(1) = 3.84$, $p = .05$", "consistent"),
        (r"$t(28) = 1.5, p < .05$", "decision_error"),
        (r"one-tailed: $t(28) = 2.20$, $p = .018$", "consistent"),
        (r"$t(28) = 2.20$, $p = .018$", "inconsistent"),
    ],
)
def test_edge_cases(text, status):
    verdict = check(one(text))
    assert verdict.status == status, verdict.reason
    assert verdict.reason


@pytest.mark.parametrize("case", CASES, ids=lambda c: re.sub(r"\s+", " ", c["text"].strip())[:60])
def test_table_verdicts(case):
    report = one(case["text"], case.get("fmt", "latex"))
    verdict = check(report)
    assert verdict.status == case["status"], verdict.reason


# -------------------------------------------------------------------- the pieces
def test_rounding_interval_of_the_statistic():
    exact, (lo, hi) = recompute_p(make(stat_text="2.2"))
    assert lo < exact < hi
    # p at t = 2.25 and t = 2.15
    from paperlint.stats.distributions import p_t

    assert lo == pytest.approx(p_t(2.25, 28), rel=1e-12)
    assert hi == pytest.approx(p_t(2.15, 28), rel=1e-12)


def test_recomputed_value_is_two_tailed_for_t():
    v = check(make(stat_text="2.20", p_text=".036"))
    assert v.recomputed == pytest.approx(0.03622548477883781, rel=1e-9)
    assert v.interval[0] <= v.recomputed <= v.interval[1]


def test_one_tailed_halving_only_when_stated():
    stated = check(make(p_text=".018", one_tailed=True))
    assert stated.status == "consistent"
    assert stated.recomputed == pytest.approx(0.0181127, rel=1e-5)
    assert check(make(p_text=".018")).status == "inconsistent"
    # a two-tailed p is still fine when the text says one-tailed
    assert check(make(p_text=".036", one_tailed=True)).status == "consistent"


def test_f_and_chi2_are_never_halved():
    # F(2, 56) = 4.10 gives p = .0218; half of it (.0109) must not be accepted
    f = make(test="F", df1=2, df2=56, stat_text="4.10", p_text=".011", one_tailed=True)
    assert check(f).status == "inconsistent"
    c = make(test="chi2", df1=1, stat_text="3.84", p_text=".025", one_tailed=True)
    assert check(c).status == "inconsistent"


def test_r_uses_df_n_minus_2():
    # r = .32 with df = 48 (n = 50): p = .0235
    assert check(make(test="r", df1=48, stat_text=".32", p_text=".02")).status == "consistent"
    assert check(make(test="r", df1=48, stat_text=".32", p_text=".002")).status == "inconsistent"
    bad = check(make(test="r", df1=48, stat_text="1.32", p_text=".02"))
    assert bad.status == "unchecked"


def test_z_and_q():
    assert check(make(test="z", df1=None, stat_text="2.5", p_text=".012")).status == "consistent"
    assert check(make(test="Q", df1=3, stat_text="7.2", p_text=".07")).status == "consistent"
    assert check(make(test="Q", df1=3, stat_text="7.2", p_text=".7")).status == "inconsistent"
    assert check(make(test="Q", df1=3, stat_text="7.2", p_text=".007")).status == "decision_error"


@pytest.mark.parametrize(
    "p_op, p_text, status",
    [
        ("<", ".05", "consistent"),
        ("<", ".01", "inconsistent"),        # .036 is not below .01; both sides significant
        ("<=", ".0362", "consistent"),
        (">", ".05", "decision_error"),      # claims non-significance
        (">", ".01", "consistent"),
        (">=", ".03", "consistent"),
        ("=", ".04", "consistent"),          # .036 rounds to .04
        ("=", ".0362", "consistent"),
        ("=", ".0370", "inconsistent"),
        ("=", ".06", "decision_error"),
        ("ns", None, "decision_error"),
    ],
)
def test_p_operators(p_op, p_text, status):
    # t(28) = 2.20: p in [.0357, .0368]
    assert check(make(p_op=p_op, p_text=p_text)).status == status


def test_statistic_operators():
    # "t(28) < 1.5" means p > .145; p = .20 fits, p = .01 does not
    assert check(make(stat_op="<", stat_text="1.5", p_text=".20")).status == "consistent"
    assert check(make(stat_op="<", stat_text="1.5", p_text=".01")).status == "decision_error"
    # "t(28) > 3" means p < .0056
    assert check(make(stat_op=">", stat_text="3", p_op="<", p_text=".01")).status == "consistent"


def test_alpha_changes_decision_errors_only():
    t = make(stat_text="2.20", p_text=".010")
    assert check(t).status == "inconsistent"                  # .036 vs .010, both < .05
    assert check(t, alpha=0.02).status == "decision_error"    # now on different sides


def test_decision_error_needs_a_clear_side():
    # p < .10 makes no claim about .05
    t = make(stat_text="1.5", p_op="<", p_text=".10")
    assert check(t).status == "inconsistent"


def test_p_equal_zero_is_checked_as_rounding():
    assert check(make(stat_text="6.20", p_text=".000")).status == "consistent"
    assert check(make(stat_text="2.20", p_text=".000")).status == "inconsistent"


@pytest.mark.parametrize(
    "kwargs, reason",
    [
        ({"test": None, "stat_text": None}, "bare"),
        ({"df1": None}, "degrees of freedom"),
        ({"test": "F", "df1": 2, "df2": None}, "two degrees"),
        ({"p_op": None, "p_text": None}, "no p-value"),
        ({"test": "F", "df1": 2, "df2": 56, "stat_text": "-1.2"}, "negative"),
        ({"p_text": "1.3"}, "exceed"),
    ],
)
def test_unchecked(kwargs, reason):
    v = check(make(**kwargs))
    assert v.status == "unchecked"
    assert reason in v.reason


@pytest.mark.parametrize(
    "p_op, p_text, expect",
    [
        ("=", ".000", "never exactly zero"),
        ("=", "0", "never exactly zero"),
        ("=", "1.2", "exceed"),
        ("=", "-0.01", "negative"),
        (">", "1", "at most 1"),
        ("<", "0", "at least 0"),
        ("=", ".036", None),
        ("=", "1", None),
        ("<=", "1", None),
        ("<", ".001", None),
        ("ns", None, None),
    ],
)
def test_p_is_impossible(p_op, p_text, expect):
    got = p_is_impossible(make(p_op=p_op, p_text=p_text))
    if expect is None:
        assert got is None
    else:
        assert got is not None and expect in got


def test_bare_p_value_impossible_from_text():
    (report,) = extract_tests("A glitch printed $p = 0.000$ in the significance table.")
    assert p_is_impossible(report)
    assert check(report).status == "unchecked"


def test_verdict_is_frozen():
    v = check(make())
    assert isinstance(v, Verdict)
    with pytest.raises(records.FrozenInstanceError):
        v.status = "x"  # type: ignore[misc]


# -------------------------------------------------------------- the table, checked by SciPy
def test_table_has_sixty_verdicts_in_both_formats():
    latex = [c for c in CASES if c.get("fmt", "latex") == "latex"]
    markdown = [c for c in CASES if c.get("fmt") == "markdown"]
    assert len(CASES) >= 60
    for group in (latex, markdown):
        statuses = {c["status"] for c in group}
        assert {"consistent", "inconsistent", "decision_error"} <= statuses


def _scipy_p(test: ReportedTest) -> float:
    stats = pytest.importorskip("scipy.stats")
    s = abs(test.stat)
    if test.test == "t":
        return 2 * stats.t.sf(s, test.df1)
    if test.test == "z":
        return 2 * stats.norm.sf(s)
    if test.test == "F":
        return stats.f.sf(s, test.df1, test.df2)
    if test.test in ("chi2", "Q"):
        return stats.chi2.sf(s, test.df1)
    if test.test == "r":
        t = s * (test.df1 / (1 - s * s)) ** 0.5
        return 2 * stats.t.sf(t, test.df1)
    raise AssertionError(test.test)


@pytest.mark.parametrize("case", [c for c in CASES if c["expect"][0].get("test")], ids=lambda c: c["text"][:50])
def test_recomputed_p_matches_scipy(case):
    (report,) = extract_tests(case["text"], case.get("fmt", "latex"))
    got = recompute_p(report)
    if isinstance(got, str):
        pytest.skip(got)
    exact, (lo, hi) = got
    ref = _scipy_p(report)
    assert exact == pytest.approx(ref, rel=1e-9, abs=1e-300)
    assert lo <= exact <= hi
