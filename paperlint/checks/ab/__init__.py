"""AB: the abstract: its shape, its content and the terms it uses (rules/AB)."""
from __future__ import annotations

from ..base import LazyCheck

CHECKS = (
    LazyCheck("AB101", f"{__name__}.shape", "AbstractShape"),
    LazyCheck("AB102", f"{__name__}.content", "AbstractNoResult"),
    LazyCheck("AB103", f"{__name__}.content", "AbstractLength"),
    LazyCheck("AB104", f"{__name__}.content", "AbstractSentenceOverloaded"),
    LazyCheck("AB106", f"{__name__}.content", "AbstractCitation"),
    LazyCheck("AB105", f"{__name__}.undefined_terms", "AbstractUndefinedTerm"),
)
