"""What a queued message says, read when it is sent (not when it was queued).

The outbox row holds only what cannot change (a title, the JP credited, a reason); the
rest is read at sending time, so a reminder never tells someone they are behind after
they caught up, and a credited notice shows the balance of that moment. `load` returns
the facts as plain data (or None when the message is no longer needed); the wording
lives in bot/presentation/notices.py, used by the sender alike for every kind.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from functools import partial
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.certificate_secret import certificate_key
from bot.i18n import fmt_date, fmt_jp, t
from bot.services.certificates.document import certificate_pdf
from bot.services.certificates.issuing import certificate_facts
from bot.services.evaluation.answers import already_evaluated

from bot.services.announcements.lifecycle import KIND as ANNOUNCEMENT
from bot.services.announcements.lifecycle import AnnouncementStatus
from bot.services.identity.roles import roles_of
from bot.services.ledger.balance import Balance, Standing, get_balance
from bot.services.ledger.period import period_for
from bot.services.menus import Menu, menu_from, menu_of
from bot.services.outbox.delivery import Claimed
from bot.services.outbox.queue import Notice
from bot.services.programs.catalogue import ProgramSummary, suggestions_for
from bot.services.reminders.planning import BEHIND, LAST_CHANCE, SESSION_EVE, SESSION_MORNING
from bot.settings import Settings
from models import (
    Announcement,
    Competency,
    Employee,
    Enrollment,
    JpClaim,
    JpRecord,
    LearningNeed,
    OutboxMessage,
    Program,
    ProgramCompetency,
    ProgramSession,
    TelegramAccount,
)
from models.enums import AdminRoleKind, EnrollmentStatus, ProgramStatus


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
class MenuNews:
    """A role granted or revoked, or the menu changed with the roster: what happened (the
    row), and the person's menu now (read when sent), which the message carries."""

    kind: str  # Notice.ROLE_GRANTED | KEPALA_GRANTED | ROLE_REVOKED | MENU_CHANGED
    menu: Menu
    linked: bool  # False: an account not linked (yet), whose keyboard is share-contact
    before: Menu | None = None  # the menu before the change (None: an older row)
    role: str | None = None  # AdminRoleKind of a granted or revoked role
    opd: str | None = None


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


@dataclass(frozen=True, slots=True)
class NeedsCall:
    """The planning window of learning needs: it opened, or closes in two weeks."""

    reminder: bool
    year: int
    closes_on: date


@dataclass(frozen=True, slots=True)
class NeedMatch:
    """A program just published carries a competency the employee said they need."""

    program: ProgramSummary
    competencies: list[str]


@dataclass(frozen=True, slots=True)
class EvaluationAsk:
    """The evaluation's first question (or its one reminder), while still unanswered."""

    enrollment_id: int
    title: str
    reminder: bool


@dataclass(frozen=True, slots=True)
class CertificateCopy:
    """A certificate's PDF, made when sent (in a worker thread); never a revoked one."""

    number: str
    title: str
    pdf: bytes


Content = (ProgramNews | Credited | MenuNews | ClaimDecided | BehindReminder
           | SessionReminder | AnnouncementCopy | NeedsCall | NeedMatch | EvaluationAsk
           | CertificateCopy | SupervisorNudge | MonthlyDigest)


# Kinds whose row holds all they say: no database read when they are sent.
PAYLOAD_ONLY = frozenset({Notice.SEAT_GRANTED, Notice.PROGRAM_CANCELLED,
                          Notice.CLAIM_REJECTED, Notice.MONTHLY_DIGEST})
MENU_NEWS = frozenset({Notice.ROLE_GRANTED, Notice.KEPALA_GRANTED, Notice.ROLE_REVOKED,
                       Notice.MENU_CHANGED})


def from_payload(message: Claimed) -> Content:
    """The facts of a PAYLOAD_ONLY message, from its row alone."""
    kind, p = message.kind, message.payload
    if kind in (Notice.SEAT_GRANTED, Notice.PROGRAM_CANCELLED):
        return ProgramNews(kind, p["title"], datetime.fromisoformat(p["starts_at"]))
    if kind == Notice.CLAIM_REJECTED:
        return ClaimDecided(p["title"], rejected=True, reason=p["reason"])
    if kind == Notice.MONTHLY_DIGEST:
        return MonthlyDigest(dict(p))
    raise ValueError(f"{kind} needs the database")


async def load(
    session: AsyncSession, message: Claimed, settings: Settings, today: date, now: datetime
) -> Content | None:
    """The facts of `message` now; None when it is no longer needed (then it is skipped)."""
    kind, p = message.kind, message.payload
    if kind in PAYLOAD_ONLY:
        return from_payload(message)
    if kind in MENU_NEWS:
        return await _menu_news(session, message)
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
    if kind in (Notice.NEEDS_INVITE, Notice.NEEDS_REMINDER):
        return await _needs_call(session, message, today)
    if kind == Notice.NEEDS_PROGRAM:
        return await _need_match(session, message, now)
    if kind in (Notice.EVALUATION_INVITE, Notice.EVALUATION_REMINDER):
        return await _evaluation(session, message)
    if kind == Notice.CERTIFICATE_ISSUED:
        return await certificate_copy(session, int(p["certificate_id"]), settings,
                                      message.language)
    if kind == Notice.SUPERVISOR_NUDGE:
        return await _nudge(session, message, settings, today, now)
    raise ValueError(f"unknown outbox kind {kind}")


async def _menu_news(session: AsyncSession, message: Claimed) -> MenuNews | None:
    """The menu now; None when the change was undone since it was queued (a role granted
    and revoked before the first notice went out: the second one tells)."""
    kind, p = message.kind, message.payload
    # Rows queued before menus were told hold only the OPD's name.
    role = p.get("role") or (AdminRoleKind.KEPALA_OPD.value if kind == Notice.KEPALA_GRANTED
                             else AdminRoleKind.OPD_ADMIN.value)
    employee_id = await session.scalar(
        select(TelegramAccount.employee_id).where(TelegramAccount.telegram_user_id == message.chat_id))
    menu = await menu_of(session, message.chat_id, employee_id)
    before = menu_from(p.get("before"))
    if kind == Notice.MENU_CHANGED:
        if before is None or before.shown == menu.shown:
            return None
    elif "opd_id" in p:
        held = any(r.role == role and r.opd_id == p["opd_id"]
                   for r in await roles_of(session, message.chat_id, acting=True))
        if held != (kind != Notice.ROLE_REVOKED):
            return None
    return MenuNews(kind, menu, employee_id is not None, before, role, p.get("opd"))


async def _needs_call(session: AsyncSession, message: Claimed, today: date) -> NeedsCall | None:
    year, closes_on = int(message.payload["year"]), date.fromisoformat(message.payload["closes"])
    if today > closes_on:
        return None  # planned late (the bot was down): the window has closed
    reminder = message.kind == Notice.NEEDS_REMINDER
    if reminder:
        answered = await session.scalar(
            select(LearningNeed.id)
            .join(OutboxMessage, OutboxMessage.employee_id == LearningNeed.employee_id)
            .where(OutboxMessage.id == message.id, LearningNeed.year == year)
            .limit(1)
        )
        if answered is not None:
            return None  # declared since the plan was made
    return NeedsCall(reminder, year, closes_on)


async def _need_match(session: AsyncSession, message: Claimed, now: datetime) -> NeedMatch | None:
    p = message.payload
    program = await session.get(Program, int(p["program_id"]))
    if (program is None or program.status != ProgramStatus.PUBLISHED
            or program.registration_closes_at <= now or program.starts_at <= now):
        return None  # cancelled or closed since: nothing to act on any more
    names = list(await session.scalars(
        select(Competency.name)
        .join(ProgramCompetency, ProgramCompetency.competency_id == Competency.id)
        .join(LearningNeed, LearningNeed.competency_id == Competency.id)
        .join(OutboxMessage, OutboxMessage.employee_id == LearningNeed.employee_id)
        .where(ProgramCompetency.program_id == program.id, OutboxMessage.id == message.id,
               LearningNeed.year == int(p["year"]))
        .order_by(LearningNeed.priority)
    ))
    if not names:
        return None  # the need was withdrawn since
    summary = ProgramSummary(program.id, program.title, program.category, program.jp,
                             program.starts_at, max(program.quota - program.seats_taken, 0),
                             matches_need=True)
    return NeedMatch(summary, names)


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


async def _evaluation(session: AsyncSession, message: Claimed) -> EvaluationAsk | None:
    enrollment_id = int(message.payload["enrollment_id"])
    status = await session.scalar(select(Enrollment.status).where(Enrollment.id == enrollment_id))
    if status != EnrollmentStatus.COMPLETED or await already_evaluated(session, enrollment_id):
        return None  # answered since (the reminder is not needed), or completion undone
    return EvaluationAsk(enrollment_id, message.payload["title"],
                         message.kind == Notice.EVALUATION_REMINDER)


async def certificate_copy(session: AsyncSession, certificate_id: int, settings: Settings,
                           language: str) -> CertificateCopy | None:
    """The certificate's PDF in `language`; None when it is unknown or revoked."""
    found = await certificate_facts(session, certificate_id, certificate_key(settings),
                                    settings.organisation_name, settings.bot_username or "",
                                    settings.tz)
    if found is None or found[1]:
        return None
    facts = found[0]
    pdf = await asyncio.to_thread(
        certificate_pdf, facts, partial(t, language), partial(fmt_date, language),
        partial(fmt_jp, language),
    )
    return CertificateCopy(facts.number, facts.program, pdf)
