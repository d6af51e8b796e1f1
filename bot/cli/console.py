"""The console's shared parts: plain-language output, exit codes, file and import helpers."""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import SystemClock
from bot.i18n import Html, t
from bot.services.audit import CLI, record
from bot.services.imports.holidays import HolidayReport
from bot.services.imports.jp_history import JpImportReport
from bot.services.imports.programs import ProgramImportReport
from bot.services.imports.roster import RosterReport
from bot.services.spreadsheets.reader import RowError, TableError
from bot.settings import Settings
from models import Opd
from models.db import Database
from models.schema import pending_revisions, upgrade

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_DATABASE = 0, 1, 2, 3
MAX_ERROR_LINES = 50


_T = TypeVar("_T")



class Console:
    """Prints catalogue messages in the operator's language, as plain text."""

    def __init__(self, language: str) -> None:
        self.language = language

    def text(self, key: str, **values: object) -> str:
        # Terminal output is not HTML: values go in as they are.
        return t(self.language, key, **{k: Html(str(v)) for k, v in values.items()})

    def say(self, key: str, **values: object) -> None:
        print(self.text(key, **values), file=sys.stdout)

    def warn(self, key: str, **values: object) -> None:
        self.complain(self.text(key, **values))

    def complain(self, text: str) -> None:
        """A sentence already in the operator's language, to standard error."""
        print(text, file=sys.stderr)


async def with_db(settings: Settings, work: Callable[[Database], Awaitable[_T]]) -> _T:
    """Bring the schema to head (the console may be the first thing run), then work."""
    if await pending_revisions(settings.database_url):
        await upgrade(settings.database_url)
    db = Database.from_settings(settings)
    try:
        return await work(db)
    finally:
        await db.dispose()


async def audit_import(session: AsyncSession, action: str, path: Path, report: Any) -> None:
    """Imports that changed something are on the audit trail (counts only)."""
    if not getattr(report, "applied", False):
        return
    counts = {
        key: getattr(report, key)
        for key in ("rows", "created", "updated", "unchanged", "skipped", "opds_created",
                    "roles_suspended", "menus_changed")
        if hasattr(report, key)
    }
    await record(session, CLI, action, SystemClock().now(), target=path.name, **counts)


def check_file(console: Console, path: Path) -> bool:
    if not path.is_file():
        console.warn("cli.file_not_found", path=path)
        return False
    return True


def print_errors(console: Console, errors: list[RowError], columns: dict[str, str]) -> None:
    for error in errors[:MAX_ERROR_LINES]:
        console.warn(
            "import.error_line",
            row=error.row,
            column=columns.get(error.column, error.column),
            message=console.text(f"import.error.{error.code}"),
        )
    if len(errors) > MAX_ERROR_LINES:
        console.warn("import.more_errors", count=len(errors) - MAX_ERROR_LINES)


def table_problem(console: Console, exc: TableError) -> int:
    reason = console.text(f"import.error.{exc.code}", columns=", ".join(exc.columns))
    console.warn("import.file_problem", reason=reason)
    return EXIT_INPUT


def finish(
    console: Console,
    report: RosterReport | JpImportReport | ProgramImportReport | HolidayReport,
) -> int:
    """The closing lines every import prints; the exit code says whether it was clean."""
    if report.errors:
        if report.applied or report.dry_run and getattr(report, "skipped", 0):
            console.warn("import.errors_found", count=len(report.errors))
        else:
            console.warn("import.rejected", count=len(report.errors))
        print_errors(console, report.errors, report.columns)
    skipped = getattr(report, "skipped", 0)
    if skipped:
        console.say("import.skipped", count=skipped)
    if report.dry_run:
        console.say("import.dry_run_done")
    elif report.applied:
        console.say("import.applied")
    return EXIT_INPUT if report.errors else EXIT_OK


async def opd_by_code(session: AsyncSession, code: str) -> Opd | None:
    return await session.scalar(select(Opd).where(func.lower(Opd.code) == code.lower()))
