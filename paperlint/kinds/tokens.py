"""Word and phrase lists matched by tokens instead of one big alternation regex.

Most ``existence`` and ``substitution`` rules list plain words and phrases (``utilize``,
``in order to``, ``paradigm shift|paradigm-shift``). Vale puts them in one regular expression,
``\\b(?:a|b|c)\\b``; compiling that costs about 0.5 ms per rule in Python and matching it
tries every branch at every position. Here such a list becomes a dict from each term's first
word (case-folded when the rule ignores case) to the terms that start with it: the text's words
are read once (one ``\\w+`` scan) and each is looked up.

The result is the regular expression's, match for match: a term starts and ends with a word
character, so it can only begin where a word begins, and its first word must be that whole
word (a separator or the closing ``\\b`` follows it). At each word, the terms are tried in the
alternation's order and the first that matches wins; the scan goes on after the match, as
``finditer`` does. A term qualifies when it is made of words (ASCII letters and digits) joined
by separators: a literal space, hyphen or apostrophe (``\\-`` too), or ``\\s+`` (any run of
white space, as written in a pattern); a key may list several such terms with ``|``. Anything
else (a character class, a group, an anchor, an inline flag) and the rule keeps its regular
expression.

Case: with ``ignorecase`` a word matches when its lower-case form is the term's; Python's
``re.IGNORECASE`` also equates four non-ASCII letters with ASCII ones (dotted and dotless i,
long s, the Kelvin sign) and they are folded the same way here.
"""
from __future__ import annotations

import re

#: the runs of word characters of a text, as ``\\w`` and ``\\b`` see them
WORDS = re.compile(r"\w+")
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
SPACES = object()          # a ``\s+`` item of a separator


def fold(word: str) -> str:
    """A word as ``re.IGNORECASE`` compares it with an ASCII term."""
    return word.lower() if word.isascii() else word.translate(_FOLD).lower()


#: a plain term: ASCII words joined by separators (space, hyphen, apostrophe, \- or \s+)
_PLAIN = re.compile(r"[A-Za-z0-9]+(?:(?:[ '-]|\\-|\\s\+)+[A-Za-z0-9]+)*")
_SEPS = re.compile(r"((?:[ '-]|\\-|\\s\+)+)")


_COMMON_SEPS = {"\\s+": (SPACES,), " ": (" ",), "-": ("-",), "'": ("'",), "\\-": ("-",)}


def parse_term(term: str) -> tuple | None:
    """``(words, separators)`` of a plain term, or None. Each separator is a tuple of items:
    a literal character or ``SPACES``."""
    if _PLAIN.fullmatch(term) is None:
        return None
    parts = _SEPS.split(term)          # word, sep, word, ..., word
    words = tuple(parts[0::2])
    seps = []
    for sep in parts[1::2]:
        common = _COMMON_SEPS.get(sep)
        if common is not None:
            seps.append(common)
            continue
        items: list = []
        i = 0
        while i < len(sep):
            if sep.startswith(r"\s+", i):
                if items and (items[-1] is SPACES or items[-1] == " "):
                    return None            # two runs of spaces in a row: the regex would backtrack
                items.append(SPACES)
                i += 3
            elif sep.startswith(r"\-", i):
                items.append("-")
                i += 2
            else:
                if sep[i] == " " and items and items[-1] is SPACES:
                    return None
                items.append(sep[i])
                i += 1
        seps.append(tuple(items))
    return words, tuple(seps)


def split_key(key: str) -> list[str] | None:
    """The alternatives of a key written ``a|b|c`` (no groups), or None."""
    if "(" in key or ")" in key or "[" in key:
        return None
    return key.split("|")


class TokenIndex:
    """Several term lists ("groups") behind one first-word dict.

    ``groups`` is a list of term lists; the terms of one group behave as that group's
    ``\\b(?:t0|t1|...)\\b`` and each term carries its position in the list (the key index a
    substitution reports). Groups are independent: each has its own non-overlapping scan, as if
    each were matched by its own regex. Build with :meth:`build`, which returns None when a term
    is not plain.
    """

    __slots__ = ("first", "ignorecase", "size")

    def __init__(self, first: dict, ignorecase: bool, size: int):
        self.first = first
        self.ignorecase = ignorecase
        self.size = size

    @classmethod
    def build(cls, groups: list[list[str]], ignorecase: bool) -> "TokenIndex | None":
        first: dict[str, list] = {}
        order = 0
        for g, keys in enumerate(groups):
            for k, key in enumerate(keys):
                alternatives = split_key(key)
                if alternatives is None:
                    return None
                for alt in alternatives:
                    parsed = parse_term(alt)
                    if parsed is None:
                        return None
                    words, seps = parsed
                    if ignorecase and not alt.islower():
                        words = tuple(w.lower() for w in words)
                    first.setdefault(words[0], []).append((order, g, k, words, seps))
                    order += 1
        return cls(first, ignorecase, len(groups))

    @classmethod
    def merge(cls, indexes: list["TokenIndex"]) -> "TokenIndex":
        """One index whose group i is ``indexes[i]``'s only group (all of one case mode)."""
        first: dict[str, list] = {}
        for g, index in enumerate(indexes):
            for word, cands in index.first.items():
                first.setdefault(word, []).extend((order, g, k, words, seps) for order, _, k, words, seps in cands)
        return cls(first, indexes[0].ignorecase if indexes else False, len(indexes))

    def scan(self, text: str, pos: int = 0, endpos: int | None = None) -> list[list[tuple[int, int, int]]]:
        """For each group, its matches in order: ``(start, end, key index)``. With `pos` and
        `endpos`, as ``Pattern.finditer(text, pos, endpos)``: the text before `pos` is seen by
        the opening ``\\b``, nothing after `endpos` is."""
        if not self.first:
            return [[] for _ in range(self.size)]
        pos = max(pos, 0)
        n = len(text) if endpos is None else min(endpos, len(text))
        if pos == 0 and n == len(text):
            return [list(found) for found in scan_piece(self, text, False)]
        if pos >= n:
            return [[] for _ in range(self.size)]
        # what the scan sees of the text: the piece, and whether a word runs into it from before
        found = scan_piece(self, text[pos:n], pos > 0 and _is_word_char(text[pos - 1]))
        return [[(s + pos, e + pos, k) for s, e, k in group] for group in found]


def scan_piece(index: TokenIndex, text: str, glued: bool) -> list[list[tuple[int, int, int]]]:
    """`index`'s matches in the whole of `text`, by group; `glued`: a word character comes just
    before `text`, so a word at its start is the end of a longer word (no opening ``\\b``).
    A pure function of its arguments (the language server keeps its results, paperlint.lsp.memo);
    callers copy what it returns before changing it."""
    out: list[list[tuple[int, int, int]]] = [[] for _ in range(index.size)]
    first = index.first
    ignorecase = index.ignorecase
    busy = [0] * index.size                # where each group's scan may match again
    n = len(text)
    for m in WORDS.finditer(text):
        word = m.group()
        cands = first.get(fold(word) if ignorecase else word)
        if cands is None:
            continue
        start = m.start()
        if start == 0 and glued:
            continue                           # no \b inside a word
        done = set()
        for _, g, k, words, seps in cands:
            if g in done or busy[g] > start:
                continue
            end = _match_rest(text, m.end(), n, words, seps, ignorecase)
            if end < 0:
                continue
            done.add(g)
            busy[g] = end
            out[g].append((start, end, k))
    return out


def _match_rest(text: str, pos: int, n: int, words: tuple, seps: tuple, ignorecase: bool) -> int:
    """The end of the term whose first word ends at `pos`, or -1."""
    for word, items in zip(words[1:], seps):
        for item in items:
            if item is SPACES:
                if pos >= n or not text[pos].isspace():
                    return -1
                pos += 1
                while pos < n and text[pos].isspace():
                    pos += 1
            elif pos < n and text[pos] == item:
                pos += 1
            else:
                return -1
        end = pos + len(word)
        if end > n:
            return -1
        got = text[pos:end]
        if (fold(got) if ignorecase else got) != word:
            return -1
        pos = end
    if pos < n and _is_word_char(text[pos]):
        return -1                                # the closing \b
    return pos


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"
