"""The compliance report as files: an XLSX workbook (streamed) and a PNG chart."""

from __future__ import annotations

import io
from collections.abc import AsyncIterable, Callable
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from bot.services.compliance.summary import EmployeeRow, ReportYear, SummaryRow
from models.enums import JpCategory

CATEGORIES = [c.value for c in JpCategory]
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")

Label = Callable[[str], str]  # catalogue key -> text in the report's language


def _header(sheet: Worksheet, titles: list[str]) -> list[WriteOnlyCell]:
    cells = []
    for title in titles:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cells.append(cell)
    return cells


def _print_setup(sheet: Worksheet, widths: list[int]) -> None:
    for index, width in enumerate(widths):
        letter = _letter(index + 1)
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _letter(column: int) -> str:
    letters = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


async def write_workbook(
    target: Path | io.BytesIO,
    year: ReportYear,
    rows: list[SummaryRow],
    employees: AsyncIterable[EmployeeRow],
    label: Label,
    targets: tuple[Decimal, Decimal],
) -> int:
    """Write the summary sheet and one row per employee, streaming; returns the count."""
    workbook = Workbook(write_only=True)
    summary = workbook.create_sheet(label("report.sheet_summary"))
    _print_setup(summary, [40, 12, 12, 14, 10, 12, 14])
    summary.append(_header(summary, [
        label("report.col.name"), label("report.col.employees"), label("report.col.linked"),
        label("report.col.met"), label("report.col.met_pct"), label("report.col.average"),
        label("report.col.behind"),
    ]))
    for row in rows:
        summary.append([
            row.name, row.employees, row.linked, row.met,
            round(float(row.met_share) * 100, 1), float(row.average_jp), row.behind,
        ])
    people = workbook.create_sheet(label("report.sheet_employees"))
    _print_setup(people, [21, 30, 30, 24, 28, 8, 10, 12] + [9] * len(CATEGORIES))
    people.append(_header(people, [
        "NIP", label("report.col.employee"), "OPD", label("report.col.unit"),
        label("report.col.position"), label("report.col.type"), "JP", label("report.col.status"),
        *(label(f"category.{c}") for c in CATEGORIES),
    ]))
    count = 0
    target_pns, target_pppk = targets
    async for person in employees:
        goal = target_pppk if person.employee_type == "PPPK" else target_pns
        expected = year.expected_pppk if person.employee_type == "PPPK" else year.expected_pns
        if person.total >= goal:
            status = label("report.status.met")
        elif person.total >= expected:
            status = label("report.status.on_track")
        else:
            status = label("report.status.behind")
        amounts = person.by_category
        # A NIP goes in as a string cell, which Excel keeps as text (never 1.98E+17).
        people.append([
            person.nip, person.name, person.opd, person.unit, person.position, person.employee_type,
            person.total, status, *(amounts.get(c) for c in CATEGORIES),
        ])
        count += 1
    workbook.save(target)
    return count


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
