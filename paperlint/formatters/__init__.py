"""One module per output format.  A formatter takes the results and returns text; it never re-runs rules."""
from __future__ import annotations

from . import concise, json_format, text

FORMATTERS = {
    "text": text.render,
    "concise": concise.render,
    "json": json_format.render,
}

SCHEMA_VERSION = json_format.SCHEMA_VERSION
