"""Bad and random input: the readers never raise, every position stays inside its file."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paperlint.config import Settings
from paperlint.engine import lint_path

from test_offsets import check_invariant

LATEX_PIECES = [
    "\\documentclass{article}\n", "\\begin{document}\n", "\\end{document}\n", "\\section{", "\\section*{Intro}", "}", "{", "$", "$$",
    "\\[", "\\]", "\\(", "\\)", "\\begin{itemize}", "\\end{itemize}", "\\item ", "\\begin{abstract}", "\\end{abstract}",
    "\\begin{figure}", "\\end{figure}", "\\caption{", "\\label{x}", "\\ref{x}", "\\cite{a,b}", "\\input{", "\\iffalse ", "\\fi ",
    "\\else ", "\\verb|", "|", "\\begin{verbatim}", "\\end{verbatim}", "% comment\n", "\\%", "\\\\", "~", "--", "``", "''",
    "\\newcommand{\\x}{", "\\def\\y#1{", "#1", "\\x", "\\y{z}", "\\emph{", "\\textbf{", "[", "]", "\\'e", "\\\"{o}",
    "\n\n", "\n", " ", "word ", "TODO ", "é", "\r\n", "\t", "\\", "\\begin{", "\\end{", "\\url{", "a%b", "\x00"[:0],
]
MD_PIECES = [
    "---\n", "title: T\n", "abstract: |\n  text\n", "# ", "## ", "Heading\n", "===\n", "- ", "1. ", "> ", "```\n", "code\n",
    "`x`", "$x$", "$$y$$", "[@key]", "@key", "[text](url)", "![alt](img.png)", "<!-- c -->", "<!--", "-->", "**", "*", "_",
    "\\*", "&amp;", "word ", "\n\n", "\n", "  ", "**Abstract**\n\n", "|a|b|\n|-|-|\n", "<div>", "</div>", "{{x}}", "é",
]


def _lint_text(tmp_path: Path, name: str, text: str):
    (tmp_path / "paperlint.toml").write_text("")
    p = tmp_path / name
    p.write_text(text, encoding="utf-8", newline="")
    res = lint_path(p, Settings())
    assert res.error is None
    doc = res.document
    assert doc is not None
    check_invariant(doc)
    for d in res.diagnostics:
        assert d.code != "PL001" or "internal error" not in d.message, d.message
        f = next(f for f in doc.files if str(f.path) == d.path)
        assert 1 <= d.line <= len(f.line_starts)
        assert 1 <= d.column <= len(f.line_text(d.line)) + 1
    return res


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(LATEX_PIECES), max_size=60))
def test_random_latex_never_raises(tmp_path, pieces):
    _lint_text(tmp_path, "r.tex", "".join(pieces))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(MD_PIECES), max_size=60))
def test_random_markdown_never_raises(tmp_path, pieces):
    _lint_text(tmp_path, "r.md", "".join(pieces))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300))
def test_arbitrary_text_never_raises(tmp_path, text):
    _lint_text(tmp_path, "t.tex", text)
    _lint_text(tmp_path, "t.md", text)


SAMPLE = (Path(__file__).parent / "fixtures" / "ST110" / "itemize_contributions.tex").read_text()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0, max_value=len(SAMPLE)))
def test_truncated_paper_never_raises(tmp_path, cut):
    _lint_text(tmp_path, "cut.tex", SAMPLE[:cut])


def test_deep_nesting_is_reported_not_crashed(tmp_path):
    res = _lint_text(tmp_path, "deep.tex", "\\documentclass{article}\n\\begin{document}\n" + "{" * 5000 + "x" + "}" * 5000 + "\n\\end{document}\n")
    assert any(d.code == "PL001" and "nested more than" in d.message for d in res.diagnostics)


def test_huge_flat_file_is_linear_enough(tmp_path):
    import time

    body = ("We count edges in $O(n)$ time~\\cite{a}. " * 20 + "\n\n") * 600  # ~ 600 KB
    t = time.perf_counter()
    _lint_text(tmp_path, "big.tex", "\\documentclass{article}\n\\begin{document}\n\\section{Introduction}\n" + body + "\\end{document}\n")
    assert time.perf_counter() - t < 20
