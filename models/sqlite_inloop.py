"""SQLite connections that run on the event loop's own thread, for quick work.

aiosqlite runs every call on a worker thread; each call is a round trip through a queue
and the event loop (about 0.15 ms here, 3 to 4 of them per statement), twenty times the
cost of the indexed query itself. For the bot's hot reads (who is this user, their
balance, a page of programs) that overhead was the whole answer time.

These connections call sqlite3 directly. That is safe only because they never wait on a
lock: readers are opened with `PRAGMA query_only` (in WAL mode readers never wait for
writers), and the writer takes the write lock with BEGIN IMMEDIATE and
`busy_timeout=0`, so when the lock is taken it gets an error at once and the caller
falls back to aiosqlite, where waiting happens off the event loop.

The objects below offer the small part of aiosqlite's API that SQLAlchemy's aiosqlite
dialect calls, so `create_async_engine(..., async_creator=...)` uses them unchanged.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any


class _Cursor:
    __slots__ = ("_cursor",)

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._cursor = connection.cursor()

    async def __aenter__(self) -> _Cursor:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self._cursor.close()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value

    async def execute(self, operation: str, parameters: Sequence[Any] = ()) -> _Cursor:
        self._cursor.execute(operation, parameters)
        return self

    async def executemany(self, operation: str, parameters: Iterable[Sequence[Any]]) -> _Cursor:
        self._cursor.executemany(operation, parameters)
        return self

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(size if size is not None else self._cursor.arraysize)

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def close(self) -> None:
        self._cursor.close()

    async def setinputsizes(self, *sizes: Any) -> None:
        return None

    async def nextset(self) -> None:
        return None


class _RunNow:
    """Stands in for aiosqlite's work queue: SQLAlchemy sets isolation_level through it."""

    __slots__ = ()

    def put_nowait(self, item: tuple[asyncio.Future[Any], Any]) -> None:
        future, function = item
        try:
            future.set_result(function())
        except Exception as error:  # handed to the awaiting caller
            future.set_exception(error)


class InLoopConnection:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._conn = connection
        self._connection: sqlite3.Connection | None = connection
        self._tx = _RunNow()

    def cursor(self) -> _Cursor:
        return _Cursor(self._conn)

    @property
    def isolation_level(self) -> str | None:
        return self._conn.isolation_level

    async def commit(self) -> None:
        self._conn.commit()

    async def rollback(self) -> None:
        self._conn.rollback()

    async def close(self) -> None:
        if self._connection is not None:
            self._connection = None
            self._conn.close()

    def stop(self) -> None:
        self._conn.close()

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        self._conn.create_function(*args, **kwargs)


def writer_factory(path: str):  # type: ignore[no-untyped-def]
    """In-loop connections for short write transactions that never wait for the lock.

    `busy_timeout=0`: when another connection (or process) holds the write lock,
    BEGIN IMMEDIATE fails at once and `Database.transaction(write=True)` falls back to
    aiosqlite, which waits for the lock off the event loop.
    """

    async def connect(*_args: Any, **_kwargs: Any) -> InLoopConnection:
        connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        for pragma in ("PRAGMA busy_timeout=0", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL"):
            connection.execute(pragma)
        # The aiosqlite engine switched the file to WAL when it first connected.
        return InLoopConnection(connection)

    return connect


def reader_factory(path: str):  # type: ignore[no-untyped-def]
    """An `async_creator` for create_async_engine: read-only in-loop connections."""

    async def connect(*_args: Any, **_kwargs: Any) -> InLoopConnection:
        # SQLAlchemy's pool may close a connection from another task; sqlite3 allows
        # that once same-thread checking is off (all calls still come from one thread).
        connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        connection.execute("PRAGMA query_only=ON")
        # In WAL mode a reader waits only in rare moments (WAL recovery): wait briefly,
        # never long enough to stall the bot.
        connection.execute("PRAGMA busy_timeout=200")
        return InLoopConnection(connection)

    return connect
