"""``extends: sequence`` (part-of-speech token sequences) and ``script``: not available in
paperlint. Such a rule is loaded, listed as skipped with the
reason, and never run."""
from __future__ import annotations

from .base import RuleSkipped

REASONS = {
    "sequence": "needs a part-of-speech tagger, which paperlint does not have",
    "script": "Tengo scripts are not supported",
}


def skipped(extends: str):
    raise RuleSkipped(f"extends: {extends} {REASONS[extends]}")
