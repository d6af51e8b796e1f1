"""/putus: remove the link between this Telegram account and the employee record."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.i18n import t
from bot.services.identity.accounts import unlink
from handlers.core.callback_data import Callback
from handlers.core.common import app_ctx, load_viewer, user_id
from handlers.core.keyboards import share_contact, unlink_confirm


async def ask_unlink(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    viewer = await load_viewer(update, context)
    lang = viewer.language
    if not viewer.linked:
        await update.effective_message.reply_text(
            t(lang, "unlink.not_linked"), reply_markup=share_contact(lang)
        )
        return
    await update.effective_message.reply_text(
        t(lang, "unlink.confirm"), reply_markup=unlink_confirm(lang)
    )


async def unlink_answered(
    update: Update, context: ContextTypes.DEFAULT_TYPE, callback: Callback
) -> None:
    """The callback only ever acts on the presser's own account, so forged data is harmless."""
    query = update.callback_query
    assert query is not None
    viewer = await load_viewer(update, context)
    lang = viewer.language
    await query.answer()
    if callback.argument != "yes":
        await query.edit_message_text(t(lang, "unlink.cancelled"))
        return
    ctx = app_ctx(context)
    async with ctx.db.transaction() as session:
        removed = await unlink(session, user_id(update))
    await query.edit_message_text(t(lang, "unlink.done" if removed else "unlink.not_linked"))
    if query.message is not None:
        await context.bot.send_message(
            query.message.chat.id, t(lang, "link.needed"), reply_markup=share_contact(lang)
        )
