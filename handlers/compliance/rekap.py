"""/rekap for admins: where each OPD (or, for an OPD admin, each unit) stands on 20 JP.

The summary is one aggregate query; the chart and the workbook are built in a worker
thread with a database connection of its own, so the bot keeps answering meanwhile.
"""

from __future__ import annotations

import asyncio
import html
import io
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.context import AppContext
from bot.i18n import Html, fmt_date, fmt_jp, t
from bot.services.identity.accounts import get_viewer
from bot.services.identity.roles import admin_scope
from bot.services.compliance.summary import (
    ReportYear,
    SummaryRow,
    Targets,
    employee_rows,
    report_year,
    summary,
)
from bot.services.compliance.files import render_chart, write_workbook
from handlers.core.callback_data import Callback
from handlers.core.common import app_ctx, user_id
from handlers.self_service.balance_views import fit
from models.db import Database

NAME_WIDTH = 22


@dataclass(frozen=True, slots=True)
class Scope:
    language: str
    opd_id: int | None  # None: every OPD (superadmin)
    opd_name: str | None


async def _scope(update: Update, ctx: AppContext) -> Scope | None:
    async with ctx.db.read() as session:
        viewer = await get_viewer(session, user_id(update), ctx.settings.default_language)
        scope = await admin_scope(session, user_id(update))
    return Scope(viewer.language, scope.opd_id, scope.opd_name) if scope else None


def _targets(ctx: AppContext) -> Targets:
    s = ctx.settings
    return Targets(s.jp_target_pns, s.jp_target_pppk, s.jp_year_start_month)


def render_table(
    lang: str, scope: Scope, year: ReportYear, rows: list[SummaryRow], by_share: bool
) -> tuple[str, InlineKeyboardMarkup]:
    ordered = sorted(rows, key=lambda r: (-r.met_share, r.name)) if by_share else rows
    title_key = "report.title_opd" if scope.opd_id else "report.title"
    lines = [t(lang, title_key, year=year.period.label, opd=scope.opd_name or "",
               as_of=fmt_date(lang, year.as_of)), t(lang, "report.legend")]
    table = []
    for row in ordered:
        name = row.name if len(row.name) <= NAME_WIDTH else row.name[: NAME_WIDTH - 1] + "…"
        pct = f"{float(row.met_share) * 100:.0f}%"
        table.append(
            f"{name:<{NAME_WIDTH}} {row.employees:>6} {row.linked:>6} {row.met:>6} {pct:>4} "
            f"{fmt_jp(lang, row.average_jp):>5} {row.behind:>6}"
        )
    employees = sum(r.employees for r in rows)
    met = sum(r.met for r in rows)
    behind = sum(r.behind for r in rows)
    pct = round(met * 100 / employees) if employees else 0
    text = "\n".join(lines) + "\n<pre>" + html.escape("\n".join(table)) + "</pre>\n" + t(
        lang, "report.totals", employees=employees, met=met, pct=pct, behind=behind
    )
    if len(text) > 4000:  # very many units: keep the head of the table, the file has all
        text = fit(lang, [*lines, t(lang, "report.totals", employees=employees, met=met,
                                    pct=pct, behind=behind)])
    current = year.period.label
    years = [current - 2, current - 1, current]
    rows_markup = [
        [InlineKeyboardButton(
            t(lang, "report.sort_name" if by_share else "report.sort_pct"),
            callback_data=Callback("rk", f"{current}.{'n' if by_share else 'p'}").encode(),
        )],
        [InlineKeyboardButton(("• " if y == current else "") + str(y),
                              callback_data=Callback("rk", f"{y}.p").encode()) for y in years],
        [InlineKeyboardButton(t(lang, "report.download"),
                              callback_data=Callback("rx", str(current)).encode())],
    ]
    return Html(text), InlineKeyboardMarkup(rows_markup)


async def report_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    year = app_ctx(context).today().year
    await _show(update, context, year, by_share=True, with_chart=True)


async def report_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    year, order = cb.parts
    await _show(update, context, int(year), by_share=order == "p", with_chart=False)


async def _show(
    update: Update, context: ContextTypes.DEFAULT_TYPE, year_number: int, *, by_share: bool,
    with_chart: bool,
) -> None:
    ctx = app_ctx(context)
    scope = await _scope(update, ctx)
    query = update.callback_query
    message = update.effective_message
    assert message is not None
    if scope is None:
        lang = ctx.settings.default_language
        if query is not None:
            await query.answer(t(lang, "report.not_allowed"), show_alert=True)
        else:
            await message.reply_text(t(lang, "report.not_allowed"))
        return
    if not 2000 <= year_number <= ctx.today().year:
        if query is not None:
            await query.answer(t(scope.language, "callback.expired"), show_alert=True)
        return
    targets = _targets(ctx)
    year = report_year(year_number, ctx.today(), targets)
    # An aggregate over the whole ledger: through aiosqlite, off the event loop.
    async with ctx.db.transaction() as session:
        rows = await summary(session, year, targets, opd_id=scope.opd_id)
    text, markup = render_table(scope.language, scope, year, rows, by_share)
    if query is not None:
        await query.answer()
        await query.edit_message_text(text, reply_markup=markup)
        return
    if with_chart and rows:
        png = await asyncio.to_thread(
            render_chart, rows, year, lambda key: t(scope.language, key)
        )
        await message.reply_photo(
            io.BytesIO(png), caption=t(scope.language, "report.chart_caption", year=year_number)
        )
    await message.reply_text(text, reply_markup=markup)


async def download_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    ctx = app_ctx(context)
    scope = await _scope(update, ctx)
    query = update.callback_query
    assert query is not None and query.message is not None
    if scope is None:
        await query.answer(t(ctx.settings.default_language, "report.not_allowed"), show_alert=True)
        return
    year_number = int(cb.argument)
    if not 2000 <= year_number <= ctx.today().year:
        await query.answer(t(scope.language, "callback.expired"), show_alert=True)
        return
    await query.answer()
    targets = _targets(ctx)
    year = report_year(year_number, ctx.today(), targets)
    data = await asyncio.to_thread(
        _workbook_in_thread, ctx.settings.database_url, year, targets, scope
    )
    suffix = f"-{scope.opd_name}" if scope.opd_name else ""
    await context.bot.send_document(
        query.message.chat.id,
        io.BytesIO(data),
        filename=f"rekap-jp-{year_number}{suffix}.xlsx".replace(" ", "-"),
        caption=t(scope.language, "report.file_caption", year=year_number),
    )


def _workbook_in_thread(url: str, year: ReportYear, targets: Targets, scope: Scope) -> bytes:
    """Writing 100,000 rows takes seconds of CPU: a thread with its own loop and engine."""

    async def build() -> bytes:
        db = Database(url)
        try:
            async with db.transaction() as session:
                rows = await summary(session, year, targets, opd_id=scope.opd_id)
                out = io.BytesIO()
                await write_workbook(
                    out, year, rows, employee_rows(session, year, opd_id=scope.opd_id),
                    lambda key: t(scope.language, key), (targets.pns, targets.pppk),
                )
            return out.getvalue()
        finally:
            await db.dispose()

    return asyncio.run(build())
