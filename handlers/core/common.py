"""Small helpers every handler module shares."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.context import AppContext
from bot.services.identity.accounts import Viewer, get_viewer

CTX_KEY = "app"


def app_ctx(context: ContextTypes.DEFAULT_TYPE) -> AppContext:
    ctx: AppContext = context.application.bot_data[CTX_KEY]
    return ctx


def user_id(update: Update) -> int:
    assert update.effective_user is not None  # handlers are registered for user updates only
    return update.effective_user.id


async def load_viewer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Viewer:
    ctx = app_ctx(context)
    async with ctx.db.read() as session:
        return await get_viewer(session, user_id(update), ctx.settings.default_language)


async def show(
    update: Update, text: str, markup: InlineKeyboardMarkup | None, *, toast: str | None = None
) -> None:
    """Edit the message a button belongs to (answering the press, with `toast` if given),
    or answer a command with a new message. Pressing twice changes nothing: fine."""
    query = update.callback_query
    if query is not None:
        await query.answer(toast)
        try:
            await query.edit_message_text(text, reply_markup=markup)
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():
                raise
        return
    assert update.effective_message is not None
    await update.effective_message.reply_text(text, reply_markup=markup)
