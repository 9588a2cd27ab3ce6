"""Checks of one family of rules; see rules/ for their metadata."""
# FG: figures, captions and colours (issue 6)
from __future__ import annotations

CHECKS: tuple = ()
