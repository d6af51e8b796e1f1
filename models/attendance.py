"""Participants' own check-ins to program sessions, their evaluations and certificates."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime


class SessionCheckin(Base):
    """A participant checked in to one session (once: the pair is unique)."""

    __tablename__ = "session_checkin"
    __table_args__ = (UniqueConstraint("session_id", "enrollment_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("program_session.id", ondelete="CASCADE")
    )
    enrollment_id: Mapped[int] = mapped_column(
        ForeignKey("enrollment.id", ondelete="CASCADE"), index=True
    )
    checked_in_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CheckinAttempt(Base):
    """A wrong or expired check-in code sent by a Telegram user; counted to slow guessing."""

    __tablename__ = "checkin_attempt"
    __table_args__ = (Index("ix_checkin_attempt_user_time", "telegram_user_id", "created_at"),
                      Index("ix_checkin_attempt_created_at", "created_at"))  # the purge

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Certificate(Base):
    """An e-certificate of a completed program: one per enrollment, revocable."""

    __tablename__ = "certificate"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # "2026-000123": the JP year and the enrollment; the public number adds its HMAC.
    serial: Mapped[str] = mapped_column(String(24), unique=True)
    enrollment_id: Mapped[int] = mapped_column(ForeignKey("enrollment.id"), unique=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("program.id"), index=True)
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_reason: Mapped[str | None] = mapped_column(Text)


class Evaluation(Base):
    """A participant's evaluation of a program (once per enrollment). Ratings 1-5."""

    __tablename__ = "evaluation"
    __table_args__ = (
        CheckConstraint("material BETWEEN 1 AND 5", name="material_1_5"),
        CheckConstraint("speakers BETWEEN 1 AND 5", name="speakers_1_5"),
        CheckConstraint("organisation BETWEEN 1 AND 5", name="organisation_1_5"),
        CheckConstraint("usefulness BETWEEN 1 AND 5", name="usefulness_1_5"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enrollment_id: Mapped[int] = mapped_column(ForeignKey("enrollment.id"), unique=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("program.id"), index=True)
    material: Mapped[int] = mapped_column(SmallInteger)
    speakers: Mapped[int] = mapped_column(SmallInteger)
    organisation: Mapped[int] = mapped_column(SmallInteger)
    usefulness: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime)
