"""Attendance from a spreadsheet (kode_program, nip, hadir): the participant list an
admin downloaded, filled in and sent back. All or nothing; sending it again changes
nothing (a participant is completed and credited once)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.audit import record
from bot.services.identity.nip import clean_nip
from bot.services.imports.table import RowError, cell_text, read_table, resolve_columns
from bot.services.programs.enrollment import complete_enrollment
from models import Employee, Enrollment, Program
from models.enums import EnrollmentStatus

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
    session: AsyncSession, path: Path, now: datetime, tz: ZoneInfo, actor: str
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


