"""`backup FILE` and `restore FILE`: the SQLite database file, safely while the bot runs
(backup) or once it is stopped (restore); for PostgreSQL the pg_dump commands to use."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from bot.cli.console import EXIT_DATABASE, EXIT_INPUT, EXIT_OK, EXIT_USAGE, Console
from bot.settings import Settings
from models.backup import KEPT_SUFFIX, BackupError, Problem, backup, restore, sqlite_file

_EXIT = {Problem.IN_USE: EXIT_DATABASE, Problem.NEWER_REVISION: EXIT_DATABASE}


async def cmd_backup(console: Console, settings: Settings, file: Path) -> int:
    database = _database_file(console, settings, file)
    if database is None:
        return EXIT_USAGE
    try:
        info = await asyncio.to_thread(backup, database, file)
    except BackupError as exc:
        return _problem(console, exc, database)
    console.say("cli.backup_done", path=info.path, size=_megabytes(info.size),
                revision=info.revision)
    return EXIT_OK


async def cmd_restore(console: Console, settings: Settings, file: Path) -> int:
    database = _database_file(console, settings, file)
    if database is None:
        return EXIT_USAGE
    had_database = database.exists()
    try:
        info = await asyncio.to_thread(restore, file, database)
    except BackupError as exc:
        return _problem(console, exc, file)
    console.say("cli.restore_done", source=file, path=database, revision=info.revision)
    if had_database:
        console.say("cli.restore_kept", path=database.with_name(database.name + KEPT_SUFFIX))
    if info.outdated:
        console.say("cli.restore_outdated")
    return EXIT_OK


def _database_file(console: Console, settings: Settings, file: Path) -> Path | None:
    """The SQLite file to work on; None (and the operator told what to do) otherwise."""
    path = sqlite_file(settings.database_url)
    if path is not None:
        return path
    url = make_url(settings.database_url)
    if url.get_backend_name() == "postgresql":
        # Never the password: pg_dump reads it from PGPASSWORD or ~/.pgpass.
        plain = URL.create(
            "postgresql", username=url.username, host=url.host, port=url.port,
            database=url.database, query=url.query,
        ).render_as_string(hide_password=False)
        console.warn("cli.backup_postgres", url=plain, file=file)
    else:
        console.warn("cli.backup_not_a_file")
    return None


def _problem(console: Console, exc: BackupError, path: Path) -> int:
    console.warn(f"cli.backup_problem.{exc.problem.value}", path=path)
    return _EXIT.get(exc.problem, EXIT_INPUT)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
