r"""Every acronym definition and use in a document, in document order: what the JG rules and AB105 share.

Built once per document (``inventory(doc)`` caches it) from three sources:

* Schwartz-Hearst definitions in the prose view (``abbreviations.find_definitions``);
* the acronym, glossaries and acro packages: ``doc.acronym_uses`` holds every
  ``\ac{}``/``\gls{}`` with what LaTeX printed there (the long and short forms at the
  first use, else the short form), in source order;
* definitions in citation notes: ``Heuristic Analysis for NLI Systems
  \citep[HANS,][]{key}`` prints "(HANS, Author 2019)" after the long form.

What is not a use: placeholders (math, citations, references), acronyms glued to
math (``FC$_k$`` reads ``FCX``), code and addresses (``\texttt``, ``\url``, ``\verb``,
Markdown code), labels (never in the prose view), the short form inside its own
definition, keyword lists. Acronyms typed inside the draft's own macros (a
``\newcommand`` printing ``DASHA-PP``) are uses.

Each event has a *part*: ``title``, ``front`` (author block before the abstract),
``abstract``, ``body``, or ``back`` (acknowledgements, references, funding,
contributions, checklists). The abstract must stand alone, so body rules ignore it.
Order is *source* order (the file tree of ``\input``), not prose-view order: the
view writes a footnote before the paragraph that holds it.
"""
from __future__ import annotations

from .. import lazyre
import bisect
import re
from collections import defaultdict
from ..records import dataclass
from functools import cached_property

from ..document.model import Block, Document
from ..document.offsets import REPLACED, TEXT, SourceRange
from ..resources import latex_tables
from .abbreviations import (
    _match_pair,
    acronym_uses,
    find_definitions,
    is_acronym_like,
    normalise_acronym,
)

__all__ = ["Event", "Inventory", "formal_contexts", "in_back_matter", "inventory", "order_key", "source_to_view"]

#: Macros whose text is code, an address or a file name: never acronym uses.
CODE_MACROS = frozenset(
    ["texttt", "url", "path", "nolinkurl", "doi", "verb", "lstinline", "mintinline", "code", "email", "file", "filename", "command", "cmd"]
)
#: Macros whose text names software, languages or systems: uses, but names (JG102 and AB105 stay quiet).
NAME_MACROS = frozenset(["textsc", "pkg", "proglang", "software", "sw", "tool", "dataset", "method", "sysname", "algname"])
#: Sections whose acronyms are names and notes, not the paper's terms.
BACK = lazyre.compile(
    r"^\W*(?:\d+(?:\.\d+)*\s+)?(?:acknowledge?ments?|funding|financial (?:support|disclosure)|authors?['\u2019]?\s*contributions?|"
    r"credit author statement|author statement|"
    r"contributions|competing interests|conflicts? of interests?|declarations?|references|bibliography|"
    r"data (?:and code )?availability|code availability|checklist|.*checklist|author information|ethics statement|"
    r"reproducibility statement)\b",
    re.IGNORECASE,
)
KEYWORD_ENVS = ("keyword", "keywords", "IEEEkeywords", "kwd", "keywordsEN")
_CITE_NOTE = lazyre.compile(r"\s*(?:e\.g\.,?\s*|see\s+)?([A-Za-z][\w&.\-]*[A-Z0-9][\w&\-]*s?)\s*[,;:]?\s*")


@dataclass(eq=False)
class Event:
    """One definition or use of an acronym."""

    key: str                        # normalised acronym: CNNs -> CNN
    kind: str                       # definition | use
    src: SourceRange                # where to report (the short form, or the macro)
    order: tuple                    # document (source) order
    part: str                       # title | front | abstract | body | back
    start: int | None = None        # prose-view range of the short form (None: not in the view)
    end: int | None = None
    block: Block | None = None
    long: str = ""                  # definitions: the long form as written
    origin: str = "text"            # text | package | cite-note
    heading: bool = False
    caption: bool = False
    surface: str = ""               # the token as written (CNNs, GPT-4)
    name: bool = False              # inside \textsc{}, \pkg{}... : a name
    compound: bool = False          # part of a hyphenated name: the PP of DASHA-PP, the MT of MT-SVM
    strong: bool = True             # definitions: long form known (False: "a small model (DR)", "Institute, MNI")
    table: bool = False             # a use in a table cell (tables are not prose, but readers meet them)
    section: object = None          # the section holding it (for table uses, the float's section)


def source_to_view(doc: Document):
    """Map a source position to the prose view: ``(file, offset) -> view offset or None``."""
    by_file: dict[int, list[tuple[int, int, int, int]]] = defaultdict(list)
    for vs, ve, fi, ss, se, kind in doc.offsets.segments():
        if kind == TEXT:
            by_file[fi].append((ss, se, vs, kind))
    starts = {fi: [t[0] for t in segs] for fi, segs in by_file.items()}

    def lookup(fi: int, off: int) -> int | None:
        segs = by_file.get(fi)
        if not segs:
            return None
        i = bisect.bisect_right(starts[fi], off) - 1
        if i >= 0 and segs[i][0] <= off < segs[i][1]:
            return segs[i][2] + off - segs[i][0]
        return None

    return lookup


def order_key(doc: Document):
    """``(file, offset) -> tuple`` ordering positions as TeX reads them, through \\input."""
    prefix: dict[int, tuple] = {0: ()}
    pending = [inc for inc in doc.includes if inc.file is not None]
    for _ in range(len(doc.files)):
        progressed = False
        for inc in pending:
            if inc.file not in prefix and inc.src.file in prefix:
                prefix[inc.file] = prefix[inc.src.file] + (inc.src.start,)
                progressed = True
        if not progressed:
            break

    def key(fi: int, off: int) -> tuple:
        # a file no \\input reaches (a Manubot chapter) comes after the root, in the order the files were read
        return prefix.get(fi, (1 << 61, fi)) + (off,)

    return key


class Inventory:
    def __init__(self, doc: Document):
        self.doc = doc
        self.order = order_key(doc)
        self._block_starts = [b.start for b in doc.blocks]
        self.events: list[Event] = []
        self.names: set[str] = set()          # keys seen inside name macros
        self._parts: dict[int, str] = {}
        self._code = self._ranges(CODE_MACROS, code=True)
        self._keywords = defaultdict(list)  # a keywords environment inside the abstract's paragraph
        for node in doc.environments(*KEYWORD_ENVS):
            self._keywords[node.src.file].append((node.src.start, node.src.end))
        self._name_ranges = self._ranges(NAME_MACROS)
        self._collect()
        self._compounds()
        self._table_uses()
        self.events.sort(key=lambda e: e.order)

    # -- views -----------------------------------------------------------------------
    @cached_property
    def definitions(self) -> list[Event]:
        return [e for e in self.events if e.kind == "definition"]

    @cached_property
    def uses(self) -> list[Event]:
        return [e for e in self.events if e.kind == "use"]

    def by_key(self, kind: str, parts: tuple[str, ...]) -> dict[str, list[Event]]:
        out: dict[str, list[Event]] = defaultdict(list)
        for e in self.events:
            if e.kind == kind and e.part in parts:
                out[e.key].append(e)
        return out

    @cached_property
    def defined_keys(self) -> frozenset[str]:
        return frozenset(e.key for e in self.definitions)

    @cached_property
    def cited_keys(self) -> frozenset[str]:
        """Acronyms that some sentence names right before a citation: 'BART [1]', 'the E2E data [1]'."""
        text = self.doc.text
        out = set()
        for e in self.uses:
            if e.end is None:
                continue
            after = text[e.end : e.end + 80]
            m = _CITED.match(after)
            if m and "\n\n" not in m.group():
                out.add(e.key)
        return frozenset(out)

    def in_enumeration(self, ev: Event, pairs: bool = False) -> bool:
        """In a list of three or more capitalised items ("AA, AB, or BB", "JSON, YAML, or XML"):
        labels or names, not terms. ``pairs``: two items are enough ("AB or BB")."""
        if ev.start is None:
            return False
        lo = max(0, ev.start - 80)
        pattern = _PAIR if pairs else _ENUMERATION
        return any(m.start() <= ev.start and ev.end <= m.end() for m in pattern.finditer(self.doc.text, lo, ev.end + 80))

    @cached_property
    def title_words(self) -> frozenset[str]:
        """Capitalised words of the text (Vive, Page): an all-caps token also written so is a name."""
        return frozenset(re.findall(r"\b[A-Z][a-z]{2,}\b", self.doc.text))

    # -- building ----------------------------------------------------------------------
    def _ranges(self, names, code=False) -> dict[int, list[tuple[int, int]]]:
        """Source ranges of the arguments of ``names`` (code=True: also Markdown code; else also the
        draft's own one-argument wrappers such as ``\\algname{DASHA}``, which mark names)."""
        out: dict[int, list[tuple[int, int]]] = defaultdict(list)
        doc = self.doc
        known = latex_tables()["macros"]
        for node in doc.markup:
            if node.kind == "code" and code:
                out[node.src.file].append((node.src.start, node.src.end))
            if node.kind != "macro":
                continue
            if node.name not in names and (code or node.args or node.name in known or not node.in_body):
                continue
            fi = node.src.file
            if node.args:
                first = node.args[0] if node.name == "href" else node.src
                out[fi].append((first.start, first.end))
                continue
            text = doc.files[fi].text
            if text[node.src.end - 1 : node.src.end] == "}":  # a \\newcommand macro, expanded with its argument
                out[fi].append((node.src.start, node.src.end))
            else:  # an unknown macro: its argument is the group that follows
                end = _group_end(text, node.src.end, 2000 if node.name in names else 60)
                if end is not None:
                    out[fi].append((node.src.start, end))
        for ranges in out.values():
            ranges.sort()
        return out

    @staticmethod
    def _inside(ranges, fi: int, s: int, e: int) -> bool:
        lst = ranges.get(fi)
        if not lst:
            return False
        i = bisect.bisect_right(lst, (s, 1 << 62)) - 1
        for j in range(i, max(i - 8, -1), -1):  # ranges nest a few deep at most
            if lst[j][0] <= s and e <= lst[j][1]:
                return True
        return False

    def _block_at(self, pos: int) -> Block | None:
        i = bisect.bisect_right(self._block_starts, pos) - 1
        if i >= 0:
            b = self.doc.blocks[i]
            if b.start <= pos <= b.end:
                return b
        return None

    @cached_property
    def _abstract_start(self) -> int | None:
        for b in self.doc.blocks:
            if _in_abstract(b):
                return b.start
        return None

    def part_of(self, block: Block | None) -> str:
        if block is None:
            return "body"
        part = self._parts.get(id(block))
        if part is None:
            part = self._parts[id(block)] = self._part_of(block)
        return part

    def _part_of(self, block: Block) -> str:
        if block.kind == "title":
            return "title"
        if any(c in KEYWORD_ENVS for c in block.context) or _KEYWORDS.match(block.text):
            return "skip"
        if _in_abstract(block):
            return "abstract"
        if in_back_matter(block):
            return "back"
        if block.section is self.doc.top and self._abstract_start is not None and block.start < self._abstract_start:
            return "front"
        return "body"

    def _event(self, key, kind, start, end, **kw) -> Event | None:
        doc = self.doc
        src = doc.to_source(start, end)
        if src is None:
            return None
        block = self._block_at(start)
        part = self.part_of(block)
        if part == "skip" or self._inside(self._keywords, src.file, src.start, src.end):
            return None
        ev = Event(key, kind, src, self.order(src.file, src.start), part, start, end, block,
                   heading=block is not None and block.kind == "heading",
                   caption=block is not None and block.kind == "caption", section=block.section if block is not None else None, **kw)
        self.events.append(ev)
        return ev

    def _collect(self) -> None:
        doc = self.doc
        text = doc.text
        offsets = doc.offsets
        # acronym-package macros: find each one's replaced segment in the view
        macro_segments: dict[tuple[int, int], tuple[int, int]] = {}
        user_segments: list[tuple[int, int]] = []
        acro_names = {u.macro for u in doc.acronym_uses}
        for vs, ve, fi, ss, se, kind in offsets.segments():
            if kind != REPLACED:
                continue
            macro_segments[(fi, ss)] = (vs, ve)
            m = _MACRO_NAME.match(doc.files[fi].text, ss) if fi < len(doc.files) else None
            if m and m.group(1) not in acro_names and m.group(1) not in _NOT_USER and ve - vs >= 2:
                user_segments.append((vs, ve))
        user_starts = [a for a, _ in user_segments]
        package_spans = []
        entries = doc.acronyms
        for use in doc.acronym_uses:
            entry = entries.get(use.label)
            short = entry.short if entry else use.label
            key = normalise_acronym(short)
            seg = macro_segments.get((use.src.file, use.src.start)) if use.prose else None
            if seg is not None:
                package_spans.append(seg)
            if use.printed == "long" or use.printed == "none":
                continue
            kind = "definition" if use.printed == "full" else "use"
            long = entry.long if (entry and kind == "definition") else ""
            if seg is not None:
                ev = self._event(key, kind, seg[0], seg[1], long=long, origin="package", surface=short)
                if ev is not None:
                    ev.src = use.src
            else:  # printed where no prose is read (a table): it still counts, in source order
                self.events.append(Event(key, kind, use.src, self.order(use.src.file, use.src.start), "body",
                                         long=long, origin="package", surface=short))
        package_spans.sort()
        pkg_starts = [a for a, _ in package_spans]

        def in_spans(starts, spans, s, e):
            i = bisect.bisect_right(starts, s) - 1
            return i >= 0 and s >= spans[i][0] and e <= spans[i][1]

        # Schwartz-Hearst definitions in the view
        defs = []
        short_spans = []
        for d in find_definitions(text):
            if in_spans(pkg_starts, package_spans, d.short_start, d.short_end):
                continue
            if not (offsets.is_plain(d.short_start, d.short_end) or in_spans(user_starts, user_segments, d.short_start, d.short_end)):
                continue
            defs.append(d)
            short_spans.append((d.short_start, d.short_end))
            self._event(d.short, "definition", d.short_start, d.short_end, long=d.long, surface=text[d.short_start : d.short_end],
                        origin="derived" if d.derived else "text")
        defs += self._cite_note_definitions()
        defined = {e.key for e in self.events if e.kind == "definition"} | {normalise_acronym(e.short) for e in entries.values()}
        for d in _copula_definitions(text):
            if offsets.is_plain(d[0], d[1]):
                short_spans.append((d[0], d[1]))
                self._event(d[4], "definition", d[0], d[1], long=d[5], surface=text[d[0] : d[1]])
                defined.add(d[4])
        # the words of the text, not of its addresses ("dasha" in a GitHub URL does not make DASHA a word)
        vocabulary = set(_WORD.findall(" ".join(t for t in text.split() if "/" not in t and "@" not in t)))
        short_spans.sort()
        short_starts = [a for a, _ in short_spans]
        for s, e, key in acronym_uses(text, defined=defined, vocabulary=vocabulary):
            if in_spans(short_starts, short_spans, s, e) or in_spans(pkg_starts, package_spans, s, e):
                continue
            if not offsets.is_plain(s, e):
                glued_x = text.startswith("X-", s) and offsets.is_plain(s + 1, e)  # $k$-NN
                if not glued_x and not in_spans(user_starts, user_segments, s, e):
                    continue
            src = doc.to_source(s, e)
            if src is None or self._inside(self._code, src.file, src.start, src.end):
                continue
            name = self._inside(self._name_ranges, src.file, src.start, src.end)
            if name:
                self.names.add(key)
            weak = _weak_definition(text, s, e, key)
            if weak is not None:
                self._event(key, "definition", s, e, long=weak, surface=text[s:e], strong=False)
                continue
            compound = bool(_COMPOUND_BEFORE.search(text, max(0, s - 12), s)) or bool(_COMPOUND_AFTER.match(text, e))
            self._event(key, "use", s, e, surface=text[s:e], name=name, compound=compound)

    def _compounds(self) -> None:
        """Uses of defined hyphenated acronyms (MT-SVM: the tokenizer sees MT and SVM), and of
        spelling variants of defined ones (VLHMM for VL-HMM) under the defined key."""
        text = self.doc.text
        keys = {e.key for e in self.events if e.kind == "definition"}
        flat = {k.replace("-", ""): k for k in keys if "-" in k}
        for e in self.events:
            if e.kind == "use" and e.key not in keys and e.key in flat:
                e.key = flat[e.key]
        taken = {(e.start, e.end) for e in self.events if e.start is not None}
        for key in keys:
            if "-" not in key or key.startswith("X-"):
                continue
            for m in re.finditer(r"(?<![\w-])" + re.escape(key) + r"(?:s|['\u2019]s)?(?![\w-])", text):
                s, e = m.span()
                if (s, e) in taken or not self.doc.offsets.is_plain(s, e):
                    continue
                src = self.doc.to_source(s, e)
                if src is not None and not self._inside(self._code, src.file, src.start, src.end):
                    self._event(key, "use", s, e, surface=m.group())

    def _table_uses(self) -> None:
        """Acronyms in table cells (LaTeX tabulars, Markdown tables): not prose, but a reader meets them
        there, sometimes first. Commands, math, comments, citation keys and code are blanked out
        first, so every position is the token's own place in the source."""
        doc = self.doc
        defined = {e.key for e in self.events if e.kind == "definition"} | {normalise_acronym(e.short) for e in doc.acronyms.values()}
        vocabulary = set(_WORD.findall(doc.text))
        seen: set[tuple[int, int]] = set()
        floats = [(f.src, f.section) for f in doc.figures if f.kind == "table" and f.src.file < len(doc.files)]
        for src, section in floats:  # notes under a table ("SP: sampling period") define what its cells use
            body = doc.files[src.file].text[src.start : src.end]
            blank = _TEX_TABLE_NOISE.sub(lambda m: " " * len(m.group()), body)
            part = "back" if section is not None and _back_section(section) else "body"
            for a, b, key, long in [(a, b, key, long) for a, b, _ls, _le, key, long in _copula_definitions(blank)]:
                seen.add((src.file, src.start + a))
                rng = SourceRange(src.file, src.start + a, src.start + b)
                self.events.append(Event(key, "definition", rng, self.order(src.file, rng.start), part, long=long,
                                         surface=body[a:b], table=True, section=section))
        for node in doc.markup:
            if not ((node.kind == "env" and node.name.rstrip("*") in TABLE_ENVS and node.in_body) or node.kind == "table"):
                continue
            fi, s0, e0 = node.src.file, node.src.start, node.src.end
            if fi >= len(doc.files):
                continue
            body = doc.files[fi].text[s0:e0]
            noise = _MD_TABLE_NOISE if node.kind == "table" else _TEX_TABLE_NOISE
            blank = noise.sub(lambda m: " " * len(m.group()), body)
            section = _section_of(doc, node.src)
            part = "back" if section is not None and _back_section(section) else "body"
            shorts = set()
            defs = [(d.short_start, d.short_end, d.short, d.long) for d in find_definitions(blank)]
            defs += [(a, b, key, long) for a, b, _ls, _le, key, long in _copula_definitions(blank)]
            for a, b, key, long in defs:  # "Dep. Var. Mean (DVM)" in a row label, "SP: sampling period" in a note
                if (fi, s0 + a) in seen:
                    continue
                seen.add((fi, s0 + a))
                shorts.add(a)
                rng = SourceRange(fi, s0 + a, s0 + b)
                self.events.append(Event(key, "definition", rng, self.order(fi, rng.start), part, long=long,
                                         surface=body[a:b], table=True, section=section))
            for s, e, key in acronym_uses(blank, defined=defined, vocabulary=vocabulary):
                if s in shorts or (fi, s0 + s) in seen or self._inside(self._code, fi, s0 + s, s0 + e):
                    continue
                if key == "NA" or body[s:e] in ("N/A",):
                    continue  # a missing value, not an acronym
                if s > 0 and body[s - 1] in "}]":
                    continue  # glued to a command's argument: a panel letter (\\ref{fig:x}AB), not a word
                if _name_column(blank, s, e):
                    continue  # a column of names (mining pools, data sets, models): this cell is one of them
                seen.add((fi, s0 + s))
                rng = SourceRange(fi, s0 + s, s0 + e)
                self.events.append(Event(key, "use", rng, self.order(fi, rng.start), part, surface=body[s:e], table=True, section=section))

    def _cite_note_definitions(self) -> list:
        """``long form \\citep[SF,][]{key}``: the short form sits in the citation's note."""
        doc = self.doc
        found = []
        lookup = None
        for node in doc.markup:
            if node.kind != "macro" or not node.name.lower().startswith(("cite", "parencite", "autocite")) or len(node.args) < 2:
                continue
            note = next((doc.source_text(a) for a in node.args[:-1] if doc.source_text(a).strip()), "")
            m = _CITE_NOTE.fullmatch(note)
            if not m:
                continue
            if lookup is None:
                lookup = {(fi, ss): vs for vs, ve, fi, ss, se, kind in doc.offsets.segments() if kind == REPLACED}
            vs = lookup.get((node.src.file, node.src.start))
            if vs is None:
                continue
            sf = m.group(1)
            lo = max(0, vs - 300)
            prefix = doc.text[lo:vs].rstrip()
            for d in find_definitions(prefix + " (" + sf + ")"):
                if d.short_start >= len(prefix):
                    ev = self._event(d.short, "definition", lo + d.long_start, vs, long=d.long, origin="cite-note", surface=sf)
                    if ev is not None:
                        ev.src = node.src
                        ev.start, ev.end = vs, vs + 1
                    found.append(d)
        return found


TABLE_ENVS = ("tabular", "tabularx", "tabulary", "longtable", "tabu", "array", "supertabular", "xltabular", "tblr", "longtblr")
#: In a LaTeX table: what is not cell text (arguments of these commands, then any command name, math, comments).
_TEX_TABLE_NOISE = lazyre.compile(
    r"\\(?:cite\w*|[cC]?ref|autoref|eqref|label|url|href|includegraphics|begin|end|code|texttt|verb|cmidrule|cline|"
    r"multicolumn\s*\{[^{}]*\}\s*\{[^{}]*\}|multirow\s*\{[^{}]*\}\s*\{[^{}]*\}|color|textcolor|cellcolor|rowcolor|hspace|vspace|rule|"
    r"resizebox\s*\{[^{}]*\}|scalebox|parbox\s*(?:\[[^\]]*\])*|makecell|shortstack)\*?(?:\s*\[[^\]]*\])*(?:\s*\{[^{}]*\})?"
    r"|(?<!\\)%[^\n]*|\\[A-Za-z@]+\*?|\\.|\$[^$]*\$|\\\(.*?\\\)")
#: In a Markdown table: code, math, citations and link targets.
_MD_TABLE_NOISE = lazyre.compile(r"`[^`\n]*`|\$[^$\n]*\$|\[@[^\]]*\]|(?<![\w.@])@[\w:.-]+|\]\([^)]*\)|<[^>\n]*>")


_NAME_CELL = lazyre.compile(r"^(?=.*[A-Za-z])(?:[A-Z][a-z]+[A-Z0-9][\w.-]*|[A-Za-z]*\d[A-Za-z][\w.-]*|[A-Z][\w-]*\.(?:com|org|io))$")


def _name_column(blank: str, s: int, e: int) -> bool:
    """The token fills its cell, and most other cells of its column read as names (F2Pool, ViaBTC)."""
    row_start = max(blank.rfind("\\\\", 0, s), blank.rfind("\n", 0, s)) + 1
    row_end_candidates = [x for x in (blank.find("\\\\", e), blank.find("\n", e)) if x != -1]
    row_end = min(row_end_candidates) if row_end_candidates else len(blank)
    row = blank[row_start:row_end]
    cells = row.split("&") if "&" in row else row.split("|")
    offset = s - row_start
    col, pos = 0, 0
    for i, c in enumerate(cells):
        if pos <= offset < pos + len(c) + 1:
            col = i
            if c.strip() != blank[s:e].strip():
                return False
            break
        pos += len(c) + 1
    names = total = 0
    for line in re.split(r"\\\\|\n", blank):
        parts = line.split("&") if "&" in line else line.split("|")
        if len(parts) > col and parts[col].strip():
            total += 1
            names += bool(_NAME_CELL.match(parts[col].strip()))
    return total >= 4 and names * 2 >= total


def _section_of(doc: Document, rng: SourceRange):
    """The section of the float (figure or table) holding ``rng``."""
    best = None
    for fig in doc.figures:
        if fig.src.file == rng.file and fig.src.start <= rng.start < fig.src.end:
            best = fig
    return best.section if best is not None else None


def _back_section(sec) -> bool:
    """Whether `sec` or a section holding it is back matter (acknowledgements, references, ...)."""
    while sec is not None and getattr(sec, "kind", None) == "section":
        if BACK.match(sec.title) and not _contributions_in_body(sec):
            return True
        sec = sec.parent
    return False


_BARE_CONTRIBUTIONS = lazyre.compile(r"^\W*(?:\d+(?:\.\d+)*\s+)?contributions?\W*$", re.IGNORECASE)


def _contributions_in_body(sec) -> bool:
    """A heading of just "Contributions" is the paper's own contributions, not an author
    statement, when it sits inside a body section (a subsection of the introduction) or when
    a body section follows it (a section 2 before the method); author statements come last."""
    if not _BARE_CONTRIBUTIONS.match(sec.title) or sec.appendix:
        return False
    parent = sec.parent
    if parent is not None and getattr(parent, "kind", None) == "section":
        return True
    siblings = parent.children if parent is not None else []
    later = siblings[siblings.index(sec) + 1:] if sec in siblings else []
    return any(not s.appendix and s.kind == "section" and not BACK.match(s.title) for s in later)


_MACRO_NAME = lazyre.compile(r"\\([A-Za-z]+)")
_WORD = lazyre.compile(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])")
_COMPOUND_BEFORE = lazyre.compile(r"[A-Z][A-Za-z0-9]*-$")
_COMPOUND_AFTER = lazyre.compile(r"-[A-Z][A-Z0-9]")
#: After a name: up to three words and a short parenthesis, then a citation ("LIBSVM (version 3.11) [1]").
_CITED = lazyre.compile(r"(?:['\u2019]s)?(?:\+X)?(?:[\s\-]+[A-Za-z][\w\-]*){0,3}?(?:\s*\([^()\[\]]{0,40}\))?\s*[,:]?\s*(?:\(\s*)?(?:Author\s+)?\[\d")
_KEYWORDS = lazyre.compile(r"\W*(?:key\s*words?|index\s+terms|subject\s+areas?)\b", re.IGNORECASE)
_ITEM = r"(?:[A-Z][a-z]+\s)?[A-Z][A-Za-z0-9-]{0,8}"  # AB, PubMed IDs
_ENUMERATION = lazyre.compile(
    rf"(?<![\w-]){_ITEM}(?:,\s*(?:and\s+|or\s+)?{_ITEM}){{2,}}(?![\w-])"
    rf"|(?<![\w-]){_ITEM}(?:,\s*{_ITEM})+,?\s+(?:and|or)\s+{_ITEM}(?![\w-])"
)
_PAIR = lazyre.compile(rf"(?<![\w-]){_ITEM}(?:\s*(?:,|/|\band\b|\bor\b)\s*{_ITEM})+(?![\w-])")
#: "SNR indicates the signal-to-noise ratio", "LCMV stands for ..."
_COPULA = lazyre.compile(
    r"(?<![\w-])(?P<sf>[A-Z][A-Za-z0-9&-]*[A-Z][A-Za-z0-9]*?)s?\s+(?:stands?\s+for|is\s+short\s+for|abbreviates|denotes?|indicates?|"
    r"refers?\s+to|is\s+an\s+(?:abbreviation|acronym)\s+(?:of|for)|(?P<isa>is|are)(?=\s+(?:the|an?)\s))\s+(?:the\s+|an?\s+)?[\u201c\"\u2018']?(?P<rest>[A-Za-z][^.;:()\[\]\n]{2,120})"
    # a glossary line or a table note: "SP: sampling period; SF: sampling frequency", "GPU = graphics processing unit"
    r"|(?<![\w-])(?P<sf2>[A-Z][A-Za-z0-9&-]*[A-Z][A-Za-z0-9]*?)s?\s*(?::|=|\s[\u2013\u2014-])\s*(?P<rest2>[A-Za-z][^.;:()\[\]\n=]{2,120})"
)
#: before a bare "(SF)": the words a reader takes as its long form
_PAREN_OPEN = lazyre.compile(r"[A-Za-z\u2019']\s*\(\s*(?:(?:abbreviated(?:\s+as)?|hereafter|henceforth|called|termed|or)\s+)?$")
_PAREN_CLOSE = lazyre.compile(r"\s*(?:[;,][^()]{0,80})?\)")
#: "Montreal Neurological Institute, MNI", "signal-to-noise ratio - SNR"
_APPOSITION = lazyre.compile(
    r"\s*(?:,|\s[-\u2013\u2014]|\u2013|\u2014|:)\s*"
    r"(?:(?:also\s+)?known\s+as\s+|a\.?k\.?a\.?\s+|abbreviated(?:\s+as)?\s+|hereafter\s+)?$"
)
_CLAUSE_STOP = lazyre.compile(r"[,;:()\[\]\u2013\u2014.!?\n]")


def _copula_definitions(text: str):
    """(short_start, short_end, long_start, long_end, key, long) for 'SF denotes the long form'."""
    for m in _COPULA.finditer(text):
        g = "" if m.group("sf") else "2"
        sf = m.group("sf" + g)
        words = list(re.finditer(r"[^\s]+", m.group("rest" + g)))
        n = sum(c.isalnum() for c in sf)
        rest = m.start("rest" + g)
        for k in range(1, min(len(words), n + 5) + 1):
            cand_end = rest + words[k - 1].end()
            cand = text[rest:cand_end].rstrip(",\u201d\"'")
            if _match_pair(sf, cand) == 0 and (not (g == "" and m.group("isa")) or _initials(sf, cand)):
                key = normalise_acronym(sf)
                if is_acronym_like(key):
                    yield (m.start("sf" + g), m.end("sf" + g), rest, rest + len(cand), key, cand)
                break


def _initials(sf: str, long: str) -> bool:
    """The words of ``long`` start with the letters of ``sf``, in order ("BL is a bot in only..." does not)."""
    letters = [c.lower() for c in sf if c.isalpha()]
    words = [w[0].lower() for w in re.split(r"[\s-]+", long) if w and w[0].isalpha()]
    return words[: len(letters)] == letters


def _weak_definition(text: str, s: int, e: int, key: str) -> str | None:
    """The long form a reader would take for an acronym the Schwartz-Hearst match missed, or None.

    ``a small Seq2Seq model (DR)``, ``anterior cingulate (ACC)``: a bare parenthesised
    acronym right after words names what comes before it. ``Montreal Neurological
    Institute, MNI`` and ``the signal-to-noise ratio - SNR``: an apposition whose words
    match the letters (Schwartz-Hearst on the clause before the comma or dash).
    """
    before = text[max(0, s - 40) : s]
    if _PAREN_OPEN.search(before) and _PAREN_CLOSE.match(text, e):
        words = re.findall(r"[A-Za-z][\w'-]*", text[max(0, s - 80) : s].rsplit("(", 1)[0])[-4:]
        return " ".join(words) or None
    m = _APPOSITION.search(before)
    if m is None:
        return None
    head = text[max(0, s - 200) : s - len(before) + m.start()]
    window = _CLAUSE_STOP.split(head)[-1]
    if len(window.strip()) < 3:
        return None
    for d in find_definitions(window + " (" + text[s:e] + ")"):
        if d.short_start > len(window) and d.short == key:
            return d.long
    return None


_NOT_USER = frozenset(["cite", "citep", "citet", "verb", "lstinline", "mintinline", "ref", "cref", "Cref", "autoref", "eqref"])


def in_back_matter(block: Block) -> bool:
    """Acknowledgements, references, funding, contributions, checklists: not the paper's prose."""
    return _back_section(block.section)


def formal_contexts(doc: Document) -> frozenset[str]:
    """Environments holding formal statements: the usual names and the draft's own \\newtheorem ones."""
    names = set(_FORMAL)
    for node in doc.macros("newtheorem", body_only=False):
        if node.args:
            names.add(doc.source_text(node.args[0]).strip())
    return frozenset(names)


_FORMAL = ("theorem", "lemma", "proposition", "corollary", "definition", "claim", "conjecture", "assumption",
           "proof", "remark", "example", "algorithm", "algorithmic", "thm", "lem", "prop", "cor", "defn")


def _in_abstract(block: Block) -> bool:
    return "abstract" in block.context or (block.section is not None and block.section.kind == "abstract")


def _group_end(text: str, pos: int, limit: int = 2000) -> int | None:
    """End of the brace group starting at ``pos`` (after optional spaces, within ``limit`` characters), or None."""
    i = pos
    while i < len(text) and text[i] in " \t":
        i += 1
    if i >= len(text) or text[i] != "{":
        return None
    depth = 0
    for j in range(i, min(len(text), i + limit)):
        c = text[j]
        if c == "\\":
            continue
        if c == "{" and text[j - 1] != "\\":
            depth += 1
        elif c == "}" and text[j - 1] != "\\":
            depth -= 1
            if depth == 0:
                return j + 1
    return None


_CACHE_ATTR = "_jargon_inventory"


def inventory(doc: Document) -> Inventory:
    """The document's acronym inventory, built on first use and shared by the rules."""
    inv = doc.__dict__.get(_CACHE_ATTR)
    if inv is None:
        inv = Inventory(doc)
        doc.__dict__[_CACHE_ATTR] = inv
    return inv
