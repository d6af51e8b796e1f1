"""Console commands that read spreadsheets: roster, JP history, programs, holidays."""

from __future__ import annotations

import argparse

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
from bot.services.holiday_import import HolidayReport, import_holidays
from bot.services.jp_import import JpImportReport, import_jp
from bot.services.program_import import ProgramImportReport, import_programs
from bot.services.roster_import import RosterReport, import_roster
from bot.services.tabular import TableError
from bot.services.audit import CLI
from bot.settings import Settings
from models.db import Database


async def cmd_import_roster(console: Console, settings: Settings, args: argparse.Namespace) -> int:
    if not check_file(console, args.file):
        return EXIT_USAGE

    async def work(db: Database) -> RosterReport:
        async with db.transaction() as session:
            report = await import_roster(
                session,
                args.file,
                SystemClock(),
                dry_run=args.dry_run,
                skip_invalid=args.skip_invalid,
            )
            await audit_import(session, "import_roster", args.file, report)
            return report

    try:
        report = await with_db(settings, work)
    except TableError as exc:
        return table_problem(console, exc)
    if not report.errors or report.skipped:
        console.say(
            "import.summary_roster",
            rows=report.rows,
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
            opds=report.opds_created,
        )
    return finish(console, report)


async def cmd_import_jp(console: Console, settings: Settings, args: argparse.Namespace) -> int:
    if not check_file(console, args.file):
        return EXIT_USAGE

    async def work(db: Database) -> JpImportReport:
        async with db.transaction() as session:
            report = await import_jp(
                session,
                args.file,
                SystemClock(),
                dry_run=args.dry_run,
                skip_invalid=args.skip_invalid,
                tz=settings.tz,
            )
            await audit_import(session, "import_jp", args.file, report)
            return report

    try:
        report = await with_db(settings, work)
    except TableError as exc:
        return table_problem(console, exc)
    if not report.errors or report.skipped:
        console.say(
            "import.summary_jp",
            rows=report.rows,
            created=report.created,
            unchanged=report.unchanged,
            duplicates=report.duplicates,
        )
    return finish(console, report)


async def cmd_import_programs(console: Console, settings: Settings, args: argparse.Namespace) -> int:
    if not check_file(console, args.file):
        return EXIT_USAGE

    async def work(db: Database) -> ProgramImportReport:
        async with db.transaction(write=True, heavy=True) as session:
            report = await import_programs(
                session, args.file, SystemClock(), settings.tz, dry_run=args.dry_run
            )
            await audit_import(session, "import_programs", args.file, report)
            return report

    try:
        report = await with_db(settings, work)
    except TableError as exc:
        return table_problem(console, exc)
    if not report.errors:
        console.say(
            "import.summary_programs",
            rows=report.rows,
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
        )
    return finish(console, report)


async def cmd_import_holidays(console: Console, settings: Settings, args: argparse.Namespace) -> int:
    if not check_file(console, args.file):
        return EXIT_USAGE

    async def work(db: Database) -> HolidayReport:
        async with db.transaction(write=True, heavy=True) as session:
            report = await import_holidays(session, args.file, dry_run=args.dry_run)
            await audit_import(session, "import_holidays", args.file, report)
            return report

    try:
        report = await with_db(settings, work)
    except TableError as exc:
        return table_problem(console, exc)
    if not report.errors:
        console.say(
            "import.summary_holidays", rows=report.rows, created=report.created,
            updated=report.updated, unchanged=report.unchanged,
        )
    return finish(console, report)


async def cmd_import_jp_rules(console: Console, settings: Settings, args: argparse.Namespace) -> int:
    from bot.services.jp_rule_import import RuleReport, import_rules

    if not check_file(console, args.file):
        return EXIT_USAGE

    async def work(db: Database) -> RuleReport:
        async with db.transaction(write=True, heavy=True) as session:
            report = await import_rules(
                session, args.file, SystemClock().now(), CLI, dry_run=args.dry_run
            )
            await audit_import(session, "import_jp_rules", args.file, report)
            return report

    try:
        report = await with_db(settings, work)
    except TableError as exc:
        return table_problem(console, exc)
    if not report.errors:
        console.say("import.summary_rules", rows=report.rows, created=report.created,
                    updated=report.updated, unchanged=report.unchanged)
    return finish(console, report)
