"""Holidays and collective leave (cuti bersama) from a spreadsheet, upserted by date."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.imports.jp_history import parse_date_cell
from bot.services.imports.table import RowError, cell_text, read_table, resolve_columns
from models import Holiday

HOLIDAY_COLUMNS: dict[str, tuple[str, ...]] = {
    "tanggal": ("date", "tgl", "hari_libur"),
    "nama": ("keterangan", "name", "libur", "description"),
}
NAME_MAX = 200


@dataclass(slots=True)
class HolidayReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    applied: bool = False
    dry_run: bool = False
    columns: dict[str, str] = field(default_factory=dict)


async def import_holidays(
    session: AsyncSession, path: Path, *, dry_run: bool = False
) -> HolidayReport:
    """All or nothing; importing the same file again changes nothing. Raises TableError."""
    table = await asyncio.to_thread(read_table, path)
    cols = resolve_columns(table, HOLIDAY_COLUMNS, set(HOLIDAY_COLUMNS))
    report = HolidayReport(
        rows=len(table.rows),
        dry_run=dry_run,
        columns={c: table.label(n) for c, n in cols.items()},
    )
    wanted: dict = {}
    for number, cells in table.rows:
        day, error = parse_date_cell(cells.get(cols["tanggal"]))
        if day is None:
            report.errors.append(RowError(number, "tanggal", error or "date_empty"))
        name = cell_text(cells.get(cols["nama"]))
        if name is None:
            report.errors.append(RowError(number, "nama", "name_empty"))
        elif len(name) > NAME_MAX:
            report.errors.append(RowError(number, "nama", "too_long"))
        if day is not None and name is not None:
            wanted[day] = name  # a date listed twice: the later name wins
    if report.errors:
        return report
    existing = {
        h.day: h for h in (await session.scalars(select(Holiday).where(Holiday.day.in_(list(wanted))))).all()
    } if wanted else {}
    for day, name in sorted(wanted.items()):
        found = existing.get(day)
        if found is None:
            report.created += 1
            if not dry_run:
                session.add(Holiday(day=day, name=name))
        elif found.name != name:
            report.updated += 1
            if not dry_run:
                found.name = name
        else:
            report.unchanged += 1
    report.applied = not dry_run
    return report
