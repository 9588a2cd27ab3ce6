"""Writing files safely: paperlint only ever writes reports, baselines, configuration and caches."""
from __future__ import annotations

import os
from pathlib import Path


def atomic_write_text(path: str | os.PathLike, text: str, *, mode: int | None = None, newline: str | None = "\n") -> None:
    """Write `text` to `path` through a temporary file in the same folder and os.replace().

    A reader sees the old file or the new one, never half of either, and a failure
    leaves the old file untouched.
    """
    _atomic(path, lambda fd: os.fdopen(fd, "w", encoding="utf-8", newline=newline), text, mode)


def atomic_write_bytes(path: str | os.PathLike, data: bytes, *, mode: int | None = None) -> None:
    """The same for bytes (the caches)."""
    _atomic(path, lambda fd: os.fdopen(fd, "wb"), data, mode)


def _atomic(path, opener, content, mode) -> None:
    import tempfile   # 3 ms to import (shutil, random): only when something is written

    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with opener(fd) as fh:
            fh.write(content)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
