"""``extends: consistency``: of each pair in ``either`` ("advisor": "adviser"), a document
should use one spelling. Once both have been seen, each further unit using one is
reported at its last match, as in Vale."""
from __future__ import annotations

from .base import Alert, Kind, format_message


class Consistency(Kind):
    extends = "consistency"
    fields = {"either", "nonword", "ignorecase"}
    stateful = True

    def setup(self, data):
        either = data.get("either") or {}
        if not isinstance(either, dict):
            raise ValueError("'either' must be a mapping of one spelling to the other")
        template = self.template(not data.get("nonword"))
        self.steps = []
        for i, (a, b) in enumerate(either.items()):
            regex = template.replace("%s", f"(?P<a{i}>{a})|(?P<b{i}>{b})", 1)
            if data.get("ignorecase"):
                regex = "(?i)" + regex
            self.steps.append((self.compile(regex), f"a{i}", f"b{i}"))

    def run(self, unit, state):
        seen = state.setdefault("seen", set())
        text = unit.text
        for pattern, ga, gb in self.steps:
            loc = None
            for m in pattern.finditer(text):
                for g in (ga, gb):
                    if m.group(g) is not None:
                        seen.add(g)
                        loc = m.span(g)
            if loc is not None and ga in seen and gb in seen:
                yield Alert(loc[0], loc[1], format_message(self.message, text[loc[0]:loc[1]]))
