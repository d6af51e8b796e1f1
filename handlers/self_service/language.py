"""/bahasa: the user's language, remembered in the database."""

from __future__ import annotations

from telegram import Update

from bot.presentation.buttons.self_service import ChooseLanguage
from bot.services.identity.accounts import get_viewer, set_language
from handlers.core.context import BotContext
from handlers.core.keyboards import language_choice
from handlers.core.menus import menu_markup, refresh_commands
from handlers.core.routes import Work, button, command, menu


@command("bahasa", "language")
@menu("menu.language")
async def choose_language(update: Update, context: BotContext) -> None:
    context.replies.message(context.text("language.choose"), language_choice())


@button(ChooseLanguage, work=Work.WRITE)
async def language_chosen(update: Update, context: BotContext, pressed: ChooseLanguage) -> None:
    await set_language(context.session, context.user_id, pressed.language, context.app.clock)
    viewer = await get_viewer(context.session, context.user_id, context.settings.default_language)
    context.reread_viewer(viewer)
    context.replies.show(context.text("language.set"))
    # The reply keyboard's labels change with the language, so send it again.
    context.replies.message(context.text("menu.placeholder"), await menu_markup(context))
    await refresh_commands(context, context.user_id, reset=False)  # a role's list, in the new language
