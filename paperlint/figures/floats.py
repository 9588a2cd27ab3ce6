"""Figures and tables as the reader meets them: captions (main and sub), numbers, references.

Shared by FG101 (no caption), FG102 (caption too short) and FG103 (never referenced).
"""
from __future__ import annotations

import re
from ..records import dataclass, field

from ..document.offsets import SourceRange

CAPTION_MACROS = ("caption", "captionof", "subcaption", "subcaptionbox")
SUBFLOATS = ("subfigure", "subtable", "subfloat")
FLOAT_KINDS = ("figure", "table")


@dataclass
class Caption:
    src: SourceRange               # the caption command
    text: str                      # its prose (empty for \caption{})
    sub: bool                      # a sub-caption (subfigure, \subcaption)
    kind: str                      # figure | table (what it numbers)


@dataclass
class Float:
    figure: object                 # model.Figure
    kind: str                      # figure | table | image
    begin: SourceRange             # \begin{figure} (or the Markdown image)
    captions: list[Caption] = field(default_factory=list)
    standalone: bool = True        # Markdown: the image is a paragraph of its own (a figure, not an inline icon)
    nested: bool = False           # holds another float (a figure wrapping an algorithm)

    @property
    def main_captions(self) -> list[Caption]:
        return [c for c in self.captions if not c.sub]


def _within(rng: SourceRange, outer: SourceRange) -> bool:
    return rng.file == outer.file and outer.start <= rng.start and rng.end <= outer.end


def floats(doc) -> list[Float]:
    """Every figure and table float (LaTeX) or standalone image (Markdown), in document order."""
    out: list[Float] = []
    if doc.format == "markdown":
        for fig in doc.figures:
            if fig.kind != "image":
                continue
            fl = Float(fig, "image", fig.src, standalone=fig.env == "image" and _standalone(doc, fig.src))
            for block in fig.captions:
                fl.captions.append(Caption(fig.src, block.text, False, "figure"))
            if fig.env == "image" and not fig.captions:
                fl.captions.append(Caption(fig.src, "", False, "figure"))  # ![](x.png): an empty caption
            out.append(fl)
        return out
    latex_floats = [f for f in doc.figures if f.kind in FLOAT_KINDS]
    nodes = [n for n in doc.markup if n.kind == "macro" and n.name in CAPTION_MACROS and n.in_body]
    for fig in latex_floats:
        text = doc.files[fig.src.file].text
        close = text.find("}", fig.src.start)
        begin = SourceRange(fig.src.file, fig.src.start, close + 1 if 0 <= close < fig.src.end else fig.src.start + 1)
        fl = Float(fig, fig.kind, begin)
        fl.nested = any(o is not fig and _within(o.src, fig.src) for o in doc.figures if o.kind != "image")
        inner = [o.src for o in doc.figures if o is not fig and o.kind != "image" and _within(o.src, fig.src)]
        parts = _parts(doc, fig.src)
        for node in nodes:
            if not any(_within(node.src, p) for p in parts) or any(_within(node.src, r) for r in inner):
                continue
            if any(c.rstrip("*") in ("algorithm", "listing", "lstlisting") for c in node.context):
                continue  # an algorithm set inside a figure captions itself, not the figure
            fl.captions.append(_caption(doc, fig, node))
        out.append(fl)
    return out


def _parts(doc, src: SourceRange) -> list[SourceRange]:
    """The float's own range and every file \\input from inside it (a caption may live there)."""
    parts = [src]
    i = 0
    while i < len(parts):
        for inc in doc.includes:
            if inc.file is not None and _within(inc.src, parts[i]) and all(p.file != inc.file for p in parts):
                parts.append(SourceRange(inc.file, 0, len(doc.files[inc.file].text)))
        i += 1
    return parts


def _caption(doc, fig, node) -> Caption:
    src_text = doc.files[node.src.file].text
    sub = node.name in ("subcaption", "subcaptionbox") or any(c in SUBFLOATS for c in node.context)
    kind = fig.kind
    if node.name == "captionof" and node.args:
        first = node.args[0]
        kind = src_text[first.start : first.end].strip().rstrip("*") or kind
    arg = node.args[0] if node.name == "subcaptionbox" and node.args else (node.args[-1] if node.args else None)
    words = ""
    if arg is not None:
        parts = []
        for block in fig.captions:
            rng = doc.to_source(block.start, block.end)
            if rng is not None and rng.file == arg.file and arg.start <= rng.start < max(arg.end, arg.start + 1):
                parts.append(block.text)
        words = " ".join(parts)
    return Caption(node.src, words, sub, kind)


def _standalone(doc, rng: SourceRange) -> bool:
    """A Markdown image alone in its paragraph (pandoc makes it a figure with a caption)."""
    text = doc.files[rng.file].text
    line_start = text.rfind("\n", 0, rng.start) + 1
    line_end = text.find("\n", rng.end)
    line_end = len(text) if line_end == -1 else line_end
    before = re.sub(r"<!--.*?-->", "", text[line_start : rng.start])
    after = re.sub(r"<!--.*?-->", "", text[rng.end : line_end])
    return not re.sub(r"^[ \t>]*", "", before) and not after.strip()


def words(text: str) -> int:
    return len(re.findall(r"[^\W\d_][\w'’-]*|\d+(?:\.\d+)?", text))


def numbered(doc, fls: list[Float]) -> dict[int, tuple[str, list[int]]]:
    """id(Float) -> (kind, numbers) for floats that get numbers (one per main caption), counted as LaTeX and pandoc do."""
    counters = {"figure": 0, "table": 0}
    out: dict[int, tuple[str, list[int]]] = {}
    for fl in fls:
        if fl.kind == "image":
            if fl.standalone and fl.main_captions and fl.main_captions[0].text.strip():
                counters["figure"] += 1
                out[id(fl)] = ("figure", [counters["figure"]])
            continue
        for cap in fl.main_captions:
            if cap.kind in counters:
                counters[cap.kind] += 1
                out.setdefault(id(fl), (cap.kind, []))[1].append(counters[cap.kind])
    return out


def mentions_number(doc, kind: str, number: int) -> bool:
    """The prose says 'Figure 3' / 'Fig. 3' / 'Table 3' in plain text (not a \\ref placeholder), also
    inside a list or range ('Figures 2 and 3', 'Figs. 2-4', 'Tables 1, 3')."""
    word = r"(?:Fig(?:ure)?s?\.?|fig(?:ure)?s?\.?)" if kind == "figure" else r"(?:Tab(?:le)?s?\.?|tab(?:le)?s?\.?)"
    for m in re.finditer(rf"\b{word}\s*({number})(?![\d.]\d)", doc.text):
        if doc.offsets.is_plain(m.start(1), m.end(1)):
            return True
    for m in re.finditer(rf"\b{word}\s*(\d+(?:\s*(?:,|and|&|to|[\u2013-])\s*\d+)+)", doc.text):
        nums = [int(x) for x in re.findall(r"\d+", m.group(1))]
        ranged = re.search(r"\d+\s*(?:to|[\u2013-])\s*\d+", m.group(1)) is not None
        if number in nums or (ranged and len(nums) == 2 and nums[0] < number < nums[1]):
            first = re.match(r"\d+", m.group(1))
            if doc.offsets.is_plain(m.start(1), m.start(1) + first.end()):
                return True
    if doc.format == "markdown":
        # a reference written by hand but never wired up ("Figure [fig:tidy]"): the author did point to it
        return re.search(rf"\b{word}\s*\[[^\]\s]+\]", doc.text) is not None
    return False
