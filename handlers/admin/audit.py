"""The audit trail as XLSX, for superadmins (from the /admin menu)."""

from __future__ import annotations

import io

from telegram import Update

from bot.i18n import t
from bot.jobs.reports import audit_workbook
from bot.presentation.buttons.admin import AuditWorkbook
from bot.services.identity.roles import require_superadmin
from handlers.core.context import BotContext
from handlers.core.routes import button


@button(AuditWorkbook)
async def download_pressed(update: Update, context: BotContext, pressed: AuditWorkbook) -> None:
    """The whole trail can be large: prepared in the background, sent when ready."""
    await require_superadmin(context.session, context.user_id)
    context.replies.toast(context.text("audit.preparing"))
    url, caller, tz, lang = context.settings.database_url, context.user_id, context.tz, context.lang
    chat_id, bot = context.replies.chat_id, context.bot
    failed = context.text("background.failed")

    async def send() -> None:
        try:
            data, count = await audit_workbook(url, caller, tz, lang)
        except Exception:
            await bot.send_message(chat_id, failed)
            raise
        await bot.send_document(chat_id, io.BytesIO(data), filename="jejak-audit.xlsx",
                                caption=t(lang, "audit.caption", count=count))

    context.in_background("audit-workbook", send)
