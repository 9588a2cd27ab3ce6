"""RD: readability: sentence length, hard sections, plain words, passive voice, spelling (rules/RD)."""
from __future__ import annotations

from ..base import LazyCheck

CHECKS = (
    LazyCheck("RD101", f"{__name__}.sentences", "SentenceTooLong"),
    LazyCheck("RD102", f"{__name__}.readability", "SectionHardToRead"),
    LazyCheck("RD103", f"{__name__}.plain_words", "PlainWords"),
    LazyCheck("RD104", f"{__name__}.passive", "PassiveHeavyParagraph"),
    LazyCheck("RD105", f"{__name__}.spelling", "Misspelling"),
)
