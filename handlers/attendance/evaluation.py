"""The evaluation: four ratings by buttons, then an optional typed comment (/lewati skips)."""

from __future__ import annotations

from pydantic import BaseModel
from telegram import Message, Update

from bot.presentation.buttons.attendance import Rate
from bot.presentation.evaluation import question
from bot.services.evaluation.answers import RateOutcome, add_comment, pending_evaluations, rate
from handlers.core.context import BotContext
from handlers.core.flows import TEXT, Flow, Step
from handlers.core.routes import Work, command
from handlers.core.routes import button as on_button


class CommentDraft(BaseModel):
    enrollment_id: int


async def _comment_typed(update: Update, context: BotContext, draft: CommentDraft,
                         msg: Message) -> None:
    await COMMENT.end(context)
    saved = await add_comment(context.session, context.viewer.employee_id, draft.enrollment_id,
                              msg.text or "")
    context.replies.message(context.text("evaluation.comment_saved" if saved
                                         else "evaluation.comment_skipped"))


COMMENT = Flow("evaluation", CommentDraft,
               {"comment": Step(_comment_typed, frozenset({TEXT}), "evaluation.recorded")})


@on_button(Rate, work=Work.WRITE)
async def rate_pressed(update: Update, context: BotContext, pressed: Rate) -> None:
    result = await rate(context.session, context.viewer.employee_id, pressed.enrollment_id,
                        pressed.given[1:], pressed.value, context.now(), context.tz)
    outcome = result.outcome
    if outcome == RateOutcome.NEXT:
        text, markup = question(context.lang, pressed.enrollment_id, result.title, result.answers)
        context.replies.show(text, markup)
    elif outcome == RateOutcome.RECORDED:
        await COMMENT.save(context, "comment", CommentDraft(enrollment_id=pressed.enrollment_id))
        lines = [context.text("evaluation.recorded")]
        if result.certificate_issued:
            lines.append(context.text("evaluation.certificate_follows"))
        context.replies.show("\n\n".join(lines))
    else:
        context.replies.refuse(context.text(f"evaluation.{outcome.value}"))
        if outcome == RateOutcome.ALREADY:
            context.replies.remove_buttons()


@command("lewati", "skip", work=Work.WRITE)
async def skip_command(update: Update, context: BotContext) -> None:
    """/lewati: no comment (the ratings are already saved)."""
    if await COMMENT.current(context) is None:
        context.replies.message(context.text("evaluation.nothing_to_skip"))
        return
    await COMMENT.end(context)
    context.replies.message(context.text("evaluation.comment_skipped"))


@command("evaluasi", "evaluate")
async def evaluate_command(update: Update, context: BotContext) -> None:
    """/evaluasi: the first question of each evaluation still waiting for the viewer."""
    employee_id = context.viewer.employee_id
    waiting = await pending_evaluations(context.session, employee_id) if employee_id else []
    if not waiting:
        context.replies.message(context.text("evaluation.none_pending"))
        return
    for enrollment_id, title in waiting:
        text, markup = question(context.lang, enrollment_id, title, "")
        context.replies.message(text, markup)
