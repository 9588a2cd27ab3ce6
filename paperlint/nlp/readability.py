"""Readability scores for prose-view text, standard library only, offline.

Why not textstat: from 0.7.9 on it imports nltk and downloads CMUdict on first use,
which fails offline, and its formulas are one line each. We count syllables with a
rule-based English heuristic plus a small exceptions table, and compute:

* Flesch reading ease (Flesch 1948): ``206.835 - 1.015 * W/S - 84.6 * Sy/W``
* Flesch-Kincaid grade (Kincaid et al. 1975): ``0.39 * W/S + 11.8 * Sy/W - 15.59``
* Gunning fog (Gunning 1952): ``0.4 * (W/S + 100 * C/W)``, C = complex words

How words are counted on the prose view:

* A word is a run of letters, with inner apostrophes and hyphens: ``don't``,
  ``state-of-the-art`` (one word, as in Flesch's own counting rules).
* The prose view's placeholders are not words: ``X`` (inline math), ``[1]``
  (citations). Other single capitals (``A``, ``I``) are words.
* Numbers (``0.5``, ``2019``, ``95%``) are words of one syllable and never complex:
  they are read quickly and textstat counts them the same way.
* Acronyms written in capitals are spelled out (``CNN`` = 3 syllables) unless they
  read as a word (``BERT``, ``NASA``: a vowel and four letters or more).

Complex words for Gunning fog follow Gunning's rules, not textstat's (which uses the
Dale-Chall easy-word list): three syllables or more, except capitalised words
(names; the first word of a sentence is not exempt), hyphenated compounds, acronyms,
and words that reach three syllables only through -es, -ed or -ing.

Agreement with textstat 0.7.8 (CMUdict, then Pyphen) is measured in
``tests/test_readability.py``.
"""

from __future__ import annotations

from .. import lazyre
import re
from collections.abc import Iterable, Sequence
from ..records import dataclass
from functools import lru_cache

__all__ = [
    "Readability",
    "count_syllables",
    "flesch_kincaid_grade",
    "flesch_reading_ease",
    "gunning_fog",
    "is_complex_word",
    "score_sentences",
    "score_text",
    "split_sentences",
    "words",
]

# --------------------------------------------------------------------------------------
# Syllables
# --------------------------------------------------------------------------------------

#: Words the rules below get wrong, with their usual syllable count (General American).
#: Mostly compounds with a silent inner e, and vowel pairs read as two syllables.
# fmt: off
_EXCEPTIONS: dict[str, int] = {
    "baseline": 2, "baselines": 2, "framework": 2, "frameworks": 2, "pipeline": 2,
    "pipelines": 2, "guideline": 2, "guidelines": 2, "timeline": 2, "lifetime": 2,
    "therefore": 2, "whereas": 2, "wherever": 3, "moreover": 3, "sometimes": 2,
    "someone": 2, "somewhat": 2, "somewhere": 2, "elsewhere": 2, "likewise": 2,
    "hereafter": 3, "furthermore": 3, "nonetheless": 3, "whenever": 3,
    "maybe": 2, "recipe": 3, "simile": 3, "apostrophe": 4, "coyote": 3,
    "ratio": 3, "ratios": 3, "video": 3, "videos": 3, "stereo": 3, "naive": 2,
    "create": 2, "creates": 2, "created": 3, "creating": 3, "creation": 3,
    "area": 3, "areas": 3, "idea": 3, "ideas": 3, "ideal": 2, "ideally": 3, "really": 2,
    "real": 1, "being": 2, "beings": 2, "science": 2, "sciences": 3,
    "scientific": 4, "scientist": 3, "scientists": 3, "client": 2, "clients": 2,
    "quiet": 2, "diet": 2, "variety": 4, "society": 4, "anxiety": 4,
    "hierarchy": 4, "hierarchical": 4, "poem": 2, "poet": 2, "fluid": 2,
    "genuine": 3, "ruin": 2, "actual": 3, "actually": 4, "usual": 3,
    "usually": 4, "dual": 2, "individual": 5, "individuals": 5, "annual": 3,
    "manual": 3, "manually": 4, "gradual": 3, "gradually": 4, "visual": 3,
    "visually": 4, "visualize": 3, "visualization": 5, "eventually": 5,
    "mutual": 3, "virtual": 3, "contextual": 4, "conceptual": 4,
    "evaluate": 4, "evaluated": 5, "evaluates": 4, "evaluating": 5,
    "evaluation": 5, "evaluations": 5, "situation": 4, "graduate": 3,
    "continuous": 4, "ambiguous": 4, "ambiguity": 5, "various": 3,
    "previous": 3, "previously": 4, "theory": 3, "theories": 3, "theorem": 2,
    "theorems": 2, "theoretical": 5, "geometry": 4, "geometric": 4, "neural": 2,
    "linear": 3, "nonlinear": 4, "bilinear": 4, "nuclear": 3, "react": 2,
    "reality": 4, "reuse": 2, "reused": 2, "preamble": 3, "people": 2,
    "business": 2, "every": 2, "everything": 3, "everyone": 3, "different": 3,
    "interest": 3, "interesting": 4, "general": 3, "generally": 4, "several": 3,
    "family": 3, "average": 3, "camera": 3, "temperature": 4, "favorite": 3,
    "chocolate": 3, "vegetable": 4, "comfortable": 4, "separate": 3,
    "hour": 1, "hours": 1, "our": 1, "ours": 1, "iron": 2,
    "doing": 2, "going": 2, "seeing": 2, "agreeing": 3, "queue": 1, "queues": 1,
    "via": 2, "vs": 2, "etc": 4, "e.g": 2, "i.e": 2, "eg": 2, "ie": 2,
    "bayesian": 3, "gaussian": 2, "euclidean": 4, "cafe": 2, "resume": 3,
    "algorithm": 4, "algorithms": 4, "rhythm": 2, "rhythms": 2, "prism": 2,
    "mechanism": 4, "mechanisms": 4, "organism": 4, "organisms": 4,
    "data": 2, "dataset": 3, "datasets": 3, "database": 3, "databases": 4,
    "wikipedia": 5, "naively": 3, "lion": 2, "element": 3, "elements": 3,
    "likelihood": 3, "likelihoods": 3, "behavior": 3, "behaviors": 3,
    "behavioral": 4, "behaviour": 3, "behaviours": 3, "behavioural": 4,
    "something": 2, "anything": 3, "nothing": 2, "anyone": 3, "thereby": 2,
    "whereby": 2, "wherein": 2, "therein": 2, "notebook": 2, "notebooks": 2,
    "tradeoff": 2, "tradeoffs": 2, "unusual": 4, "valuable": 3,
    "eye": 1, "eyes": 1, "familiar": 3, "unfamiliar": 4,
}
# fmt: on

#: A vowel group; y is a vowel unless a vowel follows (year, layer, beyond).
_VOWEL_GROUP = lazyre.compile(r"(?:[aeiou]|y(?![aeiou]))+")
#: Vowel pairs read as two syllables, minus their common one-syllable spellings.
_ADD = [
    re.compile(p)
    for p in (
        r"(?<![cgstq])ia",  # via, media, trivial, criteria (not special, Asia, initial)
        r"(?<=[cgst])iat(?!iv)",  # associate, differentiation (not initiative)
        r"(?<![cgstxn])(?<!ll)io(?!u)",  # prior, period, audio (not action, million, union)
        r"(?<![cgstx])iou",  # serious, obvious, spurious (not precious, ambitious)
        r"(?<![qg])ua(?!y|ble)",  # actual, usual, evaluate (not quality, language)
        r"uou",  # continuous, ambiguous
        r"(?<![qg])uo(?!u)",  # fluorescence, duo
        r"iu",  # medium, premium
        r"(?<![cgst])ien(?:ce|t)",  # experience, client, gradient (not efficient, patient)
        r"[^aeiou]iers?$|[^aeiou]iest$",  # earlier, identifiers, easiest
        r"eo(?!u|ple)",  # theory, video, geometry (not gorgeous, people)
        r"(?<![aeiou])ying",  # trying, studying, varying (not saying)
        r"[aeiou]ing",  # doing, being, going
        r"(?<![aeiou])isms?$",  # mechanism
        r"thms?$",  # algorithm
        r"[^aeiouy]ea$",  # area, idea (not sea)
        r"^re[aio]",  # react, reinforce, realize, reorder
        r"^pre[aeio]",  # preamble, preorder
        r"^coe|^coo[pr]|^coincid",  # coefficient, cooperate, coordinate, coincide
        r"uity",  # ambiguity, continuity
        r"(?<![gq])uiti",  # intuition, intuitive
        r"eous$|eously$",  # spontaneous
        r"(?<![aeiou])ire(?:s|d|ly)?$",  # entire, desired, required (not paired)
        r"(?<![qg])uen",  # fluent, influence (not sequence)
    )
]
#: Spellings that the rules above or the vowel groups over-count.
_SUB = [
    re.compile(p)
    for p in (
        r"^rea(?:d|ch|son|lm|r|p|l(?!i[sztz]|it))|^reig",  # read, reach, reason, real
        r"ques?$",  # technique, unique
        r"[aeiou]gues?$",  # dialogue, league (not argue)
        r"ically$",  # automatically, specifically
    )
]


#: One search of these tells whether any of ``_ADD`` (or ``_SUB``) can match a word at all: it
#: fails for about 94% (99%) of words, which then skip the per-pattern counts.
_ANY_ADD = lazyre.compile("|".join(f"(?:{p.pattern})" for p in _ADD))
_ANY_SUB = lazyre.compile("|".join(f"(?:{p.pattern})" for p in _SUB))
_HAS_VOWEL = lazyre.compile(r"[aeiouy]")
_SILENT_E = lazyre.compile(r"[^aeiouy]e$")
_LE = lazyre.compile(r"[^aeiouy]le$")
_SILENT_ES = lazyre.compile(r"[^aeiouy]es$")
_SOUNDED_ES = lazyre.compile(r"(?:[sxzcg]|ch|sh|[^aeiouylr]l)es$")
_SILENT_ED = lazyre.compile(r"[^aeiou]ed$")
_SOUNDED_ED = lazyre.compile(r"(?:[td]|[^aeiouylr]l)ed$")
_SILENT_E_SUFFIX = lazyre.compile(
    r"[aeiouy](?:[^aeiouy]|[^aeiouy][^aeiouyl])e(?:ly|ment|ments|ful|fully|less|ness)$"
)


_NON_LOWER = lazyre.compile(r"[^a-z]")
_NON_LETTER = lazyre.compile(r"[^A-Za-z]")


def _rule_syllables(word: str) -> int:
    if not _HAS_VOWEL.search(word):
        return _acronym_syllables(word)  # http, csv: spelled out
    n = len(_VOWEL_GROUP.findall(word))
    # silent e: make, makes, used, based (not: table, wanted, uses, images, free)
    last = word[-1]
    if last == "e":
        if _SILENT_E.search(word) and not _LE.search(word):
            n -= 1
    elif last == "s":
        if _SILENT_ES.search(word) and not _SOUNDED_ES.search(word):
            n -= 1  # makes (not: uses, matches, changes, tables)
    elif last == "d":
        if _SILENT_ED.search(word) and not _SOUNDED_ED.search(word):
            n -= 1  # used, played, called (not: wanted, needed, sampled)
    # silent e before a suffix: likely, largely, statement, useful, careless
    if last in "ylts" and _SILENT_E_SUFFIX.search(word):
        n -= 1
    if _ANY_ADD.search(word):
        for p in _ADD:
            n += len(p.findall(word))
    if _ANY_SUB.search(word):
        for p in _SUB:
            n -= len(p.findall(word))
    return max(1, n)


@lru_cache(maxsize=8192)
def _word_syllables(word: str) -> int:
    w = word.lower().strip("'\u2019")
    if w.endswith(("'s", "\u2019s")):
        w = w[:-2]
    if w in _EXCEPTIONS:
        return _EXCEPTIONS[w]
    if w.endswith("s") and w[:-1] in _EXCEPTIONS:
        return _EXCEPTIONS[w[:-1]]
    return _rule_syllables(_NON_LOWER.sub("", w) or "a")


def _acronym_syllables(word: str) -> int:
    """Letters spelled out (W has three syllables); digits count one."""
    return sum(3 if c in "Ww" else 1 for c in word if c.isalnum())


def _reads_as_word(word: str) -> bool:
    return (
        len(word) >= 4
        and bool(re.search(r"[AEIOU]", word))
        and bool(re.search(r"[AEIOUY][^AEIOUY]|[^AEIOUY][AEIOUY]", word))
    )


@lru_cache(maxsize=16384)
def count_syllables(word: str) -> int:
    """Syllables in one word (a hyphenated compound sums its parts)."""
    if "-" in word or "\u2010" in word:
        return sum(count_syllables(p) for p in re.split(r"[-\u2010]", word) if p)
    if not any(c.isalpha() for c in word):
        return 1  # a number is read as one unit here
    letters = _NON_LETTER.sub("", word)
    if len(letters) >= 2 and letters.isupper() and not _reads_as_word(letters):
        return _acronym_syllables(letters)
    return _word_syllables(word)


# --------------------------------------------------------------------------------------
# Words and sentences
# --------------------------------------------------------------------------------------

_TOKEN = lazyre.compile(
    r"\[\d+(?:\s*[,\u2013-]\s*\d+)*\]"  # citation placeholder: skipped
    r"|(?P<num>[-+]?\d+(?:[.,]\d+)*%?)"  # a number
    r"|(?P<word>[A-Za-z](?:[A-Za-z0-9]|['\u2019](?=[A-Za-z])|[-\u2010](?=[A-Za-z0-9]))*)"
)


def words(text: str) -> list[str]:
    """The readability words of a prose-view string, in order (see the module doc)."""
    out = []
    for num, word in _TOKEN.findall(text):  # a citation placeholder gives ("", "")
        if word:
            if word != "X":  # the inline-math placeholder
                out.append(word)
        elif num:
            out.append(num)
    return out


#: Words after which a full stop does not end a sentence (compared in lower case).
_ABBREVIATION_TEXT = """
e.g i.e al cf vs etc fig figs eq eqs sec secs tab ref refs resp approx no nos
dr mr ms mrs prof jr sr st vol pp ch thm def prop lem cor alg app ca viz
"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_TEXT.split())
_CANDIDATE_END = lazyre.compile(
    r"[.!?]+['\"\u2019\u201d)\]]*(?=\s+[\"'\u2018\u201c(\[]?[A-Z0-9]|\s*$)"
)


def _is_sentence_end(text: str, m: re.Match[str]) -> bool:
    if text[m.start()] != ".":
        return True
    before = re.search(r"(\S+)$", text[max(0, m.start() - 40) : m.start()])
    if not before:
        return True
    word = before.group(1).lstrip("([\"'")
    # not after "et al.", "Fig.", "J. Smith"; but a lone "X" (math) does end a sentence
    return not (word.lower() in _ABBREVIATIONS or re.fullmatch(r"[A-WYZ]", word))


def split_sentences(text: str) -> list[str]:
    """A plain sentence splitter for prose (the document model has a better one).

    It does not split after common abbreviations (``e.g.``, ``et al.``, ``Fig.``),
    after a single capital (``J. Smith``), or inside numbers (``0.5``).
    """
    out, start = [], 0
    for m in _CANDIDATE_END.finditer(text):
        if not _is_sentence_end(text, m):
            continue
        piece = text[start : m.end()].strip()
        if piece:
            out.append(piece)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


# --------------------------------------------------------------------------------------
# Scores
# --------------------------------------------------------------------------------------


def flesch_reading_ease(n_words: int, n_sentences: int, n_syllables: int) -> float:
    """Flesch (1948): higher is easier; 60-70 is plain English, under 30 is hard."""
    if not n_words or not n_sentences:
        return 0.0
    return 206.835 - 1.015 * (n_words / n_sentences) - 84.6 * (n_syllables / n_words)


def flesch_kincaid_grade(n_words: int, n_sentences: int, n_syllables: int) -> float:
    """Kincaid et al. (1975): a US school grade."""
    if not n_words or not n_sentences:
        return 0.0
    return 0.39 * (n_words / n_sentences) + 11.8 * (n_syllables / n_words) - 15.59


def gunning_fog(n_words: int, n_sentences: int, n_complex: int) -> float:
    """Gunning (1952): years of schooling to read the text on first reading."""
    if not n_words or not n_sentences:
        return 0.0
    return 0.4 * (n_words / n_sentences + 100.0 * n_complex / n_words)


@lru_cache(maxsize=16384)
def is_complex_word(word: str, sentence_initial: bool = False) -> bool:
    """Gunning's complex word: three syllables or more, with his exemptions."""
    if not any(c.isalpha() for c in word) or "-" in word or "\u2010" in word:
        return False
    letters = _NON_LETTER.sub("", word)
    if letters.isupper() and len(letters) >= 2:
        return False  # acronyms
    if word[0].isupper() and not sentence_initial:
        return False  # names
    if count_syllables(word) < 3:
        return False
    # not when only -es, -ed or -ing makes the third syllable (created, connected)
    stem = re.sub(r"(?:es|ed|ing)$", "", word.lower())
    return not (
        stem != word.lower()
        and count_syllables(stem) < 3
        and count_syllables(stem + "e") < 3
    )


@dataclass(frozen=True)
class Readability:
    """Counts and scores for a run of sentences (a section, a paragraph, a paper)."""

    sentences: int
    words: int
    syllables: int
    complex_words: int
    flesch_reading_ease: float
    flesch_kincaid_grade: float
    gunning_fog: float

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0


def score_sentences(sentences: Sequence[str] | Iterable[str]) -> Readability:
    """Score pre-split sentences; sentences with no readability word are not counted."""
    n_sent = n_words = n_syll = n_complex = 0
    for sentence in sentences:
        ws = words(sentence)
        if not ws:
            continue
        n_sent += 1
        n_words += len(ws)
        for i, w in enumerate(ws):
            n_syll += count_syllables(w)
            n_complex += is_complex_word(w, sentence_initial=(i == 0))
    return Readability(
        sentences=n_sent,
        words=n_words,
        syllables=n_syll,
        complex_words=n_complex,
        flesch_reading_ease=flesch_reading_ease(n_words, n_sent, n_syll),
        flesch_kincaid_grade=flesch_kincaid_grade(n_words, n_sent, n_syll),
        gunning_fog=gunning_fog(n_words, n_sent, n_complex),
    )


def score_text(text: str) -> Readability:
    """Split with ``split_sentences`` and score."""
    return score_sentences(split_sentences(text))
