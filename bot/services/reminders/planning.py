"""Planning reminders: who gets which nudge, written to the outbox in set-based SQL.

Each plan is one INSERT … SELECT with a dedupe key per person and period, so running
a planner twice in the same period queues nothing new, and a bot that was down simply
plans when it is back. Whether someone is still behind is checked again when the
message is sent (bot/sender.py): nobody who met the target in between gets one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import JSON, ColumnElement, Integer, String, case, cast, func, literal, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.ledger.period import expected_by, period_for
from bot.settings import Settings
from models.base import UtcDateTime
from models import (
    Employee,
    Enrollment,
    Holiday,
    JpRecord,
    OutboxMessage,
    Program,
    ProgramSession,
    TelegramAccount,
)
from models.enums import (
    EmployeeType,
    EnrollmentStatus,
    JpStatus,
    OutboxStatus,
    ProgramStatus,
)

BEHIND = "behind"
LAST_CHANCE = "last_chance"
SESSION_EVE = "session_eve"
SESSION_MORNING = "session_morning"


@dataclass(frozen=True, slots=True)
class BehindRule:
    today: date
    target_pns: Decimal
    target_pppk: Decimal
    tolerance: Decimal
    year_start_month: int
    last_chance_weeks: int

    @classmethod
    def from_settings(cls, settings: Settings, today: date) -> BehindRule:
        """The rule as configured, for `today`."""
        return cls(today, settings.jp_target_pns, settings.jp_target_pppk,
                   settings.behind_tolerance_jp, settings.jp_year_start_month,
                   settings.last_chance_weeks)


def _insert(session: AsyncSession):  # type: ignore[no-untyped-def]
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


async def is_working_day(session: AsyncSession, day: date) -> bool:
    if day.weekday() >= 5:
        return False
    return await session.get(Holiday, day) is None


async def next_working_day(session: AsyncSession, day: date) -> date:
    for _ in range(60):  # bounded: no calendar has two months of holidays in a row
        if await is_working_day(session, day):
            return day
        day += timedelta(days=1)
    return day


@dataclass(frozen=True, slots=True)
class BehindFilter:
    """Who is behind: join `approved` (approved JP per employee this period) on
    Employee.id, then `condition` holds for those below the pro-rated target."""

    approved: Any
    condition: ColumnElement[bool]


def behind_filter(rule: BehindRule) -> BehindFilter | None:
    """None early in the year, while nobody can be behind yet."""
    period = period_for(rule.today, rule.year_start_month)
    expected_pns = expected_by(rule.today, rule.target_pns, period) - rule.tolerance
    expected_pppk = expected_by(rule.today, rule.target_pppk, period) - rule.tolerance
    if expected_pns <= 0 and expected_pppk <= 0:
        return None
    approved = (
        select(JpRecord.employee_id, func.sum(JpRecord.jp).label("total"))
        .where(
            JpRecord.status == JpStatus.APPROVED,
            JpRecord.end_date >= period.start,
            JpRecord.end_date <= period.end,
        )
        .group_by(JpRecord.employee_id)
        .subquery()
    )
    expected = case(
        (Employee.employee_type == EmployeeType.PPPK, literal(expected_pppk)),
        else_=literal(expected_pns),
    )
    return BehindFilter(approved, func.coalesce(approved.c.total, 0) < expected)


async def plan_behind(session: AsyncSession, rule: BehindRule, now: datetime) -> int:
    """Queue this week's reminder for every linked, reachable, unpaused employee whose
    approved JP this period are below the pro-rated expectation minus the tolerance."""
    behind = behind_filter(rule)
    if behind is None:
        return 0
    period = period_for(rule.today, rule.year_start_month)
    iso_year, iso_week, _ = rule.today.isocalendar()
    last_chance = (period.end - rule.today).days < rule.last_chance_weeks * 7
    kind = LAST_CHANCE if last_chance else BEHIND
    key = (
        literal(f"{kind}:")
        + cast(Employee.id, String)
        + literal(f":{iso_year}-W{iso_week:02d}")
    )
    audience = (
        select(
            key,
            Employee.id,
            TelegramAccount.telegram_user_id,
            literal(kind),
            literal({"period": period.label}, JSON),
            literal(OutboxStatus.PENDING.value),
            literal(0, Integer),
            literal(now, UtcDateTime()),
            literal(now, UtcDateTime()),
        )
        .join(TelegramAccount, TelegramAccount.employee_id == Employee.id)
        .outerjoin(behind.approved, behind.approved.c.employee_id == Employee.id)
        .where(
            Employee.is_active.is_(True),
            TelegramAccount.blocked_at.is_(None),
            or_(
                TelegramAccount.behind_paused_until.is_(None),
                TelegramAccount.behind_paused_until <= now,
            ),
            behind.condition,
        )
    )
    statement = (
        _insert(session)(OutboxMessage)
        .from_select(
            ["dedupe_key", "employee_id", "chat_id", "kind", "payload", "status", "attempts",
             "due_at", "created_at"],
            audience,
        )
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
    )
    result = await session.execute(statement)
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def plan_sessions(
    session: AsyncSession, kind: str, day: date, tz: ZoneInfo, now: datetime
) -> int:
    """Queue a reminder for each enrolled participant of each session starting on `day`
    (local): `session_eve` the day before, `session_morning` on the day."""
    start = datetime.combine(day, time(), tz)
    end = start + timedelta(days=1)
    key = (
        literal(f"{kind}:")
        + cast(ProgramSession.id, String)
        + literal(":")
        + cast(Employee.id, String)
    )
    json_object = (
        func.json_build_object
        if session.get_bind().dialect.name == "postgresql"
        else func.json_object
    )
    payload = json_object("session_id", ProgramSession.id)
    audience = (
        select(
            key,
            Employee.id,
            TelegramAccount.telegram_user_id,
            literal(kind),
            payload,
            literal(OutboxStatus.PENDING.value),
            literal(0, Integer),
            literal(now, UtcDateTime()),
            literal(now, UtcDateTime()),
        )
        .select_from(ProgramSession)
        .join(Program, Program.id == ProgramSession.program_id)
        .join(Enrollment, Enrollment.program_id == Program.id)
        .join(Employee, Employee.id == Enrollment.employee_id)
        .join(TelegramAccount, TelegramAccount.employee_id == Employee.id)
        .where(
            ProgramSession.starts_at >= start,
            ProgramSession.starts_at < end,
            Program.status == ProgramStatus.PUBLISHED,
            Enrollment.status == EnrollmentStatus.ENROLLED,
            TelegramAccount.blocked_at.is_(None),
            TelegramAccount.session_reminders.is_(True),
            Employee.is_active.is_(True),
        )
    )
    statement = (
        _insert(session)(OutboxMessage)
        .from_select(
            ["dedupe_key", "employee_id", "chat_id", "kind", "payload", "status", "attempts",
             "due_at", "created_at"],
            audience,
        )
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
    )
    result = await session.execute(statement)
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
