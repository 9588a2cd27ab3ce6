"""Python checks, registered explicitly.  Each one's metadata lives in rules/<family>/<CODE>-*.toml."""
from __future__ import annotations

from .abstract_missing import AbstractMissing
from .contributions_missing import ContributionsMissing
from .draft_markers import DraftMarkers
from .introduction_missing import IntroductionMissing
from .limitations_missing import LimitationsMissing

CHECKS = (
    AbstractMissing(),
    IntroductionMissing(),
    ContributionsMissing(),
    LimitationsMissing(),
    DraftMarkers(),
)

#: Rules handled by the engine itself rather than by a check class.
BUILTIN = ("PL001", "PL002", "PL003", "PL100")
