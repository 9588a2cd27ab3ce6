"""The language server's quick pass (paperlint.lsp.quick): what it publishes first after a plain
edit, that it moves the other findings right, and that its rules are really local.

The exactness of what the server publishes in the end (the full lint) is tests/test_lsp_incremental.py's.
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from paperlint.config import Settings, find_config, load_settings
from paperlint.document.offsets import TEXT
from paperlint.engine import lint_path, venue_severity
from paperlint.lsp import quick
from paperlint.registry import load_rules
from paperlint.roots import find_roots

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"

DRAFT = r"""\documentclass{article}
\begin{document}
\section{Introduction}
We study how to fit models fast, and we measure it on three data sets.
The method is simple.

We utilize a cache to reuse work % paperlint: ignore[RD103]
across runs.

\section{Results}
It is faster on all three data sets.
\end{document}
"""


def _lint(tmp_path: Path, text: str):
    path = tmp_path / "draft.tex"
    path.write_text(text)
    settings = Settings()
    return path, settings, lint_path(path, settings, tmp_path)


def _quick(res, settings, path: Path, new: str):
    doc = res.document
    got = quick.answer(doc, res.diagnostics, 0, new, str(path.resolve()), settings, load_rules(), venue_severity(doc, settings))
    assert got is not None
    return got[1]


def _keys(diags):
    return sorted((d.code, d.line, d.column, d.end_line, d.end_column, d.message) for d in diags)


@pytest.mark.parametrize("old,new,expected", [
    ("abc", "abXc", (2, "", "X")),
    ("abc", "ac", (1, "b", "")),
    ("abc", "aXYc", (1, "b", "XY")),
    ("the cat", "the cats", (7, "", "s")),
    ("aaaa", "aaaaa", (4, "", "a")),
])
def test_plain_edit_finds_the_one_change(old, new, expected):
    e = quick.plain_edit(old, new)
    assert (e.start, e.removed, e.inserted) == expected


@pytest.mark.parametrize("new", [
    "We \\emph{x} study.", "We {study}.", "We $x$ study.", "We % study.", "We study.\nMore.", "We study_x.", "We study~it.",
])
def test_plain_edit_refuses_markup_and_new_lines(new):
    assert quick.plain_edit("We study.", new) is None


def test_plain_edit_random_against_splicing():
    rng = random.Random(3)
    for _ in range(5000):
        base = "".join(rng.choice("ab c") for _ in range(rng.randrange(0, 40)))
        i = rng.randrange(0, len(base) + 1)
        j = rng.randrange(i, len(base) + 1)
        new = base[:i] + "".join(rng.choice("ab ") for _ in range(rng.randrange(0, 4))) + base[j:]
        e = quick.plain_edit(base, new)
        if base == new:
            assert e is None
            continue
        assert base[:e.start] + e.inserted + base[e.old_end:] == new
        assert base[e.start:e.old_end] == e.removed


def test_typed_word_is_reported_at_once_and_later_findings_move(tmp_path):
    path, settings, res = _lint(tmp_path, DRAFT)
    before = {d.code: d for d in res.diagnostics}
    assert "RD103" not in before           # the one there is suppressed
    new = DRAFT.replace("The method is simple.", "The method is simple in order to be fast.")
    got = _quick(res, settings, path, new)
    rd = [d for d in got if d.code == "RD103"]
    assert [(d.line, d.column, d.end_line, d.end_column) for d in rd] == [(5, 22, 5, 33)]
    assert new.split("\n")[4][21:32] == "in order to"
    # the suppression comment two paragraphs down still holds, and a full lint agrees
    full = lint_path(path, settings, tmp_path, text=new)
    assert _keys(d for d in got if d.code in quick.LOCAL) == _keys(d for d in full.diagnostics if d.code in quick.LOCAL)


def test_finding_after_the_edit_on_the_same_line_is_read_at_its_new_place(tmp_path):
    text = DRAFT.replace("The method is simple.", "The method is simple and we leverage a cache.")
    path, settings, res = _lint(tmp_path, text)
    old = [d for d in res.diagnostics if d.code == "RD103"]
    assert [(d.line, d.column) for d in old] == [(5, 26)]      # 'we leverage'
    new = text.replace("The method is simple", "The new method is simple")
    got = [d for d in _quick(res, settings, path, new) if d.code == "RD103"]
    assert [(d.line, d.column, d.start - old[0].start) for d in got] == [(5, 30, 4)]


def test_other_rules_findings_keep_their_place_or_leave(tmp_path):
    text = DRAFT.replace("It is faster", "TODO: check. It is faster")
    path, settings, res = _lint(tmp_path, text)
    todo = [d for d in res.diagnostics if d.code == "ST140"]
    assert len(todo) == 1
    # an edit before it on another line keeps it, moved by the edit's length
    new = text.replace("We study how", "We study carefully how")
    got = [d for d in _quick(res, settings, path, new) if d.code == "ST140"]
    assert [(d.line, d.column, d.start) for d in got] == [(todo[0].line, todo[0].column, todo[0].start + len("carefully "))]
    # an edit inside it drops it until the full lint is back
    new = text.replace("TODO: check.", "TOxDO: check.")
    assert [d for d in _quick(res, settings, path, new) if d.code == "ST140"] == []


def test_edit_outside_prose_gets_no_quick_pass(tmp_path):
    text = DRAFT.replace("\\section{Results}", "\\section{Results}\n\\begin{verbatim}\nwe utilize it\n\\end{verbatim}")
    path, settings, res = _lint(tmp_path, text)
    doc = res.document
    new = text.replace("we utilize it", "we utilize it a lot")
    edit = quick.plain_edit(doc.files[0].text, new)
    assert edit is not None
    assert quick.edited_paragraph(doc, 0, new, edit) is None


def _roots(corpus: Path):
    """The first root of each paper folder, as `paperlint FOLDER` finds them."""
    for d in sorted(p for p in corpus.iterdir() if p.is_dir()):
        found = find_roots(d, Settings())
        if found:
            yield found[0]


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/corpus")
def test_local_rules_are_local_on_real_papers():
    """Random plain edits in the prose of every shared paper: the quick pass's LOCAL findings in the
    edited paragraph equal a full lint's of the edited text."""
    rng = random.Random(11)
    words = [" utilize", "x", " always", " in order to", " groundbreaking", " it is worth noting that", " we prove that",
             " guarantees", " we are the first to", " our method outperforms", " TODO", " novel"]
    rules = load_rules()
    ran = 0
    for root in _roots(SHARED):
        settings = load_settings(find_config(root))
        res = lint_path(root, settings, root.parent)
        doc = res.document
        if doc is None:
            continue
        by_venue = venue_severity(doc, settings)
        o = doc.offsets
        segs = [i for i in range(len(o.vs)) if o.fi[i] == 0 and o.kind[i] == TEXT and o.se[i] - o.ss[i] > 20]
        rng.shuffle(segs)
        for i in segs[:6]:
            pos = rng.randrange(o.ss[i], o.se[i])
            old = doc.files[0].text
            new = old[:pos] + rng.choice(words) + old[pos:]
            path = str(doc.files[0].path)
            answered = quick.answer(doc, res.diagnostics, 0, new, path, settings, rules, by_venue)
            if answered is None:
                continue
            view, got = answered
            full = lint_path(root, settings, root.parent, text=new)

            def inside(ds):
                return _keys(d for d in ds if quick.read_again(d, view, path))

            assert inside(got) == inside(full.diagnostics), (root.name, pos, new[pos - 30:pos + 40])
            ran += 1
    assert ran >= 40


def test_server_publishes_the_quick_pass_then_the_full_lint(tmp_path):
    pytest.importorskip("pygls", reason="paperlint server needs pygls (pip install 'paperlint[lsp]')")
    from test_lsp import Client

    path = tmp_path / "draft.tex"
    path.write_text(DRAFT)
    (tmp_path / "paperlint.toml").write_text("")
    c = Client(tmp_path, "--debounce", "0", "--log-file", str(tmp_path / "server.log"), quick=True)
    try:
        c.initialize(tmp_path)
        c.open(path, DRAFT)
        assert not [d for d in c.diagnostics(path.as_uri(), version=1) if d["code"] == "RD103"]
        line = DRAFT.split("\n").index("The method is simple.")
        pos = {"line": line, "character": len("The method is simple")}
        c.change(path, 2, [{"range": {"start": pos, "end": pos}, "text": " in order to be fast"}])
        first = c.diagnostics(path.as_uri(), version=2)
        full = c.diagnostics(path.as_uri(), version=2)

        def rd(diags):
            return [(d["range"]["start"]["line"], d["range"]["start"]["character"], d["range"]["end"]["character"]) for d in diags if d["code"] == "RD103"]

        assert rd(first) == rd(full) == [(line, 21, 32)]
        assert "quick pass for" in (tmp_path / "server.log").read_text()
        # an edit with markup in it waits for the full lint alone: one publish
        pos = {"line": line, "character": 0}
        c.change(path, 3, [{"range": {"start": pos, "end": pos}, "text": "\\emph{Note.} "}])
        c.diagnostics(path.as_uri(), version=3)
        with pytest.raises(TimeoutError):
            c.diagnostics(path.as_uri(), version=3, timeout=1.5)
    finally:
        c.close()
