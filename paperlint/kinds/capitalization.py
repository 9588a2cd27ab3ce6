"""``extends: capitalization``: a unit (usually a heading) must follow ``match``: ``$title``
(AP style, or ``style: Chicago``), ``$sentence``, ``$lower``, ``$upper`` or a pattern.

As in Vale, ``$title`` and ``$sentence`` compare word by word with the converted text and
accept the unit when at least ``threshold`` (default 0.8) of its words agree; words in
``exceptions`` and accepted Vocab terms always agree; ``indicators`` (words ending in ":")
make the next word start a sentence; ``prefix`` is skipped at the start.
"""
from __future__ import annotations

import re

from .base import Alert, Kind, as_list, format_message

_AP_SMALL = frozenset("a an and at but by for in nor of on or so the to up yet as if via vs".split())
_CHICAGO_SMALL = _AP_SMALL | frozenset(
    "about above across after against along among around before behind below beneath beside between beyond "
    "down during except from inside into like near off onto out outside over past since through throughout "
    "till toward towards under until upon with within without".split())
_WORDS = r"[^\W_*]+[^\s]*|\*+[^\s]*"
_SPLIT = re.compile(r"(\s+)")
_NUMBER_LIST = re.compile(r"\d+\.")


def _keep(word: str, vocab: set[str]) -> bool:
    core = word.strip("\"'()[]{}.,:;!?")
    if core in vocab or word in vocab:
        return True
    letters = [c for c in core if c.isalpha()]
    return (len(letters) > 1 and all(c.isupper() for c in letters)) or any(c.isupper() for c in core[1:])


def _cap(word: str) -> str:
    for i, c in enumerate(word):
        if c.isalpha():
            return word[:i] + c.upper() + word[i + 1:]
    return word


def title_case(text: str, vocab: set[str], chicago: bool = False) -> str:
    small = _CHICAGO_SMALL if chicago else _AP_SMALL
    parts = _SPLIT.split(text)
    words = [i for i, p in enumerate(parts) if p and not p.isspace()]
    out = list(parts)
    for n, i in enumerate(words):
        w = parts[i]
        if _keep(w, vocab):
            continue
        after_colon = n > 0 and parts[words[n - 1]].endswith(":")
        if n in (0, len(words) - 1) or after_colon or w.lower().strip("\"'(),.") not in small:
            out[i] = "-".join(_cap(p) for p in w.split("-")) if not chicago else _cap(w)
        else:
            out[i] = w.lower()
    return "".join(out)


def sentence_case(text: str, vocab: set[str], indicators: list[str]) -> str:
    parts = _SPLIT.split(text)
    out = list(parts)
    first = True
    for n, w in enumerate(parts):
        if not w or w.isspace():
            continue
        if _keep(w, vocab):
            pass
        elif first:
            out[n] = _cap(w)
        else:
            out[n] = w.lower()
        first = any(w.endswith(s) for s in indicators) or (first and _NUMBER_LIST.fullmatch(w) is not None)
    return "".join(out)


class Capitalization(Kind):
    extends = "capitalization"
    fields = {"match", "style", "exceptions", "indicators", "threshold", "vocab", "prefix"}

    def setup(self, data):
        self.match = str(data.get("match", "$title"))
        self.style = str(data.get("style", "AP"))
        self.threshold = float(data.get("threshold") or 0.8)
        exceptions = [str(e) for e in as_list(data.get("exceptions"))]
        use_vocab = bool(data.get("vocab", True))
        self.except_re, _ = self.vocab_exceptions(exceptions, use_vocab)
        self.vocab = set(exceptions + (list(self.accepted) if use_vocab else []))
        self.indicators = [str(i) for i in as_list(data.get("indicators"))] or [":"]
        self.prefix = str(data.get("prefix", ""))
        words = (self.except_re.pattern + "|" + _WORDS) if self.except_re is not None else _WORDS
        self.words = self.compile(words)
        self.custom = None
        if self.match not in ("$title", "$sentence", "$lower", "$upper"):
            self.custom = self.compile(self.match)

    def _excepted(self, word: str) -> bool:
        return self.except_re is not None and self.except_re.search(word) is not None

    def check(self, s: str) -> tuple[str, bool]:
        if self.match == "$lower":
            return s.lower(), s == s.lower() or self._excepted(s)
        if self.match == "$upper":
            return s.upper(), s == s.upper() or self._excepted(s)
        if self.custom is not None:
            return self.match, self.custom.search(s) is not None or self._excepted(s)
        body = s[len(self.prefix):] if self.prefix and s.startswith(self.prefix) else s
        lead = s[: len(s) - len(body)]
        if self.match == "$title":
            expected = lead + title_case(body, self.vocab, self.style.lower() == "chicago")
        else:
            expected = lead + sentence_case(body, self.vocab, self.indicators)
        want = self.words.findall(expected)
        count = words = 0
        for i, w in enumerate(self.words.findall(s)):
            if i >= len(want) or w == want[i] or self._excepted(w):
                count += 1
            elif self.match == "$title" and w == w.upper():
                count += 1
            elif self.match == "$sentence" and i == 0 and w != w.lower().title():
                return expected, False
            words += 1
        return expected, words == 0 or count / words >= self.threshold

    def run(self, unit, state):
        text = unit.text
        expected, ok = self.check(text)
        if not ok:
            yield Alert(0, len(text), format_message(self.message, text, expected), whole=True)
