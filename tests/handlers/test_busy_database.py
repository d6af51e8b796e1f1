"""No user ever sees "database is locked": every handler that writes waits for a busy
database and then answers as usual.

The list of writing handlers comes from the routes themselves (`work=Work.WRITE`), so a
new one without a scenario in tests/handlers/<feature>/busy.py fails here. Each action
runs while another connection holds SQLite's write lock (BEGIN IMMEDIATE in a separate
sqlite3 connection, as a running import or a second process would) or, on PostgreSQL, an
EXCLUSIVE lock on a table the action writes, for HOLD_SECONDS. The action must not
finish before the lock is let go, and must then give its normal answer. What is
compared is the order of events, never how long anything took.
"""

from __future__ import annotations

import asyncio
import importlib
import pkgutil
import shutil
import sqlite3
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.engine import make_url

import handlers
import tests.handlers as handler_tests
from bot.app import build_application
from bot.clock import FixedClock
from bot.settings import Settings
from handlers.core.routes import writing_routes
from models import Base
from models.db import Database
from tests.bot_harness import BotHarness
from tests.busy import SCENARIOS, Scenario
from tests.conftest import WITA, _pg_url
from tests.factories import CERTIFICATE_SECRET, LINK_SECRET
from tests.ptb_offline import RecordingRequest

HOLD_SECONDS = 3.0  # SQLite: the write lock of the whole database, as the issue measured it
PG_HOLD_SECONDS = 1.0  # PostgreSQL: a table lock; waiting is the server's, one second shows it

for _feature in pkgutil.iter_modules(handler_tests.__path__):
    if _feature.ispkg:
        try:
            importlib.import_module(f"tests.handlers.{_feature.name}.busy")
        except ModuleNotFoundError as exc:
            if exc.name != f"tests.handlers.{_feature.name}.busy":
                raise
handlers.load_routes()
WRITERS = sorted({route.name for route in writing_routes()})


def _route_of(key: str) -> str:
    """`route#variant` names a second scenario of one route (e.g. another kind of input)."""
    return key.split("#", 1)[0]


def test_every_writing_handler_has_a_busy_scenario() -> None:
    covered = {_route_of(key) for key in SCENARIOS}
    missing = [name for name in WRITERS if name not in covered]
    assert not missing, f"writing routes without a scenario in tests/handlers/*/busy.py: {missing}"
    stale = sorted(key for key in SCENARIOS if _route_of(key) not in WRITERS)
    assert not stale, f"scenarios for routes that do not write (or do not exist): {stale}"


class _SqliteLock:
    """Another connection (as another process would) holding the write lock."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.locked, self.release, self.released = (threading.Event(), threading.Event(),
                                                     threading.Event())

    def hold(self) -> None:
        conn = sqlite3.connect(self.path, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            self.locked.set()
            self.release.wait(HOLD_SECONDS * 4)  # bounded, even if the test goes wrong
            self.released.set()
            conn.execute("COMMIT")
        finally:
            conn.close()


async def _hold_while(scenario: Scenario, db: Database, db_url: str, act: object) -> tuple[str, bool]:
    """Run `act` while the lock is held; returns its answer and whether the lock had
    been let go by the time the action finished."""
    finished_after_release = False
    if db.writer is not None or make_url(db_url).get_backend_name() == "sqlite":
        path = make_url(db_url).database
        assert path is not None
        lock = _SqliteLock(path)
        holder = threading.Thread(target=lock.hold)
        holder.start()
        assert await asyncio.to_thread(lock.locked.wait, 10)

        async def action() -> str:
            nonlocal finished_after_release
            answer = await act()  # type: ignore[operator]
            finished_after_release = lock.released.is_set()
            return answer

        async def let_go() -> None:
            await asyncio.sleep(HOLD_SECONDS)
            lock.release.set()

        answer, _ = await asyncio.gather(action(), let_go())
        await asyncio.to_thread(holder.join, 10)
        return answer, finished_after_release
    # PostgreSQL: a transaction of another connection locks a table the action writes.
    released = asyncio.Event()
    async with db.engine.connect() as other:
        transaction = await other.begin()
        await other.execute(text(f"LOCK TABLE {scenario.table} IN EXCLUSIVE MODE"))

        async def action() -> str:
            nonlocal finished_after_release
            answer = await act()  # type: ignore[operator]
            finished_after_release = released.is_set()
            return answer

        async def let_go() -> None:
            await asyncio.sleep(PG_HOLD_SECONDS)
            released.set()
            await transaction.commit()

        answer, _ = await asyncio.gather(action(), let_go())
    return answer, finished_after_release


@asynccontextmanager
async def _bot_on(url: str) -> AsyncIterator[tuple[BotHarness, Database, FixedClock]]:
    """The real Application on the database at `url`, as the `harness` fixture makes it."""
    db = Database(url)
    settings = Settings(_env_file=None, telegram_bot_token="123456:TEST", database_url=url,  # type: ignore[call-arg]
                        link_code_secret=LINK_SECRET, certificate_secret=CERTIFICATE_SECRET)
    clock = FixedClock(datetime(2026, 11, 28, 10, 0, tzinfo=WITA))
    request = RecordingRequest()
    app = build_application(settings, db, clock, request=request, rate_limit=False)
    await app.initialize()
    try:
        yield BotHarness(app, request), db, clock
    finally:
        await app.shutdown()
        await db.dispose()


async def _run(key: str, url: str) -> str | None:
    """One scenario: what went wrong, or None."""
    scenario = SCENARIOS[key]
    async with _bot_on(url) as (bot, db, clock):
        busy = await scenario.prepare(bot, db, clock)
        answer, after_release = await _hold_while(scenario, db, url, busy.act)
        if not after_release:
            return "finished while the database was still locked"
        try:
            await busy.check(answer)
        except AssertionError as exc:
            return f"answered {answer!r}: {exc}"
    return None


@pytest.mark.slow
async def test_every_writing_handler_waits_for_a_busy_sqlite_database(
    sqlite_template: Path, tmp_path: Path
) -> None:
    """All scenarios at once, each on its own SQLite file with its own lock holder, so
    the suite waits for one hold, not one per handler."""

    async def one(key: str) -> tuple[str, str | None]:
        path = tmp_path / f"{key.replace('#', '-')}.db"
        shutil.copy(sqlite_template, path)
        return key, await _run(key, f"sqlite+aiosqlite:///{path}")

    results = await asyncio.gather(*(one(key) for key in sorted(SCENARIOS)))
    assert {key: problem for key, problem in results if problem is not None} == {}
    assert len(results) == len(SCENARIOS) >= len(WRITERS)


@pytest.mark.slow
@pytest.mark.skipif(not _pg_url(), reason="PostgreSQL: set TEST_DATABASE_URL")
@pytest.mark.parametrize("key", sorted(SCENARIOS))
async def test_a_writing_handler_waits_for_a_locked_postgresql_table(key: str, pg_url: str) -> None:
    engine = create_async_engine(pg_url)
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    async with engine.begin() as conn:
        await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    await engine.dispose()
    assert await _run(key, pg_url) is None
