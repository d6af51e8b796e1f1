"""Who is an admin, read from the database at the moment of each step or press."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.i18n import t
from bot.services.identity.accounts import get_viewer
from bot.services.identity.roles import AdminScope, admin_scope, is_superadmin
from handlers.core.common import app_ctx, user_id


async def admin_of(update: Update, context: ContextTypes.DEFAULT_TYPE) -> tuple[str, AdminScope | None]:
    """The sender's language and admin scope, read now (None: not an admin)."""
    ctx = app_ctx(context)
    async with ctx.db.read() as session:
        viewer = await get_viewer(session, user_id(update), ctx.settings.default_language)
        return viewer.language, await admin_scope(session, user_id(update))


async def refuse(update: Update, lang: str, key: str = "admin.not_allowed") -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(t(lang, key), show_alert=True)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(t(lang, key))


async def superadmin_of(update: Update, context: ContextTypes.DEFAULT_TYPE) -> tuple[str, bool]:
    """The sender's language, and whether they are a superadmin right now."""
    ctx = app_ctx(context)
    async with ctx.db.read() as session:
        viewer = await get_viewer(session, user_id(update), ctx.settings.default_language)
        return viewer.language, await is_superadmin(session, user_id(update))
