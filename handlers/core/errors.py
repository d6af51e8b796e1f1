"""The one error handler: log with the update id, apologise, keep running."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.i18n import t
from handlers.core.common import app_ctx

log = logging.getLogger(__name__)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    update_id = update.update_id if isinstance(update, Update) else None
    # Only the update id: the update itself carries names and phone numbers.
    log.error("error while handling update_id=%s", update_id, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type != "private":
        return
    lang = app_ctx(context).settings.default_language
    try:
        await context.bot.send_message(update.effective_chat.id, t(lang, "error.generic"))
    except TelegramError:
        log.warning("could not send the apology for update_id=%s", update_id)
