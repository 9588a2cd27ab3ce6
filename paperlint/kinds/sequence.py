"""``extends: sequence`` (part-of-speech token sequences, and the ``spelling`` and ``script``
kinds): not available in paperlint. Such a rule is loaded, listed as skipped with the
reason, and never run."""
from __future__ import annotations

from .base import RuleSkipped

REASONS = {
    "sequence": "needs a part-of-speech tagger, which paperlint does not have",
    "spelling": "the spelling kind (Hunspell dictionaries) is not implemented yet",
    "script": "Tengo scripts are not supported",
}


def skipped(extends: str):
    raise RuleSkipped(f"extends: {extends} {REASONS[extends]}")
