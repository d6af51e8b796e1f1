"""The audit trail as XLSX, for superadmins (from the /admin menu)."""

from __future__ import annotations

from telegram import Update

from bot.presentation.buttons.admin import AuditWorkbook
from bot.services.audit_trail import trail_workbook
from handlers.core.context import BotContext
from handlers.core.routes import Work, button


@button(AuditWorkbook, work=Work.SCAN)  # the whole trail: one snapshot, off the event loop
async def download_pressed(update: Update, context: BotContext, pressed: AuditWorkbook) -> None:
    data, count = await trail_workbook(context.session, context.user_id, context.tz, context.text)
    context.replies.toast()
    context.replies.document(data, "jejak-audit.xlsx", context.text("audit.caption", count=count))
