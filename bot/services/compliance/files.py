"""The compliance report as files: an XLSX workbook (streamed) and a PNG chart."""

from __future__ import annotations

import io
from collections.abc import AsyncIterable
from decimal import Decimal
from pathlib import Path

from bot.services.compliance.summary import EmployeeRow, ReportYear, SummaryRow
from bot.services.spreadsheets.writer import Column, Label, WorkbookWriter
from models.enums import JpCategory

CATEGORIES = [c.value for c in JpCategory]


async def write_workbook(
    target: Path | io.BytesIO,
    year: ReportYear,
    rows: list[SummaryRow],
    employees: AsyncIterable[EmployeeRow],
    label: Label,
    targets: tuple[Decimal, Decimal],
) -> int:
    """Write the summary sheet and one row per employee, streaming; returns the count."""
    book = WorkbookWriter()
    summary = book.sheet(label("report.sheet_summary"), [
        Column(label(key), width) for key, width in (
            ("report.col.name", 40), ("report.col.employees", 12), ("report.col.linked", 12),
            ("report.col.met", 14), ("report.col.met_pct", 10), ("report.col.average", 12),
            ("report.col.behind", 14))
    ], landscape=True)
    for row in rows:
        summary.row([row.name, row.employees, row.linked, row.met,
                     round(float(row.met_share) * 100, 1), float(row.average_jp), row.behind])
    people = book.sheet(label("report.sheet_employees"), [
        Column("NIP", 21, text=True), Column(label("report.col.employee"), 30), Column("OPD", 30),
        Column(label("report.col.unit"), 24), Column(label("report.col.position"), 28),
        Column(label("report.col.type"), 8), Column("JP", 10), Column(label("report.col.status"), 12),
        *(Column(label(f"category.{c}"), 9) for c in CATEGORIES),
    ], landscape=True)
    target_pns, target_pppk = targets
    statuses = {key: label(f"report.status.{key}") for key in ("met", "on_track", "behind")}
    async for person in employees:
        goal = target_pppk if person.employee_type == "PPPK" else target_pns
        expected = year.expected_pppk if person.employee_type == "PPPK" else year.expected_pns
        status = ("met" if person.total >= goal else "on_track" if person.total >= expected
                  else "behind")
        amounts = person.by_category
        people.row([person.nip, person.name, person.opd, person.unit, person.position,
                    person.employee_type, person.total, statuses[status],
                    *(amounts.get(c) for c in CATEGORIES)])
    book.save(target)
    return people.rows


def render_chart(
    rows: list[SummaryRow], year: ReportYear, label: Label, *, width_px: int = 1200
) -> bytes:
    """Horizontal bars of % meeting the target per OPD, with the pro-rated share of the
    target expected by now as a line. PNG, `width_px` wide."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    ordered = sorted(rows, key=lambda r: (r.met_share, r.name))
    dpi = 100
    height = max(4.0, 0.32 * len(ordered) + 1.6)
    figure, axes = pyplot.subplots(figsize=(width_px / dpi, height), dpi=dpi)
    try:
        names = [r.name if len(r.name) <= 45 else r.name[:44] + "…" for r in ordered]
        shares = [float(r.met_share) * 100 for r in ordered]
        axes.barh(names, shares, color="#2E75B6")
        expected = float(year.elapsed_share) * 100
        axes.axvline(expected, color="#C00000", linestyle="--", linewidth=1.5,
                     label=label("report.chart_expected").format(pct=round(expected)))
        axes.set_xlim(0, 100)
        axes.set_xlabel(label("report.chart_x"))
        axes.set_title(label("report.chart_title").format(year=year.period.label))
        axes.tick_params(axis="y", labelsize=8)
        axes.legend(loc="lower right")
        figure.tight_layout()
        out = io.BytesIO()
        figure.savefig(out, format="png", dpi=dpi)
        return out.getvalue()
    finally:
        pyplot.close(figure)
