"""SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers.

One run; ``tool.driver.rules`` holds every rule that was enabled or that a result
refers to, with its summary, description, rationale and source; each result points at
the file that holds the problem (an ``\\input`` child, not necessarily the root), as a
path relative to ``%SRCROOT%`` (the working directory) with forward slashes.

Columns: paperlint counts columns in Unicode code points (README, "Encodings").  SARIF's
default ``columnKind`` is ``utf16CodeUnits``, which differs for characters outside the
Basic Multilingual Plane (an emoji or a math letter such as U+1D465 is one code point but
two UTF-16 units).  Rather than converting, the run declares
``"columnKind": "unicodeCodePoints"``, so the columns are exactly the ones the other
formats print.  SARIF's ``endColumn`` is, like ours, one past the last character.
"""
from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from .. import __version__
from ..diagnostics import Severity

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "paperlint/v1"


def _uri(file: str) -> tuple[str, str | None]:
    """(uri, uriBaseId) for a display path: relative paths are relative to %SRCROOT%."""
    p = Path(file)
    if p.is_absolute():
        return p.as_uri(), None
    posix = PurePosixPath(*p.parts).as_posix()
    return quote(posix, safe="/-._~!$&'()*+,;=@"), "%SRCROOT%"


def _artifact(file: str) -> dict:
    uri, base = _uri(file)
    return {"uri": uri, "uriBaseId": base} if base else {"uri": uri}


def _rule_descriptor(rule, settings) -> dict:
    src = rule.source or {}
    cite = ", ".join(x for x in (src.get("title"), f"section \"{src['section']}\"" if src.get("section") else None) if x)
    text = rule.why
    markdown = rule.why
    if cite or src.get("url"):
        text += f"\n\nSource: {cite}" + (f" ({src['url']})" if src.get("url") else "")
        markdown += "\n\nSource: " + (f"[{cite or src['url']}]({src['url']})" if src.get("url") else cite)
    text += f"\n\nMore: paperlint rule {rule.code}"
    markdown += f"\n\nMore: `paperlint rule {rule.code}`"
    level = settings.severity_of(rule) if settings is not None else rule.severity
    desc = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.what},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[level]},
        "properties": {"tags": ["paperlint", rule.family], "precision": "medium"},
    }
    if rule.url:
        desc["helpUri"] = rule.url
    return desc


def document(results, settings) -> dict:
    from ..baseline import fingerprints
    from ..config import all_rules

    rules = all_rules(settings)   # with the configured Vale styles' rules
    used = {d.code for res in results for d in res.diagnostics}
    codes = sorted(c for c, r in rules.items() if c in used or (settings is not None and settings.enabled(r)))
    codes += sorted(c for c in used if c not in rules)   # never happens, but a result must have its rule
    index = {c: i for i, c in enumerate(codes)}
    descriptors = [_rule_descriptor(rules[c], settings) if c in rules else {"id": c} for c in codes]

    out_results = []
    for d, fp in fingerprints(results):
        # No charOffset/charLength: our offsets count characters of the text with CRLF
        # normalised to LF, which is not what SARIF means by an offset into the artifact.
        region = {"startLine": d.line, "startColumn": d.column, "endLine": max(d.end_line, d.line),
                  "endColumn": d.end_column if (d.end_line, d.end_column) >= (d.line, d.column) else d.column}
        result = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": LEVELS[d.severity],
            "message": {"text": d.message},
            "locations": [{"physicalLocation": {"artifactLocation": _artifact(d.file), "region": region}}],
            "partialFingerprints": {FINGERPRINT_KEY: fp},
            "properties": {"root": d.root, "name": d.name},
        }
        if d.fixes:   # SARIF 2.1.0 section 3.55: each fix replaces the finding's region
            result["fixes"] = [{"description": {"text": f"Replace with '{text}'" if text else "Remove it"},
                                "artifactChanges": [{"artifactLocation": _artifact(d.file),
                                                     "replacements": [{"deletedRegion": region, "insertedContent": {"text": text}}]}]}
                               for text in d.fixes]
        out_results.append(result)

    notifications = [
        {"level": "error", "message": {"text": res.error},
         "locations": [{"physicalLocation": {"artifactLocation": _artifact(res.root)}}]}
        for res in results if res.error
    ]
    invocation = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run = {
        "tool": {"driver": {"name": "paperlint", "version": __version__, "semanticVersion": __version__, "rules": descriptors}},
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": out_results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(results, settings, **_) -> str:
    return json.dumps(document(results, settings), indent=2, ensure_ascii=False) + "\n"
