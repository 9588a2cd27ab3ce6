"""Checks of one family of rules; see rules/ for their metadata."""
# AB, CT and ST111-ST150: the story of the paper (issue 3)
from __future__ import annotations

CHECKS: tuple = ()
