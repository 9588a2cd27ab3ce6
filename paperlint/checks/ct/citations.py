"""CT101 (motivating introduction paragraphs with no citation) and CT102 (related work that never says how this work differs)."""
from __future__ import annotations

from ... import lazyre
import re

from ...document import structure
from ...document.model import Block, Document, Section
from ..base import Check
from ..st.contributions import is_roadmap

FIRST_PERSON = lazyre.compile(r"(?<![\w-])(we|our|us|ours|i|my|this (paper|work|study|article|note|thesis|manuscript|report))(?![\w-])", re.I)
#: Where the authors start to speak about their own work: the end of the motivating part.
_ANNOUNCE = (
    r"(?<![\w-])(in this (paper|work|study|article|note|thesis|report)|here,? we|this (paper|work|study|article|note) "
    r"(presents?|proposes?|introduces?|develops?|describes?|shows?|studies|investigates?|addresses|tackles|revisits|focuses)|"
    r"(?:we|I) (propose|introduce|present|develop|design|describe|study|investigate|address|tackle|revisit|explore|examine|focus|"
    r"consider|show|demonstrate|extend|reframe|argue|summari[sz]e|make|provide|offer|contribute|aim)|"
    r"our (contributions?|approach|method|work|goal|aim|framework|model|algorithm|paper))"
)
ANNOUNCE = lazyre.compile(_ANNOUNCE[:-1] + r"|contributions?\b)", re.I)
#: The same turn inside a paragraph, after its first sentence: without the bare word
#: 'contributions' ("the contributions of vibrotactile feedback" is about the field).
TURN = lazyre.compile(_ANNOUNCE, re.I)
URL = lazyre.compile(r"https?://|www\.|\bdoi\b", re.I)
#: Saying how this work differs from the work a paragraph describes.
DIFFERS = lazyre.compile(
    r"(?<![\w-])(unlike|in contrast|by contrast|contrary to|as opposed to|differs?|differ(ence|ences|ently|ing)|whereas|"
    r"instead|rather than|while (these|those|such|they|most|many|prior|previous|existing)|however|but (not|these|those|they|such|none|no|only|all)|"
    r"complementary|orthogonal|closest to|closely related|similar to ours|our (work|approach|method|paper|model|framework|setting|analysis|study|results?)|"
    r"we (differ|extend|build|improve|generali[sz]e|go beyond|also|instead|focus|use|adopt|follow|propose|show|address|consider)|"
    r"this (paper|work|study)|(the|a) (limitation|drawback|shortcoming)s? of|(do|does|did|have|has) not|none of|neither|fail(s|ed)? to|"
    r"limited to|only (consider|address|handle|focus)|cannot|can not|ours|(presented|proposed|studied|described|considered) here|"
    r"the present (work|study|paper)|motivat\w* (the|our|this) (study|work|paper|approach))(?![\w-])", re.I)


def _range(doc: Document, block: Block):
    return doc.to_source(block.start, block.end)


def cited(doc: Document, block: Block, footnotes: list[Block]) -> bool:
    """The paragraph cites something: a citation command, a citation stand-in, a URL, or a footnote that does."""
    r = _range(doc, block)
    if r is None:
        return True
    for _key, src in doc.citations:
        if src.file == r.file and r.start <= src.start < r.end:
            return True
    text = block.text
    if URL.search(text) or re.search(r"\[\d+(?:[,\u2013-]\s*\d+)*\]", text):
        return True
    for f in footnotes:
        fr = _range(doc, f)
        if fr is not None and fr.file == r.file and r.start <= fr.start < r.end:
            if URL.search(f.text) or any(src.file == fr.file and fr.start <= src.start < fr.end for _k, src in doc.citations):
                return True
    return False


def motivating_paragraphs(doc: Document, intro: Section) -> list[Block]:
    """Introduction paragraphs before the authors start to present their own work."""
    out = []
    for sec in intro.walk():
        if sec is not intro and re.search(r"\b(contributions?|organi[sz]ation|outline|overview|related|our|summary)\b", sec.title or "", re.I):
            break
        for b in sec.blocks:
            if b.kind != "paragraph" or b.in_context("quote", "quotation", "theorem", "proof", "figure", "table"):
                continue
            sentences = [s for s in b.sentences if re.search(r"[A-Za-z]{3}", s.text)]
            if not sentences:
                continue
            # a paragraph that turns to the authors' own work ("... In this paper we identify")
            # ends the motivation, wherever in the paragraph the turn comes
            if ANNOUNCE.search(sentences[0].text) or any(TURN.search(s.text) for s in sentences[1:]) or is_roadmap(b):
                return out
            out.append(b)
    return out


#: A name the abstract gives to the paper's own method or tool: "software named Manubot", "we propose DISTANT-CTO".
_NAMED = lazyre.compile(r"\b(?:named|called|dubbed|coined)\s+([A-Z][\w-]+)|\b[Ww]e (?:introduce|present|propose)\s+(?:[a-z]+\s+){0,3}?([A-Z][a-z]*[A-Z0-9][\w-]*)")
_STOP = {"a", "an", "the", "of", "for", "and", "or", "in", "on", "with", "to", "via", "by", "from", "at", "as", "is", "are", "its", "their", "towards", "toward", "into", "using"}


def own_names(doc: Document) -> list[re.Pattern[str]]:
    """What the paper names as its own subject, from its title: the head before a colon, a short title,
    CamelCase or upper-case names (UMAP, DeepSphere), and capitalised words inside a sentence-case title."""
    out: list[str] = []
    if doc.abstract is not None:
        for b in doc.abstract.all_blocks():
            out.extend(m.group(1) or m.group(2) for m in _NAMED.finditer(b.text))
    title = " ".join(doc.title.text.split()) if doc.title is not None else ""
    if ":" in title:
        head = title.split(":", 1)[0].strip()
        if 0 < len(head.split()) <= 4:
            out.append(head)
    words = re.findall(r"[A-Za-z][\w-]*", title)
    if 0 < len(words) <= 3:
        out.append(title.rstrip(".!?"))
    for w in words:
        if re.fullmatch(r"[A-Z][a-z]*[A-Z][\w-]*|[A-Z]{2,}[\w-]*", w):
            out.append(w)
    rest = [w for w in words[1:] if w.lower() not in _STOP and len(w) > 3]
    if rest and sum(w[0].islower() for w in rest) * 10 >= len(rest) * 6:
        out.extend(w for w in rest if w[0].isupper())
    pats = []
    for name in dict.fromkeys(out):
        flags = re.I if " " in name or name.islower() or len(name.split()) > 1 else 0
        pats.append(re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", flags | (re.I if name == title.rstrip(".!?") else 0)))
    return pats


class IntroductionUncited(Check):
    code = "CT101"

    def run(self, doc, ctx):
        if structure.is_fragment(doc) or not doc.citations and not doc.bibliographies:
            return  # a draft that cites nothing at all is not a paper with a bibliography yet
        intro = structure.introduction(doc)
        if intro is None:
            return
        footnotes = [b for b in intro.all_blocks() if b.kind == "footnote"]
        min_words = ctx.options["min-words"]
        names = own_names(doc)
        found = []
        for b in motivating_paragraphs(doc, intro):
            sentences = [s for s in b.sentences if re.search(r"[A-Za-z]{3}", s.text)]
            words = len(b.text.split())
            if len(sentences) < 2 or words < min_words:
                continue
            if sum(bool(FIRST_PERSON.search(s.text)) for s in sentences) * 2 > len(sentences):
                continue  # the authors' own argument, not claims about the field
            if cited(doc, b, footnotes):
                continue
            if any(p.search(sentences[0].text) for p in names):
                continue  # the paragraph presents the paper's own subject (its method, tool or concept)
            found.append(sentences[0])
        if not found:
            return
        first = found[0]
        words = re.sub(r"^(X\s+)+", "", " ".join(first.text.split())).split()   # a math stand-in opening the line
        quote = " ".join(words[:8]) + ("..." if len(words) > 8 else "")
        others = ""
        if len(found) > 1:
            lines = []
            for s in found[1:]:
                r = doc.to_source(s.start, s.start)
                if r is not None:
                    lines.append(str(doc.files[r.file].line_col(r.start)[0]))
            others = f" (so do the paragraphs at line{'s' if len(lines) > 1 else ''} {', '.join(lines)})"
        yield ctx.report(first.start, first.end, quote=quote, others=others)


def related_sections(doc: Document) -> list[Section]:
    out = []
    for sec in doc.sections:
        if sec.appendix or structure.BACK_MATTER.match(sec.title):
            continue
        if structure.RELATED.search(sec.title) and not any(p in out for p in _parents(sec)):
            out.append(sec)
    return out


def _parents(sec: Section):
    p = sec.parent
    while p is not None:
        yield p
        p = p.parent


class RelatedWorkNoContrast(Check):
    code = "CT102"

    def run(self, doc, ctx):
        if structure.is_fragment(doc):
            return
        for rel in related_sections(doc):
            footnotes = [b for b in rel.all_blocks() if b.kind == "footnote"]
            for sec in rel.walk():
                paras = [b for b in sec.blocks if b.kind in ("paragraph", "item") and len(b.text.split()) >= ctx.options["min-words"]]
                for i, b in enumerate(paras):
                    if not cited(doc, b, footnotes) or DIFFERS.search(b.text) or FIRST_PERSON.search(b.text):
                        continue
                    # a later paragraph of the same group that draws the contrast covers it ("Unlike all of these, ...")
                    if any(DIFFERS.search(later.text) or FIRST_PERSON.search(later.text) for later in paras[i + 1:]):
                        continue
                    sentences = b.sentences
                    if not sentences:
                        continue
                    first = sentences[0]
                    quote = " ".join(first.text.split()[:8])
                    yield ctx.report(first.start, first.end, quote=quote + ("..." if len(first.text.split()) > 8 else ""))
