"""`paperlint init`: a commented configuration for the paper in the current folder."""
from __future__ import annotations

import os

import pytest
import tomllib
from cli_helpers import run_cli
from click.testing import CliRunner

from paperlint.cli import main
from paperlint.commands.init_cmd import detect_venue, strip_paperlint_tables
from paperlint.config import load_settings

BODY = """\\begin{document}
\\begin{abstract}
We count edges.
\\end{abstract}
\\section{Introduction}
Graphs matter.
\\end{document}
"""


def paper_tex(preamble: str) -> str:
    return preamble + "\n" + BODY


def run(args, cwd):
    return run_cli(["init", *args], cwd)


@pytest.mark.parametrize("preamble, venue", [
    ("\\documentclass{article}\n\\usepackage[preprint]{neurips_2024}", "neurips"),
    ("\\documentclass{article}\n\\usepackage{nips_2016}", "neurips"),
    ("\\documentclass{article}\n\\usepackage[accepted]{icml2024}", "icml"),
    ("\\documentclass{article}\n\\usepackage[accepted]{icml2015stylefiles/icml2015}", "icml"),
    ("\\documentclass{article}\n\\usepackage{iclr2025_conference,times}", "iclr"),
    ("\\documentclass[11pt]{article}\n\\usepackage[]{acl}", "acl"),
    ("\\documentclass[11pt,a4paper]{article}\n\\usepackage[hyperref]{acl_natbib}", "acl"),
    ("\\documentclass[11pt]{article}\n\\usepackage[hyperref]{emnlp2020}", "acl"),
    ("\\documentclass{arxiv}", "arxiv"),
    ("\\documentclass{article}\n\\usepackage{arxiv}", "arxiv"),
    ("\\documentclass{article}\n% \\usepackage{neurips_2024}\n\\usepackage{amsmath}", None),
    ("\\documentclass{article}", None),
])
def test_detect_venue(preamble, venue):
    assert detect_venue(paper_tex(preamble)) == venue


def test_init_writes_a_commented_paperlint_toml(tmp_path):
    (tmp_path / "main.tex").write_text(paper_tex("\\documentclass{article}\n\\usepackage{neurips_2023}"))
    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "intro.tex").write_text("\\section{Introduction}\nHi.\n")
    r = run([], tmp_path)
    assert r.exit_code == 0, r.output
    text = (tmp_path / "paperlint.toml").read_text()
    assert text.count("\n#") > 5                     # commented
    data = tomllib.loads(text)
    assert data["roots"] == ["main.tex"] and data["venue"] == "neurips"
    settings = load_settings(tmp_path / "paperlint.toml")   # paperlint accepts what it wrote
    assert settings.roots == ["main.tex"] and settings.venue == "neurips"
    assert "root main.tex, venue neurips" in r.output
    # the printed pre-commit snippet is valid YAML with the hook
    yaml = pytest.importorskip("yaml")   # comes with pre-commit (test extra)
    snippet = r.output[r.output.index("# .pre-commit-config.yaml"):]
    hook = yaml.safe_load(snippet)["repos"][0]["hooks"][0]
    assert hook["id"] == "paperlint" and hook["types_or"] == ["tex", "markdown"] and hook["require_serial"] is True
    assert "--only-passed-files" in hook["entry"] and hook["exclude"] == "\\.sty$"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".paperlint")]   # no temp file left
    # the configuration is used: `paperlint .` lints the root
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert CliRunner().invoke(main, [".", "--format", "json"]).exit_code in (0, 1)
    finally:
        os.chdir(old)


def test_init_never_overwrites_without_force(tmp_path):
    (tmp_path / "main.tex").write_text(paper_tex("\\documentclass{article}"))
    (tmp_path / "paperlint.toml").write_text("select = ['ST']\n")
    r = run([], tmp_path)
    assert r.exit_code == 2 and "--force" in r.output
    assert (tmp_path / "paperlint.toml").read_text() == "select = ['ST']\n"
    assert run(["--force"], tmp_path).exit_code == 0
    assert tomllib.loads((tmp_path / "paperlint.toml").read_text())["roots"] == ["main.tex"]


PYPROJECT = """[project]
name = "my-paper"

[tool.black]
line-length = 100
"""


def test_init_appends_to_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    (tmp_path / "paper").mkdir()
    (tmp_path / "paper" / "main.tex").write_text(paper_tex("\\documentclass{article}\n\\usepackage{icml2024}"))
    r = run([], tmp_path)
    assert r.exit_code == 0, r.output
    text = (tmp_path / "pyproject.toml").read_text()
    assert text.startswith(PYPROJECT)
    data = tomllib.loads(text)
    assert data["tool"]["black"] == {"line-length": 100}
    assert data["tool"]["paperlint"]["roots"] == ["paper/main.tex"] and data["tool"]["paperlint"]["venue"] == "icml"
    assert load_settings(tmp_path / "pyproject.toml").roots == ["paper/main.tex"]
    assert "files: ^paper/" in r.output             # the hook is scoped to the paper's folder
    assert not (tmp_path / "paperlint.toml").exists()


def test_init_replaces_tool_paperlint_only_with_force(tmp_path):
    old = PYPROJECT + '\n[tool.paperlint]\nselect = ["ST"]\n\n[tool.paperlint.severity]\nST140 = "error"\n\n[tool.ruff]\nline-length = 90\n'
    (tmp_path / "pyproject.toml").write_text(old)
    (tmp_path / "main.md").write_text("---\ntitle: A paper\n---\n\n# Introduction\n\nText.\n")
    r = run([], tmp_path)
    assert r.exit_code == 2 and "already has a [tool.paperlint]" in r.output
    assert (tmp_path / "pyproject.toml").read_text() == old
    r = run(["--force"], tmp_path)
    assert r.exit_code == 0, r.output
    data = tomllib.loads((tmp_path / "pyproject.toml").read_text())
    assert data["tool"]["ruff"] == {"line-length": 90} and data["tool"]["black"] == {"line-length": 100}
    assert "select" not in data["tool"]["paperlint"] and "severity" not in data["tool"]["paperlint"]
    assert data["tool"]["paperlint"]["roots"] == ["main.md"] and "venue" not in data["tool"]["paperlint"]


def test_standalone_beside_a_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    (tmp_path / "main.tex").write_text(paper_tex("\\documentclass{article}"))
    assert run(["--standalone"], tmp_path).exit_code == 0
    assert (tmp_path / "pyproject.toml").read_text() == PYPROJECT
    assert tomllib.loads((tmp_path / "paperlint.toml").read_text())["roots"] == ["main.tex"]


def test_pyproject_is_created_on_request(tmp_path):
    (tmp_path / "main.tex").write_text(paper_tex("\\documentclass{article}"))
    assert run(["--pyproject"], tmp_path).exit_code == 0
    assert load_settings(tmp_path / "pyproject.toml").roots == ["main.tex"]


def test_no_paper_still_writes_a_valid_config(tmp_path):
    r = run([], tmp_path)
    assert r.exit_code == 0
    assert "No root file found" in r.output
    assert load_settings(tmp_path / "paperlint.toml").roots == []


def test_several_roots_prefer_main_and_mention_the_others(tmp_path):
    for name in ("supplement.tex", "main.tex"):
        (tmp_path / name).write_text(paper_tex("\\documentclass{article}"))
    run([], tmp_path)
    text = (tmp_path / "paperlint.toml").read_text()
    assert tomllib.loads(text)["roots"] == ["main.tex"] and "also found: supplement.tex" in text


def test_strip_paperlint_tables_keeps_everything_else():
    text = '[tool.a]\nx = 1\n[tool.paperlint]\ny = 2\n[ tool.paperlint.rules.x ]\nz = 3\n[tool.paperlintish]\nw = 4\n'
    assert strip_paperlint_tables(text) == "[tool.a]\nx = 1\n[tool.paperlintish]\nw = 4\n"
