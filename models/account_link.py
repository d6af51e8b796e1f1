"""Which employee each Telegram account has been linked to, and when: the memory that
lets "nobody decides a claim of an employee they are or were linked to" survive an
unlink (bot/services/claims/review.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime


class AccountLink(Base):
    __tablename__ = "account_link"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    linked_at: Mapped[datetime] = mapped_column(UtcDateTime)
    unlinked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
