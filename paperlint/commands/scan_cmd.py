"""`paperlint scan SOURCES --output FILE`: lint whole corpora on Dask, one record per document."""
from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("scan")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False), help="Records go here: FILE.parquet or FILE.jsonl (resumed if it exists).")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Run a local Dask cluster of N worker processes (default: in this process).")
@click.option("--scheduler", default=None, metavar="ADDRESS", help="Use an existing Dask cluster, e.g. tcp://host:8786.")
@click.option("--timeout", type=click.FloatRange(min=1), default=120.0, show_default=True, help="Seconds one document may take; after it its record says timeout.")
@click.option("--select", multiple=True, help="Only these rules (codes, names or prefixes).")
@click.option("--ignore", multiple=True, help="Also skip these rules.")
@click.option("--config", type=click.Path(exists=True, dir_okay=False), default=None, help="Use this paperlint.toml or pyproject.toml for every document.")
def command(sources, output, workers, scheduler, timeout, select, ignore, config):
    """Lint every paper in SOURCES (folders, .tar.gz source bundles, root files, or .txt lists
    of them) and write one record per document: diagnostics, statistics, abstract roles.

    Documents already in OUTPUT are skipped, so an interrupted scan resumes. Each document
    runs in a child process with a time limit; a hang or a crash is recorded, not fatal.
    Needs `pip install 'paperlint[scan]'` (Dask and pyarrow).
    """
    from ..api import _settings
    from ..scan import ScanError, _print_progress, scan

    if workers and scheduler:
        raise click.UsageError("give --workers or --scheduler, not both")
    try:
        settings = _settings(config, list(select) or None, list(ignore) or None, Path.cwd())
    except ValueError as exc:
        click.echo(f"paperlint: {exc}", err=True)
        sys.exit(2)
    try:
        counts = scan(sources, output, settings=settings, workers=workers, scheduler=scheduler, timeout=timeout,
                      progress=_print_progress)
    except ScanError as exc:
        click.echo(f"paperlint: {exc}", err=True)
        sys.exit(2)
    extra = ", ".join(f"{counts[k]} {k}" for k in ("unreadable", "timeout", "crashed") if counts.get(k))
    click.echo(f"paperlint scan: {counts['documents']} documents, {counts['skipped']} already in {output}, "
               f"{counts['scanned']} scanned ({counts['ok']} ok{', ' + extra if extra else ''})"
               + (f" in {counts['seconds']:.1f} s" if "seconds" in counts else "") + ".", err=True)
