"""Unduh XLSX under a monthly digest: the /rekap workbook of the digest's OPD (or the
province), built after the answer. Heads of OPD are no admins: the digest's access
service decides who may have it."""

from __future__ import annotations

import io

from telegram import Update

from bot.jobs.reports import compliance_workbook
from bot.presentation.buttons.digest import DigestWorkbook
from bot.services.compliance.summary import Targets, report_year
from bot.services.digest.access import require_digest_scope
from handlers.core.context import BotContext
from handlers.core.routes import button as on_button

REFUSAL = "report.not_allowed"


@on_button(DigestWorkbook, refusal=REFUSAL)
async def digest_workbook(update: Update, context: BotContext, pressed: DigestWorkbook) -> None:
    await require_digest_scope(context.session, context.user_id, pressed.opd_id)
    if not 2000 <= pressed.year <= context.today().year:
        context.replies.toast(context.text("callback.expired"), alert=True)
        return
    context.replies.toast(context.text("report.preparing"))
    settings = context.settings
    targets = Targets(settings.jp_target_pns, settings.jp_target_pppk, settings.jp_year_start_month)
    year = report_year(pressed.year, context.today(), targets)
    url, lang, opd_id = settings.database_url, context.lang, pressed.opd_id
    filename = f"rekap-jp-{pressed.year}{'' if opd_id is None else f'-opd-{opd_id}'}.xlsx"
    caption = context.text("report.file_caption", year=pressed.year)
    chat_id, bot, failed = context.replies.chat_id, context.bot, context.text("background.failed")

    async def send() -> None:
        try:
            data = await compliance_workbook(url, year, targets, opd_id, lang)
        except Exception:
            await bot.send_message(chat_id, failed)
            raise
        await bot.send_document(chat_id, io.BytesIO(data), filename=filename, caption=caption)

    context.in_background("digest-workbook", send)
