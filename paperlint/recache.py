"""Compiled regular expressions kept between runs, as Python keeps compiled bytecode.

A one-page lint compiles about 210 patterns (the rules' lazily compiled ones and those passed
as strings to ``re.search`` and friends). Python's ``re`` parses and compiles each in pure
Python: about 25 ms of a 150 ms run on a 2-core machine, paid again by every process, because
``re`` keeps its cache in memory only. What compiling yields is a list of integers (the
pattern's code for the C matcher) and its group tables. This module saves those for the
patterns a run compiled and, in the next process, makes ``re``'s own cache look in that table
when it misses (its dict gets a ``__missing__``): a pattern the table holds is handed straight
to the C matcher (``_sre.compile``) the first time the run asks for it, so ``re.compile`` and
``re.search(pattern, ...)`` find it compiled. Only the patterns a run uses are built, however
many the table holds (patterns made from one paper's words included): reading the 600-entry
table takes about 2 ms.

The file is ``re-<python build>.marshal`` in paperlint's cache folder
(``$PAPERLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/paperlint``, else ``~/.cache/paperlint``).
It is keyed by the interpreter's version and the matcher's ``MAGIC`` number, so another
Python never reads it. A pattern's code depends only on its text, its flags and the Python
build, so paperlint upgrades need no invalidation. Every entry is checked by the matcher
itself (``_sre.compile`` validates the code) and by comparing one fresh compile at start; any
failure, an unreadable file, another interpreter than CPython 3.11 to 3.13, or
``PAPERLINT_NO_CACHE=1`` means patterns are compiled the usual way. The cache is written
atomically (a private temporary file, then ``os.replace``) when a run compiled a pattern it
did not hold, and never fails a run.

The same holds for the methods of paperlint's data classes (paperlint/records.py): each class's
``__init__``, ``__repr__``, ``__eq__`` and ``__hash__`` are written as one text and compiled,
which for the 55 classes a one-page lint creates would cost about 10 ms. `code_for` looks the
text up in ``methods-<python build>.marshal`` and returns the saved code object (what
``compile(text, "<string>", "exec")`` gives: the same functions), compiling and keeping the texts
it has not seen.
"""
from __future__ import annotations

import os
import sys

__all__ = ["cache_dir", "install", "save", "stats"]

#: Entries kept at most: a one-page lint uses about 200 patterns, a whole paper about 330; the
#: rest are patterns built from a document's own words (a title, a term). Each save writes the
#: new patterns first, then those the run used, then the others, so the oldest unused go first
#: (a pattern pushed out is compiled again and saved).
MAX_ENTRIES = 600

#: "loaded": the saved patterns this run used, in the order it first asked for them
_state: dict = {"installed": False, "loaded": {}, "path": None, "prefilled": 0, "saved": 0}
#: generated-code texts kept at most (a one-page lint makes about 55, the language server a few more)
MAX_CODE = 500
_code: dict = {"path": None, "table": None, "new": {}, "reused": 0}
#: parsed data files kept at most (rule tables, venue profiles, configuration files)
MAX_PARSED = 64
_parsed: dict = {"path": None, "table": None, "new": {}, "reused": 0, "used": {}}


def cache_dir() -> str:
    """paperlint's cache folder: ``$PAPERLINT_CACHE_DIR``, ``$XDG_CACHE_HOME/paperlint`` or
    ``~/.cache/paperlint`` (a relative XDG value is ignored, as the XDG spec says)."""
    own = os.environ.get("PAPERLINT_CACHE_DIR", "")
    if own:
        return own
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = xdg if xdg and os.path.isabs(xdg) else os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "paperlint")


def _supported() -> bool:
    return sys.implementation.name == "cpython" and (3, 11) <= sys.version_info[:2] <= (3, 13)


def _entry(pattern: str, flags: int):
    """What ``re._compiler.compile`` hands the matcher for `pattern`, as plain data."""
    from re import _compiler, _parser

    p = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(p, flags)]
    groupindex = dict(p.state.groupdict)
    indexgroup = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (flags | p.state.flags, code, p.state.groups - 1, groupindex, tuple(indexgroup))


def _file() -> str:
    import _sre

    build = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}-{_sre.CODESIZE}"
    return os.path.join(cache_dir(), f"re-{build}.marshal")


def install() -> None:
    """Let ``re``'s cache find the saved patterns and save the new ones at exit (once per process)."""
    if _state["installed"] or os.environ.get("PAPERLINT_NO_CACHE", "") not in ("", "0") or not _supported():
        return
    _state["installed"] = True
    import atexit

    atexit.register(save)
    try:
        import _sre
        import re

        probe = r"(?P<a>\d+)\s*[a-z]?"
        if _sre.compile(probe, *_entry(probe, 0)) != re.compile(probe):   # the internals are as expected
            return
        path = _state["path"] = _file()
        _state["table"] = _read_table(path)
        # the dict re._compile looks in first: _cache on 3.11, _cache2 (its recent few) on 3.12 and 3.13
        name = "_cache" if sys.version_info[:2] == (3, 11) else "_cache2"
        current = getattr(re, name)
        if type(current) is dict:
            setattr(re, name, _Served(current))
    except Exception:   # a damaged or foreign file, changed internals: compile the usual way
        _drop_prefilled()


class _Served(dict):
    """``re``'s cache dict, which on a miss builds the pattern from the saved table (``re`` then
    takes it as found); a pattern the table lacks, or that the matcher refuses, is a miss as
    before and ``re`` compiles it."""

    __slots__ = ()

    def __missing__(self, key):
        kind, pattern, flags = key
        table = _state.get("table")
        entry = table.get((pattern, flags)) if kind is str and table else None
        if entry is None:
            raise KeyError(key)
        try:
            import _sre

            compiled = _sre.compile(pattern, *entry)
        except Exception:          # an entry the matcher refuses: compiled afresh, and saved again
            table.pop((pattern, flags), None)
            raise KeyError(key) from None
        self[key] = compiled
        _state["loaded"][(pattern, flags)] = None
        _state["prefilled"] += 1
        return compiled


def _code_file() -> str:
    return os.path.join(cache_dir(), f"methods-{sys.implementation.cache_tag}-{sys.hexversion:x}.marshal")


def code_for(source: str):
    """The code object of `source` (a module-level text that paperlint generates): from the
    saved table when it holds the text, else compiled now and saved at exit."""
    table = _code["table"]
    if table is None:
        table = _code["table"] = {}
        if _state["installed"]:
            path = _code["path"] = _code_file()
            table.update(_read_table(path))
    code = table.get(source)
    if type(code) is _CodeType:
        _code["reused"] += 1
        return code
    code = compile(source, "<string>", "exec", dont_inherit=True)
    if _code["path"] and len(_code["new"]) < MAX_CODE:
        _code["new"][source] = code
    return code


_CodeType = type(code_for.__code__)


def file_stamp(paths) -> tuple:
    """What tells that files changed: each one's path, size, modification time in ns and inode
    (an editor that saves by renaming a new file gives a new inode even where file times are
    coarse); an OSError when one is missing."""
    out = []
    for p in paths:
        st = os.stat(p)
        out.append((str(p), st.st_size, st.st_mtime_ns, st.st_ino))
    return tuple(out)


def parsed(key, stamp: tuple, make):
    """``make()``, or what it returned in an earlier run whose `stamp` (see `file_stamp`) was the
    same: data files (the rule index, venue profiles, a paperlint.toml) are read and parsed once
    per change instead of once per run. Only plain data (what ``marshal`` takes) is kept; the
    value is shared, so callers must not change it."""
    table = _parsed["table"]
    if table is None:
        table = _parsed["table"] = {}
        if _state["installed"]:
            _parsed["path"] = os.path.join(cache_dir(), f"parsed-{sys.implementation.cache_tag}.marshal")
            table.update(_read_table(_parsed["path"]))
    hit = table.get(key)
    if type(hit) is tuple and len(hit) == 2 and hit[0] == stamp:
        _parsed["reused"] += 1
        _parsed["used"][key] = None
        return hit[1]
    value = make()
    if _parsed["path"] and len(_parsed["new"]) < MAX_PARSED:
        import marshal

        try:
            marshal.dumps(value)
        except ValueError:   # not plain data (a date in a TOML file): parsed again next time
            return value
        _parsed["new"][key] = (stamp, value)
        table[key] = (stamp, value)
    return value


def _save_parsed() -> None:
    path, new = _parsed["path"], _parsed["new"]
    if not path or not new:
        return
    old = {k: v for k, v in _read_table(path).items() if k not in new}
    # then what this run read from the table (the rule tables of this install), then the others:
    # configuration files of many other projects never push the rule tables out
    used = {k: old[k] for k in _parsed["used"] if k in old}
    used.update(old)
    _write(path, new, used, MAX_PARSED)
    _parsed["new"] = {}


def _save_code() -> None:
    path, new = _code["path"], _code["new"]
    if not path or not new:
        return
    _code["table"] = _write(path, new, _code["table"], MAX_CODE)
    _code["new"] = {}


def _read_table(path: str) -> dict:
    """A saved table, or {} when the file is missing, damaged or not a table."""
    import marshal

    try:
        with open(path, "rb") as fh:
            table = marshal.loads(fh.read())   # from bytes: marshal.load on a file reads piecemeal, 40x slower
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return table if isinstance(table, dict) else {}


def _write(path: str, new: dict, old: dict, most: int) -> dict:
    """Save `new` then as much of `old` as fits in `most` entries, atomically; the table saved."""
    import marshal

    from .fileutil import atomic_write_bytes

    table = dict(new)
    for key, value in old.items():
        if len(table) >= most:
            break
        table.setdefault(key, value)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    atomic_write_bytes(path, marshal.dumps(table))
    return table


def _drop_prefilled() -> None:
    import re

    for name in ("_cache", "_cache2"):
        current = getattr(re, name, None)
        if type(current) is _Served:
            setattr(re, name, dict(current))
    _state["loaded"] = {}
    _state.pop("table", None)


def save() -> None:
    """Write the patterns and generated code this process compiled that the files lack (at exit;
    never raises)."""
    for step in (_save_code, _save_parsed):
        try:
            step()
        except Exception:
            pass
    path = _state.get("path")
    if not path:
        return
    try:
        import re

        old = _state.get("table", {})
        new = {}
        for key in list(re._cache):
            kind, pattern, flags = key
            if kind is str and isinstance(flags, int) and not flags & re.DEBUG and (pattern, flags) not in old:
                new[(pattern, flags)] = _entry(pattern, flags)
        if not new:
            return
        # the patterns this run used first (served from the table, or compiled before install()),
        # then the others, in their order
        used = {key: old[key] for key in _state["loaded"] if key in old}
        for cache in (re._cache, getattr(re, "_cache2", {})):
            used.update((key[1:], old[key[1:]]) for key in list(cache) if key[0] is str and key[1:] in old)
        used.update(old)
        _state["table"] = _write(path, new, used, MAX_ENTRIES)
        _state["saved"] += len(new)
    except Exception:
        pass


def stats() -> dict:
    """What this process did: patterns taken from the file (as the run asked for them), patterns
    saved, the file."""
    return {"file": _state.get("path"), "prefilled": _state["prefilled"], "saved": _state["saved"],
            "code_file": _code["path"], "code_reused": _code["reused"], "code_new": len(_code["new"]),
            "parsed_file": _parsed["path"], "parsed_reused": _parsed["reused"], "parsed_new": len(_parsed["new"])}
