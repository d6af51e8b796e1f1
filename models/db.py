"""Engine and sessions. One `Database` per process; one transaction per unit of work."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any, Protocol

from sqlalchemy import event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from models.sqlite_inloop import reader_factory, writer_factory


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


DEFAULT_STATEMENT_TIMEOUT = 30.0
DEFAULT_LONG_STATEMENT_TIMEOUT = 600.0
DEFAULT_POOL_SIZE = 10
DEFAULT_POOL_TIMEOUT = 30.0


class DatabaseSettings(Protocol):
    """What the engine takes from the application's settings (bot/settings.py)."""

    database_url: str
    db_statement_timeout_seconds: float
    db_long_statement_timeout_seconds: float
    db_pool_size: int
    db_pool_timeout_seconds: float


def _milliseconds(seconds: float) -> str:
    return str(max(int(seconds * 1000), 0))


class Database:
    """Owns the engines. `reading()` and `writing()` are the only ways to a session: the
    handlers' unit of work (one per update), the jobs and the console open them; services
    receive the session."""

    def __init__(
        self,
        url: str,
        *,
        echo: bool = False,
        statement_timeout_seconds: float = DEFAULT_STATEMENT_TIMEOUT,
        long_statement_timeout_seconds: float = DEFAULT_LONG_STATEMENT_TIMEOUT,
        pool_size: int = DEFAULT_POOL_SIZE,
        pool_timeout_seconds: float = DEFAULT_POOL_TIMEOUT,
    ) -> None:
        """`url` is all most callers give; the rest applies to PostgreSQL only (see
        `from_settings`): the server cancels a statement after `statement_timeout_seconds`
        (`long_statement_timeout_seconds` in `long=True` units; 0: no limit), and the pool
        holds `pool_size` connections plus as many again under bursts, waiting at most
        `pool_timeout_seconds` for a free one."""
        self.url = url
        self.long_statement_timeout = long_statement_timeout_seconds
        kwargs: dict[str, Any] = {
            "echo": echo,
            # Bound values (phones, NIPs) must never reach logs or exception texts.
            "hide_parameters": True,
        }
        if is_sqlite(url):
            kwargs["connect_args"] = {"timeout": 30}
        else:
            kwargs["pool_pre_ping"] = True
            kwargs["pool_size"] = pool_size
            kwargs["max_overflow"] = pool_size
            kwargs["pool_timeout"] = pool_timeout_seconds
            if make_url(url).get_backend_name() == "postgresql":
                kwargs["connect_args"] = {
                    "server_settings": {
                        "statement_timeout": _milliseconds(statement_timeout_seconds)
                    }
                }
        self.engine = create_async_engine(url, **kwargs)
        if is_sqlite(url):
            event.listen(self.engine.sync_engine, "connect", _sqlite_connect)
            event.listen(self.engine.sync_engine, "begin", _sqlite_begin)
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False)
        # Hot read paths on SQLite use in-loop read-only connections (see sqlite_inloop).
        self.reader = self.engine
        self.writer: AsyncEngine | None = None
        path = make_url(url).database
        if is_sqlite(url) and path and path != ":memory:" and not path.startswith("file:"):
            self.reader = create_async_engine(
                url, hide_parameters=True, async_creator=reader_factory(path)
            )
            # No BEGIN: each read is its own snapshot, one statement less per answer.
            # One in-loop writer: write transactions are serial in SQLite anyway.
            self.writer = create_async_engine(
                url,
                hide_parameters=True,
                async_creator=writer_factory(path),
                pool_size=1,
                max_overflow=0,
            )
            event.listen(self.writer.sync_engine, "begin", _sqlite_begin)
            self.write_sessionmaker = async_sessionmaker(self.writer, expire_on_commit=False)
        self.read_sessionmaker = async_sessionmaker(self.reader, expire_on_commit=False)

    def reading(self, *, long: bool = False) -> AbstractAsyncContextManager[AsyncSession]:
        """A session that only reads.

        Quick, indexed reads (the default) run on SQLite's in-loop read-only connections:
        each statement reads its own snapshot, and a write raises at once. `long=True` for
        reads that scan large tables (reports, exports): one snapshot, off the event loop.
        """
        if long:
            return self._session(self.sessionmaker, begin=None, long=True)
        return self._session(self.read_sessionmaker, begin=None)

    def writing(self, *, long: bool = False) -> AbstractAsyncContextManager[AsyncSession]:
        """A session in a write transaction: committed on success, rolled back on any error.

        The write lock is taken when the transaction begins (SQLite `BEGIN IMMEDIATE`), so a
        busy database makes the caller wait its turn (up to the busy timeout, off the event
        loop) instead of failing when a read later turns into a write. On PostgreSQL an
        ordinary transaction; rows that must not change meanwhile are locked with
        SELECT … FOR UPDATE by the service. `long=True` for statements that take long
        (planners, imports): they never run on the event loop's own thread, and on
        PostgreSQL they get the long statement timeout.
        """
        if long or self.writer is None:
            return self._session(self.sessionmaker, begin="BEGIN IMMEDIATE", long=long)
        return self._in_loop_writing()

    @classmethod
    def from_settings(cls, settings: DatabaseSettings, *, url: str | None = None) -> Database:
        """The application's engine: the URL, timeouts and pool from its settings."""
        return cls(
            url or settings.database_url,
            statement_timeout_seconds=settings.db_statement_timeout_seconds,
            long_statement_timeout_seconds=settings.db_long_statement_timeout_seconds,
            pool_size=settings.db_pool_size,
            pool_timeout_seconds=settings.db_pool_timeout_seconds,
        )

    @asynccontextmanager
    async def _session(
        self, maker: async_sessionmaker[AsyncSession], *, begin: str | None, long: bool = False
    ) -> AsyncIterator[AsyncSession]:
        async with maker() as session, session.begin():
            if begin is not None:
                await session.connection(execution_options={"sqlite_begin": begin})
            if long and self.engine.dialect.name == "postgresql":
                # For this transaction only (SET LOCAL): imports, planners and reports
                # legitimately run longer than a quick answer's statement may.
                await session.execute(
                    select(func.set_config("statement_timeout",
                                           _milliseconds(self.long_statement_timeout), True))
                )
            yield session

    @asynccontextmanager
    async def _in_loop_writing(self) -> AsyncIterator[AsyncSession]:
        """The in-loop writer when the lock is free (no thread round trips); through
        aiosqlite, which waits for the lock off the event loop, when it is taken."""
        fast = await self._in_loop_write_session()
        if fast is None:
            async with self._session(self.sessionmaker, begin="BEGIN IMMEDIATE") as session:
                yield session
            return
        async with fast:
            try:
                yield fast
            except BaseException:
                await fast.rollback()
                raise
            await fast.commit()

    async def execute_write(self, statement: Any, parameters: Any = None) -> Any:
        """One statement in a write transaction of its own, without an ORM session (the
        outbox marks each message right after sending it, so this is on the hot path)."""
        if self.writer is not None:
            connection = await self.writer.connect()
            try:
                connection = await connection.execution_options(sqlite_begin="BEGIN IMMEDIATE")
                try:
                    await connection.begin()
                    began = True
                except OperationalError:
                    began = False  # the lock is taken: wait for it off the loop below
                if began:
                    try:
                        result = await connection.execute(statement, parameters)
                    except BaseException:
                        await connection.rollback()
                        raise
                    await connection.commit()
                    return result
            finally:
                await connection.close()
        async with self.engine.connect() as connection:
            connection = await connection.execution_options(sqlite_begin="BEGIN IMMEDIATE")
            async with connection.begin():
                return await connection.execute(statement, parameters)

    async def _in_loop_write_session(self) -> AsyncSession | None:
        """A session holding SQLite's write lock on the in-loop writer, or None when the
        lock is taken elsewhere (then the caller waits for it through aiosqlite)."""
        session = self.write_sessionmaker()
        try:
            await session.connection(execution_options={"sqlite_begin": "BEGIN IMMEDIATE"})
        except OperationalError:
            await session.close()
            return None
        return session

    async def dispose(self) -> None:
        await self.engine.dispose()
        if self.reader is not self.engine:
            await self.reader.dispose()
        if self.writer is not None:
            await self.writer.dispose()


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # The sqlite3 driver opens transactions lazily, on the first write, which breaks
    # SAVEPOINTs taken before any write (a nested rollback could end the outer
    # transaction). SQLAlchemy's documented recipe: the driver never emits BEGIN,
    # we emit it ourselves when SQLAlchemy begins.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode")
    if str(cursor.fetchone()[0]).lower() != "wal":
        # Switching needs the database to itself; once WAL, it stays WAL (in the file).
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    connection.exec_driver_sql(connection.get_execution_options().get("sqlite_begin", "BEGIN"))
