"""The JSON output: the contract for editor plugins (documented in the README)."""
from __future__ import annotations

import json

from .. import __version__

SCHEMA_VERSION = "1.0"


def document(results, settings) -> dict:
    from ..venues import venue_json

    diagnostics = [d.to_json() for res in results for d in res.diagnostics]
    counts = {k: sum(res.counts[k] for res in results) for k in ("error", "warning", "info")}
    return {
        "schema_version": SCHEMA_VERSION,
        "paperlint_version": __version__,
        "roots": [{"file": res.root, "error": res.error, "venue": venue_json(res.document, settings)} for res in results],
        "diagnostics": diagnostics,
        "summary": counts,
    }


def render(results, settings, **_) -> str:
    return json.dumps(document(results, settings), indent=2, ensure_ascii=False) + "\n"
