"""Planning from needs: the competency catalogue, programs' competencies, employees'
declared learning needs per JP year, and the planning window of each year."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime


class Competency(Base):
    """One competency of the catalogue; retired ones stay (old needs still name them)."""

    __tablename__ = "competency"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), index=True)  # CompetencyKind
    description: Mapped[str | None] = mapped_column(Text)
    retired_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ProgramCompetency(Base):
    """A program teaches these competencies (from the import's `kompetensi` column)."""

    __tablename__ = "program_competency"

    program_id: Mapped[int] = mapped_column(
        ForeignKey("program.id", ondelete="CASCADE"), primary_key=True
    )
    competency_id: Mapped[int] = mapped_column(
        ForeignKey("competency.id"), primary_key=True, index=True
    )


class LearningNeed(Base):
    """A competency an employee says they need in a JP year (at most three a year).

    `opd_id` and `unit` are where the employee worked when they declared it: the demand
    is counted for the OPD that asked, even after the employee moves."""

    __tablename__ = "learning_need"
    __table_args__ = (
        UniqueConstraint("employee_id", "year", "competency_id"),
        Index("ix_learning_need_year_competency", "year", "competency_id"),
        CheckConstraint("priority BETWEEN 1 AND 3", name="priority_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)  # the JP year's label
    competency_id: Mapped[int] = mapped_column(ForeignKey("competency.id"))
    priority: Mapped[int] = mapped_column(Integer)  # 1 = most needed
    form: Mapped[str | None] = mapped_column(String(20))  # LearningForm; None: any
    reason: Mapped[str | None] = mapped_column(String(200))
    opd_id: Mapped[int] = mapped_column(ForeignKey("opd.id"), index=True)
    unit: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class NeedsWindow(Base):
    """The planning window of a JP year when set from the console (else from settings)."""

    __tablename__ = "needs_window"
    __table_args__ = (CheckConstraint("closes_on >= opens_on", name="closes_after_opens"),)

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    opens_on: Mapped[date] = mapped_column(Date)
    closes_on: Mapped[date] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
