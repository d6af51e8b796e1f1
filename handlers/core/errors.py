"""The one error handler, and the answer to buttons nobody knows any more."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError

from handlers.core.context import BotContext

log = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    """Log with the update id, apologise, keep running."""
    update_id = update.update_id if isinstance(update, Update) else None
    # Only the update id: the update itself carries names and phone numbers.
    log.error("error while handling update_id=%s", update_id, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type != "private":
        return
    if update.callback_query is not None:  # never leave the pressed button spinning
        try:
            await update.callback_query.answer()
        except TelegramError:
            pass  # answered already, before the error
    try:
        await context.bot.send_message(update.effective_chat.id, context.text("error.generic"))
    except TelegramError:
        log.warning("could not send the apology for update_id=%s", update_id)


async def stale_button(update: Update, context: BotContext) -> None:
    """Data that matches no button kind: an old button, or forged data. Nothing happens."""
    assert update.callback_query is not None
    await update.callback_query.answer(context.text("callback.expired"), show_alert=True)
