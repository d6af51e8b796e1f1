"""In groups the bot shows no personal data: it points people to a private chat."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.i18n import t
from handlers.core.common import app_ctx
from handlers.core.keyboards import open_private_chat


async def private_only(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    # No database lookup here: a group is no place to learn who someone is.
    lang = app_ctx(context).settings.default_language
    username = context.bot.username
    await update.effective_message.reply_text(
        t(lang, "group.private_only", link=f"https://t.me/{username}"),
        reply_markup=open_private_chat(lang, username),
    )
