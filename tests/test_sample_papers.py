"""Our own sample papers: the good ones lint clean, the flawed draft shows its deliberate problems."""
from __future__ import annotations

from pathlib import Path

from paperlint.config import Settings
from paperlint.engine import lint_path

SAMPLES = Path(__file__).resolve().parents[1] / "sample_papers"


def _codes(path):
    res = lint_path(path, Settings())
    assert res.error is None
    return res.diagnostics


def test_good_latex_paper_is_clean():
    diags = _codes(SAMPLES / "good-paper" / "main.tex")
    assert diags == [], "\n".join(f"{d.file}:{d.line}:{d.column} {d.code} {d.message}" for d in diags)


def test_markdown_paper_is_clean():
    diags = _codes(SAMPLES / "markdown-paper" / "paper.md")
    assert diags == [], "\n".join(f"{d.file}:{d.line}:{d.column} {d.code} {d.message}" for d in diags)


def test_flawed_draft_shows_its_problems():
    diags = _codes(SAMPLES / "flawed-draft" / "draft.tex")
    found = {(d.code, d.line) for d in diags}
    for expected in [("ST110", 50), ("ST140", 64), ("ST140", 86), ("ST140", 94), ("ST140", 151), ("ST120", 153),
                     ("EV106", 160), ("EV107", 161)]:
        assert expected in found, expected
