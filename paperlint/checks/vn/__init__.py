"""The VN family: what a venue asks of a submission (rules/venues/*.toml and the paper checklist).

The rules' modules are imported only for a draft they can judge: one with a venue profile or
a configured mode (VN101-VN111, VN130), or with checklist macros in its source (VN120-VN122).
A plain article pays for the venue detection alone.
"""
from __future__ import annotations

import importlib

from ..base import Check


class _Deferred(Check):
    def __init__(self, code: str, module: str, name: str, needs: str):
        self.code = code
        self._where = (module, name)
        self._needs = needs          # venue | checklist
        self._impl = None

    def run(self, doc, ctx):
        if self._needs == "checklist":
            if doc.format != "latex" or not any("\\answer" in f.text or "\\cm" in f.text for f in doc.files):
                return ()
        else:
            from ...venues import detect_venue

            if detect_venue(doc, ctx.settings) is None:
                return ()
        if self._impl is None:
            module, name = self._where
            self._impl = getattr(importlib.import_module(f"{__name__}.{module}"), name)()
        return self._impl.run(doc, ctx)


CHECKS = (
    _Deferred("VN101", "review", "IdentityRevealed", "venue"),
    _Deferred("VN102", "review", "SelfCitationRevealed", "venue"),
    _Deferred("VN103", "review", "AcknowledgementInReview", "venue"),
    _Deferred("VN110", "sections", "VenueSectionMissing", "venue"),
    _Deferred("VN111", "sections", "VenueSectionForbidden", "venue"),
    _Deferred("VN130", "sections", "PageLimit", "venue"),
    _Deferred("VN120", "checklist", "ChecklistContradicted", "checklist"),
    _Deferred("VN121", "checklist", "ChecklistDanglingPointer", "checklist"),
    _Deferred("VN122", "checklist", "ChecklistUnanswered", "checklist"),
)
