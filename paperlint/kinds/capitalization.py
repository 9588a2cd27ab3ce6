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

#: Words AP style keeps in lower case inside a title; Chicago adds the prepositions.
SMALL = frozenset("a an and as at but by en for if in nor of on or per the to vs vs. via v v.".split())
PREPOSITIONS = frozenset(
    "with from into during including until against among throughout despite towards upon concerning about over "
    "through before between after since without under within along following across beyond around down near above".split())
_TITLE_WORD = re.compile(r"[^\W_]+[^\s\-/]*")
_SANITIZE = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "-", "\u2014": "-"})
_NUMBER_LIST = re.compile(r"\d+\.")
_WORDS = r"(?:[^\W_]|\*)+[^\s]*"


def _to_title(word: str, strict: bool) -> str:
    return word[:1].upper() + (word[1:].lower() if strict else word[1:])


def _in_vocab(word: str, vocab: list) -> str:
    """`word` when a vocabulary pattern is found in it, else ''. (Vale sorts a rule's exceptions
    longest first and makes each case-sensitive before its converters see them, so an entry
    is a pattern searched in the word, as here.)"""
    return word if any(p.search(word) for p in vocab) else ""


def title_case(text: str, vocab: list[str], chicago: bool = False) -> str:
    """Vale's title converter (twine's strcase), without its part-of-speech exception for 'to'."""
    small = SMALL | PREPOSITIONS if chicago else SMALL
    t = text.translate(_SANITIZE)
    end = len(t)

    def convert(m: re.Match) -> str:
        w = m.group(0)
        found = _in_vocab(w, vocab)
        if found:
            return found
        pos, after = m.start(), m.end()
        prev = t[pos - 1] if pos > 0 else ""
        prev2 = t[pos - 2] if pos > 1 else ""
        nxt = t[after] if after < end else ""
        bounding = pos == 0 or after == end
        if (not bounding and w.lower() in small and prev in (" ", "-", "/") and prev2 not in (":", "-")
                and (nxt != "-" or prev == "-")):
            return w.lower()
        return _to_title(w, False)

    return _TITLE_WORD.sub(convert, text)


def sentence_case(text: str, vocab: list, indicators: list[str], tokenizer=None) -> str:
    """Vale's sentence converter: the first word (and the word after an indicator such as
    ':') capitalised, vocabulary words kept, every other word in lower case."""
    tokens = (tokenizer or re.compile(_WORDS)).findall(text)
    made = []
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i else ""
        entry = _in_vocab(tok, vocab)
        if entry:
            made.append(entry)
        elif i == 0 or any(prev.endswith(x) for x in indicators) or (i - 1 == 0 and _NUMBER_LIST.search(prev)):
            made.append(_to_title(tok, True))
        else:
            made.append(tok.lower())
    return " ".join(made)


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
        terms = sorted(exceptions + (list(self.accepted) if use_vocab else []), key=len, reverse=True)
        terms = [t if t.startswith("(?i)") else f"(?-i){t}" for t in terms]
        self.vocab = [self.compile(t) for t in terms]
        self.tokenizer = self.compile("(?i)" + (r"\b(?:" + "|".join(terms) + r")\b|" if terms else "") + _WORDS)
        self.indicators = [str(i) for i in as_list(data.get("indicators"))]
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
        lead = ""
        if self.prefix:
            m = re.match(self.prefix, s)
            lead = m.group(0) if m else ""
        body = s[len(lead):]
        if self.match == "$title":
            expected = lead + title_case(body, self.vocab, self.style.lower() == "chicago")
        else:
            expected = lead + sentence_case(body, self.vocab, self.indicators, self.tokenizer)
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
