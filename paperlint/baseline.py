"""Baselines: record today's findings, then report only new ones.

A team adopting paperlint on a draft already in progress runs
``paperlint main.tex --write-baseline .paperlint-baseline.json`` once and commits the file;
later runs with ``--baseline .paperlint-baseline.json`` report only findings that are not
in it.

A finding is matched by its *fingerprint*, never by its line number, so that adding a
paragraph above an old finding does not make it new.  The fingerprint hashes

* the rule code,
* the file's path relative to its project root (forward slashes, so that the baseline
  is the same on every machine and from every working directory),
* the flagged source text plus a little context on the same line(s), with whitespace
  collapsed (so re-wrapping a paragraph does not matter either),

and ends with an occurrence index ``:N`` telling identical findings apart (the second
``TODO`` on an identical line is ``...:1``).  Fixing the first of three identical findings
leaves ``:0`` and ``:1``, which are still in the baseline: the occurrence index acts as a
count.  The SARIF output reuses the same fingerprint as ``partialFingerprints``.
"""
from __future__ import annotations

from . import lazyre
import hashlib
import json
import re
from pathlib import Path

from .fileutil import atomic_write_text

from . import __version__

BASELINE_VERSION = 1
#: characters of context kept on each side of the flagged span (on the same line)
CONTEXT = 24
#: a long span (a whole section) is represented by its head and tail
SPAN_HEAD = 160
SPAN_TAIL = 80
WS = lazyre.compile(r"\s+")


class BaselineError(Exception):
    pass


def _relpath(path: str) -> str:
    from .project import project_root

    p = Path(path)
    try:
        return p.resolve().relative_to(project_root(p.resolve())).as_posix()
    except (ValueError, OSError):
        return p.as_posix()


def _source_texts(results) -> dict[str, str]:
    texts: dict[str, str] = {}
    for res in results:
        doc = getattr(res, "document", None)
        if doc is None:
            continue
        for f in doc.files:
            texts.setdefault(str(f.path), f.text)
    return texts


def _read_text(path: str) -> str | None:
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def context_text(text: str, start: int, end: int) -> str:
    """The flagged span with up to CONTEXT characters around it on the same line(s), whitespace collapsed."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    before = text[max(line_start, start - CONTEXT):start]
    after = text[end:min(line_end, end + CONTEXT)]
    span = text[start:end]
    if len(span) > SPAN_HEAD + SPAN_TAIL:
        span = span[:SPAN_HEAD] + "\u2026" + span[-SPAN_TAIL:]
    return WS.sub(" ", f"{before}\u27e8{span}\u27e9{after}").strip()


def fingerprints(results) -> list[tuple[object, str]]:
    """(diagnostic, fingerprint) for every diagnostic of `results`, in order.

    Reads the text around each finding from the documents the engine already built
    (or from disk for a diagnostic without a document); positions come from the
    diagnostics themselves.
    """
    texts = _source_texts(results)
    rel_cache: dict[str, str] = {}
    seen: dict[str, int] = {}
    out = []
    ordered = sorted(((d, i) for i, d in enumerate(d for res in results for d in res.diagnostics)),
                     key=lambda p: (p[0].path, p[0].start, p[0].end, p[0].code, p[1]))
    by_index: dict[int, str] = {}
    for d, i in ordered:
        if d.path not in texts:
            t = _read_text(d.path)
            texts[d.path] = t if t is not None else ""
        text = texts[d.path]
        ctx = context_text(text, d.start, d.end) if text else WS.sub(" ", d.message)
        rel = rel_cache.get(d.path)
        if rel is None:
            rel = rel_cache[d.path] = _relpath(d.path)
        digest = hashlib.sha256(f"{d.code}\x00{rel}\x00{ctx}".encode("utf-8")).hexdigest()[:20]
        n = seen.get(digest, 0)
        seen[digest] = n + 1
        by_index[i] = f"{digest}:{n}"
    all_diags = [d for res in results for d in res.diagnostics]
    for i, d in enumerate(all_diags):
        out.append((d, by_index[i]))
    return out


def build(results) -> dict:
    entries = []
    for d, fp in fingerprints(results):
        entries.append({"code": d.code, "file": _relpath(d.path), "line": d.line, "fingerprint": fp, "message": d.message})
    entries.sort(key=lambda e: (e["file"], e["line"], e["code"], e["fingerprint"]))
    return {
        "version": BASELINE_VERSION,
        "tool": "paperlint",
        "paperlint_version": __version__,
        "comment": "Findings accepted when paperlint was adopted; `paperlint --baseline FILE` reports only new ones. "
                   "Matching uses `code` and `fingerprint`; `line` and `message` are for people.",
        "findings": entries,
    }


def write(path: Path, results) -> int:
    """Write the baseline atomically; returns the number of findings recorded."""
    data = build(results)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    atomic_write_text(path, text)
    return len(data["findings"])


def load(path: Path) -> set[tuple[str, str]]:
    """The (code, fingerprint) pairs of a baseline file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read: {exc.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: not a paperlint baseline (invalid JSON: {exc})") from None
    if not isinstance(data, dict) or data.get("tool") != "paperlint" or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a paperlint baseline (write one with --write-baseline)")
    version = data.get("version")
    if version != BASELINE_VERSION:
        raise BaselineError(f"{path}: baseline version {version!r} is not supported (this paperlint reads version {BASELINE_VERSION})")
    out = set()
    for e in data["findings"]:
        if not isinstance(e, dict) or not isinstance(e.get("code"), str) or not isinstance(e.get("fingerprint"), str):
            raise BaselineError(f"{path}: malformed finding entry {e!r}")
        out.add((e["code"], e["fingerprint"]))
    return out


def apply(results, known: set[tuple[str, str]]) -> int:
    """Drop from `results` (in place) every diagnostic recorded in the baseline; returns how many were dropped."""
    keep_ids = set()
    dropped = 0
    for d, fp in fingerprints(results):
        if (d.code, fp) in known:
            dropped += 1
        else:
            keep_ids.add(id(d))
    for res in results:
        res.diagnostics = [d for d in res.diagnostics if id(d) in keep_ids]
    return dropped
