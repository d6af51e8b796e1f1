"""The draft of a /lapor report, as the dialog row keeps it (validated on every read)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from bot.services.claims.reporting import Draft, Evidence, span_days


class EvidenceRef(BaseModel):
    kind: str  # EvidenceKind
    file_id: str
    unique_id: str


class ClaimDraft(BaseModel):
    """What the employee answered so far (`n`: the nonce of this draft's buttons)."""

    n: str
    category: str | None = None
    unit: str | None = None
    title: str | None = None
    organiser: str | None = None
    start: date | None = None
    end: date | None = None
    international: bool | None = None
    quantity: Decimal | None = None
    jp: Decimal | None = None
    steps: list[Any] = []
    duplicate_of: int | None = None
    same_evidence_as: int | None = None
    evidence: EvidenceRef | None = None

    @property
    def days(self) -> int:
        assert self.start is not None and self.end is not None
        return span_days(self.start, self.end)

    def to_draft(self) -> Draft:
        evidence = self.evidence
        assert self.category and self.unit and self.title and self.organiser
        assert self.start and self.end and self.international is not None and self.quantity
        return Draft(
            category=self.category, unit=self.unit, title=self.title, organiser=self.organiser,
            start=self.start, end=self.end, international=self.international,
            quantity=self.quantity,
            evidence=Evidence(evidence.kind, evidence.file_id, evidence.unique_id) if evidence else None,
        )
