"""The document model every rule works on.

A :class:`Document` is built once per root file.  It holds the source files,
the prose view (``text``) with its :class:`OffsetMap`, and the structure found
while converting: blocks (paragraphs, headings, captions, list items), sections,
lists, figures, citations, labels and references, includes, comments and the
markup nodes that rules may ask for.  All ranges over the prose view are
``(start, end)`` character offsets; all source ranges are :class:`SourceRange`.
"""
from __future__ import annotations

from ..records import dataclass, field
from functools import cached_property

from ..sources import SourceFile
from .offsets import OffsetMap, SourceRange

# Section levels shared by LaTeX and Markdown.
LEVELS = {
    "part": 0,
    "chapter": 1,
    "section": 2,
    "subsection": 3,
    "subsubsection": 4,
    "paragraph": 5,
    "subparagraph": 6,
}


@dataclass(eq=False)
class Sentence:
    start: int
    end: int
    block: "Block"

    @property
    def text(self) -> str:
        return self.block.doc.text[self.start : self.end]


@dataclass(eq=False)
class Block:
    """A unit of prose: a paragraph, heading, caption, list item, title or footnote."""

    doc: "Document" = field(repr=False)
    kind: str                      # paragraph | heading | caption | item | title | footnote
    start: int
    end: int
    section: "Section | None" = field(default=None, repr=False)
    context: tuple[str, ...] = ()  # enclosing environments, outermost first ('abstract', 'itemize', 'figure', 'theorem'...)
    list: "ListInfo | None" = None
    figure: "Figure | None" = None

    @property
    def text(self) -> str:
        return self.doc.text[self.start : self.end]

    @cached_property
    def sentences(self) -> list[Sentence]:
        from .sentences import split_sentences

        return [Sentence(s, e, self) for s, e in split_sentences(self.doc.text, self.start, self.end)]

    def in_context(self, *names: str) -> bool:
        return any(c in names for c in self.context)


@dataclass(eq=False)
class Section:
    level: int
    title: str
    kind: str = "section"          # section | abstract | document (the implicit top)
    heading: Block | None = field(default=None, repr=False)
    src: SourceRange | None = None  # the heading command / line
    starred: bool = False
    appendix: bool = False
    implicit: bool = False         # unnumbered opening text read as the introduction (no heading)
    # not in the repr: parent and children point at each other, and a repr of the tree recursed
    parent: "Section | None" = field(default=None, repr=False)
    children: list["Section"] = field(default_factory=list, repr=False)
    blocks: list[Block] = field(default_factory=list, repr=False)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def all_blocks(self):
        for sec in self.walk():
            yield from sec.blocks

    def word_count(self, kinds=("paragraph", "item")) -> int:
        return sum(len(b.text.split()) for b in self.all_blocks() if b.kind in kinds)


@dataclass(eq=False)
class ListInfo:
    kind: str                       # itemize | enumerate | description | bullet | ordered
    src: SourceRange
    section: Section | None
    items: list[Block] = field(default_factory=list)
    lead: Block | None = None       # the paragraph just before the list
    depth: int = 1


@dataclass(eq=False)
class Figure:
    kind: str                       # figure | table (env name without star) | image (Markdown)
    env: str
    src: SourceRange
    section: Section | None = None
    captions: list[Block] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    graphics: list[tuple[str, SourceRange]] = field(default_factory=list)


@dataclass(frozen=True, eq=False)
class MarkupNode:
    """A macro, environment or math node, for rules that look at markup."""

    kind: str                       # macro | env | math
    name: str
    src: SourceRange
    args: tuple[SourceRange, ...] = ()   # mandatory and optional arguments, contents only
    context: tuple[str, ...] = ()
    in_body: bool = True


@dataclass(frozen=True)
class Comment:
    src: SourceRange                # the whole comment, marker included
    text: str                       # the comment's content without its marker
    own_line: bool                  # nothing but whitespace before it on its line


@dataclass(frozen=True)
class Include:
    command: str
    target: str
    src: SourceRange                # the include command in the including file
    file: int | None                # index of the included file, None if not read
    problem: str | None = None      # why it was not read


@dataclass(frozen=True)
class AcronymEntry:
    """An acronym declared for the acronym, glossaries or acro package (\\newacronym, \\acrodef, \\DeclareAcronym)."""

    label: str                      # the key of \\ac{label} / \\gls{label}
    short: str                      # the short form as printed (JG rules' key)
    long: str                       # the long form as printed
    src: SourceRange                # the declaring command
    macro: str


@dataclass(frozen=True)
class AcronymUse:
    """A use of an acronym-package macro (\\ac, \\gls, \\acs, \\acl...), with what it printed.

    ``printed`` is ``full`` (long form and short form: the definition), ``short``,
    ``long`` or ``none`` (\\acused, \\glsunset).  The prose view shows the printed
    text as one replaced segment over ``src``; ``prose`` is False where no prose is
    read (tables, figures' bodies), which still counts for first-use semantics.
    """

    label: str
    printed: str
    src: SourceRange
    macro: str
    prose: bool = True


@dataclass(frozen=True)
class Problem:
    """A problem found while reading the draft, reported as a PL diagnostic."""

    code: str
    message: str
    src: SourceRange


@dataclass(eq=False)
class Document:
    root: SourceFile
    format: str                     # latex | markdown
    files: list[SourceFile]
    text: str
    offsets: OffsetMap
    blocks: list[Block]
    top: Section                    # implicit top-level section holding the front matter
    abstract: Section | None = None
    title: Block | None = None
    lists: list[ListInfo] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    citations: list[tuple[str, SourceRange]] = field(default_factory=list)
    labels: dict[str, SourceRange] = field(default_factory=dict)
    refs: list[tuple[str, SourceRange]] = field(default_factory=list)
    includes: list[Include] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    markup: list[MarkupNode] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    bibliographies: list[tuple[str, SourceRange]] = field(default_factory=list)
    body_start: SourceRange | None = None   # \begin{document}, or the start of the file
    main_level: int = 2
    graphicspath: list[str] = field(default_factory=list)
    images: list[tuple[str, SourceRange]] = field(default_factory=list)
    manubot: bool = False
    fragment: bool = False          # LaTeX with no \\documentclass: a piece of a larger paper
    acronyms: dict[str, AcronymEntry] = field(default_factory=dict)   # acronym-package declarations by label
    acronym_uses: list[AcronymUse] = field(default_factory=list)      # \\ac{}, \\gls{}... in source order
    skipped: list[SourceRange] = field(default_factory=list)         # source TeX never typesets (\\iffalse...\\fi)

    def __getstate__(self) -> dict:
        """What a worker process sends back: the model without the rules' per-run caches
        (entries whose names start with an underscore, which may hold closures); they are
        rebuilt on demand."""
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    # -- structure ---------------------------------------------------------
    @property
    def sections(self) -> list[Section]:
        """Every real section (not the implicit top, not the abstract), in document order."""
        return [s for s in self.top.walk() if s.kind == "section"]

    @property
    def main_sections(self) -> list[Section]:
        return [s for s in self.sections if s.level == self.main_level]

    @property
    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.kind in ("paragraph", "item")]

    @property
    def sentences(self) -> list[Sentence]:
        out: list[Sentence] = []
        for b in self.blocks:
            if b.kind in ("paragraph", "item", "caption", "footnote"):
                out.extend(b.sentences)
        return out

    def has_prose(self) -> bool:
        return any(b.kind in ("paragraph", "item") for b in self.blocks)

    # -- positions ---------------------------------------------------------
    def to_source(self, start: int, end: int) -> SourceRange | None:
        return self.offsets.to_source(start, end)

    def source_text(self, rng: SourceRange) -> str:
        return self.files[rng.file].text[rng.start : rng.end]

    def macros(self, *names: str, body_only: bool = True):
        wanted = set(names)
        for node in self.markup:
            if node.kind == "macro" and node.name in wanted and (node.in_body or not body_only):
                yield node

    def environments(self, *names: str):
        wanted = set(names)
        for node in self.markup:
            if node.kind == "env" and node.name in wanted:
                yield node
