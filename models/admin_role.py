"""Admin rights: BPSDM superadmins, and OPD admins scoped to one OPD.

A role is held by a Telegram account on behalf of one employee (`employee_id`, bound
when granted to a linked account or at the account's first link). It is in force only
while that account is linked to that employee, the employee is in service and, for an
OPD admin, still works in the role's OPD (bot/services/identity/roles.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime


class AdminRole(Base):
    __tablename__ = "admin_role"
    __table_args__ = (UniqueConstraint("telegram_user_id", "role", "opd_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    role: Mapped[str] = mapped_column(String(16))
    opd_id: Mapped[int | None] = mapped_column(ForeignKey("opd.id"))
    # The employee behind the admin: nobody decides a claim of the employee they act as.
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"), index=True)
    granted_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
