"""Attendance from a spreadsheet (kode_program, nip, hadir): the participant list an
admin downloaded, filled in and sent back. All or nothing; sending it again changes
nothing (a participant is completed and credited once)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.audit import record
from bot.services.spreadsheets.cells import ATTENDED, NIP, text
from bot.services.spreadsheets.reader import RowError, Table, table_of
from bot.services.spreadsheets.rows import Row, Sheet, col
from bot.services.programs.enrollment import complete_enrollment
from models import Employee, Enrollment, Program
from models.enums import EnrollmentStatus

class AttendanceRow(Row):
    code: Annotated[str, col("kode_program", "kode", "program_code", "code",
                             parse=text(40, empty="program_code_empty"), required=True)]
    nip: Annotated[str, col("nip", "nip_baru", parse=NIP, required=True)]
    attended: Annotated[bool | None, col("hadir", "selesai", "lulus", "attended", "completed",
                                         "kehadiran", "status", parse=ATTENDED, required=True)]


ATTENDANCE = Sheet(AttendanceRow, extra_codes=("not_a_participant", "program_not_started"))


@dataclass(slots=True)
class AttendanceReport:
    rows: int = 0
    completed: int = 0
    already: int = 0
    no_show: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)


async def import_attendance(
    session: AsyncSession, source: Path | Table, now: datetime, tz: ZoneInfo, actor: str
) -> AttendanceReport:
    """Mark attendance from a sheet (kode_program, nip, hadir); all or nothing; idempotent.
    `source`: the file, or its table already read (so that a write transaction is not
    held while a file is parsed).

    Raises TableError for a file that cannot be used.
    """
    table = await table_of(source)
    sheet = ATTENDANCE.parse(table, {"today": now.astimezone(tz).date()})
    report = AttendanceReport(rows=len(table.rows))
    wanted: list[tuple[int, str, str, bool]] = []
    for parsed in sheet.rows:
        if "attended" in parsed.values and parsed.values["attended"] is None:
            report.skipped += 1  # not filled in yet: the downloaded list can go back half done
            continue
        report.errors.extend(parsed.errors)
        if parsed.row is not None:
            assert parsed.row.attended is not None
            wanted.append((parsed.number, parsed.row.code, parsed.row.nip, parsed.row.attended))
    if report.errors:
        return report
    # A savepoint: a file with one bad row leaves nothing written (all or nothing).
    savepoint = await session.begin_nested()
    await _apply_attendance(session, wanted, report, now, tz, actor)
    if report.errors:
        await savepoint.rollback()
        report.completed = report.already = report.no_show = 0
    else:
        await savepoint.commit()
    return report


async def _apply_attendance(
    session: AsyncSession,
    wanted: list[tuple[int, str, str, bool]],
    report: AttendanceReport,
    now: datetime,
    tz: ZoneInfo,
    actor: str,
) -> None:
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
        return
    await record(session, actor, "attendance_file", now, rows=report.rows,
                 completed=report.completed, no_show=report.no_show,
                 already=report.already)


