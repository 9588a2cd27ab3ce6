"""Table-driven tests of paperlint.stats.extract (cases in tests/data/stats_cases.toml)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

from paperlint.stats.extract import (
    extract_tests,
    normalise,
    parse_number,
    reported_interval,
)

CASES = tomllib.loads((Path(__file__).parent / "data" / "stats_cases.toml").read_text("utf-8"))["case"]

_NONE_IF_EMPTY = {"test", "p_op", "stat_op", "p_text", "stat_text", "q_type"}


def _ids(case):
    return re.sub(r"\s+", " ", case["text"].strip())[:60]


def test_table_is_big_enough():
    positives = [c for c in CASES if c["expect"]]
    reports = sum(len(c["expect"]) for c in CASES)
    negatives = [c for c in CASES if not c["expect"]]
    assert reports >= 60
    assert len(negatives) >= 15
    assert any(c.get("fmt") == "markdown" for c in positives)


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_extraction_table(case):
    text = case["text"]
    got = extract_tests(text, case.get("fmt", "latex"))
    expected = case["expect"]
    assert len(got) == len(expected), [text[r.start:r.end] for r in got]
    for report, exp in zip(got, expected):
        # the report's span always covers its own p part
        assert 0 <= report.start < report.end <= len(text)
        if report.p_start is not None:
            assert report.start <= report.p_start < report.p_end <= report.end
        for key, want in exp.items():
            if key == "span":
                assert text[report.start:report.end] == want
            elif key == "pspan":
                assert text[report.p_start:report.p_end] == want
            elif key in _NONE_IF_EMPTY and want == "":
                assert getattr(report, key) is None, key
            elif key in ("p", "df1", "df2", "n", "stat"):
                assert getattr(report, key) == pytest.approx(want, rel=1e-12, abs=0), key
            else:
                assert getattr(report, key) == want, key


def test_offsets_survive_blanked_comments():
    source = "Intro.\n% $t(9) = 1.0$, $p = .34$ was an old draft\nNow $t(28) = 2.20$, $p = .036$ holds."
    blanked = re.sub(r"%[^\n]*", lambda m: " " * len(m.group(0)), source)
    (report,) = extract_tests(blanked)
    assert blanked[report.start:report.end] == "t(28) = 2.20$, $p = .036"
    assert source[report.p_start:report.p_end] == "p = .036"


def test_normalise_maps_every_character_back():
    text = r"$\chi^{2}(1, N=40) = 3.84$, $p \leq .05$ and \textit{p}~value"
    norm, starts, ends = normalise(text)
    assert "χ^2(1, N=40) = 3.84, p ≤ .05 and p value" in norm
    assert len(norm) == len(starts) == len(ends)
    for i, ch in enumerate(norm):
        assert 0 <= starts[i] < ends[i] <= len(text)
        if ch.isdigit():
            assert text[starts[i]:ends[i]] == ch


def test_markdown_emphasis_only_in_markdown():
    # in LaTeX, stars are not markup; in Markdown they are
    assert extract_tests("*p* < .05", "markdown")
    assert extract_tests("$t_{18} = 5$, $p < .001$", "markdown")[0].df1 == 18


def test_one_tailed_flag_is_local():
    text = (
        "We used one-tailed tests in study 1.\n\n"
        "In study 2, $t(28) = 2.20$, $p = .036$."
    )
    (report,) = extract_tests(text)
    assert report.one_tailed is False
    (report,) = extract_tests("One-sided: $t(28) = 2.20$, $p = .018$.")
    assert report.one_tailed is True


@pytest.mark.parametrize(
    "text, value, half",
    [
        ("2.20", 2.2, 0.005),
        ("2.2", 2.2, 0.05),
        ("5", 5.0, 0.5),
        (".036", 0.036, 0.0005),
        ("-5.4", -5.4, 0.05),
        ("3e-4", 3e-4, 5e-5),
        ("3.5e-4", 3.5e-4, 5e-6),
        ("3×10^-4", 3e-4, 5e-5),
        ("10^-3", 1e-3, 5e-4),
        ("5%", 0.05, 0.005),
        ("0.000", 0.0, 0.0005),
    ],
)
def test_parse_number(text, value, half):
    v, h = parse_number(text)
    assert v == pytest.approx(value, rel=1e-15, abs=1e-300)
    assert h == pytest.approx(half, rel=1e-12)


def test_reported_interval_is_exact():
    assert reported_interval(".03") == (0.025, 0.035)
    assert reported_interval("0.036") == (0.0355, 0.0365)
    assert reported_interval(".000") == (-0.0005, 0.0005)
    with pytest.raises(ValueError):
        parse_number("abc")


def test_ordering_and_no_double_counting():
    text = r"$t(28) = 2.20$, $p = .036$; $\chi^2(1) = 3.84$, $p = .05$; bare $p < .01$ in a t-test."
    got = extract_tests(text)
    assert [r.test for r in got] == ["t", "chi2", None]
    assert [r.start for r in got] == sorted(r.start for r in got)


def test_large_document_is_fast():
    para = (
        "We trained the model with learning rate 0.001 and dropout $p = 0.1$. "
        "In the user study, $t(28) = 2.20$, $p = .036$, and $F(2, 56) = 4.1$, $p < .05$. "
        r"\begin{equation} p(x \mid y) = \frac{p(y|x) p(x)}{p(y)} \end{equation}" "\n\n"
    )
    text = para * 1500  # ~390 kB, the size of the largest corpus paper
    t0 = time.perf_counter()
    got = extract_tests(text)
    elapsed = time.perf_counter() - t0
    assert len(got) == 3000
    assert elapsed < 5.0


# ------------------------------------------------------------------------- robustness
PATHOLOGICAL = [
    "p" + " " * 3000 + "x",
    "p-value of" + " " * 3000,
    "t(28) =" + " " * 3000 + "x",
    "t(28) = 2.2" + ", " * 3000 + "x",
    "F_" + " " * 3000,
    "$p$ " + ("\n" + " " * 80) * 60 + "x",        # a blanked comment block after a p
    "t(28) = 2.2, " + "d = 1, " * 1000,
    "{" * 5000 + "p" + "}" * 5000 + " = .03",
    "p " * 3000,
    "10^" * 3000,
]


@pytest.mark.parametrize("text", PATHOLOGICAL, ids=lambda s: repr(s[:12]))
def test_no_catastrophic_backtracking(text):
    t0 = time.perf_counter()
    extract_tests(text)
    extract_tests(text, "markdown")
    assert time.perf_counter() - t0 < 1.0


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ModuleNotFoundError:  # hypothesis is a test extra; the rest of the module still runs
    given = None

if given is not None:
    _PIECES = st.sampled_from(
        list("pPtFrzQχ()[]{}_^$=<>≤.,;:-0123456789 \n\\%*ens")
        + [r"\chi", r"\leq", "p-value", r"\textit{p}", "10^{-3}", r"\times", " of ", "n.s.", "*p*"]
    )

    @settings(max_examples=150, deadline=None)
    @given(st.lists(_PIECES, max_size=80).map("".join), st.sampled_from(["latex", "markdown"]))
    def test_spans_are_always_valid(text, fmt):
        for r in extract_tests(text, fmt):
            assert 0 <= r.start < r.end <= len(text)
            if r.p_start is not None:
                assert r.start <= r.p_start < r.p_end <= r.end
            if r.test is None:
                assert r.p is not None and r.stat is None


# ------------------------------------------------------------------------- real drafts
# the conftest's `corpus` fixture skips these tests when ../shared/corpus is absent


def _blank_comments(text: str, fmt: str) -> str:
    if fmt == "markdown":
        return re.sub(r"<!--.*?-->", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.DOTALL)
    return re.sub(r"(?<!\\)%[^\n]*", lambda m: " " * len(m.group(0)), text)


def _corpus_reports(root: Path) -> list[tuple[str | None, str | None]]:
    out = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".tex", ".md"):
            continue
        fmt = "markdown" if path.suffix == ".md" else "latex"
        text = _blank_comments(path.read_text("utf-8", errors="replace"), fmt)
        out += [(r.test, r.p_op) for r in extract_tests(text, fmt)]
    return out


@pytest.mark.parametrize(
    "paper, expected",
    [
        # hand-checked: every numeric report in the live (uncommented) source
        ("gehrke-acc-pe", [("F", "<"), ("t", "<"), ("t", "<"), ("t", "<"), ("t", "<")]),
        ("deriu-spotthebot", [(None, "<")] * 4),
        ("lloyd-gpss", [(None, "=")]),           # "a $p$-value of 5\%" in a table caption
        ("bayestestr-joss", [(None, "=")]),      # "p (MAP) = 0.629" in R output
        ("broman-qtlx", []),                     # thresholds as alpha only
        ("kedzie-emnlp2020", []),                # "at the $0.05$ level"
        ("dhrangadhariya-bionlp2022", []),       # significance marked by asterisks
    ],
)
def test_corpus_papers(corpus, paper, expected):
    if not (corpus / paper).is_dir():
        pytest.skip(f"{paper} not in the corpus")
    assert sorted(_corpus_reports(corpus / paper), key=str) == sorted(expected, key=str)


def test_no_reports_in_papers_without_p_values(corpus):
    import json

    labels = json.loads((corpus / "labels.json").read_text("utf-8"))
    found = {
        paper: _corpus_reports(corpus / paper)
        for paper, lab in labels.items()
        if not lab["p_values"] and (corpus / paper).is_dir()
    }
    assert found, "no p_values: false papers found"
    assert {k: v for k, v in found.items() if v} == {}


# ------------------------------------------------------------------------- the pre-filter
def _shifted(text: str, fmt: str = "latex"):
    return extract_tests(text, fmt, prefilter=False), extract_tests(text, fmt)


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_prefilter_changes_nothing_on_the_table(case):
    full, fast = _shifted(case["text"], case.get("fmt", "latex"))
    assert fast == full


def test_prefilter_changes_nothing_inside_a_long_math_heavy_paper():
    filler = (
        r"Let $x^{t+1} = x^t - \gamma g^t$ and $r_i = h^{t}_i$ for $t = 0, 1, \dots, T - 1$; "
        r"the norm $\|x\|_p$ with $p = 2$ and $\sum_{i=1}^n p_i = 1$. " "\n"
    ) * 40
    texts = [c["text"] for c in CASES if c.get("fmt", "latex") == "latex"]
    doc = "\n\n".join(filler + "\n\n" + t + " " + filler for t in texts)
    full, fast = _shifted(doc)
    assert fast == full
    assert len(fast) >= sum(len(c["expect"]) for c in CASES if c.get("fmt", "latex") == "latex")


def test_prefilter_is_fast_on_a_math_heavy_paper():
    para = (
        r"Let $x^{t+1} = x^t - \gamma g^t$ and $r_i = h^{t}_i$ with $\|x\|_p$, $p_a \leq 1$. "
        r"\begin{align} f(x^{t}) - f^* &\leq (1 - \gamma \mu)^{t} \Delta_0 \end{align}" "\n"
    )
    text = para * 2500   # ~400 kB of math and no report
    t0 = time.perf_counter()
    assert extract_tests(text) == []
    assert time.perf_counter() - t0 < 0.5   # about 20 ms here; a whole-text run takes 0.3 s


def test_candidate_windows_are_whole_paragraphs():
    from paperlint.stats.extract import candidate_windows

    text = "Intro words.\n\nWe found $t(28) = 2.20$,\n$p = .036$ here.\n\nMath $x^{t} = 1$ only.\n"
    (win,) = candidate_windows(text)
    assert text[win[0]:win[1]] == "We found $t(28) = 2.20$,\n$p = .036$ here."


def test_qualifier_is_kept():
    (bayes,) = extract_tests("Against the null hypothesis, p (MAP) = 0.629.", "markdown")
    assert bayes.qualifier.strip() == "(MAP)"
    (adj,) = extract_tests(r"Corrected ($p_{\text{FDR}} < .05$).")
    assert "FDR" in adj.qualifier
    (plain,) = extract_tests("Accuracy rose, $t(28) = 2.20$, $p = .036$.")
    assert plain.qualifier is None
