"""VN110, VN111: sections the venue requires, recommends or forbids (rules/venues/*.toml)."""
from __future__ import annotations

import re

from ...diagnostics import Severity
from ...document.offsets import SourceRange
from ...venues import detect_venue, is_venue_template
from ..base import Check

_STATUS = {"required": "requires", "recommended": "recommends"}
_MODE = {"review": "the anonymous submission", "camera-ready": "the camera-ready version", "preprint": "a preprint"}


def _rules(doc, ctx, statuses):
    v = detect_venue(doc, ctx.settings)
    if v is None or v.profile is None or doc.format != "latex" or not doc.has_prose():
        return None, []
    from ...document import structure

    if structure.is_fragment(doc) or is_venue_template(doc):
        return None, []
    return v, [r for r in v.profile.sections if r.status in statuses and r.applies(v)]


def _has(doc, rule) -> bool:
    return any(rule.heading.search(" ".join(sec.title.split())) for sec in doc.sections) or \
        any(rule.heading.search(name) for name in _env_sections(doc))


def _env_sections(doc):
    """Sections printed by an environment rather than a heading (NeurIPS's ack, acmart's acks)."""
    names = {"ack": "Acknowledgments", "acks": "Acknowledgments", "acknowledgments": "Acknowledgments",
             "acknowledgements": "Acknowledgements"}
    return [names[n.name] for n in doc.markup if n.kind == "env" and n.name in names]


def _end_of_document(doc) -> SourceRange:
    text = doc.root.text
    i = text.rfind("\\end{document}")
    return SourceRange(0, i, i + len("\\end{document}")) if i >= 0 else SourceRange(0, len(text), len(text))


def _before_references(doc) -> SourceRange:
    """Where a section that belongs before the references goes: the bibliography command, else
    the references heading, else the end of the document."""
    if doc.bibliographies:
        return doc.bibliographies[0][1]
    for sec in doc.sections:
        if re.match(r"^\W*(references|bibliography)\b", sec.title, re.I) and sec.src is not None:
            return sec.src
    for node in doc.environments("thebibliography"):
        return SourceRange(node.src.file, node.src.start, node.src.start + len("\\begin{thebibliography}"))
    return _end_of_document(doc)


class VenueSectionMissing(Check):
    code = "VN110"

    def run(self, doc, ctx):
        venue, rules = _rules(doc, ctx, ("required", "recommended"))
        for rule in rules:
            if _has(doc, rule):
                continue
            at = _end_of_document(doc) if "after the references" in rule.where else _before_references(doc)
            yield ctx.report(src=at, venue=venue.profile.title, status=_STATUS[rule.status], title=rule.title,
                             where=rule.where, why=rule.why + (f" ({rule.url})" if rule.url else ""),
                             severity=None if rule.status == "required" else Severity.INFO)


class VenueSectionForbidden(Check):
    code = "VN111"

    def run(self, doc, ctx):
        venue, rules = _rules(doc, ctx, ("forbidden",))
        for rule in rules:
            for sec in doc.sections:
                if sec.src is None or not rule.heading.search(" ".join(sec.title.split())):
                    continue
                if sec.heading is not None and any(c in rule.allowed_in for c in sec.heading.context):
                    continue
                yield ctx.report(src=sec.src, venue=venue.profile.title, title=sec.title, mode=_MODE.get(venue.mode, venue.mode),
                                 why=rule.why + (f" ({rule.url})" if rule.url else ""))


# -- VN130 ------------------------------------------------------------------------------------
def venue_anchor(doc, venue) -> SourceRange:
    """The style-file line that set the venue, or the start of the document when it was configured."""
    if venue.evidence.startswith("\\"):
        text = doc.files[venue.file].text
        end = text.find("}", venue.offset)
        return SourceRange(venue.file, venue.offset, end + 1 if end >= 0 else venue.offset)
    from ...document import structure

    return structure.anchor(doc)


_AFTER_MAIN = ("limitations", "impact", "ethics", "broader-impact", "reproducibility")


class PageLimit(Check):
    code = "VN130"

    def run(self, doc, ctx):
        pdf = getattr(ctx.settings, "pdf", None)
        if pdf is None:
            return
        venue = detect_venue(doc, ctx.settings)
        prof = venue.profile if venue is not None else None
        limit = prof.page_limit(venue) if prof is not None else None
        if limit is None or is_venue_template(doc):
            return
        from ...pdftext import PdfError, pages, pages_before_references

        at = venue_anchor(doc, venue)
        try:
            texts = pages(pdf)
        except PdfError as exc:
            yield ctx.report(src=at, message=f"{pdf}: {exc}; the page limit was not checked.", severity=Severity.INFO)
            return
        n = pages_before_references(texts)
        if n is None or n <= limit:
            return
        outside = [r.title for r in prof.sections if r.id in _AFTER_MAIN and r.status != "forbidden" and r.applies(venue)]
        extra = f" {prof.title} does not count {' or '.join(outside)} toward it: if they come before the references, check the count without them." if outside else ""
        yield ctx.report(src=at, pdf=pdf.name, pages=n, venue=prof.title, limit=limit, mode=_MODE.get(venue.mode, venue.mode), extra=extra)
