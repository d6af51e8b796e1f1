"""The roster: OPDs (perangkat daerah) and their employees."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UtcDateTime


class Opd(Base):
    __tablename__ = "opd"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    code: Mapped[str | None] = mapped_column(String(32), unique=True)


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nip: Mapped[str] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    employee_type: Mapped[str] = mapped_column(String(8))
    opd_id: Mapped[int] = mapped_column(ForeignKey("opd.id"), index=True)
    unit: Mapped[str | None] = mapped_column(String(200))
    position: Mapped[str | None] = mapped_column(String(200))
    # Jenis jabatan (PositionType), for programs meant for some position types only.
    position_type: Mapped[str | None] = mapped_column(String(16))
    # E.164, e.g. +6281234567890; only ever compared, never logged.
    phone: Mapped[str | None] = mapped_column(String(20), index=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The direct supervisor (atasan langsung), from the roster's nip_atasan column.
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)

    opd: Mapped[Opd] = relationship(lazy="raise")
