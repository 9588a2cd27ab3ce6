"""FG111 (opt-in): plotting code in the paper's repository that pairs red with green or uses a rainbow colormap."""
from __future__ import annotations

from ... import lazyre
import re
import weakref

from ...diagnostics import Severity
from ...document.model import Comment
from ...document.offsets import SourceRange
from ...figures import xcolor
from ..base import Check

_SCANS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def scan_code(doc, subpaths: list[str]) -> list:
    """The plotting code under the project root, analysed once per document: (file index, report) pairs.

    Each code file is added to ``doc.files`` (so findings have a file, line and
    column like any other) and its ``# paperlint:`` comments to ``doc.comments``
    (so suppressions work in code too).
    """
    from ...figures import plotcode  # only when code is read: FG111 is opt-in

    key = tuple(subpaths)
    cached = _SCANS.setdefault(doc, {})
    if key in cached:
        return cached[key]
    from ...project import project_root
    from ...sources import SourceError, read_source

    root = project_root(doc.root.path)
    known = {f.path: i for i, f in enumerate(doc.files)}
    out = []
    for path in plotcode.code_files(root, subpaths or None):
        try:
            source = read_source(path) if path not in known else doc.files[known[path]]
        except SourceError:
            continue
        if not plotcode.uses_plotting(source.text):
            continue
        report = plotcode.FileReport()
        pieces = plotcode.cells(path, source.text)
        for i, cell in enumerate(pieces):
            plotcode.analyse(cell, report, (f"notebook cell {i + 1}",) if path.suffix == ".ipynb" else ())
        if path not in known:
            known[path] = len(doc.files)
            doc.files.append(source)
            for cell in pieces:
                for s, e, text, own in plotcode.comments(cell, path.suffix == ".ipynb"):
                    doc.comments.append(Comment(SourceRange(known[path], s, e), text, own))
        out.append((known[path], report))
    out.extend(_embedded(doc))
    cached[key] = out
    return out


PY_INFO = lazyre.compile(r"^\{?\s*(?:python|py|python3|ipython|ipython3)\b", re.I)
MINTED = lazyre.compile(r"\\begin\s*\{minted\}\s*(?:\[[^\]]*\])?\s*\{(?:python|py|python3|ipython3?)\}[^\n]*\n")


def _embedded(doc) -> list:
    """Python code inside the draft itself: Markdown/Quarto ```python blocks, LaTeX minted{python}."""
    from ...figures import plotcode

    by_file: dict[int, plotcode.FileReport] = {}
    for node in doc.markup:
        text = doc.files[node.src.file].text
        if doc.format == "markdown" and node.kind == "code" and PY_INFO.match(node.name):
            body_start = text.find("\n", node.src.start) + 1
            body_end = text.rfind("\n", body_start, node.src.end) + 1
        elif doc.format == "latex" and node.kind == "env" and node.name == "minted":
            m = MINTED.match(text, node.src.start)
            if m is None:
                continue
            body_start, body_end = m.end(), text.rfind("\\end", m.end(), node.src.end)
        else:
            continue
        if body_end <= body_start:
            continue
        code = text[body_start:body_end]
        cell = plotcode.Cell(code, list(range(body_start, body_end + 1)))
        if not re.search(r"\b(?:plt|ax\w*|sns|px|go|matplotlib|seaborn|plotly)\b", code):
            continue
        report = by_file.setdefault(node.src.file, plotcode.FileReport())
        plotcode.analyse(cell, report, (f"block at line {doc.files[node.src.file].line_col(node.src.start)[0]}",))
        for s, e, comment, own in plotcode.comments(cell, False):
            doc.comments.append(Comment(SourceRange(node.src.file, s, e), comment, own))
    return list(by_file.items())


def first_time(ctx, doc, fi: int) -> bool:
    """Report a repository file once per run, though `paperlint .` may lint several drafts of one project."""
    seen = ctx.settings.__dict__.setdefault("_fg_code_reported", set())
    key = (ctx.rule.code, str(doc.files[fi].path))
    if doc.files[fi].path.suffix not in (".py", ".ipynb"):
        return True  # code inside the draft itself belongs to that draft
    if key in seen:
        return False
    seen.add(key)
    return True


class RedGreenInPlotCode(Check):
    code = "FG111"

    def run(self, doc, ctx):
        from ...figures.plotcode import SUGGEST

        for fi, report in scan_code(doc, ctx.options["paths"]):
            if not first_time(ctx, doc, fi):
                continue
            for start, end, fields, severity in _red_green(doc, fi, report):
                yield ctx.report(src=SourceRange(fi, start, end), severity=severity, **fields)
            for use in report.cmaps:
                yield ctx.report(src=SourceRange(fi, use.start, use.end), message=(
                    f"Colormap '{use.name}' {'is a rainbow whose bands' if use.kind != 'diverging' else 'runs from red to green, and its ends'} "
                    f"look alike to red-green colour-blind readers{' and suggest boundaries the data do not have' if use.kind != 'diverging' else ''}. "
                    f"Use {SUGGEST[use.kind]}."))


def _red_green(doc, fi, report):
    by_scope: dict[tuple, list] = {}
    for lit in report.literals:
        if lit.hue in ("red", "green"):
            by_scope.setdefault(lit.scope, []).append(lit)
    for scope, lits in by_scope.items():
        reds = [x for x in lits if x.hue == "red"]
        greens = [x for x in lits if x.hue == "green"]
        if not reds or not greens:
            continue
        first = min(reds + greens, key=lambda x: x.start)
        other = greens[0] if first.hue == "red" else reds[0]
        line = doc.files[fi].line_col(other.start)[0]
        styled = all(x.style is not None for x in reds + greens) and not ({x.style for x in reds} & {x.style for x in greens})
        where = "" if not scope else f" in the code {scope[0]}" if scope[0].startswith("block") else " in one notebook cell" if scope[0].startswith("notebook") else f" in {scope[-1]}()"
        extra = (" The lines also differ by style or marker, so colour is not the only cue." if styled
                 else " Use a colour-blind-safe palette (Okabe-Ito, seaborn 'colorblind', or tab10's blue and orange) and vary line style or markers too.")
        fields = {"first": f"'{first.text}' ({xcolor.describe(first.rgb)})", "other": f"'{other.text}' ({xcolor.describe(other.rgb)}, line {line})",
                  "where": where, "extra": extra}
        yield first.start, first.end, fields, (Severity.INFO if styled else None)

