"""Small helpers every handler module shares."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.context import AppContext
from bot.services.accounts import Viewer, get_viewer

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
