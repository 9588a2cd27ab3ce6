"""Vale's scopes over paperlint's document model.

Vale turns a file into HTML and hands each rule the text of the elements its ``scope``
selects. Here the same units come from the :class:`~paperlint.document.model.Document`,
for LaTeX and Markdown alike, and each unit keeps the prose-view offsets of its text, so a
match maps back to the source through the offset map (never by searching the source again).

A unit's scope is a dotted list of names, as in Vale; a selector matches when all its names
are in the unit's (``heading`` matches ``text.heading.h2.tex``):

==================  =====================================================================
paragraph block      ``text.<ext>`` (the whole block), and when some rule asks for them,
                     ``paragraph.text.<ext>`` and one ``sentence.text.<ext>`` per sentence
quote, quotation     ``text.blockquote.<ext>``
heading              ``text.heading.h<N>.<ext>``: Markdown's level, or LaTeX's
                     ``\\part``/``\\chapter`` h1, ``\\section`` h2 ... ``\\subparagraph`` h6
list item            ``text.list.<ext>``
caption              ``text.figure.caption.<ext>`` or ``text.table.caption.<ext>``
footnote             ``text.footnote.<ext>``, split into paragraph and sentences like prose
title                ``text.frontmatter.title.<ext>`` (LaTeX ``\\title``, YAML ``title``)
summary              one unit: paragraphs, items and quotes joined by blank lines
raw                  one unit per source file: its text as saved
==================  =====================================================================

``<ext>`` is ``tex`` or ``md`` (the file's suffix for other Markdown suffixes). LaTeX and
Markdown tables are not prose in paperlint, so ``table.cell`` and ``table.header`` select
nothing.
"""
from __future__ import annotations

import bisect
import re
from ..records import dataclass

LATEX_HEADING = {0: 1, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6}


@dataclass(slots=True)
class Unit:
    scope: tuple[str, ...]
    text: str
    starts: tuple[int, ...]          # unit offsets where a piece begins
    views: tuple[int, ...]           # the prose-view offset of each piece (-1: raw source)
    file: int = -1                   # for raw units: the source file index
    parent: int = -1                 # for a paragraph or sentence unit: the index of its block's text unit

    def view_range(self, a: int, b: int) -> tuple[int, int] | None:
        """The prose-view range of unit text [a, b), or None when it spans two pieces."""
        i = bisect.bisect_right(self.starts, a) - 1
        j = bisect.bisect_right(self.starts, max(a, b - 1)) - 1
        if i != j or i < 0:
            return None
        base = self.views[i] - self.starts[i]
        return a + base, b + base


class Selector:
    """One scope selector: ``heading.h2``, ``~blockquote``, ``paragraph & ~list`` (Vale's `&`)."""

    __slots__ = ("parts",)

    def __init__(self, text: str):
        self.parts = []
        for part in text.split("&"):
            part = part.strip()
            negated = part.startswith("~")
            names = frozenset(p for p in part.lstrip("~").split(".") if p)
            self.parts.append((negated, names))

    def matches(self, scope: frozenset[str]) -> bool:
        for negated, names in self.parts:
            inside = names <= scope
            if negated:
                if inside or "raw" in scope or "summary" in scope:
                    return False
            elif not inside:
                return False
        return True


def ext_of(doc) -> str:
    return "md" if doc.format == "markdown" else "tex"


def heading_level(doc, block) -> int:
    sec = block.section
    level = sec.level if sec is not None else 1
    if doc.format == "markdown":
        return min(max(level, 1), 6)
    return LATEX_HEADING.get(level, 6)


def masked_text(doc) -> str:
    """The prose view with inline code (Markdown backticks, LaTeX \\verb and \\lstinline)
    and bare URLs replaced by asterisks, as Vale hides code and URLs from rules. The masked
    view ranges are kept on the document (``_vale_masked``) so that no alert lands in them."""
    from ..document.offsets import REPLACED

    masked = []
    for vs, ve, fi, ss, se, kind in doc.offsets.segments():
        if kind == REPLACED and doc.files[fi].text.startswith(CODE_STARTS, ss):
            masked.append((vs, ve))
    if "://" in doc.text or "www." in doc.text:
        masked += [m.span() for m in URL.finditer(doc.text)]
    doc.__dict__["_vale_masked"] = masked
    if not masked:
        return doc.text
    chars = list(doc.text)
    for vs, ve in masked:
        chars[vs:ve] = "*" * (ve - vs)
    return "".join(chars)


URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]")

CODE_STARTS = ("`", "\\verb", "\\lstinline", "\\mintinline")


def _plain(scope: str, text: str, start: int, end: int) -> Unit:
    return Unit(tuple(scope.split(".")), text[start:end], (0,), (start,))


QUOTES = ("quote", "quotation", "verse", "blockquote")


def build_units(doc, want_sentences: bool, want_paragraphs: bool, want_summary: bool, want_raw: bool) -> list[Unit]:
    """Every unit of the document in order (raw and summary last)."""
    ext = ext_of(doc)
    text = masked_text(doc)
    units: list[Unit] = []
    summary: list[tuple[int, int]] = []
    for b in doc.blocks:
        if b.end <= b.start or not b.text.strip():
            continue
        kind = b.kind
        if kind == "heading":
            units.append(_plain(f"text.heading.h{heading_level(doc, b)}.{ext}", text, b.start, b.end))
        elif kind == "title":
            units.append(_plain(f"text.frontmatter.title.{ext}", text, b.start, b.end))
        elif kind == "item":
            units.append(_plain(f"text.list.{ext}", text, b.start, b.end))
            summary.append((b.start, b.end))
        elif kind == "caption":
            fig = b.figure
            what = "table" if fig is not None and fig.kind == "table" else "figure"
            units.append(_plain(f"text.{what}.caption.{ext}", text, b.start, b.end))
        elif kind == "paragraph" and b.in_context(*QUOTES):
            units.append(_plain(f"text.blockquote.{ext}", text, b.start, b.end))
            summary.append((b.start, b.end))
        else:  # paragraph or footnote: prose, as Vale's lintProse
            base = "text" if kind == "paragraph" else "text.footnote"
            first = len(units)
            if want_paragraphs:
                units.append(_plain(f"paragraph.{base}.{ext}", text, b.start, b.end))
            if want_sentences:
                for s in b.sentences:
                    if s.end > s.start and text[s.start:s.end].strip():
                        units.append(_plain(f"sentence.{base}.{ext}", text, s.start, s.end))
            for u in units[first:]:
                u.parent = len(units)
            units.append(_plain(f"{base}.{ext}", text, b.start, b.end))
            if kind == "paragraph":
                summary.append((b.start, b.end))
    if want_summary:
        parts, starts, views, pos = [], [], [], 0
        for s, e in summary:
            starts.append(pos)
            views.append(s)
            parts.append(text[s:e])
            pos += e - s + 2
        units.append(Unit(("summary", ext), "\n\n".join(parts), tuple(starts), tuple(views)))
    if want_raw:
        for i, f in enumerate(doc.files):
            units.append(Unit(("raw", ext), f.text, (0,), (-1,), file=i))
    return units
