"""Planners run once per period at their time, catch up after downtime, in one process."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.context import AppContext
from bot.jobs.planner import plan_due
from bot.services.reminders.schedule import SchedulerLock
from bot.settings import Settings
from models import Holiday, OutboxMessage
from models.db import Database
from tests.units import in_unit
from tests.factories import WITA, link_account, make_employee, make_opd


async def _behind(db: Database, count: int = 3) -> None:
    async with db.writing() as s:
        opd = await make_opd(s)
        for n in range(count):
            await link_account(s, await make_employee(s, opd=opd, phone=None), 8_800_000 + n)


async def _count(db: Database) -> int:
    async with db.writing() as s:
        return await s.scalar(select(func.count()).select_from(OutboxMessage)) or 0


async def test_weekly_at_its_time_once_and_catching_up(
    db: Database, settings: Settings, clock: FixedClock
) -> None:
    await _behind(db)
    ctx = AppContext(settings, db, clock)
    lock = SchedulerLock(db.engine)
    clock.set(datetime(2026, 11, 30, 7, 55, tzinfo=WITA))  # Monday, before 08:00
    assert "behind" not in await plan_due(ctx, lock)
    clock.set(datetime(2026, 11, 30, 8, 0, tzinfo=WITA))
    assert (await plan_due(ctx, lock))["behind"] == 3
    clock.set(datetime(2026, 11, 30, 8, 5, tzinfo=WITA))
    assert "behind" not in await plan_due(ctx, lock)  # done for this week

    # Down all next Monday, back on Wednesday: it plans once, then not again.
    clock.set(datetime(2026, 12, 9, 10, 0, tzinfo=WITA))
    assert (await plan_due(ctx, lock))["behind"] == 3
    assert "behind" not in await plan_due(ctx, lock)
    assert await _count(db) == 6
    await lock.release()


async def test_holiday_moves_the_weekly_reminder(
    db: Database, settings: Settings, clock: FixedClock
) -> None:
    await _behind(db, 1)
    async with db.writing() as s:
        s.add(Holiday(day=date(2026, 12, 7), name="Cuti bersama"))
    ctx = AppContext(settings, db, clock)
    lock = SchedulerLock(db.engine)
    clock.set(datetime(2026, 12, 7, 9, 0, tzinfo=WITA))
    assert "behind" not in await plan_due(ctx, lock)
    clock.set(datetime(2026, 12, 8, 8, 0, tzinfo=WITA))
    assert (await plan_due(ctx, lock))["behind"] == 1
    await lock.release()


async def test_only_one_process_plans(db: Database, settings: Settings, clock: FixedClock) -> None:
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite deployments are one process; the lock is PostgreSQL's")
    other_engine_db = Database(db.url)
    first, second = SchedulerLock(db.engine), SchedulerLock(other_engine_db.engine)
    try:
        assert await first.acquire()
        assert not await second.acquire()
        await first.release()  # the first process stops (or dies)
        assert await second.acquire()
        assert await second.acquire()  # idempotent while held
    finally:
        await first.release()
        await second.release()
        await other_engine_db.dispose()


async def test_the_planner_sweeps_expired_drafts(
    db: Database, settings: Settings, clock: FixedClock
) -> None:
    from datetime import timedelta

    from bot.services import dialogs
    from bot.services.dialogs import DialogState

    day = timedelta(hours=24)
    await in_unit(db, dialogs.save, 1, DialogState("claim", "title"), clock.now() - 9 * day, day)
    await in_unit(db, dialogs.save, 2, DialogState("claim", "title"), clock.now() - 2 * day, day)
    await in_unit(db, dialogs.save, 3, DialogState("claim", "title"), clock.now(), day)
    ctx = AppContext(settings, db, clock)
    lock = SchedulerLock(db.engine)
    assert (await plan_due(ctx, lock)).get("drafts_dropped") == 1
    assert "drafts_dropped" not in await plan_due(ctx, lock)
    # Expired two days ago: kept a while, so its owner is told it expired.
    assert (await in_unit(db, dialogs.current, 2, clock.now())).expired_flow == "claim"
    assert (await in_unit(db, dialogs.current, 3, clock.now())).state is not None
    await lock.release()


async def test_wrong_codes_are_purged_after_their_retention(
    db: Database, settings: Settings, clock: FixedClock
) -> None:
    """/privasi says wrong link and check-in codes go after 30 days: the planner's tick
    deletes them then, and keeps the recent ones (the guess limits count those)."""
    from datetime import timedelta

    from models import CheckinAttempt, LinkAttempt

    now = datetime(2026, 12, 5, 10, 0, tzinfo=WITA)
    clock.set(now)
    async with db.writing() as s:
        for days in (31, 29, 0):
            s.add(LinkAttempt(telegram_user_id=7001, created_at=now - timedelta(days=days)))
            s.add(CheckinAttempt(telegram_user_id=7001, created_at=now - timedelta(days=days)))
    ctx, lock = AppContext(settings, db, clock), SchedulerLock(db.engine)
    try:
        assert (await plan_due(ctx, lock))["attempts_purged"] == 2
        async with db.writing() as s:
            for model in (LinkAttempt, CheckinAttempt):
                kept = (await s.scalars(select(model.created_at).order_by(model.created_at))).all()
                assert kept == [now - timedelta(days=29), now]
        done = await plan_due(ctx, lock)
        assert "drafts_dropped" not in done and "attempts_purged" not in done
        clock.set(now + timedelta(days=30))  # a month on: the two 29 days old go (one of each)
        assert (await plan_due(ctx, lock))["attempts_purged"] == 2
    finally:
        await lock.release()
