"""ST110: the introduction has no list of contributions."""
from __future__ import annotations

from ...diagnostics import Severity
from ...document import structure
from ...document.contributions import intro_contributions
from ..base import Check


class ContributionsMissing(Check):
    code = "ST110"

    def run(self, doc, ctx):
        if structure.is_fragment(doc) or not doc.has_prose():
            return
        from ...venues import is_joss

        if is_joss(doc, ctx.settings):
            return  # a software paper: JOSS asks for a statement of need, not a list of contributions
        intro, found, near_miss = intro_contributions(doc)
        if intro is None:
            return  # ST102 speaks about the missing introduction
        if found is not None:
            return
        why = ""
        if near_miss is not None:
            why = f" The list at line {doc.files[near_miss[0].src.file].line_col(near_miss[0].src.start)[0]} reads as {near_miss[1]}, not as contributions."
        # a contributions list is the convention of ML and CS venues; elsewhere it is advice
        yield ctx.report(src=intro.src, why=why, severity=None if structure.cs_venue(doc) else Severity.INFO)
