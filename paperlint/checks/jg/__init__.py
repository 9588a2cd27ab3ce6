"""JG: jargon: acronyms and coined terms defined before use (rules/JG)."""
from __future__ import annotations

from ..base import LazyCheck

CHECKS = (
    LazyCheck("JG101", f"{__name__}.acronyms", "AcronymBeforeDefinition"),
    LazyCheck("JG102", f"{__name__}.acronyms", "AcronymUndefined"),
    LazyCheck("JG103", f"{__name__}.acronyms", "AcronymDefinedTwice"),
    LazyCheck("JG104", f"{__name__}.acronyms", "AcronymRarelyUsed"),
    LazyCheck("JG110", f"{__name__}.terms", "CoinedTermBeforeIntroduction"),
    LazyCheck("JG120", f"{__name__}.terms", "GlossaryMissing"),
)
