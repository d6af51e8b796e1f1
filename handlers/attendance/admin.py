"""The program's admin card, for superadmins: a session's check-in QR, the evaluation
results (averages, chart, comments without names) and their XLSX."""

from __future__ import annotations

import asyncio
import html

from telegram import Update

from bot.i18n import fmt_jp
from bot.presentation.buttons.attendance import CheckinQr, EvaluationResults, EvaluationWorkbook
from bot.presentation.text import fit, when
from bot.services.attendance.checkin import DEEP_LINK_PREFIX, session_code
from bot.services.certificates.document import qr_png
from bot.services.evaluation.answers import QUESTIONS
from bot.services.evaluation.results import (
    distribution_chart,
    evaluation_summary,
    evaluation_workbook,
)
from handlers.attendance.certificates import bot_username
from handlers.core.context import BotContext
from handlers.core.keyboards import button, rows
from handlers.core.routes import Work
from handlers.core.routes import button as on_button


@on_button(CheckinQr, work=Work.WRITE)
async def checkin_qr_pressed(update: Update, context: BotContext, pressed: CheckinQr) -> None:
    """The session's code (given on the first press) and its QR, to show or paste."""
    found = await session_code(context.session, context.user_id, pressed.session_id)
    if found is None:
        context.replies.toast(context.text("callback.expired"), alert=True)
        return
    link = f"https://t.me/{bot_username(context)}?start={DEEP_LINK_PREFIX}{found.code}"
    image = await asyncio.to_thread(qr_png, link)
    context.replies.toast()
    context.replies.photo(image, context.text(
        "admin.qr_caption", title=found.title, n=found.number, code=found.code,
        when=when(context.lang, found.starts_at, context.tz)))


@on_button(EvaluationResults, work=Work.SCAN)
async def results_pressed(update: Update, context: BotContext, pressed: EvaluationResults) -> None:
    summary = await evaluation_summary(context.session, context.user_id, pressed.program_id)
    if summary is None:
        context.replies.toast(context.text("callback.expired"), alert=True)
        return
    lang = context.lang
    lines = [context.text("eval.results_title", title=summary.title),
             context.text("eval.results_counts", responses=summary.responses,
                          completed=summary.completed)]
    if not summary.responses:
        lines.append(context.text("eval.none"))
        context.replies.toast()
        context.replies.message("\n".join(lines))
        return
    lines += [context.text("eval.avg_line", question=context.text(f"eval.short.{q}"),
                           average=fmt_jp(lang, summary.averages[q])) for q in QUESTIONS]
    if summary.comments:
        lines += ["", context.text("eval.comments_header")]
        lines += [f"• {html.escape(c, quote=False)}" for c in summary.comments[:30]]
    chart = await asyncio.to_thread(distribution_chart, summary, context.text)
    context.replies.toast()
    context.replies.message(fit(lang, lines), rows(
        [button(context.text("eval.xlsx_button"), EvaluationWorkbook(summary.program_id))]))
    context.replies.photo(chart, context.text("eval.chart_caption", title=summary.title))


@on_button(EvaluationWorkbook, work=Work.SCAN)
async def workbook_pressed(update: Update, context: BotContext, pressed: EvaluationWorkbook) -> None:
    summary = await evaluation_summary(context.session, context.user_id, pressed.program_id)
    if summary is None:
        context.replies.toast(context.text("callback.expired"), alert=True)
        return
    data = await asyncio.to_thread(evaluation_workbook, summary, context.text)
    context.replies.toast()
    context.replies.document(data, f"evaluasi-{summary.program_id}.xlsx",
                             context.text("eval.xlsx_caption", title=summary.title))
