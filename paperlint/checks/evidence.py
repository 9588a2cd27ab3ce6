"""Checks of one family of rules; see rules/ for their metadata."""
# EV and CL: statistics, evidence and claims (issue 4)
from __future__ import annotations

from .cl_claims import (
    Hype,
    NoveltyUncited,
    Overclaiming,
    SignificantWithoutTest,
    UnsupportedSota,
)
from .ev_evidence import (
    NoAblation,
    NoAvailability,
    NoBaseline,
    NoUncertainty,
    QualitativeSelection,
)
from .ev_effects import EffectSizeVsTest, IntervalVsP
from .ev_grim import GrimMean, GrimmerSd
from .ev_stats import (
    ExploratoryAboveMilli,
    ImpossibleP,
    InconsistentStatistic,
    SuggestiveEvidence,
    TestWithoutN,
    ThresholdAtFive,
)

CHECKS: tuple = (
    SuggestiveEvidence(),       # EV101
    ThresholdAtFive(),          # EV102
    ExploratoryAboveMilli(),    # EV103
    InconsistentStatistic(),    # EV104
    ImpossibleP(),              # EV105
    GrimMean(),                 # EV106
    GrimmerSd(),                # EV107
    EffectSizeVsTest(),         # EV108
    IntervalVsP(),              # EV109
    NoUncertainty(),            # EV110
    TestWithoutN(),             # EV111
    NoBaseline(),               # EV120
    NoAblation(),               # EV121
    QualitativeSelection(),     # EV130
    NoAvailability(),           # EV140
    Overclaiming(),             # CL101
    NoveltyUncited(),           # CL102
    UnsupportedSota(),          # CL103
    Hype(),                     # CL104
    SignificantWithoutTest(),   # CL105
)
