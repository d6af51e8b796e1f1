"""Saldo JP (this year's balance) and Riwayat (earlier years)."""

from __future__ import annotations

from telegram import Update

from bot.presentation.programs import suggestion_buttons, suggestion_heading
from bot.i18n import t
from bot.services.ledger.balance import get_balance, get_history
from bot.services.ledger.period import period_for
from bot.services.needs.declaring import needs_of
from bot.services.programs.catalogue import suggestions_for
from handlers.core.context import BotContext
from handlers.core.keyboards import share_contact
from handlers.core.menus import menu_markup
from handlers.core.routes import command, menu
from handlers.self_service.balance_views import render_balance, render_history


@command("saldo", "balance")
@menu("menu.balance")
async def balance(update: Update, context: BotContext) -> None:
    viewer, settings = context.viewer, context.settings
    lang = viewer.language
    if viewer.employee_id is None:
        context.replies.message(context.text("link.needed"), share_contact(lang))
        return
    result = await get_balance(
        context.session, viewer.employee_id, context.today(),
        settings.jp_target(viewer.employee_type or ""), settings.jp_year_start_month,
    )
    suggestions = await suggestions_for(context.session, viewer.employee_id, result, context.now())
    text = render_balance(lang, viewer, result)
    # Issue 14: the learning needs declared for this JP year.
    needs = await needs_of(context.session, viewer.employee_id,
                           period_for(context.today(), settings.jp_year_start_month).label)
    if needs:
        text = type(text)(text + "\n\n" + t(lang, "balance.needs", needs=", ".join(n.name for n in needs)))
    context.replies.message(text, await menu_markup(context))
    if suggestions:
        # A second message: inline buttons cannot share a message with the reply keyboard.
        context.replies.message(suggestion_heading(lang, suggestions),
                                suggestion_buttons(lang, suggestions, context.tz))


@command("riwayat", "history")
@menu("menu.history")
async def history(update: Update, context: BotContext) -> None:
    viewer, settings = context.viewer, context.settings
    lang = viewer.language
    if viewer.employee_id is None:
        context.replies.message(context.text("link.needed"), share_contact(lang))
        return
    years = await get_history(context.session, viewer.employee_id, context.today(),
                              settings.jp_year_start_month)
    target = settings.jp_target(viewer.employee_type or "")
    context.replies.message(render_history(lang, years, target), await menu_markup(context))
