"""Building blocks of prose: shared by the LaTeX and Markdown readers.

A reader appends prose to the innermost open block; when a block is closed it is
copied into the document's prose view, preceded by a blank line.  Blocks can
nest (a caption or footnote opened in the middle of a paragraph is closed and
written out first), so each block is a contiguous range of the view.
"""
from __future__ import annotations

import re

from .model import Block, Document, Section
from .offsets import REPLACED, TEXT, ViewBuilder

SYNTH = 2


def push_section(stack: list[Section], top: Section, sec: Section) -> None:
    """Place `sec` in the section tree: its parent is the nearest open section of a higher level."""
    while stack and stack[-1].level >= sec.level:
        stack.pop()
    parent = stack[-1] if stack else top
    sec.parent = parent
    parent.children.append(sec)
    stack.append(sec)


OPENING_WORDS = 60   # this much prose before the first section reads as an unnumbered introduction


def implicit_introduction(doc: Document) -> None:
    """Prose between the front matter and the first section becomes an unnumbered introduction.

    The R Journal, JSS and many preprints open with paragraphs before the first \\section; rules
    that judge the introduction (ST102, ST110, CT101) should see them as one.  Nothing is made when
    the first section is itself an introduction, or when the opening text is short.
    """
    from .structure import INTRO

    top = doc.top
    if top.children and top.children[0].kind == "title-section":  # Markdown: '# Title', then '## Sections'
        top = top.children[0]
    level = min((s.level for s in top.children if s.kind == "section"), default=None)
    first = next((s for s in top.children if s.kind == "section" and s.level == level), None)
    if first is None or INTRO.search(first.title):
        return
    after = doc.abstract.blocks[-1].end if doc.abstract is not None and doc.abstract.blocks else -1
    opening = [b for b in top.blocks if b.start > after and b.kind in ("paragraph", "item", "caption", "footnote")]
    if sum(len(b.text.split()) for b in opening if b.kind == "paragraph") < OPENING_WORDS:
        return
    sec = Section(level=first.level, title="", kind="section", src=doc.to_source(opening[0].start, opening[0].start), implicit=True)
    if sec.src is None:
        return
    sec.parent = top
    at = top.children.index(first)
    lower = [c for c in top.children[:at] if c.kind == "section"]  # run-in headings of the opening text (\\paragraph{Contributions.})
    if any(INTRO.search(c.title) for c in lower):
        return
    for c in lower:
        top.children.remove(c)
        c.parent = sec
        sec.children.append(c)
    top.children.insert(top.children.index(first), sec)
    keep = set(map(id, opening))
    top.blocks = [b for b in top.blocks if id(b) not in keep]
    for b in opening:
        b.section = sec
        sec.blocks.append(b)
    for lst in doc.lists:
        if lst.section is top and any(item in keep for item in map(id, lst.items)):
            lst.section = sec
    for fig in doc.figures:
        if fig.section is top and any(id(c) in keep for c in fig.captions):
            fig.section = sec


def summary_as_abstract(doc: Document) -> None:
    """A first section titled Summary, followed by an Introduction, is the abstract (New Phytologist,
    some Wiley and medical journals). A JOSS paper's Summary, with no Introduction after it, is not."""
    if doc.abstract is not None:
        return
    top = doc.top
    if top.children and top.children[0].kind == "title-section":
        top = top.children[0]
    mains = [s for s in top.children if s.kind == "section"]
    if len(mains) >= 2 and mains[0].title.strip(" .:").lower() == "summary" and re.match(r"\W*(?:(?:\d+|[IVX]+)\.?\s*)?introduction\b", mains[1].title, re.I):
        mains[0].kind = "abstract"
        doc.abstract = mains[0]


class BlockBuffer:
    __slots__ = ("kind", "ops", "section", "context", "list", "figure", "has_text")

    def __init__(self, kind, section, context, lst=None, figure=None):
        self.kind = kind
        self.ops: list[tuple] = []   # (op, string, file, start, end)
        self.section = section
        self.context = context
        self.list = lst
        self.figure = figure
        self.has_text = False


class BlockWriter:
    """Owns the view builder and the stack of open blocks."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.view = ViewBuilder()
        self.stack: list[BlockBuffer] = []
        self.blocks: list[Block] = []
        self.last_text = ""

    # -- emitting prose ---------------------------------------------------
    def text(self, file: int, start: int, end: int, source: str) -> None:
        if end > start:
            top = self.stack[-1] if self.stack else None
            if top is None:
                return
            piece = source[start:end]
            top.ops.append((TEXT, piece, file, start, end))
            if not top.has_text and not piece.isspace():
                top.has_text = True

    def replaced(self, string: str, file: int, start: int, end: int) -> None:
        if string and self.stack:
            top = self.stack[-1]
            top.ops.append((REPLACED, string, file, start, end))
            if not top.has_text and not string.isspace():
                top.has_text = True

    def synthetic(self, string: str) -> None:
        if string and self.stack:
            self.stack[-1].ops.append((SYNTH, string, -1, 0, 0))

    def last_char(self) -> str:
        if self.stack:
            for op in reversed(self.stack[-1].ops):
                if op[1]:
                    return op[1][-1]
        return ""

    # -- opening and closing -----------------------------------------------
    def open(self, kind: str, section: Section | None, context: tuple, lst=None, figure=None) -> BlockBuffer:
        buf = BlockBuffer(kind, section, context, lst, figure)
        self.stack.append(buf)
        return buf

    def close(self) -> Block | None:
        """Close the innermost block and write it to the view (dropped when it holds no text)."""
        if not self.stack:
            return None
        buf = self.stack.pop()
        if not buf.has_text:
            return None
        view = self.view
        if view.length:
            view.synthetic("\n\n")
        begin = view.length
        for op, string, file, s, e in buf.ops:
            if op == TEXT:
                view.piece(file, s, e, string)
            elif op == REPLACED:
                view.replaced(string, file, s, e)
            else:
                view.synthetic(string)
        text = "".join(op[1] for op in buf.ops)
        self.last_text = text
        lead = len(text) - len(text.lstrip())
        trail = len(text) - len(text.rstrip())
        block = Block(self.doc, buf.kind, begin + lead, view.length - trail, buf.section, buf.context, buf.list, buf.figure)
        self.blocks.append(block)
        if buf.section is not None:
            buf.section.blocks.append(block)
        if buf.list is not None and buf.kind == "item":
            buf.list.items.append(block)
        if buf.figure is not None and buf.kind == "caption":
            buf.figure.captions.append(block)
        return block

    def close_all(self) -> None:
        while self.stack:
            self.close()

    @property
    def top(self) -> BlockBuffer | None:
        return self.stack[-1] if self.stack else None
