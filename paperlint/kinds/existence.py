"""``extends: existence``: report every match of any of ``tokens``.

Fields as in Vale: ``tokens``, ``raw`` (pattern pieces used as written, put before the
tokens or after them with ``append: true``), ``ignorecase``, ``nonword`` (no word
boundaries around the tokens), ``exceptions`` and ``vocab`` (accepted Vocab terms are
exceptions unless ``vocab: false``; never for ``nonword`` rules, as in Vale).
"""
from __future__ import annotations

from .base import WORD_TEMPLATE, Alert, Kind, as_list, edge_sensitive, excepted, format_message
from .tokens import TokenIndex


class Existence(Kind):
    extends = "existence"
    per_match = True
    fields = {"tokens", "raw", "ignorecase", "nonword", "exceptions", "append", "vocab"}

    @staticmethod
    def token_terms(data: dict, word_template: str | None = None) -> list[str] | None:
        """The terms, in the regex's order, when the rule can be matched by tokens (plain
        ``tokens`` in the word template, no ``raw``); else None. Whether each term is plain is
        :class:`~paperlint.kinds.tokens.TokenIndex`'s to judge."""
        tokens = [str(t) for t in as_list(data.get("tokens")) if str(t).strip()]
        if not tokens or data.get("nonword") or as_list(data.get("raw")) or (word_template or WORD_TEMPLATE) != WORD_TEMPLATE:
            return None
        return tokens

    def setup(self, data):
        tokens = [str(t) for t in as_list(data.get("tokens")) if str(t).strip()]
        raw = "".join(str(r) for r in as_list(data.get("raw")))
        nonword = bool(data.get("nonword", False))
        word = not nonword and bool(tokens)
        filled = self.template(word).replace("%s", "|".join(tokens), 1)
        regex = filled + raw if data.get("append") else raw + filled
        if data.get("ignorecase"):
            regex = "(?i)" + regex
        # a plain word and phrase list is matched by tokens (tokens.py), with the same matches
        terms = self.token_terms(data, self.word_template)
        self.index = TokenIndex.build([terms], bool(data.get("ignorecase"))) if terms is not None else None
        self.pattern = self.compile(regex) if self.index is None else None
        self.edge_sensitive = edge_sensitive(regex)
        self.except_re, self.phrase_re = self.vocab_exceptions(as_list(data.get("exceptions")),
                                                               bool(data.get("vocab", True)) and not nonword)

    def spans(self, text: str, pos: int = 0, endpos: int | None = None):
        """Each match: (start, end), as ``finditer(text, pos, endpos)`` finds them."""
        if self.index is not None:
            return [(s, e) for s, e, _ in self.index.scan(text, pos, endpos)[0]]
        args = (pos,) if endpos is None else (pos, endpos)
        return [m.span() for m in self.pattern.finditer(text, *args) if m.end() > m.start()]

    def run(self, unit, state):
        yield from self.alerts(unit.text, self.spans(unit.text))

    def alerts(self, text: str, spans):
        for start, end in spans:
            found = text[start:end]
            if excepted(self.except_re, self.phrase_re, text, found.strip(), start, end):
                continue
            yield Alert(start, end, format_message(self.message, found))
