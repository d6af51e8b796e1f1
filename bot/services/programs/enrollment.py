"""Taking and giving back seats: enroll, waitlist, cancel, promote, complete.

Seat counts change only while the program row is locked: the caller's write transaction
(SQLite takes its write lock at BEGIN) plus SELECT … FOR UPDATE (PostgreSQL). Every
request takes the next number of the program's arrival counter, so the waitlist is in
arrival order and the first in line gets a freed seat.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.outbox.queue import Notice, notify_employee
from bot.services.programs.catalogue import (
    ACTIVE_ENROLLMENT,
    Member,
    Refusal,
    SessionTime,
    audience_clause,
    load_member,
    overlapping,
    refusal_for,
)
from models import Enrollment, JpRecord, Program, ProgramSession
from models.enums import EnrollmentStatus, JpSource, JpStatus, ProgramStatus


class EnrollOutcome(StrEnum):
    ENROLLED = "enrolled"
    WAITLISTED = "waitlisted"
    ALREADY_ENROLLED = "already_enrolled"
    ALREADY_WAITLISTED = "already_waitlisted"
    ALREADY_COMPLETED = "already_completed"
    NEEDS_CONFIRMATION = "needs_confirmation"  # overlaps another enrolled program
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class EnrollResult:
    outcome: EnrollOutcome
    program_id: int
    refusal: Refusal | None = None
    waitlist_position: int | None = None
    overlaps: list[str] = field(default_factory=list)  # titles of clashing programs


class CancelOutcome(StrEnum):
    CANCELLED = "cancelled"
    NOT_ENROLLED = "not_enrolled"
    STARTED = "started"


@dataclass(frozen=True, slots=True)
class CancelResult:
    outcome: CancelOutcome
    promoted_employee_id: int | None = None


async def _lock_program(session: AsyncSession, program_id: int) -> Program | None:
    return await session.scalar(
        select(Program).where(Program.id == program_id).with_for_update()
    )


async def _sessions(session: AsyncSession, program_ids: list[int]) -> dict[int, list[SessionTime]]:
    found: dict[int, list[SessionTime]] = {pid: [] for pid in program_ids}
    rows = await session.execute(
        select(ProgramSession.program_id, ProgramSession.starts_at, ProgramSession.ends_at).where(
            ProgramSession.program_id.in_(program_ids)
        )
    )
    for pid, start, end in rows:
        found[pid].append(SessionTime(start, end))
    return found


async def _clashes(session: AsyncSession, program: Program, employee_id: int) -> list[str]:
    """Titles of the member's other enrolled programs whose sessions overlap this one's."""
    others = (
        await session.execute(
            select(Program.id, Program.title)
            .join(Enrollment, Enrollment.program_id == Program.id)
            .where(
                Enrollment.employee_id == employee_id,
                Enrollment.status == EnrollmentStatus.ENROLLED,
                Program.id != program.id,
                Program.status == ProgramStatus.PUBLISHED,
                Program.starts_at < program.ends_at,
                Program.ends_at > program.starts_at,
            )
        )
    ).all()
    if not others:
        return []
    times = await _sessions(session, [program.id, *(pid for pid, _ in others)])
    return [title for pid, title in others if overlapping(times[program.id], times[pid])]


async def waitlist_position(session: AsyncSession, program_id: int, queue_no: int) -> int:
    ahead = await session.scalar(
        select(func.count()).where(
            Enrollment.program_id == program_id,
            Enrollment.status == EnrollmentStatus.WAITLISTED,
            Enrollment.queue_no < queue_no,
        )
    )
    return (ahead or 0) + 1


_ALREADY = {
    EnrollmentStatus.ENROLLED: EnrollOutcome.ALREADY_ENROLLED,
    EnrollmentStatus.WAITLISTED: EnrollOutcome.ALREADY_WAITLISTED,
    EnrollmentStatus.COMPLETED: EnrollOutcome.ALREADY_COMPLETED,
}


async def _check(
    session: AsyncSession, member: Member, program_id: int, now: datetime, *, lock: bool
) -> tuple[EnrollResult | None, Program | None, Enrollment | None]:
    """The rules, in order: (a final answer or None, the program, an earlier enrollment)."""
    query = select(Program, audience_clause(member)).where(Program.id == program_id)
    row = (await session.execute(query.with_for_update(of=Program) if lock else query)).first()
    if row is None:
        return EnrollResult(EnrollOutcome.REFUSED, program_id, Refusal.NOT_AVAILABLE), None, None
    program, eligible = row[0], bool(row[1])
    existing = await session.scalar(
        select(Enrollment).where(
            Enrollment.program_id == program_id, Enrollment.employee_id == member.employee_id
        )
    )
    if existing is not None and existing.status in _ALREADY:
        position = (
            await waitlist_position(session, program_id, existing.queue_no)
            if existing.status == EnrollmentStatus.WAITLISTED
            else None
        )
        outcome = _ALREADY[EnrollmentStatus(existing.status)]
        return EnrollResult(outcome, program_id, waitlist_position=position), program, existing
    refusal = refusal_for(program, eligible, now)
    if refusal is not None:
        return EnrollResult(EnrollOutcome.REFUSED, program_id, refusal), program, existing
    return None, program, existing


async def enroll(
    session: AsyncSession, employee_id: int, program_id: int, now: datetime, *,
    confirm_overlap: bool = False,
) -> EnrollResult:
    """Take a seat, or a place on the waitlist when the program is full.

    Run in a write transaction: the program row is locked (SELECT … FOR UPDATE on
    PostgreSQL; SQLite holds its write lock from BEGIN) while the rules are checked and
    the seat is decided, so two people never get the last seat.
    """
    member = await load_member(session, employee_id)
    if member is None or not member.is_active:
        return EnrollResult(EnrollOutcome.REFUSED, program_id, Refusal.NOT_AVAILABLE)
    answer, program, existing = await _check(session, member, program_id, now, lock=True)
    if answer is not None:
        return answer
    assert program is not None
    if not confirm_overlap:
        clashes = await _clashes(session, program, employee_id)
        if clashes:
            return EnrollResult(EnrollOutcome.NEEDS_CONFIRMATION, program_id, overlaps=clashes)
    program.queue_counter += 1
    seat = program.seats_taken < program.quota
    status = EnrollmentStatus.ENROLLED if seat else EnrollmentStatus.WAITLISTED
    if seat:
        program.seats_taken += 1
    if existing is None:
        existing = Enrollment(program_id=program_id, employee_id=employee_id, created_at=now)
        session.add(existing)
    existing.status = status
    existing.queue_no = program.queue_counter
    existing.updated_at = now
    existing.completed_at = None
    await session.flush()
    if seat:
        return EnrollResult(EnrollOutcome.ENROLLED, program_id)
    position = await waitlist_position(session, program_id, existing.queue_no)
    return EnrollResult(EnrollOutcome.WAITLISTED, program_id, waitlist_position=position)


async def cancel_enrollment(
    session: AsyncSession, employee_id: int, program_id: int, now: datetime, tz: ZoneInfo
) -> CancelResult:
    """Give back a seat (or a waitlist place); the first in line gets the seat."""
    program = await _lock_program(session, program_id)
    if program is None:
        return CancelResult(CancelOutcome.NOT_ENROLLED)
    enrollment = await session.scalar(
        select(Enrollment).where(
            Enrollment.program_id == program_id,
            Enrollment.employee_id == employee_id,
            Enrollment.status.in_(ACTIVE_ENROLLMENT),
        )
    )
    if enrollment is None:
        return CancelResult(CancelOutcome.NOT_ENROLLED)
    if now >= program.starts_at and program.status == ProgramStatus.PUBLISHED:
        return CancelResult(CancelOutcome.STARTED)
    held_seat = enrollment.status == EnrollmentStatus.ENROLLED
    enrollment.status = EnrollmentStatus.CANCELLED
    enrollment.updated_at = now
    promoted = None
    if held_seat:
        program.seats_taken -= 1
        promoted = await promote_waitlist(session, program, now, tz)
    return CancelResult(CancelOutcome.CANCELLED, promoted)


async def promote_waitlist(
    session: AsyncSession, program: Program, now: datetime, tz: ZoneInfo
) -> int | None:
    """Give free seats to the waitlist in arrival order; returns the last promoted id."""
    promoted = None
    while program.seats_taken < program.quota and program.status == ProgramStatus.PUBLISHED:
        first = await session.scalar(
            select(Enrollment)
            .where(
                Enrollment.program_id == program.id,
                Enrollment.status == EnrollmentStatus.WAITLISTED,
            )
            .order_by(Enrollment.queue_no)
            .limit(1)
        )
        if first is None:
            break
        first.status = EnrollmentStatus.ENROLLED
        first.updated_at = now
        program.seats_taken += 1
        promoted = first.employee_id
        await notify_employee(
            session,
            first.employee_id,
            Notice.SEAT_GRANTED,
            {"program_id": program.id, "title": program.title,
             "starts_at": program.starts_at.isoformat()},
            f"seat:{first.id}:{first.queue_no}",
            now,
        )
    await session.flush()
    return promoted


def _local_date(moment: datetime, tz: ZoneInfo) -> date:
    return moment.astimezone(tz).date()


async def complete_enrollment(
    session: AsyncSession, enrollment: Enrollment, program: Program, now: datetime, tz: ZoneInfo
) -> bool:
    """Mark one participant as having completed the program and credit its JP, once.

    The ledger row's key is the enrollment, unique per source: marking twice, or the
    same attendance file uploaded again, adds nothing. Returns True when newly credited.
    """
    if enrollment.status == EnrollmentStatus.COMPLETED:
        return False
    enrollment.status = EnrollmentStatus.COMPLETED
    enrollment.completed_at = now
    enrollment.updated_at = now
    key = f"enrollment:{enrollment.id}"
    already = await session.scalar(
        select(JpRecord.id).where(
            JpRecord.source == JpSource.PROGRAM, JpRecord.external_key == key
        )
    )
    if already is not None:
        return False
    session.add(
        JpRecord(
            employee_id=enrollment.employee_id,
            title=program.title,
            category=program.category,
            source=JpSource.PROGRAM,
            status=JpStatus.APPROVED,
            jp=program.jp,
            start_date=_local_date(program.starts_at, tz),
            end_date=_local_date(program.ends_at, tz),
            organiser=program.organiser,
            certificate_number=None,
            external_key=key,
            created_at=now,
        )
    )
    await session.flush()
    await notify_employee(
        session,
        enrollment.employee_id,
        Notice.JP_CREDITED,
        {"program_id": program.id, "title": program.title, "jp": str(program.jp)},
        f"jp:{key}",
        now,
    )
    # Imported here: evaluations and certificates build on enrollments.
    from bot.services.evaluation.answers import after_completion

    await after_completion(session, enrollment, program, now, tz)
    return True
