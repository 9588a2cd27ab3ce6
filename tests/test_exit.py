"""The `paperlint` command ends with os._exit after flushing (paperlint/entry.py `run`): what it
prints, writes and saves, and its exit status, are those of a normal exit."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DRAFT = ROOT / "sample_papers" / "flawed-draft" / "draft.tex"


def _run(args, tmp_path, **env):
    environ = {**os.environ, "PYTHONPATH": str(ROOT), "PAPERLINT_CACHE_DIR": str(tmp_path / "cache")}
    environ.pop("PAPERLINT_NORMAL_EXIT", None)
    environ.update(env)
    return subprocess.run([sys.executable, "-m", "paperlint", *args], capture_output=True, text=True, env=environ,
                          cwd=tmp_path, timeout=120)


def test_fast_exit_prints_writes_and_saves_as_a_normal_exit(tmp_path):
    fast = _run([str(DRAFT), "--format", "json"], tmp_path)
    normal = _run([str(DRAFT), "--format", "json"], tmp_path, PAPERLINT_NORMAL_EXIT="1")
    assert fast.returncode == normal.returncode == 1                 # the draft has warnings
    assert json.loads(fast.stdout) == json.loads(normal.stdout)      # the whole JSON arrived
    assert list((tmp_path / "cache").glob("re-*.marshal"))           # the exit handlers ran
    out = tmp_path / "report.html"
    done = _run([str(DRAFT), "--format", "html", "--output", str(out)], tmp_path)
    assert done.returncode == 1 and out.read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_exit_status_of_usage_errors_and_clean_drafts(tmp_path):
    assert _run(["--no-such-option", str(DRAFT)], tmp_path).returncode == 2
    clean = tmp_path / "ok.md"
    clean.write_text("# Notes\n\nA line.\n", encoding="utf-8")
    res = _run([str(clean), "--fail-on", "error"], tmp_path)
    assert res.returncode == 0 and res.stdout.strip()
    assert _run(["--version"], tmp_path).stdout.startswith("paperlint")
