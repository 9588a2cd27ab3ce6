"""JG110 (opt-in): a coined term used before the sentence that introduces it.
JG120 (info): many acronyms and coined terms, and no glossary or list of abbreviations."""
from __future__ import annotations

from ... import lazyre
import re

from ...document import structure
from ...jargon.abbreviations import is_acronym_like
from ...jargon.inventory import inventory
from ...jargon.terms import coined_terms
from ..base import Check

GLOSSARY_MACROS = ("printglossary", "printglossaries", "printacronyms", "printnoidxglossary", "printnoidxglossaries",
                   "listofacronyms", "printabbreviations", "printunsrtglossary", "printunsrtglossaries", "printnomenclature")
GLOSSARY_TITLE = lazyre.compile(r"\b(glossary|abbreviations|acronyms|nomenclature|notation|list of (symbols|terms))\b", re.IGNORECASE)


class CoinedTermBeforeIntroduction(Check):
    code = "JG110"

    def run(self, doc, ctx):
        for term in coined_terms(doc):
            if term.early_use is not None:
                yield ctx.report(*term.early_use, term=term.text, line=term.line)


class GlossaryMissing(Check):
    code = "JG120"

    def run(self, doc, ctx):
        if structure.is_fragment(doc) or not doc.has_prose():
            return
        if any(True for _ in doc.macros(*GLOSSARY_MACROS, body_only=False)) or any(True for _ in doc.environments("acronym")):
            return
        if any(GLOSSARY_TITLE.search(sec.title) for sec in doc.sections):
            return
        inv = inventory(doc)
        acronyms = {e.key for e in inv.definitions if e.strong and e.part == "body" and is_acronym_like(e.key)}
        terms = {t.text.lower() for t in coined_terms(doc)}
        n = len(acronyms) + len(terms)
        if n >= ctx.options["min-terms"]:
            yield ctx.report(src=structure.anchor(doc), count=n, acronyms=len(acronyms), terms=len(terms))
