"""CI outputs: GitLab Code Quality, reviewdog's rdjson and JUnit XML, checked against their formats.

The schemas below are written here from the formats' published documentation (GitLab's
"Code Quality report format"; reviewdog's proto/rdf); where a local mirror of reviewdog is
present, the report is also validated against reviewdog's own JSON schema.
"""
from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from cli_helpers import run_cli

DRAFT = ("\\documentclass{article}\n\\begin{document}\n\\begin{abstract}\nWe count edges.\n\\end{abstract}\n"
         "\\section{Introduction}\nCafé résumé: TODO here. % a comment\nAnd TODO again.\n\\end{document}\n")

GITLAB_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {"type": "object", "required": ["path", "lines"],
                         "properties": {"path": {"type": "string"},
                                        "lines": {"type": "object", "required": ["begin"],
                                                  "properties": {"begin": {"type": "integer", "minimum": 1}}}}},
        },
    },
}
_POS = {"type": "object", "properties": {"line": {"type": "integer", "minimum": 1}, "column": {"type": "integer", "minimum": 1}}}
_RANGE = {"type": "object", "properties": {"start": _POS, "end": _POS}}
RDJSON_SCHEMA = {
    "type": "object",
    "properties": {
        "source": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "url": {"type": "string"}}},
        "diagnostics": {"type": "array", "items": {
            "type": "object", "required": ["message", "location"],
            "properties": {
                "message": {"type": "string"},
                "location": {"type": "object", "required": ["path"], "properties": {"path": {"type": "string"}, "range": _RANGE}},
                "severity": {"enum": ["UNKNOWN_SEVERITY", "ERROR", "WARNING", "INFO"]},
                "code": {"type": "object", "required": ["value"], "properties": {"value": {"type": "string"}, "url": {"type": "string"}}},
                "suggestions": {"type": "array", "items": {"type": "object", "required": ["range", "text"],
                                                           "properties": {"range": _RANGE, "text": {"type": "string"}}}},
            }}},
    },
}
REVIEWDOG = Path("/work/.mirror/reviewdog+reviewdog/repo")


@pytest.fixture
def paper(tmp_path):
    (tmp_path / ".git").mkdir()  # the repository root the paths are relative to
    (tmp_path / "paperlint.toml").write_text("")
    (tmp_path / "sec").mkdir()
    (tmp_path / "sec" / "main.tex").write_text(DRAFT, encoding="utf-8")
    return tmp_path


def _run(paper, fmt, *extra):
    res = run_cli(["--format", fmt, "sec/main.tex", *extra], cwd=paper)
    assert res.exit_code == 1, res.output
    return res.stdout


def test_gitlab_code_quality(paper, monkeypatch):
    monkeypatch.delenv("CI_PROJECT_DIR", raising=False)
    report = json.loads(_run(paper, "gitlab"))
    jsonschema.validate(report, GITLAB_SCHEMA)
    todo = [r for r in report if r["check_name"] == "ST140"]
    assert [(r["location"]["path"], r["location"]["lines"]["begin"], r["severity"]) for r in todo] == \
        [("sec/main.tex", 7, "minor"), ("sec/main.tex", 8, "minor")]
    fps = [r["fingerprint"] for r in report]
    assert len(set(fps)) == len(fps)  # unique per finding
    assert fps == [r["fingerprint"] for r in json.loads(_run(paper, "gitlab"))]  # stable across runs
    # an edit above the findings moves them but keeps their fingerprints
    (paper / "sec" / "main.tex").write_text(DRAFT.replace("\\section{Introduction}\n", "\\section{Introduction}\nA new line.\n"))
    moved = {r["fingerprint"]: r["location"]["lines"]["begin"] for r in json.loads(_run(paper, "gitlab"))}
    assert [moved[r["fingerprint"]] for r in todo] == [8, 9]


def test_gitlab_paths_follow_ci_project_dir(paper, monkeypatch):
    monkeypatch.setenv("CI_PROJECT_DIR", str(paper / "sec"))
    report = json.loads(_run(paper, "gitlab"))
    assert {r["location"]["path"] for r in report} == {"main.tex"}


def test_rdjson_columns_count_utf8_bytes_and_suggest_the_quick_fix(paper):
    report = json.loads(_run(paper, "rdjson"))
    jsonschema.validate(report, RDJSON_SCHEMA)
    todo = [d for d in report["diagnostics"] if d["code"]["value"] == "ST140"]
    first = todo[0]
    # 'TODO' is code point 14 on 'Café résumé: TODO here.'; é is two bytes, three times over: byte 17
    assert first["location"]["path"] == "sec/main.tex"
    assert first["location"]["range"]["start"] == {"line": 7, "column": 17}
    assert first["location"]["range"]["end"] == {"line": 7, "column": 21}
    assert first["severity"] == "WARNING"
    # the suggestion is the language server's quick fix: the directive goes before the line's comment
    (sug,) = first["suggestions"]
    line = "Café résumé: TODO here. % a comment".encode("utf-8")
    at = sug["range"]["start"]["column"] - 1
    fixed = (line[:at] + sug["text"].encode("utf-8") + line[at:]).decode("utf-8")
    assert fixed == "Café résumé: TODO here. % paperlint: ignore[ST140] % a comment"


@pytest.mark.skipif(not (REVIEWDOG / "HEAD").exists(), reason="no local mirror of reviewdog/reviewdog (fetch it to validate against its schema)")
def test_rdjson_against_reviewdogs_own_schema(paper):
    schema = json.loads(subprocess.run(["git", "--git-dir", str(REVIEWDOG), "show", "HEAD:proto/rdf/jsonschema/DiagnosticResult.json"],
                                       capture_output=True, check=True).stdout)
    jsonschema.validate(json.loads(_run(paper, "rdjson")), schema)


def test_junit_parses_and_counts(paper):
    root = ET.fromstring(_run(paper, "junit"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "sec/main.tex"
    cases = suite.findall("testcase")
    assert int(suite.get("tests")) == len(cases) > 20  # every enabled rule is a test
    failures = [f for c in cases for f in c.findall("failure")]
    assert int(suite.get("failures")) == len(failures) == int(root.get("failures"))
    st140 = next(c for c in cases if c.get("name").startswith("ST140 "))
    assert [f.get("message").split(":")[:2] for f in st140.findall("failure")] == [["7", "14"], ["8", "5"]]
    assert all(f.get("type") == "warning" for f in st140.findall("failure"))
    assert not next(c for c in cases if c.get("name").startswith("PL001 ")).findall("failure")


def test_junit_escapes_hostile_text(tmp_path):
    (tmp_path / "paperlint.toml").write_text("")
    (tmp_path / 'a"<&>.md').write_text("# Intro\n\nWe count <&> \"quotes\" TODO \x0b here.\n", encoding="utf-8")
    res = run_cli(["--format", "junit", 'a"<&>.md'], cwd=tmp_path)
    root = ET.fromstring(res.stdout)
    assert root.find("testsuite").get("name") == 'a"<&>.md'
