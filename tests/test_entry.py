"""The `paperlint` entry point reads plain lint command lines without click (paperlint/entry.py):
it must give the lint command exactly what click would, and leave everything else to click."""
import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from paperlint import cli, entry

ROOT = Path(__file__).resolve().parents[1]
DRAFT = ROOT / "sample_papers" / "flawed-draft" / "draft.tex"


def test_the_option_table_is_the_one_click_declares():
    params = {p.name: p for p in cli.check.params if isinstance(p, click.Option)}
    declared = {}
    for p in params.values():
        for opt in p.opts:
            declared[opt] = p
        for opt in p.secondary_opts:
            declared[opt] = p
    longs = {o for o in declared if o.startswith("--")}
    assert longs == set(entry.OPTIONS)
    assert {o for o in declared if not o.startswith("--")} == set(entry.SHORT)
    for short, long in entry.SHORT.items():
        assert declared[short] is declared[long]
    # what click passes when an option is not given (click 8.5 keeps a flag's default unset and
    # passes False): the values of a command line with no options
    given = cli.check.make_context("check", [str(DRAFT)]).params
    for opt, (param, kind) in entry.OPTIONS.items():
        p = declared[opt]
        assert p.name == param, opt
        assert entry.DEFAULTS[param] == (() if p.multiple else given[param]), opt
        if kind in ("flag", "noflag"):
            assert p.is_flag and (opt in p.secondary_opts) == (kind == "noflag"), opt
        else:
            assert not p.is_flag, opt
            assert p.multiple == (kind == "multiple"), opt
        if isinstance(kind, tuple):
            assert isinstance(p.type, click.Choice) and tuple(p.type.choices) == kind, opt
        if kind == "format":
            assert isinstance(p.type, click.Choice) and list(p.type.choices) == cli._formats()
        if kind == "jobs":
            assert isinstance(p.type, click.IntRange)
        if kind in ("file", "pdf", "in", "out"):
            assert isinstance(p.type, click.Path) and not p.type.dir_okay, opt
            assert p.type.exists == (kind in ("file", "pdf")), opt
            assert p.type.writable == (kind == "out"), opt
    assert set(entry.DEFAULTS) | {"paths"} == {p.name for p in cli.check.params}
    assert {"check", "rules", "rule"} | set(__import__("paperlint.commands", fromlist=["COMMANDS"]).COMMANDS) <= entry.COMMAND_WORDS


def _click_values(args, cwd):
    """What click hands the lint command for `args`, or the exit code when it refuses them."""
    seen = {}

    def capture(*values):
        names = ["paths", "fmt", "select", "ignore", "fail_on", "config", "quiet", "no_suppress", "output", "color",
                 "baseline_file", "write_baseline", "only_passed_files", "diff_base", "summary_file", "jobs", "venue",
                 "mode", "pdf"]
        seen.update(zip(names, values))

    old, old_cwd = cli.check_command, os.getcwd()
    cli.check_command = capture
    os.chdir(cwd)
    try:
        res = CliRunner().invoke(cli.main, args)
    finally:
        cli.check_command = old
        os.chdir(old_cwd)
    return seen if seen else res.exit_code


LINES = [
    ["draft.tex"],
    ["draft.tex", "other.md"],
    ["-q", "draft.tex"],
    ["--quiet", "--only-passed-files", "draft.tex", "missing.tex"],
    ["--select", "EV,ST101", "--select", "RD", "--ignore=RD103", "draft.tex"],
    ["--format", "json", "-o", "out.json", "draft.tex"],
    ["--format=sarif", "--output=out.sarif", "folder"],
    ["--color", "--no-color", "draft.tex"],
    ["--no-color", "--color", "draft.tex"],
    ["-j", "2", "--jobs", "0", "draft.tex"],
    ["--fail-on", "error", "--mode", "camera-ready", "--venue", "neurips", "draft.tex"],
    ["--config", "paperlint.toml", "draft.tex"],
    ["--baseline", "base.json", "--write-baseline", "new.json", "--summary", "sum.md", "draft.tex"],
    ["--diff-base", "HEAD~1", "--no-suppress", "draft.tex"],
    ["--pdf", "paper.pdf", "draft.tex"],
    ["draft.tex", "--", "--odd-name.tex"],
    ["--select", "--weird", "draft.tex"],
    ["--output", "-", "draft.tex"],
]
#: lines the entry point leaves to click: refused by click, or not a plain lint, or spelled in a
#: way only click reads (-j2, -qj 2, the path "-")
TO_CLICK = [
    ["--format", "yaml", "draft.tex"],
    ["--fail-on", "fatal", "draft.tex"],
    ["-j", "x", "draft.tex"],
    ["-j", "-1", "draft.tex"],
    ["-j2", "draft.tex"],
    ["-qj", "2", "draft.tex"],
    ["--config", "missing.toml", "draft.tex"],
    ["--config", "folder", "draft.tex"],
    ["--pdf", "missing.pdf", "draft.tex"],
    ["--output", "folder", "draft.tex"],
    ["--quiet=1", "draft.tex"],
    ["--no-such-option", "draft.tex"],
    ["--select"],
    ["-q"],
    [],
    ["--help"],
    ["draft.tex", "--help"],
    ["--version"],
    ["rules"],
    ["check", "draft.tex"],
    ["-", "draft.tex"],
]


@pytest.mark.parametrize("args", LINES + TO_CLICK, ids=[" ".join(a) or "(none)" for a in LINES + TO_CLICK])
def test_plain_lint_lines_read_as_click_reads_them(args, tmp_path):
    (tmp_path / "draft.tex").write_text("\\documentclass{article}\n", encoding="utf-8")
    (tmp_path / "paperlint.toml").write_text("", encoding="utf-8")
    (tmp_path / "paper.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "folder").mkdir()
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        ours = entry.read_check_args(list(args))
    finally:
        os.chdir(old)
    theirs = _click_values(list(args), tmp_path)
    if args in TO_CLICK:
        assert ours is None
    else:
        assert isinstance(theirs, dict), theirs
        assert ours == theirs


def _run(args, tmp_path, **env):
    environ = {**os.environ, "PYTHONPATH": str(ROOT), "PAPERLINT_CACHE_DIR": str(tmp_path / "cache")}
    for key in ("PAPERLINT_CLICK", "PAPERLINT_NORMAL_EXIT"):
        environ.pop(key, None)
    environ.update(env)
    return subprocess.run([sys.executable, "-m", "paperlint", *args], capture_output=True, text=True, env=environ,
                          cwd=tmp_path, timeout=120)


@pytest.mark.parametrize("args", [
    [str(DRAFT)],
    ["--format", "json", str(DRAFT)],
    ["-q", "--select", "ST,RD", str(DRAFT)],
    ["--select", "NO999", str(DRAFT)],            # a usage problem found after reading the line
    ["--venue", "nowhere", str(DRAFT)],
    ["missing.tex"],
    ["--format", "yaml", str(DRAFT)],
], ids=["text", "json", "select", "bad-selector", "bad-venue", "missing", "bad-format"])
def test_the_fast_path_prints_and_exits_as_click_does(args, tmp_path):
    fast = _run(args, tmp_path)
    slow = _run(args, tmp_path, PAPERLINT_CLICK="1")
    assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr)
    assert fast.returncode in (1, 2)


def test_a_plain_lint_does_not_import_click(tmp_path):
    code = ("import sys, atexit; from paperlint import entry; "
            "atexit.register(lambda: print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('click', 'dataclasses', 'inspect'))), file=sys.stderr)); "
            "import json; sys.argv = ['paperlint', '--format', 'json', sys.argv[1]]; entry.run()")
    environ = {**os.environ, "PYTHONPATH": str(ROOT), "PAPERLINT_CACHE_DIR": str(tmp_path / "cache")}
    environ.pop("PAPERLINT_CLICK", None)
    run = subprocess.run([sys.executable, "-c", code, str(DRAFT)], capture_output=True, text=True, env=environ,
                         timeout=120)
    assert run.returncode == 1 and json.loads(run.stdout)["diagnostics"]
    assert json.loads(run.stderr.strip().splitlines()[-1]) == []
