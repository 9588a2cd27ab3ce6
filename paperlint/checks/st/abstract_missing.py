"""ST101: the draft has no abstract."""
from __future__ import annotations

from ...diagnostics import Severity
from ...document import structure
from ..base import Check


class AbstractMissing(Check):
    code = "ST101"

    def run(self, doc, ctx):
        if structure.is_fragment(doc) or not doc.has_prose():
            return
        abstract = doc.abstract
        if abstract is not None:
            if any(b.kind in ("paragraph", "item") and b.text.strip() for b in abstract.all_blocks()):
                return
            yield ctx.report(src=abstract.src, message="The abstract is empty: write the one paragraph most readers will read instead of the paper.")
            return
        body = structure.body_sections(doc)
        if any(s.title.strip(" .:").lower() == "statement of need" for s in doc.sections):
            return  # a JOSS paper: the venue has a Summary and a Statement of need, no abstract
        hint, severity = "", None
        if body and body[0].title.strip(" .:").lower() == "summary":
            # many venues name the abstract Summary (JOSS, Wiley and Cell journals): say it, as info
            hint = " A 'Summary' section is not an abstract; if your venue asks for a Summary instead (as JOSS does), ignore ST101 in your configuration."
            severity = Severity.INFO
        yield ctx.report(src=structure.anchor(doc), hint=hint, severity=severity)
