"""Vale's ``action``: the replacements a rule offers for its match (paperlint/kinds/actions.py),
carried as ``fixes`` to JSON, SARIF, rdjson and the language server's quick fixes."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from paperlint.kinds.actions import solutions

ROOT = Path(__file__).resolve().parent.parent


class Kind:
    def __init__(self, name, params=(), suggest=None):
        self.action_name, self.action_params = name, list(params)
        if suggest is not None:
            self.suggest = suggest


@pytest.mark.parametrize("name, params, match, offered, expected", [
    ("replace", ["use", "employ"], "utilize", (), ["use", "employ"]),
    ("replace", [], "utilize", ("use",), ["use"]),                      # a substitution's swap
    ("replace", [], "Utilize", ("Use", "Use", "Utilize"), ["Use"]),       # repeats and the match itself dropped
    ("remove", [], "very", (), [""]),
    ("edit", ["regex", r"(\w+) of (\w+)", "$2 $1"], "number of cases", (), ["cases number"]),
    ("edit", ["regex", r"(?P<w>\w+)ly", "${w}"], "quickly", (), ["quick"]),
    ("edit", ["trim_right", ".!"], "Done!.", (), ["Done"]),
    ("edit", ["trim_left", "#"], "##Title", (), ["Title"]),
    ("edit", ["trim", "*"], "**bold**", (), ["bold"]),
    ("edit", ["truncate", " "], "Results and discussion", (), ["Results"]),
    ("edit", ["split", "/", "1"], "and/or", (), ["or"]),
    ("edit", ["split", "/", "5"], "and/or", (), []),                     # out of range: no fix
    ("edit", ["regex", "("], "x", (), []),                               # a broken pattern: no fix
    ("edit", [], "x", (), []),
    ("convert", ["simple"], "Title Case", (), []),                       # not run here
    ("suggest", ["script.tengo"], "x", (), []),
    ("", [], "x", (), []),
])
def test_each_action(name, params, match, offered, expected):
    assert solutions(Kind(name, params), match, offered) == expected


def test_suggest_spellings_asks_the_spelling_rule():
    kind = Kind("suggest", ["spellings"], suggest=lambda w: ["receive", "relieve"] if w == "recieve" else [])
    assert solutions(kind, "recieve") == ["receive", "relieve"]


def _run(lab, *args):
    out = subprocess.run([sys.executable, "-m", "paperlint", "paper.tex", "--select", "Lab", *args], cwd=lab,
                         capture_output=True, text=True)
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)


def test_json_sarif_and_rdjson_carry_the_fixes(lab):
    data = _run(lab, "--format", "json")
    fixed = [(d["line"], d["column"], d["fixes"]) for d in data["diagnostics"] if "fixes" in d]
    assert fixed == [(6, 4, [{"replacement": "use"}]), (7, 1, [{"replacement": "to"}]), (7, 40, [{"replacement": "dataset"}])]
    assert all("fixes" not in d for d in data["diagnostics"] if d["code"] != "Lab.WordChoice")   # rules without an action
    text = (lab / "paper.tex").read_text(encoding="utf-8").splitlines()
    assert text[5][3:10] == "utilize"        # the range a fix replaces reads as the match
    sarif = _run(lab, "--format", "sarif")
    results = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "Lab.WordChoice"]
    rep = results[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert rep["insertedContent"]["text"] == "use"
    assert rep["deletedRegion"] == {"startLine": 6, "startColumn": 4, "endLine": 6, "endColumn": 11}
    rd = _run(lab, "--format", "rdjson")
    item = next(d for d in rd["diagnostics"] if d["code"]["value"] == "Lab.WordChoice")
    assert item["suggestions"][0] == {"range": item["location"]["range"], "text": "use"}
    assert item["suggestions"][1]["text"].strip().startswith("% paperlint: ignore[Lab.WordChoice]")


def test_no_fix_where_the_match_runs_over_markup(lab):
    (lab / "paper.tex").write_text("\\documentclass{article}\n\\begin{document}\n\\section{Method}\n"
                                   "We ran it in order \\emph{to} classify nodes, and we utilize it.\n\\end{document}\n",
                                   encoding="utf-8")
    data = _run(lab, "--format", "json")
    word = [d for d in data["diagnostics"] if d["code"] == "Lab.WordChoice"]
    by_col = {d["column"]: d for d in word}
    assert by_col[53].get("fixes") == [{"replacement": "use"}]                 # 'utilize', written as it reads
    assert all("fixes" not in d for c, d in by_col.items() if c != 53)        # 'in order \emph{to}': no fix


def test_the_language_server_offers_each_fix(lab):
    pytest.importorskip("pygls")
    sys.path.insert(0, str(ROOT / "tests"))
    from test_lsp import Client

    text = (lab / "paper.tex").read_text(encoding="utf-8")
    c = Client(lab)
    try:
        c.initialize(lab)
        c.open(lab / "paper.tex", text, version=1)
        diags = [d for d in c.diagnostics((lab / "paper.tex").as_uri(), version=1) if d.get("code") == "Lab.WordChoice"]
        first = next(d for d in diags if d["range"]["start"] == {"line": 5, "character": 3})
        actions = c.request("textDocument/codeAction", {"textDocument": {"uri": (lab / "paper.tex").as_uri()},
                                                        "range": first["range"], "context": {"diagnostics": [first]}})
        replace = [a for a in actions if a["title"] == "Replace with 'use'"]
        assert len(replace) == 1 and replace[0].get("isPreferred") is True
        edit = replace[0]["edit"]["changes"][(lab / "paper.tex").as_uri()][0]
        assert edit == {"range": first["range"], "newText": "use"}
        assert any(a["title"].startswith("Suppress Lab.WordChoice") for a in actions)
    finally:
        c.close()
