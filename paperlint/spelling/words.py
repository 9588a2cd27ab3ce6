"""Words to spell-check in a piece of prose, with their offsets.

The text is cut at white space into chunks; a chunk that is not prose as a whole (a URL, an
e-mail address, a file or module name, an abbreviation with inner dots, anything with a
digit, a slash command, an underscore) is skipped entirely. What is left is split at hyphens
and dashes, and each part loses a possessive ending ('s, s'): ``state-of-the-art`` gives
four words, ``model's`` gives ``model``.
"""
from __future__ import annotations

import re

CHUNK = re.compile(r"\S+")
#: punctuation around a word that is not part of it
EDGE = "()[]{}<>\"'“”‘’«».,;:!?…*"
NOT_PROSE = re.compile(r"[0-9/\\@_=#$%&+|~^<>]|://|www\.|\w\.\w")
SPLIT = re.compile(r"[-\u2010\u2011\u2012\u2013\u2014]+")
WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*\Z")
POSSESSIVE = re.compile(r"(?:['\u2019]s|(?<=s)['\u2019])\Z")


HYPHENATED = re.compile(r"[^\W\d_]+(?:[-'\u2019][^\W\d_]+)*\Z")


def words(text: str, start: int = 0, end: int | None = None, split_hyphens: bool = True):
    """(start, end, word) for each word of text[start:end], offsets in ``text``. With
    ``split_hyphens=False`` (Vale's tokens) a hyphenated word is one token."""
    for m in CHUNK.finditer(text, start, len(text) if end is None else end):
        chunk = m.group()
        a, b = 0, len(chunk)
        while a < b and chunk[a] in EDGE:
            a += 1
        while b > a and chunk[b - 1] in EDGE:
            b -= 1
        if a == b:
            continue
        core = chunk[a:b]
        if NOT_PROSE.search(core):
            continue
        base = m.start() + a
        if not split_hyphens:
            if HYPHENATED.match(core):
                yield base, base + len(core), core
            continue
        pos = 0
        for part in SPLIT.split(core):
            p_start = core.find(part, pos) if part else pos
            pos = p_start + len(part)
            w = part.strip(EDGE)
            if not w:
                continue
            off = part.find(w)
            pm = POSSESSIVE.search(w)
            if pm is not None and pm.start() > 0:
                w = w[: pm.start()]
            if not WORD.match(w):
                continue
            s = base + p_start + off
            yield s, s + len(w), w
