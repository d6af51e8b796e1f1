"""Turn service results into message text (HTML), through the catalogue only."""

from __future__ import annotations

from decimal import Decimal

from bot.i18n import fmt_date, fmt_jp, fmt_short_date, t
from bot.presentation.text import fit
from bot.services.identity.accounts import Viewer
from bot.services.ledger.balance import Balance, RecordLine, Standing, YearSummary
from models.enums import JpStatus

HISTORY_RECORDS_PER_YEAR = 10


def _line(lang: str, label: str, jp: Decimal) -> str:
    return t(lang, "balance.line", label=label, jp=fmt_jp(lang, jp))


def _record(lang: str, record: RecordLine) -> str:
    return t(
        lang,
        "balance.record",
        date=fmt_short_date(lang, record.end_date),
        title=record.title,
        jp=fmt_jp(lang, record.jp),
    )


def render_balance(lang: str, viewer: Viewer, balance: Balance) -> str:
    parts = [
        t(lang, "balance.title", year=balance.period.label),
        t(lang, "balance.who", name=viewer.employee_name, opd=viewer.opd_name),
        "",
        t(lang, "balance.approved", jp=fmt_jp(lang, balance.approved)),
        t(lang, "balance.target", jp=fmt_jp(lang, balance.target)),
        t(lang, "balance.remaining", jp=fmt_jp(lang, balance.remaining)),
        t(
            lang,
            "balance.expected",
            date=fmt_date(lang, balance.today),
            jp=fmt_jp(lang, balance.expected),
        ),
    ]
    standing = balance.standing
    if standing == Standing.BEHIND:
        parts.append(t(lang, "balance.status.behind", jp=fmt_jp(lang, balance.behind_by)))
    else:
        parts.append(t(lang, f"balance.status.{standing.value}"))
    if balance.by_category:
        parts += ["", t(lang, "balance.by_category")]
        parts += [_line(lang, t(lang, f"category.{c}"), jp) for c, jp in balance.by_category]
        parts += ["", t(lang, "balance.by_source")]
        parts += [_line(lang, t(lang, f"source.{s}"), jp) for s, jp in balance.by_source]
    else:
        parts += ["", t(lang, "balance.none")]
    if balance.pending:
        parts += [
            "",
            t(
                lang,
                "balance.pending",
                jp=fmt_jp(lang, balance.pending_total),
                count=len(balance.pending),
            ),
        ]
        parts += [_record(lang, r) for r in balance.pending[:HISTORY_RECORDS_PER_YEAR]]
    if balance.latest:
        parts += ["", t(lang, "balance.latest")]
        parts += [_record(lang, r) for r in balance.latest]
    return fit(lang, parts)


def render_history(lang: str, years: list[YearSummary], target: Decimal) -> str:
    if not years:
        return t(lang, "history.empty")
    parts = [t(lang, "history.title")]
    for year in years:
        mark = "✅" if year.approved >= target else "⚠️"
        parts += [
            "",
            t(
                lang,
                "history.year",
                year=year.period.label,
                jp=fmt_jp(lang, year.approved),
                target=fmt_jp(lang, target),
                mark=mark,
            ),
        ]
        if year.pending:
            parts.append(t(lang, "history.year_pending", jp=fmt_jp(lang, year.pending)))
        for record in year.records[:HISTORY_RECORDS_PER_YEAR]:
            line = _record(lang, record)
            if record.status != JpStatus.APPROVED:
                line += " " + t(lang, f"history.status.{record.status}")
            parts.append(line)
        hidden = len(year.records) - HISTORY_RECORDS_PER_YEAR
        if hidden > 0:
            parts.append(t(lang, "history.more", count=hidden))
    return fit(lang, parts)
