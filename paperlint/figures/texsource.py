"""The LaTeX source of figures: where each figure's code is, and the colours it draws with.

Rules FG110 (red and green in one figure's source) and FG130 (pgfplots axes
without labels) read the *source* of figures, not the prose view:

* :func:`figure_regions` gives, for each figure, the source ranges its code
  occupies: the ``figure`` float (tables and algorithms are not figures), every
  file ``\\input`` (or ``\\includestandalone``) from inside it, and each
  ``tikzpicture`` that stands outside any float.
* :func:`colour_uses` walks one region in source order: ``\\definecolor`` and
  ``\\colorlet`` update the colours known at that point (tikzDevice output
  redefines ``drawColor`` before every path), and every colour *use* is
  resolved: ``\\textcolor``, ``\\color``, ``\\colorbox``, TikZ and pgfplots
  options (``draw=``, ``fill=``, ``color=``, bare ``[red]``, ``mark
  options={...}``, ``cycle list={...}``, ``cycle list name=``).
* Comments, ``\\iffalse`` blocks and macro *definitions* (``\\newcommand{\\todo}
  [1]{\\textcolor{red}{#1}}``: an author's note, not a figure) are masked first;
  masking keeps every offset.
"""
from __future__ import annotations

from .. import lazyre
import functools
import re
from ..records import dataclass, field

from . import xcolor

FIGURE_KINDS = ("figure",)
PICTURE_ENVS = ("tikzpicture", "pgfpicture")
AXIS_ENVS = ("axis", "semilogxaxis", "semilogyaxis", "loglogaxis", "groupplot")
DEFINITIONS = lazyre.compile(r"\\(?:newcommand|renewcommand|providecommand|DeclareRobustCommand|NewDocumentCommand|RenewDocumentCommand|"
                         r"newenvironment|renewenvironment|newtcbox|newtcolorbox|DeclareTColorBox|def|gdef|edef|xdef)(?![A-Za-z@])")
COMMENT = lazyre.compile(r"(?<!\\)((?:\\\\)*)%[^\n]*")
IFFALSE = lazyre.compile(r"\\iffalse(?![A-Za-z@]).*?\\fi(?![A-Za-z@])", re.S)
COLOUR_KEYS = {
    "color", "draw", "fill", "text", "colframe", "colback", "colbacktitle", "coltext", "coltitle", "top color",
    "bottom color", "left color", "right color", "inner color", "outer color", "ball color", "middle color",
    "mark color", "fill color", "draw color", "line color",
}
NESTED_KEYS = lazyre.compile(r"^(?:mark options|every [\w ]+/\.(?:append )?style|[\w ]+/\.(?:append )?style|style|postaction|preaction|every mark/\.append style)$")
LINE_STYLE = lazyre.compile(r"^(?:solid|dashed|dotted|dashdotted|dashdotdotted|densely \w+|loosely \w+|dash pattern|dash dot|dash)$")
MACRO_USE = lazyre.compile(r"\\(textcolor|color|colorbox|fcolorbox|cellcolor|rowcolor|columncolor)\s*(?:\[([^\]]*)\])?\s*\{([^{}]*)\}(?:\s*\{([^{}]*)\})?")
DEFINE = lazyre.compile(r"\\(?:definecolor|providecolor)\s*(?:\[[^\]]*\])?\s*\{([^{}]*)\}\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
COLORLET = lazyre.compile(r"\\colorlet\s*(?:\[[^\]]*\])?\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
CYCLE_DEF = lazyre.compile(r"\\pgfplotscreateplotcyclelist\s*\{([^{}]*)\}\s*\{")
OPTION_OPENERS = lazyre.compile(r"\[|\\(?:tikzset|pgfplotsset|tikzstyle)\s*\{")
LINE_COMMANDS = lazyre.compile(r"\\(?:draw|path|addplot\+?|addplot3\+?|plot)\s*$")
FILL_COMMANDS = lazyre.compile(r"\\(?:fill|filldraw|shade|shadedraw|node|coordinate|matrix)\s*$")


@dataclass
class Region:
    """The source of one figure: one or more (file, start, end) ranges."""

    parts: list[tuple[int, int, int]]
    figure: object | None = None     # the Figure float, or None for a free-standing tikzpicture
    anchor: tuple[int, int, int] | None = None   # where to report region-level findings


@dataclass
class ColourUse:
    file: int
    start: int
    end: int
    expr: str
    rgb: tuple[float, float, float]
    kind: str                         # line | area | text
    style: tuple[str, str] | None = None   # (line style, marker) for line uses

    @property
    def hue(self) -> str | None:
        return xcolor.hue_class(self.rgb)


@dataclass
class _Scan:
    defined: dict = field(default_factory=dict)
    cycles: dict = field(default_factory=dict)
    default_cycle: list | None = None


# -- regions -------------------------------------------------------------------------------

def _inside(rng, part) -> bool:
    return rng.file == part[0] and part[1] <= rng.start and rng.end <= part[2]


def figure_regions(doc) -> list[Region]:
    regions: list[Region] = []
    floats = [f for f in doc.figures if f.kind in ("figure", "table", "algorithm") and f.env != "image"]
    for fig in doc.figures:
        if fig.kind not in FIGURE_KINDS or fig.env in ("img", "image"):
            continue
        if any(o is not fig and _inside(fig.src, (o.src.file, o.src.start, o.src.end)) and o.kind == "figure" for o in floats):
            continue  # a figure nested in another figure belongs to the outer one
        parts = [(fig.src.file, fig.src.start, fig.src.end)]
        regions.append(Region(parts, fig, parts[0]))
    other_floats = [(f.src.file, f.src.start, f.src.end) for f in floats if f.kind != "figure"]
    for node in doc.markup:
        if node.kind == "env" and node.name in PICTURE_ENVS and node.in_body:
            covered = any(_inside(node.src, p) for r in regions for p in r.parts)
            if not covered and not any(_inside(node.src, p) for p in other_floats):
                part = (node.src.file, node.src.start, node.src.end)
                regions.append(Region([part], None, part))
    # files \input from inside a region belong to it (tikzDevice and standalone figures)
    for region in regions:
        i = 0
        while i < len(region.parts):
            part = region.parts[i]
            for inc in doc.includes:
                if inc.file is not None and _inside(inc.src, part) and all(p[0] != inc.file for p in region.parts):
                    region.parts.append((inc.file, 0, len(doc.files[inc.file].text)))
            i += 1
    # a tikzpicture in a file that a figure includes is that figure's
    return [r for r in regions if r.figure is not None or not any(
        o is not r and any(q[0] == r.parts[0][0] and q[1] <= r.parts[0][1] and r.parts[0][2] <= q[2] for q in o.parts) for o in regions)]


# -- masking ---------------------------------------------------------------------------------

@functools.lru_cache(maxsize=64)
def masked(text: str) -> str:
    """``text`` with comments, \\iffalse blocks and macro definitions blanked (same length)."""
    text = _blank_comments(text)
    text = IFFALSE.sub(lambda m: _blank(m.group(0)), text)
    spans = []
    pos = 0
    for m in DEFINITIONS.finditer(text):
        if m.start() < pos:
            continue
        pos = _definition_end(text, m.end())
        spans.append((m.start(), pos))
    if not spans:
        return text
    out = []
    last = 0
    for a, b in spans:
        out.append(text[last:a])
        out.append(_blank(text[a:b]))
        last = b
    out.append(text[last:])
    return "".join(out)


def _blank_comments(text: str) -> str:
    """``COMMENT.sub`` keeping the backslashes before each ``%`` and blanking the rest of its line,
    walked from one ``%`` to the next: the pattern starts with a look-behind and an optional group,
    so the matcher tried it at every position (about 5 ms on a 157 KB paper). A ``%`` starts a
    comment when an even number of backslashes (none included) stands right before it."""
    i = text.find("%")
    if i < 0:
        return text
    out = []
    last = 0
    n = len(text)
    while i >= 0:
        j = i
        while j and text[j - 1] == "\\":
            j -= 1
        if (i - j) % 2:
            i = text.find("%", i + 1)  # an escaped \\%
            continue
        e = text.find("\n", i)
        if e < 0:
            e = n
        out.append(text[last:i])
        out.append(" " * (e - i))
        last = e
        i = text.find("%", e)
    out.append(text[last:])
    return "".join(out)


def _blank(s: str) -> str:
    return re.sub(r"[^\n]", " ", s)


def _definition_end(text: str, pos: int) -> int:
    """End of a macro definition starting after its command name (name, parameters, body)."""
    n = len(text)
    i = pos
    groups = 0
    while i < n and groups < 4:
        while i < n and text[i] in " \t\n*":
            i += 1
        if i >= n:
            break
        c = text[i]
        if c == "\\" and groups == 0:
            m = re.match(r"\\[A-Za-z@]+|\\.", text[i:])
            i += m.end() if m else 1
            groups += 1
            continue
        if c == "[":
            close = _match(text, i, "[", "]")
            i = close + 1
            continue
        if c == "#" or c.isdigit():
            i += 1
            continue
        if c == "{":
            close = _match(text, i, "{", "}")
            i = close + 1
            groups += 1
            # \newcommand{\x}{body}: name then body; \newenvironment{x}{begin}{end}; \def\x{body}
            if groups >= 2 and not re.match(r"\s*[\[{]", text[i:]):
                break
            continue
        break
    return min(i, n)


def _match(text: str, i: int, open_: str, close: str) -> int:
    depth = 0
    n = len(text)
    j = i
    while j < n:
        c = text[j]
        if c == "\\":
            j += 2
            continue
        if c == open_:
            depth += 1
        elif c == close:
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return n - 1


# -- option lists -------------------------------------------------------------------------------

def split_options(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Top-level comma-separated items of ``text[start:end]`` (offsets, stripped)."""
    items = []
    depth = 0
    s = start
    i = start
    while i < end:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c in "{[(":
            depth += 1
        elif c in "}])":
            depth -= 1
        elif c == "," and depth == 0:
            items.append((s, i))
            s = i + 1
        i += 1
    items.append((s, end))
    out = []
    for a, b in items:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def option_keys(text: str, start: int, end: int) -> dict[str, tuple[int, int]]:
    """key -> (value start, value end) of a TikZ/pgfplots option list (bare items map to themselves)."""
    out: dict[str, tuple[int, int]] = {}
    for a, b in split_options(text, start, end):
        item = text[a:b]
        eq = _top_level_eq(item)
        if eq is None:
            out.setdefault(" ".join(item.split()), (a, b))
        else:
            key = " ".join(item[:eq].split())
            va, vb = a + eq + 1, b
            while va < vb and text[va].isspace():
                va += 1
            out.setdefault(key, (va, vb))
    return out


def _top_level_eq(item: str) -> int | None:
    depth = 0
    for i, c in enumerate(item):
        if c in "{[(":
            depth += 1
        elif c in "}])":
            depth -= 1
        elif c == "=" and depth == 0:
            return i
    return None


def _unbrace(text: str, a: int, b: int) -> tuple[int, int]:
    while b - a >= 2 and text[a] == "{" and _match(text, a, "{", "}") == b - 1:
        a, b = a + 1, b - 1
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
    return a, b


# -- colour uses ---------------------------------------------------------------------------------

def global_colours(doc, regions: list[Region]) -> _Scan:
    """Colours, cycle lists and the default cycle list defined outside figures (preamble, macros files)."""
    scan = _Scan()
    in_region = {(p[0]) for r in regions for p in r.parts if p[1] == 0 and p[2] == len(doc.files[p[0]].text)}
    for fi, f in enumerate(doc.files):
        if fi in in_region:
            continue
        text = masked(f.text)
        spans = [(p[1], p[2]) for r in regions for p in r.parts if p[0] == fi]
        for m in sorted([*DEFINE.finditer(text), *COLORLET.finditer(text), *CYCLE_DEF.finditer(text),
                         *re.finditer(r"\\pgfplotsset\s*\{", text)], key=lambda m: m.start()):
            if any(s <= m.start() < e for s, e in spans):
                continue
            _definition(doc, fi, text, m, scan, None)
    return scan


def _definition(doc, fi, text, m, scan: _Scan, uses) -> None:
    src = m.group(0)
    if src.startswith(("\\definecolor", "\\providecolor")):
        rgb = xcolor.from_model(m.group(2), m.group(3))
        if rgb is not None:
            scan.defined[m.group(1).strip()] = rgb
    elif src.startswith("\\colorlet"):
        rgb = xcolor.parse_expression(m.group(2), scan.defined)
        if rgb is not None:
            scan.defined[m.group(1).strip()] = rgb
    elif src.startswith("\\pgfplotscreateplotcyclelist"):
        close = _match(text, m.end() - 1, "{", "}")
        scan.cycles[m.group(1).strip()] = _resolve_cycle(doc, fi, text, m.end(), close, scan)
    elif src.startswith("\\pgfplotsset") and uses is None:
        close = _match(text, m.end() - 1, "{", "}")
        keys = option_keys(text, m.end(), close)
        if "cycle list" in keys:
            scan.default_cycle = _resolve_cycle(doc, fi, text, *_unbrace(text, *keys["cycle list"]), scan)
        elif "cycle list name" in keys:
            scan.default_cycle = scan.cycles.get(text[slice(*keys["cycle list name"])].strip())


def _resolve_cycle(doc, fi, text, a, b, scan) -> list:
    """The colours of a cycle list, one (expression, rgb, style) per entry that names a colour."""
    out = []
    for ea, eb in _cycle_entries(text, a, b):
        found: list[ColourUse] = []
        _options(doc, fi, text, ea, eb, "line", scan, found, 1)
        if found:
            out.append((found[0].expr, found[0].rgb, found[0].style))
    return out


def _cycle_entries(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The entries of a cycle list: ``{red,mark=*},{blue}`` or ``red,mark=*\\\\blue\\\\``."""
    body = text[a:b]
    if "\\\\" in body:
        out = []
        s = a
        for m in re.finditer(r"\\\\", body):
            out.append((s, a + m.start()))
            s = a + m.end()
        out.append((s, b))
        return [_unbrace(text, x, y) for x, y in out if text[x:y].strip()]
    return [_unbrace(text, x, y) for x, y in split_options(text, a, b)]


def colour_uses(doc, region: Region, base: _Scan) -> list[ColourUse]:
    uses: list[ColourUse] = []
    scan = _Scan(dict(base.defined), dict(base.cycles), base.default_cycle)
    axis_at = None
    own_cycle = False
    n_plots = 0
    for fi, start, end in region.parts:
        full = masked(doc.files[fi].text)
        text = full[:end]
        events = [*DEFINE.finditer(text, start), *COLORLET.finditer(text, start), *CYCLE_DEF.finditer(text, start),
                  *MACRO_USE.finditer(text, start), *OPTION_OPENERS.finditer(text, start)]
        events.sort(key=lambda m: m.start())
        consumed = start
        for m in events:
            if m.start() < consumed:
                continue
            tok = m.group(0)
            if m.re in (DEFINE, COLORLET, CYCLE_DEF):
                _definition(doc, fi, text, m, scan, uses)
                consumed = max(consumed, m.end())
            elif m.re == MACRO_USE:
                model, a, b = m.group(2), m.group(3), m.group(4)
                names = [(m.start(3), m.end(3))]
                if m.group(1) == "fcolorbox" and b is not None:
                    names.append((m.start(4), m.end(4)))
                for s, e in names:
                    expr = text[s:e]
                    rgb = xcolor.from_model(model, expr) if model else xcolor.parse_expression(expr, scan.defined)
                    if rgb is not None:
                        kind = "text" if m.group(1) in ("textcolor", "color") else "area"
                        uses.append(ColourUse(fi, s, e, (f"[{model}]" if model else "") + expr.strip(), rgb, kind))
            else:
                if tok == "[":
                    close = _match(text, m.start(), "[", "]")
                    a, b = m.start() + 1, close
                else:
                    close = _match(text, m.end() - 1, "{", "}")
                    a, b = m.end(), close
                before = text[max(0, m.start() - 40) : m.start()]
                kind = "line" if LINE_COMMANDS.search(before) else "area" if FILL_COMMANDS.search(before) else "other"
                axis = re.search(r"\\begin\s*\{(?:axis|semilogxaxis|semilogyaxis|loglogaxis|groupplot)\}\s*$", before)
                if axis and axis_at is None:
                    axis_at = (fi, m.start() - (len(before) - axis.start()), m.start())
                if re.search(r"cycle list", text[a:b]):
                    own_cycle = True
                _options(doc, fi, text, a, b, kind, scan, uses, 0)
                consumed = b
        n_plots += len(re.findall(r"\\addplot(?![A-Za-z@])", text[start:end]))
    if axis_at is not None and scan.default_cycle and not own_cycle:
        # the preamble's cycle list colours this axis's plots, in order
        fi, s, e = axis_at
        for expr, rgb, style in scan.default_cycle[: max(1, n_plots)]:
            uses.append(ColourUse(fi, s, e, f"{expr} (the preamble's cycle list)", rgb, "line", style))
    return uses


def _options(doc, fi, text, a, b, kind, scan, uses, depth) -> None:
    if depth > 4 or b <= a:
        return
    keys = option_keys(text, a, b)
    style = _style(text, keys) if kind == "line" else None
    for key, (va, vb) in keys.items():
        if key == "cycle list":
            ca, cb = _unbrace(text, va, vb)
            for ea, eb in _cycle_entries(text, ca, cb):
                _options(doc, fi, text, ea, eb, "line", scan, uses, depth + 1)
        elif key == "cycle list name":
            name = text[va:vb].strip()
            for expr, rgb, st in scan.cycles.get(name, ()):
                uses.append(ColourUse(fi, va, vb, f"{expr} (cycle list {name})", rgb, "line", st))
        elif key in COLOUR_KEYS:
            ea, eb = _unbrace(text, va, vb)
            rgb = xcolor.parse_expression(text[ea:eb], scan.defined)
            if rgb is not None:
                k = kind if key in ("color", "draw") else "area" if key in ("fill", "colback", "top color", "bottom color", "left color", "right color", "inner color", "outer color", "ball color", "middle color", "fill color") else "text" if key in ("text", "coltext", "coltitle") else kind
                uses.append(ColourUse(fi, ea, eb, text[ea:eb].strip(), rgb, k, style if k == "line" else None))
        elif NESTED_KEYS.match(key):
            ea, eb = _unbrace(text, va, vb)
            _options(doc, fi, text, ea, eb, kind if key.startswith(("mark", "every mark")) else "other", scan, uses, depth + 1)
        elif " ".join(text[va:vb].split()) == key:  # a bare item: \\draw[red]
            if re.fullmatch(r"-?[A-Za-z][\w]*(?:![\d.]+(?:![A-Za-z][\w]*)?)*", key):
                rgb = xcolor.parse_expression(key, scan.defined)
                if rgb is not None:
                    uses.append(ColourUse(fi, va, vb, key, rgb, kind, style if kind == "line" else None))


def _style(text: str, keys: dict) -> tuple[str, str]:
    """(line style, marker) of a line's options: what tells series apart besides colour."""
    dash = "solid"
    mark = "none"
    for key, (va, vb) in keys.items():
        if LINE_STYLE.match(key):
            dash = key if key != "dash pattern" else "dash pattern=" + " ".join(text[va:vb].split())
        elif key == "only marks" and mark == "none":
            mark = "only marks"
        elif key == "mark":
            mark = "mark=" + " ".join(text[va:vb].split())
    return dash, mark
