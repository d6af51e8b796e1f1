"""/bantuan, and the answer to text the bot does not understand."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.i18n import t
from bot.services.identity.linking import looks_like_code
from handlers.core.common import load_viewer
from handlers.core.keyboards import menu_for
from handlers.self_service.linking import code_text


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    viewer = await load_viewer(update, context)
    await update.effective_message.reply_text(
        t(viewer.language, "help.text"), reply_markup=menu_for(viewer.language, viewer.linked)
    )


async def other_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Free text: a link code when it has that shape, otherwise a pointer to the menu."""
    message = update.effective_message
    assert message is not None and message.text is not None
    if looks_like_code(message.text):
        await code_text(update, context)
        return
    viewer = await load_viewer(update, context)
    lang = viewer.language
    key = "fallback.unknown" if viewer.linked else "link.needed"
    await message.reply_text(t(lang, key), reply_markup=menu_for(lang, viewer.linked))
