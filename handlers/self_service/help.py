"""/bantuan, and the answer to an unknown command."""

from __future__ import annotations

from telegram import Update
from telegram.ext import filters

from bot.presentation.menus import help_text, keyboard_of
from bot.services.menus import Menu, MenuRole, menu_of
from handlers.core.context import BotContext, message_of
from handlers.core.routes import command, menu, message


async def show_help(context: BotContext, before: str = "") -> None:
    """The help for the user's role with their menu (also what non-admins get for admin
    commands); `before`: a line above it."""
    viewer = context.viewer
    menu = (await menu_of(context.session, context.user_id, viewer.employee_id)
            if viewer.linked else Menu(MenuRole.EMPLOYEE, False))
    text = help_text(viewer.language, menu.role)
    context.replies.message(before + text, keyboard_of(viewer.language, menu, viewer.linked))


@command("bantuan", "help")
@menu("menu.help")
async def help_command(update: Update, context: BotContext) -> None:
    await show_help(context)


@message(filters.COMMAND, order=99)
async def unknown_command(update: Update, context: BotContext) -> None:
    """Says the command is unknown first, then the help: a typo is not mistaken for a
    command that did nothing."""
    word = (message_of(update).text or "").split(maxsplit=1)[0].split("@", 1)[0][:32]
    await show_help(context, context.text("command.unknown", command=word) + "\n\n")
