"""Reaching employees about their learning needs, through the outbox (set-based SQL,
one dedupe key per person and period, so a planner run twice queues nothing new):

- the invitation when a JP year's planning window opens (`needs_invite:{employee}:{year}`);
- one reminder two weeks before it closes, to those who declared nothing yet
  (`needs_reminder:{employee}:{year}`);
- when a program carrying a competency is published, a notice to the eligible employees
  who declared that need this JP year (`needs_program:{program}:{employee}`), queued in
  the publishing transaction, so before any announcement an admin writes afterwards.

Everyone linked, in service and not blocked is reached (the invitation and reminder
also skip those pausing reminders in /pengaturan); quiet hours hold the messages until the morning (the sender), and the planner
moves a window's dates that fall on a weekend or holiday to the next working day.
Whether a message still makes sense is checked again when it is sent
(bot/services/outbox/content.py): no invitation after the window closed, no reminder to
someone who has answered since, no program notice once registration is over.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Integer, String, and_, cast, exists, literal, not_, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.ledger.period import period_for
from bot.services.needs.window import Window
from bot.services.outbox.queue import Notice
from models import (
    Employee,
    LearningNeed,
    OutboxMessage,
    Program,
    ProgramCompetency,
    ProgramOpd,
    ProgramPositionType,
    TelegramAccount,
)
from models.base import UtcDateTime
from models.enums import OutboxStatus

_COLUMNS = ["dedupe_key", "employee_id", "chat_id", "kind", "payload", "status", "attempts",
            "due_at", "created_at"]


def _insert(session: AsyncSession):  # type: ignore[no-untyped-def]
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


def _reachable(now: datetime, *, reminder: bool = True) -> list:  # type: ignore[type-arg]
    """In service and not blocked; for reminders also not pausing them (/pengaturan)."""
    conditions = [Employee.is_active.is_(True), TelegramAccount.blocked_at.is_(None)]
    if reminder:
        conditions.append(or_(TelegramAccount.behind_paused_until.is_(None),
                              TelegramAccount.behind_paused_until <= now))
    return conditions


async def _queue(session: AsyncSession, audience: object) -> int:
    statement = (
        _insert(session)(OutboxMessage)
        .from_select(_COLUMNS, audience)
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
    )
    result = await session.execute(statement)
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def _row(kind: Notice, key_prefix: str, key_suffix: str, payload: dict[str, object],
         now: datetime) -> object:
    key = literal(key_prefix) + cast(Employee.id, String) + literal(key_suffix)
    return select(
        key, Employee.id, TelegramAccount.telegram_user_id, literal(str(kind)),
        literal(payload, JSON), literal(OutboxStatus.PENDING.value), literal(0, Integer),
        literal(now, UtcDateTime()), literal(now, UtcDateTime()),
    ).join(TelegramAccount, TelegramAccount.employee_id == Employee.id)


async def plan_invitations(session: AsyncSession, window: Window, now: datetime) -> int:
    """The window is open: one invitation to everyone reachable (once per JP year)."""
    payload = {"year": window.year, "closes": window.closes_on.isoformat()}
    audience = _row(Notice.NEEDS_INVITE, f"{Notice.NEEDS_INVITE}:", f":{window.year}",
                    payload, now).where(*_reachable(now))
    return await _queue(session, audience)


async def plan_reminders(session: AsyncSession, window: Window, now: datetime) -> int:
    """Two weeks before it closes: one reminder to whoever declared no need this year."""
    payload = {"year": window.year, "closes": window.closes_on.isoformat()}
    declared = exists().where(LearningNeed.employee_id == Employee.id,
                              LearningNeed.year == window.year)
    audience = _row(Notice.NEEDS_REMINDER, f"{Notice.NEEDS_REMINDER}:", f":{window.year}",
                    payload, now).where(*_reachable(now), not_(declared))
    return await _queue(session, audience)


async def notify_matching_needs(session: AsyncSession, program: Program, now: datetime,
                                year_start_month: int) -> int:
    """A program was just published: tell the eligible employees (its OPDs and position
    types) who declared one of its competencies as a need this JP year (the year of the
    publishing); once each."""
    year = period_for(now.date(), year_start_month).label
    matching = exists().where(
        LearningNeed.employee_id == Employee.id,
        LearningNeed.year == year,
        ProgramCompetency.competency_id == LearningNeed.competency_id,
        ProgramCompetency.program_id == program.id,
    )
    opd_rows = ProgramOpd.program_id == program.id
    type_rows = ProgramPositionType.program_id == program.id
    eligible = and_(
        or_(not_(exists().where(opd_rows)),
            exists().where(opd_rows, ProgramOpd.opd_id == Employee.opd_id)),
        or_(not_(exists().where(type_rows)),
            exists().where(type_rows, ProgramPositionType.position_type == Employee.position_type)),
    )
    payload = {"program_id": program.id, "year": year}
    audience = _row(Notice.NEEDS_PROGRAM, f"{Notice.NEEDS_PROGRAM}:{program.id}:", "",
                    payload, now).where(*_reachable(now, reminder=False), matching, eligible)
    return await _queue(session, audience)
