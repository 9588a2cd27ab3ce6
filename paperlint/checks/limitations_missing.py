"""ST120: no limitations section, heading or discussion."""
from __future__ import annotations

import re

from ..diagnostics import Severity
from ..document import structure
from .base import Check

LIMIT_WORD = re.compile(r"\b(limitations?|shortcomings?|caveats?|drawbacks?|threats? to (the )?validity)\b", re.I)
# Sentences in which the authors discuss the limits of their own work (not of earlier work).
_OWN = r"(our|this|the present|the proposed|the current|these|such)"
_KIND = r"(work|study|paper|approach|method|methods|analysis|model|models|framework|tool|system|results?|findings|evaluation|experiments?|design|benchmark|data ?set|technique|algorithm)"
_LIMIT = r"(limitations?|shortcomings?|caveats?|drawbacks?|weaknesses)"
OWN_LIMITS = re.compile(
    rf"\b(?:(?:a|one|the|an|another|main|key|major|important|obvious|potential|primary|second|first|further|notable|significant)\s+(?:\w+\s+)?{_LIMIT}\s+(?:of|is|to|in)\b"
    rf"|{_LIMIT}\s+of\s+{_OWN}\s+(?:\w+\s+)?{_KIND}"
    rf"|\b{_OWN}\s+(?:\w+\s+)?{_KIND}\s+(?:has|have|had|is subject to|comes? with|suffers? from)\s+(?:\w+\s+){{0,2}}{_LIMIT}"
    rf"|\bwe\s+(?:\w+\s+)?(?:acknowledge|note|recogni[sz]e|discuss|identify|highlight|point out|list|describe)\s+(?:\w+\s+){{0,3}}{_LIMIT}"
    rf"|\b{_LIMIT}\s+(?:include|are|were)\b"
    rf"|\bthreats? to (?:the )?validity)",
    re.I,
)
NOT_OWN = re.compile(r"\b(overcome|address(es|ed)?|alleviate|avoid|remov(e|es|ed)|circumvent|mitigat(e|es|ed)|resolv(e|es|ed)|tackl(e|es|ed)|solv(e|es|ed))\s+(these|those|the|such|their|this|its|some|many|several)?\s*(\w+\s+)?(limitations?|shortcomings?|drawbacks?)|\b(limitations?|shortcomings?|drawbacks?) of (previous|prior|existing|current|traditional|earlier|standard|classical|conventional|other)\b", re.I)


class LimitationsMissing(Check):
    code = "ST120"

    def run(self, doc, ctx):
        if structure.is_fragment(doc) or not doc.has_prose():
            return
        body = structure.body_sections(doc)
        if not body:
            return
        for sec in doc.sections:
            if structure.LIMITATIONS.search(sec.title):
                return
        if ctx.options["accept-discussion"] and self._discussed(doc):
            return
        experiments = structure.reports_experiments(doc)
        severity = Severity.ERROR if experiments and ctx.options["error-with-experiments"] else Severity.WARNING
        where = body[-1]
        for sec in body:
            if structure.DISCUSSION.search(sec.title):
                where = sec
        yield ctx.report(src=where.src, severity=severity,
                         extra=" This draft reports experiments, so readers need to know where its results stop." if experiments else "")

    def _discussed(self, doc) -> bool:
        """A paragraph of a discussion or conclusion section in which the authors name their own limits."""
        for sec in doc.sections:
            if not _in_discussion(sec):
                continue
            for block in sec.blocks:
                if block.kind not in ("paragraph", "item") or not LIMIT_WORD.search(block.text):
                    continue
                for sent in block.sentences:
                    s = sent.text
                    if s.rstrip().endswith("?"):
                        continue  # a checklist question, not an answer
                    if OWN_LIMITS.search(s) and not NOT_OWN.search(s):
                        return True
        return False


def _in_discussion(sec) -> bool:
    while sec is not None and sec.kind == "section":
        if structure.BACK_MATTER.match(sec.title) or structure.RELATED.search(sec.title):
            return False
        if structure.DISCUSSION.search(sec.title):
            return True
        sec = sec.parent
    return False
