"""Running a program: publish, close registration, cancel, participants and attendance."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services.audit import CLI, record
from bot.services.programs.enrollment import complete_enrollment
from bot.services.identity.nip import clean_nip
from bot.services.outbox.queue import Notice, notify_employee
from bot.services.programs.catalogue import ACTIVE_ENROLLMENT
from bot.services.imports.table import RowError, cell_text, read_table, resolve_columns
from models import Employee, Enrollment, Opd, Program
from models.db import Database
from models.enums import EnrollmentStatus, ProgramStatus

ADMIN_PAGE_SIZE = 8


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
    session: AsyncSession, now: datetime, page: int = 0
) -> tuple[list[AdminProgramLine], int, int]:
    """Programs not yet over (drafts included), soonest first; (lines, page, pages)."""
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
    db: Database, program_id: int, action: AdminAction, clock: Clock, actor: str = CLI
) -> ActionResult:
    async with db.transaction(write=True) as session:
        result = await _apply_action(session, program_id, action, clock)
        if result.outcome == ActionOutcome.DONE:
            await record(session, actor, f"program_{action.value}", clock.now(),
                         target=f"program:{program_id}", notified=result.notified)
        return result


async def _apply_action(
    session: AsyncSession, program_id: int, action: AdminAction, clock: Clock
) -> ActionResult:
    program = await session.scalar(
        select(Program).where(Program.id == program_id).with_for_update()
    )
    if program is None:
        return ActionResult(ActionOutcome.NOT_FOUND)
    now = clock.now()
    if action == AdminAction.PUBLISH:
        if program.status != ProgramStatus.DRAFT or program.starts_at <= now:
            return ActionResult(ActionOutcome.NOT_ALLOWED)
        program.status = ProgramStatus.PUBLISHED
    elif action == AdminAction.FINISH:
        if program.status != ProgramStatus.PUBLISHED or now < program.ends_at:
            return ActionResult(ActionOutcome.NOT_ALLOWED)
        program.status = ProgramStatus.COMPLETED
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
    db: Database, enrollment_id: int, attended: bool, clock: Clock, tz: ZoneInfo,
    actor: str = CLI,
) -> MarkResult:
    """Completed (JP credited once) or no-show, for one participant of a started program."""
    async with db.transaction(write=True) as session:
        enrollment = await session.get(Enrollment, enrollment_id)
        if enrollment is None or enrollment.status not in (
            EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED, EnrollmentStatus.NO_SHOW
        ):
            return MarkResult(MarkOutcome.NOT_FOUND)
        program = await session.get(Program, enrollment.program_id)
        assert program is not None
        now = clock.now()
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


ATTENDANCE_COLUMNS: dict[str, tuple[str, ...]] = {
    "kode_program": ("kode", "program_code", "code"),
    "nip": ("nip_baru",),
    "hadir": ("selesai", "lulus", "attended", "completed", "kehadiran", "status"),
}
_YES = {"ya", "y", "yes", "hadir", "selesai", "lulus", "1", "true", "v", "✓", "x"}
_NO = {"tidak", "t", "no", "n", "0", "false", "tidak_hadir", "absen", "-"}


@dataclass(slots=True)
class AttendanceReport:
    rows: int = 0
    completed: int = 0
    already: int = 0
    no_show: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)


async def import_attendance(
    db: Database, path: Path, clock: Clock, tz: ZoneInfo, actor: str = CLI
) -> AttendanceReport:
    """Mark attendance from a sheet (kode_program, nip, hadir); all or nothing; idempotent.

    Raises TableError for a file that cannot be used.
    """
    table = await asyncio.to_thread(read_table, path)
    cols = resolve_columns(table, ATTENDANCE_COLUMNS, set(ATTENDANCE_COLUMNS))
    report = AttendanceReport(rows=len(table.rows))
    wanted: list[tuple[int, str, str, bool]] = []
    for number, cells in table.rows:
        code = cell_text(cells.get(cols["kode_program"]))
        nip = clean_nip(cell_text(cells.get(cols["nip"])) or "")
        flag = (cell_text(cells.get(cols["hadir"])) or "").casefold().replace(" ", "_")
        if not flag:
            report.skipped += 1  # not filled in yet: the downloaded list can go back half done
            continue
        if not code:
            report.errors.append(RowError(number, "kode_program", "program_code_empty"))
        if len(nip) != 18 or not nip.isdigit():
            report.errors.append(RowError(number, "nip", "nip_length"))
        if flag not in _YES and flag not in _NO:
            report.errors.append(RowError(number, "hadir", "attended_unknown"))
        if code and len(nip) == 18 and (flag in _YES or flag in _NO):
            wanted.append((number, code, nip, flag in _YES))
    if report.errors:
        return report
    try:
        await _apply_attendance(db, wanted, report, clock, tz, actor)
    except _RolledBack:
        report.completed = report.already = report.no_show = 0
    return report


class _RolledBack(Exception):
    """Raised inside the transaction so that nothing of a file with errors stays written."""


async def _apply_attendance(
    db: Database,
    wanted: list[tuple[int, str, str, bool]],
    report: AttendanceReport,
    clock: Clock,
    tz: ZoneInfo,
    actor: str,
) -> None:
    async with db.transaction(write=True) as session:
        now = clock.now()
        for number, code, nip, attended in wanted:
            row = (
                await session.execute(
                    select(Enrollment, Program)
                    .join(Program, Program.id == Enrollment.program_id)
                    .join(Employee, Employee.id == Enrollment.employee_id)
                    .where(Program.code == code, Employee.nip == nip)
                )
            ).first()
            if row is None:
                report.errors.append(RowError(number, "nip", "not_a_participant"))
                continue
            enrollment, program = row
            if now < program.starts_at:
                report.errors.append(RowError(number, "kode_program", "program_not_started"))
                continue
            if enrollment.status not in (
                EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED, EnrollmentStatus.NO_SHOW
            ):
                report.errors.append(RowError(number, "nip", "not_a_participant"))
                continue
            if not attended:
                if enrollment.status == EnrollmentStatus.ENROLLED:
                    enrollment.status = EnrollmentStatus.NO_SHOW
                    enrollment.updated_at = now
                    report.no_show += 1
                else:
                    report.already += 1
                continue
            if await complete_enrollment(session, enrollment, program, now, tz):
                report.completed += 1
            else:
                report.already += 1
        if report.errors:
            raise _RolledBack
        await record(session, actor, "attendance_file", now, rows=report.rows,
                     completed=report.completed, no_show=report.no_show,
                     already=report.already)


_STATUS_LABEL = {
    EnrollmentStatus.ENROLLED: "terdaftar",
    EnrollmentStatus.WAITLISTED: "daftar tunggu",
    EnrollmentStatus.COMPLETED: "selesai",
    EnrollmentStatus.NO_SHOW: "tidak hadir",
}
PARTICIPANT_HEADER = ["kode_program", "nip", "nama", "opd", "status", "urutan", "hadir"]


def participants_xlsx(program_code: str, title: str, people: list[Participant]) -> bytes:
    """The participant list; fill `hadir` (ya/tidak) and send it back as attendance."""
    from io import BytesIO

    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Peserta"
    sheet.append(PARTICIPANT_HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for person in people:
        sheet.append(
            [program_code, person.nip, person.name, person.opd,
             _STATUS_LABEL.get(person.status, person.status), person.queue_no,
             "ya" if person.status == EnrollmentStatus.COMPLETED else
             "tidak" if person.status == EnrollmentStatus.NO_SHOW else None]
        )
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].number_format = "@"  # a NIP is text: Excel must not turn it into 1.98E+17
    for column, width in zip("ABCDEFG", (16, 21, 32, 40, 12, 8, 8)):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    info = workbook.create_sheet("Keterangan")
    info.append(["Program", title])
    info.append(["Isi kolom hadir dengan ya atau tidak, lalu kirim berkas ini ke bot."])
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
