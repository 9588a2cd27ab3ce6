r"""Coined terms: words a paper introduces for its own ideas, and where it first uses them.

A term is *introduced* by a sentence that marks it (``\emph{}``, ``\textit{}``,
``\textbf{}``, Markdown ``*term*``, or quotes) next to a cue of naming::

    We call this effect *gradient starvation*.
    ... which we refer to as \emph{label drift}.
    A \textit{probe} is defined as ...
    We introduce the notion of ``sparse recovery''.

Only marked terms count: a cue alone ("we call this approach X") is too often
followed by an ordinary phrase to be precise. A term is matched later without case,
with a plural ending, as whole words.
"""
from __future__ import annotations

from .. import lazyre
import re
from ..records import dataclass, field

from ..document.model import Document
from .inventory import inventory, source_to_view

__all__ = ["CoinedTerm", "coined_terms"]

EMPHASIS_MACROS = ("emph", "textit", "textbf", "textsl", "term", "defn", "definiendum")
_BEFORE = lazyre.compile(
    r"(?:\b(?:we|I)\s+(?:will\s+)?(?:call|term|dub|name|coin|refer\s+to\s+(?:\w+\s+){0,3}as|define(?:\s+(?:\w+\s+){0,3}as)?|denote\s+(?:\w+\s+){0,3}as)"
    r"(?:\s+(?:this|these|it|them|such|the|a|an)(?:\s+\w+){0,3})?"
    r"|\b(?:called|termed|dubbed|named|coined|referred\s+to\s+as|known\s+as|defined\s+as|denoted\s+(?:as|by)|"
    r"the\s+(?:notion|concept|idea)\s+of|a\s+(?:new\s+)?(?:notion|concept)(?:\s+(?:we\s+)?call(?:ed)?)?|"
    r"we\s+(?:introduce|present|propose)(?:\s+(?:the|a|an))?(?:\s+(?:new|novel))?)"
    r")\s*[,:]?\s*[\"'\u201c\u2018]?$",
    re.IGNORECASE,
)
_AFTER = lazyre.compile(r"^[\"'\u201d\u2019]?\s*,?\s*(?:(?:is|are)\s+(?:defined|called)\s+(?:as|to\s+be)\b|(?:which|that)\s+(?:is|are)\s+defined\b|:=)", re.IGNORECASE)
_TERM = lazyre.compile(r"[A-Za-z][A-Za-z'\u2019-]*(?:\s+[A-Za-z][A-Za-z'\u2019-]*){0,4}")
_QUOTED = lazyre.compile(r"[\u201c\"]([^\u201c\u201d\"\n]{3,60})[\u201d\"]|\u2018([^\u2018\u2019\n]{3,60})\u2019")


@dataclass
class CoinedTerm:
    text: str                       # as introduced
    start: int                      # prose view range of the introducing mark
    end: int
    sentence: tuple[int, int]       # the introducing sentence
    order: tuple
    part: str
    line: int
    pattern: re.Pattern = field(repr=False, default=None)
    early_use: tuple[int, int] | None = None      # first body use before the introduction
    abstract_use: tuple[int, int] | None = None   # first use in the abstract
    abstract_introduced: bool = False


def _marked_spans(doc: Document):
    """(start, end) prose ranges of emphasised or quoted words."""
    lookup = source_to_view(doc)
    for node in doc.markup:
        if node.kind == "macro" and node.name in EMPHASIS_MACROS and node.args:
            arg = node.args[-1]
            s = lookup(arg.file, arg.start)
            e = lookup(arg.file, arg.end - 1)
            if s is not None and e is not None and e >= s:
                yield s, e + 1
    text = doc.text
    if doc.format == "markdown":
        for vs, ve, fi, ss, se, kind in doc.offsets.segments():
            src = doc.files[fi].text
            if kind == 0 and ss > 0 and src[ss - 1] in "*_":
                m = re.match(r"[^*_\n]{2,60}", text[vs:ve])
                if m and src[ss + m.end() : ss + m.end() + 1] in ("*", "_"):
                    yield vs, vs + m.end()
    for m in _QUOTED.finditer(text):
        g = 1 if m.group(1) is not None else 2
        yield m.start(g), m.end(g)


def _sentence_of(block, pos):
    for s in block.sentences:
        if s.start <= pos < s.end:
            return s
    return None


def _compile(term: str) -> re.Pattern:
    words = [re.escape(w) for w in term.split()]
    return re.compile(r"(?<![\w-])" + r"[\s-]+".join(words) + r"(?:s|es)?(?![\w-])", re.IGNORECASE)


def coined_terms(doc: Document) -> list[CoinedTerm]:
    """Terms the paper introduces, with their early and abstract uses; cached per document."""
    cached = doc.__dict__.get("_jargon_terms")
    if cached is not None:
        return cached
    inv = inventory(doc)
    text = doc.text
    found: dict[str, CoinedTerm] = {}
    intro_spans: list[tuple[int, int, str]] = []
    for s, e in sorted(set(_marked_spans(doc))):
        phrase = text[s:e].strip(" ,.;:\"'\u201c\u201d\u2018\u2019")
        if not _TERM.fullmatch(phrase) or phrase.isupper() or len(phrase) < 3:
            continue
        block = inv._block_at(s)
        part = inv.part_of(block)
        if block is None or part not in ("body", "abstract") or block.kind == "heading":
            continue
        sent = _sentence_of(block, s)
        if sent is None:
            continue
        before = text[max(sent.start, s - 60) : s]
        after = text[e : min(sent.end, e + 40)]
        if not (_BEFORE.search(before) or _AFTER.match(after)):
            continue
        key = " ".join(phrase.lower().split())
        intro_spans.append((s, e, key))
        src = doc.to_source(s, e)
        if src is None:
            continue
        if part == "abstract":
            found.setdefault(key, None)  # introduced in the abstract: recorded below
            continue
        if key in found and found[key] is not None:
            continue
        line = doc.files[src.file].line_col(src.start)[0]
        found[key] = CoinedTerm(phrase, s, e, (sent.start, sent.end), inv.order(src.file, src.start), part, line, _compile(key))
    abstract_keys = {k for s, e, k in intro_spans if inv.part_of(inv._block_at(s)) == "abstract"}
    marked = {(s, e) for s, e, _k in intro_spans} | set(_marked_spans(doc))
    terms = [t for t in found.values() if t is not None]
    for t in terms:
        t.abstract_introduced = t.text.lower() in abstract_keys
        for m in t.pattern.finditer(text):
            a, b = m.span()
            if t.sentence[0] <= a < t.sentence[1]:
                continue
            block = inv._block_at(a)
            part = inv.part_of(block)
            src = doc.to_source(a, b)
            if src is None or block is None or block.kind == "heading":
                continue
            if part == "abstract" and t.abstract_use is None:
                t.abstract_use = (a, b)
            elif (part == "body" and t.early_use is None and inv.order(src.file, src.start) < t.order
                  and not any(x <= a < y and b <= y + 2 for x, y in marked)):
                t.early_use = (a, b)  # (an emphasised earlier use is itself an introduction)
    doc.__dict__["_jargon_terms"] = terms
    return terms
