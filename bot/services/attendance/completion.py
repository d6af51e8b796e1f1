"""Finishing a program: who met its minimum attendance is completed (JP credited once),
the others are marked absent.

The minimum is a share of the program's sessions (`min_attendance_pct`, 100 by default)
rounded up: 2 of 3 sessions at 60%. Participants an admin already marked by hand or
through the attendance file keep that decision (it counts the same way)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.programs.enrollment import complete_enrollment
from models import Enrollment, Program, ProgramSession, SessionCheckin
from models.enums import EnrollmentStatus


@dataclass(frozen=True, slots=True)
class Completion:
    completed: int = 0
    absent: int = 0
    required: int = 0  # sessions needed


def sessions_required(sessions: int, pct: int) -> int:
    """Sessions to attend out of `sessions` at `pct` percent, rounded up."""
    return -(-sessions * max(0, min(pct, 100)) // 100)


async def complete_by_attendance(
    session: AsyncSession, program: Program, now: datetime, tz: ZoneInfo
) -> Completion:
    """Complete or mark absent every participant still enrolled (in the caller's
    transaction, with the program locked)."""
    total = await session.scalar(
        select(func.count()).where(ProgramSession.program_id == program.id)
    ) or 0
    required = sessions_required(total, program.min_attendance_pct)
    attended = (
        select(func.count()).where(SessionCheckin.enrollment_id == Enrollment.id)
        .scalar_subquery()
    )
    rows = (
        await session.execute(
            select(Enrollment, attended).where(
                Enrollment.program_id == program.id,
                Enrollment.status == EnrollmentStatus.ENROLLED,
            ).order_by(Enrollment.id).with_for_update(of=Enrollment)
        )
    ).all()
    completed = absent = 0
    for enrollment, count in rows:
        if count >= required:
            completed += await complete_enrollment(session, enrollment, program, now, tz)
        else:
            enrollment.status = EnrollmentStatus.NO_SHOW
            enrollment.updated_at = now
            absent += 1
    await session.flush()
    return Completion(completed, absent, required)
