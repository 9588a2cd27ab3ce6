"""`paperlint outline`: the narrative skeleton, as text and as the documented JSON."""
from __future__ import annotations

import json
import sys
import types
from pathlib import Path

from cli_helpers import run_cli

SAMPLES = Path(__file__).resolve().parents[1] / "sample_papers"
ROLES = {"context", "gap", "contribution", "detail", "evidence", "implication"}


def run(args, cwd=None):
    return run_cli(args, cwd)


def _json(path) -> dict:
    r = run(["outline", str(path), "--format", "json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.output)


def test_json_outline_of_the_good_paper():
    data = _json(SAMPLES / "good-paper" / "main.tex")
    assert data["schema_version"] == "1.0" and data["format"] == "latex"
    assert set(data) >= {"root", "title", "abstract", "contributions", "sections", "figures", "findings", "summary"}
    assert data["title"]["text"].startswith("Sorting Before Attending")
    ab = data["abstract"]
    assert ab["classifier"] is True and ab["structured"] is False and ab["words"] > 150
    roles = [s["role"] for s in ab["sentences"]]
    assert set(roles) <= ROLES and roles[0] == "context" and roles[-1] == "implication"
    assert ab["shape"] == "context → gap → contribution → detail → evidence → implication"
    s1 = ab["sentences"][0]
    assert set(s1) >= {"index", "text", "role", "label", "confidence", "cues", "file", "line", "column", "end_line", "end_column"}
    assert s1["index"] == 1 and s1["file"].endswith("main.tex") and 0 <= s1["confidence"] <= 1
    assert ab["departures"] == []
    co = data["contributions"]
    assert len(co["items"]) == 3 and co["file"].endswith("intro.tex") and co["section"] == "Introduction"
    assert co["items"][0]["text"].startswith("We introduce SortWin")
    top = [s["title"] for s in data["sections"]]
    assert top[:3] == ["Introduction", "Method", "Experiments"]
    exp = data["sections"][2]
    assert exp["words"] >= sum(c["words"] for c in exp["children"]) and exp["children"][0]["title"] == "Setup"
    figs = {f["label"]: f for f in data["figures"]}
    assert figs["fig:results"]["kind"] == "figure" and figs["fig:results"]["caption"].startswith("Training cost")
    assert data["findings"] == [] and data["summary"] == {"error": 0, "warning": 0, "info": 0}


def test_json_outline_of_the_flawed_draft_lists_the_shape_findings():
    data = _json(SAMPLES / "flawed-draft" / "draft.tex")
    codes = {d["code"] for d in data["findings"]}
    assert {"AB101", "AB102", "ST110", "CT101", "CT110"} <= codes
    assert "ST140" not in codes and "RD103" not in codes      # only the shape rules
    assert data["abstract"]["sentences"][0]["role"] == "contribution"
    assert data["contributions"] is None


def test_markdown_outline():
    data = _json(SAMPLES / "markdown-paper" / "paper.md")
    assert data["format"] == "markdown"
    assert data["abstract"]["sentences"][1]["role"] == "gap"
    assert len(data["contributions"]["items"]) == 3
    assert any(f["label"] == "fig:plot" for f in data["figures"])


def test_text_outline():
    r = run(["outline", str(SAMPLES / "good-paper" / "main.tex")])
    assert r.exit_code == 0
    out = r.output
    assert "Title: Sorting Before Attending" in out
    assert "Abstract (" in out and "context → gap → contribution" in out
    assert "   1  context" in out and "Contributions (3 items" in out
    assert "Sections (words, subsections included):" in out and "Figures and tables:" in out
    assert out.rstrip().endswith("Shape findings: none")


def test_outline_without_the_classifier(monkeypatch):
    broken = types.ModuleType("paperlint.nlp.abstract_roles")

    def classify(sentences):
        raise RuntimeError("no model")

    broken.classify = classify
    monkeypatch.setitem(sys.modules, "paperlint.nlp.abstract_roles", broken)
    data = _json(SAMPLES / "good-paper" / "main.tex")
    assert data["abstract"]["classifier"] is False
    assert all(s["role"] is None for s in data["abstract"]["sentences"]) and len(data["abstract"]["sentences"]) == 7


def test_outline_of_a_draft_with_nothing(tmp_path):
    (tmp_path / "paperlint.toml").write_text("")
    (tmp_path / "empty.tex").write_text("\\documentclass{article}\n\\begin{document}\nHello.\n\\end{document}\n")
    r = run(["outline", "empty.tex", "--format", "json"], tmp_path)
    data = json.loads(r.output)
    assert data["title"] is None and data["abstract"] is None and data["contributions"] is None
    assert data["sections"] == [] and data["figures"] == []
    r = run(["outline", "empty.tex"], tmp_path)
    assert "Abstract: (none found)" in r.output and "(no sections)" in r.output


def test_outline_errors(tmp_path):
    (tmp_path / "bin.tex").write_bytes(b"\x00\x01binary")
    r = run(["outline", "bin.tex"], tmp_path)
    assert r.exit_code == 2 and "Traceback" not in r.output
    (tmp_path / "paperlint.toml").write_text("nonsense = 1\n")
    (tmp_path / "a.tex").write_text("\\documentclass{article}\n\\begin{document}\nHi.\n\\end{document}\n")
    r = run(["outline", "a.tex"], tmp_path)
    assert r.exit_code == 2 and "configuration error" in r.output
