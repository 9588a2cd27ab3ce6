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
from .actions import solutions
from .units import build_units

CONTROL = re.compile(r"^\s*(?P<body>vale\b.*?)\s*$", re.S)
MATCHES = re.compile(r"^vale (.+\..+)(\[.+\]) = (YES|NO)$")
ASSIGN = re.compile(r"^vale (.+\..+|[^.]+) = (YES|NO|on|off)$")
STYLES = re.compile(r"^vale styles? = (.*)$")
SEVERITY = {"suggestion": Severity.INFO, "warning": Severity.WARNING, "error": Severity.ERROR}


class Controls:
    """Vale's in-text comment switches (as core/file.go reads them), per file, in source order:
    ``vale off`` / ``vale on``; ``vale Style.Rule = NO|YES`` and ``vale Style = off|on``;
    ``vale Style.Rule["match", "other"] = NO`` for some matches only; ``vale style = A, B``
    (only those styles)."""

    def __init__(self, doc):
        import json

        self.by_file: dict[int, tuple[list[int], list[tuple]]] = {}
        for c in sorted(doc.comments, key=lambda c: (c.src.file, c.src.start)):
            m = CONTROL.match(c.text)
            if m is None:
                continue
            body = " ".join(m.group("body").split())
            op = None
            if body in ("vale off", "vale on"):
                op = ("set", "off", body == "vale off")
            elif MATCHES.match(body):
                g = MATCHES.match(body)
                try:
                    parts = json.loads(g.group(2))
                except ValueError:
                    parts = None
                if isinstance(parts, list):
                    op = ("many", [f"{g.group(1)}[{p}]" for p in parts], g.group(3) == "NO")
            elif ASSIGN.match(body):
                g = ASSIGN.match(body)
                op = ("set", g.group(1), g.group(2) in ("NO", "off"))
            elif STYLES.match(body):
                op = ("styles", [x.strip() for x in STYLES.match(body).group(1).split(",") if x.strip()])
            if op is not None:
                offs, ops = self.by_file.setdefault(c.src.file, ([], []))
                offs.append(c.src.end)
                ops.append(op)

    def allows(self, code: str, file: int, offset: int, match: str, styles: set[str]) -> bool:
        entry = self.by_file.get(file)
        if entry is None:
            return True
        offs, ops = entry
        off: dict[str, bool] = {}
        for op in ops[: bisect.bisect_right(offs, offset)]:
            if op[0] == "set":
                off[op[1]] = op[2]
            elif op[0] == "many":
                for key in op[1]:
                    off[key] = op[2]
            else:
                for style in styles:
                    off[style] = True
                for style in op[1]:
                    off[style] = False
        style = code.split(".", 1)[0]
        return not (off.get("off") or off.get(style) or off.get(code) or off.get(f"{code}[{match}]"))


def _plain_prefix(doc, vs: int, ve: int) -> int | None:
    """The end of the longest start of view range [vs, ve) that lies in one TEXT segment (as
    written in the source), trailing spaces trimmed; None when [vs, ...) starts in markup."""
    from ..document.offsets import TEXT

    offsets = doc.offsets
    i = offsets.segment_at(vs)
    if i is None or offsets.kind[i] != TEXT:
        return None
    end = min(ve, offsets.ve[i])
    while end > vs and doc.text[end - 1].isspace():
        end -= 1
    return end if end > vs else None


def run_styles(doc, settings) -> list[Finding]:
    setup = settings.vale
    per_file = [setup.for_file(f.path) for f in doc.files]
    active = set().union(*per_file) if per_file else set()
    kinds = [(code, k) for code, k in setup.kinds.items() if code in active and settings.enabled(setup.rules[code])]
    if not kinds:
        return []
    wants = set().union(*(k.wants for _, k in kinds))
    units = build_units(doc, "sentence" in wants, "paragraph" in wants, "summary" in wants, "raw" in wants)
    if setup.skipped_scopes:
        skip = set(setup.skipped_scopes)
        units = [u for u in units if not skip & set(u.scope)]
    scopes = [frozenset(u.scope) for u in units]
    text = doc.text
    inexact = dropped = 0
    controls = Controls(doc)
    styles = [{code.split(".", 1)[0] for code in rules} for rules in per_file]
    findings: list[Finding] = []
    for code, kind in kinds:
        state = {"doc": doc}
        count: dict[int, int] = {}
        for unit, scope in zip(units, scopes):
            if not kind.applies(scope):
                continue
            if unit.parent >= 0 and kind.per_match and kind.applies(scopes[unit.parent]):
                # the block's own unit gives the same matches (Vale reports them once), except
                # where a pattern anchors at a sentence's start or end
                if unit.scope[0] == "paragraph" or not kind.edge_sensitive:
                    continue
            for alert in kind.run(unit, state):
                exact = True
                if alert.start is None:          # the whole file: line 1, column 1 of the root
                    file, start, end = 0, 0, 0
                elif unit.file >= 0:             # raw: the unit is the source file itself
                    file, start, end = unit.file, alert.start, alert.end
                else:
                    vr = unit.view_range(alert.start, alert.end)
                    if vr is None:
                        continue
                    vs, ve = vr
                    while vs < ve and text[vs].isspace():
                        vs += 1
                    while ve > vs and text[ve - 1].isspace():
                        ve -= 1
                    src = doc.to_source(vs, ve)
                    if src is None:
                        continue
                    file, start, end = src.file, src.start, src.end
                    if not alert.whole and doc.files[file].text[start:end] != text[vs:ve]:
                        # the match runs over markup (\\emph{, ~, --, a placeholder, hidden code):
                        # report the part of it written as it reads (its first stretch of plain
                        # text), never an inexact range; nothing when it starts in markup
                        clipped = _plain_prefix(doc, vs, ve)
                        if clipped is None:
                            dropped += 1
                            continue
                        inexact += 1
                        exact = False
                        ve = clipped
                        file, start, end = src.file, src.start, src.start + (ve - vs)
                level = per_file[file].get(code)
                match = (unit.text[alert.start:alert.end] if unit.file >= 0 else text[vs:ve]) if alert.start is not None else ""
                if level is None or not controls.allows(code, file, start, match, styles[file]):
                    continue
                if kind.limit and count.get(file, 0) >= kind.limit:
                    continue
                count[file] = count.get(file, 0) + 1
                fields = {"match": match}
                if kind.action_name and exact and alert.start is not None and not alert.whole and doc.files[file].text[start:end] == match:
                    # a fix replaces the source text, so only where the source reads as the whole match
                    fixes = solutions(kind, match, alert.offered)
                    if fixes:
                        fields["fixes"] = fixes
                findings.append(Finding(code, file, start, end, fields, alert.message, SEVERITY[level]))
    doc.__dict__["_vale_markup"] = (inexact, dropped)   # matches over markup: clipped, dropped (for tests)
    return findings
