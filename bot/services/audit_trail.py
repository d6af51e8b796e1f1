"""The audit trail as a superadmin downloads it (XLSX, newest first)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.audit import entries
from bot.services.identity.roles import require_superadmin
from bot.services.spreadsheets.writer import Column, Label, WorkbookWriter


async def trail_workbook(session: AsyncSession, caller: int, tz: ZoneInfo, label: Label) -> tuple[bytes, int]:
    """(the workbook, how many entries): superadmins only. Times in the business zone;
    details as `key=value` (never names, NIPs or phones: `record` does not keep them)."""
    await require_superadmin(session, caller)
    book = WorkbookWriter()
    sheet = book.sheet(label("audit.sheet"), [
        Column(label("audit.col.at"), 18), Column(label("audit.col.actor"), 18, text=True),
        Column(label("audit.col.action"), 24), Column(label("audit.col.target"), 24, text=True),
        Column(label("audit.col.details"), 60),
    ])
    async for entry in entries(session):
        local = entry.at.astimezone(tz).replace(tzinfo=None)
        details = ", ".join(f"{k}={v}" for k, v in entry.details.items() if v is not None)
        sheet.row([local, entry.actor, entry.action, entry.target, details])
    return book.save(), sheet.rows
