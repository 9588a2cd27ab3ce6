"""The language server's caches between lints never change what it reports.

After every one-line edit, what the server published for every file of a multi-file project
must equal a fresh ``lint_path`` (no parse cache, no memos) of the same texts, written to a
copy of the project.  The edits touch what whole-document rules read (an acronym's
definition, a GRIM mean, a test, a citation, a user macro in the root) as well as local text.
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="paperlint server needs pygls (pip install 'paperlint[lsp]')")

from test_lsp import Client, client_factory  # noqa: E402,F401  (the fixture)

from paperlint.config import find_config, load_settings  # noqa: E402
from paperlint.engine import lint_path  # noqa: E402

MAIN = r"""\documentclass{article}
\newcommand{\method}{FastFit}
\newcommand{\figref}[1]{Figure~\ref{#1}}
\begin{document}
\title{Fitting faster}
\maketitle
\begin{abstract}
Fitting models is slow. We propose \method, which fits models twice as fast. It reaches 91.2\% accuracy on three benchmarks. This suggests cheaper training is possible.
\end{abstract}
\input{chapters/intro}
\input{chapters/method}
\input{chapters/results}
\bibliographystyle{plain}
\bibliography{refs}
\end{document}
"""
INTRO = r"""\section{Introduction}
Training large models costs a lot of energy in order to reach good accuracy~\cite{smith2020}.
We train a convolutional neural network (CNN) with \method and compare it to the usual approach, which is the best method ever proposed.
TODO: say more about the motivation.
Our contributions are these.
\begin{itemize}
\item A faster fitting method (Section~\ref{sec:method}).
\item An evaluation on three benchmarks (\figref{fig:acc}).
\end{itemize}
"""
METHOD = r"""\section{Method}\label{sec:method}
The CNN is trained with a learning rate of 0.1 and the method uses a number of tricks that we describe in this section one by one so that the reader can follow them and reproduce them without our code, which we also release for anyone who wants it.
We use the GPU for all runs.
"""
RESULTS = r"""\section{Results}
Twenty participants rated the method on a 7-point Likert scale (M = 3.48, SD = 1.20, n = 20).
The difference was significant, t(28) = 2.20, p = .04, and the accuracy rose from 88.1\% to 91.2\%.
\begin{figure}
\centering
\caption{Accuracy.}\label{fig:acc}
\end{figure}
\section{Limitations}
We test one domain only.
"""
BIB = "@article{smith2020, title={Energy}, author={Smith, A.}, journal={J}, year={2020}}\n"


def make_project(root: Path) -> dict[str, Path]:
    (root / "chapters").mkdir(parents=True)
    (root / "paperlint.toml").write_text("")
    (root / "refs.bib").write_text(BIB)
    files = {"main.tex": MAIN, "chapters/intro.tex": INTRO, "chapters/method.tex": METHOD, "chapters/results.tex": RESULTS}
    for rel, text in files.items():
        (root / rel).write_text(text)
    return {rel: root / rel for rel in files}


def fresh_lint(project: Path, buffers: dict[str, str], where: Path) -> set[tuple]:
    """A full lint of the buffers, written over a copy of the project."""
    if where.exists():
        shutil.rmtree(where)
    shutil.copytree(project, where)
    for rel, text in buffers.items():
        (where / rel).write_text(text)
    main = where / "main.tex"
    res = lint_path(main, load_settings(find_config(main)), where)
    out = set()
    for d in res.diagnostics:
        rel = Path(d.path).relative_to(where.resolve()).as_posix()
        out.add((rel, d.code, d.line - 1, d.column - 1, d.end_line - 1, d.end_column - 1, d.message))
    return out


def published(c: Client, project: Path, files: dict[str, Path], uri: str, version: int) -> set[tuple]:
    """What the server published for every file after the edit that made `version` of `uri`."""
    latest = {uri: c.diagnostics(uri, version=version)}
    deadline = time.monotonic() + 30
    while len(latest) < len(files) and time.monotonic() < deadline:
        for p in files.values():
            u = p.as_uri()
            if u not in latest:
                try:
                    latest[u] = c.diagnostics(u, timeout=0.5)
                except TimeoutError:
                    pass
    root = project.resolve()
    out = set()
    for u, diags in latest.items():
        rel = Path(u[len("file://"):]).resolve().relative_to(root).as_posix()
        for d in diags:
            r = d["range"]
            out.add((rel, d["code"], r["start"]["line"], r["start"]["character"], r["end"]["line"], r["end"]["character"], d["message"]))
    return out


def edit_line(text: str, line: int, new: str) -> tuple[str, dict]:
    lines = text.split("\n")
    old = lines[line]
    lines[line] = new
    change = {"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": len(old)}}, "text": new}
    return "\n".join(lines), change


# (file, line, new text): each is one didChange of one line
EDITS = [
    ("chapters/intro.tex", 3, "TODO: say more about the motivation. TODO: and the cost."),
    ("chapters/results.tex", 1, "Twenty participants rated the method on a 7-point Likert scale (M = 3.45, SD = 1.20, n = 20)."),
    ("chapters/intro.tex", 2, "We train a network with \\method and compare it to the usual approach, which is the best method ever proposed."),
    ("chapters/results.tex", 2, "The difference was large, and the accuracy rose from 88.1\\% to 91.2\\%."),
    ("chapters/intro.tex", 1, "Training large models costs a lot of energy~\\cite{smith2020,jones2021}."),
    ("main.tex", 1, "\\newcommand{\\method}{SlowFit (SF)}"),
    ("chapters/intro.tex", 3, ""),
    ("chapters/results.tex", 5, "\\caption{Accuracy of \\method against the usual approach over the three benchmarks, higher is better.}\\label{fig:acc}"),
]


def test_incremental_diagnostics_equal_a_fresh_lint(tmp_path, client_factory):
    project = tmp_path / "project"
    files = make_project(project)
    buffers = {rel: p.read_text() for rel, p in files.items()}
    c: Client = client_factory(project, "--debounce", "0")
    c.initialize(project)
    versions = {}
    for rel in ("chapters/intro.tex", "chapters/results.tex", "main.tex"):
        c.open(files[rel], buffers[rel], version=1)
        versions[rel] = 1
        got = published(c, project, files, files[rel].as_uri(), 1)
    assert got == fresh_lint(project, buffers, tmp_path / "fresh"), "after opening"
    codes, states = set(), {frozenset(got)}
    for k, (rel, line, new) in enumerate(EDITS):
        buffers[rel], change = edit_line(buffers[rel], line, new)
        versions[rel] += 1
        c.change(files[rel], versions[rel], [change])
        got = published(c, project, files, files[rel].as_uri(), versions[rel])
        want = fresh_lint(project, buffers, tmp_path / "fresh")
        assert got == want, f"edit {k} ({rel}:{line}): only the server {sorted(got - want)}; only the fresh lint {sorted(want - got)}"
        codes |= {x[1] for x in got}
        states.add(frozenset(got))
    # the edits changed what whole-document rules and file-local ones report
    assert {"ST140", "RD101", "RD103", "EV106", "JG104", "CT110", "FG102"} <= codes
    assert len(states) >= 6


def test_caches_in_process_equal_a_fresh_lint(tmp_path):
    """The parse cache and the memos, installed in this process, across the same edits."""
    from paperlint.document import parse_cache
    from paperlint.lsp import memo

    project = tmp_path / "project"
    files = make_project(project)
    buffers = {rel: p.read_text() for rel, p in files.items()}
    main = files["main.tex"]
    settings = load_settings(find_config(main))

    def lint_with_caches():
        res = lint_path(main, settings, project)
        return {(Path(d.path).relative_to(project.resolve()).as_posix(), d.code, d.line - 1, d.column - 1, d.end_line - 1, d.end_column - 1, d.message)
                for d in res.diagnostics}

    cache = parse_cache.ParseCache()
    parse_cache.install(cache)
    memos = memo.install()
    try:
        lint_with_caches()
        for rel, line, new in EDITS:
            buffers[rel], _ = edit_line(buffers[rel], line, new)
            files[rel].write_text(buffers[rel])
            time.sleep(0.01)
            got = lint_with_caches()
            parse_cache.install(None)
            memo.uninstall()
            try:
                want = fresh_lint(project, buffers, tmp_path / "fresh")
            finally:
                parse_cache.install(cache)
                memo.install()
            assert got == want, (rel, line)
        assert cache.hits > 0 and any(m.hits for m in memos.values())
    finally:
        parse_cache.install(None)
        memo.uninstall()
