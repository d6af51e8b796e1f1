"""The demand report as files: an XLSX workbook (summary, coverage, one row per need,
NIPs as text) and a PNG chart of the most asked competencies."""

from __future__ import annotations

import io
from collections.abc import AsyncIterable
from pathlib import Path

from bot.services.needs.demand import FORMS, Demand, NeedRow, Supply
from bot.services.spreadsheets.writer import Column, Label, WorkbookWriter

CHART_TOP = 20


async def write_workbook(
    target: Path | io.BytesIO, found: Demand, supply: list[Supply], needs: AsyncIterable[NeedRow],
    label: Label,
) -> int:
    """Summary, coverage and needs sheets, streamed; returns the number of needs written."""
    book = WorkbookWriter()
    summary = book.sheet(label("demand.sheet_summary"), [
        Column(label("demand.col.code"), 12), Column(label("demand.col.competency"), 40),
        Column(label("demand.col.kind"), 16), Column(label("demand.col.employees"), 12),
        Column("OPD", 8), Column(label("demand.col.behind"), 14),
        *(Column(label(f"form.{f}"), 12) for f in FORMS), Column(label("needs.no_preference"), 14),
        Column(label("demand.col.candidate"), 14), Column(label("demand.col.retired"), 12),
    ], landscape=True)
    yes = label("demand.yes")
    for line in found.lines:
        summary.row([line.code, line.name, label(f"competency_kind.{line.kind}"), line.employees, line.opds,
                     line.behind, *(line.forms.get(f, 0) for f in FORMS), line.forms.get("", 0),
                     yes if line.candidate else "", yes if line.retired else ""])
    cover = book.sheet(label("demand.sheet_coverage"), [
        Column(label("demand.col.code"), 12), Column(label("demand.col.competency"), 40),
        Column(label("demand.col.employees"), 12), Column(label("demand.col.programs"), 60),
        Column(label("demand.col.free_seats"), 12),
    ], landscape=True)
    for item in supply:
        cover.row([item.code, item.name, item.employees,
                   "; ".join(f"{code} {title}" for code, title, _ in item.programs), item.seats])
    rows = book.sheet(label("demand.sheet_needs"), [
        Column("NIP", 21, text=True), Column(label("report.col.employee"), 30), Column("OPD", 30),
        Column(label("report.col.unit"), 24), Column(label("demand.col.code"), 12),
        Column(label("demand.col.competency"), 36), Column(label("demand.col.kind"), 16),
        Column(label("demand.col.priority"), 9), Column(label("demand.col.form"), 16),
        Column(label("demand.col.reason"), 40), Column("JP", 8), Column(label("demand.col.behind_one"), 12),
    ], landscape=True)
    kinds: dict[str, str] = {}
    forms = {f: label(f"form.{f}") for f in FORMS}
    async for need in needs:
        kind = kinds.setdefault(need.kind, label(f"competency_kind.{need.kind}"))
        competency = need.competency + (f" ({label('demand.retired')})" if need.retired else "")
        rows.row([need.nip, need.name, need.opd, need.unit, need.code, competency, kind, need.priority,
                  forms.get(need.form or "", ""), need.reason, need.total_jp, yes if need.behind else ""])
    book.save(target)
    return rows.rows


def render_chart(found: Demand, label: Label, *, width_px: int = 1200) -> bytes:
    """Horizontal bars: employees per competency (the most asked first), candidates for a
    mass program in another colour. PNG."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    top = list(reversed(found.lines[:CHART_TOP]))
    dpi = 100
    figure, axes = pyplot.subplots(figsize=(width_px / dpi, max(4.0, 0.35 * len(top) + 1.6)), dpi=dpi)
    try:
        names = [(line.name if len(line.name) <= 45 else line.name[:44] + "…") for line in top]
        colours = ["#C55A11" if line.candidate else "#2E75B6" for line in top]
        axes.barh(names, [line.employees for line in top], color=colours)
        axes.set_xlabel(label("demand.chart_x"))
        axes.set_title(label("demand.chart_title").format(year=found.year, opds=found.min_opds))
        axes.tick_params(axis="y", labelsize=8)
        figure.tight_layout()
        out = io.BytesIO()
        figure.savefig(out, format="png", dpi=dpi)
        return out.getvalue()
    finally:
        pyplot.close(figure)
