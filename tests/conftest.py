"""Shared fixtures: a migrated database per test (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator, Coroutine
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from bot.clock import FixedClock
from tests.factories import CERTIFICATE_SECRET, LINK_SECRET
from bot.settings import Settings
from models import Base
from models.db import Database
from models.schema import upgrade

WITA = ZoneInfo("Asia/Makassar")


def _pg_url() -> str | None:
    raw = os.environ.get("TEST_DATABASE_URL")
    if not raw:
        return None
    url = make_url(raw)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+asyncpg")
    return url.render_as_string(hide_password=False)


def _run_in_thread(coro: Coroutine[Any, Any, None]) -> None:
    """Session fixtures may be first requested from inside a test's event loop."""
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, coro).result()


BACKENDS = ["sqlite"] + (["postgresql"] if _pg_url() else [])


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file, copied for each test (migrating per test is slower)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    _run_in_thread(upgrade(f"sqlite+aiosqlite:///{path}"))
    return path


async def _reset_pg(url: str) -> None:
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text("DROP SCHEMA public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await engine.dispose()
    await upgrade(url)


@pytest.fixture(scope="session")
def pg_url() -> str:
    url = _pg_url()
    assert url is not None
    _run_in_thread(_reset_pg(url))
    return url


@pytest.fixture(params=BACKENDS)
async def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        path = tmp_path / "test.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite+aiosqlite:///{path}"
        return
    url = request.getfixturevalue("pg_url")
    engine = create_async_engine(url)
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    async with engine.begin() as conn:
        await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    await engine.dispose()
    yield url


@pytest.fixture
async def db(db_url: str) -> AsyncIterator[Database]:
    database = Database(db_url)
    yield database
    await database.dispose()


@pytest.fixture
def clock() -> FixedClock:
    """Saturday 28 November 2026, 10:00 WITA."""
    return FixedClock(datetime(2026, 11, 28, 10, 0, tzinfo=WITA))


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token="123456:TEST",
        database_url=db_url,
        link_code_secret=LINK_SECRET,
        certificate_secret=CERTIFICATE_SECRET,
    )


from tests.bot_harness import harness  # noqa: E402,F401 - the Application fixture, for every test folder
