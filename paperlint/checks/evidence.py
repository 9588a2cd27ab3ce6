"""Checks of one family of rules; see rules/ for their metadata."""
# EV and CL: statistics, evidence and claims (issue 4)
from __future__ import annotations

CHECKS: tuple = ()
