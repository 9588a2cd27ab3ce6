"""The default terminal output: findings grouped by file, with a caret under the source."""
from __future__ import annotations

from collections import Counter

from ..diagnostics import Severity

#: ANSI foreground colours of the severities (red, yellow, cyan)
COLORS = {Severity.ERROR: 31, Severity.WARNING: 33, Severity.INFO: 36}


def style(text: str, fg: int | None = None, bold: bool = False) -> str:
    """`text` in an ANSI colour and/or bold, then reset (the codes ``click.style`` writes; click
    is not imported for a lint)."""
    return (f"\033[{fg}m" if fg is not None else "") + ("\033[1m" if bold else "") + text + "\033[0m"


def _excerpt(result, d, color: bool) -> list[str]:
    doc = result.document
    if doc is None:
        return []
    src = next((f for f in doc.files if str(f.path) == d.path), None)
    if src is None or d.line > len(src.line_starts):
        return []
    line = src.line_text(d.line).expandtabs(1)
    if len(line) > 160:
        start = max(0, d.column - 60)
        line = ("…" if start else "") + line[start : start + 140]
        col = d.column - start + (1 if start else 0)
    else:
        col = d.column
    width = max(1, (d.end_column - d.column) if d.end_line == d.line else len(line) - col + 1)
    width = min(width, max(1, len(line) - col + 1))
    gutter = f"{d.line:>5} | "
    caret = " " * (len(gutter) - 2) + "| " + " " * (col - 1) + "^" * width
    if color:
        caret = style(caret, fg=COLORS[d.severity])
    return [gutter + line, caret]


_MODES = {"review": "anonymous submission", "camera-ready": "camera-ready version", "preprint": "preprint"}


def _profile_lines(results, settings) -> list[str]:
    """Which venue profile the checks applied to each document, and why (a line each)."""
    from ..venues import venue_json

    lines = []
    for res in results:
        v = venue_json(res.document, settings) if res.document is not None else None
        if v is None:
            continue
        mode = _MODES.get(v["mode"], "mode not stated")
        why = f"from {v['evidence']} on line {v['line']} of {v['file']}" if v["file"] else "set by the configuration or --venue/--mode"
        what = f"Venue profile {v['name']} ({mode})" if v["name"] else f"No venue profile ({mode})"
        lines.append(f"{what} for {res.root}, {why}.")
    return lines


def render(results, settings, color: bool = False, quiet: bool = False, **_) -> str:
    out: list[str] = []
    counts: Counter = Counter()
    files = 0
    for res in results:
        files += 1
        if res.error:
            out.append(f"{res.root}: error: {res.error}")
            continue
        for d in res.diagnostics:
            counts[d.severity] += 1
            sev = str(d.severity)
            head = f"{d.file}:{d.line}:{d.column}: "
            code = f"{d.code} [{sev}]"
            if color:
                head = style(head, bold=True)
                code = style(code, fg=COLORS[d.severity], bold=True)
            out.append(f"{head}{code} {d.message}")
            if not quiet:
                out.extend(_excerpt(res, d, color))
    total = sum(counts.values())
    if not quiet and len(results) <= 3:
        out.extend(_profile_lines(results, settings))
    if quiet:
        pass
    elif total:
        parts = [f"{counts[s]} {str(s)}{'s' if counts[s] != 1 and s != Severity.INFO else ''}" for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[s]]
        out.append(f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) in {files} document{'s' if files != 1 else ''}.")
    elif files and not any(r.error for r in results):   # nothing linted (a missing path): no verdict
        out.append(f"All clear: no problems found in {files} document{'s' if files != 1 else ''}.")
    return "\n".join(out) + ("\n" if out else "")
