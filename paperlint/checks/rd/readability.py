"""RD102: a section much harder to read than the paper's own other sections.

Scores are Flesch reading ease on the section's prose sentences from the document's
sentence splitter (placeholders for math and citations are not words; see
``nlp/readability.py``). The yardstick is the paper itself, not a fixed grade: the
median over main body sections, so a mathematical paper is compared with itself.
"""
from __future__ import annotations

from ...document import structure
from ...nlp.readability import score_sentences
from ..base import Check


def section_scores(doc, min_words: int):
    """(section, Readability) for main body sections with enough prose."""
    out = []
    for sec in doc.main_sections:
        if sec.appendix or structure.BACK_MATTER.match(sec.title):
            continue
        sents = [s.text for b in sec.all_blocks() if b.kind in ("paragraph", "item") for s in b.sentences]
        score = score_sentences(sents)
        if score.words >= min_words:
            out.append((sec, score))
    return out


def _median(values) -> float:
    """The median, as ``statistics.median`` gives it (the mean of the middle two for an even
    count); ``statistics`` brings ``random`` and ``fractions`` along, 3 ms of a one-page lint."""
    xs = sorted(values)
    n = len(xs)
    mid = n // 2
    return xs[mid] if n % 2 else (xs[mid - 1] + xs[mid]) / 2


class SectionHardToRead(Check):
    code = "RD102"

    def run(self, doc, ctx):
        scores = section_scores(doc, ctx.options["min-words"])
        if len(scores) < 3:
            return
        median = _median(s.flesch_reading_ease for _, s in scores)
        wps = _median(s.words_per_sentence for _, s in scores)
        spw = _median(s.syllables_per_word for _, s in scores)
        for sec, s in scores:
            if s.flesch_reading_ease < median - ctx.options["margin"] and sec.src is not None:
                why = []
                if s.words_per_sentence > wps * 1.15:
                    why.append(f"sentences of {s.words_per_sentence:.0f} words on average against {wps:.0f}")
                if s.syllables_per_word > spw * 1.05:
                    why.append(f"{s.syllables_per_word:.2f} syllables per word against {spw:.2f}")
                yield ctx.report(src=sec.src, title=sec.title, score=f"{s.flesch_reading_ease:.0f}", median=f"{median:.0f}",
                                 why=(": " + " and ".join(why)) if why else "")
