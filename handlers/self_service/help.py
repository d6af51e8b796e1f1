"""/bantuan, and the answer to an unknown command."""

from __future__ import annotations

from telegram import Update
from telegram.ext import filters

from handlers.core.context import BotContext, message_of
from handlers.core.menus import menu_markup
from handlers.core.routes import command, menu, message


async def show_help(context: BotContext) -> None:
    """The help text with the user's menu (also what non-admins get for admin commands)."""
    viewer = context.viewer
    context.replies.message(context.text("help.text"), await menu_markup(context))


@command("bantuan", "help")
@menu("menu.help")
async def help_command(update: Update, context: BotContext) -> None:
    await show_help(context)


@message(filters.COMMAND, order=99)
async def unknown_command(update: Update, context: BotContext) -> None:
    """Says the command is unknown first, then the help: a typo is not mistaken for a
    command that did nothing."""
    word = (message_of(update).text or "").split(maxsplit=1)[0].split("@", 1)[0][:32]
    viewer = context.viewer
    context.replies.message(context.text("command.unknown", command=word) + "\n\n"
                            + context.text("help.text"), await menu_markup(context))
