"""An uploaded attendance file, read and recorded in the background (bot/background.py):
the file is read in a worker thread with no transaction open, and only then is the
attendance written, in a short write transaction of its own."""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bot.context import AppContext
from bot.i18n import Html, t
from bot.presentation.text import fit
from bot.services.identity.roles import NotAllowed
from bot.services.imports.attendance import AttendanceReport
from bot.services.programs.administration import record_attendance_file
from bot.services.spreadsheets.reader import TableError, read_table


async def record_file(
    app: AppContext, caller: int, lang: str, suffix: str,
    download: Callable[[Path], Awaitable[Any]],
) -> str:
    """Download (to a temporary file), read and record the file; the answer for the admin."""
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"attendance{suffix}"
            await download(path)
            table = await asyncio.to_thread(read_table, path)
        async with app.db.writing() as session:
            report = await record_attendance_file(session, caller, table, app.now(),
                                                  app.settings.tz)
    except TableError as exc:
        reason = t(lang, f"import.error.{exc.code}", columns=", ".join(exc.columns))
        return t(lang, "admin.file_problem", reason=reason)
    except NotAllowed:
        return t(lang, "admin.not_allowed")
    return report_text(lang, report)


def report_text(lang: str, report: AttendanceReport) -> str:
    if report.errors:
        lines = [t(lang, "admin.attendance_rejected", count=len(report.errors))]
        for error in report.errors[:20]:
            lines.append(t(lang, "import.error_line", row=error.row, column=error.column,
                           message=Html(t(lang, f"import.error.{error.code}"))))
        return fit(lang, lines)
    return t(lang, "admin.attendance_done", completed=report.completed, no_show=report.no_show,
             already=report.already, skipped=report.skipped)
