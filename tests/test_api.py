"""The public Python API: paperlint.lint and its Report."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import paperlint
from cli_helpers import run_cli

SAMPLES = Path(__file__).resolve().parents[1] / "sample_papers"
DRAFT = "\\documentclass{article}\n\\begin{document}\n\\section{Introduction}\nTODO fix this.\n\\end{document}\n"


def test_lint_a_path_matches_the_cli_json(tmp_path):
    report = paperlint.lint(SAMPLES / "flawed-draft" / "draft.tex", cwd=SAMPLES.parent)
    cli = run_cli(["--format", "json", "sample_papers/flawed-draft/draft.tex"], SAMPLES.parent)
    assert report.to_json() == json.loads(cli.output)
    assert report.error is None and report.failed() and report.counts["error"] >= 2
    assert report.document is not None and report.document.format == "latex"


def test_lint_text_with_select_and_positions(tmp_path):
    report = paperlint.lint(DRAFT, select=["ST140"], cwd=tmp_path)
    assert [(d.code, d.line, d.column) for d in report.diagnostics] == [("ST140", 4, 1)]
    md = paperlint.lint(text="# Results\n\nTrust rose, t(48) = 3.10, p = .003, r = .21.\n", name="paper.md", select="EV108", cwd=tmp_path)
    assert [(d.file, d.line, d.column, d.code) for d in md.diagnostics] == [("paper.md", 3, 37, "EV108")]
    assert not md.failed("error") and md.failed("warning")


def test_ignore_config_table_and_errors(tmp_path):
    assert paperlint.lint(DRAFT, select="ST", ignore="ST140", cwd=tmp_path).counts["warning"] >= 1
    quiet = paperlint.lint(DRAFT, config={"ignore": ["ST140"]}, select=None, cwd=tmp_path)
    assert "ST140" not in {d.code for d in quiet.diagnostics}
    assert paperlint.lint(tmp_path / "missing.tex").error
    with pytest.raises(ValueError, match="matches no rule"):
        paperlint.lint(DRAFT, select="NOPE")
    with pytest.raises(ValueError, match="configuration error"):
        paperlint.lint(DRAFT, config={"no_such_key": 1})
    with pytest.raises(ValueError):
        paperlint.lint()


def test_the_api_is_not_imported_by_the_package_alone():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", "import sys, paperlint; print('paperlint.api' in sys.modules, 'paperlint.engine' in sys.modules)"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
