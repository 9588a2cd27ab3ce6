"""``extends: existence``: report every match of any of ``tokens``.

Fields as in Vale: ``tokens``, ``raw`` (pattern pieces used as written, put before the
tokens or after them with ``append: true``), ``ignorecase``, ``nonword`` (no word
boundaries around the tokens), ``exceptions`` and ``vocab`` (accepted Vocab terms are
exceptions unless ``vocab: false``; never for ``nonword`` rules, as in Vale).
"""
from __future__ import annotations

from .base import Alert, Kind, as_list, edge_sensitive, excepted, format_message


class Existence(Kind):
    extends = "existence"
    per_match = True
    fields = {"tokens", "raw", "ignorecase", "nonword", "exceptions", "append", "vocab"}

    def setup(self, data):
        tokens = [str(t) for t in as_list(data.get("tokens")) if str(t).strip()]
        raw = "".join(str(r) for r in as_list(data.get("raw")))
        nonword = bool(data.get("nonword", False))
        word = not nonword and bool(tokens)
        filled = self.template(word).replace("%s", "|".join(tokens), 1)
        regex = filled + raw if data.get("append") else raw + filled
        if data.get("ignorecase"):
            regex = "(?i)" + regex
        self.pattern = self.compile(regex)
        self.edge_sensitive = edge_sensitive(regex)
        self.except_re, self.phrase_re = self.vocab_exceptions(as_list(data.get("exceptions")),
                                                               bool(data.get("vocab", True)) and not nonword)

    def run(self, unit, state):
        text = unit.text
        for m in self.pattern.finditer(text):
            if m.end() == m.start():
                continue
            observed = m.group(0).strip()
            if excepted(self.except_re, self.phrase_re, text, observed, m.start(), m.end()):
                continue
            yield Alert(m.start(), m.end(), format_message(self.message, m.group(0)))
