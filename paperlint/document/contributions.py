"""Finding the list of contributions at the end of an introduction.

A list counts when its lead-in says it lists contributions ("our contributions
are", "we make the following contributions", "in summary, we"), when it sits in
a section titled Contributions, or when most items open with what the authors
did ("We propose...", "A new benchmark..."). A list of research questions or of
software functions is not a list of contributions.
"""
from __future__ import annotations

from .. import lazyre
import re

from .model import Document, ListInfo, Section
from . import structure

LEAD_CUES = lazyre.compile(
    r"\b(contributions?|contribute|we make the following|(main|key|principal) (results|findings|ideas)|"
    r"(this|our) (paper|work|article) (makes|offers|provides|presents)|in summary|to summari[sz]e|we summari[sz]e|"
    r"summary of (our|the) (work|results)|specifically,? (we|our)|as follows|the following)\b", re.I)
ITEM_VERBS = lazyre.compile(
    r"^\W*(we|our|this (paper|work)|the (first|paper)|a (new|novel|simple|general|principled|unified|scalable|theoretical)|an? [\w-]+ (method|framework|algorithm|approach|model|analysis|benchmark|dataset|data set|library|tool)|"
    r"(propose|introduce|present|show|develop|demonstrate|provide|release|derive|prove|establish|analy[sz]e|design|formulate|extend|evaluate|"
    r"identify|construct|collect|create|study|characteri[sz]e|generali[sz]e|achieve|obtain|offer|open-source|publish|build))\b", re.I)
QUESTION_LEAD = lazyre.compile(r"\b(research questions?|RQs?\b|we ask|questions?:|we address the following questions|hypothes[ie]s)", re.I)
SOFTWARE_LEAD = lazyre.compile(r"\b(functions?|the package|the library|features?|commands?|modules?|API|methods of the class|provides the following)\b", re.I)
CODE_ITEM = lazyre.compile(r"^\W*[\w.]+\(\)|^\W*`")
CONTRIB_TITLE = lazyre.compile(r"\bcontributions?\b", re.I)


def _items_text(lst: ListInfo) -> list[str]:
    return [b.text.strip() for b in lst.items if b.text.strip()]


def classify(lst: ListInfo, in_contrib_section: bool) -> tuple[bool, str | None]:
    """(is a contributions list, or why not)."""
    items = _items_text(lst)
    if not items:
        return False, "an empty list"
    lead = lst.lead.text if lst.lead is not None else ""
    lead_tail = lead[-300:]
    questions = sum(i.rstrip().endswith("?") for i in items) * 2 > len(items)
    # the sentence that opens the list decides: "We ask whether X. Our contributions are:" lists contributions
    last = lst.lead.sentences[-1].text if lst.lead is not None and lst.lead.sentences else lead_tail
    if not questions and re.search(r"\bcontribut", last, re.I) and not QUESTION_LEAD.search(last):
        return True, None
    if questions or QUESTION_LEAD.search(lead_tail):
        return False, "a list of research questions"
    if sum(bool(CODE_ITEM.match(i)) for i in items) * 2 > len(items) or (SOFTWARE_LEAD.search(lead_tail) and not LEAD_CUES.search(lead_tail)):
        return False, "a list of software features"
    if in_contrib_section:
        return True, None
    if re.search(r"\bcontribut", lead_tail, re.I):
        return True, None
    verbs = sum(bool(ITEM_VERBS.match(i)) for i in items)
    if verbs * 2 >= len(items) and LEAD_CUES.search(lead_tail):
        return True, None
    if verbs * 3 >= 2 * len(items) and len(items) >= 2:
        return True, None
    return False, "a list of topics"


def find_contribution_list(doc: Document, intro: Section) -> tuple[ListInfo | None, tuple[ListInfo, str] | None]:
    """The contributions list of the introduction (or of a Contributions section right after it)."""
    scope = set(intro.walk())
    after = structure.section_after(doc, intro)
    if after is not None and CONTRIB_TITLE.search(after.title):
        scope |= set(after.walk())
    near_miss = None
    for lst in doc.lists:
        if lst.section not in scope or lst.depth > 1:
            continue
        in_contrib = lst.section is not None and CONTRIB_TITLE.search(lst.section.title or "") is not None
        ok, why = classify(lst, in_contrib)
        if ok:
            return lst, None
        if near_miss is None:
            near_miss = (lst, why)
    return None, near_miss


def intro_contributions(doc: Document) -> tuple[Section | None, ListInfo | None, tuple[ListInfo, str] | None]:
    """(introduction, its contributions list, the nearest non-contribution list and why), computed once per document.

    ST110, ST111, ST112 and `paperlint outline` all judge the same list.
    """
    cached = doc.__dict__.get("_paperlint_contributions")
    if cached is None:
        intro = structure.introduction(doc)
        found, near_miss = find_contribution_list(doc, intro) if intro is not None else (None, None)
        cached = doc.__dict__["_paperlint_contributions"] = (intro, found, near_miss)
    return cached
