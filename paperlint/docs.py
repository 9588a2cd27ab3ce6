"""Documentation generated from the rule files (README table)."""
from __future__ import annotations

import re
from pathlib import Path

from .registry import load_rules

BEGIN = "<!-- begin generated rules -->"
END = "<!-- end generated rules -->"


def rules_table() -> str:
    lines = ["| Code | Name | Severity | What it reports |", "|---|---|---|---|"]
    for r in load_rules().values():
        summary = r.summary.replace("|", "\\|") + ("" if r.default else " (opt-in)")
        lines.append(f"| {r.code} | `{r.name}` | {r.severity} | {summary} |")
    return "\n".join(lines)


def update_readme(path: Path) -> bool:
    """Rewrite the generated table in README; returns True when the file changed."""
    text = path.read_text(encoding="utf-8")
    table = BEGIN + "\n" + rules_table() + "\n" + END
    new = re.sub(re.escape(BEGIN) + r".*?" + re.escape(END), lambda _m: table, text, flags=re.S)
    if new != text:
        path.write_text(new, encoding="utf-8")
        return True
    return False
