"""A guided flow in progress (reporting training, composing an announcement).

The state lives in the database, not in PTB's memory, so a restart in the middle of a
flow loses nothing. One flow per Telegram user at a time; a draft left alone expires.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime


class Dialog(Base):
    __tablename__ = "dialog"

    telegram_user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    flow: Mapped[str] = mapped_column(String(20))  # "claim", "announce", …
    step: Mapped[str] = mapped_column(String(30))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
