"""The ST family: the paper's overall structure."""
from __future__ import annotations

from .abstract_missing import AbstractMissing
from .contributions_missing import ContributionsMissing
from .draft_markers import DraftMarkers
from .introduction_missing import IntroductionMissing
from .limitations_missing import LimitationsHeadingMissing, LimitationsMissing

CHECKS = (
    AbstractMissing(),
    IntroductionMissing(),
    ContributionsMissing(),
    LimitationsMissing(),
    LimitationsHeadingMissing(),
    DraftMarkers(),
)
