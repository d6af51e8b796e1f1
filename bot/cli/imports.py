"""Console commands that read spreadsheets: roster, JP history, programs, holidays, rules.

Every import goes the same way (`_run_import`): the file must exist, it is read first,
with no transaction open (a running bot keeps writing while a large file is parsed),
then the import runs in one write transaction off the event loop together with its
audit line; a file that cannot be used is one sentence, and the summary and problems are
printed alike.
"""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.console import (
    EXIT_USAGE,
    Console,
    audit_import,
    check_file,
    finish,
    table_problem,
    with_db,
)
from bot.clock import SystemClock
from bot.services.audit import CLI
from bot.services.imports.holidays import import_holidays
from bot.services.imports.jp_history import import_jp
from bot.services.imports.jp_rules import import_rules
from bot.services.imports.programs import import_programs
from bot.services.imports.roster import import_roster
from bot.services.spreadsheets.reader import Table, TableError, table_of
from bot.settings import Settings
from models.db import Database

Importer = Callable[[AsyncSession, Table], Awaitable[Any]]


async def _run_import(
    console: Console,
    settings: Settings,
    args: argparse.Namespace,
    action: str,
    importer: Importer,
    summary_key: str,
    summary_fields: tuple[str, ...],
) -> int:
    if not check_file(console, args.file):
        return EXIT_USAGE

    try:
        table = await table_of(args.file)
    except TableError as exc:
        return table_problem(console, exc)

    async def work(db: Database) -> Any:
        async with db.writing(long=True) as session:
            report = await importer(session, table)
            await audit_import(session, action, args.file, report)
            return report

    try:
        report = await with_db(settings, work)
    except TableError as exc:
        return table_problem(console, exc)
    if not report.errors or getattr(report, "skipped", 0):
        console.say(summary_key, **{field: getattr(report, field) for field in summary_fields})
    return finish(console, report)


async def cmd_import_roster(console: Console, settings: Settings, args: argparse.Namespace) -> int:
    return await _run_import(
        console, settings, args, "import_roster",
        lambda session, table: import_roster(
            session, table, SystemClock(), dry_run=args.dry_run, skip_invalid=args.skip_invalid
        ),
        "import.summary_roster",
        ("rows", "created", "updated", "unchanged", "opds_created", "roles_suspended"),
    )


async def cmd_import_jp(console: Console, settings: Settings, args: argparse.Namespace) -> int:
    return await _run_import(
        console, settings, args, "import_jp",
        lambda session, table: import_jp(
            session, table, SystemClock(), dry_run=args.dry_run,
            skip_invalid=args.skip_invalid, tz=settings.tz,
        ),
        "import.summary_jp", ("rows", "created", "updated", "unchanged", "duplicates"),
    )


async def cmd_import_programs(console: Console, settings: Settings, args: argparse.Namespace) -> int:
    return await _run_import(
        console, settings, args, "import_programs",
        lambda session, table: import_programs(
            session, table, SystemClock(), settings.tz, dry_run=args.dry_run
        ),
        "import.summary_programs", ("rows", "created", "updated", "unchanged"),
    )


async def cmd_import_holidays(console: Console, settings: Settings, args: argparse.Namespace) -> int:
    return await _run_import(
        console, settings, args, "import_holidays",
        lambda session, table: import_holidays(session, table, dry_run=args.dry_run),
        "import.summary_holidays", ("rows", "created", "updated", "unchanged"),
    )


async def cmd_import_jp_rules(console: Console, settings: Settings, args: argparse.Namespace) -> int:
    return await _run_import(
        console, settings, args, "import_jp_rules",
        lambda session, table: import_rules(
            session, table, SystemClock().now(), CLI, dry_run=args.dry_run
        ),
        "import.summary_rules", ("rows", "created", "updated", "unchanged"),
    )
