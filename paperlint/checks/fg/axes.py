"""FG130: a pgfplots axis (or, when asked, a matplotlib figure) without axis labels."""
from __future__ import annotations

from ... import lazyre
import re

from ...diagnostics import Severity
from ...document.offsets import SourceRange
from ...figures import texsource
from ..base import Check

AXES = ("axis", "semilogxaxis", "semilogyaxis", "loglogaxis")
HIDDEN_X = lazyre.compile(r"^(hide axis|hide x axis|axis lines\s*=\s*none|axis x line\*?\s*=\s*none)$")
HIDDEN_Y = lazyre.compile(r"^(hide axis|hide y axis|axis lines\s*=\s*none|axis y line\*?\s*=\s*none)$")
CATEGORICAL_X = ("symbolic x coords", "xticklabels", "xticklabels from table", "xticklabel")
STYLE_DEF = lazyre.compile(r"^([\w /-]+?)/\.(?:append )?style$")


class AxisLabelMissing(Check):
    code = "FG130"

    def run(self, doc, ctx):
        if doc.format == "latex":
            yield from self._pgfplots(doc, ctx)
        if ctx.options["code"]:
            yield from self._code(doc, ctx)

    def _pgfplots(self, doc, ctx):
        axes = [n for n in doc.markup if n.kind == "env" and n.name in AXES + ("groupplot",) and n.in_body]
        if not axes:
            return
        styles, every = _label_styles(doc)
        groups = [n for n in axes if n.name == "groupplot"]
        masked: dict[int, str] = {}
        for node in axes:
            if node.src.file not in masked:
                masked[node.src.file] = texsource.masked(doc.files[node.src.file].text)
            text = masked[node.src.file]
            if node.name == "groupplot":
                opts = [_node_options(text, node)] + [_options_after(text, node.src.start + m.end())
                                                      for m in re.finditer(r"\\nextgroupplot\s*(?=\[)", text[node.src.start : node.src.end])]
            elif any(g.src.file == node.src.file and g.src.start <= node.src.start < g.src.end for g in groups):
                continue
            else:
                opts = [_node_options(text, node)]
            keys: dict = {}
            for o in opts:
                if o is not None:
                    keys.update(texsource.option_keys(text, *o))
            has_x, has_y = every
            for key in keys:
                has_x = has_x or key == "xlabel" or key in styles["x"] or HIDDEN_X.match(key) is not None or key in CATEGORICAL_X
                has_y = has_y or key == "ylabel" or key in styles["y"] or HIDDEN_Y.match(key) is not None
            if has_x and has_y:
                continue
            missing = "x" if has_y else "y" if has_x else "x or y"
            first = next((o for o in opts if o is not None), None)
            end = first[1] + 1 if first is not None and first[0] - node.src.start < 80 else node.src.start + len(node.name) + 8
            severity = Severity.WARNING if not has_x and not has_y else None
            yield ctx.report(src=SourceRange(node.src.file, node.src.start, end), severity=severity,
                             what=f"This pgfplots {node.name}", missing=missing)

    def _code(self, doc, ctx):
        from .plot_code import first_time, scan_code

        for fi, report in scan_code(doc, ctx.options["paths"]):
            if not first_time(ctx, doc, fi):
                continue
            if not report.plot_calls or (report.has_xlabel and report.has_ylabel):
                continue
            start, end, name = report.plot_calls[0]
            missing = "x" if report.has_ylabel else "y" if report.has_xlabel else "x or y"
            severity = Severity.WARNING if missing == "x or y" else None
            yield ctx.report(src=SourceRange(fi, start, end), severity=severity,
                             what=f"This file draws plots (.{name}) but", missing=missing)


def _node_options(text, node):
    """(start, end) of the [options] right after \\begin{axis}."""
    m = re.match(r"\\begin\s*\{[^}]*\}\s*", text[node.src.start : node.src.end])
    return _options_after(text, node.src.start + m.end()) if m else None


def _options_after(text, pos):
    while pos < len(text) and text[pos].isspace():
        pos += 1
    if pos < len(text) and text[pos] == "[":
        return pos + 1, texsource._match(text, pos, "[", "]")
    return None


def _label_styles(doc):
    """Styles (defined in \\pgfplotsset/\\tikzset anywhere) that set axis labels, and whether every axis gets them."""
    styles = {"x": set(), "y": set()}
    every = [False, False]
    for f in doc.files:
        text = texsource.masked(f.text)
        for m in re.finditer(r"\\(?:pgfplotsset|tikzset)\s*\{", text):
            close = texsource._match(text, m.end() - 1, "{", "}")
            for key, (va, vb) in texsource.option_keys(text, m.end(), close).items():
                sm = STYLE_DEF.match(key)
                value = text[va:vb]
                for axis, i in (("x", 0), ("y", 1)):
                    if re.search(rf"(?<![\w ]){axis}label\s*=", value):
                        if sm and sm.group(1).strip() in ("every axis", "/pgfplots/every axis"):
                            every[i] = True
                        elif sm:
                            styles[axis].add(sm.group(1).strip())
                if key in ("xlabel", "ylabel"):
                    every[0 if key == "xlabel" else 1] = True
    return styles, tuple(every)
