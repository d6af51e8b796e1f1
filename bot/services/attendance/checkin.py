"""Participants check in themselves: a short code per session, shown as a QR.

A code is valid from `opens_minutes` before its session starts until the session ends.
Only participants enrolled in the session's program may use it, once per session (the
pair is unique: a second check-in, or two at once, records nothing more). Unknown and
expired codes count against a per-user limit per hour, as wrong link codes do.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.identity.roles import require_superadmin
from models import CheckinAttempt, Enrollment, Program, ProgramSession, SessionCheckin
from models.enums import EnrollmentStatus, ProgramStatus

# No 0/O, 1/I/L: read from a projector and typed on a phone.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6
DEEP_LINK_PREFIX = "hadir_"


class CheckinOutcome(StrEnum):
    RECORDED = "recorded"
    ALREADY = "already"
    NOT_LINKED = "not_linked"
    NOT_ENROLLED = "not_enrolled"  # the code of a program the sender is not in
    UNKNOWN = "unknown"  # no such code (counted)
    TOO_EARLY = "too_early"
    EXPIRED = "expired"  # the session is over, or its program (counted)
    RATE_LIMITED = "rate_limited"


@dataclass(frozen=True, slots=True)
class CheckinResult:
    outcome: CheckinOutcome
    title: str | None = None
    session_no: int | None = None
    sessions: int | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    opens_at: datetime | None = None
    attempts_left: int | None = None
    retry_at: datetime | None = None


def normalise_code(text: str) -> str:
    """`/hadir k7p 2qx`, a deep link's `hadir_K7P2QX`: the code in capitals, no spaces."""
    text = text.strip()
    if text.lower().startswith(DEEP_LINK_PREFIX):
        text = text[len(DEEP_LINK_PREFIX):]
    return "".join(text.split()).upper()[:20]


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


async def check_in(
    session: AsyncSession, telegram_user_id: int, employee_id: int | None, typed: str,
    now: datetime, *, opens_minutes: int, attempts_per_hour: int,
) -> CheckinResult:
    """Record the sender's attendance at the session whose code they sent."""
    window_start = now - timedelta(hours=1)
    failures, first = (
        await session.execute(
            select(func.count(), func.min(CheckinAttempt.created_at)).where(
                CheckinAttempt.telegram_user_id == telegram_user_id,
                CheckinAttempt.created_at > window_start,
            )
        )
    ).one()
    if failures >= attempts_per_hour:
        retry = (first or now) + timedelta(hours=1)
        return CheckinResult(CheckinOutcome.RATE_LIMITED, retry_at=retry)

    def counted(outcome: CheckinOutcome, **facts: object) -> CheckinResult:
        session.add(CheckinAttempt(telegram_user_id=telegram_user_id, created_at=now))
        left = max(attempts_per_hour - failures - 1, 0)
        return CheckinResult(outcome, attempts_left=left, **facts)  # type: ignore[arg-type]

    code = normalise_code(typed)
    found = (
        await session.execute(
            select(ProgramSession, Program)
            .join(Program, Program.id == ProgramSession.program_id)
            .where(ProgramSession.checkin_code == code)
        )
    ).first() if code else None
    if found is None:
        return counted(CheckinOutcome.UNKNOWN)
    sitting, program = found
    numbers = list(
        await session.scalars(
            select(ProgramSession.id).where(ProgramSession.program_id == program.id)
            .order_by(ProgramSession.starts_at, ProgramSession.id)
        )
    )
    facts = {"title": program.title, "session_no": numbers.index(sitting.id) + 1,
             "sessions": len(numbers), "starts_at": sitting.starts_at, "ends_at": sitting.ends_at}
    opens_at = sitting.starts_at - timedelta(minutes=opens_minutes)
    if now < opens_at and program.status == ProgramStatus.PUBLISHED:
        return CheckinResult(CheckinOutcome.TOO_EARLY, opens_at=opens_at, **facts)  # type: ignore[arg-type]
    if now > sitting.ends_at or program.status != ProgramStatus.PUBLISHED:
        return counted(CheckinOutcome.EXPIRED, **facts)
    if employee_id is None:
        return CheckinResult(CheckinOutcome.NOT_LINKED)
    enrollment_id = await session.scalar(
        select(Enrollment.id).where(
            Enrollment.program_id == program.id, Enrollment.employee_id == employee_id,
            Enrollment.status == EnrollmentStatus.ENROLLED,
        )
    )
    if enrollment_id is None:
        return CheckinResult(CheckinOutcome.NOT_ENROLLED, title=program.title)
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    added = await session.execute(
        insert(SessionCheckin)
        .values(session_id=sitting.id, enrollment_id=enrollment_id, checked_in_at=now)
        .on_conflict_do_nothing(index_elements=["session_id", "enrollment_id"])
    )
    recorded = bool(added.rowcount)  # type: ignore[attr-defined]
    return CheckinResult(CheckinOutcome.RECORDED if recorded else CheckinOutcome.ALREADY,
                         **facts)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class SessionAttendance:
    """One session on the program's admin card: its code and live counts."""

    id: int
    number: int
    starts_at: datetime
    ends_at: datetime
    code: str | None
    checked_in: int


async def session_attendance(session: AsyncSession, program_id: int) -> list[SessionAttendance]:
    """Every session of a program with its check-ins so far (no rights check: the caller's)."""
    counted = (
        select(func.count()).where(SessionCheckin.session_id == ProgramSession.id)
        .scalar_subquery()
    )
    rows = (
        await session.execute(
            select(ProgramSession.id, ProgramSession.starts_at, ProgramSession.ends_at,
                   ProgramSession.checkin_code, counted)
            .where(ProgramSession.program_id == program_id)
            .order_by(ProgramSession.starts_at, ProgramSession.id)
        )
    ).all()
    return [SessionAttendance(r[0], n, r[1], r[2], r[3], r[4]) for n, r in enumerate(rows, 1)]


@dataclass(frozen=True, slots=True)
class SessionCode:
    program_id: int
    title: str
    number: int
    starts_at: datetime
    ends_at: datetime
    code: str


async def session_code(
    session: AsyncSession, caller: int, session_id: int
) -> SessionCode | None:
    """The check-in code of one session, given on first request (superadmins only)."""
    await require_superadmin(session, caller)
    sitting = await session.scalar(
        select(ProgramSession).where(ProgramSession.id == session_id).with_for_update()
    )
    if sitting is None:
        return None
    program = await session.get(Program, sitting.program_id)
    assert program is not None
    if sitting.checkin_code is None:
        for _ in range(20):  # 31**6 codes: a clash is rare, and each try is one indexed read
            code = new_code()
            taken = await session.scalar(
                select(ProgramSession.id).where(ProgramSession.checkin_code == code)
            )
            if taken is None:
                break
        else:
            raise RuntimeError("no free check-in code after 20 tries")
        sitting.checkin_code = code
        await session.flush()
    number = [s.id for s in await session_attendance(session, program.id)].index(sitting.id) + 1
    return SessionCode(program.id, program.title, number, sitting.starts_at, sitting.ends_at,
                       sitting.checkin_code)
