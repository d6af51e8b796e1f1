"""/dataku: a person's own data as JSON and XLSX; /hapusakun: erase the Telegram-side
data after a confirmation (UU PDP 27/2022). Both act only on the sender's own account."""

from __future__ import annotations

from telegram import Update

from bot.presentation.buttons.self_service import ConfirmErase
from bot.services.identity import personal_data
from handlers.core.context import BotContext
from handlers.core.keyboards import button, rows, share_contact
from handlers.core.routes import Work, command
from handlers.core.routes import button as on_button


@command("dataku", "mydata", work=Work.WRITE)
async def my_data(update: Update, context: BotContext) -> None:
    """Written: the export is on the audit trail (counts only)."""
    data = await personal_data.collect(context.session, context.user_id, context.now())
    titles = {name: context.text(f"mydata.sheet.{name}") for name in personal_data.SECTIONS}
    name = context.text("mydata.filename")
    context.replies.document(personal_data.as_json(data, context.tz, context.now()), f"{name}.json",
                             context.text("mydata.caption_json", rows=data.rows))
    context.replies.document(personal_data.as_xlsx(data, context.tz, titles), f"{name}.xlsx",
                             context.text("mydata.caption_xlsx"))


@command("hapusakun", "deleteaccount")
async def ask_erase(update: Update, context: BotContext) -> None:
    context.replies.message(context.text("erase.confirm"), rows([
        button(context.text("erase.yes"), ConfirmErase(True)),
        button(context.text("erase.no"), ConfirmErase(False)),
    ]))


@on_button(ConfirmErase, work=Work.WRITE)
async def erase_answered(update: Update, context: BotContext, pressed: ConfirmErase) -> None:
    """Forged data is harmless: the presser can only erase their own account."""
    if not pressed.sure:
        context.replies.show(context.text("erase.cancelled"))
        return
    lang = context.lang  # read before the account (and its language) is gone
    erased = await personal_data.erase_account(context.session, context.user_id, context.now())
    context.replies.show(context.text("erase.done" if erased.existed else "erase.nothing"))
    if erased.existed:
        context.replies.message(context.text("link.needed"), share_contact(lang))
