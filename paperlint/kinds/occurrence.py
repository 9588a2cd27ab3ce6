"""``extends: occurrence``: too many (``max``) or too few (``min``) matches of ``token`` in
one unit of the rule's scope; the message's ``%s`` (or ``%d``) is the count. With no
match at all the alert is placed at the start of the file, as Vale does."""
from __future__ import annotations

from .base import Alert, Kind, format_message


class Occurrence(Kind):
    extends = "occurrence"
    fields = {"token", "max", "min", "ignorecase"}

    def setup(self, data):
        self.max = int(data.get("max") or 0)
        self.min = int(data.get("min") or 0)
        token = str(data.get("token", ""))
        self.pattern = self.compile(("(?i)" if data.get("ignorecase") else "") + "(?:" + token + ")")

    def run(self, unit, state):
        matches = [m for m in self.pattern.finditer(unit.text)]
        n = len(matches)
        if not ((self.max > 0 and n > self.max) or (self.min > 0 and n < self.min)):
            return
        message = format_message(self.message, n)
        if n == 0:
            yield Alert(None, None, message)
            return
        for m in matches:   # the first match that is not empty or code-like (Vale's IsCode)
            s = m.group(0)
            if s.strip() and not all(c in "*@" for c in s):
                yield Alert(m.start(), m.end(), message)
                return
