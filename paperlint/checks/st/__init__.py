"""ST: the paper's structure: abstract, introduction, contributions, limitations, layout, draft markers (rules/ST)."""
from __future__ import annotations

from ..base import LazyCheck

CHECKS = (
    LazyCheck("ST101", f"{__name__}.abstract_missing", "AbstractMissing"),
    LazyCheck("ST102", f"{__name__}.introduction_missing", "IntroductionMissing"),
    LazyCheck("ST110", f"{__name__}.contributions_missing", "ContributionsMissing"),
    LazyCheck("ST120", f"{__name__}.limitations_missing", "LimitationsMissing"),
    LazyCheck("ST121", f"{__name__}.limitations_missing", "LimitationsHeadingMissing"),
    LazyCheck("ST140", f"{__name__}.draft_markers", "DraftMarkers"),
    LazyCheck("ST111", f"{__name__}.contributions", "ContributionsTooMany"),
    LazyCheck("ST112", f"{__name__}.contributions", "ContributionsNotAtEnd"),
    LazyCheck("ST130", f"{__name__}.layout", "RelatedWorkSecond"),
    LazyCheck("ST150", f"{__name__}.layout", "SectionBalance"),
)
