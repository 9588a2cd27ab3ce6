"""The language server's quick pass: the edited paragraph's own findings, published at once.

A full lint of a 400 KB project takes a few hundred milliseconds in Python, most of it in rules
that read the whole document. While someone types, what changes from one keystroke to the next
is almost always the paragraph being typed in. So after a *plain* edit (one line, no markup
character: no backslash, brace, dollar, percent, ampersand, tilde, caret, underscore or hash,
and no new line), the server first publishes

* for the edited paragraph, the findings of the rules in :data:`LOCAL` run on that paragraph
  alone, read from the last lint's model with the edit applied to its prose view;
* everywhere else, the last lint's findings, moved by the length of the edit in the edited file
  (a finding of another rule that overlaps the edited characters is dropped until the full
  lint is back);

and then runs the full lint as before and publishes it, which is exact (it equals a fresh lint
of the same texts). So the quick pass can only be late by one full lint, never wrong for long.

A rule is in :data:`LOCAL` when its findings in a paragraph depend on nothing but that paragraph
(its text, kind, environments and section) and on document facts that a plain edit inside a
paragraph cannot change (declared theorem environments, the venue). ``tests/test_lsp_quick.py``
checks this on the shared corpus: each rule, run on every paragraph alone, gives the findings
it gives on the whole document.
"""
from __future__ import annotations

import copy
from ..records import dataclass, replace

from ..diagnostics import Diagnostic
from ..document.model import Block, Document, MarkupNode
from ..document.offsets import TEXT, OffsetMap, SourceRange
from ..sources import SourceFile

#: rules whose findings in a paragraph come from that paragraph alone (see the module's docstring)
LOCAL = ("RD101", "RD103", "CL101", "CL102", "CL103", "CL104", "ST140")

#: what the LOCAL rules know of the whole document, kept from the last lint's model (a plain edit
#: inside a paragraph cannot change them: they come from headings, markup and the preamble)
DOC_FACTS = ("_paperlint_formal", "_paperlint_theorem_envs", "_paperlint_venue")

#: characters whose typing can change how the reader sees the text, by format (a new line too:
#: it can end a paragraph, and Markdown reads the start of a line)
MARKUP = {
    "latex": frozenset("\\{}$%&~^_#\n"),
    "markdown": frozenset("\\{}$%&~^_#\n`*<>[]()|!=+-:@"),
}

#: the blocks a quick pass re-reads
PROSE_KINDS = ("paragraph", "item", "caption", "footnote")


@dataclass
class PlainEdit:
    start: int          # offset in the old text where old and new begin to differ
    removed: str        # old[start:start + len(removed)]
    inserted: str       # what replaces it in the new text

    @property
    def delta(self) -> int:
        return len(self.inserted) - len(self.removed)

    @property
    def old_end(self) -> int:
        return self.start + len(self.removed)


def plain_edit(old: str, new: str, fmt: str = "latex") -> PlainEdit | None:
    """The one change from `old` to `new` when it is plain text on one line of a `fmt` file
    (``latex`` or ``markdown``), else None."""
    if old == new:
        return None
    n = min(len(old), len(new))
    lo, hi = 0, n          # the common prefix is old[:lo] == new[:lo]; find the longest, by halves
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[lo:mid] == new[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    p = lo
    lo, hi = 0, n - p      # the common suffix, not overlapping the prefix
    lo_old, lo_new = len(old), len(new)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[lo_old - mid:lo_old - lo] == new[lo_new - mid:lo_new - lo]:
            lo = mid
        else:
            hi = mid - 1
    s = lo
    removed = old[p:len(old) - s]
    inserted = new[p:len(new) - s]
    markup = MARKUP.get(fmt, MARKUP["markdown"])
    if len(removed) > 200 or len(inserted) > 200 or not markup.isdisjoint(removed) or not markup.isdisjoint(inserted):
        return None
    if fmt != "latex" and not old[old.rfind("\n", 0, p) + 1:p].strip():
        return None        # the start of a Markdown line can make it a list item, a heading, a quote, code
    return PlainEdit(p, removed, inserted)


def _shift(rng: SourceRange, fi: int, edit: PlainEdit) -> SourceRange:
    if rng.file != fi or rng.end < edit.start:
        return rng
    start = rng.start + edit.delta if rng.start >= edit.old_end else rng.start
    return SourceRange(fi, start, rng.end + edit.delta if rng.end >= edit.old_end else max(rng.end, start))


@dataclass
class QuickView:
    doc: Document        # the edited paragraph alone, in a model with the edit applied
    block: Block
    file: int
    span: tuple[int, int]  # the paragraph's source range in the new text of the file


def edited_paragraph(doc: Document, fi: int, new_text: str, edit: PlainEdit) -> QuickView | None:
    """The model `doc` (the last lint's) with `edit` applied inside one prose paragraph of file
    `fi`, restricted to that paragraph; None when the edit is not inside one such paragraph's
    copied text (then only a full lint can say what it changed)."""
    offsets = doc.offsets
    seg = None
    for i in range(len(offsets.vs)):
        if offsets.fi[i] == fi and offsets.kind[i] == TEXT and offsets.ss[i] <= edit.start and edit.old_end <= offsets.se[i]:
            seg = i
            if edit.start < offsets.se[i] or not edit.removed:
                break
    if seg is None:
        return None
    q = offsets.vs[seg] + edit.start - offsets.ss[seg]
    block = None
    for b in doc.blocks:
        if b.start <= q and q + len(edit.removed) <= b.end and (q < b.end or b.start < b.end):
            block = b
            break
    if block is None or block.kind not in PROSE_KINDS:
        return None
    d = edit.delta
    text = doc.text[:q] + edit.inserted + doc.text[q + len(edit.removed):]
    vs, ve, sfi, ss, se, kind = [], [], [], [], [], []
    for i in range(len(offsets.vs)):
        a, b_, f, s0, e0, k = offsets.vs[i], offsets.ve[i], offsets.fi[i], offsets.ss[i], offsets.se[i], offsets.kind[i]
        if i == seg:
            b_ += d
            e0 += d
        elif a >= q + len(edit.removed) and i > seg:
            a += d
            b_ += d
            if f == fi:
                s0 += d
                e0 += d
        vs.append(a), ve.append(b_), sfi.append(f), ss.append(s0), se.append(e0), kind.append(k)
    from ..checks.cl.claims import formal_paper

    formal_paper(doc)   # and theorem_envs: computed on the whole model, for the view to keep
    view = copy.copy(doc)
    view.__dict__ = {k: v for k, v in doc.__dict__.items() if not k.startswith("_") or k in DOC_FACTS}
    view.text = text
    view.offsets = OffsetMap(vs, ve, sfi, ss, se, kind)
    old_file = doc.files[fi]
    view.files = list(doc.files)
    view.files[fi] = SourceFile(old_file.path, old_file.display, new_text, old_file.encoding)
    old_src = doc.to_source(block.start, block.end)
    if old_src is None or old_src.file != fi:
        return None
    # markup and comments well past the paragraph keep their old places: no LOCAL rule reports
    # them, and at their old places they cannot fall inside the paragraph's new span
    last = old_src.end + abs(d) + 1
    view.markup = [_moved_node(n, fi, edit) if n.src.file == fi and n.src.end >= edit.start and n.src.start <= last else n
                   for n in doc.markup]
    view.comments = [type(c)(_shift(c.src, fi, edit), c.text, c.own_line) if c.src.file == fi and c.src.end >= edit.start and c.src.start <= last else c
                     for c in doc.comments]
    new_block = Block(view, block.kind, block.start, block.end + d, block.section, block.context, block.list, block.figure)
    view.blocks = [new_block]
    src = view.to_source(new_block.start, new_block.end)
    if src is None or src.file != fi:
        return None
    return QuickView(view, new_block, fi, (src.start, src.end))


def _moved_node(n: MarkupNode, fi: int, edit: PlainEdit) -> MarkupNode:
    return MarkupNode(n.kind, n.name, _shift(n.src, fi, edit), tuple(_shift(r, fi, edit) for r in n.args), n.context, n.in_body)


def local_findings(view: QuickView, settings, rules: dict, by_venue: dict) -> list[Diagnostic]:
    """The LOCAL rules' diagnostics on the edited paragraph (suppression comments honoured)."""
    from ..checks import CHECKS
    from ..engine import Context, _finish

    findings = []
    for check in CHECKS:
        if check.code not in LOCAL:
            continue
        rule = rules.get(check.code)
        if rule is None or not settings.enabled(rule):
            continue
        try:
            findings.extend(check.run(view.doc, Context(view.doc, rule, settings.options_for(rule), settings)))
        except Exception:   # the full lint that follows reports it
            continue
    a, b = view.span
    findings = [f for f in findings if f.file == view.file and a <= f.start and f.end <= b]
    return _finish(view.doc, findings, settings, rules, by_venue=by_venue, unused=False)


def moved(d: Diagnostic, source: SourceFile, edit: PlainEdit) -> Diagnostic | None:
    """A diagnostic of the last lint in the edited file, moved past the edit; None when it
    overlaps the edited characters."""
    start, end = d.start, d.end
    if end <= edit.start:
        return d
    if start < edit.old_end:
        return None
    start, end = start + edit.delta, end + edit.delta
    line, col = source.line_col(start)
    end_line, end_col = source.line_col(end)
    return replace(d, line=line, column=col, end_line=end_line, end_column=end_col, start=start, end=end)


def quick_diagnostics(old: list[Diagnostic], view: QuickView, path: str, settings, rules: dict, by_venue: dict,
                      edit: PlainEdit) -> list[Diagnostic]:
    """What the quick pass publishes for the whole document: the last lint's diagnostics moved
    past the edit, with the LOCAL rules' findings in the edited paragraph read again."""
    source = view.doc.files[view.file]
    out = []
    for d in old:
        if d.path != path:
            out.append(d)
            continue
        m = moved(d, source, edit)
        if m is None:
            continue
        if m.start is not None and read_again(m, view, path):
            continue       # read again below
        out.append(m)
    out.extend(local_findings(view, settings, rules, by_venue))
    out.sort(key=Diagnostic.sort_key)
    return out


def read_again(d: Diagnostic, view: QuickView, path: str) -> bool:
    """Whether `d` (of the file at `path`) is one the quick pass computes again: a LOCAL rule's,
    inside the edited paragraph."""
    a, b = view.span
    return d.code in LOCAL and d.path == path and a <= d.start and d.end <= b


def answer(doc: Document, diagnostics: list[Diagnostic], fi: int, new_text: str, path: str, settings, rules: dict,
           by_venue: dict) -> tuple[QuickView, list[Diagnostic]] | None:
    """The quick pass for file `fi` of the last lint's model `doc` (which published `diagnostics`)
    now reading `new_text`: the edited paragraph's view and what to publish, or None when the
    change is not a plain edit inside one prose paragraph."""
    edit = plain_edit(doc.files[fi].text, new_text, doc.format)
    view = edited_paragraph(doc, fi, new_text, edit) if edit is not None else None
    if view is None:
        return None
    return view, quick_diagnostics(diagnostics, view, path, settings, rules, by_venue, edit)
