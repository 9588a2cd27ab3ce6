"""EV108 (effect size vs its test) and EV109 (confidence interval vs p), against scipy.

Each simulation draws real data, computes the test, the effect size or the interval and the
p-value the way analysis software does (scipy), prints them at the usual precision, and
checks that paperlint never flags the honest report, and does flag it once one number is
changed.
"""
from __future__ import annotations

import math

import pytest

from paperlint.document.offsets import SourceRange
from paperlint.stats.effects import find_effects
from paperlint.stats.extract import extract_tests
from paperlint.stats.found import FoundTest
from paperlint.stats.intervals import find_intervals, t_quantile

np = pytest.importorskip("numpy")
stats = pytest.importorskip("scipy.stats")


def _found(text: str) -> list[FoundTest]:
    out = []
    for t in extract_tests(text, "latex"):
        p_src = SourceRange(0, t.p_start, t.p_end) if t.p_start is not None else None
        out.append(FoundTest(t, SourceRange(0, t.start, t.end), p_src))
    return out


def effects(text: str):
    return find_effects(text, _found(text), "latex", lambda f: text)


def intervals(text: str):
    return find_intervals(text, _found(text), "latex", lambda a, b: text)


def one_effect(text: str):
    found = effects(text)
    assert len(found) == 1, (text, found)
    return found[0]


def apa_p(p: float) -> str:
    return "< .001" if p < 0.001 else "= " + f"{p:.3f}".lstrip("0")


def pooled_sd(a, b):
    n1, n2 = len(a), len(b)
    return math.sqrt(((n1 - 1) * a.var(ddof=1) + (n2 - 1) * b.var(ddof=1)) / (n1 + n2 - 2))


# ------------------------------------------------------------------------------------------
# EV108
# ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(200))
def test_independent_groups_effect_sizes_are_never_flagged(seed):
    rng = np.random.default_rng(seed)
    n1, n2 = int(rng.integers(3, 60)), int(rng.integers(3, 60))
    a = rng.normal(rng.normal(0, 1), 1, n1)
    b = rng.normal(0, rng.uniform(0.5, 2), n2)
    t, p = stats.ttest_ind(a, b)
    df = n1 + n2 - 2
    d = (a.mean() - b.mean()) / pooled_sd(a, b)
    g = d * (1 - 3 / (4 * df - 1))
    r = stats.pointbiserialr(np.r_[np.ones(n1), np.zeros(n2)], np.r_[a, b])[0]
    for cue in ("An independent-samples test gave", "The groups differed,", f"Between groups ($n_1 = {n1}$, $n_2 = {n2}$),"):
        for label, value in (("d", d), ("g", g), ("r", r), ("Hedges' g", g)):
            text = f"{cue} $t({df}) = {t:.2f}$, $p {apa_p(p)}$, ${label} = {value:.2f}$."
            e = one_effect(text)
            assert e.verdict() is not False, (text, e.implied())


@pytest.mark.parametrize("seed", range(200))
def test_paired_effect_sizes_are_never_flagged(seed):
    rng = np.random.default_rng(1000 + seed)
    n = int(rng.integers(3, 60))
    rho = rng.uniform(-0.5, 0.97)
    cov = [[1, rho], [rho, 1]]
    x, y = rng.multivariate_normal([rng.normal(0, 0.8), 0], cov, n).T
    t, p = stats.ttest_rel(x, y)
    diff = x - y
    dz = diff.mean() / diff.std(ddof=1)
    d_av = diff.mean() / ((x.std(ddof=1) + y.std(ddof=1)) / 2)
    r_xy = np.corrcoef(x, y)[0, 1]
    d_rm = dz * math.sqrt(2 * (1 - r_xy))
    for cue in ("Within participants,", "Scores changed,"):
        for label, value in (("d", d_av), ("d", d_rm), ("d", dz), ("d_z", dz)):
            text = f"{cue} $t({n - 1}) = {t:.2f}$, $p {apa_p(p)}$, ${label} = {value:.2f}$."
            e = one_effect(text)
            assert e.verdict() is not False, (text, e.implied())


@pytest.mark.parametrize("seed", range(150))
def test_anova_effect_sizes_are_never_flagged(seed):
    rng = np.random.default_rng(2000 + seed)
    k = int(rng.integers(2, 6))
    groups = [rng.normal(rng.normal(0, 0.7), 1, int(rng.integers(3, 30))) for _ in range(k)]
    F, p = stats.f_oneway(*groups)
    allv = np.concatenate(groups)
    ss_b = sum(len(g) * (g.mean() - allv.mean()) ** 2 for g in groups)
    ss_t = ((allv - allv.mean()) ** 2).sum()
    df1, df2 = k - 1, len(allv) - k
    eta = ss_b / ss_t
    ms_w = (ss_t - ss_b) / df2
    omega = (ss_b - df1 * ms_w) / (ss_t + ms_w)
    f_cohen = math.sqrt(eta / (1 - eta))
    for label, value in ((r"\eta_p^2", eta), (r"\eta^2", eta), ("partial $\\eta^2", eta), (r"\omega^2", omega), ("f", f_cohen)):
        if value < 0:
            continue
        text = f"The conditions differed, $F({df1}, {df2}) = {F:.2f}$, $p {apa_p(p)}$, ${label} = {value:.2f}$."
        e = one_effect(text)
        assert e.verdict() is not False, (text, e.implied())


@pytest.mark.parametrize("seed", range(100))
def test_two_way_partial_eta_squared_matches_and_plain_is_below(seed):
    rng = np.random.default_rng(3000 + seed)
    n = int(rng.integers(3, 15))
    effect_a = rng.normal(0, 0.6)
    cells = {(i, j): rng.normal(effect_a * i + rng.normal(0, 0.5) * j, 1, n) for i in range(2) for j in range(3)}
    allv = np.concatenate(list(cells.values()))
    grand = allv.mean()
    mean_a = [np.concatenate([cells[(i, j)] for j in range(3)]).mean() for i in range(2)]
    mean_b = [np.concatenate([cells[(i, j)] for i in range(2)]).mean() for j in range(3)]
    ss_a = 3 * n * sum((m - grand) ** 2 for m in mean_a)
    ss_e = sum(((c - c.mean()) ** 2).sum() for c in cells.values())
    ss_t = ((allv - grand) ** 2).sum()
    df_e = 6 * (n - 1)
    F = (ss_a / 1) / (ss_e / df_e)
    p = stats.f.sf(F, 1, df_e)
    partial, plain = ss_a / (ss_a + ss_e), ss_a / ss_t
    for label, value in ((r"\eta_p^2", partial), (r"\eta^2", plain), (r"\eta^2_G", plain)):
        text = f"Condition mattered, $F(1, {df_e}) = {F:.2f}$, $p {apa_p(p)}$, ${label} = {value:.2f}$."
        assert one_effect(text).verdict() is not False, text


@pytest.mark.parametrize("seed", range(100))
def test_a_changed_effect_size_is_flagged(seed):
    rng = np.random.default_rng(4000 + seed)
    n1 = n2 = int(rng.integers(10, 60))
    a, b = rng.normal(rng.uniform(0.3, 1.5), 1, n1), rng.normal(0, 1, n2)
    t, p = stats.ttest_ind(a, b)
    df = n1 + n2 - 2
    r = stats.pointbiserialr(np.r_[np.ones(n1), np.zeros(n2)], np.r_[a, b])[0]
    wrong = round(r, 2) + 0.05 if r < 0.8 else round(r, 2) - 0.1
    e = one_effect(f"The groups differed, $t({df}) = {t:.2f}$, $p {apa_p(p)}$, $r = {wrong:.2f}$.")
    assert e.verdict() is False
    d = (a.mean() - b.mean()) / pooled_sd(a, b)
    e = one_effect(f"An independent-samples test gave $t({df}) = {t:.2f}$, $p {apa_p(p)}$, $d = {abs(d) / 3:.2f}$.")
    assert abs(d) / 3 < 0.01 or e.verdict() is False


def test_partial_eta_squared_matches_the_scipy_f_distribution_identity():
    # F*df1 / (F*df1 + df2) is the Beta(df1/2, df2/2) variable of the F test: the p of the
    # test equals the Beta tail at eta squared
    for F, d1, d2 in ((4.5, 1, 76), (3.1, 2, 40), (12.0, 3, 120)):
        e = one_effect(f"$F({d1}, {d2}) = {F:.2f}$, $p = .04$, $\\eta_p^2 = .06$.")
        lo, hi, _ = e.implied()
        eta = F * d1 / (F * d1 + d2)
        assert lo <= eta <= hi
        assert stats.beta.sf(eta, d1 / 2, d2 / 2) == pytest.approx(stats.f.sf(F, d1, d2), rel=1e-9)


def test_effect_sizes_far_from_the_test_are_not_read():
    assert effects("Trust rose, $t(48) = 3.10$, $p = .003$; the two ratings correlated, $r = .21$.") == []
    assert effects("Trust rose, $t(48) = 3.10$, $p = .003$, $d = 2$ dimensions.") == []


# ------------------------------------------------------------------------------------------
# EV109
# ------------------------------------------------------------------------------------------

def test_t_quantile_matches_scipy():
    for df in (1, 2, 5, 10, 28.5, 100, 1000):
        for prob in (0.95, 0.975, 0.995):
            assert t_quantile(prob, df) == pytest.approx(stats.t.ppf(prob, df), rel=1e-7)


def _one_interval(text):
    found = intervals(text)
    assert len(found) == 1, (text, found)
    return found[0]


@pytest.mark.parametrize("seed", range(200))
def test_mean_difference_intervals_and_p_agree(seed):
    rng = np.random.default_rng(5000 + seed)
    n1, n2 = int(rng.integers(6, 80)), int(rng.integers(6, 80))
    a, b = rng.normal(rng.normal(0, 0.6), 1, n1), rng.normal(0, 1, n2)
    t, p = stats.ttest_ind(a, b)
    df = n1 + n2 - 2
    diff = a.mean() - b.mean()
    se = pooled_sd(a, b) * math.sqrt(1 / n1 + 1 / n2)
    for level in (95, 90, 99):
        c = stats.t.ppf(1 - (1 - level / 100) / 2, df)
        lo, hi = diff - c * se, diff + c * se
        for text in (f"The difference ($\\mathit{{MD}} = {diff:.2f}$, {level}\\% CI $[{lo:.2f}, {hi:.2f}]$, $p {apa_p(p)}$) held.",
                     f"The difference ($\\mathit{{MD}} = {diff:.2f}$, $t({df}) = {t:.2f}$, $p {apa_p(p)}$, {level}\\% CI $[{lo:.2f}, {hi:.2f}]$) held."):
            r = _one_interval(text)
            assert r.flip() is None and r.far() is None, (text, r.implied_p())


@pytest.mark.parametrize("seed", range(200))
def test_odds_ratio_intervals_and_p_agree(seed):
    rng = np.random.default_rng(6000 + seed)
    b, se = rng.normal(0, 0.8), rng.uniform(0.05, 0.6)
    p = 2 * stats.norm.sf(abs(b / se))
    z = stats.norm.ppf(0.975)
    for label in ("OR", "HR", "aOR"):
        text = f"Exposure mattered ({label} = {math.exp(b):.2f}, 95\\% CI {math.exp(b - z * se):.2f}--{math.exp(b + z * se):.2f}, $p {apa_p(p)}$)."
        r = _one_interval(text)
        assert r.ratio and r.flip() is None and r.far() is None, (text, r.implied_p())


@pytest.mark.parametrize("seed", range(100))
def test_the_implied_p_brackets_the_scipy_p(seed):
    rng = np.random.default_rng(7000 + seed)
    b, se = rng.normal(0, 0.5), rng.uniform(0.05, 0.4)
    z = stats.norm.ppf(0.975)
    text = f"($b = {b:.3f}$, 95\\% CI $[{b - z * se:.3f}, {b + z * se:.3f}]$, $p = .5$)"
    lo, hi = _one_interval(text).implied_p()
    assert lo * (1 - 1e-9) <= 2 * stats.norm.sf(abs(b / se)) <= hi * (1 + 1e-9) or abs(b) < 0.0005


@pytest.mark.parametrize("seed", range(100))
def test_a_flipped_p_is_flagged(seed):
    rng = np.random.default_rng(8000 + seed)
    b, se = rng.normal(0, 0.5), rng.uniform(0.05, 0.4)
    z = stats.norm.ppf(0.975)
    lo, hi = b - z * se, b + z * se
    if min(abs(lo), abs(hi)) < 0.01:
        return  # a bound that rounds to the null decides nothing
    p_wrong = ".30" if (lo > 0 or hi < 0) else ".01"
    r = _one_interval(f"($b = {b:.2f}$, 95\\% CI $[{lo:.2f}, {hi:.2f}]$, $p = {p_wrong}$)")
    assert r.flip() is not None


def test_skip_cues_and_means():
    assert intervals("Group A ($M = 3.2$, 95\\% CI $[2.9, 3.5]$), $p = .20$.") == []
    r = _one_interval("After Bonferroni correction ($b = 0.30$, 95\\% CI $[0.05, 0.55]$, $p = .20$).")
    assert r.skip == "Bonferroni" and r.flip() is None and r.far() is None
    r = _one_interval("($d = 0.50$, 95\\% CI $[0.10, 0.90]$, $p < .001$)")
    assert r.implied_p() is None and r.flip() is None


def test_a_p_value_written_without_an_operator():
    r = _one_interval("odds were higher (OR 1.61, 95% CI 1.17-2.20, p-value 0.003)")
    assert (r.p_op, r.p_text) == ("=", "0.003") and r.flip() is None and r.far() is None
    r = _one_interval("odds were higher (OR 1.61, 95% CI 1.17-2.20, p-value 0.30)")
    assert r.flip() is not None
