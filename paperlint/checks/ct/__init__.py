"""CT: citations and the bibliography (rules/CT)."""
from __future__ import annotations

from ..base import LazyCheck

CHECKS = (
    LazyCheck("CT101", f"{__name__}.citations", "IntroductionUncited"),
    LazyCheck("CT102", f"{__name__}.citations", "RelatedWorkNoContrast"),
    LazyCheck("CT110", f"{__name__}.bibliography", "CitationKeyMissing"),
)
