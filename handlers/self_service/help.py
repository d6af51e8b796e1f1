"""/bantuan, and the answer to an unknown command."""

from __future__ import annotations

from telegram import Update
from telegram.ext import filters

from handlers.core.context import BotContext
from handlers.core.keyboards import menu_for
from handlers.core.routes import command, menu, message


async def show_help(context: BotContext) -> None:
    """The help text with the user's menu (also what non-admins get for admin commands)."""
    viewer = context.viewer
    context.replies.message(context.text("help.text"), menu_for(viewer.language, viewer.linked))


@command("bantuan", "help")
@menu("menu.help")
async def help_command(update: Update, context: BotContext) -> None:
    await show_help(context)


@message(filters.COMMAND, order=99)
async def unknown_command(update: Update, context: BotContext) -> None:
    await show_help(context)
