"""SQLite backup and restore (models/backup.py): a backup taken while the bot writes holds
every row committed before it began, and restore never swaps a database that is in use."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models import Opd
from models.backup import KEPT_SUFFIX, BackupError, Problem, backup, inspect, restore
from models.db import Database
from tests.factories import make_opd

WRITES = 400


def _integrity(path: Path) -> list[tuple[str]]:
    with closing(sqlite3.connect(path)) as connection, connection:
        return connection.execute("PRAGMA integrity_check").fetchall()


def _opd_names(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as connection, connection:
        return [row[0] for row in connection.execute("SELECT name FROM opd ORDER BY id")]


@pytest.fixture
def live(sqlite_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "live.db"
    shutil.copy(sqlite_template, path)
    return path


async def test_a_backup_taken_during_writes_restores_every_row_committed_before_it(
    live: Path, tmp_path: Path
) -> None:
    db = Database(f"sqlite+aiosqlite:///{live}")
    committed = 0
    enough_before = asyncio.Event()

    async def writer() -> None:
        nonlocal committed
        for n in range(WRITES):
            async with db.writing() as session:
                await make_opd(session, f"OPD {n:04d}")
            committed += 1
            if committed == WRITES // 4:
                enough_before.set()
            await asyncio.sleep(0)

    writing = asyncio.create_task(writer())
    try:
        await enough_before.wait()
        before_backup = committed  # rows the bot had committed when the backup began
        info = await asyncio.to_thread(backup, live, tmp_path / "cadangan.db")
        await writing
    finally:
        await db.dispose()

    assert info.revision is not None and not info.outdated
    assert not (tmp_path / "cadangan.db.tmp").exists()
    assert _integrity(tmp_path / "cadangan.db") == [("ok",)]
    # The live database got every write: the backup held no writer up for good.
    assert len(_opd_names(live)) == WRITES

    fresh = tmp_path / "elsewhere" / "restored.db"
    fresh.parent.mkdir()
    restore(tmp_path / "cadangan.db", fresh)
    names = _opd_names(fresh)
    assert _integrity(fresh) == [("ok",)]
    # A consistent snapshot: a prefix of the writes, at least those committed before it.
    assert len(names) >= before_backup
    assert names == [f"OPD {n:04d}" for n in range(len(names))]


async def test_restore_refuses_while_the_database_is_open_and_works_once_closed(
    live: Path, tmp_path: Path
) -> None:
    saved = tmp_path / "cadangan.db"
    db = Database(f"sqlite+aiosqlite:///{live}")
    try:
        async with db.writing() as session:
            await make_opd(session, "Sebelum cadangan")
        backup(live, saved)
        async with db.writing() as session:
            await make_opd(session, "Sesudah cadangan")
        async with db.reading() as session:  # the bot keeps its connections open
            assert await session.scalar(select(func.count()).select_from(Opd)) == 2
        with pytest.raises(BackupError) as refused:
            restore(saved, live)
        assert refused.value.problem == Problem.IN_USE
        assert len(_opd_names(live)) == 2  # nothing changed
    finally:
        await db.dispose()

    restored = restore(saved, live)
    assert restored.path == live and not restored.outdated
    assert _opd_names(live) == ["Sebelum cadangan"]
    assert not Path(f"{live}-wal").exists() and not Path(f"{live}-shm").exists()
    # The replaced database is kept beside it, with the rows the backup did not have.
    assert _opd_names(live.with_name(live.name + KEPT_SUFFIX)) == [
        "Sebelum cadangan", "Sesudah cadangan"
    ]
    # The bot opens the restored file as usual.
    db = Database(f"sqlite+aiosqlite:///{live}")
    try:
        async with db.writing() as session:
            await make_opd(session, "Sesudah pemulihan")
    finally:
        await db.dispose()
    assert len(_opd_names(live)) == 2


def test_restore_checks_the_backup_first(live: Path, tmp_path: Path) -> None:
    junk = tmp_path / "bukan.db"
    junk.write_bytes(b"this is not a database, just text" * 100)
    newer = tmp_path / "lebih-baru.db"
    backup(live, newer)
    with closing(sqlite3.connect(newer)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    empty = tmp_path / "kosong.db"
    sqlite3.connect(empty).close()
    for path, problem in (
        (junk, Problem.NOT_A_DATABASE),
        (newer, Problem.NEWER_REVISION),
        (empty, Problem.NO_REVISION),
        (tmp_path / "tidak-ada.db", Problem.SOURCE_MISSING),
    ):
        with pytest.raises(BackupError) as refused:
            restore(path, live)
        assert refused.value.problem == problem, path
    assert _integrity(live) == [("ok",)]


def test_an_older_revision_is_restored_and_flagged_for_upgrade(live: Path, tmp_path: Path) -> None:
    older = tmp_path / "lama.db"
    backup(live, older)
    with closing(sqlite3.connect(older)) as connection, connection:
        head = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    from alembic.script import ScriptDirectory

    from models.schema import alembic_config

    previous = ScriptDirectory.from_config(alembic_config("sqlite://")).get_revision(head).down_revision
    assert isinstance(previous, str)
    with closing(sqlite3.connect(older)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (previous,))
    assert inspect(older).outdated
    assert restore(older, tmp_path / "baru.db").outdated


def test_backup_never_creates_or_overwrites_the_source(tmp_path: Path, live: Path) -> None:
    with pytest.raises(BackupError) as missing:
        backup(tmp_path / "tidak-ada.db", tmp_path / "x.db")
    assert missing.value.problem == Problem.SOURCE_MISSING
    assert not (tmp_path / "tidak-ada.db").exists()
    with pytest.raises(BackupError) as same:
        backup(live, live)
    assert same.value.problem == Problem.SAME_FILE
