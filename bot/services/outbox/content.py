"""What a queued message says, read when it is sent (not when it was queued).

The outbox row holds only what cannot change (a title, the JP credited, a reason); the
rest is read at sending time, so a reminder never tells someone they are behind after
they caught up, and a credited notice shows the balance of that moment. `load` returns
the facts as plain data (or None when the message is no longer needed); the wording
lives in bot/presentation/notices.py, used by the sender alike for every kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.announcements.lifecycle import KIND as ANNOUNCEMENT
from bot.services.announcements.lifecycle import AnnouncementStatus
from bot.services.ledger.balance import Balance, Standing, get_balance
from bot.services.ledger.period import period_for
from bot.services.outbox.delivery import Claimed
from bot.services.outbox.queue import Notice
from bot.services.programs.catalogue import ProgramSummary, suggestions_for
from bot.services.reminders.planning import BEHIND, LAST_CHANCE, SESSION_EVE, SESSION_MORNING
from bot.settings import Settings
from models import (
    Announcement,
    Employee,
    Enrollment,
    JpClaim,
    JpRecord,
    OutboxMessage,
    Program,
    ProgramSession,
)
from models.enums import EnrollmentStatus, ProgramStatus


@dataclass(frozen=True, slots=True)
class ProgramNews:
    """A seat came free for the employee, or their program was cancelled."""

    kind: str  # Notice.SEAT_GRANTED | Notice.PROGRAM_CANCELLED
    title: str
    starts_at: datetime


@dataclass(frozen=True, slots=True)
class Credited:
    title: str
    jp: Decimal
    balance: Balance | None  # None when the employee is gone


@dataclass(frozen=True, slots=True)
class RoleGranted:
    opd: str


@dataclass(frozen=True, slots=True)
class KepalaGranted:
    opd: str


@dataclass(frozen=True, slots=True)
class ClaimDecided:
    title: str
    rejected: bool
    reason: str = ""
    jp: Decimal = Decimal(0)
    adjusted: bool = False
    year: int | None = None  # the JP year of the activity, and its balance
    balance: Balance | None = None


@dataclass(frozen=True, slots=True)
class BehindReminder:
    last_chance: bool
    name: str
    balance: Balance
    suggestions: list[ProgramSummary] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SupervisorNudge:
    """Ingatkan: the supervisor's name, the member's balance and programs to join."""

    supervisor: str
    balance: Balance
    suggestions: list[ProgramSummary] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class MonthlyDigest:
    """The leaders' digest: the figures as they stood when it was planned (the payload)."""

    facts: dict[str, Any]


@dataclass(frozen=True, slots=True)
class SessionReminder:
    morning: bool
    title: str
    starts_at: datetime
    place: str | None
    online_url: str | None


@dataclass(frozen=True, slots=True)
class AnnouncementCopy:
    announcement_id: int
    text: str
    entities: list[dict[str, Any]]
    media_kind: str | None
    media_file_id: str | None


Content = (ProgramNews | Credited | RoleGranted | ClaimDecided | BehindReminder
           | SessionReminder | AnnouncementCopy | SupervisorNudge | MonthlyDigest | KepalaGranted)


# Kinds whose row holds all they say: no database read when they are sent.
PAYLOAD_ONLY = frozenset({Notice.SEAT_GRANTED, Notice.PROGRAM_CANCELLED, Notice.ROLE_GRANTED,
                          Notice.CLAIM_REJECTED, Notice.MONTHLY_DIGEST, Notice.KEPALA_GRANTED})


def from_payload(message: Claimed) -> Content:
    """The facts of a PAYLOAD_ONLY message, from its row alone."""
    kind, p = message.kind, message.payload
    if kind in (Notice.SEAT_GRANTED, Notice.PROGRAM_CANCELLED):
        return ProgramNews(kind, p["title"], datetime.fromisoformat(p["starts_at"]))
    if kind == Notice.ROLE_GRANTED:
        return RoleGranted(p["opd"])
    if kind == Notice.CLAIM_REJECTED:
        return ClaimDecided(p["title"], rejected=True, reason=p["reason"])
    if kind == Notice.MONTHLY_DIGEST:
        return MonthlyDigest(dict(p))
    if kind == Notice.KEPALA_GRANTED:
        return KepalaGranted(p["opd"])
    raise ValueError(f"{kind} needs the database")


async def load(
    session: AsyncSession, message: Claimed, settings: Settings, today: date, now: datetime
) -> Content | None:
    """The facts of `message` now; None when it is no longer needed (then it is skipped)."""
    kind, p = message.kind, message.payload
    if kind in PAYLOAD_ONLY:
        return from_payload(message)
    if kind == Notice.JP_CREDITED:
        return await _credited(session, message, settings, today)
    if kind == Notice.CLAIM_APPROVED:
        return await _claim_decided(session, message, settings, today)
    if kind in (BEHIND, LAST_CHANCE):
        return await _behind(session, message, settings, today, now)
    if kind in (SESSION_EVE, SESSION_MORNING):
        return await _session(session, message, now)
    if kind == ANNOUNCEMENT:
        return await announcement_copy(session, int(p["announcement_id"]))
    if kind == Notice.SUPERVISOR_NUDGE:
        return await _nudge(session, message, settings, today, now)
    raise ValueError(f"unknown outbox kind {kind}")


async def _employee(session: AsyncSession, message_id: int) -> Employee | None:
    employee_id = await session.scalar(
        select(OutboxMessage.employee_id).where(OutboxMessage.id == message_id)
    )
    return await session.get(Employee, employee_id) if employee_id else None


async def _balance_of(session: AsyncSession, employee: Employee, settings: Settings,
                      day: date) -> Balance:
    return await get_balance(session, employee.id, day, settings.jp_target(employee.employee_type),
                             settings.jp_year_start_month)


async def _credited(session: AsyncSession, message: Claimed, settings: Settings,
                    today: date) -> Credited:
    p = message.payload
    employee = await _employee(session, message.id)
    balance = await _balance_of(session, employee, settings, today) if employee else None
    return Credited(p["title"], Decimal(p["jp"]), balance)


async def _claim_decided(session: AsyncSession, message: Claimed, settings: Settings,
                         today: date) -> ClaimDecided:
    p = message.payload
    decided = ClaimDecided(p["title"], rejected=False, jp=Decimal(p["jp"]),
                           adjusted=bool(p.get("adjusted")))
    row = (
        await session.execute(
            select(JpRecord.end_date, Employee)
            .join(JpClaim, JpClaim.jp_record_id == JpRecord.id)
            .join(Employee, Employee.id == JpRecord.employee_id)
            .where(JpClaim.id == int(p["claim_id"]))
        )
    ).first()
    if row is None:
        return decided
    end, employee = row
    period = period_for(end, settings.jp_year_start_month)
    # An activity of a year that has ended since: that year's balance, as it closed.
    day = today if period.contains(today) else period.end
    balance = await _balance_of(session, employee, settings, day)
    return ClaimDecided(decided.title, False, jp=decided.jp, adjusted=decided.adjusted,
                        year=period.label, balance=balance)


async def _behind(session: AsyncSession, message: Claimed, settings: Settings, today: date,
                  now: datetime) -> BehindReminder | None:
    employee = await _employee(session, message.id)
    if employee is None or not employee.is_active:
        return None
    balance = await _balance_of(session, employee, settings, today)
    if balance.standing != Standing.BEHIND or balance.behind_by < settings.behind_tolerance_jp:
        return None  # caught up since the plan was made
    suggestions = await suggestions_for(session, employee.id, balance, now)
    return BehindReminder(message.kind == LAST_CHANCE, employee.name, balance, suggestions)


async def _nudge(session: AsyncSession, message: Claimed, settings: Settings, today: date,
                 now: datetime) -> SupervisorNudge | None:
    employee = await _employee(session, message.id)
    supervisor = await session.get(Employee, int(message.payload["supervisor_id"]))
    if employee is None or not employee.is_active or supervisor is None:
        return None
    balance = await _balance_of(session, employee, settings, today)
    if balance.standing != Standing.BEHIND:
        return None  # caught up since the supervisor pressed
    suggestions = await suggestions_for(session, employee.id, balance, now)
    return SupervisorNudge(supervisor.name, balance, suggestions)


async def _session(session: AsyncSession, message: Claimed, now: datetime) -> SessionReminder | None:
    row = (
        await session.execute(
            select(ProgramSession.starts_at, Program, Enrollment.status)
            .join(Program, Program.id == ProgramSession.program_id)
            .join(Enrollment, Enrollment.program_id == Program.id)
            .join(OutboxMessage, OutboxMessage.employee_id == Enrollment.employee_id)
            .where(
                ProgramSession.id == int(message.payload["session_id"]),
                OutboxMessage.id == message.id,
            )
        )
    ).first()
    if row is None:
        return None
    starts_at, program, status = row
    if program.status != ProgramStatus.PUBLISHED or status != EnrollmentStatus.ENROLLED:
        return None  # cancelled, or the participant left
    if starts_at <= now:
        return None  # planned late (the bot was down): a reminder after the start helps no one
    return SessionReminder(message.kind == SESSION_MORNING, program.title, starts_at,
                           program.place, program.online_url)


async def announcement_copy(session: AsyncSession, announcement_id: int) -> AnnouncementCopy | None:
    """What every recipient of the announcement gets; None once it was stopped."""
    item = await session.get(Announcement, announcement_id)
    if item is None or item.status == AnnouncementStatus.CANCELLED:
        return None
    return AnnouncementCopy(item.id, item.text, list(item.entities), item.media_kind,
                            item.media_file_id)
