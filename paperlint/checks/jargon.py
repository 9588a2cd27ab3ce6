"""Checks of one family of rules; see rules/ for their metadata."""
# JG, RD and AB105: definitions and plain language (issue 5)
from __future__ import annotations

CHECKS: tuple = ()
