"""The VN family: what a venue asks of a submission (rules/venues/*.toml and the paper checklist)."""
from __future__ import annotations

from .vn_checklist import ChecklistContradicted, ChecklistDanglingPointer, ChecklistUnanswered
from .vn_review import AcknowledgementInReview, IdentityRevealed, SelfCitationRevealed
from .vn_sections import PageLimit, VenueSectionForbidden, VenueSectionMissing

CHECKS = (
    IdentityRevealed(),
    SelfCitationRevealed(),
    AcknowledgementInReview(),
    VenueSectionMissing(),
    VenueSectionForbidden(),
    PageLimit(),
    ChecklistContradicted(),
    ChecklistDanglingPointer(),
    ChecklistUnanswered(),
)
