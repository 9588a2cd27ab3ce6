"""Checks of one family of rules; see rules/ for their metadata."""
# JG, RD and AB105: definitions and plain language (issue 5)
from __future__ import annotations

from .jg_abstract import AbstractUndefinedTerm
from .jg_acronyms import (
    AcronymBeforeDefinition,
    AcronymDefinedTwice,
    AcronymRarelyUsed,
    AcronymUndefined,
)
from .jg_terms import CoinedTermBeforeIntroduction, GlossaryMissing
from .rd_passive import PassiveHeavyParagraph
from .rd_plain_words import PlainWords
from .rd_readability import SectionHardToRead
from .rd_spelling import Misspelling
from .rd_sentences import SentenceTooLong

CHECKS: tuple = (
    AcronymBeforeDefinition(),
    AcronymUndefined(),
    AcronymDefinedTwice(),
    AcronymRarelyUsed(),
    CoinedTermBeforeIntroduction(),
    GlossaryMissing(),
    AbstractUndefinedTerm(),
    SentenceTooLong(),
    SectionHardToRead(),
    PlainWords(),
    PassiveHeavyParagraph(),
    Misspelling(),
)
