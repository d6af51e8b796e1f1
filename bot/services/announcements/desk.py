"""What an admin does with announcements, each step checked against the caller's rights.

Every function takes the caller's Telegram user id and reads their role and OPD in the
caller's transaction (`require_admin`, cached per session): an OPD admin's audience is
always narrowed to their own OPD, only superadmins pick OPDs, and an announcement is
managed only by an admin whose scope covers it. The mechanics (audiences, outbox rows,
progress, stop and retry) are in lifecycle.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.announcements import lifecycle as ann
from bot.services.announcements.lifecycle import (
    MAX_OPDS,
    Audience,
    AudienceCount,
    AudienceKind,
    Content,
    UnlinkedPerson,
)
from bot.services.identity.roles import AdminScope, Denial, NotAllowed, require_admin, require_superadmin
from bot.services.reminders.planning import BehindRule
from bot.services.spreadsheets.writer import Column, single_sheet
from models import Announcement, Opd, Program
from models.enums import ProgramStatus

# How far ahead an announcement may be scheduled.
MAX_SCHEDULE_AHEAD = timedelta(days=60)
# A schedule must leave the admin a moment to change their mind.
MIN_SCHEDULE_AHEAD = timedelta(minutes=1)
PAGE = 8


async def composer(session: AsyncSession, caller: int) -> AdminScope:
    """Who may compose: any admin (NotAllowed otherwise)."""
    return await require_admin(session, caller)


class ScheduleProblem(StrEnum):
    PAST = "past"
    TOO_FAR = "too_far"


def schedule_problem(moment: datetime, now: datetime) -> ScheduleProblem | None:
    if moment <= now + MIN_SCHEDULE_AHEAD:
        return ScheduleProblem.PAST
    if moment > now + MAX_SCHEDULE_AHEAD:
        return ScheduleProblem.TOO_FAR
    return None


@dataclass(frozen=True, slots=True)
class Page:
    items: list[tuple[int, str]]  # (id, label)
    page: int
    pages: int


async def opd_page(session: AsyncSession, caller: int, page: int) -> Page:
    """The OPDs to choose from (superadmins only), a page of them."""
    await require_superadmin(session, caller)
    opds = await ann.opd_choices(session)
    pages = max(1, -(-len(opds) // PAGE))
    page = min(max(page, 0), pages - 1)
    return Page(opds[page * PAGE:(page + 1) * PAGE], page, pages)


class Toggle(StrEnum):
    DONE = "done"
    UNKNOWN_OPD = "unknown_opd"
    TOO_MANY = "too_many"


async def toggle_opd(
    session: AsyncSession, caller: int, chosen: list[int], opd_id: int
) -> tuple[Toggle, list[int]]:
    """Choose or unchoose an OPD (superadmins only); at most MAX_OPDS."""
    await require_superadmin(session, caller)
    if await session.get(Opd, opd_id) is None:
        return Toggle.UNKNOWN_OPD, chosen
    if opd_id in chosen:
        return Toggle.DONE, [i for i in chosen if i != opd_id]
    if len(chosen) >= MAX_OPDS:
        return Toggle.TOO_MANY, chosen
    return Toggle.DONE, [*chosen, opd_id]


async def program_page(session: AsyncSession, caller: int, page: int) -> Page:
    """Programs whose participants may be told (published or finished), newest first:
    (id, "code · title") of one page, and the page count."""
    await require_admin(session, caller)
    pages = max(1, -(-await ann.program_choice_count(session) // PAGE))
    page = min(max(page, 0), pages - 1)
    rows = await ann.program_choices(session, page * PAGE, PAGE)
    return Page([(i, f"{code} · {title}") for i, code, title in rows], page, pages)


async def program_audience(session: AsyncSession, caller: int, program_id: int) -> Audience | None:
    """The participants of a program as an audience; None for a program one cannot tell."""
    await require_admin(session, caller)
    program = await session.get(Program, program_id)
    if program is None or program.status not in (ProgramStatus.PUBLISHED, ProgramStatus.COMPLETED):
        return None
    return Audience(AudienceKind.PROGRAM, program_id=program.id)


@dataclass(frozen=True, slots=True)
class Described:
    """What the preview says of an audience (names, not ids)."""

    kind: AudienceKind
    opd_names: list[str]
    program: str | None
    position_type: str | None
    within_opd: str | None  # the OPD an OPD admin's audience is narrowed to


async def describe(session: AsyncSession, caller: int, audience: Audience) -> Described:
    scope = await require_admin(session, caller)
    names = await ann.opd_names(session, audience.opd_ids) if audience.kind == AudienceKind.OPD else []
    program = None
    if audience.kind == AudienceKind.PROGRAM and audience.program_id is not None:
        found = await session.get(Program, audience.program_id)
        program = f"{found.code} · {found.title}" if found else "?"
    within = None
    if scope.opd_id is not None:
        within = scope.opd_name or await session.scalar(select(Opd.name).where(Opd.id == scope.opd_id))
    return Described(audience.kind, names, program, audience.position_type, within)


def _narrowed(scope: AdminScope, audience: Audience) -> int | None:
    """The OPD the audience is narrowed to; NotAllowed for an OPD admin picking OPDs."""
    if audience.kind == AudienceKind.OPD and not scope.superadmin:
        raise NotAllowed(Denial.NOT_SUPERADMIN)
    return scope.opd_id


async def preview(session: AsyncSession, caller: int, audience: Audience, rule: BehindRule) -> AudienceCount:
    """How many would get it (linked) and how many of the audience have not linked."""
    scope = await require_admin(session, caller)
    return await ann.count_audience(session, audience, _narrowed(scope, audience), rule)


async def send(
    session: AsyncSession, caller: int, *, admin_chat_id: int, content: Content,
    audience: Audience, send_at: datetime, now: datetime, rule: BehindRule,
) -> Announcement:
    """Create the announcement and its outbox rows (due at `send_at`), audited."""
    scope = await require_admin(session, caller)
    return await ann.create(
        session, actor=f"tg:{caller}", admin_chat_id=admin_chat_id, content=content,
        audience=audience, scope_opd_id=_narrowed(scope, audience), send_at=send_at, now=now,
        rule=rule,
    )


class Managed(StrEnum):
    STOPPED = "stopped"
    ALREADY_OVER = "already_over"
    RETRYING = "retrying"
    NOTHING_TO_RETRY = "nothing_to_retry"


@dataclass(frozen=True, slots=True)
class ManageResult:
    outcome: Managed
    count: int = 0  # copies not sent (stop) or queued again (retry)


async def _managed(session: AsyncSession, caller: int, announcement_id: int) -> Announcement:
    scope = await require_admin(session, caller)
    item = await session.get(Announcement, announcement_id)
    if item is None or not ann.may_manage(item, scope.opd_id):
        raise NotAllowed(Denial.OUT_OF_SCOPE)
    return item


async def stop(session: AsyncSession, caller: int, announcement_id: int, now: datetime) -> ManageResult:
    item = await _managed(session, caller, announcement_id)
    skipped = await ann.cancel(session, item, f"tg:{caller}", now)
    if skipped is None:
        return ManageResult(Managed.ALREADY_OVER)
    return ManageResult(Managed.STOPPED, skipped)


async def retry(session: AsyncSession, caller: int, announcement_id: int, now: datetime) -> ManageResult:
    item = await _managed(session, caller, announcement_id)
    again = await ann.retry_failed(session, item, f"tg:{caller}", now)
    return ManageResult(Managed.RETRYING if again else Managed.NOTHING_TO_RETRY, again)


async def unlinked(
    session: AsyncSession, caller: int, audience: Audience, rule: BehindRule
) -> list[UnlinkedPerson]:
    """Who of the audience has not linked Telegram (within the caller's OPD)."""
    scope = await require_admin(session, caller)
    return await ann.unlinked_members(session, audience, _narrowed(scope, audience), rule)


async def unlinked_of(
    session: AsyncSession, caller: int, announcement_id: int, rule: BehindRule
) -> list[UnlinkedPerson]:
    """Who of a sent announcement's audience has not linked Telegram."""
    item = await _managed(session, caller, announcement_id)
    return await ann.unlinked_members(session, Audience.from_json(item.audience), item.scope_opd_id, rule)


def unlinked_workbook(people: list[UnlinkedPerson], sheet: str, labels: tuple[str, str, str, str]) -> bytes:
    """The unlinked as XLSX for their OPDs (labels: NIP, name, OPD, unit, translated)."""
    nip, name, opd, unit = labels
    data, _ = single_sheet(
        sheet, [Column(nip, 21, text=True), Column(name, 32), Column(opd, 40), Column(unit, 32)],
        ([p.nip, p.name, p.opd, p.unit] for p in people),
    )
    return data
