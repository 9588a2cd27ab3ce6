"""The statistics a document reports, found once and shared by the EV rules and `paperlint stats`.

Reports live in prose, in math, in tables and in verbatim R output, so the extractor reads
the *raw* source of every file, not the prose view.  What TeX never typesets is blanked
with spaces first (offsets stay file offsets): comments, ``\\iffalse ... \\fi`` blocks, the
preamble and whatever follows ``\\end{document}``.  Markdown keeps its code blocks (R and
Python output) and its YAML front matter (the abstract), and loses its HTML comments.
"""
from __future__ import annotations

from .. import lazyre
import bisect
import re
from ..records import dataclass
from functools import cached_property

from ..document.offsets import SourceRange
from .check import Verdict, check
from .extract import ReportedTest, extract_tests

__all__ = ["FoundTest", "blanked_text", "code_spans", "document_tests", "in_code"]

_END_DOCUMENT = lazyre.compile(r"\\end\s*\{document\}")
_CACHE_ATTR = "_paperlint_stats_tests"
_NOT_NEWLINE = lazyre.compile(r"[^\n]")


@dataclass(eq=False)
class FoundTest:
    """One extracted report, placed in the document."""

    test: ReportedTest
    src: SourceRange                 # the whole report
    p_src: SourceRange | None        # its p part
    alpha: float = 0.05

    @cached_property
    def verdict(self) -> Verdict:
        return check(self.test, self.alpha)

    @property
    def bayesian(self) -> bool:
        """A posterior quantity printed as a p (``p (MAP)``, ``p_MAP``, ``pd``): not a frequentist p-value."""
        q = (self.test.qualifier or "").upper()
        return "MAP" in q or "ROPE" in q or "BAYES" in q or q.strip("_ ()") in ("D", "PD", "POST", "POSTERIOR")

    @property
    def file(self) -> int:
        return self.src.file


def blanked_text(doc, file_index: int) -> str:
    """The file's source with comments, skipped blocks, preamble and post-document text blanked
    (computed once per file of a document: a dozen rules read it)."""
    cache = doc.__dict__.setdefault("_paperlint_blanked", {})
    got = cache.get(file_index)
    if got is None:
        got = cache[file_index] = _blank(doc, file_index)
    return got


def _blank(doc, file_index: int) -> str:
    text = doc.files[file_index].text
    spans = [c.src for c in doc.comments if c.src.file == file_index]
    spans += [s for s in getattr(doc, "skipped", ()) if s.file == file_index]
    pre_end = 0
    post_start = len(text)
    if doc.format == "latex" and file_index == 0 and not getattr(doc, "fragment", False):
        if doc.body_start is not None and doc.body_start.file == 0:
            pre_end = doc.body_start.end
            m = _END_DOCUMENT.search(text, pre_end)
            if m:
                post_start = m.start()
        else:
            return ""
    cuts = [(s.start, s.end) for s in spans]
    if pre_end:
        cuts.append((0, pre_end))
    if post_start < len(text):
        cuts.append((post_start, len(text)))
    if not cuts:
        return text
    cuts.sort()
    parts: list[str] = []
    pos = 0
    for a, b in cuts:
        a = max(a, pos)
        if b <= a:
            continue
        parts.append(text[pos:a])
        parts.append(_NOT_NEWLINE.sub(" ", text[a:b]))
        pos = b
    parts.append(text[pos:])
    return "".join(parts)


def code_spans(doc) -> dict[int, list[tuple[int, int]]]:
    """Per file, the source spans of verbatim environments and code blocks (cached).

    EV104 reads statistics there on purpose (R output); the consistency checks EV106-EV109
    do not: software prints its own summaries consistently, and a listing quotes text."""
    spans = doc.__dict__.get("_paperlint_code_spans")
    if spans is None:
        from ..resources import latex_tables

        envs = {name for name, spec in latex_tables()["environments"].items() if spec.get("body") == "verbatim"}
        spans = {}
        for node in doc.markup:
            if (node.kind == "env" and node.name in envs) or (node.kind == "code" and node.name != "inline"):
                spans.setdefault(node.src.file, []).append((node.src.start, node.src.end))
        for v in spans.values():
            v.sort()
        doc.__dict__["_paperlint_code_spans"] = spans
    return spans


def in_code(doc, file_index: int, pos: int) -> bool:
    spans = code_spans(doc).get(file_index)
    if not spans:
        return False
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def document_tests(doc, alpha: float = 0.05) -> list[FoundTest]:
    """Every reported test and p-value in the document, in file and source order (cached)."""
    cache = doc.__dict__.setdefault(_CACHE_ATTR, {})
    if alpha in cache:
        return cache[alpha]
    fmt = "markdown" if doc.format == "markdown" else "latex"
    out: list[FoundTest] = []
    for fi in range(len(doc.files)):
        text = blanked_text(doc, fi)
        if not text:
            continue
        for t in extract_tests(text, fmt):
            p_src = SourceRange(fi, t.p_start, t.p_end) if t.p_start is not None else None
            out.append(FoundTest(t, SourceRange(fi, t.start, t.end), p_src, alpha))
    cache[alpha] = out
    return out


class BlockIndex:
    """Which prose block holds a source position: built from the offset map, once per document."""

    def __init__(self, doc) -> None:
        self.doc = doc
        per_file: dict[int, list[tuple[int, int, object]]] = {}
        for block in doc.blocks:
            r = doc.to_source(block.start, block.end)
            if r is None:
                continue
            per_file.setdefault(r.file, []).append((r.start, r.end, block))
        self.starts = {}
        self.entries = {}
        for fi, items in per_file.items():
            items.sort(key=lambda x: x[0])
            self.entries[fi] = items
            self.starts[fi] = [x[0] for x in items]

    def block_at(self, src: SourceRange):
        """The block whose source range contains src.start (or the nearest one before it)."""
        starts = self.starts.get(src.file)
        if not starts:
            return None
        i = bisect.bisect_right(starts, src.start) - 1
        if i < 0:
            return None
        _, e, block = self.entries[src.file][i]
        return block if src.start < e else None


def block_index(doc) -> BlockIndex:
    idx = doc.__dict__.get("_paperlint_block_index")
    if idx is None:
        idx = BlockIndex(doc)
        doc.__dict__["_paperlint_block_index"] = idx
    return idx
