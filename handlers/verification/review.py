"""/verifikasi (/verify): admins go through the pending claims of their scope, oldest
first, and approve, approve with other JP, or reject with a reason.

Rights and scope are read from the database on every press and again inside the
decision's transaction, so a forwarded or hand-made button does nothing for someone
who is not (or no longer) allowed. Typed answers (the JP, the reason) go through the
dialog framework as the "verify" flow.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.i18n import fmt_jp, t
from bot.services.identity.accounts import get_viewer
from bot.services.identity.roles import AdminScope, admin_scope
from bot.services.claims.review import (
    REASON_MAX,
    Decided,
    Outcome,
    approve,
    next_claim,
    pending_claim,
    reject,
)
from bot.services.claims.reporting import Invalid, clean_text, parse_amount
from bot.services.dialogs import DialogState
from handlers.core import flows as dialog
from handlers.core.callback_data import Callback
from handlers.claims.views import error_text
from handlers.core.common import app_ctx, show, user_id
from handlers.self_service.help import help_command
from handlers.verification.views import card_buttons, card_text, restart_button
from models.enums import EvidenceKind

VERIFY_FLOW = "verify"


async def _scope(update: Update, context: ContextTypes.DEFAULT_TYPE) -> tuple[str, AdminScope | None]:
    ctx = app_ctx(context)
    async with ctx.db.read() as session:
        viewer = await get_viewer(session, user_id(update), ctx.settings.default_language)
        scope = await admin_scope(session, user_id(update))
    return viewer.language, scope


async def _refuse(update: Update, lang: str, key: str = "verify.not_allowed") -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(t(lang, key), show_alert=True)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(t(lang, key))


async def verify_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang, scope = await _scope(update, context)
    if scope is None:
        await help_command(update, context)
        return
    await _show_next(update, context, lang, scope, 0)


async def _show_next(
    update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str, scope: AdminScope,
    after_id: int, notice: str | None = None, toast: str | None = None,
) -> None:
    """The next pending claim after `after_id`, starting over at the oldest at the end."""
    ctx = app_ctx(context)
    async with ctx.db.read() as session:
        card = await next_claim(session, scope, after_id, admin_id=user_id(update))
        if card is None and after_id:
            card = await next_claim(session, scope, 0, admin_id=user_id(update))
    if card is None:
        text = t(lang, "verify.empty")
        await show(update, f"{notice}\n\n{text}" if notice else text, restart_button(lang), toast=toast)
        return
    await show(update, card_text(lang, card, ctx.settings.tz, notice), card_buttons(lang, card),
               toast=toast)


async def _drop_typed_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button press abandons a JP or reason the admin was asked to type."""
    if await dialog.load_state(update, context, VERIFY_FLOW) is not None:
        await dialog.end_flow(update, context)


async def next_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    lang, scope = await _scope(update, context)
    if scope is None:
        await _refuse(update, lang)
        return
    await _drop_typed_answer(update, context)
    await _show_next(update, context, lang, scope, int(cb.argument))


async def approve_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    lang, scope = await _scope(update, context)
    if scope is None:
        await _refuse(update, lang)
        return
    await _drop_typed_answer(update, context)
    ctx = app_ctx(context)
    claim_id = int(cb.argument)
    result = await approve(ctx.db, claim_id, user_id(update), ctx.clock.now())
    await _after_decision(update, context, lang, scope, claim_id, result)


async def _after_decision(
    update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str, scope: AdminScope,
    claim_id: int, result: Decided,
) -> None:
    if result.outcome == Outcome.NOT_ALLOWED:
        await _refuse(update, lang)
        return
    if result.outcome == Outcome.OWN_CLAIM:
        await _refuse(update, lang, "verify.own_claim")
        return
    if result.outcome == Outcome.NOT_FOUND:
        notice = t(lang, "verify.gone")
    elif result.outcome == Outcome.ALREADY_DECIDED:
        notice = t(lang, "verify.already_decided", title=result.title,
                   decision=t(lang, f"verify.decision.{result.decision or 'unknown'}"))
    else:
        assert result.jp is not None
        notice = t(lang, f"verify.done.{result.decision}", title=result.title,
                   jp=fmt_jp(lang, result.jp))
    await _show_next(update, context, lang, scope, claim_id, notice)


async def ask_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    """Approve with other JP (vfj) or reject (vfr): ask for the JP or the reason."""
    query = update.callback_query
    assert query is not None
    lang, scope = await _scope(update, context)
    if scope is None:
        await _refuse(update, lang)
        return
    claim_id = int(cb.argument)
    async with app_ctx(context).db.read() as session:
        card = await pending_claim(session, scope, claim_id, admin_id=user_id(update))
    if card is None:
        await query.answer(t(lang, "verify.gone"), show_alert=True)
        return
    step = "adjust" if cb.action == "vfj" else "reason"
    await dialog.save_state(update, context, DialogState(VERIFY_FLOW, step, {"claim": claim_id}))
    await query.answer()
    key = "verify.ask_jp" if step == "adjust" else "verify.ask_reason"
    assert update.effective_message is not None
    await update.effective_message.reply_text(
        t(lang, key, title=card.title, jp=fmt_jp(lang, card.proposed_jp), max=REASON_MAX)
    )


async def evidence_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    query = update.callback_query
    assert query is not None and query.message is not None
    lang, scope = await _scope(update, context)
    if scope is None:
        await _refuse(update, lang)
        return
    async with app_ctx(context).db.read() as session:
        card = await pending_claim(session, scope, int(cb.argument), admin_id=user_id(update))
    if card is None:
        await query.answer(t(lang, "verify.gone"), show_alert=True)
        return
    await query.answer()
    caption = t(lang, "verify.evidence_caption", id=card.claim_id, title=card.title)[:1000]
    chat_id = query.message.chat.id
    if card.evidence_kind == EvidenceKind.PHOTO:
        await context.bot.send_photo(chat_id, card.evidence_file_id, caption=caption)
    else:
        await context.bot.send_document(chat_id, card.evidence_file_id, caption=caption)


async def on_input(update: Update, context: ContextTypes.DEFAULT_TYPE, state: DialogState) -> None:
    """The JP (step adjust) or the reason (step reason) the admin typed."""
    message = update.effective_message
    assert message is not None
    lang, scope = await _scope(update, context)
    if scope is None:
        await dialog.end_flow(update, context)
        await _refuse(update, lang)
        return
    if message.text is None:
        await message.reply_text(t(lang, "verify.expect_text"))
        return
    ctx = app_ctx(context)
    claim_id = int(state.data["claim"])
    if state.step == "adjust":
        jp = parse_amount(message.text)
        if isinstance(jp, Invalid):
            await message.reply_text(error_text(lang, jp))  # stays at this step
            return
        await dialog.end_flow(update, context)
        result = await approve(ctx.db, claim_id, user_id(update), ctx.clock.now(), jp=jp)
    else:
        reason = clean_text(message.text, REASON_MAX)
        if isinstance(reason, Invalid):
            await message.reply_text(error_text(lang, reason))
            return
        await dialog.end_flow(update, context)
        result = await reject(ctx.db, claim_id, user_id(update), ctx.clock.now(), reason)
    await _after_decision(update, context, lang, scope, claim_id, result)
