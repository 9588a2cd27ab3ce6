"""ST101 and an abstract kept in its own file beside the draft (a pandoc Makefile passes a file
named ABSTRACT as metadata; the Markdown draft never includes it)."""
from __future__ import annotations

import paperlint

DRAFT = "# Introduction\n\nGraphs are everywhere. We count their edges in linear time.\n\n# Methods\n\nWe count.\n"


def _st101(folder):
    report = paperlint.lint(folder / "manuscript.md", select=["ST101"], cwd=folder)
    return [(d.code, d.line, d.column) for d in report.diagnostics]


def test_a_file_named_abstract_beside_the_draft_silences_st101(tmp_path):
    (tmp_path / "manuscript.md").write_text(DRAFT, encoding="utf-8")
    assert _st101(tmp_path) == [("ST101", 1, 1)]
    (tmp_path / "ABSTRACT").write_text("We count edges in linear time.\n", encoding="utf-8")
    assert _st101(tmp_path) == []


def test_an_empty_or_unrelated_file_does_not(tmp_path):
    (tmp_path / "manuscript.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "ABSTRACT").write_text("", encoding="utf-8")
    (tmp_path / "abstracts.md").write_text("notes on other papers' abstracts\n", encoding="utf-8")
    assert _st101(tmp_path) == [("ST101", 1, 1)]
