"""The transaction helper keeps savepoints honest on every backend."""

from __future__ import annotations

from sqlalchemy import func, select

from models import Opd
from models.db import Database
from tests.factories import make_opd


async def test_savepoint_before_any_write_rolls_back_only_itself(db: Database) -> None:
    async with db.writing() as session:
        nested = await session.begin_nested()  # before the outer transaction wrote anything
        await make_opd(session, "Dibatalkan")
        await nested.rollback()
        await make_opd(session, "Disimpan")

    async with db.writing() as session:
        names = (await session.scalars(select(Opd.name))).all()
    assert names == ["Disimpan"]


async def test_outer_rollback_undoes_a_released_savepoint(db: Database) -> None:
    class Boom(Exception):
        pass

    try:
        async with db.writing() as session:
            async with session.begin_nested():
                await make_opd(session, "Tidak jadi")
            raise Boom
    except Boom:
        pass

    async with db.writing() as session:
        assert await session.scalar(select(func.count()).select_from(Opd)) == 0


async def test_read_sessions_see_committed_data_and_never_write(db: Database) -> None:
    async with db.writing() as session:
        await make_opd(session, "Terbaca")
    async with db.reading() as session:
        assert (await session.scalars(select(Opd.name))).all() == ["Terbaca"]
    failed = False
    try:
        async with db.reading() as session:
            await make_opd(session, "Tidak boleh")
    except Exception:
        failed = True
    # SQLite refuses at once (query_only); on PostgreSQL read() is an ordinary
    # transaction, so only the SQLite run is held to this.
    if db.reader is not db.engine:
        assert failed
        async with db.writing() as session:
            assert await session.scalar(select(func.count()).select_from(Opd)) == 1


async def test_write_transaction_waits_off_the_loop_when_the_lock_is_taken(
    db: Database, db_url: str
) -> None:
    """Another process holds SQLite's write lock: the bot keeps answering meanwhile."""
    if db.writer is None:
        return  # PostgreSQL: row locks, no in-loop writer
    import asyncio
    import sqlite3
    import threading

    from sqlalchemy.engine import make_url

    path = make_url(db_url).database
    assert path is not None
    locked, release = threading.Event(), threading.Event()

    def other_process() -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO opd (name) VALUES ('Dari proses lain')")
        locked.set()
        release.wait(5)
        conn.execute("COMMIT")
        conn.close()

    holder = threading.Thread(target=other_process)
    holder.start()
    await asyncio.to_thread(locked.wait, 5)

    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        for _ in range(20):  # bounded
            await asyncio.sleep(0.01)
            ticks += 1

    async def write() -> None:
        async with db.writing() as session:
            await make_opd(session, "Dari bot")

    async def let_go() -> None:
        await asyncio.sleep(0.15)
        release.set()

    await asyncio.gather(write(), ticker(), let_go())
    holder.join(5)
    assert ticks == 20  # the loop was never blocked while the write waited
    async with db.reading() as session:
        names = set((await session.scalars(select(Opd.name))).all())
    assert names == {"Dari proses lain", "Dari bot"}
