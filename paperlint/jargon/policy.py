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


DEFAULT_LISTS = ("common", "ml", "stats")


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


#: After the token: a version or model number (RTX 2080, SHREC'17), a company (HTC Corporation).
_NAME_AFTER = re.compile(r"(?:['\u2019]\d|\s\d{2,}\b|\s+(?:Corporation|Corp|Inc|Ltd|GmbH|AG|LLC|Co)\b)")
#: Electrode and channel labels: FCz, CPz (capitals then one lower-case letter that is not a plural s).
_LABEL = re.compile(r"[A-Z]{2,}[a-rt-z]")


def looks_like_name(inv: Inventory, key: str, uses: list[Event]) -> bool:
    """Names and notation rather than terms (see the module doc)."""
    text = inv.doc.text
    if re.search(r"\d", key) or any(re.search(r"\d", u.surface) for u in uses) or _LABEL.fullmatch(key):
        return True
    if key in inv.names or key in inv.cited_keys or key.capitalize() in inv.title_words:
        return True
    if any(u.end is not None and _NAME_AFTER.match(text, u.end) for u in uses):
        return True
    if uses and all(u.compound for u in uses):
        return True
    # labels listed together: "AA, AB, or BB" once, then "AB or BB"
    enums = [inv.in_enumeration(u, pairs=False) for u in uses]
    return any(enums) and all(e or u.compound or inv.in_enumeration(u, pairs=True) for e, u in zip(enums, uses))


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
