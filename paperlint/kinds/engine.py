"""Running the configured Vale rules over one document.

Each rule runs on the units its scope selects (``units.py``); an alert's unit offsets go
through the unit's pieces to the prose view and through the document's offset map to the
source, so the reported range is exactly the matched text. A match that contains a
placeholder (inline math shown as ``X``, a citation shown as ``[1]``) is dropped: the
rule matched paperlint's stand-in, not the author's words.

Vale's comment controls are honoured: ``<!-- vale off -->`` / ``<!-- vale on -->`` and
``<!-- vale Style.Rule = NO -->`` / ``= YES`` (also ``Style = NO``) in Markdown, and the same
words after ``%`` in LaTeX (``% vale off``). paperlint's own ``paperlint: ignore[Style.Rule]``
works as for any rule, in the engine.
"""
from __future__ import annotations

import bisect
import re

from ..diagnostics import Finding, Severity
from .units import build_units

CONTROL = re.compile(r"^\s*vale\s+(?P<body>.+?)\s*$", re.S)
ASSIGN = re.compile(r"^(?P<name>[\w.-]+)(?:\[[^\]]*\])?\s*=\s*(?P<value>yes|no)$", re.I)
SEVERITY = {"suggestion": Severity.INFO, "warning": Severity.WARNING, "error": Severity.ERROR}


class Controls:
    """Vale's in-text comment switches, per file, in source order."""

    def __init__(self, doc):
        self.by_file: dict[int, tuple[list[int], list[tuple[str, bool]]]] = {}
        for c in sorted(doc.comments, key=lambda c: (c.src.file, c.src.start)):
            m = CONTROL.match(c.text)
            if m is None:
                continue
            body = m.group("body").strip()
            changes: list[tuple[str, bool]] = []
            if body.lower() in ("off", "on"):
                changes.append(("*", body.lower() == "on"))
            else:
                for part in body.split(","):
                    a = ASSIGN.match(part.strip())
                    if a is None:
                        changes = []
                        break
                    changes.append((a.group("name"), a.group("value").lower() == "yes"))
            if changes:
                offs, ch = self.by_file.setdefault(c.src.file, ([], []))
                for change in changes:
                    offs.append(c.src.end)
                    ch.append(change)

    def allows(self, code: str, file: int, offset: int) -> bool:
        entry = self.by_file.get(file)
        if entry is None:
            return True
        offs, changes = entry
        n = bisect.bisect_right(offs, offset)
        style = code.split(".", 1)[0]
        state = {"*": True}
        for name, on in changes[:n]:
            state[name] = on
        return state["*"] and state.get(style, True) and state.get(code, True)


def run_styles(doc, settings) -> list[Finding]:
    setup = settings.vale
    per_file = [setup.for_file(f.path) for f in doc.files]
    active = set().union(*per_file) if per_file else set()
    kinds = [(code, k) for code, k in setup.kinds.items() if code in active and settings.enabled(setup.rules[code])]
    if not kinds:
        return []
    wants = set().union(*(k.wants for _, k in kinds))
    units = build_units(doc, "sentence" in wants, "paragraph" in wants, "summary" in wants, "raw" in wants)
    scopes = [frozenset(u.scope) for u in units]
    controls = Controls(doc)
    offsets = doc.offsets
    findings: list[Finding] = []
    for code, kind in kinds:
        state = {"doc": doc}
        count: dict[int, int] = {}
        for unit, scope in zip(units, scopes):
            if not kind.applies(scope):
                continue
            for alert in kind.run(unit, state):
                if alert.start is None:          # the whole file: line 1, column 1 of the root
                    file, start, end = 0, 0, 0
                elif unit.file >= 0:             # raw: the unit is the source file itself
                    file, start, end = unit.file, alert.start, alert.end
                else:
                    vr = unit.view_range(alert.start, alert.end)
                    if vr is None:
                        continue
                    vs, ve = vr
                    if not alert.whole and any(doc.text[a:b].strip(" \u2013-") for a, b in offsets.replaced_spans(vs, ve)):
                        continue
                    src = doc.to_source(vs, ve)
                    if src is None:
                        continue
                    file, start, end = src.file, src.start, src.end
                level = per_file[file].get(code)
                if level is None or not controls.allows(code, file, start):
                    continue
                if kind.limit and count.get(file, 0) >= kind.limit:
                    continue
                count[file] = count.get(file, 0) + 1
                match = unit.text[alert.start:alert.end] if alert.start is not None else ""
                findings.append(Finding(code, file, start, end, {"match": match}, alert.message, SEVERITY[level]))
    return findings
