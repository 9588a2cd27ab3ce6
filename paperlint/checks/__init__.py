"""Python checks, registered explicitly, one tuple per family module.

Each check's metadata (message, rationale, options, examples) lives in
rules/<family>/<CODE>-<name>.toml; a test asserts the 1:1 match.
"""
from __future__ import annotations

from .evidence import CHECKS as EVIDENCE_CHECKS      # EV, CL: statistics, evidence and claims
from .figures import CHECKS as FIGURE_CHECKS         # FG: figures, captions, colours
from .jargon import CHECKS as JARGON_CHECKS          # JG, RD, AB105: definitions and plain language
from .narrative import CHECKS as NARRATIVE_CHECKS    # AB, CT, ST11x-15x: the story of the paper
from .structure import CHECKS as STRUCTURE_CHECKS    # ST101-ST140: the paper's skeleton
from .venue import CHECKS as VENUE_CHECKS            # VN: venue profiles, anonymity, the paper checklist

CHECKS = (
    *STRUCTURE_CHECKS,
    *NARRATIVE_CHECKS,
    *EVIDENCE_CHECKS,
    *JARGON_CHECKS,
    *FIGURE_CHECKS,
    *VENUE_CHECKS,
)

#: Rules reported by the engine itself rather than by a check class.
BUILTIN = ("PL001", "PL002", "PL003", "PL100")
