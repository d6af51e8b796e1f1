"""The demand for admins (from /admin): per competency, who asked and from where, with
the mass-program candidates; a chart, the coverage by programs and an XLSX download.
Superadmins see every OPD, OPD admins the needs declared in their OPD."""

from __future__ import annotations

import asyncio
import html
import io

from telegram import InlineKeyboardMarkup, Update

from bot.i18n import Html, t
from bot.jobs.reports import needs_workbook
from bot.presentation.buttons.demand import DemandCoverage, DemandTable, DemandWorkbook
from bot.presentation.text import fit
from bot.services.compliance.summary import Targets, report_year
from bot.services.identity.roles import AdminScope
from bot.services.needs import demand as needs_demand
from bot.services.needs.demand import Demand, Supply
from bot.services.needs.files import render_chart
from handlers.core.context import BotContext
from handlers.core.keyboards import button, rows
from handlers.core.routes import Work, button as on_button

REFUSAL = "report.not_allowed"
TOP = 25


def _targets(context: BotContext) -> Targets:
    s = context.settings
    return Targets(s.jp_target_pns, s.jp_target_pppk, s.jp_year_start_month)


def demand_button(lang: str, year: int) -> InlineKeyboardMarkup:
    return rows([button(t(lang, "demand.open"), DemandTable(year))])


def render_demand(lang: str, scope: AdminScope, found: Demand) -> tuple[str, InlineKeyboardMarkup]:
    head = [t(lang, "demand.title_opd" if scope.opd_id else "demand.title", year=found.year,
              opd=scope.opd_name or ""), t(lang, "demand.legend")]
    if not scope.opd_id:
        head.append(t(lang, "demand.candidate_rule", opds=found.min_opds))
    body = []
    for line in found.lines[:TOP]:
        mark = "★ " if line.candidate else ""
        retired = t(lang, "demand.retired_mark") if line.retired else ""
        forms = ", ".join(f"{t(lang, f'form.{f}')} {n}" for f, n in sorted(line.forms.items(), key=lambda x: -x[1]) if f)
        units = " · ".join(f"{unit or t(lang, 'demand.no_unit')} {n}"
                           for unit, n in sorted(line.units.items(), key=lambda x: (-x[1], x[0])))
        body.append(t(lang, "demand.line", mark=mark, name=line.name, code=line.code, retired=retired,
                      employees=line.employees, opds=line.opds, behind=line.behind) +
                    (f"\n   {html.escape(forms)}" if forms else "") +
                    (f"\n   {t(lang, 'demand.units', units=units)}" if units else ""))
    if not found.lines:
        body.append(t(lang, "demand.empty"))
    elif len(found.lines) > TOP:
        body.append(t(lang, "demand.more", count=len(found.lines) - TOP))
    text = "\n".join([*head, "", *body])
    if len(text) > 4000:
        text = fit(lang, head)
    return Html(text), rows(
        [button(t(lang, "demand.coverage"), DemandCoverage(found.year))],
        [button(t(lang, "report.download"), DemandWorkbook(found.year))],
    )


def render_coverage(lang: str, year: int, supply: list[Supply]) -> tuple[str, InlineKeyboardMarkup]:
    lines = [t(lang, "demand.coverage_title", year=year)]
    for item in supply[:TOP]:
        if item.programs:
            programs = "; ".join(f"{code} ({free})" for code, _, free in item.programs)
            lines.append(t(lang, "demand.covered", name=item.name, employees=item.employees,
                           programs=programs, seats=item.seats))
        else:
            lines.append(t(lang, "demand.missing", name=item.name, employees=item.employees))
    if not supply:
        lines.append(t(lang, "demand.empty"))
    text = "\n".join(lines)
    if len(text) > 4000:
        text = fit(lang, lines[:1])
    return Html(text), rows([button(t(lang, "needs.back"), DemandTable(year))])


def _year_known(context: BotContext, year: int) -> bool:
    if 2000 <= year <= context.today().year + 1:
        return True
    context.replies.toast(context.text("callback.expired"), alert=True)
    return False


@on_button(DemandTable, work=Work.SCAN, refusal=REFUSAL)
async def demand_pressed(update: Update, context: BotContext, pressed: DemandTable) -> None:
    scope = await needs_demand.demand_scope(context.session, context.user_id)
    if not _year_known(context, pressed.year):
        return
    year = report_year(pressed.year, context.today(), _targets(context))
    found = await needs_demand.demand(context.session, year, _targets(context), opd_id=scope.opd_id,
                                      min_opds=context.settings.needs_candidate_min_opds)
    if found.lines:  # the chart and the table as new messages (the chart cannot be edited in)
        png = await asyncio.to_thread(render_chart, found, context.text)
        context.replies.photo(png, context.text("demand.chart_caption", year=pressed.year))
    context.replies.message(*render_demand(context.lang, scope, found))
    context.replies.toast()


@on_button(DemandCoverage, work=Work.SCAN, refusal=REFUSAL)
async def coverage_pressed(update: Update, context: BotContext, pressed: DemandCoverage) -> None:
    scope = await needs_demand.demand_scope(context.session, context.user_id)
    if not _year_known(context, pressed.year):
        return
    year = report_year(pressed.year, context.today(), _targets(context))
    found = await needs_demand.demand(context.session, year, _targets(context), opd_id=scope.opd_id,
                                      min_opds=context.settings.needs_candidate_min_opds)
    supply = await needs_demand.coverage(context.session, found, context.now())
    context.replies.show(*render_coverage(context.lang, pressed.year, supply))


@on_button(DemandWorkbook, refusal=REFUSAL)
async def workbook_pressed(update: Update, context: BotContext, pressed: DemandWorkbook) -> None:
    scope = await needs_demand.demand_scope(context.session, context.user_id)
    if not _year_known(context, pressed.year):
        return
    context.replies.toast(context.text("report.preparing"))
    targets = _targets(context)
    year = report_year(pressed.year, context.today(), targets)
    url, lang, now = context.settings.database_url, context.lang, context.now()
    min_opds = context.settings.needs_candidate_min_opds
    suffix = f"-{scope.opd_name}" if scope.opd_name else ""
    filename = f"kebutuhan-{pressed.year}{suffix}.xlsx".replace(" ", "-")
    caption = context.text("demand.file_caption", year=pressed.year)
    chat_id, bot, failed = context.replies.chat_id, context.bot, context.text("background.failed")

    async def send() -> None:
        try:
            data = await needs_workbook(url, year, targets, scope.opd_id, min_opds, now, lang)
        except Exception:
            await bot.send_message(chat_id, failed)
            raise
        await bot.send_document(chat_id, io.BytesIO(data), filename=filename, caption=caption)

    context.in_background("needs-workbook", send)
