"""FG101 (no caption), FG102 (caption too short), FG103 (figure or table never referenced)."""
from __future__ import annotations

from ... import lazyre

from ...diagnostics import Severity
from ...figures import floats as fl_
from ..base import Check

MANUAL_CAPTION = lazyre.compile(r"\\refstepcounter\s*\{(?:figure|table)\}")
RANGE_REFS = lazyre.compile(r"\\[cC]refrange\*?\s*\{([^{}]*)\}\s*\{([^{}]*)\}")


class FigureCaptionMissing(Check):
    code = "FG101"

    def run(self, doc, ctx):
        for fl in fl_.floats(doc):
            if fl.nested or not fl.standalone or fl.figure.env == "img":
                continue
            if fl.kind == "image":
                continue  # an empty alt text is an empty caption: FG102
            if fl.main_captions or MANUAL_CAPTION.search(doc.source_text(fl.figure.src)):
                continue  # (a caption typed by hand: \\refstepcounter{figure} and a bold "Figure N.")
            what = "figure" if fl.kind == "figure" else "table"
            sub = " (only its panels have sub-captions)" if fl.captions else ""
            yield ctx.report(src=fl.begin, what=what, sub=sub)


class FigureCaptionShort(Check):
    code = "FG102"

    def run(self, doc, ctx):
        minimum = ctx.options["min-words"]
        for fl in fl_.floats(doc):
            if not fl.standalone or fl.figure.env == "img":
                continue
            for cap in fl.main_captions:
                if cap.kind != "figure":
                    continue  # a table's caption may be a title; a figure's must explain it
                n = fl_.words(cap.text)
                if n >= minimum:
                    continue
                if n == 0:
                    yield ctx.report(src=cap.src, severity=Severity.WARNING,
                                     message="This figure's caption is empty: say what the figure shows and what the reader should take from it.")
                else:
                    yield ctx.report(src=cap.src, n=n, plural="" if n == 1 else "s", minimum=minimum)


class FigureUnreferenced(Check):
    code = "FG103"

    def run(self, doc, ctx):
        fls = [f for f in fl_.floats(doc) if not f.nested and f.standalone and f.figure.env != "img"]
        if not fls:
            return
        refs = {key for key, _ in doc.refs}
        order = {key: i for i, key in enumerate(doc.labels)}
        spans = []
        for node in doc.macros("crefrange", "Crefrange"):
            text = doc.source_text(node.src)
            m = RANGE_REFS.search(text)
            if m and m.group(1).strip() in order and m.group(2).strip() in order:
                spans.append((order[m.group(1).strip()], order[m.group(2).strip()]))
        numbers = fl_.numbered(doc, fls)
        for fl in fls:
            if fl.figure.section is not None and _in_appendix(fl.figure.section):
                continue  # supplementary figure galleries are a convention: not reported
            labels = [lab for lab in fl.figure.labels if lab]
            if any(lab in refs for lab in labels):
                continue
            if any(lo <= order.get(lab, -1) <= hi for lab in labels for lo, hi in spans):
                continue
            number = numbers.get(id(fl))
            if number is None:
                continue  # no caption, no number: FG101 speaks about it
            kind, ns = number
            if any(fl_.mentions_number(doc, kind, n) for n in ns):
                continue
            n = ns[0]
            what = "Figure" if kind == "figure" else "Table"
            if labels:
                src = doc.labels.get(labels[0], fl.begin)
                how = f"its label `{labels[0]}` is never used by \\ref, \\cref or \\autoref" if doc.format == "latex" else f"nothing cites @{labels[0]}"
            else:
                src = fl.begin
                how = "it has no \\label to refer to, and the text never mentions it" if doc.format == "latex" else "the text never mentions it"
            yield ctx.report(src=src, what=f"{what} {n}", how=how)


def _in_appendix(sec) -> bool:
    from ...document.structure import BACK_MATTER

    while sec is not None and sec.kind == "section":
        if sec.appendix or BACK_MATTER.match(sec.title):
            return True
        sec = sec.parent
    return False
