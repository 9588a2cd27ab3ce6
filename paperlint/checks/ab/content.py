"""AB102 (no concrete result), AB103 (length), AB104 (one sentence, many ideas), AB106 (citations).

All four read the abstract's prose view (see ``ab.shape.abstract_blocks``): keyword lines
are not part of it.
"""
from __future__ import annotations

from ... import lazyre
import re

from ...diagnostics import Severity
from ...document.offsets import SourceRange
from .shape import abstract_blocks, abstract_sentences, is_structured
from ..base import Check
from ..rd.sentences import word_count

# -- AB102 --------------------------------------------------------------------------------
_NUMBER = lazyre.compile(r"(?<![\w.\-\u2013])\d+(?:[.,]\d+)*(?![\w\-])|(?<![\w.])\.\d+(?!\w)|(?<![\w.\-])\d+(?:\.\d+)?(?=%|x\b|\u00d7|-fold|k\b|K\b|M\b|B\b)")
_WORD_FACTOR = lazyre.compile(
    r"\b(an?|one|two|three|several|many) orders? of magnitude\b"
    r"|\b(two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred|thousand)-?fold\s+(\w+\s+)?(faster|slower|more|fewer|less|larger|smaller|higher|lower|increase|decrease|reduction|improvement|speed-?up|gain)\b"
    r"|\b(halv|doubl|tripl)(es|ed|ing)\b", re.I)
#: A result claimed in words: what a number should back.
CLAIM = lazyre.compile(
    r"(?<![\w-])(outperform\w*|better than|worse than|(more|less) (accurate|efficient|robust|reliable|stable) than|(faster|slower|cheaper)\b|"
    r"improv(e|es|ed|ing)\s+(\w+\s+){0,3}?(over|by|on|upon|accuracy|performance|results)\b|surpass\w*|beats?\b|"
    r"(achiev|reach|set|obtain|establish|yield)\w*\s+(a\s+)?(new\s+)?state[- ]of[- ]the[- ]art|state[- ]of[- ]the[- ]art (performance|results|accuracy)|"
    r"competitive (performance|results|accuracy)|(higher|lower) (accuracy|error|loss|cost|latency)|reduc\w+ (the )?(error|time|cost|memory|latency))", re.I)
_YEAR = lazyre.compile(r"^(1[89]|20)\d\d$")
_ENUMERATOR = lazyre.compile(r"\(\s*$")  # "(1)" enumerations: "we (1) propose ... (2) show"
_MATH_VALUE = lazyre.compile(r"\d\s*\\?%|\d\.\d|[=<>]\s*-?\d|\\(approx|sim|leq?|geq?|times)\s*-?\d|\d\s*\\times|\\times\s*10")
_REF_SOURCE = lazyre.compile(r"^\\(\w*ref|cite\w*|label|eqref|autoref|cref|Cref|pageref|nameref|hyperref|footnote|url|href)\b")


def _numbers(doc, start: int, end: int):
    """Concrete numbers in the prose range: (start, end, text)."""
    text = doc.text
    for m in _NUMBER.finditer(text, start, end):
        s, e = m.start(), m.end()
        tok = m.group(0)
        if _YEAR.match(tok):
            continue
        before = text[max(start, s - 2):s]
        after = text[e:e + 1]
        if _ENUMERATOR.search(before) and after == ")":
            continue
        if not doc.offsets.is_plain(s, e):
            src = doc.to_source(s, e)
            if src is None:
                continue
            code = doc.source_text(src).lstrip()
            if _REF_SOURCE.match(code) or text[max(start, s - 1):s] == "[":
                continue  # a cross-reference or citation stand-in, not a result
        yield s, e, tok
    for m in _WORD_FACTOR.finditer(text, start, end):
        yield m.start(), m.end(), m.group(0)


def _math_values(doc, blocks):
    """Inline math in the abstract whose source states a value ($p < 0.01$, $2\\times$, $F_1 = 0.8$)."""
    spans = [doc.to_source(b.start, b.end) for b in blocks]
    spans = [r for r in spans if r is not None]
    for node in doc.markup:
        if node.kind != "math":
            continue
        if any(node.src.file == r.file and r.start <= node.src.start < r.end for r in spans):
            if _MATH_VALUE.search(doc.source_text(node.src)):
                yield node


class AbstractNoResult(Check):
    code = "AB102"

    def run(self, doc, ctx):
        blocks = abstract_blocks(doc)
        sentences = abstract_sentences(doc)
        if len(sentences) < ctx.options["min-sentences"]:
            return
        for b in blocks:
            if next(_numbers(doc, b.start, b.end), None) is not None:
                return
        if next(_math_values(doc, blocks), None) is not None:
            return
        first = sentences[0]
        for sent in reversed(sentences):
            m = CLAIM.search(" ".join(sent.text.split()))
            if m:
                yield ctx.report(first.start, first.end, severity=Severity.WARNING,
                                 detail=f" although sentence {sent.number} claims a result ('{m.group(0)}')")
                return
        yield ctx.report(first.start, first.end, severity=Severity.INFO, detail="")


# -- AB103 --------------------------------------------------------------------------------
def effective_options(ctx, doc) -> tuple[dict, str | None]:
    """The rule's options with the venue profile's abstract limits (rules/venues/<name>.toml,
    each cited in AB103's rule file) applied under the ones set explicitly. The profile is the
    configured venue's, or the detected one's when the draft is written for review or the
    camera-ready version (a preprint is bound by no venue's limits)."""
    from ...venues import detect_venue

    opts = dict(ctx.options)
    venue = detect_venue(doc, ctx.settings)
    limits = dict(venue.profile.abstract) if venue is not None and venue.profile is not None else {}
    modes = limits.pop("modes", ["review", "camera-ready"])
    if not limits or not (venue.configured or venue.mode in modes):
        return opts, None
    explicit = ctx.settings.rule_options.get("AB103", {}) if ctx.settings is not None else {}
    for key, value in limits.items():
        if key not in explicit:
            opts[key] = value
    return opts, venue.profile.title


def _abstract_chars(doc, blocks) -> int:
    """Characters as the abstract would be pasted into a submission form: math as its source, spaces collapsed."""
    total = 0
    for i, b in enumerate(blocks):
        text = doc.text[b.start:b.end]
        extra = 0
        for s, e in doc.offsets.replaced_spans(b.start, b.end):
            src = doc.to_source(s, e)
            if src is not None and doc.source_text(src).lstrip().startswith(("$", "\\(")):
                extra += len(" ".join(doc.source_text(src).split())) - (e - s)
        total += len(" ".join(text.split())) + extra + (1 if i else 0)
    return total


class AbstractLength(Check):
    code = "AB103"

    def run(self, doc, ctx):
        blocks = abstract_blocks(doc)
        if not blocks:
            return
        opts, venue = effective_options(ctx, doc)
        where = f" ({venue})" if venue else ""
        words = sum(word_count(doc.text[b.start:b.end]) for b in blocks)
        first = blocks[0]
        at = doc.abstract.src if doc.abstract is not None and doc.abstract.src is not None else doc.to_source(first.start, first.start)
        lo, hi = opts["min-words"], opts["max-words"]
        if hi and words > hi:
            yield ctx.report(src=at, words=words,
                             advice=f"the limit is {hi}{where}: cut detail and keep one sentence per idea")
        elif lo and words < lo and len(abstract_sentences(doc)) >= opts["min-sentences"]:
            yield ctx.report(src=at, words=words, severity=Severity.INFO,
                             advice=f"aim for at least {lo}: a reader needs the context, the gap, the contribution, the key result and why it matters")
        if opts["max-chars"]:
            chars = _abstract_chars(doc, blocks)
            if chars > opts["max-chars"]:
                yield ctx.report(src=at,
                                 message=f"The abstract has about {chars} characters; the limit is {opts['max-chars']}{where}: a longer abstract is refused or cut off by the submission form.")
        structured = is_structured(blocks)
        if opts["one-paragraph"] and len(blocks) > 1 and not structured:
            yield ctx.report(blocks[1].start, blocks[1].start,
                             message=f"The abstract has {len(blocks)} paragraphs; the venue's instructions{where} ask for a single paragraph.")
        if opts["max-sentences"]:
            n = len(abstract_sentences(doc))
            if n > opts["max-sentences"]:
                yield ctx.report(src=at, severity=Severity.INFO,
                                 message=f"The abstract has {n} sentences; the venue's instructions{where} ask for ideally at most {opts['max-sentences']}.")


# -- AB104 --------------------------------------------------------------------------------
class AbstractSentenceOverloaded(Check):
    code = "AB104"

    def run(self, doc, ctx):
        limit, semis = ctx.options["max-words"], ctx.options["max-semicolons"]
        for s in abstract_sentences(doc):
            n = word_count(s.text)
            k = s.text.count(";")
            if n > limit:
                yield ctx.report(s.start, s.end, detail=f"{n} words (limit {limit})")
            elif semis and k > semis:
                yield ctx.report(s.start, s.end, detail=f"{k + 1} clauses joined by semicolons")


# -- AB106 --------------------------------------------------------------------------------
class AbstractCitation(Check):
    code = "AB106"

    def run(self, doc, ctx):
        blocks = abstract_blocks(doc)
        spans = [r for r in (doc.to_source(b.start, b.end) for b in blocks) if r is not None]
        if not spans:
            return
        seen: dict[tuple[int, int, int], list[str]] = {}
        for key, src in doc.citations:
            if any(src.file == r.file and r.start <= src.start < r.end for r in spans):
                seen.setdefault((src.file, src.start, src.end), []).append(key)
        for (fi, s, e), keys in seen.items():
            yield ctx.report(src=SourceRange(fi, s, e), keys=", ".join(keys))
