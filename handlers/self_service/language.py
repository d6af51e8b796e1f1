"""/bahasa: the user's language, remembered in the database."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.i18n import t
from bot.services.identity.accounts import set_language
from handlers.core.callback_data import Callback
from handlers.core.common import app_ctx, load_viewer, user_id
from handlers.core.keyboards import language_choice, menu_for


async def choose_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    viewer = await load_viewer(update, context)
    await update.effective_message.reply_text(
        t(viewer.language, "language.choose"), reply_markup=language_choice()
    )


async def language_chosen(
    update: Update, context: ContextTypes.DEFAULT_TYPE, callback: Callback
) -> None:
    query = update.callback_query
    assert query is not None
    ctx = app_ctx(context)
    async with ctx.db.transaction() as session:
        lang = await set_language(session, user_id(update), callback.argument, ctx.clock)
    viewer = await load_viewer(update, context)
    await query.answer()
    await query.edit_message_text(t(lang, "language.set"))
    if query.message is not None:
        # The reply keyboard's labels change with the language, so send it again.
        await context.bot.send_message(
            query.message.chat.id,
            t(lang, "menu.placeholder"),
            reply_markup=menu_for(lang, viewer.linked),
        )
