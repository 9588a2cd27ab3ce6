"""ST130 (related work as the second section) and ST150 (background outweighs results)."""
from __future__ import annotations

from ... import lazyre
import re

from ...document import structure
from ...document.model import Section
from ..base import Check
from .contributions import is_roadmap

#: A related-work section that says it motivates or grounds the paper: its place second is deliberate.
MOTIVATING_TITLE = lazyre.compile(r"\b(background|motivation|preliminar(y|ies)|problem|foundations?|context|setting)\b", re.I)
BACKGROUND_TITLE = lazyre.compile(r"\b(background|preliminar(y|ies)|motivation|notation|overview of|review of)\b", re.I)
RESULTS_TITLE = lazyre.compile(
    r"\b(experiments?|experimental|evaluation|results?|empirical|benchmarks?|user stud(y|ies)|ablations?|analysis|simulations?|"
    r"applications?|case stud(y|ies)|error analysis|findings|validation|quantitative|qualitative|theorems?|convergence|guarantees|"
    r"bounds|demonstrations?|measurements?|comparisons?)\b", re.I)
#: Sentences of the introduction that lean on the related work: "as discussed in Section 2", "see Section 2 for".
LEANS_ON = lazyre.compile(r"\b(as (discussed|reviewed|detailed|described|shown|explained|surveyed|argued) in|see|following|building on|motivated by|discussed in|reviewed in)\s*(the )?$", re.I)


def _labels_in(doc, sec: Section) -> set[str]:
    spans = []
    for s in sec.walk():
        if s.src is not None:
            spans.append(s.src)
    for b in sec.all_blocks():
        r = doc.to_source(b.start, b.end)
        if r is not None:
            spans.append(r)
    if not spans:
        return set()
    first = min(spans, key=lambda r: (r.file, r.start))
    last = max(spans, key=lambda r: (r.file, r.end))
    out = set()
    for key, src in doc.labels.items():
        if src.file == first.file == last.file and first.start <= src.start <= last.end + 200:
            out.add(key)
    return out


def intro_leans_on(doc, intro: Section, related: Section) -> bool:
    """The introduction refers the reader to the related-work section outside its roadmap."""
    labels = _labels_in(doc, related)
    if not labels:
        return False
    spans = []
    for b in intro.all_blocks():
        if b.kind in ("paragraph", "item", "footnote") and not is_roadmap(b):
            r = doc.to_source(b.start, b.end)
            if r is not None:
                spans.append((r, b))
    for key, src in doc.refs:
        if key not in labels:
            continue
        for r, b in spans:
            if src.file == r.file and r.start <= src.start < r.end:
                before = doc.files[src.file].text[max(r.start, src.start - 120):src.start]
                sentence = re.split(r"(?<=[.!?])\s+", before)[-1]
                sentence = re.sub(r"\s*(\\\w+\s*)?(section|sec\.|§)?\s*~?$", "", sentence, flags=re.I)
                if LEANS_ON.search(sentence):
                    return True
    return False


class RelatedWorkSecond(Check):
    code = "ST130"

    def run(self, doc, ctx):
        if structure.is_fragment(doc):
            return
        body = structure.body_sections(doc)
        if len(body) < 4:
            return
        intro = structure.introduction(doc)
        if intro is None or body[0] is not intro:
            return
        second = body[1]
        if not structure.RELATED.search(second.title) or MOTIVATING_TITLE.search(second.title):
            return
        if intro_leans_on(doc, intro, second):
            return
        yield ctx.report(src=second.src, title=" ".join(second.title.split()))


class SectionBalance(Check):
    code = "ST150"

    def run(self, doc, ctx):
        if structure.is_fragment(doc):
            return
        body = structure.body_sections(doc)
        intro = structure.introduction(doc)
        background, results = [], []
        has_float = {id(f.section) for f in doc.figures if f.section is not None}
        for i, sec in enumerate(body):
            if sec is intro:
                continue
            if structure.RELATED.search(sec.title) or BACKGROUND_TITLE.search(sec.title):
                background.append(sec)
            elif RESULTS_TITLE.search(sec.title):
                results.append(sec)
            elif (i + 1 < len(body) and RESULTS_TITLE.search(body[i + 1].title) and not structure.DISCUSSION.search(sec.title)
                  and any(id(s) in has_float for s in sec.walk())):
                results.append(sec)  # an experiment titled by its topic, right before the results-titled ones
        if not background or not results:
            return
        bw = sum(s.word_count() for s in background)
        rw = sum(s.word_count() for s in results)
        total = sum(s.word_count() for s in body)
        if total < ctx.options["min-words"] or bw <= rw:
            return
        biggest = max(background, key=lambda s: s.word_count())
        yield ctx.report(src=biggest.src, background=bw, results=rw,
                         background_titles=", ".join(f"'{' '.join(s.title.split())}'" for s in background),
                         results_titles=", ".join(f"'{' '.join(s.title.split())}'" for s in results))
