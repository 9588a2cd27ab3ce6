"""ST101: the draft has no abstract."""
from __future__ import annotations

import re

from ...diagnostics import Severity
from ...document import structure
from ..base import Check


class AbstractMissing(Check):
    code = "ST101"

    def run(self, doc, ctx):
        if structure.is_fragment(doc) or not doc.has_prose():
            return
        abstract = doc.abstract
        if abstract is not None:
            if any(b.kind in ("paragraph", "item") and b.text.strip() for b in abstract.all_blocks()):
                return
            yield ctx.report(src=abstract.src, message="The abstract is empty: write the one paragraph most readers will read instead of the paper.")
            return
        body = structure.body_sections(doc)
        if any(s.title.strip(" .:").lower() == "statement of need" for s in doc.sections):
            return  # a JOSS paper: the venue has a Summary and a Statement of need, no abstract
        from ...venues import is_joss

        if is_joss(doc, ctx.settings):
            return  # JOSS papers have no abstract, older ones no Statement of need either
        if _unmarked_abstract(doc) or _abstract_file(doc):
            return
        hint, severity = "", None
        if body and body[0].title.strip(" .:").lower() == "summary":
            # many venues name the abstract Summary (JOSS, Wiley and Cell journals): say it, as info
            hint = " A 'Summary' section is not an abstract; if your venue asks for a Summary instead (as JOSS does), ignore ST101 in your configuration."
            severity = Severity.INFO
        yield ctx.report(src=structure.anchor(doc), hint=hint, severity=severity)


#: a paragraph this long before the first heading reads as an abstract set by hand
UNMARKED_WORDS = 60
UNMARKED_SENTENCES = 3


def _unmarked_abstract(doc) -> bool:
    """A long paragraph of prose before the first section heading: an abstract set by hand, as
    the RSC (PCCP) template does it (``\\noindent\\normalsize{...}`` after the title block).
    Title, author and affiliation lines are short and are not counted."""
    top = doc.top
    front = {id(top)} | {id(s) for s in top.children if s.kind == "title-section"}
    for b in doc.blocks:
        if b.kind == "heading" or id(b.section) not in front:
            break
        if b.kind == "paragraph" and len(b.text.split()) >= UNMARKED_WORDS and len(b.sentences) >= UNMARKED_SENTENCES:
            return True
    return False


#: the file a build merges in as the abstract (a pandoc Makefile's ABSTRACT, a journal's abstract.tex)
_ABSTRACT_FILE = re.compile(r"abstract(?:\.(?:md|txt|tex))?", re.IGNORECASE)


def _abstract_file(doc) -> bool:
    """A file named ABSTRACT (or abstract.md, .txt, .tex) beside the draft that the draft does not
    include: the build inserts it (a pandoc Makefile passes it as metadata)."""
    try:
        folder = doc.root.path.parent
        names = [p for p in folder.iterdir() if _ABSTRACT_FILE.fullmatch(p.name) and p.is_file() and p.stat().st_size > 0]
        read = {f.path.resolve() for f in doc.files if getattr(f, "path", None) is not None}
        return any(p.resolve() not in read for p in names)
    except OSError:
        return False
