"""PostgreSQL limits from settings: a hung statement is cancelled by the server while other
sessions go on, long units get their own timeout, and the pool has the configured size."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from bot.settings import Settings
from models.db import Database
from tests.conftest import _pg_url

needs_pg = pytest.mark.skipif(_pg_url() is None, reason="needs TEST_DATABASE_URL (PostgreSQL)")

QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout


def _sqlstate(error: DBAPIError) -> str | None:
    orig = error.orig
    return getattr(orig, "sqlstate", None) or getattr(getattr(orig, "__cause__", None), "sqlstate", None)


@needs_pg
async def test_a_hung_query_is_cancelled_and_other_sessions_keep_working(pg_url: str) -> None:
    db = Database(pg_url, statement_timeout_seconds=1, pool_size=3)
    try:

        async def hung() -> None:
            async with db.reading() as session:
                await session.execute(text("SELECT pg_sleep(5)"))

        stuck = asyncio.create_task(hung())
        # Another session works while the first one is stuck in pg_sleep on the server.
        seen_sleeping = False
        for _ in range(500):
            async with db.reading() as session:
                sleeping = await session.scalar(
                    text(
                        "SELECT count(*) FROM pg_stat_activity "
                        "WHERE state = 'active' AND query LIKE 'SELECT pg_sleep(5)%'"
                    )
                )
            if sleeping:
                seen_sleeping = True
                break
            await asyncio.sleep(0.01)
        assert seen_sleeping
        async with db.writing() as session:
            assert await session.scalar(text("SELECT 1")) == 1

        with pytest.raises(DBAPIError) as caught:
            await stuck
        assert _sqlstate(caught.value) == QUERY_CANCELED
        assert "statement timeout" in str(caught.value.orig)
    finally:
        await db.dispose()


@needs_pg
async def test_long_units_get_the_long_timeout_for_their_transaction_only(pg_url: str) -> None:
    db = Database(pg_url, statement_timeout_seconds=1, long_statement_timeout_seconds=120)
    try:
        async with db.writing(long=True) as session:
            assert await session.scalar(text("SHOW statement_timeout")) == "2min"
        async with db.reading(long=True) as session:
            assert await session.scalar(text("SHOW statement_timeout")) == "2min"
        async with db.writing() as session:
            assert await session.scalar(text("SHOW statement_timeout")) == "1s"
        async with db.reading() as session:
            assert await session.scalar(text("SHOW statement_timeout")) == "1s"
    finally:
        await db.dispose()


@needs_pg
async def test_pool_size_and_timeouts_come_from_settings(pg_url: str) -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=pg_url,
        db_pool_size=4,
        db_pool_timeout_seconds=7,
        db_statement_timeout_seconds=12,
    )
    db = Database.from_settings(settings)
    try:
        assert db.engine.pool.size() == 4  # type: ignore[attr-defined]
        assert db.engine.pool.timeout() == 7  # type: ignore[attr-defined]
        async with db.reading() as session:
            assert await session.scalar(text("SHOW statement_timeout")) == "12s"
    finally:
        await db.dispose()


def test_the_defaults_are_bounded() -> None:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.db_statement_timeout_seconds == 30
    assert settings.db_pool_size == 10
    assert 0 < settings.db_pool_timeout_seconds
    assert settings.db_long_statement_timeout_seconds > settings.db_statement_timeout_seconds
