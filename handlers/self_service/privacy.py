"""/privasi: what the bot keeps about a person, why, how long, and who sees it."""

from __future__ import annotations

from telegram import Update

from handlers.core.context import BotContext
from handlers.core.menus import menu_markup
from handlers.core.routes import command


@command("privasi", "privacy")
async def privacy(update: Update, context: BotContext) -> None:
    """Open to everyone, linked or not: it is what they may want to read before linking."""
    viewer = context.viewer
    context.replies.message(context.text("privacy.text"), await menu_markup(context))
