"""Tail probabilities of the common test statistics, in pure standard-library Python.

SciPy would do this, but importing it costs most of a second, which is longer than
paperlint takes to lint a typical draft. Everything here is written from the textbook
mathematics:

* the regularised incomplete beta function I_x(a, b), evaluated with its continued fraction
  (DLMF 8.17.22) by the modified Lentz method, using the symmetry
  I_x(a, b) = 1 - I_{1-x}(b, a) to stay on the side where the fraction converges fast;
* the regularised incomplete gamma functions P(a, x) and Q(a, x), by the power series
  (DLMF 8.11.4) below the mode and by the Legendre continued fraction (DLMF 8.9.2) above it;
* math.erfc for the normal distribution.

The power factors x^a (1-x)^b / B(a, b) and x^a e^-x / Gamma(a) are computed in log space
through Stirling's series, so that large degrees of freedom (1e5 and more) do not lose
accuracy to cancellation between huge log-gamma values, and tiny tail probabilities
(down to the smallest positive double, about 1e-308) come out with full relative accuracy
instead of underflowing early.

Every public function returns an upper-tail probability (a p-value) in [0, 1]. Invalid
arguments (negative degrees of freedom, |r| > 1, NaN) raise ValueError.
"""

from __future__ import annotations

import math

__all__ = [
    "betainc",
    "betaincc",
    "gammainc",
    "gammaincc",
    "p_chi2",
    "p_f",
    "p_q",
    "p_r",
    "p_t",
    "p_z",
]

_EPS = 1e-16            # relative convergence target of the series and fractions
_TINY = 1e-300          # Lentz's guard against division by zero
_MAX_ITER = 100_000     # never reached for sane inputs: ~sqrt(a) terms are needed
_HALF_LOG_2PI = 0.5 * math.log(2.0 * math.pi)

# Coefficients of Stirling's series for log Gamma(z) - [(z - 1/2) log z - z + log(2 pi)/2]:
# B_{2k} / (2k (2k - 1)) for k = 1..8.
_STIRLING = (
    1.0 / 12.0,
    -1.0 / 360.0,
    1.0 / 1260.0,
    -1.0 / 1680.0,
    1.0 / 1188.0,
    -691.0 / 360360.0,
    1.0 / 156.0,
    -3617.0 / 122400.0,
)


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------

def _stirling_remainder(z: float) -> float:
    """mu(z) = log Gamma(z) - ((z - 1/2) log z - z + log(2 pi) / 2), for z > 0."""
    if z >= 10.0:
        inv = 1.0 / z
        inv2 = inv * inv
        total = 0.0
        power = inv
        for c in _STIRLING:
            total += c * power
            power *= inv2
        return total
    return math.lgamma(z) - ((z - 0.5) * math.log(z) - z + _HALF_LOG_2PI)


def _log1pmx(u: float, ratio: float | None = None) -> float:
    """log(1 + u) - u without cancellation for small |u| (u > -1).

    ``ratio`` may supply 1 + u computed directly as a quotient; it is used when u is close
    to -1, where forming 1 + u from u would lose the relative accuracy of a tiny ratio.
    """
    if u < -0.5 and ratio is not None:
        return math.log(ratio) - u
    if abs(u) < 0.25:
        # -u^2/2 + u^3/3 - u^4/4 + ...  |u| < 1/4 makes 30 terms ample for 1e-17.
        total = 0.0
        power = u * u
        k = 2
        while True:
            term = power / k
            total += -term if k % 2 == 0 else term
            if abs(term) <= 1e-17 * abs(total):
                break
            power *= u
            k += 1
            if k > 200:
                break
        return total
    return math.log1p(u) - u


def _check_df(name: str, df: float) -> None:
    if not (df > 0):  # also rejects NaN
        raise ValueError(f"{name} must be positive, got {df!r}")


def _check_finite(name: str, value: float) -> None:
    if math.isnan(value):
        raise ValueError(f"{name} is NaN")


# --------------------------------------------------------------------------------------------
# incomplete beta
# --------------------------------------------------------------------------------------------

def _log_beta_power(a: float, b: float, x: float, y: float) -> float:
    """log( x^a y^b / B(a, b) ), with y = 1 - x supplied by the caller for accuracy.

    Written through Stirling's series as
        a log(x/x0) + b log(y/y0) + log(ab / (a + b)) / 2 - log(2 pi) / 2
        + mu(a + b) - mu(a) - mu(b),          x0 = a / (a + b), y0 = b / (a + b),
    where the first two terms are evaluated with log1p(u) - u so that their large linear
    parts, which cancel exactly, are never formed.
    """
    s = a + b
    x0 = a / s
    y0 = b / s
    # the deviation from the mode-ish point, from whichever of x, y is known best
    delta = (x - x0) if x <= y else (y0 - y)
    u = delta / x0
    v = -delta / y0
    # Both log1pmx terms are <= 0, so adding them never cancels.
    main = a * _log1pmx(u, x / x0) + b * _log1pmx(v, y / y0)
    return (
        main
        + 0.5 * math.log(a * b / s)
        - _HALF_LOG_2PI
        + _stirling_remainder(s)
        - _stirling_remainder(a)
        - _stirling_remainder(b)
    )


def _beta_cf(a: float, b: float, x: float) -> float:
    """Continued fraction 1/(1+ d1/(1+ d2/(1+ ...))) of I_x(a,b) (DLMF 8.17.22), by Lentz."""
    f = 1.0
    c = 1.0
    d = 0.0
    m = 0
    # first step: numerator 1 over denominator 1 is already in f = 1/(1 + ...); we walk the
    # terms d_1, d_2, ... as the numerators of the tail.
    for n in range(1, _MAX_ITER):
        if n % 2 == 1:
            m = (n - 1) // 2
            num = -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))
        else:
            m = n // 2
            num = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m))
        d = 1.0 + num * d
        if abs(d) < _TINY:
            d = _TINY
        c = 1.0 + num / c
        if abs(c) < _TINY:
            c = _TINY
        d = 1.0 / d
        delta = c * d
        f *= delta
        if abs(delta - 1.0) < _EPS:
            break
    # f approximates 1 + d1/(1 + d2/(1+...)); the fraction we want is its reciprocal
    return 1.0 / f


def _log_ibeta_direct(a: float, b: float, x: float, y: float) -> float:
    """log I_x(a, b) from the continued fraction; accurate when x < (a + 1) / (a + b + 2)."""
    if x <= 0.0:
        return -math.inf
    cf = _beta_cf(a, b, x)
    return _log_beta_power(a, b, x, y) - math.log(a) + math.log(cf)


def _ibeta_pair(a: float, b: float, x: float, y: float) -> tuple[float, float]:
    """(I_x(a, b), 1 - I_x(a, b)), each with full relative accuracy. y must equal 1 - x."""
    if not (a > 0 and b > 0):
        raise ValueError("incomplete beta needs a > 0 and b > 0")
    if x <= 0.0:
        return 0.0, 1.0
    if y <= 0.0:
        return 1.0, 0.0
    if x < (a + 1.0) / (a + b + 2.0):
        lower = math.exp(_log_ibeta_direct(a, b, x, y))
        return lower, 1.0 - lower
    upper = math.exp(_log_ibeta_direct(b, a, y, x))
    return 1.0 - upper, upper


def betainc(a: float, b: float, x: float) -> float:
    """Regularised incomplete beta function I_x(a, b)."""
    if not 0.0 <= x <= 1.0:
        raise ValueError(f"x must be in [0, 1], got {x!r}")
    return _ibeta_pair(a, b, x, 1.0 - x)[0]


def betaincc(a: float, b: float, x: float) -> float:
    """Complement 1 - I_x(a, b), computed without cancellation."""
    if not 0.0 <= x <= 1.0:
        raise ValueError(f"x must be in [0, 1], got {x!r}")
    return _ibeta_pair(a, b, x, 1.0 - x)[1]


# --------------------------------------------------------------------------------------------
# incomplete gamma
# --------------------------------------------------------------------------------------------

def _log_gamma_power(a: float, x: float) -> float:
    """log( x^a e^-x / Gamma(a) ) = a (log1p(t) - t) + log(a / 2 pi) / 2 - mu(a), t = x/a - 1."""
    t = (x - a) / a
    return a * _log1pmx(t, x / a) + 0.5 * math.log(a) - _HALF_LOG_2PI - _stirling_remainder(a)


def _gamma_series(a: float, x: float) -> float:
    """P(a, x) by the series x^a e^-x / Gamma(a+1) * sum x^n / ((a+1)...(a+n))."""
    term = 1.0
    total = 1.0
    n = 0
    while n < _MAX_ITER:
        n += 1
        term *= x / (a + n)
        total += term
        if term < total * _EPS:
            break
    return math.exp(_log_gamma_power(a, x) - math.log(a) + math.log(total))


def _gamma_cf(a: float, x: float) -> float:
    """Q(a, x) by the Legendre continued fraction, evaluated with modified Lentz."""
    # Q = pre * 1/(x+1-a- 1(1-a)/(x+3-a- 2(2-a)/(x+5-a- ...)))
    bn = x + 1.0 - a
    c = 1.0 / _TINY
    d = 1.0 / bn if abs(bn) > _TINY else 1.0 / _TINY
    f = d
    for n in range(1, _MAX_ITER):
        an = -n * (n - a)
        bn += 2.0
        d = an * d + bn
        if abs(d) < _TINY:
            d = _TINY
        c = bn + an / c
        if abs(c) < _TINY:
            c = _TINY
        d = 1.0 / d
        delta = c * d
        f *= delta
        if abs(delta - 1.0) < _EPS:
            break
    return math.exp(_log_gamma_power(a, x) + math.log(f))


def _igamma_pair(a: float, x: float) -> tuple[float, float]:
    """(P(a, x), Q(a, x)) with full relative accuracy for the smaller of the two."""
    if not a > 0:
        raise ValueError("incomplete gamma needs a > 0")
    if x <= 0.0:
        return 0.0, 1.0
    if math.isinf(x):
        return 1.0, 0.0
    if x < a + 1.0:
        p = _gamma_series(a, x)
        return p, 1.0 - p
    q = _gamma_cf(a, x)
    return 1.0 - q, q


def gammainc(a: float, x: float) -> float:
    """Regularised lower incomplete gamma function P(a, x)."""
    return _igamma_pair(a, x)[0]


def gammaincc(a: float, x: float) -> float:
    """Regularised upper incomplete gamma function Q(a, x)."""
    return _igamma_pair(a, x)[1]


# --------------------------------------------------------------------------------------------
# p-values of test statistics
# --------------------------------------------------------------------------------------------

def _check_tails(tails: int) -> None:
    if tails not in (1, 2):
        raise ValueError(f"tails must be 1 or 2, got {tails!r}")


def p_z(z: float, tails: int = 2) -> float:
    """p-value of a standard-normal statistic: P(|Z| >= |z|) (tails=2) or P(Z >= |z|) (tails=1)."""
    _check_finite("z", z)
    _check_tails(tails)
    p2 = math.erfc(abs(z) / math.sqrt(2.0))
    return p2 if tails == 2 else 0.5 * p2


def p_t(t: float, df: float, tails: int = 2) -> float:
    """p-value of Student's t: P(|T| >= |t|) for tails=2, P(T >= |t|) for tails=1.

    Two-tailed p = I_x(df/2, 1/2) with x = df / (df + t^2). df may be math.inf (normal).
    """
    _check_finite("t", t)
    _check_df("df", df)
    _check_tails(tails)
    if math.isinf(df):
        return p_z(t, tails)
    if math.isinf(t):
        return 0.0
    t2 = t * t
    if t2 == 0.0:
        return 1.0 if tails == 2 else 0.5
    # x = df / (df + t^2) and y = t^2 / (df + t^2), each formed directly
    x, y = _fractions(df, t2)
    p2 = _ibeta_pair(0.5 * df, 0.5, x, y)[0]
    p2 = min(p2, 1.0)
    return p2 if tails == 2 else 0.5 * p2


def _fractions(a: float, b: float) -> tuple[float, float]:
    """(a / (a + b), b / (a + b)) for a, b >= 0, each formed from the smaller ratio so neither loses digits to 1 - x."""
    if b > a:
        r = a / b
        return r / (1.0 + r), 1.0 / (1.0 + r)
    r = b / a
    return 1.0 / (1.0 + r), r / (1.0 + r)


def p_f(f: float, df1: float, df2: float) -> float:
    """Upper-tail p-value of an F(df1, df2) statistic: P(F >= f) = I_x(df2/2, df1/2), x = df2/(df2 + df1 f)."""
    _check_finite("F", f)
    _check_df("df1", df1)
    _check_df("df2", df2)
    if f <= 0.0:
        return 1.0
    if math.isinf(f):
        return 0.0
    if math.isinf(df2):
        return p_chi2(f * df1, df1)
    x, y = _fractions(df2, df1 * f)
    return min(_ibeta_pair(0.5 * df2, 0.5 * df1, x, y)[0], 1.0)


def p_chi2(x: float, df: float) -> float:
    """Upper-tail p-value of a chi-square statistic: P(X >= x) = Q(df/2, x/2)."""
    _check_finite("chi2", x)
    _check_df("df", df)
    if x <= 0.0:
        return 1.0
    return min(_igamma_pair(0.5 * df, 0.5 * x)[1], 1.0)


def p_q(q: float, df: float) -> float:
    """p-value of Cochran's Q (heterogeneity), which is referred to chi-square with df = k - 1."""
    return p_chi2(q, df)


def p_r(r: float, df: float, tails: int = 2) -> float:
    """p-value of a Pearson correlation with df = n - 2 degrees of freedom.

    Uses t = r sqrt(df / (1 - r^2)); then x = df/(df + t^2) = 1 - r^2 and y = r^2, so the
    two-tailed p is I_{1-r^2}(df/2, 1/2), with 1 - r^2 formed as (1 - |r|)(1 + |r|).
    """
    _check_finite("r", r)
    _check_df("df", df)
    _check_tails(tails)
    ar = abs(r)
    if ar > 1.0:
        raise ValueError(f"a correlation must lie in [-1, 1], got {r!r}")
    if ar == 1.0:
        return 0.0
    if ar == 0.0:
        return 1.0 if tails == 2 else 0.5
    if math.isinf(df):
        return 0.0
    x = (1.0 - ar) * (1.0 + ar)
    y = ar * ar
    p2 = min(_ibeta_pair(0.5 * df, 0.5, x, y)[0], 1.0)
    return p2 if tails == 2 else 0.5 * p2
