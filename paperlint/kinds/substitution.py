"""``extends: substitution``: each key of ``swap`` (a pattern) is reported with its value as
the advice: "Use '%s' instead of '%s'" receives the advice, then the text matched.

As in Vale: keys are tried longest first; a value may offer several options
("a|b"); ``$1`` in a value refers to the key's groups; a match already equal to the advice
is not reported (compared literally for ``action: replace`` rules, else as a pattern);
``capitalize`` capitalises the advice after a capitalised match; ``exceptions`` and
Vocab terms (``vocab``) are never reported.
"""
from __future__ import annotations

import re

from .base import WORD_TEMPLATE, Alert, Kind, as_list, cap_first, edge_sensitive, excepted, format_message, is_phrase, to_sentence

from .tokens import TokenIndex

_CAPTURE_OPEN = re.compile(r"(?<!\\)\((?!\?)")
_GROUP_REF = re.compile(r"\$(\d+)")


def options(value: str) -> list[str]:
    return [o.replace("PIPE", "|") for o in value.replace(r"\|", "PIPE").split("|") if o]


def literal_skeleton(pattern: str) -> str:
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            if i + 1 >= len(pattern):
                return ""
            out.append(pattern[i + 1])
            i += 2
            continue
        if c == "?":
            pass
        elif c in "[](){}|.*+^$":
            return ""
        else:
            out.append(c)
        i += 1
    return "".join(out)


def recase_to_term(term: str, observed: str) -> str:
    skel = literal_skeleton(term)
    if not skel or skel.casefold() != observed.casefold():
        return term
    return skel


def convert_message(message: str) -> str:
    for spec in ("'%s'", '"%s"'):
        if message.count(spec) == 2:
            message = message.replace(spec, "%s", 1)
    return message


class Substitution(Kind):
    extends = "substitution"
    per_match = True
    fields = {"swap", "ignorecase", "nonword", "exceptions", "vocab", "capitalize", "pos"}

    @staticmethod
    def token_terms(data: dict, word_template: str | None = None) -> list[str] | None:
        """The keys in the regex's order (longest first), when the rule can be matched by
        tokens (the word template); else None."""
        swap = data.get("swap")
        if not swap or not isinstance(swap, dict) or data.get("nonword") or (word_template or WORD_TEMPLATE) != WORD_TEMPLATE:
            return None
        return sorted((str(k) for k in swap), key=len, reverse=True)

    def setup(self, data):
        swap = data.get("swap") or {}
        if not isinstance(swap, dict):
            raise ValueError("'swap' must be a mapping of pattern to advice")
        self.ignorecase = bool(data.get("ignorecase"))
        self.capitalize = bool(data.get("capitalize"))
        terms = sorted((str(k) for k in swap), key=len, reverse=True)
        self.keys = terms
        self.values = [str(swap[k]) if swap[k] is not None else "" for k in terms]
        groups = []
        for key in terms:
            if key.count("(") != key.count("(?") + key.count(r"\("):
                key = _CAPTURE_OPEN.sub("(?:", key)
            groups.append("(" + key + ")")
        template = self.template(not data.get("nonword"))
        regex = template.replace("%s", "|".join(groups), 1)
        if self.ignorecase:
            regex = "(?i)" + regex
        # plain keys are matched by tokens (tokens.py), with the same matches as the regex
        plain = self.token_terms(data, self.word_template)
        self.index = TokenIndex.build([plain], self.ignorecase) if plain is not None else None
        self.pattern = self.compile(regex) if terms and self.index is None else None
        self.edge_sensitive = edge_sensitive(regex)
        self.except_re, self.phrase_re = self.vocab_exceptions(as_list(data.get("exceptions")), bool(data.get("vocab", True)))
        self.key_patterns: dict[int, object] = {}

    def _advice(self, index: int, observed: str) -> str:
        expected = self.values[index]
        if self.capitalize and observed == cap_first(observed):
            expected = cap_first(expected)
        if not _GROUP_REF.search(expected):
            return expected
        pattern = self.key_patterns.get(index)
        if pattern is None:
            pattern = self.key_patterns[index] = self.compile(self.keys[index], self.ignorecase)

        def expand(m):
            def group(g):
                k = int(g.group(1))
                return (m.group(k) or "") if k <= (m.re.groups or 0) else g.group(0)

            return _GROUP_REF.sub(group, expected)

        return pattern.sub(expand, observed)

    def spans(self, text: str, pos: int = 0, endpos: int | None = None):
        """Each match: (start, end, index of its key), as ``finditer(text, pos, endpos)``."""
        if self.index is not None:
            return self.index.scan(text, pos, endpos)[0]
        if self.pattern is None:
            return []
        out = []
        for m in self.pattern.finditer(text, *((pos,) if endpos is None else (pos, endpos))):
            index = m.lastindex
            if index is None:
                continue
            start, end = m.span(index)
            if end > start:
                out.append((start, end, index - 1))
        return out

    def run(self, unit, state):
        yield from self.alerts(unit.text, self.spans(unit.text))

    def alerts(self, text: str, spans):
        for start, end, key in spans:
            observed = text[start:end]
            expected = self._advice(key, observed)
            if self.action_name == "replace":
                same = observed in options(expected)
            elif is_phrase(expected):
                same = expected == observed
            else:
                try:
                    same = re.fullmatch(expected, observed) is not None
                except re.error:
                    same = expected == observed
            if same or excepted(self.except_re, self.phrase_re, text, observed, start, end):
                continue
            message = self.message
            offered = ()
            if self.action_name == "replace" and not self.action_params:
                params = options(expected)
                if self.capitalize and observed == cap_first(observed):
                    params = [cap_first(p) for p in params]
                offered = tuple(params)
                expected = to_sentence(params, "or")
                message = convert_message(message)
            elif self.action_name != "replace":
                expected = recase_to_term(expected, observed)
            yield Alert(start, end, format_message(message, expected, observed), offered=offered)
