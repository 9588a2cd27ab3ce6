from __future__ import annotations

from typing import Iterator

from ..diagnostics import Finding
from ..document.model import Document


class Check:
    code: str = ""

    def run(self, doc: Document, ctx) -> Iterator[Finding]:  # pragma: no cover - interface
        raise NotImplementedError
