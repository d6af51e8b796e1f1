"""Running a program: publish, close registration, cancel, participants and attendance.

Every function a Telegram admin reaches takes the caller and checks, in the caller's
transaction, that they are a superadmin (programs are BPSDM's)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.attendance.completion import complete_by_attendance
from bot.services.audit import record, telegram_actor
from bot.services.identity.roles import admin_scope, require_superadmin
from bot.services.needs.outreach import notify_matching_needs
from bot.services.imports.attendance import AttendanceReport, import_attendance
from bot.services.outbox.queue import Notice, notify_employee
from bot.services.programs.catalogue import ACTIVE_ENROLLMENT
from bot.services.programs.enrollment import complete_enrollment
from bot.services.spreadsheets.reader import Table
from bot.services.spreadsheets.writer import Column, Label, WorkbookWriter
from models import Employee, Enrollment, Opd, Program
from models.enums import EnrollmentStatus, ProgramStatus

ADMIN_PAGE_SIZE = 8
DEFAULT_TZ = ZoneInfo("Asia/Makassar")


class AdminAction(StrEnum):
    PUBLISH = "publish"
    CLOSE = "close"
    CANCEL = "cancel"
    FINISH = "finish"  # the program is over: it leaves the admin's active list


class ActionOutcome(StrEnum):
    DONE = "done"
    NOT_FOUND = "not_found"
    NOT_ALLOWED = "not_allowed"  # e.g. publishing a cancelled program


@dataclass(frozen=True, slots=True)
class ActionResult:
    outcome: ActionOutcome
    notified: int = 0
    # Finishing: participants completed by their check-ins, and those marked absent.
    completed: int = 0
    absent: int = 0


@dataclass(frozen=True, slots=True)
class AdminProgramLine:
    id: int
    code: str
    title: str
    status: str
    starts_at: datetime
    seats_taken: int
    quota: int
    waitlisted: int


@dataclass(frozen=True, slots=True)
class Participant:
    enrollment_id: int
    nip: str
    name: str
    opd: str
    status: str
    queue_no: int


async def admin_programs(
    session: AsyncSession, caller: int, page: int = 0
) -> tuple[list[AdminProgramLine], int, int]:
    """Programs not yet over (drafts included), soonest first; (lines, page, pages).
    Superadmins only."""
    await require_superadmin(session, caller)
    active = Program.status.in_([ProgramStatus.DRAFT, ProgramStatus.PUBLISHED])
    total = await session.scalar(select(func.count()).select_from(Program).where(active)) or 0
    pages = max(1, -(-total // ADMIN_PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    waitlisted = (
        select(func.count())
        .where(
            Enrollment.program_id == Program.id,
            Enrollment.status == EnrollmentStatus.WAITLISTED,
        )
        .scalar_subquery()
    )
    rows = (
        await session.execute(
            select(
                Program.id, Program.code, Program.title, Program.status, Program.starts_at,
                Program.seats_taken, Program.quota, waitlisted,
            )
            .where(active)
            .order_by(Program.starts_at, Program.id)
            .offset(page * ADMIN_PAGE_SIZE)
            .limit(ADMIN_PAGE_SIZE)
        )
    ).all()
    return [AdminProgramLine(*row) for row in rows], page, pages


async def apply_action(
    session: AsyncSession, caller: int, program_id: int, action: AdminAction, now: datetime,
    year_start_month: int = 1, tz: ZoneInfo = DEFAULT_TZ,
) -> ActionResult:
    """Publish, close registration, cancel (everyone told) or finish (participants
    completed by minimum attendance, the others absent); superadmins only, audited. In
    the caller's write transaction, with the program row locked."""
    await require_superadmin(session, caller)
    result = await _apply_action(session, program_id, action, now, year_start_month, tz)
    if result.outcome == ActionOutcome.DONE:
        extra = ({"completed": result.completed, "absent": result.absent}
                 if action == AdminAction.FINISH else {})
        await record(session, telegram_actor(caller), f"program_{action.value}", now,
                     target=f"program:{program_id}", notified=result.notified, **extra)
    return result


async def _apply_action(
    session: AsyncSession, program_id: int, action: AdminAction, now: datetime,
    year_start_month: int, tz: ZoneInfo,
) -> ActionResult:
    program = await session.scalar(
        select(Program).where(Program.id == program_id).with_for_update()
    )
    if program is None:
        return ActionResult(ActionOutcome.NOT_FOUND)
    if action == AdminAction.PUBLISH:
        if program.status != ProgramStatus.DRAFT or program.starts_at <= now:
            return ActionResult(ActionOutcome.NOT_ALLOWED)
        program.status = ProgramStatus.PUBLISHED
        program.updated_at = now
        await session.flush()
        # Those who said they need what it teaches hear first (issue 14).
        told = await notify_matching_needs(session, program, now, year_start_month)
        return ActionResult(ActionOutcome.DONE, told)
    elif action == AdminAction.FINISH:
        if program.status != ProgramStatus.PUBLISHED or now < program.ends_at:
            return ActionResult(ActionOutcome.NOT_ALLOWED)
        program.status = ProgramStatus.COMPLETED
        program.updated_at = now
        done = await complete_by_attendance(session, program, now, tz)
        return ActionResult(ActionOutcome.DONE, completed=done.completed, absent=done.absent)
    elif action == AdminAction.CLOSE:
        if program.status != ProgramStatus.PUBLISHED or program.registration_closes_at <= now:
            return ActionResult(ActionOutcome.NOT_ALLOWED)
        program.registration_closes_at = now
    else:
        if program.status not in (ProgramStatus.DRAFT, ProgramStatus.PUBLISHED):
            return ActionResult(ActionOutcome.NOT_ALLOWED)
        program.updated_at = now
        program.status = ProgramStatus.CANCELLED
        notified = await _cancel_everyone(session, program, now)
        return ActionResult(ActionOutcome.DONE, notified)
    program.updated_at = now
    return ActionResult(ActionOutcome.DONE)


async def _cancel_everyone(session: AsyncSession, program: Program, now: datetime) -> int:
    enrollments = (
        await session.scalars(
            select(Enrollment).where(
                Enrollment.program_id == program.id, Enrollment.status.in_(ACTIVE_ENROLLMENT)
            )
        )
    ).all()
    notified = 0
    for enrollment in enrollments:
        enrollment.status = EnrollmentStatus.CANCELLED
        enrollment.updated_at = now
        notified += await notify_employee(
            session,
            enrollment.employee_id,
            Notice.PROGRAM_CANCELLED,
            {"program_id": program.id, "title": program.title,
             "starts_at": program.starts_at.isoformat()},
            f"cancelled:{program.id}:{enrollment.id}",
            now,
        )
    program.seats_taken = 0
    await session.flush()
    return notified


@dataclass(frozen=True, slots=True)
class ProgramOverview:
    """A program as its admin card shows it."""

    id: int
    code: str
    title: str
    status: str
    jp: Decimal
    starts_at: datetime
    ends_at: datetime
    registration_closes_at: datetime
    seats_taken: int
    quota: int
    counts: dict[str, int]  # participants by enrollment status
    min_attendance_pct: int = 100


async def program_overview(session: AsyncSession, caller: int, program_id: int) -> ProgramOverview | None:
    """One program for its admin card (superadmins only); None when there is none."""
    await require_superadmin(session, caller)
    program = await session.get(Program, program_id)
    if program is None:
        return None
    counts: dict[str, int] = {}
    for person in await participants(session, program_id):
        counts[person.status] = counts.get(person.status, 0) + 1
    return ProgramOverview(program.id, program.code, program.title, program.status, program.jp,
                           program.starts_at, program.ends_at, program.registration_closes_at,
                           program.seats_taken, program.quota, counts, program.min_attendance_pct)


async def participant_list(
    session: AsyncSession, caller: int, program_id: int, *, include_waitlist: bool = True
) -> tuple[Program, list[Participant]] | None:
    """A program and its participants (superadmins only: the list holds NIPs)."""
    await require_superadmin(session, caller)
    program = await session.get(Program, program_id)
    if program is None:
        return None
    return program, await participants(session, program_id, include_waitlist=include_waitlist)


async def participants(
    session: AsyncSession, program_id: int, *, include_waitlist: bool = True
) -> list[Participant]:
    statuses = [EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED, EnrollmentStatus.NO_SHOW]
    if include_waitlist:
        statuses.append(EnrollmentStatus.WAITLISTED)
    rows = (
        await session.execute(
            select(
                Enrollment.id, Employee.nip, Employee.name, Opd.name, Enrollment.status,
                Enrollment.queue_no,
            )
            .join(Employee, Employee.id == Enrollment.employee_id)
            .join(Opd, Opd.id == Employee.opd_id)
            .where(Enrollment.program_id == program_id, Enrollment.status.in_(statuses))
            .order_by(Enrollment.queue_no)
        )
    ).all()
    return [Participant(*row) for row in rows]


class MarkOutcome(StrEnum):
    COMPLETED = "completed"
    ALREADY = "already"
    NO_SHOW = "no_show"
    NOT_FOUND = "not_found"
    TOO_EARLY = "too_early"  # the program has not started


@dataclass(frozen=True, slots=True)
class MarkResult:
    outcome: MarkOutcome
    program_id: int | None = None


async def mark_attendance(
    session: AsyncSession, caller: int, enrollment_id: int, attended: bool, now: datetime,
    tz: ZoneInfo,
) -> MarkResult:
    """Completed (JP credited once) or no-show, for one participant of a started program;
    superadmins only, audited."""
    await require_superadmin(session, caller)
    actor = telegram_actor(caller)
    # Locked: of two presses at once (PostgreSQL), the second waits and sees the first.
    enrollment = await session.scalar(
        select(Enrollment).where(Enrollment.id == enrollment_id).with_for_update()
    )
    if enrollment is None or enrollment.status not in (
        EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED, EnrollmentStatus.NO_SHOW
    ):
        return MarkResult(MarkOutcome.NOT_FOUND)
    program = await session.get(Program, enrollment.program_id)
    assert program is not None
    if program.status not in (ProgramStatus.PUBLISHED, ProgramStatus.COMPLETED):
        return MarkResult(MarkOutcome.NOT_FOUND, program.id)
    if now < program.starts_at:
        return MarkResult(MarkOutcome.TOO_EARLY, program.id)
    if not attended:
        if enrollment.status == EnrollmentStatus.COMPLETED:
            return MarkResult(MarkOutcome.ALREADY, program.id)
        enrollment.status = EnrollmentStatus.NO_SHOW
        enrollment.updated_at = now
        await record(session, actor, "attendance_no_show", now,
                     target=f"enrollment:{enrollment.id}")
        return MarkResult(MarkOutcome.NO_SHOW, program.id)
    credited = await complete_enrollment(session, enrollment, program, now, tz)
    if credited:
        await record(session, actor, "attendance_completed", now,
                     target=f"enrollment:{enrollment.id}", jp=str(program.jp))
    return MarkResult(MarkOutcome.COMPLETED if credited else MarkOutcome.ALREADY, program.id)


async def attendance_file_allowed(session: AsyncSession, caller: int) -> bool:
    """Whether the caller may send attendance files (superadmins)."""
    scope = await admin_scope(session, caller)
    return scope is not None and scope.superadmin


async def record_attendance_file(
    session: AsyncSession, caller: int, source: Path | Table, now: datetime, tz: ZoneInfo
) -> AttendanceReport:
    """Attendance from a filled participant list (the file, or its table already read;
    superadmins only); all or nothing. Raises TableError for a file that cannot be used."""
    await require_superadmin(session, caller)
    return await import_attendance(session, source, now, tz, telegram_actor(caller))


def participants_workbook(program: Program, people: list[Participant], label: Label) -> bytes:
    """The participant list as XLSX; fill the attendance column (yes/no) and send it back.

    The headers come from the catalogue (`label`) and stay readable by the attendance
    import in both languages (e.g. "Kode program" / "Program code")."""
    columns = [Column(label(f"participants.col.{key}"), width, text=key in ("code", "nip"))
               for key, width in (("code", 16), ("nip", 21), ("name", 32), ("opd", 40),
                                  ("status", 14), ("queue", 8), ("attended", 10))]
    yes, no = label("participants.yes"), label("participants.no")
    book = WorkbookWriter()
    sheet = book.sheet(label("participants.sheet"), columns)
    for person in people:
        done = {EnrollmentStatus.COMPLETED: yes, EnrollmentStatus.NO_SHOW: no}.get(
            EnrollmentStatus(person.status))
        sheet.row([program.code, person.nip, person.name, person.opd,
                   label(f"participants.status.{person.status}"), person.queue_no, done])
    notes = book.sheet(label("participants.notes_sheet"), [Column(label("participants.col.program"), 16),
                                                           Column(program.title, 60)])
    notes.row([label("participants.how"), None])
    return book.save()
