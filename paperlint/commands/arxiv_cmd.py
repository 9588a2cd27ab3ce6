"""``paperlint arxiv DRAFT``: what an arXiv upload of the draft's folder would publish besides the paper."""
from __future__ import annotations

import json
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
    from . import read_draft

    _, doc = read_draft(draft, config)
    rep = report(doc)
    if fmt == "json":
        click.echo(json.dumps({"schema_version": SCHEMA_VERSION, **rep.to_json()}, indent=2, ensure_ascii=False))
    else:
        click.echo(render_text(rep), nl=False)
