"""Where the rule data lives at run time.

In a wheel, ``rules/`` is shipped as ``paperlint/_rules``; in a source checkout
(editable install, tests) it is the ``rules/`` folder beside the package.
"""
from __future__ import annotations

import functools
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
    from .registry import latex_table

    data = latex_table(rules_dir())
    data.setdefault("macros", {})
    data.setdefault("environments", {})
    return data
