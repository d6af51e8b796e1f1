"""Engine and sessions. One `Database` per process; one transaction per unit of work."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from models.sqlite_inloop import reader_factory


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


class Database:
    """Owns the async engine; `transaction()` is the only way services get a session."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        kwargs: dict[str, Any] = {
            "echo": echo,
            # Bound values (phones, NIPs) must never reach logs or exception texts.
            "hide_parameters": True,
        }
        if is_sqlite(url):
            kwargs["connect_args"] = {"timeout": 30}
        else:
            kwargs["pool_pre_ping"] = True
        self.engine = create_async_engine(url, **kwargs)
        if is_sqlite(url):
            event.listen(self.engine.sync_engine, "connect", _sqlite_connect)
            event.listen(self.engine.sync_engine, "begin", _sqlite_begin)
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False)
        # Hot read paths on SQLite use in-loop read-only connections (see sqlite_inloop).
        self.reader = self.engine
        path = make_url(url).database
        if is_sqlite(url) and path and path != ":memory:" and not path.startswith("file:"):
            self.reader = create_async_engine(
                url, hide_parameters=True, async_creator=reader_factory(path)
            )
            # No BEGIN: each read is its own snapshot, one statement less per answer.
        self.read_sessionmaker = async_sessionmaker(self.reader, expire_on_commit=False)

    @asynccontextmanager
    async def transaction(self, *, write: bool = False) -> AsyncIterator[AsyncSession]:
        """A session inside one transaction: committed on success, rolled back on any error.

        `write=True` for read-then-write work that must not interleave (seat counting):
        SQLite takes its write lock at BEGIN (waiting its turn) instead of failing when a
        reader later tries to write; on PostgreSQL, lock rows with SELECT … FOR UPDATE.
        """
        async with self.sessionmaker() as session, session.begin():
            if write:
                await session.connection(execution_options={"sqlite_begin": "BEGIN IMMEDIATE"})
            yield session

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        """A read-only session for quick indexed reads (a write raises at once on SQLite).

        On SQLite each statement reads its own snapshot (no BEGIN is sent). Use
        `transaction()` for anything that writes, needs one snapshot across statements
        or scans large tables: reads here run on the event loop itself.
        """
        async with self.read_sessionmaker() as session, session.begin():
            yield session

    async def dispose(self) -> None:
        await self.engine.dispose()
        if self.reader is not self.engine:
            await self.reader.dispose()


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # The sqlite3 driver opens transactions lazily, on the first write, which breaks
    # SAVEPOINTs taken before any write (a nested rollback could end the outer
    # transaction). SQLAlchemy's documented recipe: the driver never emits BEGIN,
    # we emit it ourselves when SQLAlchemy begins.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    connection.exec_driver_sql(connection.get_execution_options().get("sqlite_begin", "BEGIN"))
