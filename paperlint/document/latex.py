"""LaTeX drafts to :class:`Document`: the prose view, structure and markup.

The parse tree comes from :mod:`latex_parse`; the behaviour of each macro and
environment comes from ``rules/latex.toml`` (plus the user's configuration).
``\\input``-like commands are followed at the place they occur, each file being
parsed on its own so that positions stay file-local.
"""
from __future__ import annotations

from .. import lazyre
import os
import re
import unicodedata
from ..records import dataclass
from pathlib import Path

from ..sources import SourceError, SourceFile, read_source
from . import parse_cache
from .blocks import BlockWriter, implicit_introduction, push_section, summary_as_abstract
from .latex_parse import (
    SWEAVE_SUFFIXES,
    ACCENT_SYMBOLS,
    ACCENT_WORDS,
    Arg,
    Comment as CommentNode,
    Cs,
    Env,
    Group,
    Macro,
    Math,
    Par,
    Raw,
    Text,
)
from .model import LEVELS, AcronymEntry, AcronymUse, Comment, Document, Figure, Include, ListInfo, MarkupNode, Problem, Section
from .offsets import SourceRange

SPECIAL_TEXT = lazyre.compile(r"---|--|``|''|~")
SPECIAL_REPL = {"---": "—", "--": "–", "``": "“", "''": "”", "~": " "}
CONTROL_SYMBOLS = {
    "\\": " ", ",": " ", " ": " ", "\n": " ", "\t": " ", ";": " ", ":": " ", ">": " ",
    "%": "%", "&": "&", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}",
    "-": "", "/": "", "@": "", "!": "",
}
NUMBER_MATH = lazyre.compile(r"\s*([-+]?\d[\d,]*(?:\.\d+)?|\.\d+)\s*(\\%|\\times|\\,?\\%)?\s*$")
TRAILING_MATH = lazyre.compile(r"(?:\\(?:label|tag)\s*\{[^{}]*\}|\\(?:nonumber|notag|qquad|quad)|\\[,;!: ]|\\\\|\s)+$")
DOCUMENTCLASS = lazyre.compile(r"^[ \t]*\\documentclass", re.M)
LISTS = {"itemize", "enumerate", "description", "compactitem", "compactenum"}
SUBFLOATS = {"subfigure", "subtable"}
INCLUDE_TWO_ARGS = {"import", "subimport", "inputfrom", "subinputfrom", "includefrom", "subincludefrom"}
CONDITIONALS = {"if", "ifx", "ifnum", "iftrue", "ifdim", "ifodd", "ifcase", "ifdefined", "ifcsname", "ifthenelse"} - {"ifthenelse"}
_TWO_TOKENS = lazyre.compile(r"\s*(\\[A-Za-z@]+|[^\s\\{}])\s*(\\[A-Za-z@]+|[^\s\\{}])")
_NUM_TEST = lazyre.compile(r"\s*(\\[A-Za-z@]+|-?\d+)\s*([<=>])\s*(\\[A-Za-z@]+|-?\d+)")
END_DOCUMENT = lazyre.compile(r"\\end\s*\{document\}")
DOCUMENT_BEGIN = lazyre.compile(r"(?<!\\)\\begin\s*\{document\}")
GENERATED_FIGURES = {".pgf"}   # matplotlib's PGF backend
MAX_EXPANSION_DEPTH = 8
MAX_INCLUDE_DEPTH = 30
BODY_COMMENT = lazyre.compile(r"(?<!\\)%[^\n]*(?:\n[ \t]*)?")
OWN_PACKAGE_MAX = 400_000  # a project's own .sty bigger than this is a vendored package, not its macros
# File indices at or above VIRTUAL are macro expansions being walked: text from there is shown
# over the whole macro use in the draft (LatexReader.anchor), never at body-relative offsets.
VIRTUAL = 1 << 30
# Built-in macros whose meaning a draft's \renewcommand or \def does not change for us: drafts
# redefine \section or \caption for spacing and fonts, and the heading is still a heading.
KEEP_MEANING = {"heading", "caption", "footnote", "cite", "ref", "label", "include", "title", "abstract", "item",
                "bibliography", "graphics", "acronym", "acrodef", "appendix", "graphicspath"}
# Actions that make a macro body structural: expanded in place rather than read as plain text.
STRUCTURAL = {"heading", "caption", "cite", "label", "graphics", "include", "abstract", "title", "acronym"}
BEGIN_ENV = lazyre.compile(r"\\begin\s*\{")
MACRO_NAME = lazyre.compile(r"\\([A-Za-z@]+)")
LET_NAMES = lazyre.compile(r"\\let\s*\\([A-Za-z@]+)\s*=?\s*\\([A-Za-z@]+)")
PARAM = lazyre.compile(r"(#+)(\d)")
TRAILING_CS = lazyre.compile(r"\\([A-Za-z@]+)\*?\s*$")
XPARSE_ARG = lazyre.compile(r"\s*(?:(m|o|s|v|g|\+)|O\s*\{((?:[^{}]|\{[^{}]*\})*)\}|[rRdD]\S\S|[tT]\S|[eE]\{[^{}]*\})")
MANUAL_HEADING_MACROS = {"textbf", "textsc", "underline", "centerline", "uppercase", "MakeUppercase", "textit", "emph"}
MANUAL_HEADING_SWITCHES = {"bf", "bfseries", "textbf", "sc", "scshape", "textsc", "large", "Large", "LARGE", "centerline", "centering"}
ITALIC = {"textit", "emph", "em", "it", "itshape"}   # italic lines are headings only when they say "Abstract"
MANUAL_HEADING = lazyre.compile(
    r"(?:(?:\d{1,2}|[IVX]{1,4}|[A-H])\.?\s+)?"
    r"(abstract|summary|introduction|background|related work|previous work|preliminaries|motivation|"
    r"(?:materials and )?methods?|methodology|approach|model|data|experiments?|experimental (?:setup|results)|evaluation|"
    r"results(?: and discussion)?|discussion|conclusions?|concluding remarks|limitations|future work|"
    r"acknowledge?ments?|references|appendix)\s*[.:]?",
    re.I,
)
WHOLE_ARTICLE = lazyre.compile(r"^[ \t]*\\maketitle\b", re.M)
TITLE_OR_ABSTRACT = lazyre.compile(r"^[ \t]*\\(?:title|abstract|Abstract)\s*[\[{]|^[ \t]*\\begin\s*\{abstract\}", re.M)


@dataclass
class UserMacro:
    name: str
    nargs: int
    has_optional: bool
    body: str
    default: str = ""                    # the optional argument's default (\newcommand{\x}[2][default])
    params: tuple[str, ...] = ()         # xparse argument kinds in order: m, o, s (empty: \newcommand's)

    def __post_init__(self):
        # a comment in a body ends with its line break and the next line's indentation, as TeX
        # reads it: \newcommand{\Zoo}{%<newline>  Zoo\xspace%<newline>} prints "Zoo", no spaces
        if "%" in self.body:
            object.__setattr__(self, "body", BODY_COMMENT.sub("", self.body))

    def kinds(self) -> tuple[str, ...]:
        if self.params:
            return self.params
        if self.has_optional and self.nargs:
            return ("o",) + ("m",) * (self.nargs - 1)
        return ("m",) * self.nargs


@dataclass
class ArgVal:
    """One argument of a user-macro use: its source text and, where it came from the draft, its nodes."""

    text: str
    nodes: list | None = None


class LatexReader:
    def __init__(self, root: SourceFile, *, project_root: Path, tables: dict, cwd: Path | None = None):
        self.root = root
        self.project_root = project_root
        self.cwd = cwd
        self.macros = tables["macros"]
        self.envs = dict(tables["environments"])
        self.package_tables = tables.get("packages", {})
        self.packages: set[str] = set()    # classes and packages whose [packages.X] tables are merged in
        self.user_macros: dict[str, UserMacro] = {}
        self.files: list[SourceFile] = [root]
        self.index = {root.path: 0}
        self.top = Section(level=-1, title="", kind="document")
        self.doc = Document(root=root, format="latex", files=self.files, text="", offsets=None, blocks=[], top=self.top)
        self.w = BlockWriter(self.doc)
        self.section: Section = self.top
        self.sec_stack: list[Section] = []
        self.context: tuple[str, ...] = ()
        self.prose = True
        self.in_body = True
        self.figure: Figure | None = None
        self.list: ListInfo | None = None
        self.chain: list[int] = []
        self.own_packages: set[str] = set()  # the project's own .sty files already read
        self.in_own_package = 0  # inside one: only new, public macros are defined (a venue's .sty redefines \\section)
        self.appendix = False
        self.done = False
        self.depth = 0
        self.graphicspath: list[str] = []
        self.acro_used: set[str] = set()   # acronym-package labels already expanded once
        self.acro_ahead: dict[str, AcronymEntry] = {}  # declarations found later in the draft (a second reading)
        self.acro_unresolved = False       # an \\ac{} met before any declaration of its label
        self.snippet_cache: dict[tuple, str] = {}
        self.macro_generation = 0          # bumped whenever a user macro is (re)defined
        self.aliases: dict[str, str] = {}  # \let\origsection\section: origsection -> section
        self.virtual: dict[int, str] = {}  # macro expansions being walked, by virtual file index
        self.anchor: SourceRange | None = None
        self.manual_headings = False       # read bold or centred lines named Introduction... as headings
        self.switches: dict[str, bool] = {}  # \\newif switches: \\ifdraft ... \\drafttrue
        self.implicit_list: ListInfo | None = None  # items with no list environment (a draft's \\squishlist)
        self.standalone_body: dict[int, int] = {}  # \\includestandalone'd files: where their own \\begin{document} is
        self.discarded: list[SourceRange] = []  # arguments a draft macro drops (\\newcommand{\\eat}[1]{}): never typeset

    # -- entry point -------------------------------------------------------
    def read(self) -> Document:
        root = self.root
        # \\documentclass may come from an \\input{macros}: a file with \\begin{document} is a whole document
        self.in_body = DOCUMENTCLASS.search(root.text) is None and DOCUMENT_BEGIN.search(root.text) is None
        # a file with no \\documentclass is a chapter, unless it is a whole article that a journal's
        # wrapper inputs (The R Journal: \\title, \\maketitle and \\abstract in the article's own file)
        self.doc.fragment = self.in_body and not (WHOLE_ARTICLE.search(root.text) and TITLE_OR_ABSTRACT.search(root.text))
        self.prose = self.in_body
        if self.in_body:
            self.doc.body_start = SourceRange(0, 0, 0)
        for name in _loaded_packages(root.text):
            self._load_package(name)
        if self.doc.fragment or self.in_body:  # a journal's article file: the style beside it is its preamble
            for name in self.package_tables:
                if any((root.path.parent / (name + ext)).is_file() for ext in (".sty", ".cls")):
                    self._load_package(name)
        self._convert_file(0)
        self.w.close_all()
        if self.doc.body_start is None:
            m = DOCUMENTCLASS.search(root.text) or DOCUMENT_BEGIN.search(root.text)
            at = SourceRange(0, m.start(), m.end()) if m else SourceRange(0, 0, 0)
            self.doc.problems.append(Problem("PL001", "the file has \\documentclass but no \\begin{document}: no text was read", at))
        doc = self.doc
        doc.text, doc.offsets = self.w.view.build()
        doc.blocks = self.w.blocks
        levels = [s.level for s in self.top.walk() if s.kind != "document" and s.level >= 1]
        if levels:
            doc.main_level = 1 if 1 in levels else (2 if 2 in levels else min(levels))
        doc.graphicspath = self.graphicspath
        doc.lists = [lst for lst in doc.lists if lst.items]  # a list with no item prints nothing (\\squishlist's own \\begin{list})
        if self.discarded:
            doc.problems = [p for p in doc.problems if not (p.code == "PL001" and any(
                d.file == p.src.file and d.start <= p.src.start and p.src.end <= d.end for d in self.discarded))]
        summary_as_abstract(doc)
        implicit_introduction(doc)
        return doc

    def _convert_file(self, fi: int, report: bool = True) -> None:
        f = self.files[fi]
        nodes, problems = parse_cache.parse(f.text, self.macros, self.envs, sweave=f.path.suffix.lower() in SWEAVE_SUFFIXES)
        for s, e, msg in problems if report else ():
            self.doc.problems.append(Problem("PL001", msg, self._rng(fi, s, e)))
        self.chain.append(fi)
        try:
            self._nodes(nodes, fi)
        finally:
            self.chain.pop()

    # -- helpers -------------------------------------------------------------------
    def _src(self, fi: int) -> str:
        if fi >= VIRTUAL:
            return self.virtual[fi]
        return self.files[fi].text

    def _real(self, fi: int) -> int:
        """The draft file a position belongs to (a macro expansion belongs to the file of its use)."""
        return self.anchor.file if fi >= VIRTUAL else fi

    def _rng(self, fi, s, e) -> SourceRange:
        if fi >= VIRTUAL:  # inside a macro's expansion: the whole macro use in the draft
            return self.anchor
        return SourceRange(fi, s, e)

    def _mark(self, kind, name, fi, s, e, args=()):
        self.doc.markup.append(
            MarkupNode(kind, name, self._rng(fi, s, e), tuple(self._rng(fi, a.s, a.e) for a in args if a is not None),
                       self.context, self.in_body)
        )

    def _ensure_block(self):
        top = self.w.top
        if top is None:
            if self.implicit_list is not None and self.list is self.implicit_list:
                self.list = self.implicit_list = None  # prose again: the macro-made list has ended
            self.w.open("paragraph", self.section, self.context)
        return self.w.top

    def _end_paragraph(self):
        top = self.w.top
        if top is not None and top.kind in ("paragraph",):
            return self.w.close()
        return None

    def _end_all(self):
        # closes paragraphs and items, never captions or footnotes being built
        while self.w.top is not None and self.w.top.kind in ("paragraph", "item", "title"):
            self.w.close()

    def _emit_text(self, fi, s, e):
        if not self.prose or e <= s:
            return
        src = self._src(fi)
        if fi >= VIRTUAL:
            self._emit_replaced(SPECIAL_TEXT.sub(lambda m: SPECIAL_REPL[m.group()], src[s:e]), fi, s, e)
            return
        if self.w.top is None:
            if src[s:e].isspace():
                return
            self._ensure_block()
        elif src[s] == "\n" and self.w.top.ops and self.w.top.ops[-1][2] != fi and self.w.top.ops[-1][1].endswith("\n"):
            # the end of an \input file and the parent's line end are one line break in TeX,
            # not the blank line (paragraph break) they look like when joined
            s += 1
            if s >= e:
                return
        pos = s
        search = SPECIAL_TEXT.search
        m = search(src, pos, e)
        while m:
            if m.start() > pos:
                self.w.text(fi, pos, m.start(), src)
            self.w.replaced(SPECIAL_REPL[m.group()], fi, m.start(), m.end())
            pos = m.end()
            m = search(src, pos, e)
        if pos < e:
            self.w.text(fi, pos, e, src)

    def _emit_replaced(self, string, fi, s, e):
        if not self.prose or not string:
            return
        if self.w.top is None:
            if string.isspace():
                return
            self._ensure_block()
        if fi >= VIRTUAL:
            a = self.anchor
            self.w.replaced(string, a.file, a.start, a.end)
            return
        self.w.replaced(string, fi, s, e)

    # -- the walk -------------------------------------------------------------------
    def _nodes(self, nodes, fi):
        i, n = 0, len(nodes)
        while i < n:
            if self.done:
                return
            node = nodes[i]
            i += 1
            t = type(node)
            if t is Text:
                self._emit_text(fi, node.s, node.e)
            elif t is Macro:
                if node.name in MANUAL_HEADING_MACROS and self._manual_heading(node, fi):
                    continue
                self._macro(node, fi)
            elif t is Par:
                top = self.w.top
                if top is not None and top.kind == "item" and top.list is not None and top.list is self.implicit_list \
                        and not self._item_follows(nodes, i, fi):
                    self.w.close()  # a blank line, then no \\item: the macro-made list is over
                    self.list = self.implicit_list = None
                elif top is not None:
                    if top.kind == "paragraph":
                        self.w.close()
                    else:
                        self.w.synthetic(" ")
            elif t is CommentNode:
                self._comment(node, fi)
            elif t is Group:
                if self.w.top is None and self._manual_heading(node, fi):
                    continue
                self._nodes(node.nodes, fi)
            elif t is Math:
                self._math(node, fi)
            elif t is Env:
                self._env(node, fi)
            elif t is Cs:
                i = self._cs(node, fi, nodes, i)
            elif t is Raw:
                if node.name in ("verb", "lstinline", "mintinline"):
                    src = self._src(fi)
                    piece = src[node.s : node.e]
                    inner = re.sub(r"^\\[A-Za-z]+\*?(\[[^\]]*\])?(\{[^}]*\})?", "", piece)[1:-1]
                    self._emit_replaced(inner or "code", fi, node.s, node.e)
                    self._mark("macro", node.name, fi, node.s, node.e)
                elif node.name == "iffalse":
                    self.doc.skipped.append(self._rng(fi, node.s, node.e))
                elif node.name == "end" and self.in_body and END_DOCUMENT.match(self._src(fi), node.s):
                    self._end_all()  # the \\end{document} of a body that began in an \\input file
                    self.done = True
                    return

    def _conditional(self, node: Cs, fi: int, siblings, i: int) -> int:
        """\\if..\\else..\\fi: read the branch TeX takes when the condition can be worked out from the draft
        (\\newif switches, \\if\\icml1 on a macro of the draft, \\ifnum); otherwise read on as if the
        condition were not there (both branches, as before). The condition itself never prints."""
        cond_end, value = self._condition(node, fi)
        j = i
        while j < len(siblings) and siblings[j].e <= cond_end:
            j += 1
        if j < len(siblings) and type(siblings[j]) is Text and siblings[j].s < cond_end:
            siblings[j] = Text(cond_end, siblings[j].e)
        depth, k, else_at = 0, j, None
        while k < len(siblings):
            t = siblings[k]
            if type(t) is Cs and t.name.startswith("if") and (t.name in CONDITIONALS or t.name[2:] in self.switches):
                depth += 1
            elif type(t) is Macro and t.name == "fi":
                if depth == 0:
                    break
                depth -= 1
            elif type(t) is Macro and t.name == "else" and depth == 0 and else_at is None:
                else_at = k
            k += 1
        if value is None or k == len(siblings):
            return j
        true_part = siblings[j:else_at] if else_at is not None else siblings[j:k]
        false_part = siblings[else_at + 1 : k] if else_at is not None else []
        skipped = false_part if value else true_part
        if skipped and fi < VIRTUAL:
            self.doc.skipped.append(SourceRange(fi, skipped[0].s, skipped[-1].e))
        self._nodes(true_part if value else false_part, fi)
        return k + 1

    def _condition(self, node: Cs, fi: int) -> tuple[int, bool | None]:
        """(where the condition ends, its value or None when paperlint cannot know it)."""
        name, src = node.name, self._src(fi)
        if name == "iftrue":
            return node.e, True
        if name[2:] in self.switches:
            return node.e, self.switches[name[2:]]
        if name in ("if", "ifx"):
            m = _TWO_TOKENS.match(src, node.e)
            if not m:
                return node.e, None
            a, b = (self._token_meaning(t) for t in m.groups())
            if a is None or b is None:
                return m.end(), None
            return m.end(), a == b
        if name == "ifnum":
            m = _NUM_TEST.match(src, node.e)
            if not m:
                return node.e, None
            a, op, b = self._token_meaning(m.group(1)), m.group(2), self._token_meaning(m.group(3))
            try:
                a, b = int(a), int(b)
            except (TypeError, ValueError):
                return m.end(), None
            return m.end(), {"<": a < b, "=": a == b, ">": a > b}[op]
        return node.e, None

    def _token_meaning(self, token: str) -> str | None:
        """A token as \\if compares it: a macro of the draft without arguments stands for its body."""
        if not token.startswith("\\"):
            return token
        user = self.user_macros.get(token[1:])
        if user is not None and user.nargs == 0:
            return _substitute(user.body, []).strip()
        return None

    def _item_follows(self, nodes, i, fi) -> bool:
        """The next node that is not a space, comment or draft macro is an \\item."""
        for node in nodes[i:]:
            t = type(node)
            if t in (CommentNode, Par) or (t is Text and not self._src(fi)[node.s : node.e].strip()):
                continue
            if t is Macro and node.name == "item":
                return True
            if t is Cs and node.name in self.user_macros:
                continue  # \\squishend and the like
            return False
        return False

    def _comment(self, node, fi):
        src = self._src(fi)
        line_start = src.rfind("\n", 0, node.s) + 1
        own = src[line_start : node.s].strip() == ""
        self.doc.comments.append(Comment(self._rng(fi, node.s, node.e), src[node.s + 1 : node.e], own))

    def _cs(self, node, fi, siblings, i):
        name = node.name
        if len(name) <= 1 or not (name[0].isalpha() or name[0] == "@"):
            if name in CONTROL_SYMBOLS:
                self._emit_replaced(CONTROL_SYMBOLS[name], fi, node.s, node.e) if CONTROL_SYMBOLS[name] else None
            return i
        user = self.user_macros.get(name)
        if user is not None:
            return self._expand(user, node, fi, siblings, i)
        if name == "newif" and i < len(siblings) and type(siblings[i]) is Cs and siblings[i].name.startswith("if"):
            self.switches[siblings[i].name[2:]] = False  # \\newif\\ifdraft: false until \\drafttrue
            return i + 1
        if name.endswith(("true", "false")) and name[: -4 if name.endswith("true") else -5] in self.switches:
            self.switches[name[: -4 if name.endswith("true") else -5]] = name.endswith("true")
            return i
        if name.startswith("if") and (name in CONDITIONALS or name[2:] in self.switches):
            return self._conditional(node, fi, siblings, i)
        if "@" in name:  # a LaTeX internal (\@addtoreset{subeqn}{equation}): its arguments are code, not prose
            while i < len(siblings) and type(siblings[i]) is Group:
                i += 1
            self._mark("macro", name, fi, node.s, node.e)
            return i
        target = self.aliases.get(name)
        if target is not None:  # \let\origsection\section: \origsection is \section
            spec = self.macros[target]
            kinds = tuple({"*": "s", "[": "o", "{": "m", "v": "v"}[c] for c in spec.get("args", "") if c in "*[{v")
            args, star, j, end = self._take_args(kinds, fi, siblings, i, node.e)
            self._macro(Macro(target, node.s, end, star, args), fi)
            return j
        self._mark("macro", name, fi, node.s, node.e)
        return i

    def _take_args(self, kinds, fi, siblings, j, end):
        """Arguments of a control sequence the parser could not give them to (a \\let alias, a user macro).

        `kinds` are m (a group or one token), v (the same, read verbatim), o (an optional [..]) and
        s (an optional star).  Returns (args, star, index of the first sibling not used, end offset);
        a missing mandatory argument is an empty one, as if the draft had written {}.
        """
        src = self._src(fi)
        args: list[Arg | None] = []
        star = False

        def skip_space(j):
            while j < len(siblings) and type(siblings[j]) is Text and src[siblings[j].s : siblings[j].e].isspace() \
                    and src.count("\n", siblings[j].s, siblings[j].e) <= 1:
                j += 1
            return j

        for kind in kinds:
            k = skip_space(j)
            sib = siblings[k] if k < len(siblings) else None
            if kind == "s":
                if type(sib) is Text and src[sib.s] == "*":
                    star = True
                    end = sib.s + 1
                    if sib.e > sib.s + 1:
                        siblings[k] = Text(sib.s + 1, sib.e)
                        j = k
                    else:
                        j = k + 1
                continue
            if kind == "o":
                if type(sib) is Text and src[sib.s : sib.e] == "[":
                    depth, q = 0, k + 1
                    while q < len(siblings):
                        t = siblings[q]
                        if type(t) is Text and src[t.s : t.e] == "]" and depth == 0:
                            break
                        if type(t) is Par:
                            q = len(siblings)
                            break
                        q += 1
                    if q < len(siblings):
                        args.append(Arg("[", sib.e, siblings[q].s, list(siblings[k + 1 : q])))
                        end = siblings[q].e
                        j = q + 1
                        continue
                args.append(None)
                continue
            if sib is None:
                args.append(Arg("{", end, end, []))
                continue
            t = type(sib)
            if t is Group:
                args.append(Arg("{" if kind == "m" else "v", sib.s + 1, sib.e - 1, sib.nodes if kind == "m" else None))
                end, j = sib.e, k + 1
            elif t is Text and not src[sib.s : sib.e].isspace() and src[sib.s] not in "[]":
                first = sib.s + (len(src[sib.s : sib.e]) - len(src[sib.s : sib.e].lstrip()))
                args.append(Arg("{" if kind == "m" else "v", first, first + 1, [Text(first, first + 1)] if kind == "m" else None))
                end = first + 1
                if sib.e > first + 1:
                    siblings[k] = Text(first + 1, sib.e)
                    j = k
                else:
                    j = k + 1
            elif t in (Cs, Macro):
                args.append(Arg("{" if kind == "m" else "v", sib.s, sib.e, [sib] if kind == "m" else None))
                end, j = sib.e, k + 1
            else:
                args.append(Arg("{", end, end, []))
        return args, star, j, end

    # -- macros ------------------------------------------------------------------------
    def _macro(self, m: Macro, fi: int):
        name = m.name
        if name == "accent":
            self._accent(m, fi)
            return
        if name in ("def", "gdef", "edef", "xdef"):
            self._define_tex(m, fi)
            self._mark("macro", name, fi, m.s, m.e, m.args)
            return
        if name == "let":
            self._let(m, fi)
            return
        if name in ("usepackage", "RequirePackage"):
            arg = m.last_mandatory()
            if arg is not None:
                for pkg in self._src(fi)[arg.s : arg.e].split(","):
                    pkg = pkg.strip()
                    if pkg in self.package_tables:
                        self._load_package(pkg)
                    elif not self.in_body:
                        self._read_own_package(pkg, fi)
        elif name == "documentclass" and self.package_tables:
            arg = m.last_mandatory()
            if arg is not None:
                self._load_package(self._src(fi)[arg.s : arg.e].strip())
        user = self.user_macros.get(name)
        if user is not None and name not in ("newcommand", "renewcommand", "providecommand"):
            # the document redefines a macro we know: its own definition wins
            self._emit_user(user, m, fi, self._user_vals(user, m, fi))
            return
        spec = self.macros.get(name, {})
        action = spec.get("action", "prose")
        self._mark("macro", name, fi, m.s, m.e, m.args)
        if action == "prose":
            if self.prose or not self.in_body:
                arg = self._arg(m, spec)
                if arg is not None:
                    if arg.nodes is None:
                        self._emit_text(fi, arg.s, arg.e)
                    else:
                        self._nodes(arg.nodes, fi)
            else:  # inside a float: no prose, but its labels, panels and graphics still count (\\makebox{\\begin{subfigure}...})
                for a in m.args:
                    if a is not None and a.nodes:
                        self._nodes(a.nodes, fi)
        elif action == "ignore":
            if m.args and self.in_body:
                saved = self.prose
                self.prose = False
                for a in m.args:
                    if a is not None and a.nodes:
                        self._nodes(a.nodes, fi)
                self.prose = saved
        elif action == "dummy":
            self._emit_replaced(spec.get("as", ""), fi, m.s, m.e)
        elif action == "cite":
            arg = m.last_mandatory()
            if arg is not None:
                for key in self._src(fi)[arg.s : arg.e].split(","):
                    key = key.strip()
                    if key:
                        self.doc.citations.append((key, self._rng(fi, m.s, m.e)))
            self._emit_replaced(spec.get("as", "[1]"), fi, m.s, m.e)
        elif action == "ref":
            for arg in m.mandatory():
                for key in self._src(fi)[arg.s : arg.e].split(","):
                    if key.strip():
                        self.doc.refs.append((key.strip(), self._rng(fi, m.s, m.e)))
            self._emit_replaced(spec.get("as", "1"), fi, m.s, m.e)
        elif action == "label":
            arg = m.last_mandatory()
            if arg is not None:
                key = self._src(fi)[arg.s : arg.e].strip()
                self.doc.labels.setdefault(key, self._rng(fi, m.s, m.e))
                if self.figure is not None:
                    self.figure.labels.append(key)
        elif action == "heading":
            self._heading(m, fi)
        elif action == "caption":
            self._caption(m, fi, spec)
        elif action == "footnote":
            self._footnote(m, fi)
        elif action == "item":
            self._item(m, fi)
        elif action == "title":
            self._title(m, fi)
        elif action == "abstract":
            self._abstract_macro(m, fi)
        elif action == "def":
            self._define(m, fi)
        elif action == "include":
            self._include(m, fi)
        elif action == "graphics":
            arg = m.last_mandatory()
            if arg is not None and self.in_body:
                entry = (self._src(fi)[arg.s : arg.e].strip(), self._rng(fi, m.s, m.e))
                self.doc.images.append(entry)
                if self.figure is not None:
                    self.figure.graphics.append(entry)
        elif action == "graphicspath":
            arg = m.last_mandatory()
            if arg is not None:
                self.graphicspath.extend(re.findall(r"\{([^{}]*)\}", self._src(fi)[arg.s : arg.e]))
        elif action == "bibliography":
            arg = m.last_mandatory()
            if arg is not None:
                for name_ in self._src(fi)[arg.s : arg.e].split(","):
                    if name_.strip():
                        self.doc.bibliographies.append((name_.strip(), self._rng(fi, m.s, m.e)))
        elif action == "appendix":
            self.appendix = True
        elif action == "break":
            self._end_paragraph()
        elif action == "newtheorem":
            pass
        elif action == "acrodef":
            self._acrodef(m, fi)
        elif action == "acronym":
            self._acronym(m, fi, spec)
        if name == "newtheorem":
            arg = m.mandatory()[0] if m.mandatory() else None
            if arg is not None:
                env = self._src(fi)[arg.s : arg.e].strip()
                self.envs.setdefault(env, {"body": "theorem", "args": "["})

    def _arg(self, m: Macro, spec):
        mand = m.mandatory()
        if not mand:
            return None
        k = spec.get("arg")
        if k is None:
            return mand[-1]
        return mand[k - 1] if 0 < k <= len(mand) else None

    def _accent(self, m, fi):
        arg = m.args[0]
        src = self._src(fi)
        base = src[arg.s : arg.e].strip().lstrip("\\")
        accent = src[m.s + 1]
        mark = ACCENT_SYMBOLS.get(accent) or ACCENT_WORDS.get(src[m.s + 1 : m.s + 2], "")
        if base == "i":
            base = "i"
        char = unicodedata.normalize("NFC", (base[:1] or " ") + mark) + base[1:]
        self._emit_replaced(char, fi, m.s, m.e)

    # -- sections, titles, abstracts -------------------------------------------------
    def _heading(self, m: Macro, fi: int):
        if not self.in_body:
            return
        if "abstract" in self.context:
            return  # Frontiers: \\begin{abstract}\\section{}...; the abstract goes on
        spec = self.macros.get(m.name, {})
        arg = m.last_mandatory()
        if arg is None and spec.get("title"):  # a class's own heading: \\introduction[Title] (Copernicus)
            arg = next((a for a in m.args if a is not None and a.kind == "["), None)
        self._open_section(LEVELS[spec.get("level", m.name)], self._rng(fi, m.s, m.e), m.star, fi, arg,
                           spec.get("title", "") if arg is None else "", m)

    def _open_section(self, level: int, src: SourceRange, starred: bool, fi: int, arg, title: str = "", m=None) -> Section:
        self._end_all()
        if self.implicit_list is not None and self.list is self.implicit_list:
            self.list = self.implicit_list = None
        sec = Section(level=level, title="", src=src, starred=starred, appendix=self.appendix)
        push_section(self.sec_stack, self.top, sec)
        self.section = sec
        if arg is not None or title:
            saved = self.prose
            self.prose = True
            self.w.open("heading", sec, self.context)
            if arg is None:
                self._emit_replaced(title, fi, m.s, m.e)
            elif arg.nodes is None:
                self._emit_text(fi, arg.s, arg.e)
            else:
                self._nodes(arg.nodes, fi)
            block = self.w.close()
            self.prose = saved
            if block is not None:
                sec.heading = block
                sec.title = " ".join(self.w.last_text.split())
        if self.doc.abstract is None and sec.title.strip(" .:").lower() == "abstract":
            sec.kind = "abstract"
            self.doc.abstract = sec
        return sec

    def _manual_heading(self, node, fi: int) -> bool:
        """A line typed as a heading (\\textbf{Abstract}, \\noindent{\\bf Introduction}, \\centerline{...}).

        It opens a section when it starts a paragraph and names one: an abstract heading before the
        first section always, other names only in drafts with no sectioning command at all (read()).
        """
        if self.w.top is not None or not self.in_body or not self.prose or self.figure is not None or self.list is not None \
                or "abstract" in self.context or fi >= VIRTUAL:
            return False
        src = self._src(fi)
        if type(node) is Macro:
            if node.name not in MANUAL_HEADING_MACROS:
                return False
            arg = node.last_mandatory()
            if arg is None or arg.nodes is None:
                return False
            inner, nodes = src[arg.s : arg.e], arg.nodes
        else:  # a group: {\bf Introduction}, {\large\textbf{1. Introduction}}
            if not any(type(n) in (Macro, Cs) and n.name in MANUAL_HEADING_SWITCHES | ITALIC for n in node.nodes):
                return False
            inner, nodes = src[node.s + 1 : node.e - 1], node.nodes
        italic = (type(node) is Macro and node.name in ITALIC) or (type(node) is Group and not any(
            type(n) in (Macro, Cs) and n.name in MANUAL_HEADING_SWITCHES for n in node.nodes))
        if len(inner) > 80 or "\n\n" in inner:
            return False
        title = " ".join(self._snippet_text(inner).split())
        found = MANUAL_HEADING.fullmatch(title)
        if found is None:
            return False
        is_abstract = found.group(1).lower() == "abstract"
        if italic and not is_abstract:
            return False
        if is_abstract:
            if self.doc.abstract is not None or self.section is not self.top:
                return False
        elif not self.manual_headings:
            return False
        self._open_section(LEVELS["section"], self._rng(fi, node.s, node.e), True, fi, Arg("{", node.s, node.e, nodes))
        return True

    def _title(self, m: Macro, fi: int):
        arg = m.last_mandatory()
        if arg is None or self.doc.title is not None:
            return
        saved, self.prose = self.prose, True
        self.w.open("title", None, self.context)
        self._nodes(arg.nodes or [], fi)
        self.doc.title = self.w.close()
        self.prose = saved

    def _abstract_macro(self, m: Macro, fi: int):
        arg = m.last_mandatory()
        if arg is None or self.doc.abstract is not None:
            return
        sec = Section(level=self.doc.main_level, title="Abstract", kind="abstract", src=self._rng(fi, m.s, m.e))
        self._in_abstract(sec, lambda: self._nodes(arg.nodes or [], fi))

    def _in_abstract(self, sec: Section, body):
        self._end_all()
        self.doc.abstract = sec
        saved = (self.section, self.context, self.prose)
        self.section, self.context, self.prose = sec, self.context + ("abstract",), True
        body()
        self._end_all()
        self.section, self.context, self.prose = saved

    def _caption(self, m: Macro, fi: int, spec):
        arg = self._arg(m, spec)
        if arg is None:
            return
        if not self.in_body:
            return
        saved, self.prose = self.prose, True
        self.w.open("caption", self.section, self.context + ("caption",), figure=self.figure)
        self._nodes(arg.nodes or [], fi)
        self.w.close()
        self.prose = saved

    def _footnote(self, m: Macro, fi: int):
        arg = m.last_mandatory()
        if arg is None or not self.prose:
            return
        self.w.open("footnote", self.section, self.context + ("footnote",))
        self._nodes(arg.nodes or [], fi)
        self.w.close()

    def _item(self, m: Macro, fi: int):
        if self.list is None:
            if not (self.in_body and self.prose and self.figure is None and fi < VIRTUAL):
                self._end_paragraph()
                return
            # \\item with no list environment around it: the list was opened by a draft macro
            # (\\squishlist, \\bi ... \\ei); it lasts until the next paragraph that is not an item
            lead = self._end_paragraph()
            if lead is None and self.w.blocks and self.w.blocks[-1].kind == "paragraph" and self.w.blocks[-1].section is self.section:
                lead = self.w.blocks[-1]
            lst = ListInfo(kind="itemize", src=SourceRange(fi, m.s, m.e), section=self.section, lead=lead, depth=1)
            self.doc.lists.append(lst)
            self.list = self.implicit_list = lst
        elif self.list is self.implicit_list and self.list.src.file == fi:
            self.list.src = SourceRange(fi, self.list.src.start, m.e)
        top = self.w.top
        while top is not None and top.kind in ("paragraph", "item"):
            self.w.close()
            top = self.w.top
        self.w.open("item", self.section, self.context, lst=self.list)
        label = m.args[0] if m.args else None
        if label is not None and label.nodes is not None:  # description-list labels are part of the item
            self._nodes(label.nodes, fi)
            self.w.synthetic(" ")

    # -- acronym packages: acronym, glossaries, acro (first-use semantics) ----------------
    def _acrodef(self, m: Macro, fi: int):
        """\\newacronym[o]{label}{short}{long}, \\acrodef{SF}[short]{long}, \\DeclareAcronym{id}{short=..,long=..}."""
        src = self._src(fi)
        mand = m.mandatory()
        if m.name == "DeclareAcronym":
            if len(mand) < 2:
                return
            keys = dict(re.findall(r"(?:^|,)\s*(short|long)\s*=\s*(\{(?:[^{}]|\{[^{}]*\})*\}|[^,]*)", src[mand[1].s : mand[1].e]))
            label, short, long = src[mand[0].s : mand[0].e], keys.get("short", "").strip(), keys.get("long", "").strip()
            short, long = short[1:-1] if short.startswith("{") else short, long[1:-1] if long.startswith("{") else long
        elif len(mand) >= 3:
            label, short, long = (src[a.s : a.e] for a in mand[-3:])
        elif len(mand) == 2:
            opt = next((a for a in m.args if a is not None and a.kind == "["), None)
            label, long = src[mand[0].s : mand[0].e], src[mand[1].s : mand[1].e]
            short = src[opt.s : opt.e] if opt is not None else label
        else:
            return
        label = label.strip()
        short = " ".join(self._snippet_text(short).split()) or label
        long = " ".join(self._snippet_text(long).split())
        if short.islower() and m.name in ("newacronym", "newabbreviation"):  # small-caps styles: \newacronym{LCMV}{lcmv}{...}
            short = label if label.lower() == short and not label.islower() else short.upper()
        if label and long:
            self.doc.acronyms.setdefault(label, AcronymEntry(label, short, long, self._rng(fi, m.s, m.e), m.name))

    def _acronym(self, m: Macro, fi: int, spec):
        """\\ac{X}, \\gls{x}, \\acs{X}...: print what LaTeX prints, tracking first uses."""
        used = self.acro_used
        form = spec.get("form", "first")
        arg = m.last_mandatory()
        labels = [x.strip() for x in self._src(fi)[arg.s : arg.e].split(",")] if arg is not None else []
        entries = self.doc.acronyms
        if form in ("use", "reset"):
            for label in labels:
                (used.add if form == "use" else used.discard)(label)
            return
        if form in ("useall", "resetall"):
            if form == "useall":
                used.update(entries)
            else:
                used.clear()
            return
        if not labels or not labels[0]:
            return
        label = labels[0]
        entry = entries.get(label) or self.acro_ahead.get(label)
        if entry is None:
            self.acro_unresolved = True
        plural = m.name.endswith(("p", "pl"))
        printed = form
        if entry is None:
            printed, text = "short", label
        else:
            if form == "first":
                printed = "short" if label in used else "full"
            short, long = entry.short + ("s" if plural else ""), entry.long + ("s" if plural else "")
            if m.name[0].isupper():
                long = long[:1].upper() + long[1:]
            text = {"full": f"{long} ({short})", "long": long}.get(printed, short)
            if printed == "full" and not m.star and not m.name.lower().startswith("acr"):
                used.add(label)
        self.doc.acronym_uses.append(AcronymUse(label, printed, self._rng(fi, m.s, m.e), m.name, self.prose and self.in_body))
        if self.in_body:
            self._emit_replaced(text, fi, m.s, m.e)

    # -- definitions and expansion -------------------------------------------------------
    def _load_package(self, name: str) -> None:
        table = self.package_tables.get(name)
        if table is None or name in self.packages:
            return
        self.packages.add(name)
        self.macros = {**self.macros, **table.get("macros", {})}
        self.envs.update(table.get("environments", {}))

    def _read_own_package(self, name: str, fi: int) -> None:
        """\\usepackage{macros} naming the project's own macros.sty: read its definitions (\\newcommand,
        \\def, \\newif...) as if the preamble had them, never as prose and never reporting its TeX."""
        if not name or "/" in name or "\\" in name or name in self.own_packages:
            return
        self.own_packages.add(name)
        resolved, _problem = self._resolve("usepackage", name + ".sty", None, fi)  # inside the root, as \\input finds it
        if resolved is None:
            return
        idx = self.index.get(resolved)
        if idx is not None and idx in self.chain:
            return
        if idx is None:
            try:
                f = read_source(resolved, self.cwd)
            except SourceError:
                return
            if f.decode_error is not None or len(f.text) > OWN_PACKAGE_MAX or _vendored_package(f.text):
                return
            idx = len(self.files)
            self.files.append(f)
            self.index[resolved] = idx
        saved_prose, kept = self.prose, (len(self.doc.problems), len(self.doc.includes))
        self.prose = False
        self.in_own_package += 1
        try:
            self._convert_file(idx, report=False)
        finally:
            self.prose = saved_prose
            self.in_own_package -= 1
            # a style file's own \\input of a generated or TeX-distribution file is not the draft's problem
            del self.doc.problems[kept[0]:]
            del self.doc.includes[kept[1]:]

    def _let(self, m: Macro, fi: int):
        """\\let\\new\\old: \\new means what \\old means now (a built-in or one of the draft's macros)."""
        found = LET_NAMES.match(self._src(fi), m.s)
        if found is None:
            return
        new, old = found.groups()
        if self.in_own_package and self._keeps_meaning(new):
            return
        if self.macros.get(new, {}).get("action") in KEEP_MEANING:
            return  # \\let\\section\\origsection restores what \\section already means to us
        old = self.aliases.get(old, old)
        self.user_macros.pop(new, None)
        self.aliases.pop(new, None)
        if old in self.user_macros:
            self.user_macros[new] = self.user_macros[old]
        elif old in self.macros and old != new:
            self.aliases[new] = old
        self.macro_generation += 1

    def _keeps_meaning(self, name: str) -> bool:
        if self.in_own_package and (name in self.macros or "@" in name or name in self.user_macros):
            return True  # a style file may add macros, never change ours or the draft's
        spec = self.macros.get(name, {})
        # a class's own heading macro (\\introduction) is a common name: a draft may define its own
        return spec.get("action") in KEEP_MEANING and "title" not in spec

    def _define(self, m: Macro, fi: int):
        args = [a for a in m.args]
        src = self._src(fi)
        mand = m.mandatory()
        if len(mand) < 2:
            return
        name = src[mand[0].s : mand[0].e].strip().lstrip("\\")
        if not name or not re.fullmatch(r"[A-Za-z@]+", name) or self._keeps_meaning(name):
            return
        if m.name.endswith("DocumentCommand"):  # xparse: \\NewDocumentCommand{\\x}{O{d} m}{body}
            if len(mand) < 3:
                return
            params, default, spec = [], "", src[mand[1].s : mand[1].e]
            for a in XPARSE_ARG.finditer(spec):
                kind = a.group(1)
                if kind == "+" or (kind is None and a.group(2) is None and not a.group().strip()):
                    continue
                if a.group(2) is not None:
                    params.append("o")
                    default = default or a.group(2)
                elif kind in ("m", "v", "g"):
                    params.append("m")
                elif kind in ("o", "s"):
                    params.append(kind)
                else:
                    params.append("o")
            user = UserMacro(name, len(params), bool(params) and params[0] == "o", src[mand[2].s : mand[2].e], default, tuple(params))
        else:
            opts = [a for a in args if a is not None and a.kind == "["]
            nargs = 0
            if opts:
                try:
                    nargs = int(src[opts[0].s : opts[0].e].strip())
                except ValueError:
                    nargs = 0
            default = src[opts[1].s : opts[1].e] if len(opts) > 1 else ""
            user = UserMacro(name, nargs, len(opts) > 1, src[mand[-1].s : mand[-1].e], default)
        if m.name in ("providecommand", "ProvideDocumentCommand") and name in self.user_macros:
            return
        target = user.body.strip().lstrip("\\")
        if user.nargs == 0 and self.macros.get(target, {}).get("action") == "def":
            self.aliases[name] = target  # \\newcommand{\\nc}{\\newcommand}: \\nc defines macros too
            self.user_macros.pop(name, None)
            return
        self.aliases.pop(name, None)
        self.user_macros[name] = user
        self.macro_generation += 1

    def _define_tex(self, m: Macro, fi: int):
        if len(m.args) < 3:
            return
        src = self._src(fi)
        name = src[m.args[0].s : m.args[0].e].lstrip("\\")
        params = src[m.args[1].s : m.args[1].e]
        if re.fullmatch(r"[A-Za-z@]+", name) and re.fullmatch(r"(#\d)*", params.strip()) and not self._keeps_meaning(name):
            self.aliases.pop(name, None)
            self.user_macros[name] = UserMacro(name, params.count("#"), False, src[m.args[2].s : m.args[2].e])
            self.macro_generation += 1

    def _expand(self, user: UserMacro, node: Cs, fi: int, siblings, i: int) -> int:
        """Expand a user macro used as `node`, taking its arguments from the following siblings."""
        kinds = user.kinds()
        args, star, j, end = self._take_args(kinds, fi, siblings, i, node.e)
        src = self._src(fi)
        vals, it = [], iter(args)
        for kind in kinds:
            a = None if kind == "s" else next(it, None)
            if kind == "s":
                vals.append(ArgVal("*" if star else ""))
            elif a is None:
                vals.append(ArgVal(user.default if kind == "o" else ""))
            else:
                vals.append(ArgVal(src[a.s : a.e], a.nodes))
        body = user.body
        # A body that ends in a macro short of its arguments (\\newcommand{\\figref}{Figure~\\ref}) takes
        # them from the draft, as TeX does when it reads on after the expansion.
        trailing = TRAILING_CS.search(body)
        if trailing is not None and not PARAM.search(body[trailing.start():]):
            spec = self.macros.get(trailing.group(1))
            wants = sum(1 for c in spec.get("args", "") if c in "{v") if spec else 0
            if wants:
                extra, _s, j, end = self._take_args(("m",) * wants, fi, siblings, j, end)
                body = body + "".join("{" + src[a.s : a.e] + "}" for a in extra)
                user = UserMacro(user.name, user.nargs, user.has_optional, body, user.default, user.params)
        self._mark("macro", user.name, fi, node.s, end, [])
        self._note_discarded(user, args, kinds, fi)
        self._emit_user(user, Macro(user.name, node.s, end, False, []), fi, vals)
        return j

    def _note_discarded(self, user: UserMacro, args, kinds, fi: int) -> None:
        """Arguments the body never uses are never typeset: a parse problem inside one is not the draft's."""
        if fi >= VIRTUAL:
            return
        used = {int(d) for h, d in PARAM.findall(user.body) if len(h) == 1}
        it = iter(args)
        for k, kind in enumerate(kinds, 1):
            a = None if kind == "s" else next(it, None)
            if a is not None and k not in used and a.e > a.s:
                self.discarded.append(SourceRange(fi, a.s, a.e))

    def _user_vals(self, user: UserMacro, m: Macro, fi: int) -> list[ArgVal]:
        """Arguments of a user macro that the parser read with a built-in's specification."""
        src = self._src(fi)
        opts = [a for a in m.args if a is not None and a.kind == "["]
        groups = [a for a in m.args if a is not None and a.kind in "{v"]
        vals = []
        for kind in user.kinds():
            if kind == "o":
                vals.append(ArgVal(src[opts[0].s : opts[0].e], opts[0].nodes) if opts else ArgVal(user.default))
                opts = opts[1:]
            elif kind == "s":
                vals.append(ArgVal("*" if m.star else ""))
            else:
                a = groups.pop(0) if groups else None
                vals.append(ArgVal(src[a.s : a.e], a.nodes) if a is not None else ArgVal(""))
        return vals

    def _emit_user(self, user: UserMacro, m, fi: int, vals: list[ArgVal]) -> None:
        if self.depth >= MAX_EXPANSION_DEPTH:
            return
        self.depth += 1
        try:
            body = user.body
            if user.nargs == 0 or not vals:
                body = _substitute(body, [])
                if self._structural(body):
                    self._walk_virtual(body, fi, m.s, m.e)
                    return
                text = self._snippet_text(body)
                if text.strip():
                    self._emit_replaced(text, fi, m.s, m.e)
                self._refs_in_expansion(body, fi, m)
                return
            without_args = self._snippet_text(_substitute(body, []))
            if not without_args.strip() and not self._structural(body):
                # a wrapper such as \\newcommand{\\todo}[1]{\\textcolor{red}{#1}}: keep the arguments' own text
                # (as a footnote when the body puts them in one, e.g. an unnumbered \\blfootnote)
                as_footnote = _FOOTNOTE_WRAPPER.search(body) is not None and self.prose
                if as_footnote:
                    self.w.open("footnote", self.section, self.context + ("footnote",))
                for k in sorted(set(int(d) for h, d in PARAM.findall(body) if len(h) == 1)):
                    if 1 <= k <= len(vals):
                        v = vals[k - 1]
                        if v.nodes is not None:
                            self._nodes(v.nodes, fi)
                        elif v.text.strip():
                            self._emit_replaced(self._snippet_text(v.text), fi, m.s, m.e)
                if as_footnote:
                    self.w.close()
                return
            # substitute the arguments' source; a parameter with no argument prints nothing
            body = _substitute(body, vals)
            if self._structural(body):
                self._walk_virtual(body, fi, m.s, m.e)
                return
            text = self._snippet_text(body)
            if text.strip():
                self._emit_replaced(text, fi, m.s, m.e)
            self._refs_in_expansion(body, fi, m)
        finally:
            self.depth -= 1

    def _structural(self, body: str) -> bool:
        """A body that makes a heading, caption, citation, label, figure... rather than only text."""
        if BEGIN_ENV.search(body):
            return True
        for name in MACRO_NAME.findall(body):
            name = self.aliases.get(name, name)
            if self.macros.get(name, {}).get("action") in STRUCTURAL:
                return True
        return False

    def _walk_virtual(self, body: str, fi: int, s: int, e: int) -> None:
        """Read a macro body in place, as if the draft had it at [s, e): headings, captions, citations and
        figures keep their meaning; everything found there is placed at the macro use."""
        outer = self.anchor
        if outer is None:
            self.anchor = SourceRange(fi, s, e)
        vfi = VIRTUAL + len(self.virtual)
        self.virtual[vfi] = body
        try:
            nodes, _ = parse_cache.parse(body, self.macros, self.envs)
            self._nodes(nodes, vfi)
        finally:
            del self.virtual[vfi]
            self.anchor = outer

    def _refs_in_expansion(self, body: str, fi: int, m) -> None:
        """References made through the draft's own macros (\\newcommand{\\figref}[1]{Figure~\\ref{fig:#1}}) count as references."""
        for r in re.finditer(r"\\([A-Za-z]+)\*?\s*\{([^{}]*)\}", body):
            if self.macros.get(r.group(1), {}).get("action") == "ref":
                for key in r.group(2).split(","):
                    if key.strip() and "#" not in key:
                        self.doc.refs.append((key.strip(), self._rng(fi, m.s, m.e)))

    def _snippet_text(self, snippet: str) -> str:
        """The prose of a LaTeX snippet (a macro body), as a plain string.

        Cached by text: a paper that defines 90 macros and uses them thousands of
        times parses each body once.  The key includes the set of user macros, since
        a later \\renewcommand changes what a body prints.
        """
        if _STATEFUL_MACROS.search(snippet):  # \\ac{} prints differently at first use: never cache
            return _SnippetReader(self, snippet).run()
        key = (snippet, self.macro_generation)
        text = self.snippet_cache.get(key)
        if text is None:
            text = self.snippet_cache[key] = _SnippetReader(self, snippet).run()
        return text

    # -- environments ------------------------------------------------------------------
    def _env(self, env: Env, fi: int):
        name = env.name
        spec = self.envs.get(name) or {}
        body = spec.get("body", "prose")
        self._mark("env", name, fi, env.s, env.e, env.args)
        if body == "document":
            if fi == 0 or self.doc.body_start is None:
                self.doc.body_start = self._rng(fi, env.s, env.bs)
            saved = (self.in_body, self.prose)
            self.in_body, self.prose = True, True
            self._nodes(env.nodes, fi)
            if env.be >= env.e and fi != 0:
                return  # \\begin{document} in an \\input file: the body goes on in the file that includes it
            self._end_all()
            self.in_body, self.prose = saved
            if fi == 0:
                self.done = True
            return
        if not self.in_body:
            return
        if body == "math":
            self._display_math(fi, env.s, env.e, env.bs, env.be)
            return
        if body == "verbatim":
            return
        if body == "abstract":
            sec = Section(level=self.doc.main_level, title="Abstract", kind="abstract", src=self._rng(fi, env.s, env.bs))
            if self.doc.abstract is None:
                self._in_abstract(sec, lambda: self._nodes(env.nodes, fi))
            else:
                self._nodes(env.nodes, fi)
            return
        if body == "list":
            self._list(env, fi)
            return
        if body == "float":
            self._float(env, fi)
            return
        saved_ctx, saved_prose = self.context, self.prose
        if spec.get("block"):
            self._end_paragraph()
        self.context = self.context + (name,)
        if body == "ignore":
            self.prose = False
        elif body == "theorem":
            self._end_paragraph()
        self._nodes(env.nodes, fi)
        if body == "theorem" or spec.get("block"):
            self._end_paragraph()
        self.context, self.prose = saved_ctx, saved_prose

    def _list(self, env: Env, fi: int):
        lead = self._end_paragraph()
        if lead is None and self.w.blocks:
            last = self.w.blocks[-1]
            if last.kind == "paragraph" and last.section is self.section:
                lead = last
        depth = (self.list.depth + 1) if self.list else 1
        lst = ListInfo(kind=env.name, src=self._rng(fi, env.s, env.e), section=self.section, lead=lead, depth=depth)
        self.doc.lists.append(lst)
        saved = (self.list, self.context)
        self.list = lst
        self.context = self.context + (env.name,)
        # text before the first \item is not part of any item
        self.w.open("pre-item", self.section, self.context)
        self._nodes(env.nodes, fi)
        while self.w.top is not None and self.w.top.kind in ("paragraph", "item", "pre-item"):
            if self.w.top.kind == "pre-item":
                self.w.stack.pop()
                break
            self.w.close()
        self.list, self.context = saved

    def _float(self, env: Env, fi: int):
        kind = env.name.rstrip("*")
        kind = {"wrapfigure": "figure", "SCfigure": "figure", "sidewaysfigure": "figure", "wraptable": "table", "sidewaystable": "table"}.get(kind, kind)
        saved = (self.figure, self.context, self.prose)
        if env.name in SUBFLOATS and self.figure is not None:
            fig = self.figure
        else:
            fig = Figure(kind=kind, env=env.name, src=self._rng(fi, env.s, env.e), section=self.section)
            self.doc.figures.append(fig)
        self.figure = fig
        self.context = self.context + (env.name,)
        self.prose = False
        self._nodes(env.nodes, fi)
        self.figure, self.context, self.prose = saved

    # -- math ------------------------------------------------------------------------------
    def _math(self, node: Math, fi: int):
        self._mark("math", "display" if node.display else "inline", fi, node.s, node.e)
        if node.display:
            self._display_math(fi, node.s, node.e, node.cs, node.ce)
            return
        src = self._src(fi)
        m = NUMBER_MATH.match(src, node.cs, node.ce)
        if m and m.end() == node.ce:
            number = m.group(1)
            unit = m.group(2) or ""
            text = number + ("%" if "%" in unit else ("×" if "times" in unit else ""))
            self._emit_replaced(text, fi, node.s, node.e)
        else:
            self._emit_replaced("X", fi, node.s, node.e)

    def _display_math(self, fi, s, e, cs, ce):
        if not self.prose:
            return
        punct = _math_punct(self._src(fi)[cs:ce])
        lead = "" if self.w.last_char() in ("", " ", "\n") else " "
        self._emit_replaced(lead + "X" + punct, fi, s, e)

    # -- includes ---------------------------------------------------------------------------
    def _include(self, m: Macro, fi: int):
        src = self._src(fi)
        mand = m.mandatory()
        if not mand:
            return
        if m.s < self.standalone_body.get(fi, -1):
            return  # the preamble of a standalone figure is dropped when it is included
        if m.name in INCLUDE_TWO_ARGS and len(mand) >= 2:
            folder = src[mand[0].s : mand[0].e].strip()
            target = src[mand[1].s : mand[1].e].strip()
        else:
            folder = None
            target = src[mand[-1].s : mand[-1].e].strip()
        rng = self._rng(fi, m.s, m.e)
        if m.name in ("include", "includefrom", "subincludefrom"):
            self._end_all()
        target = target.replace("\\_", "_")
        if target.startswith("\\"):  # \\input{\\responsefile}: the file name is a macro's text
            user = self.user_macros.get(target[1:].strip())
            if user is None or user.nargs:
                return  # a name paperlint cannot know: nothing to say
            target = _substitute(user.body, []).strip()
        path, problem = self._resolve(m.name, target, folder, fi)
        if problem is not None:
            self.doc.includes.append(Include(m.name, target, rng, None, problem))
            self.doc.problems.append(Problem("PL002", f"\\{m.name}{{{target}}}: {problem}", rng))
            return
        idx = self.index.get(path)
        if idx is not None and idx in self.chain:
            chain = " -> ".join(self.files[c].display for c in self.chain[self.chain.index(idx):]) + " -> " + self.files[idx].display
            self.doc.includes.append(Include(m.name, target, rng, idx, "cyclic"))
            self.doc.problems.append(Problem("PL002", f"\\{m.name}{{{target}}} is cyclic: {chain}", rng))
            return
        if len(self.chain) >= MAX_INCLUDE_DEPTH:
            self.doc.problems.append(Problem("PL002", f"\\{m.name}{{{target}}}: includes nested more than {MAX_INCLUDE_DEPTH} deep", rng))
            return
        if idx is None:
            try:
                f = read_source(path, self.cwd)
            except SourceError as exc:
                self.doc.includes.append(Include(m.name, target, rng, None, str(exc)))
                self.doc.problems.append(Problem("PL002", f"\\{m.name}{{{target}}}: {exc}", rng))
                return
            idx = len(self.files)
            self.files.append(f)
            self.index[path] = idx
            if f.not_utf8:
                self.doc.problems.append(_encoding_problem(f, idx))
        self.doc.includes.append(Include(m.name, target, rng, idx, None))
        saved = self.context
        if m.name == "includestandalone":
            body = DOCUMENT_BEGIN.search(self.files[idx].text)
            if body is not None:
                self.standalone_body[idx] = body.start()
        if m.name == "includestandalone" or m.name == "loadglsentries" or path.suffix.lower() in GENERATED_FIGURES:
            # figure code, not prose; a plotting library's .pgf output changes catcodes (\\catcode`\\%),
            # so what looks unbalanced there is not the author's to fix
            saved_prose = self.prose
            self.prose = False
            self._convert_file(idx, report=path.suffix.lower() not in GENERATED_FIGURES)
            self.prose = saved_prose
        else:
            self._convert_file(idx)
        self.context = saved
        if m.name in ("include", "includefrom", "subincludefrom"):
            self._end_all()

    def _resolve(self, command: str, target: str, folder: str | None, fi: int):
        target = target.strip().strip('"')
        if not target:
            return None, "empty file name"
        root_dir = self.files[0].path.parent
        cur_dir = self.files[self._real(fi)].path.parent
        if command in ("subfile", "subimport", "subinputfrom", "subincludefrom"):
            dirs = [cur_dir, root_dir]
        else:
            dirs = [root_dir, cur_dir]
        if folder is not None:
            base = cur_dir if command.startswith("sub") else root_dir
            dirs = [base / folder]
        if command == "loadglsentries" or Path(target).suffix in (".tex", ".ltx", ".gls", ".acr", ".sty"):
            names = [target] if Path(target).suffix else [target + ".tex", target]
        elif command in ("include", "includefrom", "subincludefrom"):
            names = [target + ".tex"]
        else:
            names = [target + ".tex", target]
        outside = False
        looked = []
        for d in dirs:
            for nm in names:
                cand = (d / nm)
                try:
                    resolved = cand.resolve()
                except (OSError, RuntimeError):
                    continue
                if not _inside(resolved, self.project_root):
                    outside = True
                    if cand.is_symlink() or (_inside(Path(os.path.abspath(cand)), self.project_root) and resolved.is_file()):
                        # the name is inside the root but a symbolic link leads out of it
                        return None, (f"refused: {nm} is a symbolic link to {resolved}, outside the project root "
                                      f"({self.project_root}); paperlint never reads outside the root")
                    continue
                looked.append(cand)
                if resolved.is_file():
                    return resolved, None
        if outside and not looked:
            return None, f"refused: the file is outside the project root ({self.project_root})"
        if outside:
            return None, "not found inside the project root (a path outside it is never read)"
        shown = names[0]
        return None, f"file not found (looked for {shown} relative to {_show_dir(dirs[0], self.cwd)})"


def _inside(path: Path, root: Path) -> bool:
    try:
        return path == root or path.is_relative_to(root)
    except ValueError:
        return False


def _show_dir(d: Path, cwd: Path | None) -> str:
    from ..sources import display_path

    shown = display_path(d, cwd)
    return shown if shown not in ("", ".") else "the current directory"


def _encoding_problem(f: SourceFile, idx: int) -> Problem:
    if f.decode_error is None:  # a UTF-16 or UTF-32 file with its BOM
        return Problem(
            "PL003",
            f"{f.display} is {f.encoding.upper()[:6]} ({f.encoding}, as its byte-order mark says), not UTF-8; it was read correctly, "
            "but LaTeX, git diffs and most tools expect UTF-8: save it as UTF-8",
            SourceRange(idx, 0, min(1, len(f.text))),
        )
    off, byte = f.decode_error
    return Problem(
        "PL003",
        f"{f.display} is not valid UTF-8 (byte 0x{byte:02X} here); it was read as Latin-1. Save it as UTF-8 to be sure every character is what you meant",
        SourceRange(idx, off, off + 1),
    )


_PACKAGE_LINE = lazyre.compile(r"^[ \t]*\\(?:usepackage|RequirePackage|documentclass)\s*(?:\[[^\]]*\])?\s*\{([^}]*)\}", re.M)


def _loaded_packages(text: str) -> list[str]:
    """Classes and packages a file loads on uncommented lines (read before the file is parsed)."""
    return [name.strip() for m in _PACKAGE_LINE.finditer(text) for name in m.group(1).split(",")]


_PACKAGE_HEADER = lazyre.compile(r"\\(?:ProvidesPackage|ProvidesFile|NeedsTeXFormat|DeclareOption|ProcessOptions)\b")


def _vendored_package(text: str) -> bool:
    """A copy of a published package (fancyhdr.sty, a venue's style) rather than the draft's own
    macros: it declares itself or its options, or most of its lines are @-internal TeX."""
    if _PACKAGE_HEADER.search(text):
        return True
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("%")]
    return bool(lines) and sum("@" in ln for ln in lines) > 0.2 * len(lines)


def _substitute(body: str, vals: list[ArgVal]) -> str:
    """A macro body with its parameters replaced as TeX does: #k by the k-th argument (nothing when
    there is none), ## by # (the parameters of a definition inside the body)."""
    def one(p):
        hashes, k = p.group(1), int(p.group(2))
        if len(hashes) > 1:
            return "#" * (len(hashes) // 2) + p.group(2)
        return vals[k - 1].text if 1 <= k <= len(vals) else ""
    return PARAM.sub(one, body)


_FOOTNOTE_WRAPPER = lazyre.compile(r"\\footnote(?:text)?\s*(?:\[[^\]]*\])?\s*\{[^{}]*#\d")
_STATEFUL_MACROS = lazyre.compile(r"\\(?:[Aa]c|[Gg]ls|GLS|[Aa]cr|acuse|acreset|glsreset|glsunset)")
_SNIPPET_RECORDS = ("problems", "markup", "citations", "refs", "comments", "labels", "images", "figures", "lists",
                    "includes", "bibliographies", "acronym_uses", "skipped")


class _SnippetReader:
    """Turns a macro body into plain prose text, sharing the reader's tables and macros."""

    def __init__(self, outer: LatexReader, snippet: str):
        self.outer = outer
        self.snippet = snippet

    def run(self) -> str:
        outer = self.outer
        fake = SourceFile(Path("/<macro>"), "<macro>", self.snippet)
        # swap in a private writer, file table and record lists, then restore: a macro body is
        # text to print, not a place in the draft, so nothing found in it may be recorded with
        # body-relative positions (images, labels, citations...)
        saved = (outer.w, outer.files, outer.prose, outer.figure, outer.list, outer.section)
        saved_records = {name: getattr(outer.doc, name) for name in _SNIPPET_RECORDS}
        outer.w = BlockWriter(outer.doc)
        outer.files = [fake]
        outer.prose = True
        for name, value in saved_records.items():
            setattr(outer.doc, name, type(value)())
        outer.figure, outer.list = None, None
        try:
            nodes, _ = parse_cache.parse(self.snippet, outer.macros, outer.envs)
            outer.w.open("paragraph", None, ())
            for node in nodes:
                if type(node) in (Macro,) and outer.macros.get(node.name, {}).get("action") in ("heading", "include", "def", "title", "abstract", "item", "caption", "footnote"):
                    continue
                if type(node) is Env:
                    continue
                outer._nodes([node], 0)
            ops = outer.w.stack[0].ops if outer.w.stack else []
            return "".join(op[1] for op in ops)
        except RecursionError:
            return ""
        finally:
            (outer.w, outer.files, outer.prose, outer.figure, outer.list, outer.section) = saved
            for name, value in saved_records.items():
                setattr(outer.doc, name, value)


def _math_punct(body: str) -> str:
    """The punctuation that ends a display's math once its labels, tags and spacing are dropped.

    Only a body whose last non-space character could end one of TRAILING_MATH's tokens needs
    the pattern (which tries every position of the body); otherwise all it could drop is the
    trailing white space, which ``rstrip`` drops the same way."""
    t = body.rstrip()
    if not t:
        return ""
    last = t[-1]
    if last in "}rgd\\" or (last in ",;!:" and t[-2:-1] == "\\"):
        t = TRAILING_MATH.sub("", body)
        return t[-1] if t and t[-1] in ".,;:" else ""
    return last if last in ".,;:" else ""


def read_latex(root: SourceFile, *, project_root: Path, tables: dict, cwd: Path | None = None) -> Document:
    reader = LatexReader(root, project_root=project_root, tables=tables, cwd=cwd)
    doc = reader.read()
    if not doc.fragment and doc.has_prose() and not any(s.kind == "section" for s in doc.top.walk()):
        # no sectioning command anywhere: the draft types its headings by hand (\\noindent{\\bf Introduction});
        # read it again taking such lines as headings
        reader = LatexReader(root, project_root=project_root, tables=tables, cwd=cwd)
        reader.manual_headings = True
        doc = reader.read()
    if reader.acro_unresolved and doc.acronyms:
        # \\ac{} before its \\acro/\\newacronym (a list at the end of the draft): LaTeX resolves it through
        # the .aux file, so read again knowing every declaration
        ahead = doc.acronyms
        again = LatexReader(root, project_root=project_root, tables=tables, cwd=cwd)
        again.manual_headings = reader.manual_headings
        again.acro_ahead = ahead
        doc = again.read()
    if root.not_utf8:
        doc.problems.insert(0, _encoding_problem(root, 0))
    return doc
