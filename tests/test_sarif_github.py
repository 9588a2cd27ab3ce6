"""The CI outputs: SARIF 2.1.0 (checked against the published schema) and GitHub workflow commands."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cli_helpers import run_cli

from paperlint.baseline import fingerprints
from paperlint.config import Settings
from paperlint.diagnostics import Diagnostic, Severity
from paperlint.engine import LintResult
from paperlint.formatters import available, get
from paperlint.formatters.github import escape_data, escape_property

SCHEMA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "sarif-schema-2.1.0.json"

ROOT = """\\documentclass{article}
\\begin{document}
\\begin{abstract}
We count edges.
\\end{abstract}
\\input{sections/intro}
\\section{Experiments}
It works.
\\section{Limitations}
Small graphs only. TODO: more.
\\end{document}
"""
INTRO = """\\section{Introduction}
Graphs matter. Our contributions are:
\\begin{itemize}
\\item We propose a method.
\\item We prove a bound (\U0001d465 is a math letter outside the BMP). TODO cite.
\\end{itemize}
"""


CONFIG = 'select = ["ST", "PL"]\n'


def run(args, cwd, env=None):
    return run_cli(args, cwd, env)


@pytest.fixture
def paper(tmp_path):
    (tmp_path / "paperlint.toml").write_text(CONFIG)   # the rules these tests use, whatever rules are added
    (tmp_path / "sections").mkdir()
    (tmp_path / "main.tex").write_text(ROOT, encoding="utf-8")
    (tmp_path / "sections" / "intro.tex").write_text(INTRO, encoding="utf-8")
    return tmp_path


def _concise(paper):
    r = run(["main.tex", "--format", "concise"], paper)
    return [line for line in r.output.splitlines() if line]


def test_formats_are_registered():
    assert {"sarif", "github"} <= set(available())


# -- SARIF ------------------------------------------------------------------------------

def test_sarif_is_valid_against_the_published_schema(paper):
    if not SCHEMA.is_file():
        pytest.skip("../shared/data/sarif-schema-2.1.0.json is not present")
    jsonschema = pytest.importorskip("jsonschema")
    r = run(["main.tex", "--format", "sarif"], paper)
    assert r.exit_code == 1
    log = json.loads(r.output)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=str)
    assert not errors, "\n".join(e.message for e in errors[:5])
    assert log["runs"][0]["results"], "the run must have results to be a meaningful check"


def test_sarif_results_point_at_the_file_that_holds_the_problem(paper):
    r = run(["main.tex", "--format", "sarif"], paper)
    log = json.loads(r.output)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    run_ = log["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == paper.resolve().as_uri() + "/"
    driver = run_["tool"]["driver"]
    assert driver["name"] == "paperlint" and driver["version"]
    got = []
    for res in run_["results"]:
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        reg = loc["region"]
        got.append(f"{loc['artifactLocation']['uri']}:{reg['startLine']}:{reg['startColumn']}: {res['ruleId']}")
        # the rule the result refers to, by id and by index
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
    # the same places the concise format prints, in the \input child where it is
    expected = [re.match(r"^(\S+:\d+:\d+: \w+)", line).group(1) for line in _concise(paper)]
    assert got == expected
    # the column counts the math letter U+1D465 as one code point (it is two UTF-16 units: 63 there)
    assert "sections/intro.tex:5:62: ST140" in got
    assert "main.tex:10:20: ST140" in got


def test_sarif_rules_and_levels(paper):
    (paper / "paperlint.toml").write_text(CONFIG + '[severity]\ndraft-marker = "info"\n')
    log = json.loads(run(["main.tex", "--format", "sarif"], paper).output)
    run_ = log["runs"][0]
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    st140 = rules["ST140"]
    assert st140["name"] == "draft-marker"
    assert st140["shortDescription"]["text"].startswith("Leftover draft markers")
    assert st140["fullDescription"]["text"]
    assert "Source:" in st140["help"]["text"] and st140["help"]["markdown"]
    assert st140["helpUri"].startswith("https://")
    assert st140["defaultConfiguration"]["level"] == "note"      # the configured severity
    assert rules["PL001"]["defaultConfiguration"]["level"] == "error"
    levels = {res["ruleId"]: res["level"] for res in run_["results"]}
    assert levels["ST140"] == "note"


def test_sarif_fingerprints_are_the_baseline_fingerprints(paper, tmp_path):
    log = json.loads(run(["main.tex", "--format", "sarif"], paper).output)
    fps = [res["partialFingerprints"]["paperlint/v1"] for res in log["runs"][0]["results"]]
    assert len(set(fps)) == len(fps)
    run(["main.tex", "--write-baseline", "base.json"], paper)
    recorded = {f["fingerprint"] for f in json.loads((paper / "base.json").read_text())["findings"]}
    assert set(fps) == recorded


def test_sarif_reports_an_unreadable_root_as_a_notification(paper):
    (paper / "broken.tex").write_bytes(b"\x00\x01\x02binary" * 100)
    r = run(["broken.tex", "--format", "sarif"], paper)
    assert r.exit_code == 2
    inv = json.loads(r.output)["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert inv["toolExecutionNotifications"][0]["level"] == "error"


def _fixed_results(tmp_path):
    """A fixed list of diagnostics (no document: the formatters must not need one)."""
    (tmp_path / "paperlint.toml").write_text("")
    mk = lambda code, name, sev, msg, file, l, c, el, ec: Diagnostic(  # noqa: E731
        code, name, sev, msg, file, str(tmp_path / file), l, c, el, ec, "main.tex", 0, 0, "https://example.org/advice")
    diags = [
        mk("ST140", "draft-marker", Severity.WARNING, "Leftover draft marker: TODO.", "main.tex", 3, 5, 3, 9),
        mk("ST110", "contributions-missing", Severity.ERROR, "100% sure:\nline two\r", "sec,tions/a:b.tex", 1, 1, 4, 2),
        mk("ST102", "introduction-missing", Severity.INFO, "No introduction, at all.", "main.tex", 1, 1, 1, 1),
    ]
    return [LintResult(root="main.tex", path=tmp_path / "main.tex", diagnostics=diags)]


def test_github_snapshot(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    out = get("github")(_fixed_results(tmp_path), Settings())
    assert out == (
        "::warning file=main.tex,line=3,col=5,endLine=3,endColumn=9,title=ST140 draft-marker::Leftover draft marker: TODO.\n"
        "::error file=sec%2Ctions/a%3Ab.tex,line=1,endLine=4,title=ST110 contributions-missing::100%25 sure:%0Aline two%0D\n"
        "::notice file=main.tex,line=1,col=1,endLine=1,endColumn=1,title=ST102 introduction-missing::No introduction, at all.\n"
    )


def test_sarif_snapshot(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    results = _fixed_results(tmp_path)
    log = json.loads(get("sarif")(results, Settings()))
    fps = [fp for _, fp in fingerprints(results)]
    assert [fp.rsplit(":", 1)[1] for fp in fps] == ["0", "0", "0"]
    out = log["runs"][0]["results"]
    rules = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert out == [
        {"ruleId": "ST140", "ruleIndex": rules.index("ST140"), "level": "warning", "message": {"text": "Leftover draft marker: TODO."},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": "main.tex", "uriBaseId": "%SRCROOT%"},
                                             "region": {"startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 9}}}],
         "partialFingerprints": {"paperlint/v1": fps[0]}, "properties": {"root": "main.tex", "name": "draft-marker"}},
        {"ruleId": "ST110", "ruleIndex": rules.index("ST110"), "level": "error", "message": {"text": "100% sure:\nline two\r"},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": "sec,tions/a%3Ab.tex", "uriBaseId": "%SRCROOT%"},
                                             "region": {"startLine": 1, "startColumn": 1, "endLine": 4, "endColumn": 2}}}],
         "partialFingerprints": {"paperlint/v1": fps[1]}, "properties": {"root": "main.tex", "name": "contributions-missing"}},
        {"ruleId": "ST102", "ruleIndex": rules.index("ST102"), "level": "note", "message": {"text": "No introduction, at all."},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": "main.tex", "uriBaseId": "%SRCROOT%"},
                                             "region": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1}}}],
         "partialFingerprints": {"paperlint/v1": fps[2]}, "properties": {"root": "main.tex", "name": "introduction-missing"}},
    ]


def test_sarif_uri_is_percent_encoded_and_absolute_outside_the_working_directory(tmp_path, monkeypatch):
    from paperlint.formatters.sarif import _uri

    assert _uri("paper dir/main rev1.tex") == ("paper%20dir/main%20rev1.tex", "%SRCROOT%")
    assert _uri(str(tmp_path / "x.tex")) == ((tmp_path / "x.tex").as_uri(), None)


# -- GitHub -----------------------------------------------------------------------------

def test_escaping():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A"


def test_github_is_chosen_automatically_in_github_actions(paper):
    r = run(["main.tex"], paper, env={"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(paper)})
    assert r.exit_code == 1
    lines = r.output.splitlines()
    assert lines and all(line.startswith("::") for line in lines)
    assert "::warning file=sections/intro.tex,line=5,col=62,endLine=5,endColumn=66,title=ST140 draft-marker::" in r.output
    # an explicit --format wins; outside Actions the default stays text
    assert run(["main.tex", "--format", "concise"], paper, env={"GITHUB_ACTIONS": "true"}).output.startswith("main.tex:")
    assert not run(["main.tex"], paper, env={"GITHUB_ACTIONS": ""}).output.startswith("::")


def test_github_paths_are_relative_to_the_workspace(paper):
    sub = paper / "sections"
    r = run([str(paper / "main.tex"), "--format", "github"], sub, env={"GITHUB_WORKSPACE": str(paper)})
    assert "file=sections/intro.tex," in r.output and "file=main.tex," in r.output
