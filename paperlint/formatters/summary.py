"""A Markdown summary of a run, for a CI job's page ($GITHUB_STEP_SUMMARY): totals, then the
findings per rule and per file, worst first."""
from __future__ import annotations

from collections import Counter

from ..diagnostics import Severity


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render(results, settings, **_) -> str:
    diags = [d for r in results for d in r.diagnostics]
    by_sev = Counter(d.severity for d in diags)
    docs = len(results)
    lines = ["## paperlint", ""]
    if not diags and not any(r.error for r in results):
        lines.append(f"No problems found in {docs} document{'s' if docs != 1 else ''}.")
        return "\n".join(lines) + "\n"
    parts = [f"{by_sev[s]} {str(s)}{'s' if by_sev[s] != 1 and s != Severity.INFO else ''}" for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if by_sev[s]]
    lines.append(f"{len(diags)} finding{'s' if len(diags) != 1 else ''} ({', '.join(parts) or 'none'}) in {docs} document{'s' if docs != 1 else ''}.")
    for r in results:
        if r.error:
            lines.append(f"\n**{_cell(r.root)}** could not be read: {_cell(r.error)}")
    rules = Counter((d.code, d.name, d.severity) for d in diags)
    if rules:
        lines += ["", "| rule | severity | findings |", "|---|---|---:|"]
        for (code, name, sev), n in sorted(rules.items(), key=lambda kv: (-kv[0][2], -kv[1], kv[0][0])):
            lines.append(f"| `{code}` {_cell(name)} | {sev} | {n} |")
    files: dict[str, Counter] = {}
    for d in diags:
        files.setdefault(d.file, Counter())[d.severity] += 1
    if files:
        lines += ["", "| file | errors | warnings | info |", "|---|---:|---:|---:|"]
        for f, c in sorted(files.items(), key=lambda kv: (-kv[1][Severity.ERROR], -kv[1][Severity.WARNING], -kv[1][Severity.INFO], kv[0])):
            lines.append(f"| {_cell(f)} | {c[Severity.ERROR]} | {c[Severity.WARNING]} | {c[Severity.INFO]} |")
    return "\n".join(lines) + "\n"
