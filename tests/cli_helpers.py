"""Running the CLI in-process from a given folder, as a user would from their shell."""
from __future__ import annotations

import os

from click.testing import CliRunner

from paperlint.cli import main


def run_cli(args, cwd=None, env=None):
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args), catch_exceptions=False, env=env)
    finally:
        os.chdir(old)
