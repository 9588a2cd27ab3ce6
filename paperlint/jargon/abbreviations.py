r"""Acronym definitions and acronym uses in prose-view text.

Two services for the JG rules, both working on a *prose view* string and returning
exact character offsets into the string they are given (never a re-search):

``find_definitions(text)``
    Our own implementation of Schwartz & Hearst (2003), "A simple algorithm for
    identifying abbreviation definitions in biomedical text" (PSB 2003). A definition
    is a parenthesised short form next to its long form, in either order::

        convolutional neural network (CNN)      long form (SF)
        a CNN (convolutional neural network)    SF (long form)

    The long form is found by matching the short form's characters backwards through
    the words before the parenthesis; the first short-form character must start a
    word. We add a few things the paper leaves out and that real drafts need:
    spaced parentheses ``( SF )``, notes after the short form (``(SF; [1])``,
    ``(SF, see below)``, ``(SF [1])``), ``(hereafter SF)`` and ``(SF for short)``,
    a long form that is cut at sentence, clause and parenthesis boundaries, and a
    long form that may not start with a function word (``is important (II)``).

``acronym_uses(text)``
    Every token that reads as an acronym (see ``ACRONYM_TOKEN`` and the policy
    below), with its normalised form: plural and possessive endings are removed
    (``CNNs``, ``CNN's`` -> ``CNN``) and so is a hyphenated version number
    (``GPT-4``, ``CIFAR-10`` -> ``GPT``, ``CIFAR``), while the span still covers the
    whole token.

What counts as an acronym use (policy)
--------------------------------------
* A token with at least two capital letters: ``CNN``, ``LSTM``, ``GPT-4``, ``R&D``,
  ``U.S.``, ``ReLU``, ``BiLSTM``, ``mRNA``, ``PhD``. One capital is not enough, so
  ``F1``, ``L2``, ``T5``, ``A100`` (metrics, norms, hardware, math placeholders with
  digits) are not acronyms.
* Mixed case tokens that read as *names* are not acronyms: a capitalised word part
  of three or more letters (``PyTorch``, ``ImageNet``, ``XLNet``, ``BibTeX``,
  ``ChatGPT``), a lower-case run of three or more letters (``OpenAI``, ``macOS``),
  or two separate lower-case runs (``RoBERTa``, ``LaTeX``, ``NumPy``, ``GloVe``).
  Names of models, data sets and software are half of the capitalised tokens in
  real papers and are almost never expanded; they belong to project lists, not to
  JG102. Mixed tokens with a single short lower-case run stay acronyms because
  they are usually expanded in papers: ``ReLU``, ``LoRA``, ``MoE``, ``IoU``, ``ViT``.
* A one-letter prefix joined by a hyphen belongs to the token: ``k-NN``, ``t-SNE``,
  and ``X-NN`` (from ``$k$-NN``) are acronyms of their own, so that the definition
  ``$k$ nearest neighbours ($k$-NN)`` and its uses share the key ``X-NN``.
* Not acronyms: Roman numerals made of I, V and X (``II``, ``IV``, ``XIV``), units
  (``GB``, ``MHz``, ``TFLOPS``), chemical formulas (``H2O``, ``CO2``, ``HCl``),
  tokens that start with a digit (``3D``, ``16GB``, ordinals ``2ND``), identifiers
  with three digits in a row (grant ``R01GM074244``), runs of three or more
  all-caps words that include an English word (``DO NOT USE``), a few all-caps
  words (``NOTE``, ``TODO``, ``ABSTRACT``, ``README``), and all-caps words whose
  lower-case form is used as an ordinary word in the same text (``RESULTS`` when
  ``results`` appears: headings and emphasis; ``IT`` when ``it`` appears).
* Every exclusion in the previous point is lifted for an acronym the document
  defines: pass ``defined={"VI", "IV"}`` so that ``variational inference (VI)`` and
  later uses of ``VI`` are kept.

Known limit: inline math glued to letters yields tokens holding the placeholder
(``FC$_k$`` -> ``FCX``, ``$\Lambda$CDM`` -> ``XCDM``). Only the document model knows
where math was, so a rule should drop a use whose span overlaps a math replacement.

Uses inside a definition's parentheses are returned too; rules that count uses
drop the ones that overlap a ``Definition.short_start:short_end`` span.
"""

from __future__ import annotations

from .. import lazyre
import re
from bisect import bisect_right
from collections.abc import Collection, Iterable
from ..records import dataclass
from functools import lru_cache

__all__ = [
    "ACRONYM_TOKEN",
    "Definition",
    "acronym_uses",
    "defined_acronyms",
    "find_definitions",
    "is_acronym_like",
    "normalise_acronym",
]


@dataclass(frozen=True)
class Definition:
    """One acronym definition.

    ``long == text[long_start:long_end]`` exactly. ``short`` is the *normalised* short
    form (``HMMs`` -> ``HMM``), the key shared with ``acronym_uses``; the surface form
    is ``text[short_start:short_end]``.
    """

    short: str
    long: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int
    derived: bool = False   # a part of a hyphenated short form, or a singular read off a plural


# --------------------------------------------------------------------------------------
# Acronym tokens
# --------------------------------------------------------------------------------------

#: Candidate acronym uses: a token with at least two capital letters. Groups:
#: ``tok`` the token without a possessive ending, ``core`` the token without a
#: hyphenated version suffix. Filtering (names, units, numerals...) is done by
#: ``acronym_uses``, not by this pattern.
ACRONYM_TOKEN: re.Pattern[str] = re.compile(
    r"""
    (?<![\w&.@/\\])                          # not inside a word, path, address or dotted name
    (?=[A-Za-z0-9])                          # a token starts here
    (?=(?:[a-z0-9&.'\u2019-]{0,24}[A-Z]){2}) # two capitals close ahead (bounded: no quadratic scans)
    (?P<tok>
        (?P<core>
            (?:[A-Z]\.){2,}(?![A-Za-z])      # dotted: U.S., U.K.
          | (?:[A-Za-z]-(?=[A-Z]))?          # one-letter prefix: k-NN, t-SNE, X-NN from $k$-NN
            [A-Za-z0-9]+(?:&[A-Za-z0-9]+)*   # CNN, GPT4, R&D, AT&T
        )
        (?:-\d+(?:\.\d+)*[A-Za-z]{0,2}(?!\w)      # version: GPT-4, GPT-3.5, CIFAR-10, Llama-2-7B
          | -[A-Z](?![\w-])                       # DALL-E
        )*
    )
    (?P<poss>['\u2019]s?)?                   # CNN's, CNNs'
    (?![\w&])
    """,
    re.VERBOSE,
)


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_VERSION_SUFFIX = lazyre.compile(r"(?:-\d+(?:\.\d+)*[A-Za-z]{0,2})+$")
_PLURAL = lazyre.compile(r"(?<=[A-Z])s$")
_ROMAN = lazyre.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
_NAME_HUMP = lazyre.compile(r"[A-Z][a-z]{2,}|[a-z]{3,}")
_LOWER_RUN = lazyre.compile(r"[a-z]+")

#: Units with two or more capitals, SI prefixes and binary prefixes included.
_UNITS = _wordset(
    """
    KB MB GB TB PB EB KiB MiB GiB TiB PiB KBps MBps GBps
    GHz MHz THz KHz MW GW TW MWh GWh TWh MeV GeV TeV MPa GPa MVA kVA
    GFLOPS TFLOPS PFLOPS EFLOPS GFLOPs TFLOPs PFLOPs MIPS
    """
)

_ELEMENTS = _wordset(
    """
    H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn
    Ga Ge As Se Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La
    Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po
    At Rn Fr Ra Ac Th Pa U Np Pu Am Cm Bk Cf Es Fm Md No Lr
    """
)
_FORMULA_PART = lazyre.compile(r"([A-Z][a-z]?)(\d*)")

#: All-caps words that are emphasis, draft markers, headings or conventional file
#: names, never acronyms. Headings in capitals are common in older journal styles.
_CAPS_WORDS = _wordset(
    """
    NOTE NOTES TODO FIXME WARNING IMPORTANT NOT AND OR THE NO YES ALL ONLY NEW
    ABSTRACT INTRODUCTION BACKGROUND METHOD METHODS MATERIALS RESULTS DISCUSSION
    CONCLUSION CONCLUSIONS ACKNOWLEDGMENTS ACKNOWLEDGEMENTS REFERENCES APPENDIX
    LITERATURE CITED SUMMARY KEYWORDS FIGURE TABLE SECTION SUPPLEMENTARY
    README LICENSE CHANGELOG CONTRIBUTING CITATION
    """
)

#: Function words: a long form never starts with one ("is important (II)").
_FUNCTION_WORDS = _wordset(
    """
    a an the and or but nor of in on at to for from by with as is are was were be been
    being this that these those it its we our they their which who whom whose where
    when while if then than so such also not no can may might will would should could
    has have had do does did i e g ie eg see cf via vs
    """
)


@lru_cache(maxsize=8192)
def normalise_acronym(token: str) -> str:
    """``CNNs`` -> ``CNN``, ``CNN's`` -> ``CNN``, ``GPT-4`` -> ``GPT``, ``U.S.`` -> ``US``."""
    token = re.sub(r"['\u2019]s?$", "", token)
    if re.fullmatch(r"(?:[A-Z]\.){2,}", token):
        return token.replace(".", "")
    token = _VERSION_SUFFIX.sub("", token) or token
    if _PLURAL.search(token) and sum(c.isupper() for c in token[:-1]) >= 2:
        token = token[:-1]
    return token


def _is_name(token: str) -> bool:
    """Mixed-case tokens that read as names (PyTorch, RoBERTa) rather than acronyms."""
    letters = re.sub(r"[^A-Za-z]", "", token)
    if letters.isupper():
        return False
    return bool(_NAME_HUMP.search(letters)) or len(_LOWER_RUN.findall(letters)) >= 2


@lru_cache(maxsize=8192)
def _is_formula(token: str) -> bool:
    """A chemical formula: element symbols with counts, and a digit or a two-letter symbol."""
    if not re.fullmatch(r"(?:[A-Z][a-z]?\d*)+", token):
        return False
    parts = _FORMULA_PART.findall(token)
    if not all(sym in _ELEMENTS for sym, _ in parts):
        return False
    return any(num for _, num in parts) or any(len(sym) == 2 for sym, _ in parts)


@lru_cache(maxsize=8192)
def is_acronym_like(token: str) -> bool:
    """Shape test on a normalised token: two capitals, not a name, not a digit-led token."""
    if not token or token[0].isdigit() or sum(c.isupper() for c in token) < 2:
        return False
    return not _is_name(token)


def _soft_excluded(norm: str, vocabulary: Collection[str]) -> bool:
    """Exclusions that a definition in the document overrides."""
    if _ROMAN.fullmatch(norm) or norm in _UNITS or _is_formula(norm):
        return True
    if norm in _CAPS_WORDS or re.search(r"\d{3}", norm):  # grant and accession numbers
        return True
    return norm.isalpha() and norm.isupper() and norm.lower() in vocabulary


def _is_english_caps(word: str, vocabulary: Collection[str]) -> bool:
    return (
        word in _CAPS_WORDS
        or word.lower() in _FUNCTION_WORDS
        or word.lower() in vocabulary
    )


_WORD = lazyre.compile(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])")
#: Three or more whole all-caps words in a row, one of them an English word: emphasis
#: ("DO NOT USE", "RELATED WORK AND DISCUSSION"), not acronyms. "UK NHS AI" stays.
_CAPS_RUN = lazyre.compile(
    r"(?<![\w&.'\u2019-])[A-Z]+(?:[ \t]+[A-Z]+){2,}(?![\w&'\u2019-])"
)


def acronym_uses(
    text: str,
    *,
    defined: Collection[str] = frozenset(),
    vocabulary: Collection[str] | None = None,
) -> list[tuple[int, int, str]]:
    """Acronym uses in ``text`` as ``(start, end, normalised)``, in text order.

    ``defined``: normalised acronyms the document defines; they are kept even when a
    heuristic would drop them (``VI`` looks like a Roman numeral). ``vocabulary``:
    the lower-case words of the whole document, when ``text`` is only a part of it
    (defaults to the words of ``text``).
    """
    if vocabulary is None:
        vocabulary = set(_WORD.findall(text))
    emphasis = [
        m.span()
        for m in _CAPS_RUN.finditer(text)
        if any(_is_english_caps(w, vocabulary) for w in m.group().split())
    ]
    emphasis_starts = [a for a, _ in emphasis]
    uses: list[tuple[int, int, str]] = []
    for m in ACRONYM_TOKEN.finditer(text):
        start, end = m.span("tok")
        tok = m["tok"]
        # "CNN's" and "CNNs'" end with a possessive; a lone quote after "CNN" closes a quotation
        if m["poss"] and (len(m["poss"]) == 2 or tok.endswith("s")):
            end = m.end("poss")
        norm = normalise_acronym(tok)
        if not is_acronym_like(norm):
            continue
        if norm not in defined:
            if _soft_excluded(norm, vocabulary):
                continue
            i = bisect_right(emphasis_starts, start) - 1
            if i >= 0 and start < emphasis[i][1]:
                continue
        uses.append((start, end, norm))
    return uses


# --------------------------------------------------------------------------------------
# Definitions (Schwartz & Hearst 2003)
# --------------------------------------------------------------------------------------

_PAREN = lazyre.compile(r"\(([^()\n]{1,160})\)")
_LABEL_LIST = lazyre.compile(r"\s*[A-Z][\w&-]*\s*(?:,\s*(?:and\s+|or\s+)?[A-Z][\w&-]*\s*)+")
_BRACKET = lazyre.compile(r"\[([A-Za-z][A-Za-z0-9&\-]{0,11}[A-Z][A-Za-z0-9]*)\]")
_CITE_END = lazyre.compile(r"\[\d+(?:\s*[,\u2013-]\s*\d+)*\]$")
_LEAD = lazyre.compile(
    r"(?:(?:hereafter|henceforth|hereinafter)[,:]?\s+(?:(?:referred\s+to\s+as|called|"
    r"denoted(?:\s+(?:as|by))?|abbreviated(?:\s+as)?)\s+)?|abbreviated(?:\s+as)?\s+|"
    r"abbrev\.\s+|short:\s+|(?:also\s+)?known\s+as\s+|a\.?k\.?a\.?\s+)",
    re.IGNORECASE,
)
_TRAIL = lazyre.compile(r"\s+(?:for\s+short|hereafter|henceforth)$", re.IGNORECASE)
_QUOTES = "\"'`\u2018\u2019\u201c\u201d"
_TRAILING_JUNK = "~-\u2013\u2014*_" + _QUOTES
#: Where a long form window stops: sentence or clause ends, other parentheses.
_WINDOW_STOP = lazyre.compile(r"[.!?;:](?=\s)|[()\[\]{}]|\n\s*\n|,")
_SPLIT_WORDS = lazyre.compile(r"[\s\-\u2010\u2011\u2013\u2014]+")


def _strip_span(text: str, start: int, end: int, chars: str) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in chars):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in chars):
        end -= 1
    return start, end


def _short_form_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Locate the short form inside the parenthesis content ``text[start:end]``."""
    start, end = _strip_span(text, start, end, _QUOTES)
    cut = re.search(r"[;,]", text[start:end])
    if cut:  # (SF; see [1]) and (SF, hereafter)
        end = start + cut.start()
    end = _trim_end(text, start, end)  # (SF [1])
    m = _LEAD.match(text, start, end)
    if m:
        start = m.end()
    m = _TRAIL.search(text[start:end])
    if m:
        end = start + m.start()
    start, end = _strip_span(text, start, end, _QUOTES)
    return (start, end) if start < end else None


def _valid_short_form(sf: str) -> bool:
    """Schwartz-Hearst's short form test, plus: one capital letter at least."""
    if not 2 <= len(sf) <= 10 or len(sf.split()) > 2:
        return False
    if not sf[0].isalnum() or not any(c.isalpha() for c in sf):
        return False
    return any(c.isupper() for c in sf)


def _match_long_form(sf: str, lf: str) -> int | None:
    """Backward character match: the start of the best long form in ``lf``, or None.

    Every alphanumeric character of the short form must be found, right to left, in
    the long form, and the first one at the start of a word. The long form starts at
    the whitespace-delimited word that holds the first match (``short-term``).
    """
    s = len(sf) - 1
    i = len(lf) - 1
    while s >= 0:
        c = sf[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while i >= 0 and (
            lf[i].lower() != c or (s == 0 and i > 0 and lf[i - 1].isalnum())
        ):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    start = i + 1
    while start > 0 and not lf[start - 1].isspace():
        start -= 1
    while not lf[
        start
    ].isalnum():  # an opening quote or emphasis mark is not the long form
        start += 1
    return start


def _alnum_len(sf: str) -> int:
    return sum(c.isalnum() for c in sf)


def _accept(sf: str, lf: str) -> bool:
    """The paper's checks on a matched pair, plus the function-word guard."""
    n = _alnum_len(sf)
    words = [w for w in _SPLIT_WORDS.split(lf) if w]
    if len(lf) <= len(sf) or not words:
        return False
    lowered = sf.lower()
    for w in (
        words
    ):  # the short form is itself a word of the long form: Matlab (MATLAB), GPT2 (GPT)
        w = w.lower()
        if w.startswith(lowered) and not w[len(lowered) :].strip("0123456789."):
            return False
    if len(words) == 1 and is_acronym_like(normalise_acronym(lf)):
        return False
    if len(words) > min(n + 5, 2 * n):
        return False
    first = re.sub(r"[^\w]", "", lf.split()[0]).lower()
    return first not in _FUNCTION_WORDS and any(c.isalpha() for c in lf)


def _window_before(text: str, pos: int, max_words: int) -> int:
    """Start of the long form window: at most ``max_words`` words before ``pos``, in
    the same clause (the search stops at sentence and clause punctuation)."""
    lo = max(0, pos - 400)
    for m in _WINDOW_STOP.finditer(text, lo, pos):
        lo = m.end()
    words = list(re.finditer(r"\S+", text[lo:pos]))
    if len(words) > max_words:
        return lo + words[-max_words].start()
    return lo


def _trim_end(text: str, start: int, end: int) -> int:
    """Drop trailing spaces, dashes and citation placeholders (``[1]``, ``[2, 3]``)."""
    while True:
        new = end
        while new > start and (
            text[new - 1].isspace() or text[new - 1] in _TRAILING_JUNK
        ):
            new -= 1
        m = _CITE_END.search(text, start, new)
        if m:
            new = m.start()
        if new == end:
            return end
        end = new


def _match_pair(sf: str, lf: str) -> int | None:
    """Match and accept; a plural short form may stand for a singular long form."""
    for form in (sf, sf[:-1]) if _PLURAL.search(sf) else (sf,):
        rel = _match_long_form(form, lf)
        if rel is not None and _accept(form, lf[rel:]):
            return rel
    return None


def _forward(text: str, open_: int, sf_start: int, sf_end: int) -> Definition | None:
    """``long form (SF)``."""
    sf = text[sf_start:sf_end]
    n = _alnum_len(sf)
    lf_end = _trim_end(text, 0, open_)
    lo = _window_before(text, lf_end, min(n + 5, 2 * n))
    rel = _match_pair(sf, text[lo:lf_end])
    if rel is None:
        return None
    lf_start = lo + rel
    return Definition(
        normalise_acronym(sf), text[lf_start:lf_end], sf_start, sf_end, lf_start, lf_end
    )


_BEFORE_PAREN = lazyre.compile(
    r"(?:(?:[A-Z]\.){2,}|[A-Za-z0-9][\w&\-]*)(?:['\u2019]s?)?\s*$"
)


def _reverse(text: str, open_: int, c_start: int, c_end: int) -> Definition | None:
    """``SF (long form)``: the short form is the token right before the parenthesis."""
    base = max(0, open_ - 40)
    m = _BEFORE_PAREN.search(text, base, open_)
    if not m:
        return None
    sf_start = m.start()
    if sf_start > 0 and (text[sf_start - 1].isalnum() or text[sf_start - 1] in "-&."):
        return None
    sf = re.sub(r"['\u2019]s?$", "", m.group().rstrip())
    sf_end = sf_start + len(sf)
    if not _valid_short_form(sf) or not is_acronym_like(normalise_acronym(sf)):
        return None
    c_start, c_end = _strip_span(text, c_start, c_end, _QUOTES)
    cut = re.search(r"[;,]", text[c_start:c_end])
    if cut:
        c_end = c_start + cut.start()
    c_end = _trim_end(text, c_start, c_end)
    rel = _match_pair(sf, text[c_start:c_end])
    if rel is None:
        return None
    lf_start = c_start + rel
    if not re.search(r"[A-Za-z]{2,}\s+[A-Za-z]", text[lf_start:c_end]) or re.search(r"://|www\.|\bversion\b", text[lf_start:c_end]):
        return None  # "VIC (http://vic.readthedocs.io)", "VIC (VIC version 5)": a reference, not a long form
    return Definition(
        normalise_acronym(sf), text[lf_start:c_end], sf_start, sf_end, lf_start, c_end
    )


def find_definitions(text: str) -> list[Definition]:
    """All acronym definitions in ``text``, in text order, with exact offsets."""
    found: list[Definition] = []
    for m in _PAREN.finditer(text):
        c_start, c_end = m.span(1)
        if "respectively" in m.group(1) or _LABEL_LIST.fullmatch(m.group(1)):
            continue  # "(OPM and CPM, respectively)": two pairs at once; "(BL, HF, LC)": labels listed, not defined
        d = None
        span = _short_form_span(text, c_start, c_end)
        if span and _valid_short_form(text[span[0] : span[1]]):
            d = _forward(text, m.start(), *span)
        if d is None:
            d = _reverse(text, m.start(), c_start, c_end)
        if d is not None:
            found.append(d)
        else:
            found.extend(_retry(text, m.start(), c_start, c_end))
    # "Plasmon-mediated Hot-Electron Transfer [PHET]": some fields bracket the short form (a long
    # form must come first; a bracket holding only a citation number is never a short form)
    for m in _BRACKET.finditer(text):
        if _valid_short_form(m.group(1)):
            d = _forward(text, m.start(), *m.span(1))
            if d is not None:
                found.append(d)
    found = [x for d in found for x in _refine(text, d)]
    found.sort(key=lambda d: d.short_start)
    return found


#: A short form followed by the kind of thing it names: "two-way fixed effect estimator (TWFE estimator)".
_SF_THEN_KIND = lazyre.compile(r"\s*([A-Za-z][A-Za-z0-9&\-]*[A-Z][A-Za-z0-9]*s?)\s+(?:estimators?|models?|methods?|tests?|algorithms?|approach|networks?|scores?|loss|framework)\s*$")


def _refine(text: str, d: Definition) -> list[Definition]:
    """What a reader takes from one definition: a short form written with a word of its long form
    ("offline reinforcement learning (offline RL)") defines the acronym alone; a hyphenated one
    ("Diffusion-weighted Magnetic Resonance Imaging (DW-MRI)") also defines its parts when their
    letters split the long form."""
    out = [d]
    surface = text[d.short_start : d.short_end]
    words = surface.split()
    if len(words) == 2:
        lead, last = words
        long_words = d.long.split()
        if long_words and long_words[0].lower() == lead.lower() and is_acronym_like(normalise_acronym(last)):
            start = d.short_start + surface.rindex(last)
            ls = d.long_start + len(d.long) - len(d.long[len(long_words[0]):].lstrip())
            out = [Definition(normalise_acronym(last), text[ls : d.long_end], start, start + len(last), ls, d.long_end)]
    for x in list(out):
        sf = text[x.short_start : x.short_end]
        if "-" in sf and sf.count("-") == 1:
            head, tail = sf.split("-")
            parts_ok = len(head) >= 2 and len(tail) >= 2 and re.search(r"[A-Za-z]", head) and re.search(r"[A-Za-z]", tail)
            rel = _match_pair(tail, x.long) if parts_ok else None
            if rel is not None and rel > 0 and _match_pair(head, x.long[:rel].rstrip(" -")) == 0:
                cut = x.long_start + rel
                out.append(Definition(normalise_acronym(head), x.long[:rel].rstrip(" -"), x.short_start, x.short_start + len(head),
                                      x.long_start, x.long_start + len(x.long[:rel].rstrip(" -")), True))
                out.append(Definition(normalise_acronym(tail), text[cut : x.long_end], x.short_end - len(tail), x.short_end, cut, x.long_end, True))
    # a plural short form in -e (PISNe for supernovae) also defines the singular
    for x in list(out):
        if len(x.short) > 2 and x.short.endswith("e") and x.short[:-1].isupper():
            out.append(Definition(x.short[:-1], x.long, x.short_start, x.short_end - 1, x.long_start, x.long_end, True))
    return out


def _retry(text: str, open_: int, c_start: int, c_end: int) -> list[Definition]:
    """Parentheses Schwartz-Hearst reads as no short form: '(TWFE estimator)', '(GPGPU; GPU for short)'."""
    content = text[c_start:c_end]
    out = []
    m = _SF_THEN_KIND.match(content)
    if m and _valid_short_form(m.group(1)):
        d = _forward(text, open_, c_start + m.start(1), c_start + m.end(1))
        if d is not None:
            out.append(d)
    return out


def defined_acronyms(definitions: Iterable[Definition]) -> frozenset[str]:
    """The normalised short forms of ``definitions``, for ``acronym_uses(defined=...)``."""
    return frozenset(d.short for d in definitions)
