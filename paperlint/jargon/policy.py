"""What counts as needing a definition: allow-lists, names, and how to say where.

Shared by JG102 (never defined) and AB105 (not defined in the abstract). An acronym
needs no definition when it is on a shipped allow-list the project keeps on (option
``lists``), on the project's own list (option ``allow``; AB105 also honours JG102's),
or when it reads as a *name* rather than a term:

* it has a digit (``GPT-4``, ``CIFAR-10``, ``HDF5``, ``E2E``, ``MP3``): products, data
  sets, formats;
* it is written inside a name or code macro (``\\textsc{}``, ``\\pkg{}``, the draft's own
  ``\\algname{}``);
* some sentence names it right before a citation (``BART [1]``, ``the E2E data set
  [1]``): the reader is pointed to where it comes from;
* it only appears as part of a hyphenated name (the ``PP`` of ``DASHA-PP``).

Names are half of the capitalised tokens of real papers and are almost never
expanded (``CHECKS.md``); reporting them would bury the real findings.
"""
from __future__ import annotations

from .. import lazyre
import functools
import re
from pathlib import Path

from ..resources import rules_dir
from .allowlist import AcronymAllowlist, acronym_dir, load_acronym_allowlist
from .inventory import Event, Inventory

__all__ = ["DEFAULT_LISTS", "allowed", "available_lists", "is_allowed", "looks_like_name", "options_of", "spelled_out", "unknown_lists", "variant_of", "where"]


@functools.cache
def _lists(names: tuple[str, ...]) -> AcronymAllowlist:
    return load_acronym_allowlist(rules_dir(), names)


DEFAULT_LISTS = ("common", "computing", "science", "ml", "stats")


def unknown_lists(options: dict) -> list[str]:
    """Names in ``options["lists"]`` with no file in rules/data/acronyms/ (a typo in a configuration)."""
    folder = acronym_dir(rules_dir())
    return [n for n in options.get("lists", DEFAULT_LISTS) if not (folder / f"{n}.txt").is_file()]


def available_lists() -> list[str]:
    return sorted(p.stem for p in acronym_dir(rules_dir()).glob("*.txt"))


def allowed(options: dict, extra=()) -> frozenset[str]:
    """Case-folded acronyms accepted undefined: the lists named in ``options["lists"]`` (unknown
    names are skipped here; the rules report them), the project's ``options["allow"]``, and ``extra``."""
    bad = set(unknown_lists(options))
    names = tuple(n for n in options.get("lists", DEFAULT_LISTS) if n not in bad)
    folded = set(_lists(names)._folded(None))
    folded.update(a.casefold() for a in (*options.get("allow", ()), *extra))
    return frozenset(folded)


def options_of(ctx, code: str) -> dict:
    """Another rule's options in this run (defaults plus configuration): AB105 and JG101 share JG102's lists."""
    from ..registry import load_rules

    rule = load_rules().get(code)
    return ctx.settings.options_for(rule) if rule is not None and ctx.settings is not None else {}


def is_allowed(key: str, allow: frozenset[str]) -> bool:
    return key.casefold() in allow or key.replace("-", "").casefold() in allow


#: After the token: a version or model number (RTX 2080, GCC 9.4, SHREC'17), a trademark sign, a
#: company (HTC Corporation).
_NAME_AFTER = lazyre.compile(r"(?:['\u2019]\d|\s\d{2,}\b|\s+v?\d+(?:\.\d+)+\b|\.\d+\b|[\u00ae\u2122]|\s+(?:Corporation|Corp|Inc|Ltd|GmbH|AG|LLC|Co)\b)")
#: After the token: the kind of named thing it is (the DT package, the EMOTE database, the KAGRA detector).
_KIND_AFTER = lazyre.compile(
    r"[\s-]+(?:[\w-]+\s+){0,2}(?:package|librar(?:y|ies)|toolbox|toolkit|software|suite|database|data\s*base|data\s*set|dataset|"
    r"corp(?:us|ora)|benchmark|challenge|collaboration|consortium|project|mission|telescope|observatory|satellite|detector|survey|"
    r"catalog(?:ue)?|universit(?:y|ies)|institute|center|centre|laborator(?:y|ies)|lab|foundation|compan(?:y|ies)|licen[cs]e|"
    r"protocol|platform|website|repositor(?:y|ies)|archive|pipeline|compiler|language|cell\s+line|criteria|force\s+field|pipe)s?\b", re.I)
#: Capitalised words next to the token: part of a proper name (KU Leuven, NVIDIA GeForce, BBC Pose).
_PROPER_AFTER = lazyre.compile(r"[\s-]+(?!(?:The|This|These|That|We|In|On|For|With|And|Or|But|A|An|It|Its|Our|To|As|At|By|From|Of|Is|Are|Figure|Fig|Table|Section|Sec|Eq|Appendix)\b)[A-Z][a-z][A-Za-z]+")
#: A sentence about people and institutions: thanks, funding, approvals, licences, availability.
_ACKNOWLEDGING = lazyre.compile(
    r"\b(?:thank|grateful|gratitude|grant|funded|funding|supported\s+by|support\s+from|award|fellowship|scholarship|"
    r"ethics|review\s+board|committee|approved|approval|consent|licen[cs]ed?|copyright|trademark|affiliat\w*|"
    r"available\s+(?:at|from|on|under|via)|hosted\s+(?:at|on|by)|deposited|downloaded\s+from)", re.I)
#: Electrode and channel labels: FCz, CPz (capitals then one lower-case letter that is not a plural s).
_LABEL = lazyre.compile(r"[A-Z]{2,}[a-rt-z]")
#: Lower-case letters inside: a brand or a coined name (iOS, eICU, PyCBC's cousin PyTorch, ImageNet).
_MIXED = lazyre.compile(r"^[a-z]+[A-Z]|[a-z]{2}|^[A-Z][a-z][A-Z]{2}|^[A-Z]+-[A-Z]$|^[A-Z]-[A-Z][a-z]")
#: In quotation marks: a label or identifier, not a term (structure_name = "TOMM20").
_QUOTED = lazyre.compile(r"[\"\u201c\u2018'`]$")
#: A version number before it: "Ubuntu 18.04 OS", "802.15.4 radio".
_VERSION_BEFORE = lazyre.compile(r"(?:\b[A-Z][\w-]*\s+v?\d+\.\d+(?:\.\d+)*|\d+\.\d+\.\d+)\s*$")
#: An identifier prefix: "RRID:SCR_024630", "GO:0008150".
_ID_PREFIX = lazyre.compile(r":[A-Za-z0-9_]")
#: Items listed with "etc." or compared with "vs": labels or names (ADAM, RMSprop, etc.; CIFAR10 vs SVHN).
_LISTED = lazyre.compile(r"^(?:,\s*[\w-]+){1,6},?\s*(?:etc\b|and\s+so\s+on)|^\s+(?:vs\.?|versus)\s+[A-Z]", re.I)
_VS_BEFORE = lazyre.compile(r"\b(?:vs\.?|versus)\s+$", re.I)
#: "Berkeley, CA," : a place in an address.
_ADDRESS_BEFORE = lazyre.compile(r"\b[A-Z][a-z]+,\s*$")


def name_cue(inv: Inventory, key: str, uses: list[Event]) -> str | None:
    """Why ``key`` reads as a name or notation rather than a term (see the module doc), or None."""
    text = inv.doc.text
    if re.search(r"\d", key) or any(re.search(r"\d", u.surface) for u in uses):
        return "it has a digit (a product, a data set, a format)"
    if _LABEL.fullmatch(key) or _MIXED.search(key.rstrip("s")):
        return "its mixed case reads as a name"
    if uses and all("." in u.surface for u in uses):
        return "its dotted letters are a person's or a place's initials"
    if key in inv.names:
        return "it is set as a name (\\textsc, \\pkg or a name macro)"
    if key in inv.cited_keys and (_pronounceable(key) or len(uses) <= 3):
        # software, data sets and instruments are cited under names read as words (BEAST, VESTA,
        # LIGO); a method cited by its initials (SGD [1], SVRG [1]) still needs its long form
        return "a citation follows it"
    if key.capitalize() in inv.title_words:
        return "the text also writes it as a word"
    if uses and all(u.compound for u in uses):
        return "it only appears inside hyphenated names"
    for u in uses:
        if u.end is None:
            continue
        after = text[u.end : u.end + 60]
        if _NAME_AFTER.match(after):
            return "a version number, trademark or company follows it"
        if _ID_PREFIX.match(after):
            return "it prefixes an identifier"
        if _LISTED.match(after) or _VS_BEFORE.search(text[max(0, u.start - 12) : u.start]):
            return "it is listed with other names"
        if _KIND_AFTER.match(after):
            return "the word after it says what kind of named thing it is"
        if _PROPER_AFTER.match(after) and not _sentence_start(text, u.start):
            return "it is part of a capitalised name"
        before = text[max(0, u.start - 30) : u.start]
        if _VERSION_BEFORE.search(before):
            return "a version number comes before it"
        if _QUOTED.search(before):
            return "it is quoted as a label"
        if _ADDRESS_BEFORE.search(before):
            return "it is part of an address"
        sent = _sentence(u)
        if sent is not None and _ACKNOWLEDGING.search(sent):
            return "it appears in thanks, funding, approval or availability notes"
    # labels listed together: "AA, AB, or BB" once, then "AB or BB"
    enums = [inv.in_enumeration(u, pairs=False) for u in uses]
    if any(enums) and all(e or u.compound or u.table or inv.in_enumeration(u, pairs=True) for e, u in zip(enums, uses)):
        return "it is listed among other labels"
    return None


def looks_like_name(inv: Inventory, key: str, uses: list[Event]) -> bool:
    """Names and notation rather than terms (see the module doc)."""
    return name_cue(inv, key, uses) is not None


def _pronounceable(key: str) -> bool:
    """Read as a word (LIGO, BEAST, MONAI) rather than spelled out (SGD, RPL): a vowel, and no run
    of three consonants."""
    letters = re.sub(r"[^A-Za-z]", "", key).upper()
    return bool(re.search(r"[AEIOU]", letters)) and not re.search(r"[^AEIOU]{3}", letters)


def _sentence(u: Event) -> str | None:
    if u.block is None or u.start is None:
        return None
    for s in u.block.sentences:
        if s.start <= u.start < s.end:
            return s.text
    return None


def _sentence_start(text: str, pos: int | None) -> bool:
    if pos is None:
        return False
    before = text[max(0, pos - 3) : pos]
    return pos == 0 or not before.strip() or before.rstrip()[-1:] in ".!?"


_SKIP = r"(?:[\s-]+(?i:of|the|and|for|to|in|on|a|an|with|by))?[\s-]+"


def spelled_out(inv: Inventory, key: str, uses: list[Event]) -> bool:
    """The words whose initials spell ``key`` appear next to a use, in its sentence:
    'LS and WD indicate label smoothing and weight decay', 'BIC.0 uses the Bayesian
    Information Criterion'. The reader can tell what it stands for."""
    letters = [c for c in key if c.isalpha()]
    if not 2 <= len(letters) <= 8:
        return False
    # each word starts with the letter, in either case, and is not itself in capitals (PICO Information...)
    pattern = re.compile(r"\b" + _SKIP.join(f"(?![A-Z0-9]{{2,}}\\b)(?i:{c})[\\w'\u2019]*" for c in letters) + r"\b")
    text = inv.doc.text
    for u in uses:  # near a use, in its sentence: initials farther away match by chance
        if u.block is None or u.start is None:
            continue
        sent = next((x for x in u.block.sentences if x.start <= u.start < x.end), None)
        if sent is not None and pattern.search(text, max(sent.start, u.start - 60), min(sent.end, u.end + 60)):
            return True
    return False


def variant_of(key: str, keys) -> bool:
    """VLHMM for VL-HMM, Bi-LSTM for BiLSTM."""
    flat = key.replace("-", "").casefold()
    return any(k.replace("-", "").casefold() == flat for k in keys)


def where(doc, src, here=None) -> str:
    """'line 12', or 'sections/intro.tex:12' (relative to the root file's folder) when ``src``
    and ``here`` (SourceRanges) are in different files."""
    f = doc.files[src.file]
    line = f.line_col(src.start)[0]
    if here is not None and here.file == src.file:
        return f"line {line}"
    try:
        shown = Path(f.path).relative_to(Path(doc.root.path).parent).as_posix()
    except ValueError:
        shown = f.display
    return f"{shown}:{line}"

