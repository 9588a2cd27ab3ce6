"""Where the rule data lives at run time.

In a wheel, ``rules/`` is shipped as ``paperlint/_rules``; in a source checkout
(editable install, tests) it is the ``rules/`` folder beside the package.
"""
from __future__ import annotations

import functools
import tomllib
from pathlib import Path


@functools.cache
def rules_dir() -> Path:
    here = Path(__file__).resolve().parent
    shipped = here / "_rules"
    if shipped.is_dir():
        return shipped
    checkout = here.parent / "rules"
    if checkout.is_dir():
        return checkout
    raise RuntimeError("paperlint's rule data is missing: reinstall paperlint")


@functools.cache
def latex_tables() -> dict:
    with open(rules_dir() / "latex.toml", "rb") as fh:
        data = tomllib.load(fh)
    data.setdefault("macros", {})
    data.setdefault("environments", {})
    return data
