"""In groups the bot shows no personal data: it points people to a private chat."""

from __future__ import annotations

from telegram import Update
from telegram.ext import filters

from handlers.core.context import BotContext
from handlers.core.keyboards import open_private_chat
from handlers.core.routes import message


@message(filters.ChatType.GROUPS & filters.COMMAND, work=None, order=0, private=False)
async def private_only(update: Update, context: BotContext) -> None:
    # No database lookup here: a group is no place to learn who someone is.
    lang, username = context.settings.default_language, context.bot.username
    context.replies.message(
        context.text("group.private_only", link=f"https://t.me/{username}"),
        open_private_chat(lang, username),
    )
