"""ST120: the draft never names a limit of its own work; ST121: it has no limitations heading.

ST120 is about substance: a sentence anywhere in the closing sections (discussion, conclusion,
future work, broader impact, open problems) that names where this work stops satisfies it, as
a heading does. ST121 is about the convention many venues ask for: a section or paragraph
headed Limitations (or Threats to Validity, Caveats, Shortcomings), which reviewers look for.
"""
from __future__ import annotations

from ... import lazyre
import re

from ...diagnostics import Severity
from ...document import structure
from ..base import Check

LIMIT_WORD = lazyre.compile(r"\b(limitations?|shortcomings?|caveats?|drawbacks?|weakness(es)?|threats? to (the )?validity)\b", re.I)
# Sentences in which the authors name the limits of their own work (not of earlier work): an
# explicit word ("one limitation of our method is"), or a statement of scope or failure.
_OWN = r"(our|this|the present|the proposed|the current|these|such)"
_KIND = r"(work|study|paper|approach|method|methods|analysis|model|models|framework|tool|system|results?|findings|evaluation|experiments?|design|benchmark|data ?set|technique|algorithm)"
_LIMIT = r"(limitations?|shortcomings?|caveats?|drawbacks?|weaknesses)"
OWN_LIMITS = lazyre.compile(
    rf"\b(?:(?:a|one|the|an|another|main|key|major|important|obvious|potential|primary|second|first|further|notable|significant)\s+(?:\w+\s+)?{_LIMIT}\s+(?:of|is|to|in)\b"
    rf"|{_LIMIT}\s+of\s+{_OWN}\s+(?:\w+\s+)?{_KIND}"
    rf"|\b{_OWN}\s+(?:\w+\s+)?{_KIND}\s+(?:has|have|had|is subject to|comes? with|suffers? from)\s+(?:\w+\s+){{0,2}}{_LIMIT}"
    rf"|\bwe\s+(?:\w+\s+)?(?:acknowledge|note|recogni[sz]e|discuss|identify|highlight|point out|list|describe)\s+(?:\w+\s+){{0,3}}{_LIMIT}"
    rf"|\b{_LIMIT}\s+(?:include|are|were)\b"
    rf"|\bthreats? to (?:the )?validity)",
    re.I,
)
SCOPE = lazyre.compile(
    r"\b(?:is|are|was|were|remains?|stays?)\s+(?:\w+ly\s+|still\s+|thus\s+|therefore\s+|so far\s+)*(?:limited|restricted|confined)\s+(?:to|by|in)\b"
    r"|\b(?:limited|restricted|confined)\s+to\s+(?:the\s+)?(?:case|setting|regime|class|scope|situation|domain|range)s?\b"
    r"|\bdo(?:es)?\s+not\s+(?:yet\s+|currently\s+|fully\s+|directly\s+)?(?:capture|account\s+for|consider|model|handle|scale|address|include|cover|support|generali[sz]e|apply|guarantee|take\s+into\s+account|reflect|resolve)\b"
    r"|\b(?:we|this\s+(?:work|paper|study|analysis))\s+(?:do|did|does|have|has)\s+not\s+(?:yet\s+)?(?:consider(?:ed)?|address(?:ed)?|model(?:l?ed)?|stud(?:y|ied)|evaluat(?:e|ed)|test(?:ed)?|examin(?:e|ed)|explor(?:e|ed)|investigat(?:e|ed)|account(?:ed)?\s+for|includ(?:e|ed))\b"
    r"|\bcannot\s+(?:yet\s+|fully\s+|directly\s+)?(?:capture|account\s+for|handle|model|be\s+applied|be\s+used|guarantee|explain|distinguish|rule\s+out|detect|represent|resolve|reproduce)\b"
    r"|\b(?:is|are|has|have)\s+not\s+(?:yet\s+)?(?:been\s+)?(?:implemented|supported|covered|validated|tested|evaluated|addressed|explored)\b"
    r"|\bnot\s+(?:yet|currently|fully)\s+(?:\w+\s+)?(?:supported|available|possible|precise|clear|known|covered|implemented|included|understood)\b"
    r"|\brestrict(?:ed|s)?\s+(?:our|the|this)\s+(?:attention|analysis|study|focus|discussion|investigation|scope)\s+to\b"
    r"|\bdo(?:es)?\s+not\s+(?:perform|scale|work|fit)\s+(?:as\s+)?well\b|\bnot\s+a\s+panacea\b"
    r"|\b(?:could|should|might|may|can)\s+be\s+(?:included|added|incorporated|extended|improved|considered|addressed|explored|relaxed)\b[^.;]{0,60}\bfuture\b"
    r"|\breaders?\s+(?:should|shall|must)\s+(?:be\s+aware|note|keep\s+in\s+mind)\b|\bcan\s+have\s+(?:an?\s+)?(?:large\s+)?uncertaint"
    r"|\bcan\s+still\s+(?:differ|fail|be\s+wrong|deviate|be\s+biased)\b"
    r"|\b(?:beyond|outside)\s+(?:the|our)\s+(?:\w+\s+)?scope\b|\bfalls?\s+outside\b"
    r"|\bremains?\s+(?:an?\s+)?(?:open|unclear|unknown|unresolved|untested|to\s+be\s+(?:seen|investigated|explored|determined|tested|established|done|shown|proven|addressed|understood))\b"
    r"|\bleft\s+(?:for|to)\s+future\s+(?:work|research|studies)\b|\bleave\b[^.;]{0,80}\bfor\s+future\s+(?:work|research|studies)\b"
    r"|\b(?:sources?|source)\s+of\s+(?:error|uncertainty|bias)\b"
    r"|\bneglect(?:s|ed|ing)?\b|\bunder-?perform(?:s|ed)?\b|\bat\s+the\s+(?:cost|expense)\s+of\b"
    r"|\bonly\s+as\s+(?:good|accurate|reliable|strong)\s+as\b"
    r"|\b(?:disadvantages?|downsides?|weakness(?:es)?)\b"
    r"|\brequires?\s+(?:substantial|significant|considerable)\s+\w+\s+(?:changes|updates|modifications)\b"
    r"|\b(?:should|must)\s+be\s+(?:interpreted|taken|treated)\s+with\s+caution\b|\bwith\s+caution\b"
    r"|\bmay\s+not\s+(?:\w+\s+)?(?:generali[sz]e|hold|apply|transfer|scale|be\s+representative|extend)\b"
    r"|\b(?:is|are)\s+not\s+(?:necessarily\s+)?(?:representative|generali[sz]able)\b"
    r"|\bpotential(?:ly)?\s+(?:bias|biases|confound)"
    r"|\b(?:small|modest|limited)\s+(?:sample|number\s+of\s+(?:participants|subjects|samples|data\s+sets|datasets|runs|seeds))\b"
    r"|\brequires?\s+(?:substantial|significant|considerable)\s+(?:changes|updates|effort|work|computation|resources|modifications)\b"
    r"|\b(?:further|more|future)\s+(?:work|research|studies|experiments|investigation)\s+(?:is|are|will\s+be)\s+(?:needed|required|necessary)\b"
    r"|\bfuture\s+work\s+(?:should|could|must|will|may)\s+(?:address|investigate|extend|consider|relax|remove|overcome|examine|explore|test|cover|analy[sz]e|assess)\b",
    re.I,
)
NOT_OWN = lazyre.compile(
    r"\b(overcome|address(es|ed)?|alleviate|avoid|remov(e|es|ed)|circumvent|mitigat(e|es|ed)|resolv(e|es|ed)|tackl(e|es|ed)|solv(e|es|ed))\s+"
    r"(these|those|the|such|their|this|its|some|many|several)?\s*(\w+\s+)?(limitations?|shortcomings?|drawbacks?)"
    r"|\b(limitations?|shortcomings?|drawbacks?) of (previous|prior|existing|current|traditional|earlier|standard|classical|conventional|other)\b"
    r"|\b(previous|prior|existing|traditional|earlier|conventional|classical|competing|baseline|their)\s+(work|works|methods?|approaches|models?|studies|techniques|tools|systems|algorithms)\b"
    r"|^\W*(unlike|in contrast to)\b",
    re.I,
)
#: Cues that a sentence is about someone else's work, unless it names the authors' own
#: ("The main limitation of our work is inherited from X [12]" is still theirs to own).
OTHERS = lazyre.compile(r"\btheir\b|\[\d+(?:[,\u2013-]\s*\d+)*\]", re.I)
OWN_WORK = lazyre.compile(rf"\bour\b|\b(?:this|the present|the proposed) {_KIND}\b", re.I)


def not_own(s: str) -> bool:
    """The sentence is about someone else's limits, not the authors' own."""
    return bool(NOT_OWN.search(s)) or (OTHERS.search(s) is not None and OWN_WORK.search(s) is None)
#: Closing sections where a paper says where its work stops.
CLOSING = lazyre.compile(
    r"\b(discussion|conclusions?|concluding|future (work|directions|research)|outlook|summary|closing remarks|limitations?|"
    r"broader impacts?|impact statement|societal impact|open (problems|questions|issues|challenges|directions)|perspectives?|"
    r"critical (appraisal|assessment)|challenges)\b", re.I)
FINAL_PARAGRAPHS = 5   # a paper with no closing section: its last paragraphs close it


def limitations_heading(doc):
    """The first section or paragraph heading about limitations, or None."""
    for sec in doc.sections:
        if structure.LIMITATIONS.search(sec.title):
            return sec
    return None


def limits_named(doc) -> bool:
    """A sentence of the closing part of the paper names a limit of the authors' own work."""
    return limit_sentence(doc) is not None


def limit_sentence(doc):
    """The first sentence of the closing part that names a limit of the authors' own work, or None."""
    for block in closing_blocks(doc):
        if block.kind not in ("paragraph", "item"):
            continue
        text = block.text
        if not (LIMIT_WORD.search(text) or SCOPE.search(text)):
            continue
        for sent in block.sentences:
            s = sent.text
            if s.rstrip().endswith("?"):
                continue  # a checklist question, not an answer
            if (OWN_LIMITS.search(s) or SCOPE.search(s)) and not not_own(s):
                return sent
    return None


def closing_blocks(doc):
    """Blocks of the discussion, conclusion, future-work and impact sections (appendices too);
    in a paper with none of them, the last paragraphs of the body."""
    found = False
    for sec in doc.sections:
        if _closing(sec):
            found = True
            yield from sec.blocks
    if not found:
        body = [b for sec in structure.body_sections(doc) for b in sec.all_blocks() if b.kind == "paragraph"]
        yield from body[-FINAL_PARAGRAPHS:]


def _closing(sec) -> bool:
    while sec is not None and sec.kind == "section":
        title = sec.title
        if structure.RELATED.search(title):
            return False
        if CLOSING.search(title):
            return True
        if structure.BACK_MATTER.match(title):
            return False
        sec = sec.parent
    return False


class LimitationsMissing(Check):
    code = "ST120"

    def run(self, doc, ctx):
        if structure.is_fragment(doc) or not doc.has_prose():
            return
        body = structure.body_sections(doc)
        if not body:
            return
        if limitations_heading(doc) is not None:
            return
        if ctx.options["accept-discussion"] and limits_named(doc):
            return
        experiments = structure.reports_experiments(doc)
        severity = Severity.ERROR if experiments and ctx.options["error-with-experiments"] else None
        if severity is None and not structure.cs_venue(doc):
            severity = Severity.INFO  # outside ML and CS venues, limits are stated in too many ways to be sure
        where = body[-1]
        for sec in body:
            if structure.DISCUSSION.search(sec.title):
                where = sec
        yield ctx.report(src=where.src, severity=severity,
                         extra=" This draft reports experiments, so readers need to know where its results stop." if experiments else "")


class LimitationsHeadingMissing(Check):
    code = "ST121"

    def run(self, doc, ctx):
        if structure.is_fragment(doc) or not doc.has_prose():
            return
        body = structure.body_sections(doc)
        if not body or limitations_heading(doc) is not None:
            return
        if not limits_named(doc):
            return  # ST120 speaks: there is nothing to put under the heading yet
        where = body[-1]
        for sec in body:
            if structure.DISCUSSION.search(sec.title):
                where = sec
        yield ctx.report(src=where.src)
