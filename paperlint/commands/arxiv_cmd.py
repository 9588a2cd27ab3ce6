"""``paperlint arxiv DRAFT``: what an arXiv upload of the draft's folder would publish besides the paper."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

SCHEMA_VERSION = 1


@click.command("arxiv")
@click.argument("draft", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--config", type=click.Path(exists=True, dir_okay=False), default=None, help="Use this paperlint.toml or pyproject.toml.")
def command(draft: Path, fmt: str, config: str | None):
    """Report what arXiv would publish from DRAFT's sources beyond the paper itself.

    arXiv makes the uploaded source public, comments included. This lists, at their lines,
    to-do notes, replies to reviewers, notes to co-authors, names and e-mail addresses in
    comments, commented-out text, \\iffalse blocks and untaken branches, and the files in the
    draft's folder that no root reads (old versions, unused figures, build output). It
    changes nothing: read it, then clean a copy before uploading.
    """
    from ..arxiv import render_text, report
    from ..config import ConfigError, find_config, load_settings
    from ..engine import build_document
    from ..sources import SourceError

    try:
        settings = load_settings(Path(config) if config else find_config(draft))
    except ConfigError as exc:
        click.echo(f"paperlint: configuration error: {exc}", err=True)
        sys.exit(2)
    try:
        doc = build_document(draft, settings, Path.cwd())
    except SourceError as exc:
        click.echo(f"paperlint: {draft}: {exc}", err=True)
        sys.exit(2)
    rep = report(doc)
    if fmt == "json":
        click.echo(json.dumps({"schema_version": SCHEMA_VERSION, **rep.to_json()}, indent=2, ensure_ascii=False))
    else:
        click.echo(render_text(rep), nl=False)
