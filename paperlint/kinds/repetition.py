"""``extends: repetition``: the same token twice in a row ("the the"); ``max`` repeats are
allowed, ``alpha`` only counts tokens made of letters. A repeat that straddles a sentence
end ("... to use. Use ...") is not reported, as in Vale."""
from __future__ import annotations

from .base import Alert, Kind, as_list, excepted, format_message


class Repetition(Kind):
    extends = "repetition"
    fields = {"tokens", "max", "ignorecase", "alpha", "vocab", "exceptions"}

    def setup(self, data):
        tokens = [str(t) for t in as_list(data.get("tokens"))]
        self.ignorecase = bool(data.get("ignorecase"))
        self.alpha = bool(data.get("alpha"))
        self.max = int(data.get("max") or 0)
        self.pattern = self.compile(("(?i)" if self.ignorecase else "") + "(" + "|".join(tokens) + ")")
        self.except_re, self.phrase_re = self.vocab_exceptions(as_list(data.get("exceptions")), bool(data.get("vocab", True)))

    def run(self, unit, state):
        from ..nlp.readability import split_sentences

        text = unit.text
        prev, ploc, count = "", None, 0
        for m in self.pattern.finditer(text):
            curr = m.group(0).strip()
            if self.ignorecase:
                hit = curr != "" and curr.casefold() == prev.casefold()
            else:
                hit = curr != "" and curr == prev
            hit = hit and (not self.alpha or all(c.isalpha() for c in curr))
            if hit:
                count += 1
            if hit and count > self.max and ploc is not None:
                span = text[ploc[0]:m.end()]
                if len(split_sentences(span)) == 1 and not excepted(self.except_re, self.phrase_re, text, span, ploc[0], m.end()):
                    yield Alert(ploc[0], m.end(), format_message(self.message, curr))
                    count = 0
            ploc, prev = (m.start(), m.end()), curr
