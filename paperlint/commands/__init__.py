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


def read_draft(draft, config):
    """(settings, document) for a sub-command's DRAFT and --config, or exit 2 saying why not."""
    import sys
    from pathlib import Path

    import click

    from ..config import ConfigError, find_config, load_settings
    from ..engine import build_document
    from ..sources import SourceError

    try:
        settings = load_settings(Path(config) if config else find_config(draft))
    except ConfigError as exc:
        click.echo(f"paperlint: configuration error: {exc}", err=True)
        sys.exit(2)
    try:
        return settings, build_document(draft, settings, Path.cwd())
    except SourceError as exc:
        click.echo(f"paperlint: {draft}: {exc}", err=True)
        sys.exit(2)
