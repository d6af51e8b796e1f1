"""JP conversion rules per activity type (LAN guidance defaults, editable by superadmins)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime


class JpRule(Base):
    __tablename__ = "jp_rule"

    # A JpCategory value.
    category: Mapped[str] = mapped_column(String(40), primary_key=True)
    # What one unit of the activity is: program (its own JP), day, session, activity or
    # hour (a lesson hour of 45 minutes counts as one JP).
    unit: Mapped[str] = mapped_column(String(12))
    jp_national: Mapped[Decimal] = mapped_column(Numeric(7, 2))
    jp_international: Mapped[Decimal] = mapped_column(Numeric(7, 2))
    max_jp_per_day: Mapped[Decimal | None] = mapped_column(Numeric(7, 2))
    max_sessions_per_month: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_by: Mapped[str] = mapped_column(String(40))
