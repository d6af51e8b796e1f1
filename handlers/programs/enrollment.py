"""Enrolling in a program (a seat, or the waiting list when full) and cancelling."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot.presentation.buttons import Button
from bot.presentation.buttons.programs import CancelEnrollment, Enroll, ProgramCard
from bot.services.programs.catalogue import Refusal
from models.enums import ProgramMethod
from bot.services.programs.enrollment import (
    CancelOutcome,
    EnrollOutcome,
    cancel_enrollment,
    enroll,
)
from handlers.core.context import BotContext
from handlers.core.keyboards import button, rows
from handlers.core.routes import Work
from handlers.core.routes import button as on_button
from handlers.programs.browse import member_of, show_card


def _confirm(context: BotContext, yes: str, go: Button, no: str, back: Button) -> InlineKeyboardMarkup:
    return rows([button(context.text(yes), go)], [button(context.text(no), back)])


@on_button(Enroll, work=Work.WRITE)
async def enroll_pressed(update: Update, context: BotContext, pressed: Enroll) -> None:
    member = await member_of(context)
    if member is None:
        return
    result = await enroll(context.session, member.employee_id, pressed.program_id, context.now(),
                          confirm_overlap=pressed.despite_clash)
    if result.outcome == EnrollOutcome.NEEDS_CONFIRMATION:
        markup = _confirm(context, "enroll.confirm_button", Enroll(pressed.program_id, True),
                          "program.back_button", ProgramCard.of(pressed.program_id))
        context.replies.show(context.text("enroll.overlap", titles=", ".join(result.overlaps)), markup)
        return
    if result.outcome == EnrollOutcome.REFUSED and result.refusal is not None:
        if result.refusal == Refusal.NOT_AVAILABLE:
            context.replies.toast(context.text("callback.expired"), alert=True)
            return
        notice = context.text(f"refusal.{result.refusal.value}")
    elif result.outcome in (EnrollOutcome.WAITLISTED, EnrollOutcome.ALREADY_WAITLISTED):
        notice = context.text(f"enroll.{result.outcome.value}", position=result.waitlist_position)
    elif result.outcome == EnrollOutcome.ENROLLED:
        await show_card(context, pressed.program_id, None, lambda card: context.text(
            "enroll.enrolled_online" if card.method == ProgramMethod.E_LEARNING else "enroll.enrolled"))
        return
    else:
        notice = context.text(f"enroll.{result.outcome.value}")
    await show_card(context, pressed.program_id, None, notice)


@on_button(CancelEnrollment, work=Work.WRITE)
async def cancel_pressed(update: Update, context: BotContext, pressed: CancelEnrollment) -> None:
    member = await member_of(context)
    if member is None:
        return
    if not pressed.confirmed:
        markup = _confirm(context, "cancel.yes", CancelEnrollment(pressed.program_id, True),
                          "cancel.no", ProgramCard.of(pressed.program_id))
        context.replies.show(context.text("cancel.ask"), markup)
        return
    result = await cancel_enrollment(context.session, member.employee_id, pressed.program_id,
                                     context.now(), context.tz)
    if result.outcome == CancelOutcome.NOT_ENROLLED:
        context.replies.toast(context.text("callback.expired"), alert=True)
        return
    await show_card(context, pressed.program_id, None, context.text(f"cancel.{result.outcome.value}"))
