"""When planners are due, with catch-up after downtime, and who may run them.

A planner is due once per period (a week for the behind-target reminder, a day for
session reminders) at its time in the business time zone, moved to the next working
day where the calendar says so. `job_run` remembers the last completed run, so a bot
that was down at the scheduled moment plans once when it is back, and running the
check again plans nothing new (the outbox's dedupe keys make that doubly sure).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from bot.services.reminders.planning import next_working_day
from models import JobRun

# Any constant shared by every process of one deployment.
ADVISORY_LOCK_KEY = 7_202_611_280


async def last_run(session: AsyncSession, name: str) -> datetime | None:
    row = await session.get(JobRun, name)
    return row.last_run_at if row else None


async def record_run(session: AsyncSession, name: str, at: datetime) -> None:
    row = await session.get(JobRun, name)
    if row is None:
        session.add(JobRun(name=name, last_run_at=at, runs=1))
    else:
        row.last_run_at = at
        row.runs += 1


async def weekly_due_at(
    session: AsyncSession, today: date, weekday: int, at: time, tz: ZoneInfo
) -> datetime:
    """This week's moment: the configured weekday, or the next working day after it."""
    scheduled = today - timedelta(days=today.weekday() - weekday)
    day = await next_working_day(session, scheduled)
    return datetime.combine(day, at, tz)


def daily_due_at(today: date, at: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(today, at, tz)


def is_due(due_at: datetime, now: datetime, last: datetime | None) -> bool:
    """Due when its moment has passed and no run happened since that moment."""
    return now >= due_at and (last is None or last < due_at)


class SchedulerLock:
    """Only one process plans. On PostgreSQL: a session-level advisory lock held on a
    connection of its own for as long as the process lives (released by PostgreSQL
    when the process dies, so another takes over). SQLite deployments are one process."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._connection: AsyncConnection | None = None

    async def acquire(self) -> bool:
        if self.engine.dialect.name != "postgresql":
            return True
        if self._connection is not None:
            return True
        connection = await self.engine.connect()
        got = await connection.scalar(
            text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY}
        )
        await connection.commit()
        if got:
            self._connection = connection
            return True
        await connection.close()
        return False

    async def still_held(self) -> bool:
        """Whether the lock's connection is still there (a dropped connection loses the
        lock: PostgreSQL releases it and another process may take it)."""
        if self.engine.dialect.name != "postgresql":
            return True
        if self._connection is None:
            return False
        try:
            await self._connection.scalar(text("SELECT 1"))
            await self._connection.commit()
        except Exception:  # noqa: BLE001 - any failure means the session is gone
            connection, self._connection = self._connection, None
            try:
                await connection.close()
            except Exception:  # noqa: BLE001
                pass
            return False
        return True

    async def release(self) -> None:
        if self._connection is not None:
            # The pool keeps the server session alive, so unlock explicitly.
            await self._connection.execute(
                text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY}
            )
            await self._connection.commit()
            await self._connection.close()
            self._connection = None
