"""CL: claims: overclaiming, novelty and state of the art without support, hype (rules/CL)."""
from __future__ import annotations

from ..base import LazyCheck

CHECKS = (
    LazyCheck("CL101", f"{__name__}.claims", "Overclaiming"),
    LazyCheck("CL102", f"{__name__}.claims", "NoveltyUncited"),
    LazyCheck("CL103", f"{__name__}.claims", "UnsupportedSota"),
    LazyCheck("CL104", f"{__name__}.claims", "Hype"),
    LazyCheck("CL105", f"{__name__}.claims", "SignificantWithoutTest"),
)
