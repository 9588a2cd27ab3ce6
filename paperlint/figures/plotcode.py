"""Plotting code in the paper's repository (matplotlib, seaborn, plotly): rules FG111 and FG130.

:func:`code_files` finds the ``.py`` files and Jupyter notebooks under the
project root that import a plotting library. :func:`cells` gives their code
with a map from code offsets back to the file's own text (a notebook's code
lives in JSON strings, so every character is mapped through its escapes).
:func:`analyse` walks the syntax tree of each piece of code and returns:

* colour literals (``color="red"``, ``'g--'``, ``palette=["tab:red", "tab:green"]``,
  ``"#2ca02c"``, ``(1, 0, 0)``, ``"C3"``) grouped by scope: a function, or a
  script's (a notebook cell's) top-level code;
* colormaps known to mislead or to fail colour-blind readers (jet, rainbow, hsv,
  RdYlGn, Spectral...), however they are named (``cmap="jet"``, ``plt.cm.jet``,
  ``get_cmap("jet")``, ``plt.jet()``, ``color_continuous_scale="Jet"``);
* matplotlib plotting calls and the axis labels the file sets.

Nothing is imported or executed; a file that does not parse is skipped.
"""
from __future__ import annotations

from .. import lazyre
import ast
import json
import os
import re
from ..records import dataclass, field
from pathlib import Path

from . import xcolor

PLOT_IMPORT = lazyre.compile(r"\b(?:matplotlib|pyplot|seaborn|plotly)\b")
SKIP_DIRS = {"node_modules", "site-packages", "__pycache__", "venv", "env", "build", "dist", "_build", "htmlcov"}
MAX_FILES = 2000
MAX_PY_BYTES = 2 * 1024 * 1024
MAX_NB_BYTES = 30 * 1024 * 1024

COLOUR_KWARGS = {
    "color", "c", "colors", "facecolor", "facecolors", "edgecolor", "edgecolors", "fc", "ec", "markerfacecolor", "mfc",
    "markeredgecolor", "mec", "palette", "color_discrete_sequence", "color_discrete_map", "line_color", "marker_color",
    "fillcolor", "ecolor", "colours", "colour",
}
CMAP_KWARGS = {"cmap", "colormap", "color_continuous_scale", "colorscale", "palette", "continuous_scale"}
PALETTE_NAME = lazyre.compile(r"(?i)(colou?rs?|palette|cmap|clrs?|cols)$|^(colou?rs?|palette)")
#: name (lower case, without _r) -> kind of map the author probably wanted instead
BAD_CMAPS = {
    "jet": "sequential", "rainbow": "sequential", "gist_rainbow": "sequential", "nipy_spectral": "sequential",
    "gist_ncar": "sequential", "prism": "sequential", "flag": "sequential", "hsv": "cyclic",
    "rdylgn": "diverging", "spectral": "diverging",
}
SUGGEST = {
    "sequential": "a sequential map that is light at zero, such as 'Blues' (or 'viridis')",
    "diverging": "a diverging map that is white at zero, such as 'RdBu' (or 'coolwarm')",
    "cyclic": "a cyclic map such as 'twilight'",
}
PLOT_METHODS = {"plot", "scatter", "bar", "barh", "errorbar", "hist", "fill_between", "step", "semilogy", "semilogx",
                "loglog", "boxplot", "violinplot", "stackplot", "stem"}
LINE_METHODS = {"plot", "semilogy", "semilogx", "loglog", "errorbar", "step"}
XLABEL_CALLS = {"set_xlabel", "xlabel", "supxlabel"}
YLABEL_CALLS = {"set_ylabel", "ylabel", "supylabel"}
FMT = lazyre.compile(r"^(?=.*[rgbcmykw])[-.:,ov^<>1234sp*hH+xXDd|_]*[rgbcmykw]?[-.:,ov^<>1234sp*hH+xXDd|_]*$")
FMT_COLOURS = {"r": (1.0, 0.0, 0.0), "g": (0.0, 0.5, 0.0), "b": (0.0, 0.0, 1.0), "c": (0.0, 0.75, 0.75),
               "m": (0.75, 0.0, 0.75), "y": (0.75, 0.75, 0.0), "k": (0.0, 0.0, 0.0), "w": (1.0, 1.0, 1.0)}
TAB10 = ["1f77b4", "ff7f0e", "2ca02c", "d62728", "9467bd", "8c564b", "e377c2", "7f7f7f", "bcbd22", "17becf"]
TAB_NAMES = ["blue", "orange", "green", "red", "purple", "brown", "pink", "gray", "olive", "cyan"]
# CSS4 names (matplotlib accepts them) in the red and green families; other names never classify as red or green.
CSS = {
    "red": "FF0000", "darkred": "8B0000", "maroon": "800000", "firebrick": "B22222", "crimson": "DC143C",
    "indianred": "CD5C5C", "lightcoral": "F08080", "salmon": "FA8072", "darksalmon": "E9967A", "lightsalmon": "FFA07A",
    "tomato": "FF6347", "orangered": "FF4500", "brown": "A52A2A", "green": "008000", "lime": "00FF00",
    "darkgreen": "006400", "forestgreen": "228B22", "limegreen": "32CD32", "seagreen": "2E8B57",
    "mediumseagreen": "3CB371", "springgreen": "00FF7F", "mediumspringgreen": "00FA9A", "lightgreen": "90EE90",
    "palegreen": "98FB98", "lawngreen": "7CFC00", "chartreuse": "7FFF00", "greenyellow": "ADFF2F",
    "yellowgreen": "9ACD32", "olivedrab": "6B8E23", "darkolivegreen": "556B2F",
    "blue": "0000FF", "orange": "FFA500", "purple": "800080", "black": "000000", "gray": "808080", "grey": "808080",
}


@dataclass
class Cell:
    """One piece of code: a .py file, or one notebook code cell."""

    code: str
    to_file: list[int] | None     # code offset -> offset in the file's text (None: identity)
    line_offset: int = 0

    def pos(self, offset: int) -> int:
        if self.to_file is None:
            return offset
        if not self.to_file:
            return 0
        return self.to_file[min(offset, len(self.to_file) - 1)]


@dataclass
class Literal:
    start: int                     # offsets in the file's text
    end: int
    text: str
    rgb: tuple
    style: tuple | None = None     # (line style, marker) of the call that draws with it
    scope: tuple = ()

    @property
    def hue(self):
        return xcolor.hue_class(self.rgb)


@dataclass
class CmapUse:
    start: int
    end: int
    name: str
    kind: str


@dataclass
class FileReport:
    literals: list[Literal] = field(default_factory=list)
    cmaps: list[CmapUse] = field(default_factory=list)
    plot_calls: list[tuple[int, int, str]] = field(default_factory=list)
    has_xlabel: bool = False
    has_ylabel: bool = False


# -- finding the files ----------------------------------------------------------------------

def code_files(root: Path, subpaths: list[str] | None = None) -> list[Path]:
    """.py and .ipynb files under ``root`` (or the given sub-folders) that use a plotting library."""
    root = root.resolve()
    tops = [root] if not subpaths else [(root / p).resolve() for p in subpaths]
    out: list[Path] = []
    for top in tops:
        if not (top == root or top.is_relative_to(root)):
            continue
        if top.is_file():
            walk = [(str(top.parent), [], [top.name])]
        else:
            walk = os.walk(top, followlinks=False)
        for dirpath, dirnames, filenames in walk:
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in SKIP_DIRS and not d.endswith(".egg-info"))
            for name in sorted(filenames):
                if not name.endswith((".py", ".ipynb")):
                    continue
                p = Path(dirpath) / name
                try:
                    resolved = p.resolve()
                    size = resolved.stat().st_size
                except OSError:
                    continue
                if not resolved.is_relative_to(root) or size > (MAX_NB_BYTES if name.endswith(".ipynb") else MAX_PY_BYTES):
                    continue
                out.append(resolved)
                if len(out) >= MAX_FILES:
                    return out
    return out


def uses_plotting(text: str) -> bool:
    return PLOT_IMPORT.search(text) is not None


# -- code and its positions ------------------------------------------------------------------

def cells(path: Path, text: str) -> list[Cell]:
    if path.suffix != ".ipynb":
        return [Cell(text, None)]
    try:
        return _notebook_cells(text)
    except (ValueError, IndexError, KeyError, TypeError):
        return []


_JSON_TOKEN = lazyre.compile(r'\s*(?:(?P<str>"(?:[^"\\]|\\.)*")|(?P<punct>[{}\[\]:,])|(?P<lit>-?[\d.eE+-]+|true|false|null))', re.S)


class _PosStr:
    __slots__ = ("start", "end")

    def __init__(self, start: int, end: int):
        self.start, self.end = start, end


def _parse_json(text: str):
    """A JSON value whose strings are left as raw spans (_PosStr); decoded only when needed."""
    pos = 0

    def value():
        nonlocal pos
        m = _JSON_TOKEN.match(text, pos)
        if m is None:
            raise ValueError(f"bad JSON at {pos}")
        pos = m.end()
        if m.group("str") is not None:
            return _PosStr(m.start("str"), m.end("str"))
        if m.group("lit") is not None:
            return json.loads(m.group("lit"))
        p = m.group("punct")
        if p == "{":
            obj = {}
            while True:
                m2 = _JSON_TOKEN.match(text, pos)
                if m2.group("punct") == "}":
                    pos = m2.end()
                    return obj
                key = value()
                m3 = _JSON_TOKEN.match(text, pos)
                pos = m3.end()  # ':'
                obj[_decode(text, key)[0]] = value()
                m4 = _JSON_TOKEN.match(text, pos)
                pos = m4.end()
                if m4.group("punct") == "}":
                    return obj
        if p == "[":
            arr = []
            while True:
                m2 = _JSON_TOKEN.match(text, pos)
                if m2.group("punct") == "]":
                    pos = m2.end()
                    return arr
                arr.append(value())
                m4 = _JSON_TOKEN.match(text, pos)
                pos = m4.end()
                if m4.group("punct") == "]":
                    return arr
        raise ValueError(f"unexpected {p!r} at {pos}")

    return value()


_ESC = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def _decode(text: str, s: _PosStr) -> tuple[str, list[int]]:
    """The string's value and, for each of its characters, the offset of its first raw character."""
    out: list[str] = []
    where: list[int] = []
    i, end = s.start + 1, s.end - 1
    while i < end:
        c = text[i]
        if c != "\\":
            out.append(c)
            where.append(i)
            i += 1
            continue
        e = text[i + 1]
        if e == "u":
            code = int(text[i + 2 : i + 6], 16)
            n = 6
            if 0xD800 <= code < 0xDC00 and text[i + 6 : i + 8] == "\\u":
                low = int(text[i + 8 : i + 12], 16)
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                n = 12
            out.append(chr(code))
            where.append(i)
            i += n
        else:
            out.append(_ESC.get(e, e))
            where.append(i)
            i += 2
    return "".join(out), where


def _notebook_cells(text: str) -> list[Cell]:
    nb = _parse_json(text)
    out = []
    for cell in nb.get("cells", []) if isinstance(nb, dict) else []:
        if not isinstance(cell, dict) or not isinstance(cell.get("cell_type"), _PosStr):
            continue
        if _decode(text, cell["cell_type"])[0] != "code":
            continue
        src = cell.get("source")
        parts = src if isinstance(src, list) else [src] if isinstance(src, _PosStr) else []
        code: list[str] = []
        where: list[int] = []
        for part in parts:
            if isinstance(part, _PosStr):
                s, w = _decode(text, part)
                code.append(s)
                where.extend(w)
        joined = "".join(code)
        if joined.strip():
            out.append(Cell(joined, where + [where[-1] + 1 if where else 0]))
    return out


def comments(cell: Cell, notebook: bool):
    """(file start, file end, text after '#', own_line) of every ``# paperlint:`` comment in the code."""
    for m in re.finditer(r"#\s*(paperlint\s*:[^\n]*)", cell.code):
        line_start = cell.code.rfind("\n", 0, m.start()) + 1
        own = not cell.code[line_start : m.start()].strip() and not notebook
        yield cell.pos(m.start()), cell.pos(m.end() - 1) + 1, m.group(1), own


# -- analysis --------------------------------------------------------------------------------

def parse_colour(value) -> tuple | None:
    """A matplotlib/plotly colour given as a literal: name, 'r', 'tab:red', 'C3', '#rrggbb', 'rgb(...)', (r, g, b)."""
    if isinstance(value, tuple) and len(value) in (3, 4) and all(isinstance(v, (int, float)) for v in value):
        vals = [float(v) for v in value[:3]]
        if all(0 <= v <= 1 for v in vals):
            return tuple(vals)
        if all(0 <= v <= 255 for v in vals):
            return tuple(v / 255 for v in vals)
        return None
    if not isinstance(value, str):
        return None
    v = value.strip()
    low = v.lower()
    if low in FMT_COLOURS:
        return FMT_COLOURS[low]
    if low.startswith("tab:") and low[4:] in TAB_NAMES:
        return _hex(TAB10[TAB_NAMES.index(low[4:])])
    if re.fullmatch(r"c\d", low):
        return _hex(TAB10[int(low[1])])
    if re.fullmatch(r"#[0-9a-f]{6}([0-9a-f]{2})?", low):
        return _hex(low[1:7])
    if re.fullmatch(r"#[0-9a-f]{3}", low):
        return _hex("".join(ch * 2 for ch in low[1:]))
    m = re.fullmatch(r"rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*[\d.]+\s*)?\)", low)
    if m:
        return tuple(min(255.0, float(x)) / 255 for x in m.groups())
    if low.startswith("xkcd:"):
        low = low[5:].replace(" ", "")
    if low in CSS:
        return _hex(CSS[low])
    return None


def _hex(h: str) -> tuple:
    return tuple(int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))


def analyse(cell: Cell, report: FileReport, scope_prefix: tuple = ()) -> None:
    tree = _parse(cell.code)
    if tree is None:
        return
    lines = cell.code.splitlines(keepends=True)
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln))

    def off(node, end=False):
        if end:
            return cell.pos(starts[node.end_lineno - 1] + _col(lines, node.end_lineno, node.end_col_offset))
        return cell.pos(starts[node.lineno - 1] + _col(lines, node.lineno, node.col_offset))

    _Visitor(report, off, scope_prefix).visit(tree)


def _col(lines, lineno, col_bytes) -> int:
    """ast columns are UTF-8 byte offsets; paperlint counts characters."""
    line = lines[lineno - 1] if lineno - 1 < len(lines) else ""
    return len(line.encode("utf-8")[:col_bytes].decode("utf-8", errors="ignore"))


def _parse(code: str):
    try:
        return ast.parse(code)
    except (SyntaxError, ValueError):
        pass
    # notebooks: IPython magics (%matplotlib inline, !pip install) are not Python
    cleaned = re.sub(r"(?m)^([ \t]*)([%!][^\n]*)", lambda m: m.group(1) + "pass" + " " * max(0, len(m.group(2)) - 4), code)
    try:
        return ast.parse(cleaned)
    except (SyntaxError, ValueError):
        return None


class _Visitor(ast.NodeVisitor):
    def __init__(self, report: FileReport, off, prefix: tuple):
        self.report = report
        self.off = off
        self.scope: tuple = prefix
        self.max_depth = len(prefix) + 2   # a function, or a class's method; nested functions belong to them

    def _scoped(self, node):
        saved = self.scope
        if len(self.scope) < self.max_depth:
            self.scope = self.scope + (node.name,)
        self.generic_visit(node)
        self.scope = saved

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _scoped

    def visit_Assign(self, node):
        names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        names += [t.attr for t in node.targets if isinstance(t, ast.Attribute)]
        if any(PALETTE_NAME.search(n) for n in names):
            self._colours(node.value, None)
        # plt.rcParams['image.cmap'] = 'jet'
        for t in node.targets:
            if isinstance(t, ast.Subscript) and isinstance(t.slice, ast.Constant) and t.slice.value == "image.cmap":
                self._cmap(node.value)
        self.generic_visit(node)

    def visit_Call(self, node):
        name = _call_name(node.func)
        style = _call_style(node, name)
        for kw in node.keywords:
            if kw.arg in COLOUR_KWARGS:
                self._colours(kw.value, style)
            if kw.arg in CMAP_KWARGS:
                self._cmap(kw.value)
        if name in LINE_METHODS:
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and FMT.match(arg.value):
                    letters = [ch for ch in arg.value if ch in FMT_COLOURS]
                    if letters:
                        self._add(arg, FMT_COLOURS[letters[-1]], arg.value, style)
        if name in ("get_cmap", "set_cmap", "color_palette", "cubehelix_palette", "mpl_palette") and node.args:
            self._cmap(node.args[0])
        if isinstance(node.func, ast.Attribute) and name.lower() in BAD_CMAPS and not node.args and _receiver(node.func) in ("plt", "pyplot", "pylab"):
            self._bad(node, name)
        if name in PLOT_METHODS and isinstance(node.func, ast.Attribute) and _is_axes(node.func.value):
            self.report.plot_calls.append((self.off(node), self.off(node, end=True), name))
        if name in XLABEL_CALLS or _has_kw(node, "xlabel") or name == "set_axis_labels" or (name in ("text",) and _receiver(node.func) in ("fig",)):
            self.report.has_xlabel = True
        if name in YLABEL_CALLS or _has_kw(node, "ylabel") or name == "set_axis_labels" or (name in ("text",) and _receiver(node.func) in ("fig",)):
            self.report.has_ylabel = True
        if name == "update_layout" or _has_kw(node, "labels"):
            self.report.has_xlabel = self.report.has_ylabel = True
        self.generic_visit(node)

    def visit_Attribute(self, node):
        # plt.cm.jet, matplotlib.cm.jet, cm.RdYlGn, mpl.colormaps['jet'] is a Subscript
        if isinstance(node.value, (ast.Name, ast.Attribute)) and _call_name(node.value) == "cm" and _base(node.attr) in BAD_CMAPS:
            self._bad(node, node.attr)
        self.generic_visit(node)

    def visit_Subscript(self, node):
        if _call_name(node.value) in ("colormaps", "cmap_d", "_colormaps") and isinstance(node.slice, ast.Constant):
            self._cmap(node.slice)
        self.generic_visit(node)

    # -- helpers
    def _colours(self, value, style):
        if isinstance(value, ast.Constant):
            rgb = parse_colour(value.value)
            if rgb is not None:
                self._add(value, rgb, str(value.value), style)
        elif isinstance(value, (ast.List, ast.Tuple, ast.Set)):
            consts = [e.value for e in value.elts if isinstance(e, ast.Constant)]
            if len(consts) == len(value.elts) and len(consts) in (3, 4) and all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in consts):
                rgb = parse_colour(tuple(consts))
                if rgb is not None:
                    self._add(value, rgb, repr(tuple(consts)), style)
                return
            for e in value.elts:
                self._colours(e, None)
        elif isinstance(value, ast.Dict):
            for e in value.values:
                self._colours(e, None)
        elif isinstance(value, ast.Call) and _call_name(value.func) == "cycler":
            for kw in value.keywords:
                if kw.arg in COLOUR_KWARGS:
                    self._colours(kw.value, None)

    def _add(self, node, rgb, text, style):
        self.report.literals.append(Literal(self.off(node), self.off(node, end=True), text, rgb, style, self.scope))

    def _cmap(self, value):
        if isinstance(value, ast.Constant) and isinstance(value.value, str) and _base(value.value) in BAD_CMAPS:
            self._bad(value, value.value)
        elif isinstance(value, ast.Attribute):
            self.visit_Attribute(value)

    def _bad(self, node, name):
        self.report.cmaps.append(CmapUse(self.off(node), self.off(node, end=True), name, BAD_CMAPS[_base(name)]))


def _base(name: str) -> str:
    n = name.lower()
    return n[:-2] if n.endswith("_r") else n


def _call_name(func) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _receiver(func) -> str:
    if isinstance(func, ast.Attribute):
        v = func.value
        while isinstance(v, ast.Subscript):
            v = v.value
        if isinstance(v, ast.Name):
            return v.id
        if isinstance(v, ast.Attribute):
            return v.attr
    return ""


def _is_axes(value) -> bool:
    while isinstance(value, ast.Subscript):
        value = value.value
    name = value.id if isinstance(value, ast.Name) else value.attr if isinstance(value, ast.Attribute) else ""
    return name in ("plt", "pyplot", "pylab") or name.startswith(("ax", "axs", "axes"))


def _has_kw(node, name) -> bool:
    return any(kw.arg == name for kw in node.keywords)


def _call_style(node, name) -> tuple | None:
    """(line style, marker) of a line-drawing call, from its format string or keywords."""
    if name not in LINE_METHODS:
        return None
    dash, mark = "-", ""
    for arg in node.args:
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and FMT.match(arg.value):
            s = re.sub(r"[rgbcmykw]", "", arg.value)
            dash = re.search(r"--|-\.|-|:", s).group(0) if re.search(r"--|-\.|-|:", s) else ("" if s else "-")
            mark = re.sub(r"--|-\.|-|:", "", s)
    for kw in node.keywords:
        if kw.arg in ("linestyle", "ls") and isinstance(kw.value, ast.Constant):
            dash = str(kw.value.value)
        if kw.arg == "marker" and isinstance(kw.value, ast.Constant):
            mark = str(kw.value.value)
    return dash, mark
