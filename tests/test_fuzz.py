"""Fuzzing whole projects through the command line: generated drafts never make paperlint raise.

Drafts are built from the constructs real papers use (groups, math, verbatim, comments,
\\iffalse, macro definitions and their uses, \\input of a second generated file, lists, tables),
then saved with a random encoding (UTF-8, a UTF-8/16/32 byte-order mark, Latin-1) and random line
ends (LF, CRLF, CR). Each run must end with exit code 0, 1 or 2, print JSON, and place every
diagnostic inside the file it names.

CI runs a short profile (60 examples per test); the long one runs 10,000 per test:
``PAPERLINT_FUZZ=long python -m pytest tests/test_fuzz.py``.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli_helpers import run_cli
from paperlint.sources import read_source

EXAMPLES = 10_000 if os.environ.get("PAPERLINT_FUZZ") == "long" else 60
SHORT = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

WORDS = st.sampled_from(["We", "count", "edges", "in", "linear", "time", "the", "model", "CNN", "p = 0.03", "t(28) = 2.20,",
                         "significantly", "TODO", "é", "naïve", "Fig.~\\ref{f}", "\\cite{a,b}", "~", "--", "\\%", "e.g.", "."])
TEX_ATOMS = st.one_of(
    WORDS.map(lambda w: w + " "),
    st.sampled_from([
        "$x^2$", "$$\\sum_i x_i$$", "\\[ a = b \\]", "\\(y\\)", "\\verb|{x|", "% a comment {\n", "\\iffalse {hidden \\fi ",
        "\\begin{verbatim}\n{ $ \\end{itemize\n\\end{verbatim}\n", "\\newcommand{\\m}[1]{#1 word}", "\\m{arg} ", "\\def\\d#1{<#1>}",
        "\\d{z} ", "\\newif\\ifdraft\\drafttrue", "\\ifdraft draft\\else final\\fi ", "\\input{part}", "\\include{part}",
        "\\label{f}", "\\footnote{note}", "\\emph{", "}", "{", "$", "\\begin{figure}\\caption{C}\\end{figure}",
        "\\\\", "\n\n", "\n", "\\section{Results}", "\\paragraph{Limitations}", "\\begin{abstract}", "\\end{abstract}",
    ]),
)


def _env(name: str, inner: st.SearchStrategy) -> st.SearchStrategy:
    return inner.map(lambda body: f"\\begin{{{name}}}\n{body}\n\\end{{{name}}}\n")


TEX_BLOCK = st.recursive(
    st.lists(TEX_ATOMS, max_size=12).map("".join),
    lambda inner: st.one_of(
        inner.map(lambda t: "{" + t + "}"),
        st.lists(inner, max_size=4).map(lambda items: "\\begin{itemize}\n" + "".join("\\item " + i + "\n" for i in items) + "\\end{itemize}\n"),
        st.lists(inner, max_size=3).map(lambda cells: "\\begin{tabular}{ll}\n" + " & ".join(cells) + " \\\\\n\\end{tabular}\n"),
        _env("quote", inner),
        st.lists(inner, max_size=3).map("".join),
    ),
    max_leaves=25,
)
MD_ATOMS = st.one_of(
    WORDS.map(lambda w: w + " "),
    st.sampled_from(["# Introduction\n", "## Limitations\n", "- item\n", "1. first\n", "> quote\n", "```\n{ code\n```\n", "`x`",
                     "$x$", "$$y$$", "[@key]", "![alt](fig.png)", "<!-- c -->", "<!--", "|a|b|\n|-|-|\n|1|2|\n", "**", "\n\n", "\n",
                     "---\ntitle: T\n---\n", "<div>", "&amp;"]),
)
NEWLINES = st.sampled_from(["\n", "\r\n", "\r"])
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "latin-1"])


def _save(path: Path, text: str, newline: str, encoding: str) -> None:
    text = text.replace("\n", newline)
    if encoding == "latin-1":
        data = text.encode("latin-1", errors="replace")
    else:
        data = text.encode(encoding)  # utf-16 and utf-32 write their byte-order mark
    path.write_bytes(data)


def _check(tmp_path: Path, root: str) -> None:
    res = run_cli(["--format", "json", root], cwd=tmp_path)
    assert res.exit_code in (0, 1, 2), res.output
    report = json.loads(res.stdout)
    assert [r["error"] for r in report["roots"]] == [None], report["roots"]  # every encoding above is readable
    for d in report["diagnostics"]:
        path = tmp_path / d["file"]
        assert path.is_file(), d
        f = read_source(path)
        assert 1 <= d["line"] <= len(f.line_starts), d
        assert 1 <= d["column"] <= len(f.line_text(d["line"])) + 1, d


@SHORT
@given(preamble=st.booleans(), main=TEX_BLOCK, part=TEX_BLOCK, newline=NEWLINES, encoding=ENCODINGS, part_encoding=ENCODINGS)
def test_generated_latex_projects(tmp_path, preamble, main, part, newline, encoding, part_encoding):
    (tmp_path / "paperlint.toml").write_text("")
    head = "\\documentclass{article}\n\\begin{document}\n" if preamble else ""
    tail = "\n\\end{document}\n" if preamble else ""
    _save(tmp_path / "main.tex", head + main + tail, newline, encoding)
    _save(tmp_path / "part.tex", part, newline, part_encoding)
    _check(tmp_path, "main.tex")


@SHORT
@given(atoms=st.lists(MD_ATOMS, max_size=60), newline=NEWLINES, encoding=ENCODINGS)
def test_generated_markdown(tmp_path, atoms, newline, encoding):
    (tmp_path / "paperlint.toml").write_text("")
    _save(tmp_path / "paper.md", "".join(atoms), newline, encoding)
    _check(tmp_path, "paper.md")
