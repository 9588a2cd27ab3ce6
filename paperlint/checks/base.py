from __future__ import annotations

import importlib
from collections.abc import Iterator

from ..diagnostics import Finding
from ..document.model import Document


class Check:
    code: str = ""

    def run(self, doc: Document, ctx) -> Iterator[Finding]:  # pragma: no cover - interface
        raise NotImplementedError


class LazyCheck(Check):
    """A family's entry for one rule: its code, and the module and class that implement it. The
    module is imported, and the class instantiated, the first time the rule runs, so a run
    that selects a few rules pays only for theirs."""

    __slots__ = ("code", "module", "name", "_impl")

    def __init__(self, code: str, module: str, name: str):
        self.code = code
        self.module = module
        self.name = name
        self._impl = None

    @property
    def impl(self) -> Check:
        if self._impl is None:
            self._impl = getattr(importlib.import_module(self.module), self.name)()
        return self._impl

    def run(self, doc: Document, ctx) -> Iterator[Finding]:
        return self.impl.run(doc, ctx)

    def __repr__(self) -> str:
        return f"LazyCheck({self.code!r}, {self.module!r}, {self.name!r})"
