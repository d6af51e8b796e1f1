"""Saldo JP (this year's balance) and Riwayat (earlier years)."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.i18n import t
from bot.services.ledger.balance import Standing, balance_for_user, history_for_user
from bot.services.programs.catalogue import ProgramSummary, load_member, suggest_programs
from handlers.core.common import app_ctx, user_id
from handlers.core.keyboards import main_menu, share_contact
from handlers.programs.views import ListState, summary_button
from handlers.self_service.balance_views import render_balance, render_history


async def balance(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    ctx = app_ctx(context)
    suggestions: list[ProgramSummary] = []
    async with ctx.db.read() as session:
        viewer, result = await balance_for_user(session, user_id(update), ctx.settings, ctx.today())
        if result is not None and result.standing == Standing.BEHIND and viewer.employee_id:
            member = await load_member(session, viewer.employee_id)
            if member is not None:
                suggestions = await suggest_programs(
                    session, member, ctx.clock.now(), result.behind_by
                )
    lang = viewer.language
    if result is None:
        await update.effective_message.reply_text(
            t(lang, "link.needed"), reply_markup=share_contact(lang)
        )
        return
    await update.effective_message.reply_text(
        render_balance(lang, viewer, result), reply_markup=main_menu(lang)
    )
    if suggestions:
        # A second message: inline buttons cannot share a message with the reply keyboard.
        state = ListState()
        await update.effective_message.reply_text(
            t(lang, "balance.suggest"),
            reply_markup=InlineKeyboardMarkup(
                [[summary_button(lang, item, ctx.settings.tz, state)] for item in suggestions]
            ),
        )


async def history(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    ctx = app_ctx(context)
    async with ctx.db.read() as session:
        viewer, years = await history_for_user(session, user_id(update), ctx.settings, ctx.today())
    lang = viewer.language
    if years is None:
        await update.effective_message.reply_text(
            t(lang, "link.needed"), reply_markup=share_contact(lang)
        )
        return
    target = ctx.settings.jp_target(viewer.employee_type or "")
    await update.effective_message.reply_text(
        render_history(lang, years, target), reply_markup=main_menu(lang)
    )
