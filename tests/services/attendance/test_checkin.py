"""Self check-in: the window in WITA, once per session, the attempt limit, wrong programs,
and 200 participants checking in to one session at once."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.services.attendance.checkin import (
    CheckinOutcome,
    check_in,
    normalise_code,
    session_attendance,
    session_code,
)
from bot.services.identity.roles import grant
from bot.services.programs.enrollment import enroll
from models import CheckinAttempt, ProgramSession, SessionCheckin
from models.db import Database
from models.enums import AdminRoleKind
from tests.factories import WITA, make_employee, make_opd, make_program

SUPER = 7150001
START = datetime(2026, 12, 7, 8, 0, tzinfo=WITA)  # Monday 08.00 WITA, sessions of 8 h


async def _world(db: Database, clock: FixedClock, participants: int = 1, days: int = 2):  # type: ignore[no-untyped-def]
    """A published program with `days` sessions, its participants and its codes."""
    clock.set(datetime(2026, 11, 20, 10, tzinfo=WITA))
    async with db.writing() as s:
        await grant(s, SUPER, AdminRoleKind.SUPERADMIN, None, "test", clock)
        opd = await make_opd(s)
        program = await make_program(s, quota=participants + 5, days=days, start=START)
        other = await make_program(s, title="Program Lain", start=START)
        people = [await make_employee(s, opd=opd, name=f"Peserta {i}", phone=None)
                  for i in range(participants)]
        outsider = await make_employee(s, opd=opd, name="Bukan Peserta", phone=None)
        for person in people:
            assert (await enroll(s, person.id, program.id, clock.now())).outcome == "enrolled"
        await enroll(s, outsider.id, other.id, clock.now())
        ids = list(await s.scalars(select(ProgramSession.id).where(
            ProgramSession.program_id == program.id).order_by(ProgramSession.starts_at)))
        codes = [(await session_code(s, SUPER, i)).code for i in ids]  # type: ignore[union-attr]
        other_id = await s.scalar(select(ProgramSession.id).where(ProgramSession.program_id == other.id))
        other_code = (await session_code(s, SUPER, other_id)).code  # type: ignore[union-attr,arg-type]
    return program.id, [p.id for p in people], outsider.id, codes, other_code


async def _check(db: Database, user: int, employee: int | None, code: str, at: datetime,
                 limit: int = 5):  # type: ignore[no-untyped-def]
    async with db.writing() as s:
        return await check_in(s, user, employee, code, at, opens_minutes=30, attempts_per_hour=limit)


async def test_window_edges_in_wita(db: Database, clock: FixedClock) -> None:
    _, (person,), _, codes, _ = await _world(db, clock)
    # 07.29.59 WITA is before the window (30 minutes before 08.00); 07.30 is in it.
    early = await _check(db, 1, person, codes[0], datetime(2026, 12, 7, 7, 29, 59, tzinfo=WITA))
    assert early.outcome == CheckinOutcome.TOO_EARLY
    assert early.opens_at == datetime(2026, 12, 7, 7, 30, tzinfo=WITA)
    at_open = await _check(db, 1, person, codes[0], datetime(2026, 12, 7, 7, 30, tzinfo=WITA))
    assert at_open.outcome == CheckinOutcome.RECORDED
    assert (at_open.title, at_open.session_no, at_open.sessions) == ("Pelatihan Analisis Kebijakan", 1, 2)
    # The second session's code: exactly at its end (16.00 WITA) still counts, a second later not.
    at_end = await _check(db, 1, person, codes[1], datetime(2026, 12, 8, 16, 0, tzinfo=WITA))
    assert at_end.outcome == CheckinOutcome.RECORDED
    late = await _check(db, 2, person, codes[1], datetime(2026, 12, 8, 16, 0, 1, tzinfo=WITA))
    assert late.outcome == CheckinOutcome.EXPIRED


async def test_once_per_session_and_codes_are_read_loosely(db: Database, clock: FixedClock) -> None:
    _, (person,), _, codes, _ = await _world(db, clock)
    at = START + timedelta(hours=1)
    assert (await _check(db, 1, person, codes[0].lower(), at)).outcome == CheckinOutcome.RECORDED
    again = await _check(db, 1, person, f"hadir_{codes[0][:3]} {codes[0][3:]}", at)
    assert again.outcome == CheckinOutcome.ALREADY
    async with db.reading() as s:
        assert await s.scalar(select(func.count()).select_from(SessionCheckin)) == 1
    assert normalise_code(" hadir_k7p 2qx ") == "K7P2QX"


async def test_not_enrolled_other_programs_code_and_unlinked(db: Database, clock: FixedClock) -> None:
    _, (person,), outsider, codes, other_code = await _world(db, clock)
    at = START + timedelta(hours=1)
    refused = await _check(db, 3, outsider, codes[0], at)
    assert refused.outcome == CheckinOutcome.NOT_ENROLLED
    # A participant sending the code of a program they are not in: the same, nothing recorded.
    assert (await _check(db, 1, person, other_code, at)).outcome == CheckinOutcome.NOT_ENROLLED
    assert (await _check(db, 4, None, codes[0], at)).outcome == CheckinOutcome.NOT_LINKED
    async with db.reading() as s:
        assert await s.scalar(select(func.count()).select_from(SessionCheckin)) == 0


async def test_wrong_and_expired_codes_count_against_the_limit(db: Database, clock: FixedClock) -> None:
    _, (person,), _, codes, _ = await _world(db, clock)
    at = START + timedelta(hours=1)
    lefts = [(await _check(db, 1, person, "ZZZZZZ", at + timedelta(minutes=i), limit=3)).attempts_left
             for i in range(3)]
    assert lefts == [2, 1, 0]
    blocked = await _check(db, 1, person, codes[0], at + timedelta(minutes=5), limit=3)
    assert blocked.outcome == CheckinOutcome.RATE_LIMITED
    assert blocked.retry_at == at + timedelta(hours=1)
    # Another user is not affected; an hour after the first miss the right code works.
    assert (await _check(db, 2, None, "ZZZZZZ", at, limit=3)).outcome == CheckinOutcome.UNKNOWN
    ok = await _check(db, 1, person, codes[0], at + timedelta(hours=1, minutes=1), limit=3)
    assert ok.outcome == CheckinOutcome.RECORDED
    async with db.reading() as s:
        assert await s.scalar(select(func.count()).select_from(CheckinAttempt)) == 4


async def test_200_concurrent_checkins_for_one_session_are_each_recorded_once(
    db: Database, clock: FixedClock
) -> None:
    program, people, _, codes, _ = await _world(db, clock, participants=200, days=1)
    at = START + timedelta(minutes=5)
    # Every participant at once, and each of the first 20 pressing twice.
    calls = [_check(db, 100 + i, p, codes[0], at) for i, p in enumerate(people)]
    calls += [_check(db, 100 + i, p, codes[0], at) for i, p in enumerate(people[:20])]
    results = await asyncio.gather(*calls)
    outcomes = [r.outcome for r in results]
    assert outcomes.count(CheckinOutcome.RECORDED) == 200
    assert outcomes.count(CheckinOutcome.ALREADY) == 20
    async with db.reading() as s:
        assert await s.scalar(select(func.count()).select_from(SessionCheckin)) == 200
        (line,) = await session_attendance(s, program)
    assert line.checked_in == 200 and line.code == codes[0]
