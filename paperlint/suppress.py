"""Inline suppressions in the draft's own comment syntax.

    text  % paperlint: ignore[ST140] -- a reason        (this line)
    % paperlint: ignore[CL101]                          (own line: the next paragraph)
    % paperlint: disable[RD, sentence-too-long] ... % paperlint: enable[RD, sentence-too-long]
    % paperlint: file-ignore[JG102]                     (the whole file)

Markdown uses ``<!-- paperlint: ignore[ST140] -->``.  Targets are rule codes,
names or code prefixes; a directive with no target is malformed.  Filtering is
done in source coordinates, after mapping.
"""
from __future__ import annotations

from . import lazyre
import re
from .records import dataclass, field

from .document.model import Document
from .registry import Rule, selector_score

DIRECTIVE = lazyre.compile(r"^\s*paperlint\s*:\s*(?P<verb>ignore|disable|enable|file-ignore)\s*(?:\[(?P<targets>[^\]]*)\])?\s*(?:--\s*(?P<reason>[^%]*?))?\s*(?:%.*)?$", re.S)
LOOKS_LIKE = lazyre.compile(r"^\s*paperlint\s*:", re.I)


@dataclass
class Directive:
    verb: str
    targets: list[str]
    reason: str | None
    file: int
    line: int              # 1-based line of the comment
    start: int             # offsets of the comment
    end: int
    own_line: bool
    first_line: int = 0    # lines covered, inclusive
    last_line: int = 0
    used: bool = False
    malformed: str | None = None

    def covers(self, rule: Rule, file: int, line: int) -> bool:
        if self.malformed or file != self.file or not (self.first_line <= line <= self.last_line):
            return False
        return any(selector_score(t, rule) >= 0 for t in self.targets)


@dataclass
class Suppressions:
    directives: list[Directive] = field(default_factory=list)

    def match(self, rule: Rule, file: int, line: int) -> Directive | None:
        for d in self.directives:
            if d.verb != "enable" and d.covers(rule, file, line):
                d.used = True
                return d
        return None


def parse_suppressions(doc: Document) -> Suppressions:
    result = Suppressions()
    open_disables: dict[tuple[int, str], Directive] = {}
    for c in sorted(doc.comments, key=lambda c: (c.src.file, c.src.start)):
        if not LOOKS_LIKE.match(c.text):
            continue
        f = doc.files[c.src.file]
        line, _ = f.line_col(c.src.start)
        m = DIRECTIVE.match(c.text)
        if m is None:
            d = Directive("ignore", [], None, c.src.file, line, c.src.start, c.src.end, c.own_line,
                          malformed="not understood: write `paperlint: ignore[CODE]`, `disable[...]`, `enable[...]` or `file-ignore[...]`")
            result.directives.append(d)
            continue
        targets = [t.strip() for t in (m.group("targets") or "").split(",") if t.strip()]
        d = Directive(m.group("verb"), targets, m.group("reason"), c.src.file, line, c.src.start, c.src.end, c.own_line)
        if not targets:
            d.malformed = "names no rule: list the codes or names it should silence, e.g. ignore[ST140]"
        n_lines = len(f.line_starts)
        if d.verb == "ignore":
            if c.own_line:
                d.first_line, d.last_line = _next_paragraph(f, line)
            else:
                d.first_line = d.last_line = line
        elif d.verb == "file-ignore":
            d.first_line, d.last_line = 1, n_lines
        elif d.verb == "disable":
            d.first_line, d.last_line = line, n_lines
            for t in targets:
                open_disables[(c.src.file, t)] = d
        elif d.verb == "enable":
            for t in targets:
                opened = open_disables.pop((c.src.file, t), None)
                if opened is not None:
                    opened.last_line = line
            d.used = True  # enabling is never "unused"
        result.directives.append(d)
    return result


def _next_paragraph(f, line: int) -> tuple[int, int]:
    """Lines of the paragraph that follows an own-line comment at `line`."""
    n = len(f.line_starts)
    first = line + 1
    while first <= n and not f.line_text(first).strip():
        first += 1
    last = first
    while last + 1 <= n and f.line_text(last + 1).strip():
        last += 1
    return first, min(last, n)
