"""Python checks, registered explicitly, one tuple per family of rules.

Each check's metadata (message, rationale, options, examples) lives in
rules/<family>/<CODE>-<name>.toml; a test asserts the 1:1 match.
"""
from __future__ import annotations

from .structure import CHECKS as STRUCTURE_CHECKS

CHECKS = (
    *STRUCTURE_CHECKS,
)

#: Rules reported by the engine itself rather than by a check class.
BUILTIN = ("PL001", "PL002", "PL003", "PL100")
