"""action.yml, the GitHub Action: its steps are run here as the runner would run them, with
the inputs substituted, so the file cannot rot."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
BAD = ("\\documentclass{article}\n\\begin{document}\n\\begin{abstract}\nWe count edges.\n\\end{abstract}\n"
       "\\section{Introduction}\nGraphs matter. TODO cite.\n\\end{document}\n")


def _expr(text: str, inputs: dict) -> str:
    """Substitute ${{ inputs.x }} as the runner does (other expressions are not used in run: scripts)."""
    return re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: inputs[m.group(1)], text)


def _inputs(**given) -> dict:
    out = {k: str(v.get("default", "")) for k, v in ACTION["inputs"].items()}
    out.update(given)
    return out


def _run_step(name: str, inputs: dict, cwd: Path, summary: Path) -> subprocess.CompletedProcess:
    step = next(s for s in ACTION["runs"]["steps"] if s["name"] == name)
    assert step["shell"] == "bash"
    env = {**os.environ, **{k: _expr(str(v), inputs) for k, v in step.get("env", {}).items()},
           "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_ACTION_PATH": str(ROOT),
           "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
    env.pop("PAPERLINT_FUZZ", None)
    # the runner's bash for composite steps: --noprofile --norc -eo pipefail {0}
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", _expr(step["run"], inputs)],
                          cwd=cwd, env=env, capture_output=True, text=True)


@pytest.fixture
def paper(tmp_path):
    (tmp_path / "paperlint.toml").write_text("")
    (tmp_path / "paper").mkdir()
    (tmp_path / "paper" / "main.tex").write_text(BAD)
    return tmp_path


def test_inputs_and_install_step():
    assert set(ACTION["inputs"]) == {"paths", "args", "fail-on", "sarif"}
    assert ACTION["runs"]["using"] == "composite"
    install = next(s for s in ACTION["runs"]["steps"] if s["name"] == "Install paperlint")
    assert '"${GITHUB_ACTION_PATH}"' in install["run"]  # paperlint from the action's own checkout
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert "figures" in extras


def test_lint_step_annotates_fails_and_writes_the_summary(paper):
    summary = paper / "summary.md"
    out = _run_step("Lint", _inputs(paths="paper/main.tex"), paper, summary)
    assert out.returncode == 1, out.stderr
    assert re.search(r"^::warning file=paper/main.tex,line=7,col=\d+,.*title=ST140 draft-marker::", out.stdout, re.M)
    text = summary.read_text()
    assert text.startswith("## paperlint") and "| `ST140` draft-marker | warning | 1 |" in text
    # a weaker fail-on passes the step; extra arguments reach paperlint
    assert _run_step("Lint", _inputs(paths="paper", **{"fail-on": "error"}), paper, summary).returncode == 0
    out = _run_step("Lint", _inputs(paths="paper", args="--select ST140 --ignore ST140"), paper, summary)
    assert out.returncode == 0 and "::" not in out.stdout


def test_sarif_step_writes_a_report_even_with_findings(paper):
    out = _run_step("Write SARIF", _inputs(paths="paper/main.tex", sarif="true"), paper, paper / "s.md")
    assert out.returncode == 0, out.stderr
    sarif = json.loads((paper / "paperlint.sarif").read_text())
    assert any(r["ruleId"] == "ST140" for r in sarif["runs"][0]["results"])
    upload = next(s for s in ACTION["runs"]["steps"] if s["name"] == "Upload SARIF")
    assert upload["with"]["sarif_file"] == "paperlint.sarif" and "inputs.sarif == 'true'" in upload["if"]


def _readme_yaml_blocks() -> dict[str, list]:
    """README's ```yaml blocks, keyed by their first comment line (the file they belong in)."""
    out: dict[str, list] = {}
    for m in re.finditer(r"```yaml\n(.*?)```", (ROOT / "README.md").read_text(), re.S):
        text = re.sub(r"^  ", "", m.group(1), flags=re.M) if m.group(1).startswith("  ") else m.group(1)
        first = text.splitlines()[0].lstrip("# ").strip()
        out.setdefault(first, []).append(yaml.safe_load(text))
    return out


def test_readme_ci_snippets_match_the_project():
    blocks = _readme_yaml_blocks()
    workflow = blocks[".github/workflows/paperlint.yml"][0]
    uses = [s for s in workflow["jobs"]["paperlint"]["steps"] if str(s.get("uses", "")).startswith("<owner>/paperlint@")]
    assert uses and set(uses[0]["with"]) <= set(ACTION["inputs"])
    local = blocks[".pre-commit-config.yaml"][0]["repos"][0]
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())[0]
    assert local["repo"] == "local"
    mine = local["hooks"][0]
    assert (mine["entry"], mine["types_or"], mine["exclude"], mine["require_serial"]) == \
        (hook["entry"], hook["types_or"], hook["exclude"], hook["require_serial"])
    gitlab = blocks[".gitlab-ci.yml"][0]["paperlint"]
    assert gitlab["artifacts"]["reports"]["codequality"] == "gl-code-quality.json"
    assert any("--format gitlab --output gl-code-quality.json" in line for line in gitlab["script"])


def test_readme_pre_commit_local_hook_runs(tmp_path):
    """The local hook's entry, run as pre-commit runs it on a changed chapter."""
    hook = _readme_yaml_blocks()[".pre-commit-config.yaml"][0]["repos"][0]["hooks"][0]
    (tmp_path / "paperlint.toml").write_text("")
    (tmp_path / "main.tex").write_text(BAD.replace("Graphs matter. TODO cite.", "\\input{intro}"))
    (tmp_path / "intro.tex").write_text("% !TeX root = main.tex\nGraphs matter. TODO cite.\n")
    env = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
    out = subprocess.run(hook["entry"].split() + ["intro.tex"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert out.returncode == 1 and "intro.tex:2:" in out.stdout and "ST140" in out.stdout
