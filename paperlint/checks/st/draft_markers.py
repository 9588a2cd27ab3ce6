"""ST140: leftover draft markers (TODO, FIXME, \\todo{}, ??, lorem ipsum, empty sections).

The markers written in the text and the note macros are data, rules/data/draft_markers.toml:
a Vale existence rule run by the kinds engine. What stays here: a match must be written as it
reads (``is_plain``: no markup or placeholder inside), the macros are found in the LaTeX markup
(todonotes' ``disable`` option silences them) and empty sections are a fact of the document's
structure, not of its words.
"""
from __future__ import annotations

from ... import lazyre
import re

from ..base import Check

SPEC = "draft_markers"
EMPTY_EXEMPT = lazyre.compile(r"^\W*(references|bibliography|acknowledge?ments?|appendix|appendices|supplementary|footnotes|index)\b", re.I)


class DraftMarkers(Check):
    code = "ST140"

    def run(self, doc, ctx):
        from ...kinds.builtin import load_spec, rule_set

        rules = rule_set("ST140", SPEC)
        text = doc.text
        for block in doc.blocks:
            for _, alert in rules.alerts(text, block.start, block.end):
                if doc.offsets.is_plain(alert.start, alert.end):
                    yield ctx.report(alert.start, alert.end, marker=text[alert.start:alert.end])
        disabled = _todonotes_disabled(doc)
        for node in doc.macros(*load_spec(SPEC)["latex"]["macros"]):
            if node.name in ("note",) and not node.args:
                continue
            if disabled and node.name in ("todo", "missingfigure", "listoftodos"):
                continue  # \\usepackage[disable]{todonotes}: the notes never reach the reader
            yield ctx.report(src=node.src, marker=f"\\{node.name}")
        if ctx.options["empty-sections"]:
            yield from self._empty_sections(doc, ctx)

    def _empty_sections(self, doc, ctx):
        sections = [s for s in doc.sections if s.src is not None]
        for i, sec in enumerate(sections):
            if sec.children or EMPTY_EXEMPT.match(sec.title) or sec.level > doc.main_level + 2:
                continue
            if any(b.kind != "heading" for b in sec.blocks):
                continue
            if any(f.section is sec for f in doc.figures):
                continue
            nxt = sections[i + 1] if i + 1 < len(sections) else None
            f = doc.files[sec.src.file]
            if nxt is not None and nxt.src.file == sec.src.file:
                between = f.text[sec.src.end : nxt.src.start]
            elif nxt is None and sec.src.file == 0 and doc.format == "latex":
                end = f.text.find("\\end{document}", sec.src.end)
                between = f.text[sec.src.end : end if end != -1 else len(f.text)]
            elif nxt is None:
                between = f.text[sec.src.end :]
            else:
                continue
            if _only_comments(between, doc.format):
                yield ctx.report(src=sec.src, marker=f"empty section '{sec.title}'")


def _todonotes_disabled(doc) -> bool:
    for node in doc.macros("usepackage", body_only=False):
        text = doc.source_text(node.src)
        if "todonotes" in text and re.search(r"\[[^\]]*\bdisable\b", text):
            return True
    return False


def _only_comments(text: str, fmt: str) -> bool:
    if fmt == "latex":
        text = re.sub(r"(?<!\\)%[^\n]*", "", text)
        text = re.sub(r"\\label\{[^}]*\}|\\(newpage|clearpage|vspace\*?\{[^}]*\})", "", text)
    else:
        text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    return not text.strip()
