"""Working days: national holidays and collective leave (cuti bersama), and job runs."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime


class Holiday(Base):
    __tablename__ = "holiday"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class JobRun(Base):
    """When each scheduled job last completed a run, so a restart catches up once."""

    __tablename__ = "job_run"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_run_at: Mapped[datetime] = mapped_column(UtcDateTime)
    runs: Mapped[int] = mapped_column(Integer, default=0)
