"""pre-commit: chapters are linted through their root, and only the passed files are reported.

The last two tests use the real `pre-commit` tool (test extra): they build a small paper in
a temporary git repository, install paperlint's hook from a snapshot of this checkout and
check that a bad commit is stopped and a good one passes.  They take ~30 s (pre-commit
builds a virtualenv and pip-installs paperlint into it) and run by default.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import run_cli

from paperlint.config import Settings
from paperlint.roots import RootFinder, included_files, magic_root

CHECKOUT = Path(__file__).resolve().parent.parent

ROOT = """\\documentclass{article}
\\usepackage{neurips_2024}
\\begin{document}
\\begin{abstract}
We count edges.
\\end{abstract}
\\input{chapters/intro}
\\section{Experiments}
It works.
\\section{Limitations}
Small graphs only.
\\end{document}
"""
# an introduction without a contributions list: ST110, which only the whole paper can judge
INTRO = """\\section{Introduction}
Graphs matter, and counting their edges is hard.
"""
GOOD_INTRO = """\\section{Introduction}
Graphs matter. Our contributions are:
\\begin{itemize}
\\item We propose a method.
\\item We prove a bound.
\\end{itemize}
"""


CONFIG = 'select = ["ST", "PL"]\n'   # the rules these tests use, whatever rules are added


def run(args, cwd):
    return run_cli(args, cwd)


def found(output):
    return [line.split(" [")[0] for line in output.splitlines() if line and not line.startswith("paperlint:")]


@pytest.fixture
def paper(tmp_path):
    (tmp_path / "paperlint.toml").write_text(CONFIG)
    (tmp_path / "chapters").mkdir()
    (tmp_path / "paper.tex").write_text(ROOT)
    (tmp_path / "chapters" / "intro.tex").write_text(INTRO)
    return tmp_path


# -- finding the root ------------------------------------------------------------------

def test_a_chapter_is_linted_through_the_root_that_inputs_it(paper):
    r = run(["chapters/intro.tex", "--format", "concise"], paper)
    assert found(r.output) == ["chapters/intro.tex:1:1: ST110"]
    assert r.exit_code == 1
    # its root is the document: `roots` in the JSON says which one
    data = json.loads(run(["chapters/intro.tex", "--format", "json"], paper).output)
    assert [x["file"] for x in data["roots"]] == ["paper.tex"]


def test_magic_comment(paper):
    (paper / "paperlint.toml").unlink()
    (paper / "other").mkdir()
    (paper / "other" / "main.tex").write_text(ROOT.replace("chapters/intro", "../chapters/intro"))
    (paper / "chapters" / "intro.tex").write_text("% !TeX root = ../other/main.tex\n" + INTRO)
    assert magic_root(paper / "chapters" / "intro.tex") == (paper / "other" / "main.tex").resolve()
    # a sub-chapter pointing at its chapter is followed up to the root
    (paper / "chapters" / "sub.tex").write_text("%!TEX root=intro.tex\nText.\n")
    finder = RootFinder(Settings())
    assert finder.root_of(paper / "chapters" / "sub.tex") == (paper / "other" / "main.tex").resolve()
    assert finder.root_of(paper / "chapters" / "intro.tex") == (paper / "other" / "main.tex").resolve()


def test_configured_roots(paper):
    (paper / "book.tex").write_text(ROOT)    # another root that inputs it, but not the configured one
    (paper / "paperlint.toml").write_text(CONFIG + 'roots = ["paper.tex"]\n')
    from paperlint.config import load_settings

    finder = RootFinder(load_settings(paper / "paperlint.toml"))
    assert finder.root_of(paper / "chapters" / "intro.tex") == (paper / "paper.tex").resolve()


def test_includes_are_resolved_like_the_reader_does(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.tex").write_text("\\subimport{b/}{y}\n% \\input{commented}\n")
    (tmp_path / "a" / "b").mkdir()
    (tmp_path / "a" / "b" / "y.tex").write_text("y")
    (tmp_path / "commented.tex").write_text("c")
    (tmp_path / "main.tex").write_text("\\documentclass{article}\n\\include{a/x}\n\\input z\n")
    (tmp_path / "z.tex").write_text("z")
    got = {p.relative_to(tmp_path.resolve()).as_posix() for p in included_files(tmp_path / "main.tex")}
    assert got == {"main.tex", "a/x.tex", "a/b/y.tex", "z.tex"}


def test_only_passed_files(paper):
    (paper / "paper.tex").write_text(ROOT.replace("It works.", "It works. TODO"))
    (paper / "chapters" / "intro.tex").write_text(INTRO + "TODO too.\n")
    everything = found(run(["paper.tex", "--format", "concise"], paper).output)
    assert everything == ["chapters/intro.tex:1:1: ST110", "chapters/intro.tex:3:1: ST140", "paper.tex:9:11: ST140"]
    r = run(["--only-passed-files", "paper.tex", "--format", "concise"], paper)
    assert found(r.output) == ["paper.tex:9:11: ST140"]
    r = run(["--only-passed-files", "chapters/intro.tex", "--format", "concise"], paper)
    assert found(r.output) == ["chapters/intro.tex:1:1: ST110", "chapters/intro.tex:3:1: ST140"]
    # the exit status considers only what is reported
    (paper / "chapters" / "intro.tex").write_text(GOOD_INTRO)
    assert run(["--only-passed-files", "chapters/intro.tex"], paper).exit_code == 0
    assert run(["--only-passed-files", "paper.tex"], paper).exit_code == 1


def test_a_root_is_linted_once_for_several_chapters(paper):
    (paper / "paper.tex").write_text(ROOT.replace("\\input{chapters/intro}", "\\input{chapters/intro}\n\\input{chapters/method}"))
    (paper / "chapters" / "method.tex").write_text("\\section{Method}\nWe sort. TODO\n")
    r = run(["--only-passed-files", "chapters/intro.tex", "chapters/method.tex", "--format", "json"], paper)
    data = json.loads(r.output)
    assert len(data["roots"]) == 1
    assert [(d["file"], d["code"]) for d in data["diagnostics"]] == [("chapters/intro.tex", "ST110"), ("chapters/method.tex", "ST140")]


def test_a_chapter_without_a_root_is_linted_alone(tmp_path):
    (tmp_path / "paperlint.toml").write_text(CONFIG)
    (tmp_path / "notes.tex").write_text("\\section{Introduction}\nSome notes. TODO\n")
    r = run(["notes.tex", "--format", "concise"], tmp_path)
    assert found(r.output) == ["notes.tex:2:13: ST140"]     # no ST110: a fragment is not judged as a paper


def test_a_wrong_magic_comment_falls_back_to_the_chapter_alone(paper):
    (paper / "other.tex").write_text("\\documentclass{article}\n\\begin{document}\nHi.\n\\end{document}\n")
    (paper / "chapters" / "intro.tex").write_text("% !TeX root = ../other.tex\n" + INTRO + "TODO\n")
    r = run(["chapters/intro.tex", "--format", "concise"], paper)
    assert "its root other.tex does not include it; linted on its own" in r.output
    assert found(r.output) == ["chapters/intro.tex:4:1: ST140"]


def test_markdown_is_its_own_root_and_manubot_chapters_share_one(tmp_path):
    (tmp_path / "paperlint.toml").write_text(CONFIG)
    (tmp_path / "paper.md").write_text("# Introduction\n\nText. TODO\n")
    assert RootFinder(Settings()).root_of(tmp_path / "paper.md") == (tmp_path / "paper.md").resolve()
    content = tmp_path / "content"
    content.mkdir()
    (content / "01.abstract.md").write_text("## Abstract\n\nWe count edges. TODO first\n")
    (content / "02.intro.md").write_text("## Introduction\n\nGraphs matter. TODO second\n")
    assert RootFinder(Settings()).root_of(content / "02.intro.md") == (content / "01.abstract.md").resolve()
    r = run(["--only-passed-files", "content/02.intro.md", "--format", "concise"], tmp_path)
    assert [x for x in found(r.output) if "ST140" in x] == ["content/02.intro.md:3:16: ST140"]


def test_hook_definition():
    yaml = pytest.importorskip("yaml")
    hooks = yaml.safe_load((CHECKOUT / ".pre-commit-hooks.yaml").read_text())
    assert len(hooks) == 1
    hook = hooks[0]
    assert hook["id"] == "paperlint" and hook["language"] == "python"
    assert hook["entry"].split()[0] == "paperlint" and "--only-passed-files" in hook["entry"]
    assert hook["types_or"] == ["tex", "markdown"]
    assert hook["require_serial"] is True
    import re

    assert re.search(hook["exclude"], "style/paper.sty") and not re.search(hook["exclude"], "paper.tex")


# -- the real pre-commit tool ------------------------------------------------------------

SNAPSHOT_FILES = ("pyproject.toml", "README.md", "LICENSE", "NOTICE", ".pre-commit-hooks.yaml")
SNAPSHOT_DIRS = ("paperlint", "rules")


def _git(*args, cwd, env, check=True):
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=check, capture_output=True, text=True)


@pytest.fixture(scope="module")
def precommit_env(tmp_path_factory):
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (it is in the test extra: pip install -e '.[test]')")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    base = tmp_path_factory.mktemp("precommit")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update({
        "PRE_COMMIT_HOME": str(base / "cache"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": str(base / "gitconfig"),   # no user hooksPath, signing or templates
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "GITHUB_ACTIONS": "",
    })
    (base / "gitconfig").write_text("[user]\n\tname = paperlint tests\n\temail = tests@example.invalid\n"
                                    "[commit]\n\tgpgsign = false\n[init]\n\tdefaultBranch = main\n")
    # A snapshot of this checkout's working tree as a git repository: `pre-commit try-repo`
    # on the checkout itself would commit only tracked files (plus staged ones), missing any
    # new, unstaged module; in a clean clone (CI) both are the same.
    repo = base / "paperlint-repo"
    repo.mkdir()
    for name in SNAPSHOT_FILES:
        shutil.copy2(CHECKOUT / name, repo / name)
    for name in SNAPSHOT_DIRS:
        shutil.copytree(CHECKOUT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    _git("init", "-q", cwd=repo, env=env)
    _git("add", "-A", cwd=repo, env=env)
    _git("commit", "-q", "-m", "snapshot", cwd=repo, env=env)
    rev = _git("rev-parse", "HEAD", cwd=repo, env=env).stdout.strip()
    return {"base": base, "env": env, "repo": repo, "rev": rev}


def _paper_repo(path: Path, env) -> Path:
    path.mkdir()
    (path / "chapters").mkdir()
    # an old problem in the root: a commit that does not touch paper.tex must not be blocked by it
    (path / "paper.tex").write_text(ROOT.replace("It works.", "It works. TODO old"))
    (path / "chapters" / "intro.tex").write_text(GOOD_INTRO)
    (path / "paperlint.toml").write_text(CONFIG)
    _git("init", "-q", cwd=path, env=env)
    _git("add", "-A", cwd=path, env=env)
    _git("commit", "-q", "--no-verify", "-m", "draft in progress", cwd=path, env=env)
    return path


def _commits(path, env) -> int:
    return int(_git("rev-list", "--count", "HEAD", cwd=path, env=env).stdout)


def test_precommit_hook_stops_a_bad_commit_and_passes_a_good_one(precommit_env):
    env, base = precommit_env["env"], precommit_env["base"]
    paper = _paper_repo(base / "paper", env)
    (paper / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {precommit_env['repo']}\n    rev: {precommit_env['rev']}\n    hooks:\n      - id: paperlint\n")
    r = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=paper, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr

    # a good commit: a clean chapter edit, and a .sty with a TODO (not a draft: excluded)
    (paper / "chapters" / "intro.tex").write_text(GOOD_INTRO.replace("Graphs matter.", "Graphs matter a lot."))
    (paper / "paper.sty").write_text("% TODO tidy this package\n")
    _git("add", "-A", cwd=paper, env=env)
    r = _git("commit", "-m", "good", cwd=paper, env=env, check=False)
    out = r.stdout + r.stderr
    assert r.returncode == 0, out
    assert "paperlint" in out and "Passed" in out
    assert _commits(paper, env) == 2

    # a bad commit: a new draft marker in the chapter is reported there, and stops the commit
    (paper / "chapters" / "intro.tex").write_text(GOOD_INTRO + "TODO: say why.\n")
    _git("add", "-A", cwd=paper, env=env)
    r = _git("commit", "-m", "bad", cwd=paper, env=env, check=False)
    out = r.stdout + r.stderr
    assert r.returncode != 0, out
    assert "chapters/intro.tex:7:1: ST140" in out
    assert "paper.tex:" not in out.replace("chapters/intro.tex", "")   # the old root problem is not reported
    assert _commits(paper, env) == 2


def test_precommit_try_repo(precommit_env):
    env, base = precommit_env["env"], precommit_env["base"]
    paper = _paper_repo(base / "paper-try", env)
    (paper / "chapters" / "intro.tex").write_text(INTRO)     # no contributions list: ST110, judged through the root
    r = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(precommit_env["repo"]), "paperlint",
                        "--files", "chapters/intro.tex"], cwd=paper, env=env, capture_output=True, text=True)
    out = r.stdout + r.stderr
    assert r.returncode == 1, out
    assert "chapters/intro.tex:1:1: ST110" in out and "paper.tex:8" not in out
