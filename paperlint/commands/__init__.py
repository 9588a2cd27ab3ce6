"""Sub-commands beyond linting, each in its own module exposing a click command named `command`.

They are imported only when used, so `paperlint draft.tex` pays nothing for them.
"""
from __future__ import annotations

import importlib
import importlib.util

#: sub-command name -> module in this package
COMMANDS = {
    "outline": "outline",
    "stats": "stats",
    "server": "server",
    "init": "init_cmd",
    "scan": "scan_cmd",
    "arxiv": "arxiv_cmd",
}


def available() -> list[str]:
    return [name for name, mod in COMMANDS.items() if importlib.util.find_spec(f"{__name__}.{mod}") is not None]


def load(name: str):
    module = importlib.import_module(f"{__name__}.{COMMANDS[name]}")
    return module.command
