"""ASN Corpu learning programs, their sessions, audience and enrollments."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime


class Program(Base):
    __tablename__ = "program"
    __table_args__ = (
        # Browsing lists published programs by start time.
        Index("ix_program_status_starts", "status", "starts_at"),
        CheckConstraint("quota >= 0", name="quota_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(40))
    method: Mapped[str] = mapped_column(String(16))
    jp: Mapped[Decimal] = mapped_column(Numeric(7, 2))
    place: Mapped[str | None] = mapped_column(String(300))
    online_url: Mapped[str | None] = mapped_column(String(500))
    organiser: Mapped[str | None] = mapped_column(String(200))
    quota: Mapped[int] = mapped_column(Integer)
    registration_opens_at: Mapped[datetime] = mapped_column(UtcDateTime)
    registration_closes_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # First session's start and last session's end, kept with the sessions.
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16))
    # Seats taken (enrolled or completed): changed only under the program's lock.
    seats_taken: Mapped[int] = mapped_column(Integer, default=0)
    # Arrival counter: each enrollment request takes the next number (waitlist order).
    queue_counter: Mapped[int] = mapped_column(Integer, default=0)
    # Share of the sessions a participant must check in to to complete (percent).
    min_attendance_pct: Mapped[int] = mapped_column(Integer, default=100, server_default="100")
    # The evaluation must be answered before the certificate is issued.
    evaluation_required: Mapped[bool] = mapped_column(Boolean, default=True,
                                                      server_default=true())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ProgramSession(Base):
    __tablename__ = "program_session"
    __table_args__ = (CheckConstraint("ends_at > starts_at", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("program.id", ondelete="CASCADE"), index=True
    )
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # The participants' self check-in code (shown as a QR); given when first asked for.
    checkin_code: Mapped[str | None] = mapped_column(String(12), unique=True)


class ProgramOpd(Base):
    """A program limited to some OPDs has one row per OPD; none means every OPD."""

    __tablename__ = "program_opd"

    program_id: Mapped[int] = mapped_column(
        ForeignKey("program.id", ondelete="CASCADE"), primary_key=True
    )
    opd_id: Mapped[int] = mapped_column(ForeignKey("opd.id"), primary_key=True, index=True)


class ProgramPositionType(Base):
    """A program limited to some position types has one row per type; none means all."""

    __tablename__ = "program_position_type"

    program_id: Mapped[int] = mapped_column(
        ForeignKey("program.id", ondelete="CASCADE"), primary_key=True
    )
    position_type: Mapped[str] = mapped_column(String(16), primary_key=True)


class Enrollment(Base):
    __tablename__ = "enrollment"
    __table_args__ = (
        # One enrollment per person per program; a re-enrollment reuses the row.
        UniqueConstraint("program_id", "employee_id"),
        Index("ix_enrollment_program_status_queue", "program_id", "status", "queue_no"),
        Index("ix_enrollment_employee_status", "employee_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("program.id", ondelete="CASCADE"))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    status: Mapped[str] = mapped_column(String(16))
    queue_no: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
