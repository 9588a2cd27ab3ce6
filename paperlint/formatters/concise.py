"""`path:line:col: CODE [severity] message`: for grep and editors' error formats."""
from __future__ import annotations


def render(results, settings, **_) -> str:
    lines = []
    for res in results:
        if res.error:
            lines.append(f"{res.root}:1:1: error: {res.error}")
        for d in res.diagnostics:
            lines.append(f"{d.file}:{d.line}:{d.column}: {d.code} [{d.severity}] {d.message}")
    return "\n".join(lines) + ("\n" if lines else "")
