"""A tolerant LaTeX parser that keeps exact source offsets.

Why our own parser rather than pylatexenc: measured on the 395 KB corpus paper,
pylatexenc 2.11 with its default context takes 2.5 s (1.8 s of it in its
character-level tokenizer), and a reduced context was no faster, while the
speed target is to lint such a file faster than proselint (1.4 s).  This parser
tokenises with one compiled regular expression and parses macro arguments from
the specification table in ``rules/latex.toml``.

Nodes carry 0-based offsets into their file's text.  Nothing here raises on bad
input: unbalanced braces, unclosed environments and stray ``\\end`` are recorded
in ``Parser.problems`` and parsing goes on.
"""
from __future__ import annotations

from .. import lazyre
import re

__all__ = ["Parser", "Text", "Cs", "Macro", "Arg", "Group", "Math", "Env", "Comment", "Par", "Raw"]


class Node:
    __slots__ = ("s", "e")


class Text(Node):
    __slots__ = ()

    def __init__(self, s, e):
        self.s, self.e = s, e


class Par(Node):
    """A blank line: a paragraph break."""

    __slots__ = ()

    def __init__(self, s, e):
        self.s, self.e = s, e


class Comment(Node):
    __slots__ = ()

    def __init__(self, s, e):
        self.s, self.e = s, e


class Raw(Node):
    """Source read verbatim and never shown as prose (\\verb, skipped \\iffalse blocks)."""

    __slots__ = ("name",)

    def __init__(self, name, s, e):
        self.name, self.s, self.e = name, s, e


class Cs(Node):
    """A control sequence whose arguments were not parsed (unknown, or a control symbol)."""

    __slots__ = ("name",)

    def __init__(self, name, s, e):
        self.name, self.s, self.e = name, s, e


class Arg:
    __slots__ = ("kind", "s", "e", "nodes")

    def __init__(self, kind, s, e, nodes):
        # kind: '{' '[' or 'v' (verbatim); s..e is the content range (without delimiters)
        self.kind, self.s, self.e, self.nodes = kind, s, e, nodes


class Macro(Node):
    __slots__ = ("name", "star", "args")

    def __init__(self, name, s, e, star, args):
        self.name, self.s, self.e, self.star, self.args = name, s, e, star, args

    def mandatory(self):
        return [a for a in self.args if a is not None and a.kind in "{v"]

    def last_mandatory(self):
        m = self.mandatory()
        return m[-1] if m else None


class Group(Node):
    __slots__ = ("nodes",)

    def __init__(self, s, e, nodes):
        self.s, self.e, self.nodes = s, e, nodes


class Math(Node):
    __slots__ = ("cs", "ce", "display", "delim")

    def __init__(self, s, e, cs, ce, display, delim):
        self.s, self.e, self.cs, self.ce, self.display, self.delim = s, e, cs, ce, display, delim


class Env(Node):
    __slots__ = ("name", "args", "nodes", "bs", "be")

    def __init__(self, name, s, e, args, nodes, bs, be):
        # nodes is None for environments read verbatim; bs..be is the body range
        self.name, self.s, self.e, self.args, self.nodes, self.bs, self.be = name, s, e, args, nodes, bs, be


TOKEN = lazyre.compile(
    r"""
     (?P<cs>\\(?:[A-Za-z@]+|[^A-Za-z@]|$))
    |(?P<comment>%[^\n]*)
    |(?P<par>\n[ \t]*\n\s*)
    |(?P<text>[^\\%${}\[\]\n]+|\n|[\[\]])
    |(?P<dollar>\$\$?)
    |(?P<open>\{)
    |(?P<close>\})
    """,
    re.X,
)
# Raw scanning inside math and verbatim-like arguments.
MATH_SCAN = lazyre.compile(r"\\.|\$\$?|\{|\}|%[^\n]*|\n[ \t]*\n|\\\]|\\\)", re.S)
BRACE_SCAN = lazyre.compile(r"\\.|\{|\}", re.S)
IF_SCAN = lazyre.compile(r"\\(?:if[A-Za-z@]*|fi|else|or)(?![A-Za-z@])")
LET = lazyre.compile(r"\s*\\[A-Za-z@]+\s*=?\s*(?:\\[A-Za-z@]+|\\.|.)", re.S)  # \let\a=\b or \let\a\b
_END_PATTERNS: dict[str, re.Pattern] = {}
MAX_DEPTH = 150  # deeper brace groups are matched by counting and kept as non-prose source
NEVER_CLOSED = "this '{' is never closed"
SWEAVE_CHUNK = lazyre.compile(r"^[ \t]*<<[^>\n]*>>=[^\n]*\n(?:.*?\n)??[ \t]*@(?=[ \t]*(?:%[^\n]*)?(?:\n|$))", re.M | re.S)
SWEAVE_SUFFIXES = (".rnw", ".snw", ".rtex")
_BRACE_OR_COMMENT = lazyre.compile(r"\\.|[{}]|%[^\n]*", re.S)


def closing_brace(src: str, open_pos: int, scan: re.Pattern = BRACE_SCAN) -> int | None:
    """Offset of the '}' matching the '{' at open_pos, counting braces only (no recursion), or None.
    `scan` says what else to pass over: escapes always, comments with _BRACE_OR_COMMENT."""
    depth = 0
    for m in scan.finditer(src, open_pos):
        t = m.group()
        if t == "{":
            depth += 1
        elif t == "}":
            depth -= 1
            if depth == 0:
                return m.start()
    return None
BARE_INPUT = lazyre.compile(r"[ \t]+([^\s%{}\\]+)")
GLUE = {"vskip", "hskip", "kern", "mskip", "hglue", "vglue", "baselineskip", "parskip", "parindent", "itemsep", "topsep", "abovedisplayskip", "belowdisplayskip", "textfloatsep", "floatsep", "intextsep"}
_UNIT = r"(?:pt|in|cm|mm|em|ex|bp|sp|pc|dd|cc|mu|fill|fil|filll|\\[A-Za-z@]+)"
DIMENSION = lazyre.compile(
    r"\s*=?\s*[-+]?\s*(?:\d+(?:\.\d*)?|\.\d+)?\s*" + _UNIT + r"(?:\s*(?:plus|minus)\s*[-+]?\s*(?:\d+(?:\.\d*)?|\.\d+)?\s*" + _UNIT + r")*"
)
SPACES = lazyre.compile(r"[ \t]*(?:\n[ \t]*)?")  # spaces and at most one newline

ACCENT_SYMBOLS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304", ".": "\u0307"}
ACCENT_WORDS = {"c": "\u0327", "v": "\u030c", "u": "\u0306", "H": "\u030b", "k": "\u0328", "r": "\u030a", "d": "\u0323", "b": "\u0331", "t": "\u0361"}


class Parser:
    """Parses one file's text into a node list."""

    def __init__(self, text: str, macros: dict, envs: dict, sweave: bool = False):
        self.src = text
        # Sweave/knitr code chunks (<<label>>= ... @ in an .Rnw file) are R code, not LaTeX
        self.chunks = {m.start(): m.end() for m in SWEAVE_CHUNK.finditer(text)} if sweave and "<<" in text else {}
        self.n = len(text)
        self.macros = macros      # name -> spec dict with 'args'
        self.envs = envs          # name -> spec dict with 'body', 'args'
        self.problems: list[tuple[int, int, str]] = []
        self.env_stack: list[str] = []
        self.groups_open = 0      # brace groups being parsed around the current position
        self.depth = 0
        self.too_deep = False
        self.runaway = False      # a group deeper than MAX_DEPTH was never closed

    # -- entry point ---------------------------------------------------------
    def parse(self) -> list[Node]:
        nodes, pos, _ = self._nodes(0, None)
        return nodes

    # -- the main loop ---------------------------------------------------------
    def _nodes(self, pos: int, stop: str | None):
        """Parse nodes from pos until `stop` ('}' or ']' or an env name prefixed '\\end:'), or EOF.

        Returns (nodes, position after the stop token, stopped_properly).
        """
        src, n, out = self.src, self.n, []
        match = TOKEN.match
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH and stop == "}":
                # generated TikZ or macro soup nests braces deeper than any prose: find the matching
                # '}' by counting, without recursion, and keep the group as source that is not prose
                close = closing_brace(src, pos - 1, _BRACE_OR_COMMENT)
                if close is not None:
                    return [Raw("deep", pos, close)], close + 1, True
                self.runaway = True
                return [Raw("deep", pos, n)], n, False
            if self.depth > MAX_DEPTH:
                if not self.too_deep:
                    self.too_deep = True
                    self.problems.append((pos, pos + 1, f"groups and environments are nested more than {MAX_DEPTH} deep here; the rest of the file was not read"))
                return out, n, stop is None
            return self._loop(pos, stop, out)
        finally:
            self.depth -= 1

    def _loop(self, pos, stop, out):
        src, n = self.src, self.n
        match = TOKEN.match
        chunks = self.chunks
        while pos < n:
            if chunks and pos in chunks:
                out.append(Raw("chunk", pos, chunks[pos]))
                pos = chunks[pos]
                continue
            m = match(src, pos)
            kind = m.lastgroup
            end = m.end()
            if kind == "text":
                if stop == "]" and m.group() == "]":
                    return out, end, True
                out.append(Text(pos, end))
                pos = end
            elif kind == "cs":
                name = m.group()[1:]
                if name == "end":
                    envname, after = self._env_name(end)
                    if envname is not None:
                        if stop is not None and stop == "\\end:" + envname:
                            return out, after, True
                        if ("\\end:" + envname) in self._open_stops():
                            # closes an outer environment: the current one was never closed
                            return out, pos, False
                        if envname != "document":  # a body begun in an \\input file ends in the file that includes it
                            self.problems.append((pos, after, f"\\end{{{envname}}} has no matching \\begin{{{envname}}}"))
                        out.append(Raw("end", pos, after))
                        pos = after
                        continue
                node, pos = self._control(name, pos, end)
                if node is not None:
                    out.append(node)
            elif kind == "par":
                out.append(Par(pos, end))
                pos = end
            elif kind == "comment":
                out.append(Comment(pos, end))
                pos = end
            elif kind == "open":
                nodes, after, ok = self._group_body(end)
                out.append(Group(pos, after, nodes))
                if not ok:
                    if self.runaway and self.problems and self.problems[-1][2] == NEVER_CLOSED and self.problems[-1][0] > pos:
                        # one brace missing deep down leaves every group around it open to the end
                        # of the file: one report, at the outermost of them, says it
                        self.problems[-1] = (pos, pos + 1, NEVER_CLOSED)
                    else:
                        self.problems.append((pos, pos + 1, NEVER_CLOSED))
                pos = after
            elif kind == "close":
                if stop == "}":
                    return out, end, True
                if stop is not None and stop.startswith("\\end:") and self.groups_open:
                    # the group around an unclosed environment ends here, as in TeX: the environment
                    # is reported as never closed and the group closes normally
                    return out, pos, False
                if stop is not None and stop.startswith("\\end:"):
                    self.problems.append((pos, end, f"unexpected '}}' inside \\begin{{{stop[5:]}}}"))
                else:
                    self.problems.append((pos, end, "unexpected '}' with no matching '{'"))
                out.append(Raw("}", pos, end))
                pos = end
            elif kind == "dollar":
                node = self._math_dollar(pos, end, m.group() == "$$")
                out.append(node)
                pos = node.e
            else:  # pragma: no cover - the regex covers every character
                pos = end
        return out, pos, stop is None

    _stops: list[str]

    def _open_stops(self):
        return ["\\end:" + e for e in self.env_stack]

    def _group_body(self, pos):
        return self._braced(pos)

    def _braced(self, pos):
        self.groups_open += 1
        try:
            return self._nodes(pos, "}")
        finally:
            self.groups_open -= 1

    def _skip(self, pos):
        """Spaces, at most one line end, and comments: what TeX passes over between a macro's arguments."""
        src, n = self.src, self.n
        q = SPACES.match(src, pos).end()
        while q < n and src[q] == "%":
            nl = src.find("\n", q)
            if nl == -1:
                return n
            q = nl + 1
            while q < n and src[q] in " \t":
                q += 1
        return q

    # -- control sequences -----------------------------------------------------
    def _control(self, name: str, s: int, e: int):
        src = self.src
        if not name or name == "\n":
            return Cs(name or "\\", s, e), e
        if len(name) == 1 and not name.isalpha():
            if name in ACCENT_SYMBOLS:
                return self._accent(name, ACCENT_SYMBOLS[name], s, e)
            if name == "[":
                return self._math_delim(s, e, "\\]", True)
            if name == "(":
                return self._math_delim(s, e, "\\)", False)
            if name == "\\":
                p = e
                if p < self.n and src[p] == "*":
                    p += 1
                q = SPACES.match(src, p).end()
                if q < self.n and src[q] == "[":
                    close = src.find("]", q)
                    if close != -1 and "\n\n" not in src[q:close]:
                        p = close + 1
                return Cs("\\", s, p), p
            return Cs(name, s, e), e
        if name in ACCENT_WORDS and self.macros.get(name) is None:
            return self._accent(name, ACCENT_WORDS[name], s, e)
        if name == "begin":
            return self._environment(s, e)
        if name in ("def", "gdef", "edef", "xdef"):
            return self._def(name, s, e)
        if name == "let":
            return self._let(s, e)
        if name == "iffalse":
            return self._iffalse(s, e)
        if name in ("verb", "lstinline", "mintinline"):
            return self._verb(name, s, e)
        if name in GLUE:
            m = DIMENSION.match(self.src, e)
            end = m.end() if m else e
            return Macro(name, s, end, False, []), end
        spec = self.macros.get(name)
        if spec is None:
            return Cs(name, s, e), e
        if name == "input":
            m = BARE_INPUT.match(self.src, e)
            if m:  # TeX's primitive form: \input file
                return Macro(name, s, m.end(), False, [Arg("v", m.start(1), m.end(1), None)]), m.end()
        return self._macro(name, spec.get("args", ""), s, e)

    def _macro(self, name, argspec, s, e):
        src, n = self.src, self.n
        pos = e
        star = False
        args: list[Arg | None] = []
        for ch in argspec:
            q = self._skip(pos)
            if ch == "*":
                if q < n and src[q] == "*":
                    star = True
                    pos = q + 1
                continue
            if ch == "[":
                if q < n and src[q] == "[" and self._bracket_plausible(q):
                    n_problems = len(self.problems)
                    nodes, after, ok = self._nodes(q + 1, "]")
                    if not ok:  # no closing bracket: treat '[' as text
                        del self.problems[n_problems:]
                        args.append(None)
                        continue
                    args.append(Arg("[", q + 1, after - 1, nodes))
                    pos = after
                else:
                    args.append(None)
                continue
            # mandatory argument
            if q >= n:
                break
            c = src[q]
            if ch == "v":
                if c == "{":
                    close = self._match_brace(q)
                    if close is None:
                        self.problems.append((q, q + 1, f"the argument of \\{name} is never closed"))
                        close = n
                        args.append(Arg("v", q + 1, n, None))
                        pos = n
                    else:
                        args.append(Arg("v", q + 1, close, None))
                        pos = close + 1
                else:
                    tok = TOKEN.match(src, q)
                    if tok is None or tok.lastgroup in ("par", "close", "comment"):
                        break
                    t_end = tok.end() if tok.lastgroup != "text" else q + 1
                    args.append(Arg("v", q, t_end, None))
                    pos = t_end
                continue
            if c == "{":
                nodes, after, ok = self._braced(q + 1)
                if not ok:
                    self.problems.append((q, q + 1, f"the argument of \\{name} is never closed"))
                args.append(Arg("{", q + 1, after - 1 if ok else after, nodes))
                pos = after
            elif c == "\\":
                tok = TOKEN.match(src, q)
                node, after = self._control(tok.group()[1:], q, tok.end())
                args.append(Arg("{", q, after, [node] if node is not None else []))
                pos = after
            elif c in "}%\n" or c == "$":
                break  # argument missing: leave the rest to the caller
            else:
                args.append(Arg("{", q, q + 1, [Text(q, q + 1)]))
                pos = q + 1
        return Macro(name, s, pos, star, args), pos

    def _bracket_plausible(self, q):
        close = self.src.find("]", q, q + 4000)
        if close == -1:
            return False
        par = self.src.find("\n\n", q, close)
        return par == -1

    def _match_brace(self, pos):
        """Offset of the '}' matching the '{' at pos, counting braces only (verbatim arguments)."""
        return closing_brace(self.src, pos)

    def _env_name(self, pos):
        src = self.src
        q = SPACES.match(src, pos).end()
        if q < self.n and src[q] == "{":
            close = src.find("}", q)
            if close != -1 and close - q < 80 and "\n" not in src[q:close]:
                return src[q + 1 : close].strip(), close + 1
        return None, pos

    def _environment(self, s, e):
        name, pos = self._env_name(e)
        if name is None:
            return Cs("begin", s, e), e
        spec = self.envs.get(name) or {}
        body_kind = spec.get("body", "prose")
        argspec = spec.get("args", "")
        args: list[Arg | None] = []
        if argspec:
            m, pos = self._macro(name, argspec, s, pos)
            args = m.args
        if body_kind in ("verbatim", "math"):
            return self._raw_env(name, s, pos, args, body_kind)
        self.env_stack.append(name)
        nodes, after, ok = self._nodes(pos, "\\end:" + name)
        self.env_stack.pop()
        if ok:
            body_end = self.src.rfind("\\end", pos, after)
            env = Env(name, s, after, args, nodes, pos, body_end)
        else:
            if name != "document":  # (it may end in the file that \\input this one)
                self.problems.append((s, pos, f"\\begin{{{name}}} is never closed with \\end{{{name}}}"))
            env = Env(name, s, after, args, nodes, pos, after)
        return env, after

    def _raw_env(self, name, s, body_start, args, body_kind):
        pat = _END_PATTERNS.get(name)
        if pat is None:
            pat = _END_PATTERNS[name] = re.compile(r"\\end\s*\{" + re.escape(name) + r"\}")
        m = pat.search(self.src, body_start)
        if m is None:
            self.problems.append((s, body_start, f"\\begin{{{name}}} is never closed with \\end{{{name}}}"))
            return Env(name, s, self.n, args, None, body_start, self.n), self.n
        return Env(name, s, m.end(), args, None, body_start, m.start()), m.end()

    def _accent(self, name, mark, s, e):
        src, n = self.src, self.n
        q = e
        if name.isalpha():
            q = SPACES.match(src, e).end()
        if q < n and src[q] == "{":
            close = src.find("}", q)
            if close != -1 and close - q <= 4:
                base = src[q + 1 : close].strip().lstrip("\\")
                return Macro("accent", s, close + 1, False, [Arg("v", q + 1, close, None)]), close + 1
        if q < n and (src[q].isalpha()):
            return Macro("accent", s, q + 1, False, [Arg("v", q, q + 1, None)]), q + 1
        if q < n and src[q] == "\\" and q + 1 < n and src[q + 1] in "ij":
            return Macro("accent", s, q + 2, False, [Arg("v", q + 1, q + 2, None)]), q + 2
        return Cs(name, s, e), e

    def _def(self, name, s, e):
        """\\def\\name#1#2{body}: the body is kept verbatim."""
        src = self.src
        tok = TOKEN.match(src, e)
        if tok is None or tok.lastgroup != "cs":
            return Cs(name, s, e), e
        name_arg = Arg("v", tok.start(), tok.end(), None)
        brace = src.find("{", tok.end())
        if brace == -1 or brace - tok.end() > 40:
            return Macro(name, s, tok.end(), False, [name_arg]), tok.end()
        params = Arg("v", tok.end(), brace, None)
        close = self._match_brace(brace)
        if close is None:
            self.problems.append((brace, brace + 1, f"the body of \\{name} is never closed"))
            return Macro(name, s, self.n, False, [name_arg, params, Arg("v", brace + 1, self.n, None)]), self.n
        return Macro(name, s, close + 1, False, [name_arg, params, Arg("v", brace + 1, close, None)]), close + 1

    def _let(self, s, e):
        m = LET.match(self.src, e)
        end = m.end() if m else e
        return Macro("let", s, end, False, []), end

    def _iffalse(self, s, e):
        depth = 1
        for m in IF_SCAN.finditer(self.src, e):
            t = m.group()
            if t == "\\fi":
                depth -= 1
                if depth == 0:
                    return Raw("iffalse", s, m.end()), m.end()
            elif t in ("\\else", "\\or"):
                if depth == 1:
                    return Raw("iffalse", s, m.end()), m.end()
            elif t != "\\ifthenelse":
                depth += 1
        self.problems.append((s, e, "\\iffalse is never closed with \\fi"))
        return Raw("iffalse", s, self.n), self.n

    def _verb(self, name, s, e):
        src, n = self.src, self.n
        p = e
        if name == "verb" and p < n and src[p] == "*":
            p += 1
        if name != "verb" and p < n and src[p] == "[":
            close = src.find("]", p)
            p = close + 1 if close != -1 else p
        if name == "mintinline" and p < n and src[p] == "{":
            close = src.find("}", p)
            p = close + 1 if close != -1 else p
        if p >= n:
            return Raw(name, s, n), n
        delim = src[p]
        closer = "}" if delim == "{" else delim
        close = src.find(closer, p + 1)
        nl = src.find("\n", p + 1)
        if close == -1 or (nl != -1 and nl < close):
            self.problems.append((s, p + 1, f"\\{name} is not closed on its line"))
            end = nl if nl != -1 else n
            return Raw(name, s, end), end
        return Raw(name, s, close + 1), close + 1

    # -- math ----------------------------------------------------------------------
    def _math_dollar(self, s, e, display):
        closer = "$$" if display else "$"
        depth = 0
        for m in MATH_SCAN.finditer(self.src, e):
            t = m.group()
            if t == "{":
                depth += 1
            elif t == "}":
                depth -= 1
            elif t[0] == "$" and depth <= 0:
                if t == closer or (not display and t == "$$"):
                    if not display and t == "$$":
                        # "$a$$b$": two formulas back to back
                        return Math(s, m.start() + 1, e, m.start(), False, "$")
                    return Math(s, m.end(), e, m.start(), display, closer)
            elif t[0] == "\n":
                self.problems.append((s, e, f"math opened with '{closer}' is not closed before the paragraph ends"))
                return Math(s, m.start(), e, m.start(), display, closer)
        self.problems.append((s, e, f"math opened with '{closer}' is never closed"))
        return Math(s, self.n, e, self.n, display, closer)

    def _math_delim(self, s, e, closer, display):
        i = self.src.find(closer, e)
        if i == -1:
            self.problems.append((s, e, f"math opened with '{self.src[s:e]}' is never closed with '{closer}'"))
            return Math(s, self.n, e, self.n, display, closer), self.n
        return Math(s, i + 2, e, i, display, closer), i + 2
