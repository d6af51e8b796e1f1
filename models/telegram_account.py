"""Telegram users known to the bot, their link to an employee and their preferences."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, true
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime


class TelegramAccount(Base):
    __tablename__ = "telegram_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    # Unique: one Telegram account per employee, one employee per account.
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"), unique=True)
    language: Mapped[str] = mapped_column(String(5), default="id")
    linked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Set when Telegram answered "bot was blocked by the user"; cleared when they write again.
    blocked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Behind-target reminders are paused until then (far future = until changed).
    behind_paused_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    session_reminders: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # Leaders' monthly digest (heads of OPD, OPD admins, superadmins); off in /pengaturan.
    monthly_digest: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
