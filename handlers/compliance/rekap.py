"""/rekap for admins: where each OPD (or, for an OPD admin, each unit) stands on 20 JP.

The summary is one aggregate query in the update's (long-read) unit of work; the chart
and the workbook are built in a worker thread with a database connection of its own, so
the bot keeps answering meanwhile (bot/jobs/reports.py). Who may see what is decided by the report service.
"""

from __future__ import annotations

import asyncio
import html
import io

from telegram import InlineKeyboardMarkup, Update

from bot.i18n import Html, fmt_date, fmt_jp, t
from bot.presentation.buttons.compliance import ComplianceTable, ComplianceWorkbook
from bot.presentation.text import fit
from bot.jobs.reports import compliance_workbook
from bot.services.compliance.files import render_chart
from bot.services.compliance.summary import (
    ReportYear,
    SummaryRow,
    Targets,
    report_scope,
    report_year,
    summary,
)
from bot.services.identity.roles import AdminScope
from bot.settings import Settings
from handlers.core.context import BotContext
from handlers.core.keyboards import button, rows
from handlers.core.routes import Work, button as on_button, command, menu

NAME_WIDTH = 22
REFUSAL = "report.not_allowed"


def _targets(settings: Settings) -> Targets:
    return Targets(settings.jp_target_pns, settings.jp_target_pppk, settings.jp_year_start_month)


def render_table(
    lang: str, scope: AdminScope, year: ReportYear, lines: list[SummaryRow], by_share: bool
) -> tuple[str, InlineKeyboardMarkup]:
    ordered = sorted(lines, key=lambda r: (-r.met_share, r.name)) if by_share else lines
    title_key = "report.title_opd" if scope.opd_id else "report.title"
    head = [t(lang, title_key, year=year.period.label, opd=scope.opd_name or "",
              as_of=fmt_date(lang, year.as_of)), t(lang, "report.legend")]
    table = []
    for row in ordered:
        name = row.name if len(row.name) <= NAME_WIDTH else row.name[: NAME_WIDTH - 1] + "…"
        pct = f"{float(row.met_share) * 100:.0f}%"
        table.append(
            f"{name:<{NAME_WIDTH}} {row.employees:>6} {row.linked:>6} {row.met:>6} {pct:>4} "
            f"{fmt_jp(lang, row.average_jp):>5} {row.behind:>6}"
        )
    employees = sum(r.employees for r in lines)
    met = sum(r.met for r in lines)
    behind = sum(r.behind for r in lines)
    pct = round(met * 100 / employees) if employees else 0
    totals = t(lang, "report.totals", employees=employees, met=met, pct=pct, behind=behind)
    text = "\n".join(head) + "\n<pre>" + html.escape("\n".join(table)) + "</pre>\n" + totals
    if len(text) > 4000:  # very many units: keep the head of the table, the file has all
        text = fit(lang, [*head, totals])
    current = year.period.label
    markup = rows(
        [button(t(lang, "report.sort_name" if by_share else "report.sort_pct"),
                ComplianceTable(current, not by_share))],
        [button(("• " if y == current else "") + str(y), ComplianceTable(y, True))
         for y in (current - 2, current - 1, current)],
        [button(t(lang, "report.download"), ComplianceWorkbook(current))],
    )
    return Html(text), markup


@command("rekap", "compliance", work=Work.SCAN, refusal=REFUSAL)
@menu("menu.compliance", work=Work.SCAN, refusal=REFUSAL)
async def report_command(update: Update, context: BotContext) -> None:
    await _show(context, context.today().year, by_share=True, with_chart=True)


@on_button(ComplianceTable, work=Work.SCAN, refusal=REFUSAL)
async def report_pressed(update: Update, context: BotContext, pressed: ComplianceTable) -> None:
    await _show(context, pressed.year, by_share=pressed.by_share, with_chart=False)


def _year_known(context: BotContext, year: int) -> bool:
    if 2000 <= year <= context.today().year:
        return True
    context.replies.toast(context.text("callback.expired"), alert=True)
    return False


async def _show(context: BotContext, year_number: int, *, by_share: bool, with_chart: bool) -> None:
    scope = await report_scope(context.session, context.user_id)
    if not _year_known(context, year_number):
        return
    targets = _targets(context.settings)
    year = report_year(year_number, context.today(), targets)
    lines = await summary(context.session, year, targets, opd_id=scope.opd_id)
    lang = context.lang
    text, markup = render_table(lang, scope, year, lines, by_share)
    if with_chart and lines:
        png = await asyncio.to_thread(render_chart, lines, year, context.text)
        context.replies.photo(png, context.text("report.chart_caption", year=year_number))
    context.replies.show(text, markup)


@on_button(ComplianceWorkbook, refusal=REFUSAL)
async def download_pressed(update: Update, context: BotContext, pressed: ComplianceWorkbook) -> None:
    scope = await report_scope(context.session, context.user_id)
    if not _year_known(context, pressed.year):
        return
    context.replies.toast(context.text("report.preparing"))
    targets = _targets(context.settings)
    year = report_year(pressed.year, context.today(), targets)
    # Writing 100,000 rows takes seconds of CPU: after the answer, in a thread of its own.
    url, lang = context.settings.database_url, context.lang
    suffix = f"-{scope.opd_name}" if scope.opd_name else ""
    filename = f"rekap-jp-{pressed.year}{suffix}.xlsx".replace(" ", "-")
    caption = context.text("report.file_caption", year=pressed.year)

    chat_id, bot, failed = context.replies.chat_id, context.bot, context.text("background.failed")

    async def send() -> None:
        try:
            data = await compliance_workbook(url, year, targets, scope.opd_id, lang)
        except Exception:
            await bot.send_message(chat_id, failed)
            raise
        await bot.send_document(chat_id, io.BytesIO(data), filename=filename, caption=caption)

    context.in_background("compliance-workbook", send)
