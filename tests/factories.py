"""Factories for roster and ledger rows, so tests state only what matters to them."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.identity.nip import compose_nip
from models import (
    AdminRole,
    Competency,
    Employee,
    JpRecord,
    Opd,
    Program,
    ProgramOpd,
    ProgramPositionType,
    ProgramSession,
    TelegramAccount,
)
from models.enums import AdminRoleKind, EmployeeType, JpCategory, JpSource, JpStatus, ProgramMethod, ProgramStatus

_seq = itertools.count(1)
NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
WITA = ZoneInfo("Asia/Makassar")
# The link-code secret of the test settings (LINK_CODE_SECRET), and the key it gives.
LINK_SECRET = "test-link-code-secret-0123456789abcdef"
LINK_KEY = LINK_SECRET.encode()
# The certificate secret of the test settings (CERTIFICATE_SECRET), and its key.
CERTIFICATE_SECRET = "test-certificate-secret-0123456789abcdef"
CERTIFICATE_KEY = CERTIFICATE_SECRET.encode()


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
    position_type: str | None = None,
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
        position_type=position_type,
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


async def make_program(
    session: AsyncSession,
    *,
    title: str = "Pelatihan Analisis Kebijakan",
    code: str | None = None,
    quota: int = 10,
    jp: str = "24",
    start: datetime = datetime(2026, 12, 7, 8, 0, tzinfo=WITA),
    days: int = 1,
    hours: int = 8,
    status: str = ProgramStatus.PUBLISHED,
    category: str = JpCategory.TEKNIS,
    opds: list[Opd] | None = None,
    position_types: list[str] | None = None,
    opens: datetime | None = None,
    closes: datetime | None = None,
) -> Program:
    """A program with `days` daily sessions of `hours` hours from `start` (WITA)."""
    n = next(_seq)
    sessions = [
        (start + timedelta(days=d), start + timedelta(days=d, hours=hours)) for d in range(days)
    ]
    program = Program(
        code=code or f"PRG-{n:04d}",
        title=title,
        description="Materi dan praktik.",
        category=category,
        method=ProgramMethod.KLASIKAL,
        jp=Decimal(jp),
        place="Kampus BPSDM, Makassar",
        online_url=None,
        organiser="BPSDM Provinsi Sulawesi Selatan",
        quota=quota,
        registration_opens_at=opens or datetime(2026, 11, 1, tzinfo=WITA),
        registration_closes_at=closes or start - timedelta(days=1),
        starts_at=sessions[0][0],
        ends_at=sessions[-1][1],
        status=status,
        seats_taken=0,
        queue_counter=0,
        created_at=NOW,
        updated_at=NOW,
    )
    session.add(program)
    await session.flush()
    session.add_all(
        ProgramSession(program_id=program.id, starts_at=s, ends_at=e) for s, e in sessions
    )
    session.add_all(ProgramOpd(program_id=program.id, opd_id=o.id) for o in opds or [])
    session.add_all(
        ProgramPositionType(program_id=program.id, position_type=p) for p in position_types or []
    )
    await session.flush()
    return program


async def link_account(
    session: AsyncSession, employee: Employee, telegram_user_id: int, language: str = "id"
) -> TelegramAccount:
    account = TelegramAccount(
        telegram_user_id=telegram_user_id,
        employee_id=employee.id,
        language=language,
        linked_at=NOW,
        created_at=NOW,
    )
    session.add(account)
    await session.flush()
    return account


async def make_admin(
    session: AsyncSession, telegram_user_id: int, opd: Opd | None = None,
    *, name: str = "Admin Uji", superadmin: bool | None = None,
) -> AdminRole:
    """An admin as production has them: an employee (of `opd`, or of a BPSDM OPD for a
    superadmin), their linked account, and the role bound to that employee. A
    superadmin unless `opd` is given (or `superadmin` says otherwise)."""
    superadmin = opd is None if superadmin is None else superadmin
    home = opd or await make_opd(session)
    employee = await make_employee(session, opd=home, name=name, phone=None)
    await link_account(session, employee, telegram_user_id)
    role = AdminRole(
        telegram_user_id=telegram_user_id,
        role=AdminRoleKind.SUPERADMIN if superadmin else AdminRoleKind.OPD_ADMIN,
        opd_id=None if superadmin else home.id,
        employee_id=employee.id,
        created_at=NOW,
    )
    session.add(role)
    await session.flush()
    return role


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    """A one-sheet workbook of these rows, as a user would upload it."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def make_competency(
    session: AsyncSession, code: str, name: str, kind: str = "teknis", *, retired: bool = False
) -> Competency:
    competency = Competency(code=code, name=name, kind=kind, description=None,
                            retired_at=NOW if retired else None, created_at=NOW, updated_at=NOW)
    session.add(competency)
    await session.flush()
    return competency
