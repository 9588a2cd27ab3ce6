"""AB101: the abstract's sentence roles against the model shape, and the abstract helpers.

The model abstract (Nanda 2025, "Abstract" and the annotated case study): context that
names the sub-field, then the gap or need, the contribution by sentence 3 or 4, details
and evidence, and a closing implication. Real abstracts rarely follow every step, so
AB101 reports ONE finding per abstract that lists every departure together with the
outline of roles it read ("context → contribution → detail → evidence").

Roles come from ``paperlint.nlp.abstract_roles.classify`` (a CRF trained on CSAbstruct
plus cue phrases). This module reads them the way a mentor reads an abstract and adjusts
a few of them in its own layer, never in the classifier (see :func:`refine`):

* when no sentence was labelled the contribution, the first sentence in which the
  authors speak ("we", "our", "this paper") and that is not a gap is the contribution;
* a sentence before the first contribution that announces the work ("we resolve this
  by proposing ...") is the contribution;
* a closing sentence labelled an implication only because it says "evidence that" while
  it reports a comparison ("more accurate than the baselines") is evidence.
"""
from __future__ import annotations

from ... import lazyre
import re
from ...records import dataclass, field

from ...diagnostics import Severity
from ...document.model import Block, Document
from ..base import Check

ROLE_ORDER = ("context", "gap", "contribution", "detail", "evidence", "implication")

#: Paragraph labels of a structured abstract (journal formats: Objective / Approach / Results ...).
STRUCTURED_LABEL = lazyre.compile(
    r"^\W*(background|context|objectives?|aims?|purpose|motivation|problem|approach|methods?|methodology|design|setting|"
    r"(main )?results?|findings|conclusions?|significance|implications?|interpretation|availability)\b\s*[:.\u2014-]?", re.I)
KEYWORDS = lazyre.compile(r"^\W*(keywords?|key words|index terms|ccs concepts|subjects?)\b", re.I)
FIRST_PERSON = lazyre.compile(r"(?<![\w-])(we|our|us|ours|this (paper|work|study|article|note|thesis|manuscript)|here,? we|in this (paper|work|study|article))(?![\w-])", re.I)
ANNOUNCE = lazyre.compile(
    r"(?<![\w-])(we (propose|introduce|present|develop|design|describe|devise|put forward|resolve|address|tackle|solve|overcome|offer|build|create|construct|extend|generali[sz]e)"
    r"|propos(e|es|ing) (a|an|the|two|three|several|new|novel)|introduc(e|es|ing) (a|an|the|new|novel)"
    r"|in this (paper|work|study|article|note)|this (paper|work|study|article|note) (presents|proposes|introduces|develops|describes|shows|studies|investigates))(?![\w-])",
    re.I)
COMPARATIVE = lazyre.compile(
    r"(?<![\w-])(outperform\w*|better|more accurate|less accurate|faster|slower|higher|lower|improv\w*|beats?|surpass\w*|exceed\w*|"
    r"state[- ]of[- ]the[- ]art|competitive|matches|on par|comparable)(?![\w-])", re.I)

#: A sentence after the contribution that reports what was found or shown is evidence.
FINDING = lazyre.compile(
    r"(?<![\w-])((we|experiments?|results?|evaluations?|analys[ie]s|simulations?|studies|tests?)\b[^.;]{0,40}?\b"
    r"(show|shows|showed|shown|demonstrate|demonstrates|demonstrated|find|finds|found|observe|observed|confirm|confirms|confirmed|reveal|reveals|revealed|indicate|indicates|indicated)\b)",
    re.I)
#: A concrete result: a number with a unit of comparison, or a decimal next to a metric.
RESULT_NUMBER = lazyre.compile(
    r"\d+(?:[.,]\d+)?\s*(?:%|percent\b|per cent\b|percentage points?\b|points?\b|pp\b|times\b|x\b|\u00d7|-?fold\b)"
    r"|\b(?:accuracy|error|F1|BLEU|ROUGE|AUC|precision|recall|speed-?up|perplexity|score)\b[^.;]{0,30}?\d+\.\d+"
    r"|\d+\.\d+[^.;]{0,30}?\b(?:accuracy|error|F1|BLEU|ROUGE|AUC|precision|recall|speed-?up|perplexity|score)\b", re.I)
#: Gap words the classifier's cue list leaves out on purpose but that state a tension when they open an abstract.
EXTRA_GAP = lazyre.compile(r"(?<![\w-])(trade-?offs?)(?![\w-])", re.I)


def _cue_regex(cues) -> re.Pattern[str]:
    parts = []
    # longest first, and alphabetical among equal lengths: the same pattern text in every process
    # (a set's order changes with the hash seed), so the compiled-pattern cache finds it
    for cue in sorted({c.strip().lower() for c in cues}, key=lambda c: (-len(c), c)):
        parts.append(re.escape(cue[:-1]) + r"[\w-]*" if cue.endswith("*") else re.escape(cue))
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


_GAP_RE: re.Pattern[str] | None = None


def gap_regex() -> re.Pattern[str]:
    global _GAP_RE
    if _GAP_RE is None:
        try:
            from ...nlp.abstract_roles import GAP_CUES
        except Exception:  # pragma: no cover - the classifier module is not there
            GAP_CUES = ("however", "but", "yet", "unclear", "unknown", "lack", "challenge", "limited", "fail")
        _GAP_RE = _cue_regex(GAP_CUES)
    return _GAP_RE


@dataclass
class AbstractSentence:
    index: int                  # 0-based position in the abstract
    start: int                  # prose-view range
    end: int
    text: str
    block: Block
    role: str = ""
    label: str = ""
    confidence: float = 0.0
    cues: tuple[str, ...] = ()
    note: str = ""              # why this layer changed the classifier's role

    @property
    def number(self) -> int:
        return self.index + 1


@dataclass
class Departure:
    step: str                   # first | gap | contribution | evidence | closing
    sentence: AbstractSentence | None
    text: str


@dataclass
class Shape:
    sentences: list[AbstractSentence]
    departures: list[Departure] = field(default_factory=list)
    structured: bool = False

    @property
    def outline(self) -> str:
        roles: list[str] = []
        for s in self.sentences:
            if not roles or roles[-1] != s.role:
                roles.append(s.role)
        return " \u2192 ".join(roles)


# -- the abstract's prose ------------------------------------------------------------------
def abstract_blocks(doc: Document) -> list[Block]:
    """The abstract's paragraphs and items, without keyword lines."""
    if doc.abstract is None:
        return []
    out = []
    for b in doc.abstract.all_blocks():
        if b.kind not in ("paragraph", "item"):
            continue
        if any("keyword" in c.lower() for c in b.context) or KEYWORDS.match(b.text):
            continue
        if not b.text.strip():
            continue
        out.append(b)
    return out


def is_structured(blocks: list[Block]) -> bool:
    """A structured abstract: two or more paragraphs that open with a label such as Objective or Results."""
    return sum(1 for b in blocks if STRUCTURED_LABEL.match(b.text)) >= 2


def abstract_sentences(doc: Document) -> list[AbstractSentence]:
    out: list[AbstractSentence] = []
    for b in abstract_blocks(doc):
        for s in b.sentences:
            text = s.text.strip()
            if not text or not re.search(r"[A-Za-z]{2}", text):
                continue
            out.append(AbstractSentence(len(out), s.start, s.end, text, b))
    return out


# -- roles ---------------------------------------------------------------------------------
def classify_abstract(doc: Document) -> list[AbstractSentence] | None:
    """The abstract's sentences with their roles (refined), or None when the classifier is unavailable.

    Cached on the document: AB101 and `paperlint outline` share one classification.
    """
    cache = doc.__dict__.get("_paperlint_abstract_roles")
    if cache is not None:
        return cache[0]
    sentences = abstract_sentences(doc)
    result: list[AbstractSentence] | None = sentences
    if sentences:
        try:
            from ...nlp.abstract_roles import classify

            roles = classify([" ".join(s.text.split()) for s in sentences])
        except Exception:  # the model or the module is missing: no roles
            result = None
        else:
            for s, r in zip(sentences, roles):
                s.role, s.label, s.confidence, s.cues = r.role, r.label, float(r.confidence), tuple(r.cues)
            refine(sentences)
    doc.__dict__["_paperlint_abstract_roles"] = (result,)
    return result


def role_positions(doc: Document) -> list[tuple[str, int, int, str | None]]:
    """(file, line, column, role) of each classified abstract sentence's first character."""
    out = []
    for s in classify_abstract(doc) or []:
        rng = doc.to_source(s.start, s.start + 1)
        f = doc.files[rng.file]
        line, col = f.line_col(rng.start)
        out.append((f.display, line, col, getattr(s, "role", None)))
    return out


def refine(sentences: list[AbstractSentence]) -> None:
    """Adjust the classifier's roles where a mentor reads the sentence differently (see the module doc)."""
    first = next((s.index for s in sentences if s.role == "contribution"), None)
    # a sentence before the stated contribution that announces the work is the contribution
    for s in sentences[: first if first is not None else len(sentences)]:
        if s.role in ("detail", "context", "evidence") and ANNOUNCE.search(s.text) and FIRST_PERSON.search(s.text):
            s.role, s.note = "contribution", "announces the work"
            first = s.index
            break
    if first is None:
        for s in sentences:
            if s.role in ("detail", "context") and s.label in ("method", "objective", "background") and FIRST_PERSON.search(s.text):
                s.role, s.note = "contribution", "the first sentence in which the authors speak"
                first = s.index
                break
    if first is not None:
        for s in sentences[first + 1:]:
            if s.role == "detail" and FINDING.search(s.text):
                s.role, s.note = "evidence", "reports a finding"
            elif s.role == "detail" and RESULT_NUMBER.search(s.text):
                s.role, s.note = "evidence", "reports a measured result"
    for s in sentences:
        if s.role == "context" and (first is None or s.index < first) and EXTRA_GAP.search(s.text):
            s.role, s.note = "gap", "states a trade-off"
    for s in sentences:
        if s.role == "implication" and s.cues and all(c in ("evidence that", "evidence for") for c in s.cues) and COMPARATIVE.search(s.text):
            s.role, s.note = "evidence", "reports a comparison"


def _quote(s: AbstractSentence, words: int = 6) -> str:
    toks = " ".join(s.text.split()).split(" ")
    head = " ".join(toks[:words])
    return f"'{head}{'...' if len(toks) > words else ''}'"


def has_evidence(s: AbstractSentence) -> bool:
    """Evidence, or a closing result sentence that reports a finding while drawing the implication."""
    if s.role == "evidence":
        return True
    return s.label == "result" and bool(FINDING.search(s.text) or COMPARATIVE.search(s.text))


def judge(sentences: list[AbstractSentence]) -> list[Departure]:
    """Where the roles depart from the model shape, in the order of the shape."""
    out: list[Departure] = []
    n = len(sentences)
    first = sentences[0]
    if first.role not in ("context", "gap"):
        out.append(Departure("first", first, f"sentence 1 ({_quote(first)}) reads as {first.role}, where the advice opens with "
                                             "uncontroversial context that names the sub-field"))
    contrib = next((s for s in sentences if s.role == "contribution"), None)
    if contrib is None:
        out.append(Departure("contribution", first, "no sentence reads as the contribution: say plainly what this paper does or claims"))
    else:
        before = sentences[: contrib.index]
        if not any(s.role == "gap" for s in before) and not gap_regex().search(contrib.text.lower()):
            where = "opens the abstract" if contrib.index == 0 else f"comes in sentence {contrib.number}"
            out.append(Departure("gap", contrib, f"no sentence before the contribution (which {where}) states a gap, need or open "
                                                 "problem: say what is missing before saying what you did"))
        if contrib.index >= 4:
            out.append(Departure("contribution", contrib, f"the contribution first appears in sentence {contrib.number} "
                                                          f"({_quote(contrib)}): state it by sentence 3 or 4"))
    if not any(has_evidence(s) for s in sentences):
        out.append(Departure("evidence", None, "no sentence reads as evidence: report the key result, ideally with a number"))
    closing = sentences[-2:] if n >= 2 else sentences
    if not any(s.role == "implication" for s in closing):
        last = sentences[-1]
        out.append(Departure("closing", last, f"the last sentence ({_quote(last)}) reads as {last.role}: close with the implication "
                                              "(why it matters, or the standard of evidence)"))
    return out


def shape(doc: Document) -> Shape | None:
    sentences = classify_abstract(doc)
    if sentences is None:
        return None
    blocks = abstract_blocks(doc)
    sh = Shape(sentences, structured=is_structured(blocks))
    if len(sentences) >= 3 and not sh.structured:
        sh.departures = judge(sentences)
    return sh


class AbstractShape(Check):
    code = "AB101"

    def run(self, doc, ctx):
        if doc.abstract is None:
            return
        sentences = abstract_sentences(doc)
        if len(sentences) < ctx.options["min-sentences"]:
            return  # too short to have a shape; AB103 speaks about the length
        sh = shape(doc)
        if sh is None or sh.structured or not sh.departures:
            return
        deps = sh.departures
        at = next((d.sentence for d in deps if d.sentence is not None), sh.sentences[0])
        at_least = ctx.options["warning-at"]
        severity = Severity.WARNING if at_least and len(deps) >= at_least else Severity.INFO
        count = f"{len(deps)} step{'s' if len(deps) > 1 else ''}"
        yield ctx.report(at.start, at.end, severity=severity if severity != ctx.rule.severity else None,
                         count=count, departures="; ".join(d.text for d in deps), outline=sh.outline)
