"""Where the rule data lives at run time.

In a wheel, ``rules/`` is shipped as ``paperlint/_rules``; in a source checkout
(editable install, tests) it is the ``rules/`` folder beside the package.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path


@functools.cache
def rules_dir() -> Path:
    here = Path(__file__).resolve().parent
    shipped = here / "_rules"
    if shipped.is_dir():
        return shipped
    checkout = here.parent / "rules"
    if checkout.is_dir():
        return checkout
    raise RuntimeError("paperlint's rule data is missing: reinstall paperlint")


@functools.cache
def latex_tables() -> dict:
    data = latex_table(rules_dir())
    data.setdefault("macros", {})
    data.setdefault("environments", {})
    return data


INDEX = "index.json"


def _digest(blobs: list[tuple[str, bytes]]) -> str:
    """A fingerprint of the rule files (names, sizes and CRC-32 of the bytes): enough to tell a
    stale index, and cheap (hashlib alone costs 5 ms to import)."""
    import zlib

    crc = 0
    for name, data in blobs:
        crc = zlib.crc32(name.encode("utf-8") + b"\0" + data + b"\0", crc)
    return f"crc32:{crc:08x}:{len(blobs)}:{sum(len(d) for _, d in blobs)}"


@functools.lru_cache(maxsize=4)
def _read_index(path: str, mtime_ns: int) -> dict:
    import json

    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def _index(directory: Path, key: str, blobs: list[tuple[str, bytes]]) -> dict | None:
    """The tables `index.json` holds under `key`, if its digest for that part matches `blobs`."""
    index = directory / INDEX
    try:
        saved = _read_index(str(index), index.stat().st_mtime_ns)
        part = saved if key == "rules" else saved.get(key, {})
        if part.get("digest") == _digest(blobs) and len(part.get(key, {})) == len(blobs):
            return part[key]
    except (ValueError, KeyError, OSError, AttributeError):
        pass
    return None


def index_part(key: str, blobs: list[tuple[str, bytes]]) -> dict:
    """What `index.json` holds for a set of TOML files: their digest and their tables by name."""
    import tomllib

    return {"digest": _digest(blobs), key: {name: tomllib.loads(data.decode("utf-8")) for name, data in blobs}}


def indexed_tables(directory: Path, key: str, blobs: list[tuple[str, bytes]]) -> dict[str, dict]:
    """The tables of the TOML files `blobs` (name, bytes) by name: from the index's `key` part
    while its digest matches them, else parsed (ValueError names a file that does not parse)."""
    saved = _index(directory, key, blobs)
    if saved is not None:
        return {name: saved[name] for name, _ in blobs}
    import tomllib

    out = {}
    for name, data in blobs:
        try:
            out[name] = tomllib.loads(data.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ValueError(f"{Path(name).name}: {exc}") from exc
    return out


def stamped_tables(directory: Path, key: str, names: list[str]) -> dict[str, dict]:
    """`indexed_tables` for the files `names` (relative to `directory`), kept between runs
    (paperlint/recache.py `parsed`) while neither they nor the index change size or time: a run
    then reads one saved table instead of every rule file and the JSON index."""
    from . import recache

    base = str(directory)

    def make() -> dict[str, dict]:
        blobs = []
        for name in names:
            with open(os.path.join(base, name), "rb") as fh:
                blobs.append((name, fh.read()))
        return indexed_tables(directory, key, blobs)

    try:
        stamp = recache.file_stamp([os.path.join(base, INDEX), *(os.path.join(base, n) for n in names)])
    except OSError:
        return make()
    return recache.parsed(("tables", base, key), stamp, make)


LATEX_FILE = "latex.toml"


def latex_table(directory: Path | None = None) -> dict:
    """rules/latex.toml (the reader's macro and environment tables), from the index while it is
    current: parsing the TOML costs about 5 ms, reading the JSON index nothing more."""
    directory = directory or rules_dir()
    return stamped_tables(directory, "latex", [LATEX_FILE])[LATEX_FILE]
