"""`paperlint server`: the Language Server Protocol over stdio, for editors."""
from __future__ import annotations

import logging
import sys

import click


@click.command("server")
@click.option("--stdio", is_flag=True, help="Speak LSP over standard input and output (the default and only transport; accepted for editors that pass it).")
@click.option("--debounce", type=float, default=0.15, show_default=True, help="Seconds to wait after an edit before linting again.")
@click.option("--log-file", type=click.Path(dir_okay=False, writable=True), default=None, help="Write the server's log to this file.")
def command(stdio, debounce, log_file):
    """Run the paperlint language server (diagnostics, quick fixes, outline) over stdio."""
    try:
        from ..lsp.server import serve
    except ImportError as exc:  # pygls is an optional dependency
        click.echo(f"paperlint server needs pygls ({exc}); install it with: pip install 'paperlint[lsp]'", err=True)
        sys.exit(2)
    if log_file:
        logging.basicConfig(filename=log_file, level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    else:
        logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    serve(debounce=max(0.0, debounce))
