"""paperlint.stats.distributions against SciPy (a test-only dependency) and closed forms."""

from __future__ import annotations

import ast
import itertools
import math
import time
from pathlib import Path

import pytest

from paperlint.stats import distributions as D

scipy_stats = pytest.importorskip("scipy.stats")
scipy_special = pytest.importorskip("scipy.special")

RTOL = 1e-9
DFS = [1, 1.5, 2, 3, 5, 10, 28, 57.3, 100, 1000, 1e4, 1e5]
# below this SciPy's doubles are subnormal and lose their own relative precision
SMALLEST = 1e-300


def assert_close(mine: float, ref: float, what) -> None:
    ref = float(ref)
    if ref < SMALLEST:
        assert mine < 1e-290, what
        return
    assert abs(mine - ref) <= RTOL * ref, (what, mine, ref, abs(mine - ref) / ref)


def test_module_uses_the_standard_library_only():
    tree = ast.parse(Path(D.__file__).read_text("utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert imported <= {"__future__", "math"}, imported


# ------------------------------------------------------------------------------- Student t
T_VALUES = [1e-6, 1e-3, 0.1, 0.5, 1, 1.5, 1.96, 2.2, 3, 5, 8, 12, 20, 40, 100, 1e3, 1e5, 1e8]


@pytest.mark.parametrize("df", DFS)
def test_t_against_scipy(df):
    for t in T_VALUES:
        ref = scipy_stats.t.sf(t, df)
        assert_close(D.p_t(t, df), 2 * ref, ("t", t, df))
        assert_close(D.p_t(-t, df), 2 * ref, ("-t", t, df))
        assert_close(D.p_t(t, df, tails=1), ref, ("t1", t, df))


@pytest.mark.parametrize("t", [1e-12, 1e-8, 1e-4, 0.3, 3, 300, 3e7])
def test_t_closed_forms(t):
    # df = 1 is Cauchy: p = 1 - 2 atan(t) / pi; df = 2: p = 1 - t / sqrt(2 + t^2)
    cauchy = 2 * math.atan2(1.0, t) / math.pi    # = 1 - 2 atan(t)/pi without cancellation
    assert D.p_t(t, 1) == pytest.approx(cauchy, rel=1e-13)
    two = 1 - t / math.sqrt(2 + t * t) if t < 1 else 2 / (math.sqrt(2 + t * t) * (math.sqrt(2 + t * t) + t))
    assert D.p_t(t, 2) == pytest.approx(two, rel=1e-12)


def test_t_limits():
    assert D.p_t(0, 10) == 1.0
    assert D.p_t(0, 10, tails=1) == 0.5
    assert D.p_t(math.inf, 10) == 0.0
    assert D.p_t(2.5, math.inf) == pytest.approx(D.p_z(2.5), rel=1e-15)
    assert D.p_t(1.96, 1e9) == pytest.approx(D.p_z(1.96), rel=1e-6)


# ------------------------------------------------------------------------------------- F
F_VALUES = [1e-6, 0.01, 0.3, 0.9, 1, 1.1, 1.5, 2, 3, 4.1, 7, 15, 50, 300, 1e4, 1e7]


@pytest.mark.parametrize("df1", DFS)
def test_f_against_scipy(df1):
    for df2, f in itertools.product(DFS, F_VALUES):
        assert_close(D.p_f(f, df1, df2), scipy_stats.f.sf(f, df1, df2), ("F", f, df1, df2))


def test_f_limits_and_identities():
    assert D.p_f(0, 2, 5) == 1.0
    assert D.p_f(math.inf, 2, 5) == 0.0
    # F(1, df) = t(df)^2
    for df in (3, 28, 1000):
        for t in (0.5, 2.2, 7):
            assert D.p_f(t * t, 1, df) == pytest.approx(D.p_t(t, df), rel=1e-12)


# ----------------------------------------------------------------------------- chi-square
CHI_VALUES = [1e-6, 0.01, 0.5, 1, 2, 3.84, 6.63, 10, 30, 100, 300, 1000, 1400, 1e4, 1.02e5, 1e6]


@pytest.mark.parametrize("df", DFS)
def test_chi2_against_scipy(df):
    near = [df * k for k in (0.5, 0.9, 0.99, 1, 1.01, 1.1, 1.5, 3)]
    for x in CHI_VALUES + near:
        assert_close(D.p_chi2(x, df), scipy_stats.chi2.sf(x, df), ("chi2", x, df))
        assert D.p_q(x, df) == D.p_chi2(x, df)


def test_chi2_closed_forms():
    for x in (0.01, 1, 3.84, 50, 1400):
        assert D.p_chi2(x, 2) == pytest.approx(math.exp(-x / 2), rel=1e-13)
        assert D.p_chi2(x, 1) == pytest.approx(math.erfc(math.sqrt(x / 2)), rel=1e-12)
    assert D.p_chi2(0, 3) == 1.0


# --------------------------------------------------------------------------------- normal
@pytest.mark.parametrize("z", [0, 1e-8, 0.1, 1, 1.96, 2.5, 5, 10, 20, 30, 37])
def test_z_against_scipy(z):
    assert_close(D.p_z(z), 2 * scipy_stats.norm.sf(z), ("z", z))
    assert_close(D.p_z(-z, tails=1), scipy_stats.norm.sf(z), ("z1", z))


# ----------------------------------------------------------------------------- correlation
R_VALUES = [1e-6, 0.01, 0.1, 0.32, 0.5, 0.9, 0.99, 0.999999]


@pytest.mark.parametrize("df", DFS)
def test_r_against_scipy(df):
    for r in R_VALUES:
        # t = r sqrt(df / (1 - r^2)), with 1 - r^2 formed without cancellation
        t = r * math.sqrt(df / ((1 - r) * (1 + r)))
        ref = 2 * scipy_stats.t.sf(t, df)
        assert_close(D.p_r(r, df), ref, ("r", r, df))
        assert_close(D.p_r(-r, df, tails=1), ref / 2, ("r1", r, df))
        if r < 0.99:
            assert D.p_r(r, df) == pytest.approx(D.p_t(t, df), rel=1e-10)


def test_r_limits():
    assert D.p_r(0, 10) == 1.0
    assert D.p_r(1, 10) == 0.0
    assert D.p_r(-1, 10) == 0.0
    with pytest.raises(ValueError):
        D.p_r(1.2, 10)


# ------------------------------------------------------------------------ special functions
def test_incomplete_beta_and_gamma_against_scipy():
    for a, b in itertools.product([0.5, 1, 2.5, 10, 300, 5e4], repeat=2):
        for x in [1e-10, 1e-3, 0.1, 0.5, 0.9, 0.999]:
            assert_close(D.betainc(a, b, x), scipy_special.betainc(a, b, x), ("I", a, b, x))
            assert_close(D.betaincc(a, b, x), scipy_special.betaincc(a, b, x), ("1-I", a, b, x))
    for a in [0.5, 1, 2.5, 10, 300, 5e4]:
        for x in [1e-10, 1e-3, 0.5, 1, a * 0.9, a, a * 1.1, 3 * a + 10]:
            assert_close(D.gammainc(a, x), scipy_special.gammainc(a, x), ("P", a, x))
            assert_close(D.gammaincc(a, x), scipy_special.gammaincc(a, x), ("Q", a, x))


# ------------------------------------------------------------------------- tiny p, no nonsense
@pytest.mark.parametrize(
    "fn, args",
    [
        (D.p_t, (400.0, 10)),
        (D.p_t, (1e30, 1)),
        (D.p_f, (3000.0, 3, 40)),
        (D.p_chi2, (1400.0, 2)),
        (D.p_chi2, (1500.0, 30)),
        (D.p_z, (37.0,)),
        (D.p_r, (0.9999999, 400)),
    ],
)
def test_tiny_p_values_keep_relative_accuracy(fn, args):
    ref = {
        D.p_t: lambda t, df: 2 * scipy_stats.t.sf(t, df),
        D.p_f: lambda f, a, b: scipy_stats.f.sf(f, a, b),
        D.p_chi2: lambda x, df: scipy_stats.chi2.sf(x, df),
        D.p_z: lambda z: 2 * scipy_stats.norm.sf(z),
        D.p_r: lambda r, df: 2 * scipy_stats.t.sf(r * math.sqrt(df / ((1 - r) * (1 + r))), df),
    }[fn](*args)
    mine = fn(*args)
    assert 0.0 <= mine < 1e-10
    assert_close(mine, ref, (fn.__name__, args))


def test_far_tail_underflows_to_zero_not_garbage():
    assert D.p_t(1e6, 1e5) == 0.0
    assert D.p_chi2(1e7, 3) == 0.0
    assert D.p_z(50) == 0.0


def test_monotone_in_the_statistic():
    for fn, args in [(D.p_t, (28,)), (D.p_f, (2, 56)), (D.p_chi2, (4,)), (D.p_z, ())]:
        previous = 1.0
        for k in range(1, 400):
            x = k * 0.05
            p = fn(x, *args)
            assert 0.0 <= p <= previous
            previous = p


@pytest.mark.parametrize(
    "call",
    [
        lambda: D.p_t(1.0, 0),
        lambda: D.p_t(1.0, -3),
        lambda: D.p_t(math.nan, 3),
        lambda: D.p_t(1.0, 3, tails=3),
        lambda: D.p_f(1.0, 0, 3),
        lambda: D.p_chi2(1.0, math.nan),
        lambda: D.p_z(math.nan),
        lambda: D.betainc(1, 1, 1.5),
    ],
)
def test_invalid_arguments_raise(call):
    with pytest.raises(ValueError):
        call()


def test_speed():
    calls = [
        (D.p_t, (2.2, 28)), (D.p_t, (5.0, 1e5)), (D.p_f, (4.1, 2, 56)),
        (D.p_f, (1.01, 1e5, 1e5)), (D.p_chi2, (3.84, 1)), (D.p_chi2, (1.02e5, 1e5)),
        (D.p_r, (0.32, 48)), (D.p_z, (2.5,)),
    ]
    t0 = time.perf_counter()
    for _ in range(100):
        for fn, args in calls:
            fn(*args)
    per_call = (time.perf_counter() - t0) / (100 * len(calls))
    assert per_call < 2e-3  # typically ~20 microseconds
