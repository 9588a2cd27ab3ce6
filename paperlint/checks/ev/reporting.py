"""EV101-EV105, EV111: the reported statistics themselves.

Every rule here reads the same list of reports (``paperlint.stats.found.document_tests``:
extracted once per document from the raw source of every file) and the same judgements
about each report's surroundings, computed once in :func:`reports`.
"""
from __future__ import annotations

from ... import lazyre
import re
from ...records import dataclass
from functools import cached_property

from ...diagnostics import Severity
from ...document.offsets import SourceRange
from ...stats.check import check, p_is_impossible
from ...stats.found import FoundTest, blanked_text, block_index, document_tests
from ...stats.thresholds import find_thresholds, is_threshold_statement, paragraph_window, raw_context
from ..base import Check

_EXPLORATORY = lazyre.compile(
    r"\bexplorator\w*|\bpost[- ]?hoc\b|\bdata[- ]driven\b|\bhypothesis[- ]generating\b|\bwe (?:also )?explored\b"
    r"|\bsecondary analys[ie]s\b|\bunplanned\b|\bnot pre-?registered\b",
    re.IGNORECASE,
)
_CORRECTED = lazyre.compile(
    r"correct(?:ed|ion)|Bonferroni|Holm|\bFDR\b|false discovery|adjusted|Tukey|[SŠ]id[aá]k|Scheff|Benjamini|Dunnett",
    re.IGNORECASE,
)
_CORRECTED_QUAL = lazyre.compile(r"adj|corr|fdr|bonf|holm|tukey|sid|fwe|q", re.IGNORECASE)
def _paragraph(text: str, start: int, end: int, reach: int = 700) -> str:
    pre, post = paragraph_window(text, start, end, reach, reach // 2)
    return pre + text[start:end] + post


def fmt_p(found: FoundTest) -> str:
    t = found.test
    if t.p_op == "ns":
        return "n.s."
    op = {"<=": "≤", ">=": "≥"}.get(t.p_op or "=", t.p_op or "=")
    return f"p {op} {t.p_text}"


@dataclass(eq=False)
class Report:
    """A report and what its surroundings say about it."""

    found: FoundTest
    doc: object
    text: str                      # the blanked raw text of its file

    @property
    def test(self):
        return self.found.test

    @cached_property
    def paragraph(self) -> str:
        return _paragraph(self.text, self.found.src.start, self.found.src.end)

    @cached_property
    def sentence(self) -> str:
        pre, post = raw_context(self.text, self.found.src.start, self.found.src.end)
        return pre + self.text[self.found.src.start:self.found.src.end] + post

    @cached_property
    def threshold(self) -> bool:
        return is_threshold_statement(self.text, self.test)

    @cached_property
    def exploratory(self) -> bool:
        return bool(_EXPLORATORY.search(self.paragraph))

    @cached_property
    def corrected(self) -> bool:
        q = self.test.qualifier or ""
        return bool(_CORRECTED_QUAL.search(q)) or bool(_CORRECTED.search(self.sentence))

    @cached_property
    def in_abstract(self) -> bool:
        block = block_index(self.doc).block_at(self.found.src)
        if block is None:
            return False
        sec = block.section
        return "abstract" in block.context or (sec is not None and sec.kind == "abstract")

    @property
    def frequentist(self) -> bool:
        return not self.found.bayesian

    @cached_property
    def verdict(self):
        return self.relaxed(self.found.verdict)

    def relaxed(self, v):
        """check()'s verdict, relaxed for corrected p-values (a correction only raises p): None when fine."""
        if v.status in ("inconsistent", "decision_error") and self.corrected and v.interval is not None:
            t = self.test
            if t.p is not None and t.p_op in ("=", ">", ">=") and t.p >= v.interval[0]:
                return None                      # corrected p above the raw one: as expected
            if t.p_op == "ns":
                return None
        return v


def reports(doc) -> list[Report]:
    cache = doc.__dict__.get("_paperlint_ev_reports")
    if cache is None:
        texts: dict[int, str] = {}
        cache = []
        for found in document_tests(doc):
            fi = found.src.file
            if fi not in texts:
                texts[fi] = blanked_text(doc, fi)
            cache.append(Report(found, doc, texts[fi]))
        doc.__dict__["_paperlint_ev_reports"] = cache
    return cache


def _strong_statistic(rep: Report) -> bool:
    """A statistic that itself gives p < .005, reported consistently (only the p is vague)."""
    v = rep.verdict
    return v is not None and v.status == "consistent" and v.interval is not None and v.interval[1] < 0.005


class SuggestiveEvidence(Check):
    code = "EV101"

    def run(self, doc, ctx):
        for rep in reports(doc):
            t = rep.test
            if not rep.frequentist or rep.threshold or t.p is None or rep.exploratory:
                continue
            if t.p_op == "=":
                hit = 0.005 <= t.p < 0.05
            elif t.p_op in ("<", "<="):
                hit = 0.005 < t.p <= 0.05
            else:
                hit = False
            if not hit or _strong_statistic(rep):
                continue
            v = rep.verdict
            if v is not None and v.status == "decision_error":
                continue                       # EV104 reports the bigger problem
            if rep.in_abstract:
                yield ctx.report(src=rep.found.p_src or rep.found.src, severity=Severity.WARNING, p=fmt_p(rep.found),
                                 where=" and the abstract rests on it")
            else:
                yield ctx.report(src=rep.found.p_src or rep.found.src, p=fmt_p(rep.found), where="")


class ThresholdAtFive(Check):
    code = "EV102"

    def run(self, doc, ctx):
        places = []
        for rep in reports(doc):
            if rep.frequentist and rep.threshold:
                places.append((rep.found.src, " ".join(rep.text[rep.found.src.start:rep.found.src.end].split())))
        for fi in range(len(doc.files)):
            if not _may_hold_threshold(doc, fi):
                continue
            for th in find_thresholds(blanked_text(doc, fi), doc.format):
                places.append((SourceRange(fi, th.start, th.end), th.text))
        if not places:
            return
        places.sort(key=lambda x: (x[0].file, x[0].start))
        src, what = places[0]
        more = len(places) - 1
        extra = f" (and {more} more place{'s' if more > 1 else ''})" if more else ""
        yield ctx.report(src=src, statement=what, more=extra)


def _may_hold_threshold(doc, fi) -> bool:
    text = doc.files[fi].text
    return ".05" in text or "5%" in text or "5\\%" in text or ".1" in text or "10%" in text or "10\\%" in text


class ExploratoryAboveMilli(Check):
    code = "EV103"

    def run(self, doc, ctx):
        for rep in reports(doc):
            t = rep.test
            if not rep.frequentist or rep.threshold or t.p is None or not rep.exploratory:
                continue
            if t.p_op == "=":
                hit = 0.001 < t.p < 0.05
            elif t.p_op in ("<", "<="):
                hit = 0.001 < t.p <= 0.05
            else:
                hit = False
            if hit and not _strong_statistic(rep):
                yield ctx.report(src=rep.found.p_src or rep.found.src, p=fmt_p(rep.found))


class InconsistentStatistic(Check):
    code = "EV104"

    def run(self, doc, ctx):
        alpha = ctx.options.get("alpha", 0.05)
        for rep in reports(doc):
            v = rep.verdict if alpha == 0.05 else rep.relaxed(check(rep.test, alpha))
            if v is None or v.status not in ("inconsistent", "decision_error"):
                continue
            if v.status == "decision_error":
                yield ctx.report(src=rep.found.src, severity=Severity.ERROR, detail=v.reason,
                                 advice=" Significance flips: fix the numbers before anyone relies on the result.")
            else:
                yield ctx.report(src=rep.found.src, detail=v.reason,
                                 advice=" Recheck the statistic, the degrees of freedom and the p-value.")


class ImpossibleP(Check):
    code = "EV105"

    def run(self, doc, ctx):
        for rep in reports(doc):
            why = p_is_impossible(rep.test)
            if why:
                yield ctx.report(src=rep.found.p_src or rep.found.src, reason=why)


_SAMPLE_SIZE = lazyre.compile(
    r"(?<![\w\\])[nN]\s*[=:]\s*\$?\s*\d|\bsample sizes?\b|\bnumber of (?:participants|subjects|samples|observations|runs|seeds|trials|users|raters|annotators)\b"
    r"|\b(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|hundred)\s+"
    r"(?:\w+\s+){0,2}(?:participants|subjects|users|people|patients|volunteers|respondents|annotators|raters|workers|judges|"
    r"students|children|adults|animals|mice|rats|speakers|listeners|observers|seeds|runs|trials|repetitions|replicates|folds|"
    r"restarts|samples|observations|items|sentences|documents|dialogues|conversations|images|questions|pairs|utterances|"
    r"annotations|ratings|judgments|judgements|cases|instances|examples|datasets|data sets|tasks)\b",
    re.IGNORECASE,
)


class TestWithoutN(Check):
    code = "EV111"

    def run(self, doc, ctx):
        lacking = []
        for rep in reports(doc):
            t = rep.test
            if not rep.frequentist or rep.threshold or t.p_op is None:
                continue
            if t.n is not None:
                continue
            if t.test in ("t", "r") and t.df1 is not None:
                continue
            if t.test == "F" and t.df2 is not None:
                continue
            lacking.append(rep)
        if not lacking:
            return
        for fi in range(len(doc.files)):
            if _SAMPLE_SIZE.search(blanked_text(doc, fi)):
                return
        first = lacking[0]
        yield ctx.report(src=first.found.src, count=len(lacking), s="" if len(lacking) == 1 else "s")
