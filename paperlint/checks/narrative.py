"""Checks of one family of rules; see rules/ for their metadata."""
# AB, CT and ST111-ST150: the story of the paper (issue 3)
from __future__ import annotations

from .ab_content import AbstractCitation, AbstractLength, AbstractNoResult, AbstractSentenceOverloaded
from .ab_shape import AbstractShape
from .ct_bibliography import CitationKeyMissing
from .ct_citations import IntroductionUncited, RelatedWorkNoContrast
from .st_contributions import ContributionsNotAtEnd, ContributionsTooMany
from .st_layout import RelatedWorkSecond, SectionBalance

CHECKS: tuple = (
    AbstractShape(),          # AB101
    AbstractNoResult(),       # AB102
    AbstractLength(),         # AB103
    AbstractSentenceOverloaded(),  # AB104
    AbstractCitation(),       # AB106
    ContributionsTooMany(),   # ST111
    ContributionsNotAtEnd(),  # ST112
    RelatedWorkSecond(),      # ST130
    SectionBalance(),         # ST150
    IntroductionUncited(),    # CT101
    RelatedWorkNoContrast(),  # CT102
    CitationKeyMissing(),     # CT110
)
