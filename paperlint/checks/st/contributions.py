"""ST111 (the contributions list is too long) and ST112 (it is far from the end of the introduction).

Both start from the list ST110 accepts (``document.contributions.find_contribution_list``):
when ST110 finds no list they say nothing.
"""
from __future__ import annotations

from ... import lazyre
import re

from ...document import structure
from ...document.contributions import CONTRIB_TITLE, intro_contributions
from ...document.model import Block
from ..base import Check

#: "The rest of this paper is organised as follows": a roadmap, which may follow the list.
ROADMAP = lazyre.compile(
    r"\b(the )?(rest|remainder|remaining (part|sections?))( part)? of (the|this) (paper|article|work|manuscript|note)\b|"
    r"\b(paper|article|manuscript) (is|are) (organi[sz]ed|structured|laid out)\b|\b(proceeds|is organi[sz]ed) as follows\b|"
    r"^\W*(organi[sz]ation|outline|paper (organi[sz]ation|outline|structure|overview)|roadmap)\b|"
    r"^\W*(in )?section \d+\b[^.]{0,80}\b(describe|present|review|introduce|discuss|summari[sz]e|conclude|report)s?\b", re.I)


def _words(block: Block) -> int:
    return len(block.text.split())


def is_roadmap(block: Block) -> bool:
    text = " ".join(block.text.split())
    if ROADMAP.search(text[:200]):
        return True
    if block.section is not None and re.search(r"\b(organi[sz]ation|outline|roadmap|structure of)\b", block.section.title or "", re.I):
        return True
    return False


def _scope(doc, intro):
    secs = list(intro.walk())
    after = structure.section_after(doc, intro)
    if after is not None and CONTRIB_TITLE.search(after.title):
        secs.extend(after.walk())
    return secs


class ContributionsTooMany(Check):
    code = "ST111"

    def run(self, doc, ctx):
        if structure.is_fragment(doc):
            return
        intro, lst, _ = intro_contributions(doc)
        if intro is None or lst is None:
            return
        items = [b for b in lst.items if b.text.strip()]
        limit = ctx.options["max-items"]
        if len(items) > limit:
            yield ctx.report(src=lst.src, items=len(items), limit=limit)


class ContributionsNotAtEnd(Check):
    code = "ST112"

    def run(self, doc, ctx):
        if structure.is_fragment(doc):
            return
        intro, lst, _ = intro_contributions(doc)
        if intro is None or lst is None or not lst.items:
            return
        scope = _scope(doc, intro)
        blocks = [b for sec in scope for b in sec.blocks if b.kind in ("paragraph", "item")]
        blocks.sort(key=lambda b: b.start)
        total = sum(_words(b) for b in blocks)
        list_end = max(b.end for b in lst.items)
        # what follows the list, except a roadmap paragraph ("The rest of the paper is organised as follows")
        tail = [b for b in blocks if b.start >= list_end and not is_roadmap(b)]
        after = sum(_words(b) for b in tail)
        if total and after > total * ctx.options["max-fraction-after"] and after >= ctx.options["min-words-after"]:
            where = f" (and {tail[0].section.title!r} after it)" if tail and tail[0].section is not None and tail[0].section not in (lst.section, intro) else ""
            yield ctx.report(src=lst.src, after=after, total=total, pct=round(100 * after / total), where=where)
