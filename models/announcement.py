"""Announcements: one message from an admin to a chosen audience, sent through the outbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime


class Announcement(Base):
    __tablename__ = "announcement"
    __table_args__ = (Index("ix_announcement_status", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Who wrote it ("tg:<id>"), and where their live status message lives.
    actor: Mapped[str] = mapped_column(String(40))
    admin_chat_id: Mapped[int] = mapped_column(BigInteger)
    status_message_id: Mapped[int | None] = mapped_column(Integer)
    # What: text with its Telegram entities kept, and optionally one photo or document.
    text: Mapped[str] = mapped_column(Text)
    entities: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    media_kind: Mapped[str | None] = mapped_column(String(10))  # "photo" | "document"
    media_file_id: Mapped[str | None] = mapped_column(String(200))
    # To whom: {"kind": "all" | "opd" | "behind" | "program" | "position", ...}; for an
    # OPD admin always narrowed to their OPD.
    audience: Mapped[dict[str, Any]] = mapped_column(JSON)
    scope_opd_id: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12))  # scheduled | sending | done | cancelled
    recipients: Mapped[int] = mapped_column(Integer, default=0)
    unlinked: Mapped[int] = mapped_column(Integer, default=0)
    send_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
