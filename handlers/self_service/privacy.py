"""/privasi: what the bot keeps about a person, why, how long, and who sees it."""

from __future__ import annotations

from telegram import Update

from handlers.core.context import BotContext
from handlers.core.keyboards import menu_for
from handlers.core.routes import command


@command("privasi", "privacy")
async def privacy(update: Update, context: BotContext) -> None:
    """Open to everyone, linked or not: it is what they may want to read before linking."""
    viewer = context.viewer
    context.replies.message(context.text("privacy.text"), menu_for(viewer.language, viewer.linked))
