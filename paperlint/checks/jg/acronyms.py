"""JG101-JG104: acronyms defined before use, defined at all, defined once, and worth defining.

All four read the shared inventory (``jargon/inventory.py``): Schwartz-Hearst
definitions, the acronym/glossaries/acro packages' first uses, citation-note
definitions, and acronym uses, in source order. The abstract stands alone: its
definitions do not define anything for the body (AB105 checks the abstract).
"""
from __future__ import annotations

import re

from ...diagnostics import Severity
from ...document import structure
from ...jargon.abbreviations import is_acronym_like, normalise_acronym
from ...jargon.inventory import inventory
from ...jargon.policy import (
    allowed,
    available_lists,
    is_allowed,
    looks_like_name,
    options_of,
    spelled_out,
    unknown_lists,
    variant_of,
    where,
)
from ..base import Check

BODY = ("body",)


def _first(events):
    return min(events, key=lambda e: e.order) if events else None


class AcronymBeforeDefinition(Check):
    code = "JG101"

    def run(self, doc, ctx):
        inv = inventory(doc)
        # only the project's own list: a shipped list says a reader knows the term, but a draft that
        # defines it has decided to, and should do so before its first use
        allow = frozenset(a.casefold() for a in options_of(ctx, "JG102").get("allow", ()))
        uses = inv.by_key("use", BODY)
        for key, defs in inv.by_key("definition", BODY).items():
            first = _first(defs)
            strong = _first([d for d in defs if d.strong])
            if strong is None or is_allowed(key, allow):
                continue
            early = [u for u in uses.get(key, ()) if u.order < first.order and _counts_early(u, first)]
            if early:
                u = early[0]
                yield ctx.report(src=u.src, acronym=key, where=where(doc, strong.src, u.src), long=_flat(strong.long))


def _top(section):
    while section is not None and section.parent is not None and section.parent.kind != "document":
        section = section.parent
    return section


def _counts_early(use, definition) -> bool:
    """Headings and hyphenated names do not count; nor does a caption whose float sits in the
    section that defines the acronym (the float may well be printed after the definition)."""
    if use.heading or use.compound:
        return False
    if (use.caption or use.table) and use.section is not None and definition.section is not None:
        return _top(use.section) is not _top(definition.section)
    return True


class AcronymUndefined(Check):
    code = "JG102"

    def run(self, doc, ctx):
        inv = inventory(doc)
        allow = allowed(ctx.options)
        body_defs = inv.by_key("definition", BODY)
        for name in unknown_lists(ctx.options):
            yield ctx.report(src=structure.anchor(doc), message=f"{self.code}: unknown acronym list '{name}' in option 'lists' (available: {', '.join(available_lists())}); it was skipped.")
        abstract_defs = inv.by_key("definition", ("abstract",))
        declared = {normalise_acronym(e.short): e for e in doc.acronyms.values()}
        for key, uses in inv.by_key("use", BODY).items():
            if key in body_defs or is_allowed(key, allow) or variant_of(key, body_defs):
                continue
            shown = [u for u in uses if not (u.heading or u.compound)] or uses
            if key in abstract_defs:
                detail = " in the body: only the abstract defines it, and many readers skip the abstract or read it apart"
            elif key in declared:
                detail = f" in the text: it is declared for the glossary ({where(doc, declared[key].src, shown[0].src)}) but always typed as plain text, so its long form is never printed; use \\ac{{}} or \\gls{{}}"
            elif len(uses) < ctx.options["min-uses"] or looks_like_name(inv, key, uses) or spelled_out(inv, key, uses):
                continue
            else:
                detail = ""
            yield ctx.report(src=shown[0].src, acronym=key, detail=detail, count=len(uses))


def _guess(long: str) -> bool:
    """A long form of one plain word ("curves" for CR): the letter match is a coincidence more often than not."""
    words = long.split()
    return len(words) < 2 and not (sum(c.isupper() for c in long) >= 2 or re.search(r"[-.]", long))


def _surface(ev) -> str:
    """The short form as written, without plural or possessive endings (VIC-5 is not VIC)."""
    return re.sub(r"(?:['\u2019]s|s)$", "", ev.surface or ev.key)


def _same_long(a: str, b: str, longs: dict[str, str]) -> bool:
    return _norm_long(a, longs) == _norm_long(b, longs) or _norm_long(a, longs, 99) == _norm_long(b, longs, 99)


def _maybe_same(a: str, b: str, key: str) -> bool:
    """Two long forms that may well mean the same: not reported as two meanings, nor as a
    definition given twice (the reading of one of them may be cut short)."""
    wa, wb = _long_words(a), _long_words(b)
    return _spelled_out(wa, wb) or _spelled_out(wb, wa) or _cut_short(wa, wb, key) or _cut_short(wb, wa, key)


def _long_words(text: str) -> list[str]:
    """The words of a long form, capitals kept (an acronym inside it is matched by its letters)."""
    return re.findall(r"[A-Za-z0-9]+", text.replace("'s", ""))


def _singular(w: str) -> str:
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w


def _stem(word: str) -> str:
    return _singular(word.lower())[:5]


def _spelled_out(a: list[str], b: list[str]) -> bool:
    """`a` is `b` with acronyms in `a` written out in `b`: 'exemplar SVM' and 'exemplar support
    vector machine', 'kernel PCA' and 'kernel principal components analysis', 'functional MRI'."""
    if not any(sum(c.isupper() for c in w) >= 2 for w in a):
        return False

    def match(i: int, j: int) -> bool:
        if i == len(a):
            return j == len(b)
        w = a[i]
        if j < len(b) and _stem(w) == _stem(b[j]) and match(i + 1, j + 1):
            return True
        caps = [c for c in w if c.isupper()]
        if len(caps) >= 2 and len(caps) == sum(c.isalpha() for c in w) - (1 if w.endswith("s") and not w[-1].isupper() else 0):
            n = len(caps)
            words = b[j:j + n]
            if len(words) == n and all(x[:1].lower() == c.lower() for x, c in zip(words, caps)) and match(i + 1, j + n):
                return True
        return False

    return match(0, 0)


def _cut_short(a: list[str], b: list[str], key: str) -> bool:
    """One long form is the other with words the acronym does not need cut off: 'constant
    bit-rate traffic' for CBR (a trailing word), 'sizes of interest' for SESOI (the reading
    of a definition that lost its first words)."""
    if not a or len(a) >= len(b):
        return False
    sa, sb = [_stem(w) for w in a], [_stem(w) for w in b]
    letters = re.sub(r"[^a-z]", "", key.lower())
    if sb[-len(sa):] == sa and len(sa) >= 2:
        return True                                   # a cut-off head: the rest agrees word for word
    if sb[:len(sa)] == sa and len(b) - len(a) == 1 and letters:
        initials = iter(w[0].lower() for w in a)     # the acronym's letters, in order, among the
        return all(c in initials for c in letters)   # shorter form's initials: the extra word is not needed
    return False


def _norm_long(text: str, longs: dict[str, str], stem: int = 5) -> str:
    """Compare long forms loosely: case, hyphens, word endings (distant supervision, distantly
    supervised), and acronyms inside them expanded (Multi-Genre NLI)."""
    text = re.sub(r"\b([A-Z][A-Za-z]*[A-Z])s?\b", lambda m: longs.get(m.group(1), m.group(1)), text)
    text = re.sub(r"['\u2019]s\b", "", text)                     # QueryAgent's
    text = re.sub(r"^\s*(?:post|pre|non|multi|semi)-(?=[A-Z])", "", text)  # the post-FMSC estimator
    text = re.sub(r"\s+of\s+\d+\s*$", "", text)                   # a trailing "of 1"
    words = [_singular(w) for w in re.findall(r"[a-z0-9]+", text.lower())]
    return "".join(w[:stem] for w in words if w not in _GENERIC)  # with stem=99: "Query Agent" = "QueryAgent"


#: Head nouns that name the kind of thing, not the thing: 'Blender model' and 'Blender system' agree.
_GENERIC = frozenset(["model", "system", "method", "approach", "algorithm", "framework", "network", "architecture", "technique", "tool", "dataset", "data", "set", "corpu", "benchmark", "score", "metric", "measure", "regression", "estimator", "analysi", "test", "procedure", "process", "simulation", "and"])


class AcronymDefinedTwice(Check):
    code = "JG103"

    def run(self, doc, ctx):
        inv = inventory(doc)
        defs_by_key = {k: strong for k, v in inv.by_key("definition", ("abstract", "body")).items()
                       if (strong := [d for d in v if d.strong and d.origin != "derived"])}
        longs = {k: _first(v).long for k, v in defs_by_key.items()}
        for key, defs in defs_by_key.items():
            if len(defs) < 2 or not is_acronym_like(key):
                continue
            defs = sorted(defs, key=lambda e: e.order)
            first = defs[0]
            again = [d for d in defs if d.part == "body" and not (d.caption or d.heading or _in_appendix(d))]
            told = set()
            for d in defs[1:]:
                if not _same_long(first.long, d.long, longs):
                    if _maybe_same(first.long, d.long, key):
                        continue
                    if _surface(first) != _surface(d) or _guess(first.long) or _guess(d.long) or _norm_long(d.long, longs) in told:
                        continue  # a one-word long form is often a guess ("curves (CR)"); one finding per other meaning
                    told.add(_norm_long(d.long, longs))
                    yield ctx.report(src=d.src, acronym=key, detail=f" as '{_flat(d.long)}', but as '{_flat(first.long)}' at {where(doc, first.src, d.src)}: one acronym, one meaning")
                elif d in again[1:]:
                    yield ctx.report(src=d.src, severity=Severity.INFO, acronym=key,
                                     detail=f" (first at {where(doc, again[0].src, d.src)}): define it once, at its first use in the body")


def _in_appendix(ev) -> bool:
    return ev.block is not None and ev.block.section is not None and ev.block.section.appendix


def _flat(text: str) -> str:
    return " ".join(text.split())


class AcronymRarelyUsed(Check):
    code = "JG104"

    def run(self, doc, ctx):
        inv = inventory(doc)
        uses = inv.by_key("use", ("body", "back"))
        most = ctx.options["max-uses"]
        for key, defs in inv.by_key("definition", BODY).items():
            if not is_acronym_like(key) or not all(d.strong for d in defs):
                continue  # "Og." or "Rnd": no use of it can be told from ordinary words
            first = _first(defs)
            mine = uses.get(key, [])
            if any(u.order < first.order for u in mine):
                continue  # JG101 speaks about it
            n = len(mine)
            if n <= most:
                times = "never used again" if n == 0 else ("used only once more" if n == 1 else f"used only {n} more times")
                yield ctx.report(src=first.src, acronym=key, long=_flat(first.long), times=times)
