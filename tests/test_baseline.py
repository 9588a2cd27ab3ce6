"""Baselines: `--write-baseline` records today's findings, `--baseline` reports only new ones."""
from __future__ import annotations

import json

import pytest
from cli_helpers import run_cli

from paperlint.baseline import BASELINE_VERSION, context_text

ROOT = """\\documentclass{article}
\\begin{document}
\\begin{abstract}
We count edges.
\\end{abstract}
\\input{sections/intro}
\\section{Experiments}
It works. TODO add the table.
\\section{Limitations}
Small graphs only.
\\end{document}
"""
INTRO = """\\section{Introduction}
Graphs matter. Our contributions are:
\\begin{itemize}
\\item We propose a method. TODO name it.
\\item We prove a bound.
\\end{itemize}
"""


CONFIG = 'select = ["ST", "PL"]\n'


def run(args, cwd):
    return run_cli(args, cwd)


@pytest.fixture
def paper(tmp_path):
    (tmp_path / "paperlint.toml").write_text(CONFIG)   # the rules these tests use, whatever rules are added
    (tmp_path / "sections").mkdir()
    (tmp_path / "main.tex").write_text(ROOT)
    (tmp_path / "sections" / "intro.tex").write_text(INTRO)
    return tmp_path


def codes_at(output):
    return [line.split(" [")[0] for line in output.splitlines() if line]


def baselined(paper):
    r = run(["main.tex", "--write-baseline", "baseline.json"], paper)
    assert r.exit_code == 0, r.output
    return paper / "baseline.json"


def check(paper):
    return run(["main.tex", "--baseline", "baseline.json", "--format", "concise"], paper)


def test_write_baseline_records_findings_and_reports_nothing(paper):
    r = run(["main.tex", "--write-baseline", "baseline.json"], paper)
    assert r.exit_code == 0
    assert "recorded 2 findings in baseline.json" in r.output   # on stderr (CliRunner mixes them)
    assert "ST140 [warning]" not in r.output
    data = json.loads((paper / "baseline.json").read_text())
    assert data["version"] == BASELINE_VERSION and data["tool"] == "paperlint"
    assert [(f["code"], f["file"], f["line"]) for f in data["findings"]] == [("ST140", "main.tex", 8), ("ST140", "sections/intro.tex", 4)]
    assert all(set(f) >= {"code", "fingerprint", "file", "line", "message"} for f in data["findings"])
    assert not [p for p in paper.iterdir() if p.name.startswith(".baseline")]   # atomic write left no temp file


def test_baselined_findings_are_not_reported(paper):
    baselined(paper)
    r = check(paper)
    assert r.exit_code == 0 and r.output == ""
    # without the baseline they are still there
    assert run(["main.tex", "--format", "concise"], paper).exit_code == 1


def test_edits_above_a_finding_keep_it_baselined(paper):
    baselined(paper)
    intro = paper / "sections" / "intro.tex"
    intro.write_text("% a comment\n\nA new first paragraph.\n\n" + INTRO.replace("Graphs matter.", "Graphs matter a lot.\nReally."))
    main_tex = paper / "main.tex"
    main_tex.write_text(ROOT.replace("\\section{Experiments}", "\\section{Method}\nWe sort.\n\n\\section{Experiments}"))
    r = check(paper)
    assert r.exit_code == 0, r.output
    # the findings moved: the plain run shows them on new lines
    plain = codes_at(run(["main.tex", "--format", "concise"], paper).output)
    assert plain == ["main.tex:11:11: ST140", "sections/intro.tex:9:28: ST140"]


def test_re_wrapping_around_a_finding_keeps_it_baselined(paper):
    baselined(paper)
    main_tex = paper / "main.tex"
    main_tex.write_text(ROOT.replace("It works. TODO add the table.", "It   works.   TODO  add  the table."))
    assert check(paper).exit_code == 0


def test_a_new_finding_is_reported(paper):
    baselined(paper)
    intro = paper / "sections" / "intro.tex"
    intro.write_text(INTRO.replace("We prove a bound.", "We prove a bound. TODO which?"))
    r = check(paper)
    assert r.exit_code == 1
    assert codes_at(r.output) == ["sections/intro.tex:5:25: ST140"]


def test_editing_the_flagged_text_makes_it_new(paper):
    baselined(paper)
    (paper / "main.tex").write_text(ROOT.replace("TODO add the table.", "TODO add the figure."))
    assert codes_at(check(paper).output) == ["main.tex:8:11: ST140"]


def test_duplicates_are_counted(paper):
    same = "It works. TODO add the table."
    (paper / "main.tex").write_text(ROOT.replace(same, f"{same}\n\n{same}"))
    baselined(paper)
    assert check(paper).exit_code == 0
    # a third identical one is new; which of the three is reported does not matter
    (paper / "main.tex").write_text(ROOT.replace(same, f"{same}\n\n{same}\n\n{same}"))
    r = check(paper)
    assert r.exit_code == 1 and len(codes_at(r.output)) == 1
    # fixing one of the two recorded ones reports nothing
    (paper / "main.tex").write_text(ROOT)
    assert check(paper).exit_code == 0


def test_baseline_does_not_depend_on_the_working_directory(paper):
    baselined(paper)
    (paper / "sub").mkdir()
    r = run([str(paper / "main.tex"), "--baseline", str(paper / "baseline.json")], paper / "sub")
    assert r.exit_code == 0, r.output


def test_the_exit_status_considers_only_reported_findings(paper):
    baselined(paper)
    r = run(["main.tex", "--baseline", "baseline.json", "--fail-on", "info"], paper)
    assert r.exit_code == 0
    (paper / "main.tex").write_text(ROOT.replace("Small graphs only.", "Small graphs only. TODO"))
    r = run(["main.tex", "--baseline", "baseline.json", "--format", "json"], paper)
    assert r.exit_code == 1
    data = json.loads(r.output)
    assert [d["line"] for d in data["diagnostics"]] == [10] and data["summary"]["warning"] == 1


@pytest.mark.parametrize("content, message", [
    ("not json", "invalid JSON"),
    ('{"tool": "other"}', "not a paperlint baseline"),
    ('{"tool": "paperlint", "version": 99, "findings": []}', "version 99 is not supported"),
    ('{"tool": "paperlint", "version": 1, "findings": [{"code": 1}]}', "malformed"),
])
def test_a_bad_baseline_is_a_usage_error(paper, content, message):
    (paper / "baseline.json").write_text(content)
    r = check(paper)
    assert r.exit_code == 2 and message in r.output


def test_missing_baseline_is_a_usage_error(paper):
    r = check(paper)
    assert r.exit_code == 2 and "cannot read" in r.output


def test_fingerprint_context_is_local_and_whitespace_collapsed():
    text = "first line\nsome words before TODO and after it, and much more text here\nlast"
    start = text.index("TODO")
    ctx = context_text(text, start, start + 4)
    assert "TODO" in ctx and "first" not in ctx and "last" not in ctx
    assert ctx == context_text(text.replace("first line", "another\n\nfirst line"), start + 9, start + 13)
    assert context_text("a  \t b", 0, 6) == "\u27e8a b\u27e9"
