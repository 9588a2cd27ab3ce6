"""EV: statistics and evidence: p-values, tests, GRIM, effect sizes, uncertainty, baselines (rules/EV)."""
from __future__ import annotations

from ..base import LazyCheck

CHECKS = (
    LazyCheck("EV101", f"{__name__}.reporting", "SuggestiveEvidence"),
    LazyCheck("EV102", f"{__name__}.reporting", "ThresholdAtFive"),
    LazyCheck("EV103", f"{__name__}.reporting", "ExploratoryAboveMilli"),
    LazyCheck("EV104", f"{__name__}.reporting", "InconsistentStatistic"),
    LazyCheck("EV105", f"{__name__}.reporting", "ImpossibleP"),
    LazyCheck("EV106", f"{__name__}.grim", "GrimMean"),
    LazyCheck("EV107", f"{__name__}.grim", "GrimmerSd"),
    LazyCheck("EV108", f"{__name__}.effects", "EffectSizeVsTest"),
    LazyCheck("EV109", f"{__name__}.effects", "IntervalVsP"),
    LazyCheck("EV110", f"{__name__}.evidence", "NoUncertainty"),
    LazyCheck("EV111", f"{__name__}.reporting", "TestWithoutN"),
    LazyCheck("EV120", f"{__name__}.evidence", "NoBaseline"),
    LazyCheck("EV121", f"{__name__}.evidence", "NoAblation"),
    LazyCheck("EV130", f"{__name__}.evidence", "QualitativeSelection"),
    LazyCheck("EV140", f"{__name__}.evidence", "NoAvailability"),
)
