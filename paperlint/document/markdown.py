"""Markdown drafts to :class:`Document`.

markdown-it-py finds the block structure (headings, paragraphs, lists, fences,
HTML blocks, tables) and gives each block's source lines.  Inline content is
then read by our own scanner over those source lines, so every prose character
keeps its exact file position: container markers (``>``, list bullets,
indentation) are skipped, math becomes ``X``, pandoc citations ``[@key]``
become ``[1]``, links keep their text, emphasis markers are dropped, escapes
and entities become REPLACED segments.

Manubot manuscripts (``content/NN.name.md``) are read as one document: every
numbered Markdown file in the folder, in order.
"""
from __future__ import annotations

from .. import lazyre
import html
import re
from pathlib import Path

from markdown_it import MarkdownIt

from ..sources import SourceError, SourceFile, read_source
from .blocks import BlockWriter, implicit_introduction, push_section, summary_as_abstract
from .model import Comment, Document, Figure, ListInfo, Problem, Section
from .offsets import SourceRange

FRONT_MATTER = lazyre.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
YAML_KEY = lazyre.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$")
MANUBOT_NAME = lazyre.compile(r"^\d\d\.[^/]*\.md$")
ABSTRACT_LABEL = lazyre.compile(r"^\s*(\*\*|__)\s*(abstract|summary)\s*[:.]?\s*(\*\*|__)\s*[:.]?\s*$", re.I)
ATX = lazyre.compile(r"^[ ]{0,3}(#{1,6})(?:[ \t]+|$)")
ATX_CLOSE = lazyre.compile(r"[ \t]+#+[ \t]*$|^#+[ \t]*$")
LIST_MARKER = lazyre.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
QUOTE_MARKER = lazyre.compile(r"[ \t]{0,3}>[ \t]?")

INLINE = lazyre.compile(
    r"""
     (?P<comment><!--.*?-->)
    |(?P<code>(?P<ticks>`+)(?P<codebody>.+?)(?P=ticks))
    |(?P<dmath>\$\$(?P<dbody>.+?)\$\$)
    |(?P<math>\$(?=[^\s$])(?P<mbody>(?:\\.|[^$\\])*?[^\s\\])\$(?!\d))
    |(?P<image>!\[(?P<alt>(?:[^\[\]]|\[[^\]]*\])*)\]\((?P<src>[^)\s]*)(?:\s+["'][^)]*["'])?\)(?P<imgattr>\{[^}]*\})?)
    |(?P<cite>\[(?P<citebody>[^\[\]]*?@[\w:.#$%&+?<>~/-]+[^\[\]]*)\](?!\())
    |(?P<footref>\[\^[^\]]+\])
    |(?P<inote>\^\[(?P<inotebody>(?:[^\[\]]|\[[^\]]*\])*)\])
    |(?P<link>\[(?P<ltext>(?:[^\[\]]|\[[^\]]*\])*)\](?:\((?P<href>[^)]*)\)|\[[^\]]*\]))
    |(?P<autolink><(?P<url>(?:https?|ftp|mailto):[^>\s]+)>)
    |(?P<tag></?[A-Za-z][\w-]*(?:\s+[^<>]*?)?/?>)
    |(?P<tex>\\(?P<tcs>[A-Za-z]+)\*?(?P<targs>(?:[ \t]*\[[^\[\]\n]*\])*(?:[ \t]*\{(?:[^{}]|\{[^{}]*\})*\})*))
    |(?P<escape>\\[!-/:-@\[-`{-~])
    |(?P<entity>&(?:\#\d{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)
    |(?P<narrative>(?<![\w.@])@(?P<nkey>[A-Za-z0-9_][\w:.#$%&+?<>~/-]*[\w]))
    |(?P<emph>\*{1,3}|_{1,3})
    """,
    re.X | re.S,
)
HEADING_ATTR = lazyre.compile(r"\s*\{[#.][^{}]*\}\s*$")
NUMBER = lazyre.compile(r"\s*([-+]?\d[\d,]*(?:\.\d+)?|\.\d+)\s*(\\%|%)?\s*$")
CITE_KEY = lazyre.compile(r"-?@([\w:.#$%&+?<>~/-]*[\w])")
REF_PREFIXES = ("fig:", "tbl:", "sec:", "eq:", "lst:",  # pandoc-crossref
                "fig-", "tbl-", "sec-", "eq-", "lst-", "thm-", "lem-", "cor-", "prp-", "cnj-", "def-", "exm-", "exr-", "apx-")  # Quarto
TEX_ARG = lazyre.compile(r"\[[^\[\]\n]*\]|\{(?:[^{}]|\{[^{}]*\})*\}")


def manubot_chapters(path: Path) -> list[Path]:
    """The chapters of the Manubot manuscript `path` belongs to, in order ([] if it is not one).

    Every numbered Markdown file of the folder, except Manubot's Jinja2 front-matter
    template (authors and dates, not prose).
    """
    if not MANUBOT_NAME.match(path.name):
        return []
    siblings = sorted(p for p in path.parent.iterdir() if p.is_file() and MANUBOT_NAME.match(p.name))
    if len(siblings) < 2:
        return []
    out = []
    for p in siblings:
        if p.resolve() != path.resolve():
            if "front-matter" in p.name or "front_matter" in p.name:
                continue
            try:
                head = p.read_text(encoding="utf-8", errors="replace")[:400].lstrip()
            except OSError:
                continue
            if head.startswith(("{##", "{%")):
                continue
        out.append(p)
    return out


class _Piece:
    """One line's content: a contiguous run of source characters."""

    __slots__ = ("j", "s", "e")

    def __init__(self, j, s, e):
        self.j, self.s, self.e = j, s, e


_HTML_COMMENT = lazyre.compile(r"<!--.*?-->", re.S)
#: a paragraph that is only an include directive: pandoc-include's ``!include file.md`` (with
#: optional ``[options]``) or Quarto's ``{{< include file.qmd >}}``
INCLUDE_LINE = lazyre.compile(
    r"^\s*(?:!(?P<cmd>include)(?:\[[^\]\n]*\])?[ \t]+[\"']?(?P<path>[^\s\"']+)[\"']?|\{\{<\s*include\s+[\"']?(?P<qpath>[^\s\"'>]+)[\"']?\s*>\}\})\s*$")
#: an R Markdown child chunk: ```{r, child = "methods.Rmd"}
CHILD_CHUNK = lazyre.compile(r"^\{\s*r\b[^}]*\bchild\s*=\s*[\"']([^\"']+)[\"']")


class MarkdownReader:
    def __init__(self, root: SourceFile, *, cwd: Path | None = None, manubot: bool = True, project_root: Path | None = None):
        self.cwd = cwd
        self.project_root = (project_root or root.path.parent).resolve()
        self.chain: list[int] = [0]
        self.index: dict[Path, int] = {root.path.resolve(): 0}
        self.files: list[SourceFile] = [root]
        self.top = Section(level=0, title="", kind="document")
        self.doc = Document(root=root, format="markdown", files=self.files, text="", offsets=None, blocks=[], top=self.top)
        self.w = BlockWriter(self.doc)
        self.section: Section = self.top
        self.sec_stack: list[Section] = []
        self.context: tuple[str, ...] = ()
        self.md = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
        self.manubot = manubot
        self.pending_abstract = False

    def read(self) -> Document:
        root = self.files[0]
        self.doc.body_start = SourceRange(0, 0, 0)
        paths = self._manubot_files(root.path) if self.manubot else []
        if paths:
            self.doc.manubot = True
            self._manubot_metadata(root.path.parent)
            for p in paths:
                if p == root.path:
                    fi = 0
                else:
                    try:
                        f = read_source(p, self.cwd)
                    except SourceError as exc:
                        self.doc.problems.append(Problem("PL002", f"{p.name}: {exc}", SourceRange(0, 0, 0)))
                        continue
                    fi = len(self.files)
                    self.files.append(f)
                self._read_file(fi)
            # the root may come first only by name: keep files in manuscript order
        else:
            self._read_file(0)
        self.w.close_all()
        doc = self.doc
        doc.text, doc.offsets = self.w.view.build()
        doc.blocks = self.w.blocks
        self._settle_levels()
        summary_as_abstract(doc)
        implicit_introduction(doc)
        return doc

    def _manubot_metadata(self, content: Path) -> None:
        """A Manubot manuscript's title lives in content/metadata.yaml."""
        meta = content / "metadata.yaml"
        if not meta.is_file():
            return
        try:
            f = read_source(meta, self.cwd)
        except SourceError:
            return
        self.files.append(f)
        self._yaml_fields(len(self.files) - 1, 0, f.text, keys=("title",))

    def _manubot_files(self, path: Path) -> list[Path]:
        return manubot_chapters(path)

    # -- one file -----------------------------------------------------------------
    def _read_file(self, fi: int) -> None:
        f = self.files[fi]
        text = f.text
        lines = text.split("\n")
        fm = FRONT_MATTER.match(text)
        body = text
        if fm:
            self._front_matter(fi, fm)
            n_fm = text.count("\n", 0, fm.end())
            body = "\n" * n_fm + text[fm.end():]
        try:
            tokens = self.md.parse(body)
        except Exception as exc:  # markdown-it should not fail, but never let it take the run down
            self.doc.problems.append(Problem("PL001", f"the Markdown parser failed: {exc}", SourceRange(fi, 0, 0)))
            return
        self._tokens(tokens, fi, lines)
        self._comments_in_code_free(fi, tokens)

    def _include(self, fi: int, command: str, target: str, rng: SourceRange) -> None:
        """Read an included file where the directive stands (pandoc-include, Quarto, R Markdown child)."""
        from .latex import MAX_INCLUDE_DEPTH, _inside
        from .model import Include

        shown = f"{'!include' if command == 'include' else command} {target}"
        here = self.files[fi].path.parent
        cand = here / target
        try:
            resolved = cand.resolve()
        except (OSError, RuntimeError):
            resolved = None
        problem = None
        if resolved is None or not _inside(resolved, self.project_root):
            problem = f"refused: the file is outside the project root ({self.project_root}); paperlint never reads outside the root"
        elif not resolved.is_file():
            problem = f"file not found (looked for {target} next to {self.files[fi].display})"
        if problem is None:
            idx = self.index.get(resolved)
            if idx is not None and idx in self.chain:
                chain = " -> ".join(self.files[c].display for c in self.chain[self.chain.index(idx):]) + " -> " + self.files[idx].display
                problem = f"is cyclic: {chain}"
            elif len(self.chain) >= MAX_INCLUDE_DEPTH:
                problem = f"includes nested more than {MAX_INCLUDE_DEPTH} deep"
        if problem is None and idx is None:
            try:
                f = read_source(resolved, self.cwd)
            except SourceError as exc:
                problem = str(exc)
            else:
                idx = len(self.files)
                self.files.append(f)
                self.index[resolved] = idx
        if problem is not None:
            self.doc.includes.append(Include(command, target, rng, None, problem))
            self.doc.problems.append(Problem("PL002", f"{shown}: {problem}", rng))
            return
        self.doc.includes.append(Include(command, target, rng, idx, None))
        self.chain.append(idx)
        try:
            self._read_file(idx)
        finally:
            self.chain.pop()

    def _front_matter(self, fi: int, fm: re.Match, keys=("title", "abstract", "bibliography")) -> None:
        self._yaml_fields(fi, fm.start(1), fm.group(1), keys)

    def _yaml_fields(self, fi: int, start: int, block: str, keys) -> None:
        """Read the title, abstract and bibliography fields of a YAML block at `start` in file `fi`."""
        f = self.files[fi]
        lines = block.split("\n")
        offs = []
        pos = start
        for ln in lines:
            offs.append(pos)
            pos += len(ln) + 1
        i = 0
        while i < len(lines):
            m = YAML_KEY.match(lines[i])
            if not m:
                i += 1
                continue
            key, value = m.group(1).lower(), m.group(2)
            vstart = offs[i] + m.start(2)
            # collect the value's lines: the rest of this line and any indented continuation
            pieces = []
            if value.strip() in ("|", ">", "|-", ">-", "|+", ">+", ""):
                j = i + 1
                while j < len(lines) and (lines[j].startswith((" ", "\t")) or not lines[j].strip()):
                    ln = lines[j]
                    stripped = ln.lstrip()
                    if stripped:
                        pieces.append((offs[j] + len(ln) - len(stripped), offs[j] + len(ln.rstrip())))
                    j += 1
            else:
                v = value.rstrip()
                q = 0
                if v[:1] in "'\"" and len(v) >= 2 and v[-1] == v[0]:
                    q = 1
                pieces.append((vstart + q, vstart + len(v) - q))
                j = i + 1
                while j < len(lines) and lines[j].startswith((" ", "\t")) and lines[j].strip():
                    ln = lines[j]
                    stripped = ln.lstrip()
                    pieces.append((offs[j] + len(ln) - len(stripped), offs[j] + len(ln.rstrip())))
                    j += 1
            if key not in keys:
                pass
            elif key == "title" and pieces and self.doc.title is None:
                self.w.open("title", None, ())
                self._emit_pieces(fi, pieces)
                self.doc.title = self.w.close()
            elif key == "abstract" and pieces and self.doc.abstract is None:
                sec = Section(level=1, title="Abstract", kind="abstract", src=SourceRange(fi, offs[i], offs[i] + len(lines[i])))
                self.doc.abstract = sec
                self.w.open("paragraph", sec, ("abstract",))
                self._emit_pieces(fi, pieces)
                self.w.close()
            elif key == "bibliography" and pieces:
                s, e = pieces[0]
                self.doc.bibliographies.append((f.text[s:e].strip(), SourceRange(fi, s, e)))
            i = max(j, i + 1)

    def _emit_pieces(self, fi, pieces):
        src = self.files[fi].text
        for k, (s, e) in enumerate(pieces):
            if k:
                self.w.synthetic(" ")
            self._inline(fi, [(s, e)], src)

    # -- blocks ----------------------------------------------------------------------
    def _tokens(self, tokens, fi: int, lines: list[str]) -> None:
        src = self.files[fi].text
        starts = self.files[fi].line_starts
        list_stack: list[ListInfo] = []
        quote_depth = 0
        item_first_para = False
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            t = tok.type
            if t == "heading_open":
                inline = tokens[i + 1]
                self._heading(tok, inline, fi, lines, starts)
                i += 3
                continue
            if t == "paragraph_open":
                inline = tokens[i + 1]
                pieces = self._pieces(tok.map, fi, lines, starts, first_marker=item_first_para, quote=quote_depth)
                item_first_para = False
                raw = "".join(src[s:e] for s, e in pieces)
                inc = INCLUDE_LINE.match(raw)
                if inc is not None:
                    self._include(fi, inc.group("cmd") or "include", inc.group("path") or inc.group("qpath"),
                                  SourceRange(fi, pieces[0][0], pieces[-1][1]))
                    i += 3
                    continue
                if ABSTRACT_LABEL.match(raw) and self.doc.abstract is None:
                    self._end_block()
                    sec = Section(level=self._abstract_level(), title="Abstract", kind="abstract", src=SourceRange(fi, pieces[0][0], pieces[-1][1]))
                    self.doc.abstract = sec
                    self.pending_abstract = True
                    self.section_before_abstract = self.section
                    self.section = sec
                    i += 3
                    continue
                if self.pending_abstract and (ABSTRACT_LABEL.match(raw) or re.match(r"^\s*(\*\*|__)[^*_]+(\*\*|__)\s*$", raw)):
                    # the next bold label ends a bold-labelled abstract
                    self.pending_abstract = False
                    self.section = self.section_before_abstract
                    i += 3
                    continue
                top = self.w.top
                if top is not None and top.kind == "item" and list_stack and not tok.hidden is False:
                    pass
                if top is not None and top.kind == "item":
                    self.w.synthetic(" ")
                    self._inline(fi, pieces, src)
                else:
                    ctx = self.context + (("abstract",) if self.section.kind == "abstract" else ())
                    self.w.open("paragraph", self.section, ctx)
                    self._inline(fi, pieces, src)
                    block = self.w.close()
                    if block is not None and list_stack == [] and self._last_lead_candidate is not None:
                        pass
                    self._last_paragraph = block
                i += 3
                continue
            if t in ("bullet_list_open", "ordered_list_open"):
                s0 = starts[tok.map[0]]
                e0 = self._line_end(tok.map[1] - 1, fi)
                lead = getattr(self, "_last_paragraph", None)
                if lead is not None and (lead.section is not self.section):
                    lead = None
                lst = ListInfo(kind="bullet" if t.startswith("bullet") else "ordered", src=SourceRange(fi, s0, e0), section=self.section, lead=lead if not list_stack else None, depth=len(list_stack) + 1)
                self.doc.lists.append(lst)
                list_stack.append(lst)
                self.context = self.context + (lst.kind,)
            elif t in ("bullet_list_close", "ordered_list_close"):
                list_stack.pop()
                self.context = self.context[:-1]
                self._last_paragraph = None
            elif t == "list_item_open":
                # close an open item of this list
                while self.w.top is not None and self.w.top.kind == "item" and self.w.top.list is list_stack[-1]:
                    self.w.close()
                self.w.open("item", self.section, self.context, lst=list_stack[-1])
                item_first_para = True
            elif t == "list_item_close":
                while self.w.top is not None and self.w.top.kind == "item" and self.w.top.list is list_stack[-1]:
                    self.w.close()
                item_first_para = False
            elif t == "blockquote_open":
                quote_depth += 1
                self.context = self.context + ("blockquote",)
            elif t == "blockquote_close":
                quote_depth -= 1
                self.context = self.context[:-1]
            elif t in ("fence", "code_block"):
                s0 = starts[tok.map[0]]
                child = CHILD_CHUNK.search(tok.info) if t == "fence" else None
                if child is not None:
                    self._include(fi, "child", child.group(1), SourceRange(fi, s0, self._line_end(tok.map[0], fi)))
                else:
                    self.doc.markup.append(_node("code", tok.info.strip() or "code", fi, s0, self._line_end(tok.map[1] - 1, fi), self.context))
            elif t == "html_block":
                s0 = starts[tok.map[0]]
                e0 = self._line_end(tok.map[1] - 1, fi)
                self._html_comments(fi, s0, e0)
                for m in re.finditer(r"<img\b[^>]*\bsrc=[\"']([^\"']+)[\"'][^>]*>", src[s0:e0], re.I):
                    rng = SourceRange(fi, s0 + m.start(), s0 + m.end())
                    fig = Figure(kind="image", env="img", src=rng, section=self.section)
                    fig.graphics.append((m.group(1), rng))
                    self.doc.figures.append(fig)
                    self.doc.images.append((m.group(1), rng))
            elif t == "table_open":
                s0 = starts[tok.map[0]]
                self.doc.markup.append(_node("table", "table", fi, s0, self._line_end(tok.map[1] - 1, fi), self.context))
                depth = 1
                i += 1
                while i < len(tokens) and depth:
                    if tokens[i].type == "table_open":
                        depth += 1
                    elif tokens[i].type == "table_close":
                        depth -= 1
                    i += 1
                continue
            i += 1
        self._end_block()

    _last_lead_candidate = None

    def _end_block(self):
        while self.w.top is not None and self.w.top.kind in ("paragraph",):
            self.w.close()

    def _abstract_level(self) -> int:
        return self.sec_stack[-1].level + 1 if self.sec_stack else 1

    def _line_end(self, line: int, fi: int) -> int:
        f = self.files[fi]
        line = min(line, len(f.line_starts) - 1)
        return f.line_range(line + 1)[1]

    def _pieces(self, mp, fi, lines, starts, first_marker=False, quote=0):
        """Content ranges of the source lines mp[0]..mp[1]-1, container markers removed."""
        out = []
        for ln in range(mp[0], mp[1]):
            if ln >= len(lines):
                break
            line = lines[ln]
            pos = 0
            for _ in range(quote):
                m = QUOTE_MARKER.match(line, pos)
                if m:
                    pos = m.end()
            if first_marker and ln == mp[0]:
                m = LIST_MARKER.match(line, pos)
                if m:
                    pos = m.end()
            stripped = len(line) - len(line[pos:].lstrip(" \t"))
            end = len(line.rstrip(" \t"))
            if end > stripped:
                out.append((starts[ln] + stripped, starts[ln] + end))
        return out

    def _heading(self, tok, inline, fi, lines, starts):
        self._end_block()
        while self.w.top is not None and self.w.top.kind == "item":
            self.w.close()
        level = int(tok.tag[1])
        mp = tok.map
        if tok.markup and tok.markup[0] in "=-":  # setext: the last line is the underline
            pieces = self._pieces((mp[0], mp[1] - 1), fi, lines, starts)
        else:
            line = lines[mp[0]]
            m = ATX.match(line)
            s = m.end() if m else 0
            rest = line[s:]
            c = ATX_CLOSE.search(rest)
            e = s + (c.start() if c else len(rest.rstrip()))
            attr = HEADING_ATTR.search(line, s, e)
            if attr:
                for lab in re.findall(r"#([\w:.-]+)", attr.group()):
                    self.doc.labels.setdefault(lab, SourceRange(fi, starts[mp[0]], starts[mp[0]] + len(line)))
                e = attr.start()
                while e > s and line[e - 1] in " \t":
                    e -= 1
            pieces = [(starts[mp[0]] + s, starts[mp[0]] + e)] if e > s else []
        if self.pending_abstract:
            self.pending_abstract = False
        sec = Section(level=level, title="", src=SourceRange(fi, starts[mp[0]], self._line_end(mp[1] - 1, fi)))
        push_section(self.sec_stack, self.top, sec)
        self.section = sec
        self._last_paragraph = None
        self.w.open("heading", sec, self.context)
        self._inline(fi, pieces, self.files[fi].text)
        block = self.w.close()
        if block is not None:
            sec.heading = block
            sec.title = " ".join(self.w.last_text.split())
        if self.doc.abstract is None and sec.title.strip(" .:*").lower() == "abstract":
            sec.kind = "abstract"
            self.doc.abstract = sec

    def _settle_levels(self) -> None:
        """Decide the title and the main section level from the headings used."""
        doc = self.doc
        heads = [s for s in self.top.walk() if s.kind != "document"]
        if not heads:
            return
        first = heads[0]
        ones = [s for s in heads if s.level == first.level]
        if doc.title is None and first.level == 1 and len(ones) == 1 and len(heads) > 1 and first.kind == "section":
            # a single level-1 heading is the document title; its children are the sections
            first.kind = "title-section"
            doc.title = first.heading
            levels = [s.level for s in heads if s is not first and s.kind == "section"]
            doc.main_level = min(levels) if levels else 2
        else:
            levels = [s.level for s in heads if s.kind == "section"]
            doc.main_level = min(levels) if levels else 1

    # -- inline --------------------------------------------------------------------------
    def _inline(self, fi: int, pieces, src: str) -> None:
        """Scan the joined content of `pieces` and emit prose with exact mapping."""
        if not pieces:
            return
        joined_parts = []
        pmap: list[_Piece] = []
        j = 0
        for k, (s, e) in enumerate(pieces):
            if k:
                joined_parts.append("\n")
                pmap.append(_Piece(j, -1, -1))  # the line break
                j += 1
            joined_parts.append(src[s:e])
            pmap.append(_Piece(j, s, e))
            j += e - s
        joined = "".join(joined_parts)
        self._scan(fi, joined, pmap, 0, len(joined))

    def _emit_range(self, fi, joined, pmap, a, b):
        """Emit joined[a:b] as TEXT, piece by piece (line breaks are synthetic newlines)."""
        if b <= a:
            return
        src = self.files[fi].text
        for p in pmap:
            if p.s < 0:
                if a <= p.j < b:
                    self.w.synthetic("\n")
                continue
            plen = p.e - p.s
            lo, hi = max(a, p.j), min(b, p.j + plen)
            if lo < hi:
                self.w.text(fi, p.s + lo - p.j, p.s + hi - p.j, src)

    def _to_src(self, pmap, jpos, end=False):
        for p in pmap:
            if p.s < 0:
                continue
            plen = p.e - p.s
            if p.j <= jpos < p.j + plen or (end and jpos == p.j + plen):
                return p.s + jpos - p.j
        last = [p for p in pmap if p.s >= 0]
        return last[-1].e if last else 0

    def _replace(self, fi, pmap, string, a, b):
        self.w.replaced(string, fi, self._to_src(pmap, a), self._to_src(pmap, b, end=True))

    def _scan(self, fi, joined, pmap, a, b):
        pos = a
        for m in INLINE.finditer(joined, a, b):
            kind = m.lastgroup
            if kind in ("ticks", "codebody", "dbody", "mbody", "alt", "src", "imgattr", "citebody", "ltext", "href", "url", "nkey", "inotebody"):
                kind = next(k for k in ("comment", "jinja", "code", "dmath", "math", "image", "cite", "footref", "inote", "link", "autolink", "tag", "escape", "entity", "narrative", "emph") if m.group(k) is not None)
            elif kind in ("tcs", "targs"):
                kind = "tex"
            s, e = m.start(), m.end()
            if kind == "emph":
                before = joined[s - 1] if s > 0 else " "
                after = joined[e] if e < len(joined) else " "
                if m.group()[0] == "_" and before.isalnum() and after.isalnum():
                    continue  # snake_case, not emphasis
                if before.isspace() and after.isspace():
                    continue  # a lone * or _ is literal
            self._emit_range(fi, joined, pmap, pos, s)
            pos = e
            if kind == "jinja":
                if m.group().startswith("{{"):
                    self._replace(fi, pmap, "X", s, e)
                continue
            if kind == "comment":
                s0, e0 = self._to_src(pmap, s), self._to_src(pmap, e, end=True)
                self._record_comment(fi, s0, e0)
            elif kind == "code":
                self._replace(fi, pmap, m.group("codebody").strip() or "code", s, e)
                self.doc.markup.append(_node("code", "inline", fi, self._to_src(pmap, s), self._to_src(pmap, e, end=True), self.context))
            elif kind == "dmath":
                body = m.group("dbody").rstrip()
                punct = body[-1] if body and body[-1] in ".,;:" else ""
                self._replace(fi, pmap, "X" + punct, s, e)
                self.doc.markup.append(_node("math", "display", fi, self._to_src(pmap, s), self._to_src(pmap, e, end=True), self.context))
            elif kind == "math":
                num = NUMBER.match(m.group("mbody"))
                text = (num.group(1) + ("%" if num.group(2) else "")) if num else "X"
                self._replace(fi, pmap, text, s, e)
                self.doc.markup.append(_node("math", "inline", fi, self._to_src(pmap, s), self._to_src(pmap, e, end=True), self.context))
            elif kind == "image":
                if _HTML_COMMENT.sub("", joined[a:s]).strip() or _HTML_COMMENT.sub("", joined[e:b]).strip():
                    continue  # an image inside text (an icon, a badge) is not a figure: pandoc's implicit_figures
                s0, e0 = self._to_src(pmap, s), self._to_src(pmap, e, end=True)
                rng = SourceRange(fi, s0, e0)
                fig = Figure(kind="image", env="image", src=rng, section=self.section)
                fig.graphics.append((m.group("src"), rng))
                attr = m.group("imgattr") or ""
                fig.labels.extend(re.findall(r"#([\w:.-]+)", attr))
                for lab in fig.labels:
                    self.doc.labels.setdefault(lab, rng)
                self.doc.figures.append(fig)
                self.doc.images.append((m.group("src"), rng))
                if m.group("alt").strip():
                    self.w.open("caption", self.section, self.context + ("caption",), figure=fig)
                    self._scan(fi, joined, pmap, m.start("alt"), m.end("alt"))
                    self.w.close()
            elif kind == "cite":
                keys = CITE_KEY.findall(m.group("citebody"))
                rng = SourceRange(fi, self._to_src(pmap, s), self._to_src(pmap, e, end=True))
                refs = [k for k in keys if k.startswith(REF_PREFIXES)]
                for k in keys:
                    (self.doc.refs if k.startswith(REF_PREFIXES) else self.doc.citations).append((k, rng))
                self._replace(fi, pmap, "Fig. 1" if refs and len(refs) == len(keys) else "[1]", s, e)
            elif kind == "narrative":
                key = m.group("nkey")
                rng = SourceRange(fi, self._to_src(pmap, s), self._to_src(pmap, e, end=True))
                if key.startswith(REF_PREFIXES):
                    self.doc.refs.append((key, rng))
                    self._replace(fi, pmap, "Fig. 1", s, e)
                else:
                    self.doc.citations.append((key, rng))
                    self._replace(fi, pmap, "Author [1]", s, e)
            elif kind == "footref":
                pass
            elif kind == "inote":  # pandoc's inline footnote ^[...]
                self.w.open("footnote", self.section, self.context + ("footnote",))
                self._scan(fi, joined, pmap, m.start("inotebody"), m.end("inotebody"))
                self.w.close()
            elif kind == "link":
                self._scan(fi, joined, pmap, m.start("ltext"), m.end("ltext"))
            elif kind == "autolink":
                self._emit_range(fi, joined, pmap, m.start("url"), m.end("url"))
            elif kind == "tag":
                pass
            elif kind == "tex":
                self._raw_tex(fi, joined, pmap, m)
            elif kind == "escape":
                self._replace(fi, pmap, m.group()[1], s, e)
            elif kind == "entity":
                self._replace(fi, pmap, html.unescape(m.group()), s, e)
            elif kind == "emph":
                pass
        self._emit_range(fi, joined, pmap, pos, b)

    def _raw_tex(self, fi, joined, pmap, m):
        """LaTeX typed inside Markdown (R Markdown and Quarto papers: \\citep{}, \\pkg{}, \\emph{}), which
        pandoc passes to LaTeX: read with the LaTeX reader's table of macros, positions kept."""
        from ..resources import latex_tables

        name = m.group("tcs")
        spec = latex_tables()["macros"].get(name, {})
        action = spec.get("action")
        args = [(a.start() + 1, a.end() - 1, a.group()[0]) for a in TEX_ARG.finditer(joined, m.start("targs"), m.end("targs"))]
        mand = [(a, b) for a, b, k in args if k == "{"]
        s0, e0 = self._to_src(pmap, m.start()), self._to_src(pmap, m.end(), end=True)
        rng = SourceRange(fi, s0, e0)
        arg_ranges = tuple(SourceRange(fi, self._to_src(pmap, a), self._to_src(pmap, b, end=True)) for a, b, _k in args)
        from .model import MarkupNode

        self.doc.markup.append(MarkupNode("macro", name, rng, arg_ranges, tuple(self.context), True))
        if action == "cite":
            keys = [k.strip() for k in joined[mand[-1][0] : mand[-1][1]].split(",") if k.strip()] if mand else []
            self.doc.citations.extend((k, rng) for k in keys)
            self._replace(fi, pmap, spec.get("as", "[1]"), m.start(), m.end())
        elif action == "ref":
            self.doc.refs.extend((joined[a:b].strip(), rng) for a, b in mand if joined[a:b].strip())
            self._replace(fi, pmap, spec.get("as", "1"), m.start(), m.end())
        elif action == "label":
            if mand:
                self.doc.labels.setdefault(joined[mand[-1][0] : mand[-1][1]].strip(), rng)
        elif action == "dummy":
            self._replace(fi, pmap, spec.get("as", ""), m.start(), m.end())
        elif action in ("ignore", "heading", "caption", "title", "abstract", "def", "include", "graphics", "bibliography",
                        "graphicspath", "appendix", "break", "newtheorem", "acrodef", "acronym", "item"):
            return
        elif mand:  # prose macros (\\emph, \\pkg, \\code...) and unknown ones: their argument is the text
            k = spec.get("arg")
            a, b = mand[k - 1] if k and 0 < k <= len(mand) else mand[-1]
            self._scan(fi, joined, pmap, a, b)

    # -- comments ---------------------------------------------------------------------------
    def _record_comment(self, fi, s, e):
        src = self.files[fi].text
        line_start = src.rfind("\n", 0, s) + 1
        own = src[line_start:s].strip() == ""
        body = src[s + 4 : e - 3] if src.startswith("<!--", s) else src[s:e]
        self.doc.comments.append(Comment(SourceRange(fi, s, e), body, own))

    def _html_comments(self, fi, s0, e0):
        src = self.files[fi].text
        for m in _HTML_COMMENT.finditer(src, s0, e0):
            self._record_comment(fi, m.start(), m.end())

    def _comments_in_code_free(self, fi, tokens):
        pass


def _node(kind, name, fi, s, e, context):
    from .model import MarkupNode

    return MarkupNode(kind, name, SourceRange(fi, s, e), (), tuple(context), True)


def read_markdown(root: SourceFile, *, cwd: Path | None = None, project_root: Path | None = None) -> Document:
    reader = MarkdownReader(root, cwd=cwd, project_root=project_root)
    if root.not_utf8:
        from .latex import _encoding_problem

        reader.doc.problems.append(_encoding_problem(root, 0))
    return reader.read()
