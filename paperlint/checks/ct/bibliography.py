"""CT110: a cited key that the bibliography does not define."""
from __future__ import annotations

from ... import lazyre

from ...document.bibliography import bibliography_keys
from ..base import Check

REVTEX_NOTE = lazyre.compile(r"Note\d+$")


class CitationKeyMissing(Check):
    code = "CT110"

    def run(self, doc, ctx):
        if not doc.citations:
            return
        if not doc.bibliographies and not any(True for _ in doc.macros("bibitem", body_only=False)):
            return  # no bibliography named: it may come from the command line or a template
        bib = bibliography_keys(doc)
        if not bib.complete or (not bib.keys and not bib.inline):
            return  # only judge when every named bibliography was read
        uses: dict[str, list] = {}
        revtex = any("revtex" in doc.source_text(n.src) for n in doc.macros("documentclass", body_only=False))
        for key, src in doc.citations:
            key = key.strip()
            if not key or key == "*" or bib.has(key) or (REVTEX_NOTE.match(key) and revtex):
                # (revtex's footinbib option turns footnotes into bibliography entries Note1, Note2...)
                continue
            uses.setdefault(key, []).append(src)
        names = ", ".join(p.name for p in bib.read) or "the thebibliography entries"
        for key, srcs in uses.items():
            first = min(srcs, key=lambda r: (r.file, r.start))
            more = f" (cited {len(srcs)} times)" if len(srcs) > 1 else ""
            yield ctx.report(src=first, key=key, where=names, more=more)
