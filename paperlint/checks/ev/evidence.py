"""EV110, EV120, EV121, EV130, EV140: is the evidence there at all?

Document-level judgements from words anywhere in the draft: the prose view for sentences,
and the raw source (comments and skipped blocks blanked) for what sits in tables, figure
code and verbatim output, where a ``$\\pm$`` or a repository URL often lives.
"""
from __future__ import annotations

from ... import lazyre
import re

from ...document import structure
from ...stats.found import blanked_text
from ..base import Check


def raw_all(doc) -> str:
    """Every file's typeset source, joined (cached)."""
    got = doc.__dict__.get("_paperlint_raw_all")
    if got is None:
        got = "\n\n".join(blanked_text(doc, i) for i in range(len(doc.files)))
        doc.__dict__["_paperlint_raw_all"] = got
    return got


def applies(doc) -> bool:
    return not structure.is_fragment(doc) and doc.has_prose() and bool(structure.body_sections(doc))


def experiments_section(doc):
    for sec in structure.body_sections(doc):
        if structure.EXPERIMENTS.search(sec.title) and not structure.RELATED.search(sec.title):
            return sec
    return None


def front_text(doc) -> str:
    """Abstract and introduction prose: where a paper says what it contributes."""
    parts = []
    if doc.abstract is not None:
        parts.extend(b.text for b in doc.abstract.all_blocks())
    intro = structure.introduction(doc)
    if intro is not None:
        parts.extend(b.text for b in intro.all_blocks())
    return "\n".join(parts)


# --------------------------------------------------------------------------------------------
# EV110: no uncertainty anywhere
# --------------------------------------------------------------------------------------------
# Words that report uncertainty.  Scanning 400 KB with one big case-insensitive pattern takes
# half a second, so the check is in two steps: plain substrings of the lower-cased text that
# suffice on their own, then substrings that only mark a place where a small pattern decides.
_UNCERTAINTY_WORDS = (
    "\\pm", "±", "+/-", "\\mp", "∓", "standard deviation", "standard error", "std. dev", "stdev", "s.d.",
    "confidence interval", "confidence band", "confidence region", "credible interval", "error bar", "errorbar",
    "whisker", "box plot", "boxplot", "interquartile", "p-value", "p value", "t-test", "statistical test",
    "statistically significant", "significance test", "coefficient of variation", "coefficients of variation",
)
_UNCERTAINTY_PLACES = {
    "std": re.compile(r"\bstd\b", re.IGNORECASE),
    "seed": re.compile(r"\bseeds?\b", re.IGNORECASE),
    "shaded": re.compile(r"shaded (?:area|region|band)", re.IGNORECASE),
    "quantile": re.compile(r"\b(?:\d+(?:th)?|upper|lower) (?:and \d+(?:th)? )?quantiles?", re.IGNORECASE),
    "percentile": re.compile(r"\b(?:\d+(?:th)?|upper|lower) (?:and \d+(?:th)? )?percentiles?", re.IGNORECASE),
    "bootstrap": re.compile(r"bootstrap(?:ped)? (?:confidence|intervals?|resampl\w*|samples|estimates?)", re.IGNORECASE),
    "variance": re.compile(r"\bvariance (?:across|over|between) (?:runs|seeds|trials|folds)", re.IGNORECASE),
}
_REPEATS = lazyre.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred|several|multiple|independent|repeated)\s+"
    r"(?:independent\s+|random\s+|separate\s+|training\s+|different\s+)?(?:runs|trials|repetitions|restarts|replicates|replications|realizations|realisations|initiali[sz]ations)\b"
    r"|\b(?:averaged?|mean|median|results?) (?:over|across|of) (?:\d+|two|three|four|five|ten|several|multiple) (?:\w+ )?(?:runs|seeds|trials|repetitions|folds|splits|initiali[sz]ations)"
    r"|\b(?:ran|run|running|repeated|repeating|performed|conducted|executed|trained)\s+(?:\S+\s+){0,4}?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twenty|several|multiple)\s+times\b"
    r"(?!\s+(?:the|as|more|less|fewer|faster|slower|larger|smaller|higher|lower|bigger|longer|greater|that|their|its|our)\b)",
    re.IGNORECASE,
)
_REPEAT_WORDS = ("times", "runs", "trials", "repetitions", "restarts", "replicates", "replications", "realizations", "realisations",
                 "initializations", "initialisations", "folds", "splits")
_ACRONYM_RE = lazyre.compile(r"\b(?:SDs?|SEM?|CIs?|IQR)\s*(?:[=:(\[]|of\b|over\b|across\b|\\pm|±|\$)|\b\d+\s*\\?%\s*(?:CIs?|HDI|ETI)\b|\((?:SD|SE|SEM)\b")
_ACRONYM_WORDS = ("SD", "SE", "CI", "IQR", "HDI", "ETI")


def _near(text: str, low: str, key: str, rx, reach: int = 60) -> bool:
    i = low.find(key)
    while i != -1:
        if rx.search(text, max(0, i - reach), i + len(key) + reach):
            return True
        i = low.find(key, i + 1)
    return False


def reports_uncertainty(text: str) -> bool:
    """Does the text report a spread, an interval, repeated runs or a test anywhere?"""
    low = text.lower()
    if any(w in low for w in _UNCERTAINTY_WORDS):
        return True
    for key, rx in _UNCERTAINTY_PLACES.items():
        if rx is not None and key in low and _near(text, low, key, rx):
            return True
    for key in _REPEAT_WORDS:
        if key in low and _near(text, low, key, _REPEATS, 70):
            return True
    return any(key in text and _near(text, text, key, _ACRONYM_RE, 12) for key in _ACRONYM_WORDS)


# a venue checklist's questions ("Did you report error bars ...?") say nothing about the paper
_CHECKLIST_QUESTION = lazyre.compile(r"\b(?:Did|Do|Does|Have|Has|Are|Is) you[^?]{0,400}\?")


def without_checklist_questions(raw: str) -> str:
    """``_CHECKLIST_QUESTION.sub(" ", raw)``, tried only where a question can start: two to four
    characters before each " you" (Do, Is; Did, Has, Are; Does, Have). Substituting over a
    400 KB source took 8 ms, this 0.3 ms; the result is the same (tests/test_evidence_rules.py)."""
    pattern = _CHECKLIST_QUESTION.compiled()
    starts = set()
    i = raw.find(" you")
    while i != -1:
        starts.update((i - 2, i - 3, i - 4))
        i = raw.find(" you", i + 1)
    out, last = [], 0
    for s in sorted(starts):
        if s < last:
            continue
        m = pattern.match(raw, s)
        if m is not None:
            out.append(raw[last:s])
            out.append(" ")
            last = m.end()
    out.append(raw[last:])
    return "".join(out)


_NUMBERS_IN_RESULTS = lazyre.compile(r"\d+(?:\.\d+)?\s*(?:\\?%|percent)|\b0\.\d{2,}|\b\d{1,3}\.\d{1,3}\b")


class NoUncertainty(Check):
    code = "EV110"

    def run(self, doc, ctx):
        if not applies(doc):
            return
        sec = experiments_section(doc)
        if sec is None:
            return
        from ...venues import is_joss

        if is_joss(doc, ctx.settings):
            return                              # a software paper: its sections describe features, not results
        raw = raw_all(doc)
        if any(q in raw for q in ("Did you", "Do you", "Does you", "Have you", "Has you", "Are you", "Is you")):
            raw = without_checklist_questions(raw)
        if reports_uncertainty(raw):
            return
        from ...stats.found import document_tests

        if any(ft.test.p is not None or ft.test.p_op == "ns" for ft in document_tests(doc)):
            return                              # it tests its differences
        if not _NUMBERS_IN_RESULTS.search(raw):
            return
        yield ctx.report(src=sec.src or structure.anchor(doc), section=sec.title)


# --------------------------------------------------------------------------------------------
# EV120: a method paper that names no baseline
# --------------------------------------------------------------------------------------------
_PROPOSES = lazyre.compile(
    r"\b(?:we|this (?:paper|work|article)|our (?:paper|work))\s+(?:\w+\s+){0,2}?(?:propose|proposes|introduce|introduces|present|presents|develop|develops|design|devise|describe)\b"
    r"[^.]{0,100}?\b(?:method|approach|algorithm|model|framework|architecture|technique|scheme|procedure|network|loss|estimator|strategy|layer|mechanism|pipeline|variant|objective|regulari[sz]er|optimi[sz]er|augmentation)s?\b",
    re.IGNORECASE,
)
_BASELINE = lazyre.compile(
    r"baselines?|\bcompar(?:e|es|ed|ing|ison|isons|able)\b|\bversus\b|\bvs\.?(?!\w)|outperform|\bbeats?\b|\bbetter than\b|\bworse than\b|"
    r"state[- ]of[- ]the[- ]art|\bSOTA\b|competing|competitors?|relative to|improv\w* (?:over|upon|on)\b|against (?:\w+ ){0,3}(?:methods?|approaches|models?|algorithms?|systems?)"
    r"|\bagainst\s+(?:the\s+)?\d|\b(?:of|by|from)\s+\[1\]|\bcontrast(?:s|ed)? (?:with|to)\b|\bover (?:the )?(?:previous|prior|existing|standard)|than (?:the )?(?:previous|prior|existing|standard|original|vanilla)",
    re.IGNORECASE,
)


def _reports_numbers(sec) -> bool:
    """The section reports measurements (a percentage or a decimal), not only prose."""
    return any(_NUMBERS_IN_RESULTS.search(b.text) or re.search(r"\b\d+\s*%", b.text) for b in sec.all_blocks())


def method_paper(doc) -> bool:
    return bool(_PROPOSES.search(front_text(doc)))


class NoBaseline(Check):
    code = "EV120"

    def run(self, doc, ctx):
        if not applies(doc):
            return
        sec = experiments_section(doc)
        if sec is None or not method_paper(doc) or not _reports_numbers(sec):
            return
        if _BASELINE.search(doc.text) or _BASELINE.search(raw_all(doc)):
            return
        yield ctx.report(src=sec.src or structure.anchor(doc), section=sec.title)


# --------------------------------------------------------------------------------------------
# EV121: several components, no ablation
# --------------------------------------------------------------------------------------------
_NUM = r"(?:two|three|four|five|six|several|multiple|\d)"
_COMPONENTS = lazyre.compile(
    rf"\b(?:consists?|composed|comprises?|comprising|made up|consisting) of\s+(?:the\s+following\s+)?{_NUM}\s+(?:\w+\s+)?(?:components|modules|parts|stages|ingredients|elements|sub-?networks|branches|sub-?modules|building blocks)\b"
    rf"|\b{_NUM}\s+(?:key\s+|main\s+|core\s+|novel\s+|new\s+|major\s+|essential\s+|complementary\s+)+(?:components|modules|ingredients|innovations|techniques|design choices|mechanisms)\b"
    rf"|\b(?:our|the proposed)\s+(?:\w+\s+)?(?:method|model|approach|framework|architecture)\s+(?:has|contains|combines|integrates)\s+{_NUM}\s+(?:\w+\s+)?(?:components|modules|parts|ingredients|mechanisms)\b",
    re.IGNORECASE,
)
_ABLATION = lazyre.compile(
    r"ablat|\bw/o\b|\bwithout (?:the|our|each|any|this|these|a|its)\b|leave-one-out|\bremov(?:e|es|ed|ing) (?:the|each|one|this|these|it|them|any)\b"
    r"|contributions? of each|effect of each|each (?:component|module|part|ingredient)|component(?:-wise)? analysis|\bdisabl(?:e|es|ed|ing)\b"
    r"|\bvariants? of (?:our|the proposed)|turn(?:ing|ed)? off|\bonly (?:the|one)\b",
    re.IGNORECASE,
)


class NoAblation(Check):
    code = "EV121"

    def run(self, doc, ctx):
        sec = experiments_section(doc)
        if not applies(doc) or sec is None or not method_paper(doc) or not _reports_numbers(sec):
            return
        from ..cl.claims import formal_paper

        if formal_paper(doc):
            return                              # a theory paper: its evidence for each part is a proof
        hit = None
        for block in doc.blocks:
            if block.kind not in ("paragraph", "item"):
                continue
            sec = block.section
            if sec is not None and (structure.RELATED.search(sec.title) or sec.appendix):
                continue
            m = _COMPONENTS.search(block.text)
            if m:
                hit = (block.start + m.start(), block.start + m.end(), m.group())
                break
        if hit is None:
            return
        if _ABLATION.search(doc.text) or _ABLATION.search(raw_all(doc)):
            return
        yield ctx.report(hit[0], hit[1], phrase=" ".join(hit[2].split()))


# --------------------------------------------------------------------------------------------
# EV130: qualitative examples, no word on how they were chosen
# --------------------------------------------------------------------------------------------
_QUALITATIVE = lazyre.compile(
    r"\bqualitative\s+(?:\w+\s+)?(?:results?|examples?|samples?|comparisons?|outputs?|visuali[sz]ations?|illustrations?)\b"
    r"|\b(?:example|sample|selected|generated)\s+(?:outputs|generations|predictions|translations|summaries|images|reconstructions|visuali[sz]ations|dialogues|responses|completions)\b"
    r"|\b(?:shows?|present|presents|display|displays|illustrates?|visuali[sz]es?|list|lists)\s+(?:some|several|a few|a couple of|two|three|four|five|\d+)\s+(?:\w+\s+)?(?:examples|samples|cases|instances|outputs|generations|predictions)\b"
    r"|\b(?:some|several|a few)\s+(?:\w+\s+)?(?:examples|samples)\s+(?:of|from)\s+(?:the\s+)?(?:generated|model|our|predicted|produced|output)\w*",
    re.IGNORECASE,
)
_SELECTION = lazyre.compile(
    r"cherry-?pick\w*|hand-?pick\w*|hand-?select\w*"
    r"|\brandom(?:ly)?\s+(?:selected|chosen|sampled|drawn|picked)|\b(?:selected|chosen|sampled|drawn|picked)\s+(?:\w+\s+){0,4}?(?:at\s+random|randomly|uniformly)\b|\bat random\b"
    r"|\brepresentative\b|\btypical\s+(?:\w+\s+)?(?:examples?|cases?|outputs?|samples?|instances?)|\billustrative\b"
    r"|\b(?:selected|chosen|picked)\s+(?:to|because|for|based|by|as|from|according)\b|\b(?:we|they|were|was)\s+(?:selected|chose|chosen|picked|sampled|drawn)\b"
    r"|\bfirst\s+(?:\d+|two|three|four|five|ten|few)\s+(?:\w+\s+)?(?:examples|samples|sentences|images|inputs|outputs|items|instances|utterances|documents)"
    r"|failure (?:cases?|modes?|examples?)|success(?:ful)? and (?:failure|unsuccessful)|best and worst|worst[- ]case examples?"
    r"|\bnot (?:selected|chosen|filtered|cherry)|\bwithout (?:selection|filtering|cherry)|\bdid not (?:select|choose|filter)",
    re.IGNORECASE,
)


class QualitativeSelection(Check):
    code = "EV130"

    def run(self, doc, ctx):
        if not applies(doc):
            return
        blocks = [b for b in doc.blocks if b.kind in ("paragraph", "item", "caption")]
        for i, block in enumerate(blocks):
            m = _QUALITATIVE.search(block.text)
            if not m:
                continue
            sec = block.section
            if sec is not None and structure.RELATED.search(sec.title):
                continue
            near = [block] + blocks[max(0, i - 1):i] + blocks[i + 1:i + 2]
            if block.figure is not None:
                near.extend(block.figure.captions)
            if any(_SELECTION.search(b.text) for b in near):
                continue
            if block.figure is None and self._figure_caption_says(doc, block):
                continue
            yield ctx.report(block.start + m.start(), block.start + m.end(), phrase=" ".join(m.group().split()))
            return                              # one finding per paper: the first place

    @staticmethod
    def _figure_caption_says(doc, block) -> bool:
        """A figure referenced from this paragraph whose caption says how the examples were chosen."""
        for fig in doc.figures:
            if fig.section is block.section and any(_SELECTION.search(c.text) for c in fig.captions):
                return True
        return False


# --------------------------------------------------------------------------------------------
# EV140: no code or data availability statement
# --------------------------------------------------------------------------------------------
_AVAILABLE = lazyre.compile(
    r"github\.com|gitlab|bitbucket|zenodo|figshare|osf\.io|huggingface\.co|codeocean|dataverse|sourceforge|cran\.r-project|pypi\.org|bioconductor"
    r"|\b(?:code|data|software|implementation|dataset|data set|scripts?|source|models?|weights|checkpoints|package|toolbox|library|notebooks?|materials?|corpus|annotations)\s+"
    r"(?:\w+\s+){0,3}(?:is|are|will be|has been|have been|can be|were|was)\s+(?:\w+\s+)?(?:publicly\s+|freely\s+|openly\s+|made\s+)?"
    r"(?:available|released|provided|included|published|open[- ]?sourced|shared|downloaded|found|accessed|obtained)"
    r"|\b(?:release|released|releasing|publish|published|share|shared|open[- ]?source|provide|make|made|making)\s+(?:\w+\s+){0,2}(?:code|data|implementation|software|scripts|dataset|models?|package|toolbox)\b"
    r"|\b(?:code|data|scripts?|implementation|software|notebooks?)\b[^.]{0,80}\b(?:supplementa\w*|appendix|repository|released|online)\b"
    r"|\bavailab(?:le|ility)\s+(?:at|from|on|online|upon|under|via|in)\b|\bupon (?:reasonable )?request\b|\bavailability\b|\bopen[- ]source\b|\\url\{|\\href\{|https?://",
    re.IGNORECASE,
)

#: The alternatives of _AVAILABLE that are plain text (matched in any case, anywhere)
_AVAILABLE_LITERALS = ("github.com", "gitlab", "bitbucket", "zenodo", "figshare", "osf.io", "huggingface.co", "codeocean",
                       "dataverse", "sourceforge", "cran.r-project", "pypi.org", "bioconductor", "\\url{", "\\href{",
                       "http://", "https://")


def mentions_availability(text: str) -> bool:
    """Whether _AVAILABLE matches somewhere in `text`. Most papers have a URL or a repository
    host, which a substring test on the lower-cased text finds at once; scanning 150 KB of
    source with the whole pattern, as before, took 15-19 ms even when it matched."""
    low = text.lower()
    return any(lit in low for lit in _AVAILABLE_LITERALS) or _AVAILABLE.search(text) is not None


class NoAvailability(Check):
    code = "EV140"

    def run(self, doc, ctx):
        if not applies(doc):
            return
        sec = experiments_section(doc)
        if sec is None or not _reports_numbers(sec):
            return                              # no experiments: nothing to reproduce
        if mentions_availability(raw_all(doc)) or mentions_availability(doc.text):
            return
        yield ctx.report(src=structure.anchor(doc))
