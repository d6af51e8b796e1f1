"""The outbox: one row per message that must reach a user, written with its cause."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime


class OutboxMessage(Base):
    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_status_due", "status", "due_at"),
        Index("ix_outbox_announcement_status", "announcement_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Unique: the same event never queues the same message twice.
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"), index=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    # What to say: a notification kind and its parameters, rendered in the reader's
    # language when sent (the language may change while the row waits).
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(12))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(String(200))
    # Set for the copies of an announcement: its delivery report counts these rows.
    announcement_id: Mapped[int | None] = mapped_column(ForeignKey("announcement.id"))
    # While `sending`: the sender process holding the row (OutboxSender.owner). A row
    # whose owner stopped beating its heart goes back to pending (see outbox_sender).
    lease_owner: Mapped[str | None] = mapped_column(String(80))


class OutboxSender(Base):
    """A process that sends the outbox, with its heartbeat: a lease on the rows it claimed.

    `owner` is "host:pid:start" (the process's start in clock ticks since boot), so a
    restarted process on the same host sees at once that an earlier owner is gone; any
    other process sees it when the heartbeat is older than the dead-owner limit.
    `rate` is the measured sending rate (messages/s) behind the admin's ETA."""

    __tablename__ = "outbox_sender"

    owner: Mapped[str] = mapped_column(String(80), primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    heartbeat_at: Mapped[datetime] = mapped_column(UtcDateTime)
    rate: Mapped[float] = mapped_column(Float, default=0.0)
