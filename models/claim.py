"""A reported training (self-report): what the ledger row does not hold.

Each claim belongs to exactly one JpRecord (source self_report). The record carries
the status the balance reads (pending, approved, rejected) and the JP that count;
the claim keeps the evidence, the proposal with its working, and who decided what.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime


class JpClaim(Base):
    __tablename__ = "jp_claim"
    __table_args__ = (
        # The verification queue: undecided claims, oldest first.
        Index("ix_jp_claim_decision_id", "decision", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    jp_record_id: Mapped[int] = mapped_column(ForeignKey("jp_record.id"), unique=True)
    evidence_file_id: Mapped[str] = mapped_column(String(200))
    evidence_unique_id: Mapped[str] = mapped_column(String(100))
    evidence_kind: Mapped[str] = mapped_column(String(10))  # EvidenceKind
    international: Mapped[bool] = mapped_column(Boolean)
    # Days, sessions, lesson hours, activities or the JP stated on the certificate,
    # whichever the rule's unit is.
    unit: Mapped[str] = mapped_column(String(12))
    quantity: Mapped[Decimal] = mapped_column(Numeric(7, 2))
    proposed_jp: Mapped[Decimal] = mapped_column(Numeric(7, 2))
    # The working shown to the employee: [[catalogue key, {values}], …].
    working: Mapped[list[Any]] = mapped_column(JSON)
    # A record this claim probably repeats (flagged to the employee and the verifier).
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("jp_record.id"))
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime)
    reviewed_by: Mapped[str | None] = mapped_column(String(40))  # "tg:<id>"
    reviewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    decision: Mapped[str | None] = mapped_column(String(10))  # ClaimDecision
    reject_reason: Mapped[str | None] = mapped_column(String(300))
