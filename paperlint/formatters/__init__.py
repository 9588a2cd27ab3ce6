"""One module per output format, each exposing `render(results, settings, **options) -> str`.

A formatter never re-runs rules or recomputes positions.  Modules are imported
only when their format is used.
"""
from __future__ import annotations

import importlib
import importlib.util

#: format name -> module in this package
FORMATS = {
    "text": "text",
    "concise": "concise",
    "json": "json_format",
    "sarif": "sarif",
    "github": "github",
    "html": "html",
    "gitlab": "gitlab",
    "rdjson": "rdjson",
    "junit": "junit",
}


def available() -> list[str]:
    return [name for name, mod in FORMATS.items() if importlib.util.find_spec(f"{__name__}.{mod}") is not None]


def get(name: str):
    return importlib.import_module(f"{__name__}.{FORMATS[name]}").render


def __getattr__(name):  # FORMATTERS kept for callers that want a dict
    if name == "FORMATTERS":
        return {n: get(n) for n in available()}
    raise AttributeError(name)
