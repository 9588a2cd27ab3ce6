"""GRIM and GRIMMER against brute force over integer data, and a property test: summaries of
real integer data, correctly rounded, are never called impossible."""
from __future__ import annotations

import itertools
import math
import statistics
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paperlint.stats.grim import find_summaries, grim_consistent, grimmer_consistent


def _round(x: float, d: int, mode=ROUND_HALF_UP) -> str:
    return str(Decimal(repr(x)).quantize(Decimal(1).scaleb(-d), rounding=mode))


def _all_data(n: int, low: int, high: int):
    """Every multiset of n integers in [low, high] (as sorted tuples)."""
    return itertools.combinations_with_replacement(range(low, high + 1), n)


@pytest.mark.parametrize("n", [3, 5, 8, 13])
def test_grim_matches_brute_force(n):
    possible = {_round(sum(x) / n, 2, mode) for x in _all_data(n, 1, 5) for mode in (ROUND_HALF_UP, ROUND_HALF_DOWN)}
    for cents in range(100, 501):
        text = f"{cents / 100:.2f}"
        assert grim_consistent(text, n) == (text in possible), text


@pytest.mark.parametrize("n", [4, 6, 7])
def test_grimmer_never_rejects_what_brute_force_finds(n):
    seen = set()
    for x in _all_data(n, 1, 5):
        m, sd = sum(x) / n, statistics.stdev(x)
        seen.add((_round(m, 2), _round(sd, 2)))
    for m, sd in seen:
        assert grimmer_consistent(m, sd, n), (m, sd)


def test_grimmer_rejections_are_impossible_by_brute_force():
    n = 6
    possible = {(_round(sum(x) / n, 2, mode), _round(statistics.stdev(x), 2, mode))
                for x in _all_data(n, 1, 7) for mode in (ROUND_HALF_UP, ROUND_HALF_DOWN)}
    rejected = 0
    for cents in range(100, 701, 7):
        m = f"{cents / 100:.2f}"
        if not grim_consistent(m, n):
            continue
        for sdc in range(10, 300, 3):
            sd = f"{sdc / 100:.2f}"
            if not grimmer_consistent(m, sd, n):
                rejected += 1
                assert (m, sd) not in possible, (m, sd)
    assert rejected > 50  # the test does reject things


@settings(max_examples=400, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=7), min_size=2, max_size=40), st.integers(min_value=1, max_value=3),
       st.sampled_from([ROUND_HALF_UP, ROUND_HALF_DOWN]))
def test_real_integer_data_is_never_flagged(data, decimals, mode):
    n = len(data)
    mean = _round(sum(data) / n, decimals, mode)
    sd = _round(statistics.stdev(data), decimals, mode)
    assert grim_consistent(mean, n)
    assert grimmer_consistent(mean, sd, n)
    text = f"Participants ($N = {n}$) rated trust on a 7-point Likert scale ($M = {mean}$, $SD = {sd}$)."
    for s in find_summaries(text):
        assert s.grim() is not False and s.grimmer() is not False, (mean, sd, n)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(min_value=1, max_value=5), min_size=3, max_size=3), min_size=2, max_size=30))
def test_averaged_item_scales_are_never_flagged(rows):
    n, k = len(rows), 3
    mean = _round(sum(sum(r) for r in rows) / (n * k), 2)
    text = f"The {n} participants answered a 3-item scale, each item on a 5-point Likert scale (M = {mean})."
    (s,) = find_summaries(text)
    assert s.items == 3 and s.grim() is not False


def test_percent_of_a_group():
    assert [s.grim() for s in find_summaries("Overall, 35.0% of the 17 students agreed.")] == [False]
    assert [s.grim() for s in find_summaries("Overall, 35.3% of the 17 students agreed.")] == [True]
    assert [s.grim() for s in find_summaries("Overall, 35.29% of the 170000 students agreed.")] == [None]  # cannot fail


@pytest.mark.parametrize("text", [
    "Reaction times of the 17 participants on a 7-point scale task were M = 3.48 s.",   # a unit
    "The 17 participants, aged M = 23.48, rated items on a 7-point Likert scale.",      # age
    "Participants ($N = 17$) rated trust ($M = 3.48$, $SD = 1.21$).",                 # no granular cue
    "Groups of N = 17 and N = 20 rated a 7-point Likert item (M = 3.48).",              # which n?
    "Model accuracy for the 17 raters on a 5-point scale was M = 3.48.",                 # a model score
])
def test_guards(text):
    assert all(s.grim() is not False for s in find_summaries(text))
    assert not find_summaries(text) or all(s.kind == "mean" for s in find_summaries(text))


def test_stats_command_and_html_report_list_the_summaries(tmp_path):
    import json

    from cli_helpers import run_cli

    (tmp_path / "paperlint.toml").write_text("")
    (tmp_path / "r.tex").write_text("\\documentclass{article}\n\\begin{document}\n\\section{Results}\n"
                                    "Participants ($N = 17$) rated trust on a 7-point Likert scale ($M = 3.47$, $SD = 1.21$).\n"
                                    "Overall, 35.0\\% of the 17 students <agreed>.\n\\end{document}\n")
    data = json.loads(run_cli(["stats", "r.tex", "--format", "json"], cwd=tmp_path).stdout)
    got = [(c["kind"], c["value"], c["n"], c["grim"], c["grimmer"], c["nearest_possible"]) for c in data["summaries"]]
    assert got == [("mean", "3.47", 17, "consistent", "impossible", None), ("percent", "35.0", 17, "impossible", "not testable", ["29.4", "35.3"])]
    assert data["summary"]["grim_impossible"] == 1 and data["summary"]["grimmer_impossible"] == 1
    assert run_cli(["stats", "r.tex", "--strict"], cwd=tmp_path).exit_code == 1
    page = run_cli(["r.tex", "--format", "html"], cwd=tmp_path).stdout
    card = page[page.index("Statistics checked"):]
    assert "GRIM and GRIMMER" in card and "nearest possible 29.4, 35.3" in card and "<agreed>" not in page
