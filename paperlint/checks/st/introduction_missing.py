"""ST102: the draft has no introduction."""
from __future__ import annotations

from ...document import structure
from ..base import Check


class IntroductionMissing(Check):
    code = "ST102"

    def run(self, doc, ctx):
        if structure.is_fragment(doc) or not doc.has_prose():
            return
        body = structure.body_sections(doc)
        if not body:
            if sum(len(b.text.split()) for b in doc.paragraphs) < ctx.options["min-words"]:
                return  # a note or a stub, not a paper
            yield ctx.report(src=structure.anchor(doc), found="no sections at all")
            return
        if structure.introduction(doc) is None:
            first = body[0]
            yield ctx.report(src=first.src, found=f"the first section is '{first.title}'")
