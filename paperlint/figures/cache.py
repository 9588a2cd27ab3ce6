"""On-disk cache of colour-vision results (rule FG120), keyed by file content.

Decoding a large figure costs up to a few hundred milliseconds, and the result
only depends on the file's bytes, the page and the analysis code. So results
are stored in one JSON file, by default
``$XDG_CACHE_HOME/paperlint/colorvision.json`` (``~/.cache/paperlint/...``
when XDG_CACHE_HOME is unset), under the key::

    sha256(file bytes) ":" page ":" colorvision.ANALYSIS_VERSION

Changing the analysis (bump ``ANALYSIS_VERSION``) therefore invalidates old
entries without any clean-up; stale entries age out (least recently used
beyond :data:`MAX_ENTRIES`).

Errors that depend only on the content (corrupt file, EPS, too large) are
cached too; environment errors (a missing optional dependency, no memory) are
not.

The cache never fails a run: an unreadable or corrupt cache file counts as
empty, and an unwritable directory just means nothing is saved. Concurrent
writers are safe: each writes a private temporary file in the cache directory
and atomically renames it over the cache file (``os.replace``), after merging
in whatever another process saved meanwhile. The worst case is a lost entry,
never a corrupt file.

Typical use::

    with FigureCache() as cache:            # saves on exit
        for path in figures:
            try:
                pairs = cache.analyse(path)
            except ImageError as exc:
                ...

``FigureCache(enabled=False)`` analyses without touching the disk;
``FigureCache(directory=...)`` overrides the location.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from ..fileutil import atomic_write_text
from typing import Any

from paperlint.figures import colorvision
from paperlint.figures.colorvision import ColourPair
from paperlint.figures.imageload import ImageError

__all__ = ["FigureCache", "MAX_ENTRIES", "default_cache_dir", "file_digest"]

CACHE_FILENAME = "colorvision.json"
#: Entries kept at most (least recently used are dropped); ~1 KB each.
MAX_ENTRIES = 4000
_FORMAT = 1
_DECODER = json.JSONDecoder()


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/paperlint``, or ``~/.cache/paperlint``."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    # The XDG spec says relative paths are invalid and must be ignored.
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "paperlint"


def _sha256():
    """A SHA-256 hasher. CPython's own ``_sha256`` (``_sha2`` from 3.12) imports in well under a
    millisecond; ``hashlib`` loads OpenSSL first (about 2.5 ms), which a lint with every figure
    cached would otherwise pay for this hash alone. The digests are the same."""
    try:
        from _sha2 import sha256  # CPython 3.12+
    except ImportError:
        try:
            from _sha256 import sha256  # CPython 3.11
        except ImportError:
            from hashlib import sha256
    return sha256()


def file_digest(path: str | os.PathLike[str]) -> str:
    """Hex SHA-256 of a file's bytes (raises OSError)."""
    h = _sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class FigureCache:
    """Content-addressed cache of :func:`colorvision.analyse_image` results."""

    def __init__(
        self,
        directory: str | os.PathLike[str] | None = None,
        *,
        enabled: bool = True,
        max_entries: int = MAX_ENTRIES,
    ) -> None:
        self.enabled = enabled
        self.directory = Path(directory) if directory is not None else default_cache_dir()
        self.path = self.directory / CACHE_FILENAME
        self.max_entries = max_entries
        self._entries: dict[str, dict[str, Any]] | None = None
        self._raw: str | None = None  # the file's text, for single-entry lookups (see _lookup)
        self._dirty: dict[str, dict[str, Any]] = {}
        #: Why the last save did not happen (for a debug log), or None.
        self.last_error: str | None = None
        self.hits = 0
        self.misses = 0

    # -- context manager: save on exit -----------------------------------
    def __enter__(self) -> FigureCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.save()

    # -- public API --------------------------------------------------------
    def analyse(self, path: str | os.PathLike[str], page: int = 0) -> list[ColourPair]:
        """Cached :func:`colorvision.analyse_image`; raises :class:`ImageError`."""
        if not self.enabled:
            return colorvision.analyse_image(path, page=page)
        try:
            key = self.key_for(path, page)
        except OSError:
            # Missing/unreadable file: let the loader produce the right error.
            return colorvision.analyse_image(path, page=page)
        entry = self._lookup(key)
        if entry is not None:
            result = self._decode(entry)
            if result is not None:
                self.hits += 1
                now = int(time.time())
                if now - int(entry.get("t", 0) or 0) > 86400:  # refresh LRU stamp daily
                    entry["t"] = now
                    self._dirty[key] = entry
                if isinstance(result, ImageError):
                    raise ImageError(result.reason, path)
                return result
        self.misses += 1
        try:
            pairs = colorvision.analyse_image(path, page=page)
        except ImageError as exc:
            if getattr(exc, "cacheable", True):
                self._put(key, {"error": exc.reason})
            raise
        self._put(key, {"pairs": [p.to_dict() for p in pairs]})
        return pairs

    @staticmethod
    def key_for(path: str | os.PathLike[str], page: int = 0) -> str:
        return f"{file_digest(path)}:{int(page)}:{colorvision.ANALYSIS_VERSION}"

    def save(self) -> bool:
        """Write new entries to disk; returns False (never raises) on failure."""
        if not self.enabled or not self._dirty:
            return True
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            merged = self._read_disk()  # pick up other processes' entries
            merged.update(self._dirty)
            if len(merged) > self.max_entries:
                newest = sorted(merged.items(), key=lambda kv: kv[1].get("t", 0), reverse=True)
                merged = dict(newest[: self.max_entries])
            payload = json.dumps(
                {"format": _FORMAT, "entries": merged}, separators=(",", ":"), sort_keys=True
            )
            atomic_write_text(self.path, payload, newline=None)
        except (OSError, ValueError, TypeError) as exc:
            self.last_error = f"figure cache not saved: {exc}"
            return False
        self._entries = merged
        self._dirty = {}
        self.last_error = None
        return True

    # -- internals ---------------------------------------------------------
    def _put(self, key: str, entry: dict[str, Any]) -> None:
        entry["t"] = int(time.time())
        self._load()[key] = entry
        self._dirty[key] = entry

    def _lookup(self, key: str) -> dict[str, Any] | None:
        """The entry under `key`. Before the whole file is parsed, the entry is read on its own
        from a file as :meth:`save` writes it (compact, keys sorted, ``"entries"`` first and
        ``"format"`` last): parsing a cache of a few thousand entries costs about 5 ms, and a lint
        whose figures are all cached needs a handful of them. Anything else (another layout, a
        key not there, a value that is not an object) falls back to :meth:`_load`."""
        if self._entries is None:
            raw = self._raw_text()
            if raw is not None:
                needle = f'"{key}":'
                at = raw.rfind(needle)  # json.load keeps the last of repeated keys
                if at > 0:
                    try:
                        entry, _ = _DECODER.raw_decode(raw, at + len(needle))
                    except ValueError:
                        entry = None
                    if isinstance(entry, dict):
                        return entry
        return self._load().get(key)

    def _raw_text(self) -> str | None:
        if self._raw is None:
            try:
                with open(self.path, encoding="utf-8") as fh:
                    raw = fh.read()
            except (OSError, UnicodeDecodeError):
                raw = ""
            ok = raw.startswith('{"entries":{') and raw.endswith('},"format":%d}' % _FORMAT)
            self._raw = raw if ok else ""
        return self._raw or None

    def _load(self) -> dict[str, dict[str, Any]]:
        if self._entries is None:
            self._entries = self._read_disk()
        return self._entries

    def _read_disk(self) -> dict[str, dict[str, Any]]:
        try:
            with open(self.path, encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError, UnicodeDecodeError):
            return {}
        if not isinstance(data, dict) or data.get("format") != _FORMAT:
            return {}
        entries = data.get("entries")
        if not isinstance(entries, dict):
            return {}
        return {k: v for k, v in entries.items() if isinstance(k, str) and isinstance(v, dict)}

    @staticmethod
    def _decode(entry: dict[str, Any]) -> list[ColourPair] | ImageError | None:
        """An entry's result, or None if it is malformed (then recompute)."""
        try:
            if "error" in entry:
                return ImageError(str(entry["error"]))
            return [ColourPair.from_dict(d) for d in entry["pairs"]]
        except (KeyError, TypeError, ValueError):
            return None
