"""What a section is for, judged from its title and place: shared by the structure rules."""
from __future__ import annotations

from .. import lazyre
import re

from .model import Document, Section
from .offsets import SourceRange

INTRO = lazyre.compile(r"\b(introduction|intro|motivation|overview|background|statement of need|summary)\b", re.I)
NOT_INTRO = lazyre.compile(
    r"\b(related work|prior work|previous work|literature|methods?|methodology|approach|model|experiments?|results|evaluation|"
    r"discussion|conclusions?|appendix|preliminar(y|ies)|setup|data ?sets?|implementation)\b", re.I)
RELATED = lazyre.compile(r"\b(related (work|research|literature|approaches)|prior (work|art)|previous work|literature review|state of the art)\b", re.I)
LIMITATIONS = lazyre.compile(
    r"\b(limitations?|caveats?|threats? to (the )?validity|shortcomings?|weaknesses|critical (appraisal|assessment)|"
    r"open (problems|questions|issues|challenges)|challenges and (opportunities|future|outlook))\b", re.I)
EXPERIMENTS = lazyre.compile(r"\b(experiments?|experimental|evaluation|results|empirical|benchmarks?|user study|ablations?|analysis)\b", re.I)
DISCUSSION = lazyre.compile(r"\b(discussion|conclusions?|concluding|future (work|directions)|outlook|summary|closing remarks|limitations?)\b", re.I)
BACK_MATTER = lazyre.compile(
    r"^\W*(references|bibliography|acknowledge?ments?|funding|author contributions?|appendix|appendices|supplementary|supplemental|"
    r"checklist|ethics|broader impacts?|declarations?|competing interests|conflicts? of interest|data availability|code availability|"
    r"notes|footnotes|box \d|author summary|supporting information|abbreviations|associated content|author information|"
    r"toc graphic|table of contents graphic)\b", re.I)


def is_fragment(doc: Document) -> bool:
    """A LaTeX file with no \\documentclass: a chapter linted on its own, not a whole paper."""
    return doc.format == "latex" and getattr(doc, "fragment", False)


def body_sections(doc: Document) -> list[Section]:
    """Main sections of the body: not the abstract, not back matter, not appendices."""
    return [s for s in doc.main_sections if not s.appendix and not BACK_MATTER.match(s.title)]


def introduction(doc: Document) -> Section | None:
    """The first main section of the body, whatever its title, unless its title says it is something else."""
    body = body_sections(doc)
    if not body:
        return None
    first = body[0]
    if NOT_INTRO.search(first.title) and not INTRO.search(first.title):
        return _introduction_beside(doc, first)
    return first


_INTRODUCTION_TITLE = lazyre.compile(r"\W*(?:(?:\d+|[IVX]+)\.?\s*)?introduction\W*$", re.I)


def _introduction_beside(doc: Document, first: Section) -> Section | None:
    """A section titled Introduction one level deeper than the main sections, before the first of
    them and held by none: a Manubot paper's content/02.introduction.md opens with
    '## Introduction' while content/03 opens with '# Results and Discussion'."""
    for sec in doc.sections:
        if sec is first:
            return None
        if sec.level > doc.main_level and not sec.appendix and _INTRODUCTION_TITLE.match(sec.title):
            holder = sec.parent
            while holder is not None and holder.kind == "title-section":
                holder = holder.parent
            if holder is not None and holder.kind == "document":
                return sec
    return None


def section_after(doc: Document, sec: Section) -> Section | None:
    """The main section after `sec` (which may be one beside the main sections: see
    :func:`introduction`). Compared by identity: a Section's repr runs through its parent and
    children, so ``list.index`` failing on one formatted the whole tree (a RecursionError)."""
    mains = doc.main_sections
    for i, s in enumerate(mains):
        if s is sec:
            return mains[i + 1] if i + 1 < len(mains) else None
    seen = False
    for s in doc.sections:
        if s is sec:
            seen = True
        elif seen and any(s is m for m in mains):
            return s
    return None


def reports_experiments(doc: Document) -> bool:
    return any(EXPERIMENTS.search(s.title) for s in doc.sections if not BACK_MATTER.match(s.title))


def heading_range(sec: Section) -> SourceRange | None:
    return sec.src


def anchor(doc: Document) -> SourceRange:
    """Where to report a finding about the whole document."""
    if doc.body_start is not None and doc.format == "latex":
        return doc.body_start
    if doc.title is not None:
        r = doc.to_source(doc.title.start, doc.title.end)
        if r is not None:
            return r
    return SourceRange(0, 0, 0)


def word_count(sec: Section) -> int:
    return sec.word_count()


#: Classes and style files of machine-learning and computer-science venues, where a contributions
#: list and a Limitations section are the expected shape of a paper (neurips_2023.sty, icml2024,
#: iclr2025_conference, acl, cvpr, IEEEtran, acmart, llncs, aaai, jmlr2e, tmlr...).
CS_VENUE = lazyre.compile(
    r"^(?:neurips|nips|icml|iclr|tmlr|colm|corl|aistats|uai|colt|jmlr|acl|emnlp|naacl|eacl|coling|aacl|cvpr|iccv|eccv|wacv|bmvc|"
    r"aaai|ijcai|kdd|sigir|www|icra|iros|rss|ieeetran|ieeeconf|acmart|sig-alternate|llncs|usenix|lipics)", re.I)


def cs_venue(doc: Document) -> bool:
    """The draft is written for a machine-learning or computer-science venue (by its class or style)."""
    if doc.format != "latex":
        return False
    for node in doc.macros("documentclass", "usepackage", body_only=False):
        for arg in node.args:
            for name in doc.source_text(arg).split(","):
                if CS_VENUE.match(name.strip().rsplit("/", 1)[-1]):
                    return True
    return False
