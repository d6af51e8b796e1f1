"""The reply keyboard of the person being answered, for their role now, and the
refresh of a chat's command list when a role changes."""

from __future__ import annotations

from telegram import ReplyKeyboardMarkup

from bot.presentation.menus import keyboard_of, publish_chat_commands, share_contact
from bot.services.menus import MenuRole, audience_of, menu_of
from handlers.core.context import BotContext


async def menu_markup(context: BotContext) -> ReplyKeyboardMarkup:
    """The main menu for a linked viewer (by role), the share-contact keyboard otherwise."""
    viewer = context.viewer
    if not viewer.linked:
        return share_contact(viewer.language)
    menu = await menu_of(context.session, context.user_id, viewer.employee_id)
    return keyboard_of(viewer.language, menu, linked=True)


async def refresh_commands(context: BotContext, telegram_user_id: int, *, reset: bool = True) -> None:
    """After a role of `telegram_user_id` was granted or revoked (or they linked, left
    or changed language): their chat's command list, read in this unit of work,
    published once it has committed. `reset=False`: only for someone with a role (an
    employee's chat already has the list for everyone)."""
    audience = await audience_of(context.session, telegram_user_id, context.settings.default_language)
    if not reset and audience.menu.role == MenuRole.EMPLOYEE:
        return
    bot = context.bot

    async def publish() -> None:
        await publish_chat_commands(bot, audience)

    context.replies.later(publish)
