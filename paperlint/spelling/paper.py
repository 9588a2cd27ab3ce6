"""RD105's reading of a paper: which words of the prose view to check, and what the paper
itself says is spelled right.

A word is checked only where the prose view shows the source as typed (one TEXT segment of
the offset map): math placeholders, citations, references, macro expansions, accents typed
as macros and code spans are therefore never checked, and every report's range is the
word in the file. On top of that these are skipped:

* arguments of code macros (``\\texttt``, ``\\url``, ``\\path``...) and of name macros
  (``\\textsc``, ``\\pkg``, ``\\method``...), and back matter (acknowledgements,
  references, checklists);
* words in capitals and mixed-case names (options), and chunks that are URLs, paths, file
  names or carry digits (``words.py``);
* the paper's own vocabulary: acronyms it defines (the JG inventory), the names of its
  ``\\newcommand``/``\\def`` macros and the words of their bodies, the authors' names, the
  names in its bibliography's author fields and the bibliography keys;
* the project's word list (``.paperlint-words`` at the project root), the rule's ``words``
  option and the accepted terms of a Vale vocabulary.
"""
from __future__ import annotations

import bisect
import re
from pathlib import Path

from .wordlist import read_word_list, word_list_for  # noqa: F401 - read_word_list is used from here too

BLOCK_KINDS = ("paragraph", "item", "footnote", "caption", "heading", "title")
MACRO_DEF = re.compile(
    r"\\(?:(?:re|provide)?newcommand\*?|(?:New|Renew|Provide|Declare)DocumentCommand|DeclareMathOperator\*?|"
    r"DeclareRobustCommand\*?|newenvironment|newtheorem)\s*\{?\s*\\?([A-Za-z@]+)"
    r"|\\[gex]?def\s*\\([A-Za-z@]+)|\\let\s*\\([A-Za-z@]+)")
BIB_NAMES = re.compile(r"(?im)^\s*(?:author|editor)\s*=\s*[{\"]")
LETTERS = re.compile(r"[^\W\d_]{2,}")


def project_words(doc) -> list[str]:
    return read_word_list(word_list_path(doc))


def word_list_path(doc) -> Path:
    """``.paperlint-words`` in the document's project root."""
    return word_list_for(Path(doc.root.path))


class Accepted:
    """Words accepted besides the dictionary, with Hunspell's case rules: a word listed in
    lower case is also right capitalised or in capitals; a capitalised one also in capitals."""

    def __init__(self, words=(), patterns=()):
        self.words: set[str] = set()
        self.add(words)
        self.patterns = []
        for p in patterns:
            try:
                self.patterns.append(re.compile(p))
            except re.error:
                self.words.add(p)

    def add(self, words) -> None:
        for w in words:
            w = w.strip()
            if w:
                self.words.add(w)

    def __contains__(self, word: str) -> bool:
        ws = self.words
        if word in ws:
            return True
        if word.isupper() and (word.lower() in ws or word.capitalize() in ws):
            return True
        if word[:1].isupper() and word[1:].islower() and word.lower() in ws:
            return True
        return any(p.fullmatch(word) for p in self.patterns)


def paper_vocabulary(doc) -> set[str]:
    """Words the paper itself introduces: macro names and bodies, defined acronyms, authors,
    bibliography names and keys."""
    out: set[str] = set()
    for f in doc.files:
        text = f.text
        if "\\" not in text:
            continue
        for m in MACRO_DEF.finditer(text):
            name = m.group(1) or m.group(2) or m.group(3)
            out.add(name)
            body = text[m.end(): m.end() + 300].split("\n", 1)[0]
            out.update(LETTERS.findall(body))
    try:
        from ..jargon.inventory import inventory

        out.update(inventory(doc).defined_keys)
    except Exception:   # the inventory is a courtesy here; never let it stop the rule
        pass
    for entry in doc.acronyms.values():
        out.update(LETTERS.findall(entry.short))
        out.update(LETTERS.findall(entry.long))
    try:
        from ..checks.vn.review import author_names

        for name in author_names(doc):
            out.update(LETTERS.findall(name))
    except Exception:
        pass
    out.update(bibliography_words(doc))
    return out


def bibliography_words(doc) -> set[str]:
    """Names in the author and editor fields of the bibliographies the draft reads, and its keys."""
    from ..document.bibliography import bibliography_keys

    out: set[str] = set()
    try:
        bib = bibliography_keys(doc)
    except Exception:
        return out
    out.update(bib.keys)
    for path in bib.read:
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for m in BIB_NAMES.finditer(text):
            end = text.find("\n", m.end())
            field = text[m.end(): end if end > 0 else len(text)]
            out.update(LETTERS.findall(re.sub(r"\\[A-Za-z]+|\\.", "", field)))
        for m in re.finditer(r"\\bibitem(?:\[[^\]]*\])?\{[^}]*\}([^\n]*)", text):
            out.update(LETTERS.findall(m.group(1)))
    return out


def skipped_ranges(doc) -> dict[int, list[tuple[int, int]]]:
    """Source ranges whose words are code or names, per file, sorted."""
    from ..jargon.inventory import CODE_MACROS, NAME_MACROS

    names = CODE_MACROS | NAME_MACROS | {"href", "hyperref", "lstinline", "input", "include", "includegraphics",
                                         "bibliographystyle", "bibliography", "usepackage", "documentclass"}
    out: dict[int, list[tuple[int, int]]] = {}
    for node in doc.markup:
        if node.kind == "macro" and node.name in names:
            args = node.args[:1] if node.name == "href" else node.args
            for a in args:
                out.setdefault(a.file, []).append((a.start, a.end))
    for v in out.values():
        v.sort()
    return out


def _inside(ranges: list[tuple[int, int]] | None, start: int, end: int) -> bool:
    if not ranges:
        return False
    i = bisect.bisect_right(ranges, (start, 1 << 60))
    return any(b >= end for a, b in ranges[:i])


#: abbreviations written without their dots, and Latin in common scientific use
ABBREVIATIONS = frozenset("et al etc vs cf eg ie viz resp approx wrt iid priori posteriori fortiori vice versa se "
                          "bona fide hoc situ vivo vitro silico alia".split())
#: prefixes that make a known word into a term (non-convex written nonconvex, pre-trained...)
PREFIXES = ("non", "pre", "post", "re", "un", "sub", "super", "semi", "multi", "inter", "intra", "over", "under",
            "counter", "cross", "hyper", "meta", "micro", "macro", "mid", "mini", "pseudo", "quasi", "self",
            "anti", "auto", "mis", "ultra", "neuro", "bio", "geo", "electro", "spatio", "visuo", "tele", "equi")
HYPHEN_PARTS = frozenset(PREFIXES) | frozenset(("co", "de", "bi", "tri", "uni", "iso", "th", "st", "nd", "rd", "parieto", "fronto", "occipito", "temporo", "vibro", "socio", "psycho"))
_OPENERS = "([{\"'“‘«"


def _sentence_start(text: str, block_start: int, vs: int) -> bool:
    j = vs - 1
    while j >= block_start and (text[j].isspace() or text[j] in _OPENERS):
        j -= 1
    return j < block_start or text[j] in ".!?:"


class Speller:
    """The dictionary plus the compound and prefix rules: ``known(word)``."""

    def __init__(self, dictionaries, accepted: Accepted, compounds: bool = True):
        self.dictionaries = list(dictionaries)
        self.accepted = accepted
        self.compounds = compounds
        self.cache: dict[str, bool] = {}

    def plain(self, w: str) -> bool:
        return any(d.check(w) for d in self.dictionaries) or w in self.accepted

    def known(self, w: str) -> bool:
        ok = self.cache.get(w)
        if ok is None:
            ok = self._known(w)
            self.cache[w] = ok
        return ok

    def _known(self, w: str) -> bool:
        if self.plain(w):
            return True
        low = w.lower()
        if low in ABBREVIATIONS or low in HYPHEN_PARTS:
            return True
        if not self.compounds or len(w) < 6:
            return False
        for p in PREFIXES:
            if low.startswith(p) and len(low) - len(p) >= 4 and self.plain(low[len(p):]):
                return True
        for i in range(4, len(low) - 2):
            if self.plain(low[:i]) and self.plain(low[i:]):
                return True
        return False


def misspelled(doc, speller: "Speller", *, skip_upper: bool = True, skip_mixed: bool = True,
               back_matter: bool = False, names: bool = True):
    """(view start, view end, word, count) for each word of the paper's prose that neither the
    dictionary nor the accepted words know: its first place, and how often it is written so.
    With ``names``, a capitalised word inside a sentence, or written capitalised twice, is
    taken for a name."""
    from ..document.offsets import TEXT
    from ..jargon.inventory import in_back_matter
    from .words import words

    offsets = doc.offsets
    kind, seg_ve, seg_vs, fi, ss = offsets.kind, offsets.ve, offsets.vs, offsets.fi, offsets.ss
    text = doc.text
    ranges = None
    vocabulary = None
    found: dict[str, list] = {}
    for block in doc.blocks:
        if block.kind not in BLOCK_KINDS or block.end <= block.start:
            continue
        if not back_matter and in_back_matter(block):
            continue
        for vs, ve, w in words(text, block.start, block.end):
            if len(w) < 2 or (skip_mixed and _mixed(w)):
                continue
            if skip_upper and (w.isupper() or (w[-1] == "s" and len(w) > 2 and w[:-1].isupper())):
                continue
            if speller.known(w):
                continue
            i = offsets.segment_at(vs)
            if i is None or kind[i] != TEXT or ve > seg_ve[i]:
                continue
            # a letter right before or after the word in another segment: part of a longer word
            if (vs == seg_vs[i] and vs > 0 and text[vs - 1].isalnum()) or (ve == seg_ve[i] and ve < len(text) and text[ve].isalnum()):
                continue
            file, start = fi[i], ss[i] + (vs - seg_vs[i])
            if _glued(doc.files[file].text, start, start + (ve - vs)):
                continue
            if ranges is None:
                ranges = skipped_ranges(doc)
            if _inside(ranges.get(file), start, start + (ve - vs)):
                continue
            if vocabulary is None:
                vocabulary = Accepted(paper_vocabulary(doc))
            if w in vocabulary:
                speller.cache[w] = True
                continue
            entry = found.get(w)
            if entry is None:
                entry = found[w] = [vs, ve, 0, False]
            entry[2] += 1
            if names and w[:1].isupper() and not _sentence_start(text, block.start, vs):
                entry[3] = True
    for w, (vs, ve, count, mid) in found.items():
        if names and w[:1].isupper() and w[1:].islower() and (mid or count > 1):
            continue
        yield vs, ve, w, count


_LETTER_MACRO = re.compile(r"\\(?:[LlOoij]|ae|AE|oe|OE|aa|AA|ss) ?\}?\Z|\\[^A-Za-z\s]\{?\Z|\\[cvHudbrtk]\{\Z")


def _glued(src: str, start: int, end: int) -> bool:
    """The word is part of a longer one in the source: a letter, a backslash or a letter
    macro (``\\L ojasiewicz``, ``na\\"ive``) touches it."""
    if start > 0 and (src[start - 1].isalnum() or _LETTER_MACRO.search(src, max(0, start - 12), start)):
        return True
    return end < len(src) and (src[end].isalnum() or src[end] == "\\" and end + 1 < len(src) and not src[end + 1].isspace()
                               and src[end + 1] not in "\\,;.:)")


def _mixed(w: str) -> bool:
    """A capital after a lower-case letter (PyTorch, mAP), or capitals then lower case
    (HEALPix, LSHForest): a name."""
    if any(a.islower() and b.isupper() for a, b in zip(w, w[1:])):
        return True
    return sum(c.isupper() for c in w) > 1 and not w.isupper() and not (w[:-1].isupper() and w[-1] == "s")


def suggestions(dictionary, word: str, limit: int = 3) -> list[str]:
    """Dictionary words one edit away (a swap of neighbours, a missing, extra or replaced
    letter), in that order. Dictionary roots are looked up directly; a full check (affixes
    undone) is made for swaps and deletions, and for the rest only when too few were found."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    low = word.lower()
    swaps = [low[:i] + low[i + 1] + low[i] + low[i + 2:] for i in range(len(low) - 1)]
    inserts = [low[:i] + c + low[i:] for i in range(len(low) + 1) for c in letters]
    deletes = [low[:i] + low[i + 1:] for i in range(len(low))]
    replaces = [low[:i] + c + low[i + 1:] for i in range(len(low)) for c in letters if c != low[i]]
    cap = word[:1].isupper()
    roots = dictionary.words
    found: list[str] = []

    def add(c: str) -> bool:
        if cap:
            c = c[:1].upper() + c[1:]
        if c != word and c not in found:
            found.append(c)
        return len(found) >= limit

    for group, full in ((swaps, True), (inserts, False), (deletes, True), (replaces, False)):
        for c in group:
            if (c in roots or (full and dictionary.check(c))) and add(c):
                return found
    for group in (inserts, replaces):
        for c in group:
            if c not in roots and dictionary.check(c) and add(c):
                return found
    return found
