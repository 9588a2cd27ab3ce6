"""``extends: conditional``: a match of ``first`` needs a match of ``second`` somewhere in the
document before it (or in the same unit). When ``second`` captures a group (an acronym's
definition "Large Language Model (LLM)"), each match of ``first`` must equal one of its
captures so far; without a group, ``second`` need only occur in the unit."""
from __future__ import annotations

from .base import Alert, Kind, as_list, excepted, format_message


def has_capture_group(pattern: str) -> bool:
    return pattern.count("(") > pattern.count("(?") + pattern.count(r"\(")


class Conditional(Kind):
    extends = "conditional"
    fields = {"first", "second", "exceptions", "ignorecase", "vocab"}
    stateful = True

    def setup(self, data):
        self.first = self.compile(str(data.get("first", "")))
        second = str(data.get("second", ""))
        self.second = self.compile(second)
        self.second_group = has_capture_group(second)
        self.except_re, self.phrase_re = self.vocab_exceptions(as_list(data.get("exceptions")), bool(data.get("vocab", True)))

    def run(self, unit, state):
        text = unit.text
        if not self.second_group:
            if self.second.search(text):
                return
            seen: set[str] = set()
        else:
            seen = state.setdefault("seen", set())
            for m in self.second.finditer(text):
                seen.update(g for g in m.groups() if g)
        for m in self.first.finditer(text):
            s = m.group(0)
            if s in seen or excepted(self.except_re, self.phrase_re, text, s, m.start(), m.end()):
                continue
            yield Alert(m.start(), m.end(), format_message(self.message, s))
