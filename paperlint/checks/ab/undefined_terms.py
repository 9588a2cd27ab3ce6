"""AB105: an acronym or coined term in the abstract that the abstract does not define.

The abstract is read on its own (in search results, listings, review systems), so it
must define what it uses. A term the body introduces ("we call this *X*") and the
abstract uses without a word of explanation counts too.
"""
from __future__ import annotations

from ...document import structure
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
)
from ...jargon.terms import coined_terms
from ..base import Check


class AbstractUndefinedTerm(Check):
    code = "AB105"

    def run(self, doc, ctx):
        if doc.abstract is None:
            return
        inv = inventory(doc)
        allow = allowed(ctx.options, options_of(ctx, "JG102").get("allow", ()))
        for name in unknown_lists(ctx.options):
            yield ctx.report(src=structure.anchor(doc), message=f"{self.code}: unknown acronym list '{name}' in option 'lists' (available: {', '.join(available_lists())}); it was skipped.")
        defs = inv.by_key("definition", ("abstract",))
        body_defs = {k: v for k, v in inv.by_key("definition", ("body",)).items() if any(d.strong for d in v)}
        for key, uses in inv.by_key("use", ("abstract",)).items():
            uses = [u for u in uses if not u.compound]  # the CTO of the method name DISTANT-CTO
            if not uses:
                continue
            first = min(uses, key=lambda e: e.order)
            if key in defs or variant_of(key, defs):
                definition = min(defs.get(key) or [first], key=lambda e: e.order)
                if definition.order > first.order:
                    yield ctx.report(src=first.src, term=key, detail=" before the abstract defines it: define it at this first use")
                continue
            if is_allowed(key, allow) or spelled_out(inv, key, uses):
                continue
            body = body_defs.get(key)
            if body is None and looks_like_name(inv, key, uses):
                continue
            detail = f" (the body defines it as '{' '.join(min(body, key=lambda e: e.order).long.split())}')" if body else ""
            yield ctx.report(src=first.src, term=key, detail=f"{detail}: define it here, or use plain words")
        if ctx.options["coined-terms"]:
            yield from self._terms(doc, ctx)

    def _terms(self, doc, ctx):
        for term in coined_terms(doc):
            if term.abstract_use is not None and not term.abstract_introduced:
                yield ctx.report(term.abstract_use[0], term.abstract_use[1], term=term.text,
                                 detail=f" (a term this paper coins, introduced at line {term.line}): explain it in a few plain words")
