"""The compiled-pattern cache (paperlint/recache.py): what the next process reads back is exactly
what ``re.compile`` makes, and a missing, damaged or foreign file changes nothing but speed."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from paperlint import recache

pytestmark = pytest.mark.skipif(not recache._supported(), reason="the cache is used on CPython 3.11-3.13 only")

ROOT = Path(__file__).resolve().parents[1]

# A child process: install the cache, compile some patterns, report what it found and made.
CHILD = r"""
import json, re, sys
from paperlint import recache
recache.install()
pats = [r"(?P<year>(?:19|20)\d\d)\b", r"\bp\s*[<=>]\s*0?\.\d+", r"[A-Z]{2,}s?", r"(?i)colou?r"]
out = []
for p in pats:
    c = re.compile(p)
    out.append([p, c.flags, c.groups, dict(c.groupindex), bool(c.search(sys.argv[1]))])
print(json.dumps({"stats": recache.stats(), "patterns": out}))
"""


def _child(tmp_path, text="In 2021 we found p < .05 for GPUs and colour.", **env):
    environ = {**os.environ, "PAPERLINT_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    environ.pop("PAPERLINT_NO_CACHE", None)
    environ.update(env)
    run = subprocess.run([sys.executable, "-c", CHILD, text], capture_output=True, text=True, env=environ, timeout=60)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_second_process_reads_what_the_first_saved(tmp_path):
    first = _child(tmp_path)
    assert first["stats"]["prefilled"] == 0
    files = list(tmp_path.glob("re-*.marshal"))
    assert len(files) == 1
    second = _child(tmp_path)
    assert second["stats"]["prefilled"] >= 4          # the four patterns at least, and what the imports compiled
    assert second["stats"]["saved"] == 0              # nothing new to write
    assert second["patterns"] == first["patterns"]    # same flags, groups, names and matches


def test_prefilled_patterns_equal_fresh_compiles(tmp_path):
    _child(tmp_path)
    import marshal
    import _sre
    import re

    (path,) = tmp_path.glob("re-*.marshal")
    table = marshal.loads(path.read_bytes())
    assert table
    for (pattern, flags), entry in table.items():
        assert _sre.compile(pattern, *entry) == re.compile(pattern, flags), pattern


def test_only_the_patterns_a_run_asks_for_are_built_however_full_the_table(tmp_path):
    """A table filled by other runs (patterns from other papers' words, newest first) still serves
    every pattern this run needs, and builds none of the others."""
    import marshal

    _child(tmp_path)
    (path,) = tmp_path.glob("re-*.marshal")
    table = marshal.loads(path.read_bytes())
    others = {(rf"\b(?:word{i}|term{i})\b", 0): recache._entry(rf"\b(?:word{i}|term{i})\b", 0)
              for i in range(recache.MAX_ENTRIES - len(table))}
    path.write_bytes(marshal.dumps({**others, **table}))
    out = _child(tmp_path)
    assert out["stats"]["saved"] == 0                   # nothing compiled afresh
    assert 4 <= out["stats"]["prefilled"] <= len(table)  # what it used, none of the others
    assert [p[4] for p in out["patterns"]] == [True, True, True, True]


def test_a_save_keeps_the_patterns_the_run_used_before_unused_ones(tmp_path):
    import marshal

    _child(tmp_path)
    (path,) = tmp_path.glob("re-*.marshal")
    table = marshal.loads(path.read_bytes())
    used = set(table)
    others = {(rf"\bother{i}\b", 0): recache._entry(rf"\bother{i}\b", 0) for i in range(recache.MAX_ENTRIES - len(table))}
    path.write_bytes(marshal.dumps({**others, **table}))          # full, the used ones last
    child = CHILD.replace("print(json.dumps(", "re.compile(r'a brand new pattern \\d'); print(json.dumps(")
    environ = {**os.environ, "PAPERLINT_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", child, "x"], capture_output=True, text=True, env=environ, timeout=60)
    assert run.returncode == 0, run.stderr
    saved = list(marshal.loads(path.read_bytes()))
    assert len(saved) == recache.MAX_ENTRIES
    assert saved[0] == (r"a brand new pattern \d", 0)           # the new one first
    assert set(saved[1:1 + len(used)]) <= used | {saved[0]}     # then what the run used
    assert used <= set(saved)                                   # none of them pushed out


@pytest.mark.parametrize("damage", [b"", b"not marshal at all", b"\xe3\x00\x00", None])
def test_a_damaged_file_is_ignored_and_replaced(tmp_path, damage):
    _child(tmp_path)
    (path,) = tmp_path.glob("re-*.marshal")
    if damage is None:   # well-formed marshal data of the wrong shape: entries the matcher refuses
        import marshal

        path.write_bytes(marshal.dumps({(r"a+", 0): (0, [1, 2, 3], 0, {}, (None,))}))
    else:
        path.write_bytes(damage)
    out = _child(tmp_path)
    assert out["stats"]["prefilled"] == 0
    assert [p[4] for p in out["patterns"]] == [True, True, True, True]
    assert _child(tmp_path)["stats"]["prefilled"] >= 4   # rewritten whole on the next exit


def test_turned_off_by_the_environment(tmp_path):
    out = _child(tmp_path, PAPERLINT_NO_CACHE="1")
    assert out["stats"]["file"] is None
    assert not list(tmp_path.glob("*"))


def test_an_unwritable_folder_never_fails_a_run(tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    out = _child(blocker / "cache")
    assert [p[4] for p in out["patterns"]] == [True, True, True, True]


def test_the_file_is_named_for_this_interpreter(tmp_path, monkeypatch):
    monkeypatch.setenv("PAPERLINT_CACHE_DIR", str(tmp_path))
    name = Path(recache._file()).name
    assert sys.implementation.cache_tag in name and f"{sys.hexversion:x}" in name


def test_the_cli_lints_the_same_with_and_without_the_cache(tmp_path):
    draft = ROOT / "sample_papers" / "flawed-draft" / "draft.tex"
    if not draft.is_file():
        pytest.skip("sample paper missing")
    outs = []
    for no_cache in ("1", "0", "0"):
        env = {**os.environ, "PAPERLINT_CACHE_DIR": str(tmp_path), "PAPERLINT_NO_CACHE": no_cache}
        run = subprocess.run([sys.executable, "-m", "paperlint", "--format", "json", str(draft)], capture_output=True,
                             text=True, env=env, cwd=ROOT, timeout=120)
        assert run.returncode in (0, 1), run.stderr
        outs.append(json.loads(run.stdout)["diagnostics"])
    assert list(tmp_path.glob("re-*.marshal"))
    assert outs[0] == outs[1] == outs[2]


# A child process that makes paperlint data classes (paperlint/records.py) after install() and
# reports what they do.
DATACLASS_CHILD = r"""
import json, sys
from paperlint import recache
recache.install()
from paperlint.records import dataclass, field, replace
from typing import Optional

@dataclass(frozen=True)
class Span:
    start: int
    end: int = 0
    tags: tuple = ()

@dataclass
class Note:
    text: str
    span: Optional[Span] = None
    seen: list = field(default_factory=list)

a, b = Span(1, 2), Span(1, 2)
n = Note("x", a)
n.seen.append(3)
try:
    a.start = 5
    frozen = False
except Exception as exc:
    frozen = type(exc).__name__
out = {"repr": [repr(a), repr(n)], "eq": a == b, "hash": hash(a) == hash(b), "frozen": frozen,
       "replace": repr(replace(a, end=9)), "defaults": [Note("y").seen, Note("z").span],
       "file": Note.__init__.__code__.co_filename, "stats": recache.stats()}
print(json.dumps(out))
"""


def _dc_child(tmp_path, **env):
    environ = {**os.environ, "PAPERLINT_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    environ.pop("PAPERLINT_NO_CACHE", None)
    environ.update(env)
    run = subprocess.run([sys.executable, "-c", DATACLASS_CHILD], capture_output=True, text=True, env=environ, timeout=60)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_dataclass_methods_from_saved_code_behave_as_compiled_ones(tmp_path):
    plain = _dc_child(tmp_path, PAPERLINT_NO_CACHE="1")
    first = _dc_child(tmp_path)
    assert list(tmp_path.glob("methods-*.marshal"))
    assert first["stats"]["code_new"] == 2 and plain["stats"]["code_new"] == 0    # one text per class shape
    second = _dc_child(tmp_path)
    assert second["stats"]["code_reused"] == 2 and second["stats"]["code_new"] == 0
    for out in (first, second):
        for key in ("repr", "eq", "hash", "frozen", "replace", "defaults", "file"):
            assert out[key] == plain[key], key
    assert plain["frozen"] == "FrozenInstanceError" and plain["defaults"] == [[], None]


def test_a_damaged_code_file_is_ignored(tmp_path):
    _dc_child(tmp_path)
    (path,) = tmp_path.glob("methods-*.marshal")
    import marshal

    for damage in (b"garbage", marshal.dumps({"not code": 1}), marshal.dumps([1, 2])):
        path.write_bytes(damage)
        out = _dc_child(tmp_path)
        assert out["eq"] is True and out["frozen"] == "FrozenInstanceError"


PATTERNS_CHILD = r"""
import io, contextlib, json, re, sys
from paperlint import cli
sys.argv = ["paperlint", "--format", "json", sys.argv[1]]
with contextlib.redirect_stdout(io.StringIO()):
    try:
        cli.main()
    except SystemExit:
        pass
print(json.dumps(sorted(repr(k) for k in re._cache)))
"""


def test_a_lint_compiles_the_same_pattern_texts_under_any_hash_seed(tmp_path):
    """A pattern built from a set in hash order is a new text in every process: the cache never
    finds it and fills with copies (the abstract rule's gap cues once did)."""
    draft = ROOT / "sample_papers" / "flawed-draft" / "draft.tex"
    seen = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PAPERLINT_NO_CACHE": "1", "PYTHONPATH": str(ROOT)}
        run = subprocess.run([sys.executable, "-c", PATTERNS_CHILD, str(draft)], capture_output=True, text=True,
                             env=env, timeout=120)
        assert run.returncode == 0, run.stderr
        seen.append(set(json.loads(run.stdout)))
    assert len(seen[0]) > 50
    assert seen[0] == seen[1]


TABLES_CHILD = r"""
import json, sys
from pathlib import Path
from paperlint import recache
recache.install()
from paperlint.registry import rule_tables
tables = dict((p.name, t) for p, t in rule_tables(Path(sys.argv[1])))
print(json.dumps({"summary": tables[sys.argv[2]]["summary"], "n": len(tables), "stats": recache.stats()}))
"""


def test_rule_tables_are_kept_between_runs_until_a_file_changes(tmp_path):
    import shutil

    from paperlint.resources import rules_dir

    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules)
    first = sorted((rules / "AB").glob("*.toml"))[0]
    env = {**os.environ, "PAPERLINT_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    env.pop("PAPERLINT_NO_CACHE", None)

    def child():
        run = subprocess.run([sys.executable, "-c", TABLES_CHILD, str(rules), first.name], capture_output=True,
                             text=True, env=env, timeout=60)
        assert run.returncode == 0, run.stderr
        return json.loads(run.stdout)

    cold, warm = child(), child()
    assert cold["stats"]["parsed_new"] == 1 and warm["stats"]["parsed_reused"] == 1 and warm["stats"]["parsed_new"] == 0
    assert cold["summary"] == warm["summary"] and cold["n"] == warm["n"] > 50
    text = first.read_text(encoding="utf-8")
    old = cold["summary"]
    first.write_text(text.replace(old, old[:-1] + "!", 1), encoding="utf-8")     # same size, new time
    os.utime(first, ns=(first.stat().st_atime_ns, first.stat().st_mtime_ns + 10**9))
    assert child()["summary"] == old[:-1] + "!"
    first.write_text(text.replace(old, "A longer summary than before.", 1), encoding="utf-8")
    assert child()["summary"] == "A longer summary than before."
    (rules / "AB" / "ZZ999-extra.toml").write_text(text.replace(old, "Another.", 1), encoding="utf-8")
    assert child()["n"] == cold["n"] + 1                                          # a new file is seen


PARSED_CHILD = r"""
import json, sys
from paperlint import recache
recache.install()
start, count = int(sys.argv[1]), int(sys.argv[2])
for i in range(start, start + count):
    recache.parsed(("other", i), (i,), lambda: {"other": i})
recache.parsed(("tables", "these rules"), (1,), lambda: {"rules": "parsed"})
print(json.dumps(recache.stats()))
"""


def test_other_projects_files_never_push_out_what_a_run_reads(tmp_path):
    """A run that reads the rule tables from the kept file keeps them there, however many new
    configuration files (other projects') it and later runs add."""
    env = {**os.environ, "PAPERLINT_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    env.pop("PAPERLINT_NO_CACHE", None)

    def child(start, count):
        run = subprocess.run([sys.executable, "-c", PARSED_CHILD, str(start), str(count)], capture_output=True,
                             text=True, env=env, timeout=60)
        assert run.returncode == 0, run.stderr
        return json.loads(run.stdout)

    assert child(0, 0)["parsed_new"] == 1
    count = recache.MAX_PARSED - 1          # a full table of new entries each round
    for round_ in range(3):
        got = child(1000 * (round_ + 1), count)
        assert got["parsed_new"] == count and got["parsed_reused"] == 1, got
