"""/verifikasi (/verify): admins go through the pending claims of their scope, oldest
first, and approve, approve with other JP, or reject with a reason.

Rights and scope are read in the update's unit of work by the review service itself,
so a forwarded or hand-made button does nothing for someone who is not (or no longer)
allowed. Typed answers (the JP, the reason) are the "verify" flow.
"""

from __future__ import annotations

from pydantic import BaseModel
from telegram import Message, Update

from bot.i18n import fmt_jp
from bot.presentation.buttons.verification import Approve, ApproveOther, Evidence, NextClaim, Reject
from bot.services.claims.reporting import Invalid, clean_text, parse_amount
from bot.services.claims.review import (
    REASON_MAX,
    Decided,
    Outcome,
    approve,
    next_claim,
    pending_claim,
    reject,
)
from bot.services.identity.roles import admin_scope
from handlers.claims.views import error_text
from handlers.core.context import BotContext
from handlers.core.flows import Flow, Step
from handlers.core.routes import Work, button, command, menu
from handlers.self_service.help import show_help
from handlers.verification.views import card_buttons, card_text, restart_button

REFUSAL = "verify.not_allowed"


class TypedAnswer(BaseModel):
    claim: int  # the claim the JP or the reason is for


async def _show_next(context: BotContext, after_id: int, notice: str | None = None) -> None:
    """The next pending claim after `after_id`, starting over at the oldest at the end."""
    card = await next_claim(context.session, context.user_id, after_id)
    if card is None:
        text = context.text("verify.empty")
        context.replies.show(f"{notice}\n\n{text}" if notice else text, restart_button(context.lang))
        return
    context.replies.show(card_text(context.lang, card, context.tz, notice),
                         card_buttons(context.lang, card))


@command("verifikasi", "verify", "reviewreports", admin=True, refusal=REFUSAL)
@menu("menu.review", admin=True, refusal=REFUSAL)
async def verify_command(update: Update, context: BotContext) -> None:
    if context.admin is None:
        await show_help(context)
        return
    await _show_next(context, 0)


async def _drop_typed_answer(context: BotContext) -> None:
    """A button press abandons a JP or reason the admin was asked to type."""
    if await VERIFY.current(context) is not None:
        await VERIFY.end(context)


@button(NextClaim, work=Work.WRITE, refusal=REFUSAL)
async def next_pressed(update: Update, context: BotContext, pressed: NextClaim) -> None:
    await _drop_typed_answer(context)
    await _show_next(context, pressed.after_id)


@button(Approve, work=Work.WRITE, refusal=REFUSAL)
async def approve_pressed(update: Update, context: BotContext, pressed: Approve) -> None:
    await _drop_typed_answer(context)
    result = await approve(context.session, pressed.claim_id, context.user_id, context.now())
    await _after_decision(context, pressed.claim_id, result)


async def _after_decision(context: BotContext, claim_id: int, result: Decided) -> None:
    if result.outcome in (Outcome.NOT_ALLOWED, Outcome.OWN_CLAIM):
        key = REFUSAL if result.outcome == Outcome.NOT_ALLOWED else "verify.own_claim"
        context.replies.refuse(context.text(key))
        return
    lang = context.lang
    if result.outcome == Outcome.NOT_FOUND:
        notice = context.text("verify.gone")
    elif result.outcome == Outcome.ALREADY_DECIDED:
        notice = context.text("verify.already_decided", title=result.title,
                              decision=context.text(f"verify.decision.{result.decision or 'unknown'}"))
    else:
        assert result.jp is not None
        notice = context.text(f"verify.done.{result.decision}", title=result.title,
                              jp=fmt_jp(lang, result.jp))
    await _show_next(context, claim_id, notice)


@button(ApproveOther, work=Work.WRITE, refusal=REFUSAL)
async def adjust_pressed(update: Update, context: BotContext, pressed: ApproveOther) -> None:
    await _ask(context, pressed.claim_id, "adjust")


@button(Reject, work=Work.WRITE, refusal=REFUSAL)
async def reject_pressed(update: Update, context: BotContext, pressed: Reject) -> None:
    await _ask(context, pressed.claim_id, "reason")


async def _ask(context: BotContext, claim_id: int, step: str) -> None:
    """Approve with other JP or reject: ask for the JP or the reason."""
    card = await pending_claim(context.session, context.user_id, claim_id)
    if card is None:
        context.replies.toast(context.text("verify.gone"), alert=True)
        return
    await VERIFY.save(context, step, TypedAnswer(claim=claim_id))
    context.replies.toast()
    key = "verify.ask_jp" if step == "adjust" else "verify.ask_reason"
    context.replies.message(context.text(key, title=card.title,
                                         jp=fmt_jp(context.lang, card.proposed_jp), max=REASON_MAX))


@button(Evidence, refusal=REFUSAL)
async def evidence_pressed(update: Update, context: BotContext, pressed: Evidence) -> None:
    card = await pending_claim(context.session, context.user_id, pressed.claim_id)
    if card is None:
        context.replies.toast(context.text("verify.gone"), alert=True)
        return
    context.replies.toast()
    caption = context.text("verify.evidence_caption", id=card.claim_id, title=card.title)[:1000]
    context.replies.file(card.evidence_kind, card.evidence_file_id, caption)


async def _typed_jp(update: Update, context: BotContext, state: TypedAnswer, message: Message) -> None:
    jp = parse_amount(message.text)
    if isinstance(jp, Invalid):
        context.replies.message(error_text(context.lang, jp))  # stays at this step
        return
    await VERIFY.end(context)
    result = await approve(context.session, state.claim, context.user_id, context.now(), jp=jp)
    await _after_decision(context, state.claim, result)


async def _typed_reason(update: Update, context: BotContext, state: TypedAnswer, message: Message) -> None:
    reason = clean_text(message.text, REASON_MAX)
    if isinstance(reason, Invalid):
        context.replies.message(error_text(context.lang, reason))
        return
    await VERIFY.end(context)
    result = await reject(context.session, state.claim, context.user_id, context.now(), reason)
    await _after_decision(context, state.claim, result)


async def _gone(context: BotContext) -> str | None:
    """The role was withdrawn while a JP or reason was being typed."""
    return context.text(REFUSAL) if await admin_scope(context.session, context.user_id) is None else None


VERIFY: Flow[TypedAnswer] = Flow("verify", TypedAnswer, {
    "adjust": Step(_typed_jp, wrong_input="verify.expect_text"),
    "reason": Step(_typed_reason, wrong_input="verify.expect_text"),
}, gone=_gone)
