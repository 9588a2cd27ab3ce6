"""RD103: fancy words and phrases with plain equivalents (data: rules/data/plain_words.toml)."""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

import tomllib

from ..jargon.inventory import in_back_matter
from ..resources import rules_dir
from .base import Check

#: Prose kinds read; headings and titles are names more than sentences.
KINDS = ("paragraph", "item", "caption", "footnote")
SKIP_CONTEXTS = ("quote", "quotation", "verse")


@dataclass(frozen=True)
class Substitution:
    id: str
    replacement: str
    note: str


@functools.cache
def substitutions() -> tuple[re.Pattern, tuple[Substitution, ...]]:
    """One alternation over every entry (group ``e<i>`` is entry i): for tests and tools."""
    with open(rules_dir() / "data" / "plain_words.toml", "rb") as fh:
        entries = tomllib.load(fh)["substitution"]
    pattern = re.compile("|".join(f"(?P<e{i}>{e['pattern']})" for i, e in enumerate(entries)), re.IGNORECASE)
    return pattern, tuple(Substitution(e["id"], e["replacement"], e["note"]) for e in entries)


@functools.cache
def _compiled() -> tuple[tuple[re.Pattern, str, Substitution], ...]:
    """Each entry on its own, for lower-cased text: four times faster than the alternation
    (which tries every branch at every position), and case-folding costs nothing."""
    with open(rules_dir() / "data" / "plain_words.toml", "rb") as fh:
        entries = tomllib.load(fh)["substitution"]
    return tuple((re.compile(e["pattern"]), required_literal(e["pattern"]), Substitution(e["id"], e["replacement"], e["note"]))
                 for e in entries)


def required_literal(pattern: str) -> str:
    """The longest run of characters that every match of ``pattern`` contains ('' if unsure).

    A substring test on the whole text (C speed) then skips the entries that cannot match,
    which is most of them in any one paper."""
    try:
        try:
            from re import _parser as sre_parse  # Python 3.11+
            from re._constants import (
                BRANCH,
                LITERAL,
                MAX_REPEAT,
                MIN_REPEAT,
                SUBPATTERN,
            )
        except ImportError:  # pragma: no cover - Python 3.10
            import sre_parse
            from sre_constants import (
                BRANCH,
                LITERAL,
                MAX_REPEAT,
                MIN_REPEAT,
                SUBPATTERN,
            )
    except ImportError:  # pragma: no cover
        return ""

    def longest(seq) -> str:
        best, run = "", ""
        for op, av in seq:
            if op is LITERAL:
                run += chr(av)
                continue
            best, run = max(best, run, key=len), ""
            inner = ""
            if op is SUBPATTERN:
                inner = longest(av[-1])
            elif op in (MAX_REPEAT, MIN_REPEAT) and av[0] >= 1:
                inner = longest(av[2])
            elif op is BRANCH:
                inner = _common([longest(b) for b in av[1]])
            best = max(best, inner, key=len)
        return max(best, run, key=len)

    try:
        return longest(sre_parse.parse(pattern))
    except (re.error, ValueError, TypeError, AttributeError, IndexError):  # pragma: no cover - no shortcut
        return ""


def _common(words: list[str]) -> str:
    """Longest substring shared by every word (the branches of an alternation)."""
    if not words or not all(words):
        return ""
    first = min(words, key=len)
    for size in range(len(first), 2, -1):
        for i in range(len(first) - size + 1):
            piece = first[i : i + size]
            if all(piece in w for w in words):
                return piece
    return ""


#: ASCII lower-casing keeps every offset (str.lower() may not: 'İ' becomes two characters).
_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _matches(pattern: re.Pattern, literal: str, text: str):
    """``pattern.finditer(text)``, searched only around the occurrences of its required
    literal when they are few (a phrase is short: 120 characters around it hold any match;
    look-behinds still see the text before the window)."""
    if not literal or text.count(literal) * 240 > len(text):
        yield from pattern.finditer(text)
        return
    seen = -1
    pos = text.find(literal)
    while pos != -1:
        for m in pattern.finditer(text, max(seen, pos - 120), min(len(text), pos + len(literal) + 120)):
            if m.start() >= seen:
                seen = m.end()
                yield m
        pos = text.find(literal, pos + 1)


def _advice(sub: Substitution) -> str:
    if not sub.replacement:
        return "delete it"
    options = [f"'{r.strip()}'" for r in sub.replacement.split("/")]
    return "write " + (" or ".join(options) if len(options) < 3 else ", ".join(options[:-1]) + " or " + options[-1])


class PlainWords(Check):
    code = "RD103"

    def run(self, doc, ctx):
        ignore = {i.lower() for i in ctx.options["ignore"]}
        text, offsets = doc.text, doc.offsets
        lower = text.translate(_LOWER)
        quotes = [n.src for n in doc.environments(*SKIP_CONTEXTS)]  # a quote env inside a paragraph
        starts = [b.start for b in doc.blocks]
        for pattern, literal, sub in _compiled():
            if sub.id in ignore or literal not in lower:
                continue
            for m in _matches(pattern, literal, lower):
                s, e = m.span()
                i = bisect.bisect_right(starts, s) - 1
                block = doc.blocks[i] if i >= 0 else None
                if block is None or e > block.end or block.kind not in KINDS or block.in_context(*SKIP_CONTEXTS) or in_back_matter(block):
                    continue
                # placeholders inside the match (math, citations) mean it is not the phrase
                if any(text[a:b].strip(" \u2013-") for a, b in offsets.replaced_spans(s, e)):
                    continue
                src = doc.to_source(s, e)
                if src is not None and any(q.file == src.file and q.start <= src.start < q.end for q in quotes):
                    continue
                yield ctx.report(s, e, found=" ".join(text[s:e].split()), advice=_advice(sub), note=sub.note, id=sub.id)
