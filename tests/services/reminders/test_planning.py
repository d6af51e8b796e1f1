"""Planning reminders: who is behind, idempotent per week, sessions, working days."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from bot.clock import FixedClock
from bot.services.programs.enrollment import enroll
from bot.services.reminders.planning import (
    BehindRule,
    is_working_day,
    next_working_day,
    plan_behind,
    plan_sessions,
)
from models import Holiday, OutboxMessage, TelegramAccount
from models.db import Database
from models.enums import EmployeeType
from tests.units import in_unit
from tests.factories import WITA, link_account, make_employee, make_opd, make_program, make_record

TODAY = date(2026, 11, 30)  # a Monday; 20 JP * 334/365 = 18.3 expected


def rule(today: date = TODAY, tolerance: str = "2") -> BehindRule:
    return BehindRule(today, Decimal(20), Decimal(20), Decimal(tolerance), 1, 6)


async def _people(db: Database) -> dict[str, int]:
    """Andi 4 JP (behind), Besse 17 JP (within tolerance), Citra 25 JP (met), Dewi 0 JP
    but not linked, Eko 0 JP PPPK but blocked the bot, Fajar 0 JP but paused."""
    now = datetime(2026, 11, 30, 8, tzinfo=WITA)
    async with db.writing() as s:
        opd = await make_opd(s)
        ids = {}
        for n, (name, jp) in enumerate(
            (("Andi", "4"), ("Besse", "17"), ("Citra", "25"), ("Dewi", "0"), ("Eko", "0"),
             ("Fajar", "0"))
        ):
            employee = await make_employee(
                s, opd=opd, name=name, phone=None,
                employee_type=EmployeeType.PPPK if name == "Eko" else EmployeeType.PNS,
            )
            if jp != "0":
                await make_record(s, employee, jp, date(2026, 6, 1))
            await make_record(s, employee, "30", date(2025, 6, 1))  # last year: irrelevant
            if name != "Dewi":
                account = await link_account(s, employee, 7_300_000 + n)
                if name == "Eko":
                    account.blocked_at = now
                if name == "Fajar":
                    account.behind_paused_until = now + timedelta(days=30)
            ids[name] = employee.id
    return ids


async def _queued(db: Database) -> list[tuple[int | None, str, str]]:
    async with db.writing() as s:
        rows = (await s.scalars(select(OutboxMessage).order_by(OutboxMessage.id))).all()
        return [(r.employee_id, r.kind, r.dedupe_key) for r in rows]


async def test_only_those_behind_and_reachable_are_planned_once_a_week(db: Database) -> None:
    ids = await _people(db)
    now = datetime(2026, 11, 30, 8, tzinfo=WITA)
    async with db.writing() as s:
        assert await plan_behind(s, rule(), now) == 1
    async with db.writing() as s:
        assert await plan_behind(s, rule(), now + timedelta(hours=3)) == 0  # same week
    queued = await _queued(db)
    assert [(e, k) for e, k, _ in queued] == [(ids["Andi"], "last_chance")]  # 31 days left
    assert queued[0][2] == f"last_chance:{ids['Andi']}:2026-W49"

    # Next week a new one; with a bigger tolerance Besse stays quiet, then not.
    async with db.writing() as s:
        assert await plan_behind(s, rule(TODAY + timedelta(days=7)), now + timedelta(days=7)) == 1
    async with db.writing() as s:
        assert await plan_behind(s, rule(TODAY + timedelta(days=7), "0"), now) == 1  # Besse


async def test_early_year_reminder_is_not_last_chance_and_pause_expires(db: Database) -> None:
    ids = await _people(db)
    june = date(2026, 6, 15)  # 166 days: 9.1 JP expected, minus 2 of tolerance
    async with db.writing() as s:
        await plan_behind(s, rule(june), datetime(2026, 6, 15, 8, tzinfo=WITA))
    kinds = {k for _, k, _ in await _queued(db)}
    assert kinds == {"behind"}
    async with db.writing() as s:
        account = await s.scalar(select(TelegramAccount).where(TelegramAccount.employee_id == ids["Fajar"]))
        assert account is not None
        account.behind_paused_until = datetime(2026, 6, 1, tzinfo=WITA)  # over
        await plan_behind(s, rule(june), datetime(2026, 6, 15, 9, tzinfo=WITA))
    assert ids["Fajar"] in {e for e, _, _ in await _queued(db)}


async def test_session_reminders(db: Database, clock: FixedClock) -> None:
    async with db.writing() as s:
        opd = await make_opd(s)
        andi = await make_employee(s, opd=opd, name="Andi", phone=None)
        budi = await make_employee(s, opd=opd, name="Budi", phone=None)
        await link_account(s, andi, 7_400_001)
        budi_account = await link_account(s, budi, 7_400_002)
        budi_account.session_reminders = False
        program = await make_program(s, start=datetime(2026, 12, 7, 8, tzinfo=WITA), days=2)
    for person in (andi.id, budi.id):
        await in_unit(db, enroll, person, program.id, clock.now())
    now = datetime(2026, 12, 6, 16, tzinfo=WITA)
    async with db.writing() as s:
        assert await plan_sessions(s, "session_eve", date(2026, 12, 7), WITA, now) == 1
        assert await plan_sessions(s, "session_eve", date(2026, 12, 7), WITA, now) == 0
        assert await plan_sessions(s, "session_morning", date(2026, 12, 8), WITA, now) == 1
        assert await plan_sessions(s, "session_morning", date(2026, 12, 9), WITA, now) == 0
    async with db.writing() as s:
        payloads = [r.payload for r in (await s.scalars(select(OutboxMessage))).all()]
    assert all(isinstance(p, dict) and "session_id" in p for p in payloads)


async def test_working_days(db: Database) -> None:
    async with db.writing() as s:
        s.add(Holiday(day=date(2026, 12, 24), name="Cuti bersama Natal"))
        s.add(Holiday(day=date(2026, 12, 25), name="Hari Raya Natal"))
    async with db.writing() as s:
        assert await is_working_day(s, date(2026, 12, 23))
        assert not await is_working_day(s, date(2026, 12, 26))  # Saturday
        assert await next_working_day(s, date(2026, 12, 24)) == date(2026, 12, 28)
