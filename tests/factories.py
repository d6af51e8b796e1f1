"""Factories for roster and ledger rows, so tests state only what matters to them."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timezone
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.nip import compose_nip
from models import Employee, JpRecord, Opd
from models.enums import EmployeeType, JpCategory, JpSource, JpStatus

_seq = itertools.count(1)
NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


async def make_opd(session: AsyncSession, name: str | None = None) -> Opd:
    n = next(_seq)
    opd = Opd(name=name or f"Dinas Uji {n}", code=f"D{n:04d}")
    session.add(opd)
    await session.flush()
    return opd


async def make_employee(
    session: AsyncSession,
    *,
    opd: Opd | None = None,
    name: str = "Andi Makkawaru",
    phone: str | None = "+6281234567890",
    employee_type: str = EmployeeType.PNS,
    nip: str | None = None,
) -> Employee:
    opd = opd or await make_opd(session)
    n = next(_seq)
    employee = Employee(
        nip=nip or compose_nip(date(1985, 3, 14), 2010, 3, 1, n % 1000),
        name=name,
        employee_type=employee_type,
        opd_id=opd.id,
        unit="Bidang Uji",
        position="Analis",
        phone=phone,
        is_active=True,
        created_at=NOW,
        updated_at=NOW,
    )
    session.add(employee)
    await session.flush()
    return employee


async def make_record(
    session: AsyncSession,
    employee: Employee,
    jp: str | Decimal,
    end: date,
    *,
    status: str = JpStatus.APPROVED,
    category: str = JpCategory.TEKNIS,
    source: str = JpSource.IMPORT,
    title: str = "Bimtek Pengelolaan Keuangan Daerah",
) -> JpRecord:
    record = JpRecord(
        employee_id=employee.id,
        title=title,
        category=category,
        source=source,
        status=status,
        jp=Decimal(jp),
        start_date=end,
        end_date=end,
        created_at=NOW,
    )
    session.add(record)
    await session.flush()
    return record
