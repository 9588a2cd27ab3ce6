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
                     ("EV106", 160), ("EV107", 161), ("EV108", 169), ("EV109", 170)]:
        assert expected in found, expected


def test_user_study_is_clean_and_every_consistency_check_judges_it():
    """The clean twin of the flawed draft's P21-P24: each check runs on it and passes."""
    from paperlint.commands.stats import audit
    from paperlint.engine import build_document

    path = SAMPLES / "user-study" / "paper.tex"
    diags = _codes(path)
    assert diags == [], "\n".join(f"{d.file}:{d.line}:{d.column} {d.code} {d.message}" for d in diags)
    data = audit(build_document(path, Settings()))
    assert [c["grim"] for c in data["summaries"]] == ["consistent"] * 4
    assert [c["grimmer"] for c in data["summaries"] if c["kind"] == "mean" and c["items"] == 1] == ["consistent"] * 2
    assert [c["verdict"] for c in data["effect_sizes"]] == ["consistent"] * 2
    assert [c["verdict"] for c in data["intervals"]] == ["consistent"]
    assert {r["verdict"] for r in data["tests"] if r["test"]} == {"consistent"}
