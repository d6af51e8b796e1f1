"""The audit trail as XLSX, for superadmins (from the /admin menu)."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from telegram import Update
from telegram.ext import ContextTypes

from bot.i18n import t
from bot.services.identity.roles import is_superadmin
from bot.services.audit import entries
from handlers.core.callback_data import Callback
from handlers.core.common import app_ctx, load_viewer, user_id


async def download_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    query = update.callback_query
    assert query is not None and query.message is not None
    ctx = app_ctx(context)
    viewer = await load_viewer(update, context)
    async with ctx.db.read() as session:
        allowed = await is_superadmin(session, user_id(update))
    if not allowed:
        await query.answer(t(viewer.language, "admin.not_allowed"), show_alert=True)
        return
    await query.answer()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(t(viewer.language, "audit.sheet"))
    header = []
    for key in ("audit.col.at", "audit.col.actor", "audit.col.action", "audit.col.target",
                "audit.col.details"):
        cell = WriteOnlyCell(sheet, value=t(viewer.language, key))
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    count = 0
    async with ctx.db.transaction() as session:  # the whole trail: off the event loop
        async for entry in entries(session):
            local = entry.at.astimezone(ctx.settings.tz).replace(tzinfo=None)
            details = ", ".join(f"{k}={v}" for k, v in entry.details.items() if v is not None)
            sheet.append([local, entry.actor, entry.action, entry.target, details])
            count += 1
    out = io.BytesIO()
    workbook.save(out)
    await context.bot.send_document(
        query.message.chat.id,
        io.BytesIO(out.getvalue()),
        filename="jejak-audit.xlsx",
        caption=t(viewer.language, "audit.caption", count=count),
    )
