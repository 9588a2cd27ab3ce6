"""Bad and random input: the readers never raise, every position stays inside its file."""
from __future__ import annotations

from pathlib import Path

import pytest
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


@pytest.mark.parametrize("depth", [151, 400, 10_000])
def test_deep_balanced_groups_are_fine(tmp_path, depth):
    res = _lint_text(tmp_path, "deep.tex", "\\documentclass{article}\n\\begin{document}\n\\section{Introduction}\nWe count. "
                     + "{" * depth + "x" + "}" * depth + " Done.\n\\end{document}\n")
    assert not [d for d in res.diagnostics if d.code == "PL001"]
    assert "Done." in res.document.text  # the text after the deep group is still read


@pytest.mark.parametrize("depth", [20, 400, 10_000])
def test_one_missing_brace_deep_down_is_one_error(tmp_path, depth):
    res = _lint_text(tmp_path, "deep.tex", "\\documentclass{article}\n\\begin{document}\n\\section{Introduction}\nWe count. "
                     + "{" * depth + "x" + "}" * (depth - 1) + " Done.\n\\end{document}\n")
    found = [(d.line, d.column) for d in res.diagnostics if d.code == "PL001"]
    assert found == [(4, 11)]  # the outermost group left open


def test_deep_environments_are_reported_not_crashed(tmp_path):
    res = _lint_text(tmp_path, "deep.tex", "\\documentclass{article}\n\\begin{document}\n" + "\\begin{quote}" * 400 + "x"
                     + "\\end{quote}" * 400 + "\n\\end{document}\n")
    assert any(d.code == "PL001" and "nested more than" in d.message for d in res.diagnostics)


@pytest.mark.parametrize("codec,bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-32-le", b"\xff\xfe\x00\x00")])
def test_utf16_and_utf32_with_a_bom_are_read(tmp_path, codec, bom):
    (tmp_path / "paperlint.toml").write_text("")
    p = tmp_path / "wide.tex"
    text = "\\documentclass{article}\r\n\\begin{document}\r\n\\section{Introduction}\r\nCafé résumé: TODO here.\r\n\\end{document}\r\n"
    p.write_bytes(bom + text.encode(codec))
    res = lint_path(p, Settings())
    assert res.error is None
    pl003 = [d for d in res.diagnostics if d.code == "PL003"]
    assert len(pl003) == 1 and codec in pl003[0].message and (pl003[0].line, pl003[0].column) == (1, 1)
    todo = [d for d in res.diagnostics if d.code == "ST140"]
    assert [(d.line, d.column) for d in todo] == [(4, 14)]


def test_nul_bytes_without_a_bom_stay_binary(tmp_path):
    (tmp_path / "paperlint.toml").write_text("")
    p = tmp_path / "blob.tex"
    p.write_bytes(b"\\documentclass{article}\x00\x00\x01")
    assert "binary" in lint_path(p, Settings()).error


def test_huge_flat_file_is_linear_enough(tmp_path):
    import time

    body = ("We count edges in $O(n)$ time~\\cite{a}. " * 20 + "\n\n") * 600  # ~ 600 KB
    t = time.perf_counter()
    _lint_text(tmp_path, "big.tex", "\\documentclass{article}\n\\begin{document}\n\\section{Introduction}\n" + body + "\\end{document}\n")
    assert time.perf_counter() - t < 20
