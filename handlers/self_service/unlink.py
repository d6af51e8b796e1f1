"""/putus: remove the link between this Telegram account and the employee record."""

from __future__ import annotations

from telegram import Update

from bot.presentation.buttons.self_service import ConfirmUnlink
from bot.services.identity.accounts import unlink
from handlers.core.context import BotContext
from handlers.core.keyboards import share_contact, unlink_confirm
from handlers.core.menus import refresh_commands
from handlers.core.routes import Work, button, command


@command("putus", "unlink")
async def ask_unlink(update: Update, context: BotContext) -> None:
    lang = context.lang
    if not context.viewer.linked:
        context.replies.message(context.text("unlink.not_linked"), share_contact(lang))
        return
    context.replies.message(context.text("unlink.confirm"), unlink_confirm(lang))


@button(ConfirmUnlink, work=Work.WRITE)
async def unlink_answered(update: Update, context: BotContext, pressed: ConfirmUnlink) -> None:
    """It only ever acts on the presser's own account, so forged data is harmless."""
    if not pressed.sure:
        context.replies.show(context.text("unlink.cancelled"))
        return
    removed = await unlink(context.session, context.user_id, context.now())
    context.replies.show(context.text("unlink.done" if removed else "unlink.not_linked"))
    context.replies.message(context.text("link.needed"), share_contact(context.lang))
    if removed:
        # Roles held for that employee are suspended: the chat's list goes back to everyone's.
        await refresh_commands(context, context.user_id)
