"""The configured Vale rules for ``paperlint rules`` and ``paperlint rule Style.Rule``.

A row per rule file of the styles the Vale configuration names (``.vale.ini`` or
``[tool.paperlint.vale]``): its code (``write-good.Weasel``), kind (``extends``), level, message,
link and YAML file, whether paperlint runs it (or why not), and what the configuration sets for
it (``Lab.Acronyms = NO`` in a ``[supplement.tex]`` section).
"""
from __future__ import annotations

import json
import os
from pathlib import Path

#: keys shown on their own in `paperlint rule`; the others are listed as the rule's fields
HEADLINE = ("extends", "message", "level", "link", "description", "scope")


def _shown_path(path: Path | None, cwd: Path) -> str:
    if path is None:
        return "(built in)"
    try:
        return os.path.relpath(path, cwd)
    except ValueError:   # another drive
        return str(path)


def settings_for(setup, code: str) -> list[str]:
    """What the configuration says about rule `code`: ``Style.Rule = value`` entries and the
    sections whose BasedOnStyles name its style, in the configuration's order."""
    style = code.split(".", 1)[0]
    out = []
    if style in setup.global_based_on:
        out.append(f"BasedOnStyles = {', '.join(setup.global_based_on)}")
    if code in setup.global_checks:
        out.append(f"{code} = {setup.global_checks[code]}")
    for sec in setup.sections:
        if sec.based_on is not None and style in sec.based_on:
            out.append(f"[{sec.glob}] BasedOnStyles = {', '.join(sec.based_on)}")
        if code in sec.checks:
            out.append(f"[{sec.glob}] {code} = {sec.checks[code]}")
    return out


def rows(setup, cwd: Path | None = None) -> list[dict]:
    """One dict per Vale rule, sorted by code."""
    cwd = cwd or Path.cwd()
    out = []
    for code in sorted(setup.rules, key=str.casefold):
        rule = setup.rules[code]
        data = rule.data if isinstance(rule.data, dict) else {}
        level = str(data.get("level", "suggestion")).lower()
        out.append({
            "code": code,
            "style": code.split(".", 1)[0],
            "kind": str(data.get("extends", "?")),
            "level": level,
            "severity": str(rule.severity),
            "message": str(data.get("message", "")),
            "link": data.get("link"),
            "scope": data.get("scope", "text"),
            "file": _shown_path(rule.path, cwd),
            "runs": code in setup.kinds,
            "skipped": setup.skipped.get(code),
            "configured": settings_for(setup, code),
        })
    return out


def find(setup, key: str):
    """The Vale rule named `key` (any case), or None."""
    if key in setup.rules:
        return key
    folded = key.casefold()
    return next((c for c in setup.rules if c.casefold() == folded), None)


def text_lines(setup, cwd: Path | None = None) -> list[str]:
    """The `paperlint rules` text block: a heading naming the configuration, then one line per rule."""
    rs = rows(setup, cwd)
    where = _shown_path(setup.path, cwd or Path.cwd()) if setup.path is not None else "[tool.paperlint.vale]"
    if setup.path is not None and setup.path.suffix == ".toml":      # the TOML table, not a .vale.ini
        where = ("[tool.paperlint.vale] in " if setup.path.name == "pyproject.toml" else "[vale] in ") + where
    lines = ["", f"Vale rules ({len(rs)}, from {where}):"]
    width = max((len(r["code"]) for r in rs), default=0)
    for r in rs:
        status = "" if r["runs"] else "  [not run: " + (r["skipped"] or "?") + "]"
        message = " ".join(r["message"].split())
        lines.append(f"{r['code']:<{width}}  {r['kind']:<14} {r['level']:<10} {message}  ({r['file']}){status}")
    return lines


def json_rows(setup, cwd: Path | None = None) -> list[dict]:
    """The Vale rules in `paperlint rules --format json`: the keys every rule has there (code, name,
    severity, status, summary...) and, under ``vale``, the rule's own."""
    out = []
    for r in rows(setup, cwd):
        rule = setup.rules[r["code"]]
        out.append({
            "code": r["code"], "name": r["code"], "severity": r["severity"], "status": "stable" if r["runs"] else "skipped",
            "default": r["runs"], "summary": rule.summary, "what": rule.what, "why": rule.why, "source": rule.source,
            "options": {},
            "vale": {k: r[k] for k in ("style", "kind", "level", "message", "link", "scope", "file", "runs", "skipped", "configured")},
        })
    return out


def render(setup, code: str, cwd: Path | None = None) -> str:
    """`paperlint rule Style.Rule`: the rule's kind, level, message, link, file, fields and what the
    configuration says about it, as Markdown."""
    row = next(r for r in rows(setup, cwd) if r["code"] == code)
    rule = setup.rules[code]
    data = rule.data if isinstance(rule.data, dict) else {}
    out = [f"# {code}", "",
           f"A Vale rule of the {row['style']} style. Kind: {row['kind']}. Level: {row['level']} "
           f"(paperlint severity {row['severity']}).",
           "", f"File: {row['file']}"]
    if row["link"]:
        out.append(f"Link: {row['link']}")
    out += ["", "## Message", "", " ".join(row["message"].split()) or "(none)"]
    if data.get("description"):
        out += ["", "## Description", "", str(data["description"]).strip()]
    scope = row["scope"]
    out += ["", f"Scope: {', '.join(map(str, scope)) if isinstance(scope, list) else scope}"]
    fields = {k: v for k, v in data.items() if k not in HEADLINE}
    if fields:
        out += ["", "## Fields", ""]
        for k, v in fields.items():
            out.append(f"- `{k}`: {json.dumps(v, ensure_ascii=False, default=str)}")
    out += ["", "## In paperlint", ""]
    out.append("Runs." if row["runs"] else f"Does not run: {row['skipped']}.")
    if row["configured"]:
        out += ["", "Configured by:", ""] + [f"- `{c}`" for c in row["configured"]]
    return "\n".join(out)
