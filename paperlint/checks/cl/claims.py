"""CL101-CL105: claims stronger than their evidence.

All five read the prose view sentence by sentence and share one judgement of each
sentence's setting (:func:`claim_sentences`): theorem and proof environments, related work
and back matter, quotations, and sentences that report somebody else's work (a citation and
no "we"/"our") are where strong words are somebody else's or formal, not the authors' claim.
"""
from __future__ import annotations

from ... import lazyre
import re
from ...records import dataclass

from ...document import structure
from ..base import Check

CITE = lazyre.compile(r"\[1\]|\[\[?@?[A-Za-z][\w-]*\d{4}[a-z]?\b")
SELF = lazyre.compile(r"\b(?:we|our|ours|us)\b|\bthis (?:paper|work|study|article|method|approach|model|framework|algorithm|technique|system|tool)\b|\bthe proposed\b", re.IGNORECASE)
THEOREM_BASE = {
    "theorem", "lemma", "proposition", "corollary", "definition", "claim", "conjecture", "assumption",
    "remark", "proof", "fact", "observation", "property", "axiom", "hypothesis", "thm", "lem", "prop",
    "cor", "defn", "dfn", "rem", "proofsketch", "proof*",
}
_QUOTE = lazyre.compile(r"“[^”]{0,300}”|\"[^\"\n]{0,300}\"|``[^']{0,300}''")


def theorem_envs(doc) -> set[str]:
    got = doc.__dict__.get("_paperlint_theorem_envs")
    if got is None:
        got = set(THEOREM_BASE)
        for node in doc.markup:
            if node.kind == "macro" and node.name in ("newtheorem", "declaretheorem", "newtheorem*") and node.args:
                a = node.args[0]
                got.add(doc.files[a.file].text[a.start:a.end].strip().strip("{}*"))
        doc.__dict__["_paperlint_theorem_envs"] = got
    return got


def formal_paper(doc) -> bool:
    """The paper states theorems or lemmas, or writes proofs: 'prove' and 'guarantee' are its vocabulary."""
    got = doc.__dict__.get("_paperlint_formal")
    if got is None:
        envs = theorem_envs(doc)
        got = any(node.kind == "env" and node.name.rstrip("*") in envs for node in doc.markup) or any(
            b.kind == "heading" and re.search(r"\b(?:proofs?|theorem|lemma|convergence analysis)\b", b.text, re.IGNORECASE) for b in doc.blocks)
        doc.__dict__["_paperlint_formal"] = got
    return got


@dataclass(eq=False)
class ClaimSentence:
    start: int
    end: int
    text: str
    block: object
    index: int                      # position within its block's sentences
    related: bool                   # in a related-work section
    abstract: bool
    quoted: list[tuple[int, int]]   # quotation spans, relative to the sentence

    @property
    def others(self) -> bool:
        """Describes cited work, not this paper's."""
        return bool(CITE.search(self.text)) and not SELF.search(self.text)

    def in_quote(self, a: int, b: int) -> bool:
        return any(s <= a and b <= e for s, e in self.quoted)

    def neighbours(self) -> str:
        sents = self.block.sentences
        lo, hi = max(0, self.index - 1), min(len(sents), self.index + 2)
        return " ".join(s.text for s in sents[lo:hi])


def _section_titles(sec):
    while sec is not None and sec.kind == "section":
        yield sec.title
        sec = sec.parent


def claim_sentences(doc) -> list[ClaimSentence]:
    got = doc.__dict__.get("_paperlint_claim_sentences")
    if got is not None:
        return got
    envs = theorem_envs(doc)
    got = []
    for block in doc.blocks:
        if block.kind not in ("paragraph", "item", "caption", "footnote", "title"):
            continue
        if any(c.rstrip("*") in envs for c in block.context):
            continue
        titles = list(_section_titles(block.section))
        if any(structure.BACK_MATTER.match(t) for t in titles):
            continue
        related = any(structure.RELATED.search(t) for t in titles)
        abstract = "abstract" in block.context or (block.section is not None and block.section.kind == "abstract")
        for i, s in enumerate(block.sentences):
            text = s.text
            quoted = [(m.start(), m.end()) for m in _QUOTE.finditer(text)]
            got.append(ClaimSentence(s.start, s.end, text, block, i, related, abstract, quoted))
    doc.__dict__["_paperlint_claim_sentences"] = got
    return got


# --------------------------------------------------------------------------------------------
# CL101 overclaiming
# --------------------------------------------------------------------------------------------
_OVER = lazyre.compile(
    r"\b(?P<prove>prove[sdn]?|proving)\b"
    r"|\b(?P<always>always)\b|\b(?P<never>never)\b"
    r"|\b(?P<guarantee>guarantee[sd]?|guaranteeing)\b"
    r"|\b(?P<certain>definitively|conclusively|undoubtedly|unquestionably|indisputabl[ye]|irrefutabl[ye]|undeniabl[ye]|beyond (?:any|a|all) doubt)\b"
    r"|\b(?P<solve>(?:completely|fully|entirely|totally) solv(?:e|es|ed|ing)|solv(?:e|es|ed) (?:\w+ ){0,4}(?:completely|entirely|once and for all))\b"
    r"|\b(?P<universal>universally)\b",
    re.IGNORECASE,
)
_NEGATED_BEFORE = lazyre.compile(
    r"\b(?:not|no|n't|nor|cannot|without|hardly|almost|nearly|virtually|practically|usually|generally|mostly|rarely|may|might|could|would)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_FORMAL_OBJECT = lazyre.compile(
    r"\b(?:theorem|lemma|proposition|corollary|bound|bounds|convergence|converges?|inequality|identity|equivalence|correctness|optimality|existence|uniqueness|claim|formula|invariant|induction|proof|proofs|regret|complexity|consistency|unbiased|asymptotic|rate|estimator)\b",
    re.IGNORECASE,
)
_PROVE_TURN_OUT = lazyre.compile(r"^\s+(?:to\s+be\s+)?(?:\w+ly\s+)?(?:useful|helpful|valuable|difficult|challenging|hard|beneficial|effective|essential|crucial|important|costly|problematic|fruitful|successful|insufficient|sufficient|impractical|practical|invaluable|robust|fragile)\b", re.IGNORECASE)
_OUTCOME = lazyre.compile(
    r"outperform|improv|better|worse|beat|exceed|surpass|reduc|increas|lower|higher|achiev|succeed|fail|help|hurt|win|wins|"
    r"gain|accura|error|performance|generali[sz]|robust|effective|works?\b|superior|faster|slower|converges? to (?:a |the )?(?:better|global)",
    re.IGNORECASE,
)
_OBSERVED = lazyre.compile(r"\b(?:was|were|had|did)\s*$|^\s+(?:was|were|had|did)\b", re.IGNORECASE)
_SCOPED = lazyre.compile(
    r"\b(?:in|on|across|for|over)\s+(?:all|every|each|these|those|our|the\s+\w+)\s+(?:\w+\s+){0,3}?(?:data|data\s*sets?|datasets?|experiments?|settings?|cases|runs|seeds|tasks|benchmarks|languages|domains|configurations|trials|instances)\b"
    r"|\bwe\s+(?:have\s+)?(?:tested|tried|considered|studied|evaluated|examined|ran)\b|\bin\s+(?:this|our)\s+(?:study|experiment|setting|evaluation)\b",
    re.IGNORECASE,
)
_EVIDENCE_VERB = lazyre.compile(r"\b(?:show|shows|showed|shown|demonstrat\w*|results?|evidence|experiments?|find|finds|found|establish\w*|confirm\w*|indicat\w*|suggest\w*)\b", re.IGNORECASE)
_STRENGTH = {
    "prove": "a hedged claim ('shows', 'gives strong evidence that'), or an existence claim ('in at least one case') for a few examples, unless a formal proof is given",
    "always": "a systematic claim ('in all N settings we tested') or a narrow one that names the settings",
    "never": "a systematic claim ('in none of the N settings we tested') or a narrow one that names the settings",
    "guarantee": "a narrow claim that names the settings where it was observed, or a theorem that proves it",
    "certain": "a hedged claim ('compelling evidence that') that says what the evidence is",
    "solve": "a narrow claim ('solves X on benchmarks V and W')",
    "universal": "a systematic claim over the settings actually tested",
}


class Overclaiming(Check):
    code = "CL101"

    def run(self, doc, ctx):
        formal = formal_paper(doc)
        for s in claim_sentences(doc):
            if s.others or s.related:
                continue
            for m in _OVER.finditer(s.text):
                kind = m.lastgroup
                if s.in_quote(m.start(), m.end()):
                    continue
                before = s.text[max(0, m.start() - 40):m.start()]
                after = s.text[m.end():m.end() + 80]
                if _NEGATED_BEFORE.search(before):
                    continue
                if kind == "prove":
                    if formal or _FORMAL_OBJECT.search(s.text) or _PROVE_TURN_OUT.match(after) or re.match(r"\s+to\s+be\b", after):
                        continue
                    if m.group().lower() == "proven" and not re.search(r"\b(?:is|are|was|were|be|been|being|has|have|had)\s+(?:\w+\s+)?$", before, re.IGNORECASE):
                        continue                 # "a proven technique": an adjective
                elif kind == "guarantee":
                    if formal or _FORMAL_OBJECT.search(s.text) or re.search(r"\bto\s+$", before):
                        continue                 # "needed to guarantee": a goal, not a claim
                    if re.search(r"\d\s*(?:%|percent)|probability|at least|at most|on average", after, re.IGNORECASE):
                        continue                 # quantified
                elif kind in ("always", "never", "universal"):
                    if s.block.kind == "caption" or not _OUTCOME.search(after[:60]):
                        continue                 # "is always followed by", a caption describing a plot
                    if _OBSERVED.search(before[-12:]) or _OBSERVED.match(after) or _SCOPED.search(s.text):
                        continue                 # "was always lower", "in all five data sets we tried"
                    if formal and _FORMAL_OBJECT.search(s.text):
                        continue
                elif kind == "certain" and not SELF.search(s.text) and not _EVIDENCE_VERB.search(s.text):
                    continue
                yield ctx.report(s.start + m.start(), s.start + m.end(), word=m.group(), strength=_STRENGTH[kind])


# --------------------------------------------------------------------------------------------
# CL102 novelty with no citation
# --------------------------------------------------------------------------------------------
_NOVEL = lazyre.compile(
    r"\bnovel(?:ty)?\b(?!\s+(?:views?|class(?:es)?|categor(?:y|ies)|objects?|words?|tasks?|domains?|environments?|instances|concepts?|compounds?|entities|situations|inputs?|examples?|data|users?|scenes?|poses?|stimuli|items?|combinations|molecules|proteins|species|genes|variants|queries|contexts?|settings?|shapes?|languages?|speakers?|utterances|documents|images|samples)\b)"
    r"|\b(?:we are|is|are|was|were|be)\s+the\s+first\b|\bfirst\s+(?:to|work|paper|study|attempt|method|approach|framework|algorithm|model|system|tool|demonstration|application|time)\b"
    r"|\bfor the first time\b|\bunprecedented\b|\bnever (?:been|before) (?:\w+ )?(?:done|proposed|studied|explored|applied|used|addressed|investigated|considered|attempted|shown|reported)\b"
    r"|\bno (?:prior|previous|existing|other|earlier) (?:work|works|study|studies|method|methods|approach|approaches|paper|papers|research)\b",
    re.IGNORECASE,
)


def _paragraph_cites(doc, block) -> bool:
    return bool(CITE.search(block.text))


class NoveltyUncited(Check):
    code = "CL102"

    def run(self, doc, ctx):
        for s in claim_sentences(doc):
            if s.abstract or s.block.kind in ("title", "caption") or s.related or s.others:
                continue
            m = _NOVEL.search(s.text)
            if not m or s.in_quote(m.start(), m.end()):
                continue
            if not SELF.search(s.text) and not re.match(r"(?i)first|novel", m.group()):
                continue
            if not SELF.search(s.text):
                continue
            if _paragraph_cites(doc, s.block):
                continue
            yield ctx.report(s.start + m.start(), s.start + m.end(), phrase=m.group())


# --------------------------------------------------------------------------------------------
# CL103 state of the art / outperforms with nothing to back it
# --------------------------------------------------------------------------------------------
_SOTA = lazyre.compile(
    r"\boutperform\w*|\b(?:achiev|obtain|reach|set|sets|establish|attain|yield|deliver|match|advanc)\w*\s+(?:\w+\s+){0,3}?(?:new\s+)?state[- ]of[- ]the[- ]art\b"
    r"|\bnew state[- ]of[- ]the[- ]art\b|\bSOTA\b|\bbeats?\b|\bsurpass\w*|\bsuperior to\b|\b(?:much|far|significantly|substantially|considerably|clearly)?\s*better than\b"
    r"|\bthe best (?:results?|performance|accuracy|scores?)\b",
    re.IGNORECASE,
)
SELF_SUBJECT = lazyre.compile(
    r"\b(?:we|ours)\b|\b(?:our|the proposed|this|the new)\s+(?:[\w-]+\s+){0,3}?(?:method|approach|model|system|algorithm|framework|technique|architecture|network|search|results?|parser|classifier|tool|pipeline|variant|layer|loss|agent|policy|solver|estimator|implementation|package|library|augmentation)s?\b",
    re.IGNORECASE,
)
_NAME = lazyre.compile(r"(?<!^)(?<![.:!?]\s)\b(?:[A-Z][a-z]*[A-Z][\w-]*|[A-Z]{2,}[\w-]*|[A-Z][a-z]{2,}(?:-[\w]+)?)\b")
_NOT_NAMES = {
    "We", "Our", "The", "This", "These", "That", "Table", "Tables", "Figure", "Figures", "Fig", "Section", "Sections",
    "In", "However", "Moreover", "Furthermore", "Finally", "First", "Second", "Third", "It", "Its", "Appendix", "Eq",
    "Equation", "For", "On", "With", "As", "By", "When", "While", "Unlike", "Also", "Both", "All", "Each", "Thus",
}


def _evidence(paragraph: str, after: str) -> bool:
    """A number, a reference or a citation in the paragraph, or a named method after the comparison."""
    if re.search(r"\d", paragraph) or CITE.search(paragraph):
        return True
    return any(m.group() not in _NOT_NAMES and len(m.group()) > 1 for m in _NAME.finditer(after))


#: "the epoch with the best accuracy", "we keep the checkpoint with the best score on the
#: validation set", "the best accuracy so far": choosing among one's own runs, not a claim
_SELECTING = lazyre.compile(r"(?:\bwith|\bselect\w*|\bchoos\w*|\bchose\w*|\bpick\w*|\bkeep\w*|\bkept|\bretain\w*|\bsav\w*|"
                            r"\bstor\w*|\brecord\w*|\baccording to|\bbased on)\s+$", re.I)
_SELECTED = lazyre.compile(r"\s+(?:so far|on (?:the |a )?(?:validation|dev\w*|held-out|development)\b|among\b)", re.I)


def _selects_best(text: str, m) -> bool:
    """A "the best ..." match that picks one of the authors' own runs or checkpoints."""
    if not m.group().lower().startswith("the best"):
        return False
    return bool(_SELECTING.search(text[max(0, m.start() - 40):m.start()]) or _SELECTED.match(text, m.end()))


class UnsupportedSota(Check):
    code = "CL103"

    def run(self, doc, ctx):
        for s in claim_sentences(doc):
            if s.others or s.related or s.block.kind == "title":
                continue
            m = _SOTA.search(s.text)
            if not m or s.in_quote(m.start(), m.end()) or _selects_best(s.text, m):
                continue
            if not SELF_SUBJECT.search(s.text[:m.start()]) and not s.abstract:
                continue
            if _evidence(s.block.text, s.text[m.end():]):
                continue
            yield ctx.report(s.start + m.start(), s.start + m.end(), phrase=" ".join(m.group().split()))


# --------------------------------------------------------------------------------------------
# CL104 hype
# --------------------------------------------------------------------------------------------
#: The two word lists are data, rules/data/hype_words.toml: Vale existence rules run by the
#: kinds engine (matched by tokens). The sentences they read and the second list's condition
#: (a sentence about the authors' own work, outside related work) are claim settings that a
#: Vale scope cannot express, so they stay here.
HYPE_SPEC = "hype_words"


class Hype(Check):
    code = "CL104"

    def run(self, doc, ctx):
        from ...kinds.builtin import rule_set

        rules = rule_set("CL104", HYPE_SPEC)
        own_work = [i == "own-work" for i in rules.ids]
        for s in claim_sentences(doc):
            if s.others:
                continue
            for i, alert in rules.alerts(s.text):
                if s.in_quote(alert.start, alert.end) or (own_work[i] and (not SELF.search(s.text) or s.related)):
                    continue
                yield ctx.report(s.start + alert.start, s.start + alert.end, word=s.text[alert.start:alert.end])


# --------------------------------------------------------------------------------------------
# CL105 "significant" with no test nearby
# --------------------------------------------------------------------------------------------
_DIRECTION = (
    r"better|worse|higher|lower|more|less|fewer|greater|smaller|larger|faster|slower|improv\w*|outperform\w*|reduc\w*|increas\w*|"
    r"decreas\w*|boost\w*|exceed\w*|surpass\w*|differ\w*|enhanc\w*|rais\w*|hurt\w*|degrad\w*|drop\w*|beat\w*|shorter|longer|"
    r"stronger|weaker|cheaper|superior|inferior|above|below|over|under|alter\w*|affect\w*|correlat\w*|associat\w*|predict\w*"
)
_SIGNIFICANT = lazyre.compile(
    rf"\bsignificantly\s+(?:\w+ly\s+)?(?:{_DIRECTION})\b"
    rf"|\b(?:statistically\s+)?significant\s+(?:\w+\s+)?(?:improvements?|gains?|increases?|decreases?|reductions?|differences?|boosts?|drops?|degradations?|speed-?ups?|effects?|advantages?|margins?|correlations?|associations?|interactions?|deteriorations?|benefits?|outperformance|enhancements?)\b"
    rf"|\bstatistically\s+(?:in)?significant\b"
    rf"|\b(?:is|are|was|were|be|been|being|remains?|remained|not|non-?|highly|all|most)\s*significant(?:ly)?\b(?!\s+(?:amount|number|portion|part|fraction|challenges?|roles?|attention|interest|progress|work|efforts?|problems?|issues?|costs?|time|memory|resources|computational|impact|source|step|contribution|advances?|overhead|research|concerns?|implications?|potential|promise))",
    re.IGNORECASE,
)
_TEST_WORDS = lazyre.compile(
    r"\bp\s*[<=>≤≥]|p-values?|\bp values?\b|\b[tFz]-tests?\b|\bt tests?\b|\bANOVA\b|Wilcoxon|Mann[- ]Whitney|Kruskal|chi-?squared?|χ|McNemar|"
    r"permutation test|bootstrap|Welch|Fisher|log-rank|binomial test|sign test|significance test|statistical test|tested for significance|"
    r"confidence intervals?|\bCIs?\b|Bonferroni|Holm|false discovery|\bFDR\b|two-sided|two-tailed|one-sided|one-tailed|paired test|"
    r"null hypothes|\balpha\s*=|α\s*=|test statistic|\bz-score|\bstandard errors?\b",
    re.IGNORECASE,
)


class SignificantWithoutTest(Check):
    code = "CL105"

    def run(self, doc, ctx):
        tests_by_block = None
        formal = formal_paper(doc)
        declared = None
        for s in claim_sentences(doc):
            if s.others or s.related:
                continue
            m = _SIGNIFICANT.search(s.text)
            if not m or s.in_quote(m.start(), m.end()):
                continue
            if formal and (_FORMAL_OBJECT.search(s.text) or s.text.count("X") >= 2):
                continue                      # "the variance does not significantly improve": mathematics
            if declared is None:
                declared = _declares_test(doc)
            if declared:
                continue
            if tests_by_block is None:
                tests_by_block = _blocks_with_tests(doc)
            if self._test_nearby(doc, s, tests_by_block):
                continue
            a = m.start() + _lead(m.group())
            again = _SIGNIFICANT.match(s.text, a)     # "is significantly better": report "significantly better"
            b = max(m.end(), again.end()) if again else m.end()
            yield ctx.report(s.start + a, s.start + b, phrase=" ".join(s.text[a:b].split()))

    @staticmethod
    def _test_nearby(doc, s, tests_by_block) -> bool:
        block = s.block
        blocks = doc.blocks
        i = _block_position(doc, block)
        near = [block]
        for j in (i - 1, i + 1, i - 2, i + 2):
            if 0 <= j < len(blocks) and blocks[j].section is block.section:
                near.append(blocks[j])
        if block.figure is not None:
            near.extend(block.figure.captions)
        for b in near:
            if id(b) in tests_by_block or _TEST_WORDS.search(b.text):
                return True
        if _section_caption_has_test(doc, block.section):
            return True
        return _referenced_caption_has_test(doc, s)


def _lead(phrase: str) -> int:
    """Where the reported phrase starts: at 'statistically', 'non-' or 'significan', not at a verb before it."""
    low = phrase.lower()
    for key in ("statistically", "non-significant", "nonsignificant", "insignificant", "significan"):
        k = low.find(key)
        if k >= 0:
            return k
    return 0


def _block_position(doc, block) -> int:
    pos = doc.__dict__.get("_paperlint_block_pos")
    if pos is None:
        pos = {id(b): i for i, b in enumerate(doc.blocks)}
        doc.__dict__["_paperlint_block_pos"] = pos
    return pos.get(id(block), 0)


_DECLARED = lazyre.compile(
    r"(?:significan\w*|\bp-values?\b)[^.]{0,120}?\b(?:t-test|t test|Welch|Wilcoxon|Mann[- ]Whitney|chi-?squared?|χ|permutation|bootstrap|ANOVA|McNemar|Fisher|log-rank|sign test|binomial test|Kruskal|Friedman|paired|z-test)"
    r"|\b(?:t-test|t test|Welch|Wilcoxon|Mann[- ]Whitney|chi-?squared?|permutation test|bootstrap\w*|ANOVA|McNemar|Fisher|log-rank|sign test|binomial test|Kruskal|Friedman|z-test)[^.]{0,120}?significan",
    re.IGNORECASE,
)


def _declares_test(doc) -> bool:
    """The paper says how it tests significance ("we report significance using Welch's t-test"):
    later uses of "significant" refer to that procedure."""
    return any(_DECLARED.search(b.text) for b in doc.blocks if b.kind in ("paragraph", "item", "caption", "footnote"))


def _blocks_with_tests(doc) -> set[int]:
    from ...stats.found import (  # the statistics engine, only when needed
        block_index,
        document_tests,
    )

    idx = block_index(doc)
    out = set()
    for found in document_tests(doc):
        b = idx.block_at(found.src)
        if b is not None:
            out.add(id(b))
    return out


def _section_caption_has_test(doc, section) -> bool:
    """A caption in the same (lowest-level) section reports a test or an interval: a results
    section whose figure shows 95% confidence intervals backs the 'significant' of its text,
    also when the caption is several paragraphs away or the text names the figure in words."""
    if section is None:
        return False
    cache = doc.__dict__.setdefault("_paperlint_section_caption_test", {})
    key = id(section)
    if key not in cache:
        cache[key] = any(b.kind == "caption" and _TEST_WORDS.search(b.text) for b in section.blocks)
    return cache[key]


def _referenced_caption_has_test(doc, s) -> bool:
    """The sentence points to a table or figure whose caption or body reports a test or significance marks."""
    src = doc.to_source(s.block.start, s.block.end)
    if src is None:
        return False
    keys = {k for k, r in doc.refs if r.file == src.file and src.start <= r.start < src.end}
    if not keys:
        return False
    for fig in doc.figures:
        if keys & set(fig.labels):
            if any(_TEST_WORDS.search(c.text) or re.search(r"signific|asterisk|\*", c.text, re.IGNORECASE) for c in fig.captions):
                return True
            body = doc.files[fig.src.file].text[fig.src.start:fig.src.end]
            if _TEST_WORDS.search(body):
                return True
    return False
