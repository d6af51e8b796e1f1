"""Enrollment rules, the waitlist and JP credited exactly once."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.services.programs.enrollment import (
    CancelOutcome,
    CancelResult,
    EnrollOutcome,
    EnrollResult,
    cancel_enrollment,
    enroll,
)
from bot.services.programs.administration import (
    ActionOutcome,
    ActionResult,
    AdminAction,
    MarkOutcome,
    MarkResult,
    apply_action,
    mark_attendance,
)
from bot.services.programs.catalogue import Refusal, list_programs, load_member, program_card
from models import Enrollment, JpRecord, OutboxMessage, Program
from models.db import Database
from bot.services.identity.roles import admin_scope, grant
from models.enums import AdminRoleKind, EnrollmentStatus, PositionType, ProgramStatus
from tests.factories import WITA, link_account, make_employee, make_opd, make_program



SUPER = 7770001


async def _superadmin(db: Database, clock: FixedClock) -> None:
    async with db.writing() as session:
        await grant(session, SUPER, AdminRoleKind.SUPERADMIN, None, "test", clock)


async def _act(db: Database, program_id: int, action: AdminAction, clock: FixedClock) -> ActionResult:
    """A superadmin's press on the program's card."""
    async with db.writing() as session:
        if await admin_scope(session, SUPER) is None:
            await grant(session, SUPER, AdminRoleKind.SUPERADMIN, None, "test", clock)
        return await apply_action(session, SUPER, program_id, action, clock.now())


async def _mark(db: Database, enrollment_id: int, attended: bool, clock: FixedClock) -> MarkResult:
    async with db.writing() as session:
        if await admin_scope(session, SUPER) is None:
            await grant(session, SUPER, AdminRoleKind.SUPERADMIN, None, "test", clock)
        return await mark_attendance(session, SUPER, enrollment_id, attended, clock.now(), WITA)


async def _enroll(db: Database, employee_id: int, program_id: int, clock: FixedClock,
                  **options: bool) -> EnrollResult:
    """One enrollment in a unit of work of its own, as a button press makes it."""
    async with db.writing() as session:
        return await enroll(session, employee_id, program_id, clock.now(), **options)


async def _cancel(db: Database, employee_id: int, program_id: int, clock: FixedClock,
                  tz: ZoneInfo) -> CancelResult:
    async with db.writing() as session:
        return await cancel_enrollment(session, employee_id, program_id, clock.now(), tz)

async def _people(db: Database, count: int, *, linked: bool = False) -> list[int]:
    async with db.writing() as s:
        opd = await make_opd(s)
        ids = []
        for _ in range(count):
            employee = await make_employee(s, opd=opd, phone=None)
            if linked:
                await link_account(s, employee, 900_000 + employee.id)
            ids.append(employee.id)
        return ids


async def _program(db: Database, **kwargs: object) -> int:
    async with db.writing() as s:
        return (await make_program(s, **kwargs)).id  # type: ignore[arg-type]


async def _statuses(db: Database, program_id: int) -> list[tuple[int, str, int]]:
    async with db.writing() as s:
        rows = await s.execute(
            select(Enrollment.employee_id, Enrollment.status, Enrollment.queue_no)
            .where(Enrollment.program_id == program_id)
            .order_by(Enrollment.queue_no)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


async def test_200_concurrent_requests_for_10_seats(db: Database, clock: FixedClock) -> None:
    people = await _people(db, 200)
    program_id = await _program(db, quota=10)

    results = await asyncio.gather(*(_enroll(db, e, program_id, clock) for e in people))

    outcomes = [r.outcome for r in results]
    assert outcomes.count(EnrollOutcome.ENROLLED) == 10
    assert outcomes.count(EnrollOutcome.WAITLISTED) == 190
    rows = await _statuses(db, program_id)
    assert len(rows) == 200 and len({r[0] for r in rows}) == 200  # no duplicates
    # Arrival order: the first ten numbers hold the seats, the rest wait in order.
    assert [r[2] for r in rows] == list(range(1, 201))
    assert {r[1] for r in rows[:10]} == {EnrollmentStatus.ENROLLED}
    assert {r[1] for r in rows[10:]} == {EnrollmentStatus.WAITLISTED}
    positions = sorted(r.waitlist_position for r in results if r.waitlist_position)
    assert positions == list(range(1, 191))
    async with db.writing() as s:
        assert (await s.get(Program, program_id)).seats_taken == 10  # type: ignore[union-attr]


async def test_same_person_twice_concurrently_gets_one_enrollment(
    db: Database, clock: FixedClock
) -> None:
    (person,) = await _people(db, 1)
    program_id = await _program(db, quota=5)
    results = await asyncio.gather(*(_enroll(db, person, program_id, clock) for _ in range(10)))
    assert [r.outcome for r in results].count(EnrollOutcome.ENROLLED) == 1
    assert {r.outcome for r in results} == {
        EnrollOutcome.ENROLLED, EnrollOutcome.ALREADY_ENROLLED
    }
    assert len(await _statuses(db, program_id)) == 1


async def test_cancel_gives_the_seat_to_the_first_waiting(db: Database, clock: FixedClock) -> None:
    a, b, c = await _people(db, 3, linked=True)
    program_id = await _program(db, quota=1)
    assert (await _enroll(db, a, program_id, clock)).outcome == EnrollOutcome.ENROLLED
    assert (await _enroll(db, b, program_id, clock)).waitlist_position == 1
    assert (await _enroll(db, c, program_id, clock)).waitlist_position == 2

    result = await _cancel(db, a, program_id, clock, WITA)
    assert result.outcome == CancelOutcome.CANCELLED and result.promoted_employee_id == b
    statuses = {e: s for e, s, _ in await _statuses(db, program_id)}
    assert statuses == {
        a: EnrollmentStatus.CANCELLED, b: EnrollmentStatus.ENROLLED, c: EnrollmentStatus.WAITLISTED
    }
    async with db.writing() as s:
        member = await load_member(s, c)
        assert member is not None
        card = await program_card(s, program_id, member, clock.now())
        assert card is not None and card.waitlist_position == 1 and card.seats_left == 0
        notices = (await s.scalars(select(OutboxMessage))).all()
    assert [(n.employee_id, n.kind) for n in notices] == [(b, "seat_granted")]

    # Re-enrolling after cancelling joins the back of the queue.
    again = await _enroll(db, a, program_id, clock)
    assert again.outcome == EnrollOutcome.WAITLISTED and again.waitlist_position == 2
    # A waitlisted person cancelling frees no seat and promotes no one.
    assert (await _cancel(db, c, program_id, clock, WITA)).promoted_employee_id is None
    assert (await _cancel(db, c, program_id, clock, WITA)).outcome == (
        CancelOutcome.NOT_ENROLLED
    )


async def test_refusals_say_why(db: Database, clock: FixedClock) -> None:
    async with db.writing() as s:
        home, other = await make_opd(s), await make_opd(s)
        person = (await make_employee(s, opd=home, phone=None,
                                      position_type=PositionType.PELAKSANA)).id
        other_opd = (await make_program(s, opds=[other])).id
        right_opd = (await make_program(s, opds=[home, other])).id
        struktural = (await make_program(s, position_types=[PositionType.STRUKTURAL])).id
        started = (await make_program(s, start=clock.now() - timedelta(hours=1))).id
        not_open = (await make_program(s, opens=clock.now() + timedelta(days=1))).id
        closed = (await make_program(s, closes=clock.now() - timedelta(minutes=1))).id
        draft = (await make_program(s, status=ProgramStatus.DRAFT)).id
        cancelled = (await make_program(s, status=ProgramStatus.CANCELLED)).id

    async def refusal(pid: int) -> Refusal | None:
        return (await _enroll(db, person, pid, clock)).refusal

    assert await refusal(other_opd) == Refusal.NOT_ELIGIBLE
    assert await refusal(struktural) == Refusal.NOT_ELIGIBLE
    assert await refusal(started) == Refusal.STARTED
    assert await refusal(not_open) == Refusal.NOT_OPEN_YET
    assert await refusal(closed) == Refusal.CLOSED
    assert await refusal(draft) == Refusal.NOT_AVAILABLE
    assert await refusal(cancelled) == Refusal.CANCELLED
    assert await refusal(987654) == Refusal.NOT_AVAILABLE
    assert (await _enroll(db, person, right_opd, clock)).outcome == EnrollOutcome.ENROLLED
    async with db.writing() as s:
        assert await s.scalar(select(func.count()).select_from(Enrollment)) == 1

        member = await load_member(s, person)
        assert member is not None
        page = await list_programs(s, member, clock.now(), WITA)
    # Visible: eligible, published and not started (closed and not-yet-open are shown).
    assert {p.id for p in page.items} == {right_opd, not_open, closed}


async def test_overlap_asks_for_confirmation(db: Database, clock: FixedClock) -> None:
    (person,) = await _people(db, 1)
    first = await _program(db, title="Latsar A", start=datetime(2026, 12, 7, 8, tzinfo=WITA), days=3)
    clash = await _program(db, title="Bimtek B", start=datetime(2026, 12, 9, 13, tzinfo=WITA))
    apart = await _program(db, title="Seminar C", start=datetime(2026, 12, 10, 17, tzinfo=WITA))
    assert (await _enroll(db, person, first, clock)).outcome == EnrollOutcome.ENROLLED

    asked = await _enroll(db, person, clash, clock)
    assert asked.outcome == EnrollOutcome.NEEDS_CONFIRMATION and asked.overlaps == ["Latsar A"]
    assert len(await _statuses(db, clash)) == 0
    confirmed = await _enroll(db, person, clash, clock, confirm_overlap=True)
    assert confirmed.outcome == EnrollOutcome.ENROLLED
    assert (await _enroll(db, person, apart, clock)).outcome == EnrollOutcome.ENROLLED


async def test_completion_credits_jp_exactly_once(db: Database, clock: FixedClock) -> None:
    (person,) = await _people(db, 1, linked=True)
    program_id = await _program(db, jp="12.5", start=datetime(2026, 12, 1, 8, tzinfo=WITA))
    await _enroll(db, person, program_id, clock)
    async with db.writing() as s:
        enrollment_id = await s.scalar(select(Enrollment.id))
    assert enrollment_id is not None

    assert (await _mark(db, enrollment_id, True, clock)).outcome == (
        MarkOutcome.TOO_EARLY
    )
    clock.set(datetime(2026, 12, 1, 17, tzinfo=WITA))
    marks = await asyncio.gather(
        *(_mark(db, enrollment_id, True, clock) for _ in range(5))
    )
    assert [m.outcome for m in marks].count(MarkOutcome.COMPLETED) == 1
    assert (await _mark(db, enrollment_id, False, clock)).outcome == (
        MarkOutcome.ALREADY
    )
    async with db.writing() as s:
        records = (await s.scalars(select(JpRecord))).all()
        notices = (await s.scalars(select(OutboxMessage))).all()
    assert [(r.employee_id, r.jp, r.source, r.status) for r in records] == [
        (person, Decimal("12.50"), "program", "approved")
    ]
    # Completion also invites the evaluation (and queues its one reminder), once.
    assert [n.kind for n in notices] == ["jp_credited", "evaluation_invite", "evaluation_reminder"]


async def test_admin_cancel_tells_everyone_and_frees_the_program(
    db: Database, clock: FixedClock
) -> None:
    people = await _people(db, 3, linked=True)
    program_id = await _program(db, quota=2)
    for person in people:
        await _enroll(db, person, program_id, clock)
    result = await _act(db, program_id, AdminAction.CANCEL, clock)
    assert result.outcome == ActionOutcome.DONE and result.notified == 3
    again = await _act(db, program_id, AdminAction.CANCEL, clock)
    assert again.outcome == ActionOutcome.NOT_ALLOWED
    async with db.writing() as s:
        assert {n.kind for n in (await s.scalars(select(OutboxMessage))).all()} == {
            "program_cancelled"
        }
        assert await s.scalar(select(func.count()).select_from(OutboxMessage)) == 3
    assert {status for _, status, _ in await _statuses(db, program_id)} == {"cancelled"}
    assert (await _enroll(db, people[0], program_id, clock)).refusal == Refusal.CANCELLED


async def test_publish_and_close_registration(db: Database, clock: FixedClock) -> None:
    (person,) = await _people(db, 1)
    program_id = await _program(db, status=ProgramStatus.DRAFT)
    assert (await _enroll(db, person, program_id, clock)).refusal == Refusal.NOT_AVAILABLE
    assert (await _act(db, program_id, AdminAction.PUBLISH, clock)).outcome == "done"
    assert (await _act(db, program_id, AdminAction.CLOSE, clock)).outcome == "done"
    assert (await _enroll(db, person, program_id, clock)).refusal == Refusal.CLOSED
    assert (await _act(db, 424242, AdminAction.CLOSE, clock)).outcome == "not_found"
