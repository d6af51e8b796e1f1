"""Backing up and restoring the SQLite database file (PostgreSQL has pg_dump).

Backup uses SQLite's online backup API in one step: one read transaction, so the copy is
a consistent snapshot of everything committed when it began, and in WAL mode the bot's
writers go on meanwhile (readers never block writers). The copy is written to FILE.tmp,
switched out of WAL (one self-contained file), checked with `PRAGMA integrity_check`,
synced, and only then renamed to FILE.

Restore refuses while any other connection has the database open (a running bot would
keep writing into the file it opened, and those writes would be lost), checks that the
backup is sound and that this code knows its schema revision, then puts a copy in place
with one rename. The replaced database is kept beside it; stale -wal/-shm files of the
old database are removed (SQLite would otherwise replay them into the restored one).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url

from models.schema import alembic_config

KEPT_SUFFIX = ".before-restore"


class Problem(StrEnum):
    """Why a backup or restore did not happen; each has a console message."""

    SOURCE_MISSING = "source_missing"
    SAME_FILE = "same_file"
    NOT_A_DATABASE = "not_a_database"
    DAMAGED = "damaged"
    NO_REVISION = "no_revision"
    NEWER_REVISION = "newer_revision"
    IN_USE = "in_use"


class BackupError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    size: int
    revision: str | None
    outdated: bool  # an older schema revision than this code's: `db upgrade` after restoring


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL; None for other databases and in-memory ones."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def backup(source: Path, target: Path) -> BackupInfo:
    """A consistent copy of the live database `source` at `target` (replaced if present)."""
    if not source.is_file():
        raise BackupError(Problem.SOURCE_MISSING)
    if target.exists() and target.resolve() == source.resolve():
        raise BackupError(Problem.SAME_FILE)
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    src = _open(source, busy_timeout_ms=30_000)
    try:
        dst = sqlite3.connect(tmp, isolation_level=None)
        try:
            src.backup(dst)  # pages=-1: the whole file in one step, one snapshot
            dst.execute("PRAGMA journal_mode=DELETE")
            _require_intact(dst)
        finally:
            dst.close()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    _fsync(tmp)
    os.replace(tmp, target)
    _fsync_dir(target.parent)
    return inspect(target)


def inspect(path: Path) -> BackupInfo:
    """Check a backup file: a sound SQLite database at a schema revision this code knows."""
    if not path.is_file():
        raise BackupError(Problem.SOURCE_MISSING)
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        raise BackupError(Problem.NOT_A_DATABASE) from None
    try:
        try:
            _require_intact(connection)
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except BackupError:
            raise
        except sqlite3.DatabaseError as exc:
            if "no such table" in str(exc):
                raise BackupError(Problem.NO_REVISION) from None
            raise BackupError(Problem.NOT_A_DATABASE) from None
    finally:
        connection.close()
    if row is None:
        raise BackupError(Problem.NO_REVISION)
    revision = str(row[0])
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    known = {rev.revision for rev in script.walk_revisions()}
    if revision not in known:
        raise BackupError(Problem.NEWER_REVISION)
    outdated = revision not in script.get_heads()
    return BackupInfo(path, path.stat().st_size, revision, outdated)


def restore(source: Path, target: Path) -> BackupInfo:
    """Put the backup `source` in place of the database `target`; the database must not be
    open anywhere (stop the bot first). The replaced file is kept as target.before-restore."""
    info = inspect(source)
    if target.exists() and target.resolve() == source.resolve():
        raise BackupError(Problem.SAME_FILE)
    tmp = target.with_name(target.name + ".restore.tmp")
    tmp.unlink(missing_ok=True)
    guard = _exclusive(target) if target.exists() else None
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(tmp, isolation_level=None)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
                _require_intact(dst)
            finally:
                dst.close()
        finally:
            src.close()
        _fsync(tmp)
        if guard is not None:
            # Closing folds the old WAL into the old file, which is kept below.
            guard.close()
            guard = None
            kept = target.with_name(target.name + KEPT_SUFFIX)
            kept.unlink(missing_ok=True)
            os.link(target, kept)
        for suffix in ("-wal", "-shm", "-journal"):
            target.with_name(target.name + suffix).unlink(missing_ok=True)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        if guard is not None:
            guard.close()
    return BackupInfo(target, target.stat().st_size, info.revision, info.outdated)


def _open(path: Path, *, busy_timeout_ms: int) -> sqlite3.Connection:
    # mode=rw: never creates a database that is not there.
    connection = sqlite3.connect(f"file:{path}?mode=rw", uri=True, isolation_level=None)
    connection.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
    return connection


def _exclusive(path: Path) -> sqlite3.Connection:
    """A connection holding the database to itself; IN_USE when anything else has it open.

    In WAL mode every open connection holds a shared lock, even when idle, so the
    exclusive locking mode can only be had when no other connection exists."""
    try:
        connection = _open(path, busy_timeout_ms=0)
    except sqlite3.Error:
        raise BackupError(Problem.NOT_A_DATABASE) from None
    try:
        connection.execute("PRAGMA locking_mode=EXCLUSIVE")
        connection.execute("BEGIN EXCLUSIVE")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        connection.execute("COMMIT")
    except sqlite3.OperationalError:
        connection.close()
        raise BackupError(Problem.IN_USE) from None
    except sqlite3.DatabaseError:
        connection.close()
        raise BackupError(Problem.NOT_A_DATABASE) from None
    return connection


def _require_intact(connection: sqlite3.Connection) -> None:
    rows = connection.execute("PRAGMA integrity_check").fetchall()
    if rows != [("ok",)]:
        raise BackupError(Problem.DAMAGED)


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
