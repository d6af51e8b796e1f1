"""One-time link codes issued by admins, and failed link attempts for rate limiting."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime


class LinkCode(Base):
    __tablename__ = "link_code"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    # SHA-256 of the normalised code: the code itself is never stored.
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    used_by_telegram_id: Mapped[int | None] = mapped_column(BigInteger)
    issued_by: Mapped[str | None] = mapped_column(String(64))


class LinkAttempt(Base):
    """A wrong link code typed by a Telegram user; counted to slow down guessing."""

    __tablename__ = "link_attempt"
    __table_args__ = (Index("ix_link_attempt_user_time", "telegram_user_id", "created_at"),
                      # The global guess count and the purge (identity/personal_data.py).
                      Index("ix_link_attempt_created_at", "created_at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
