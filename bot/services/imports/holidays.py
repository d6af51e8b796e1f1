"""Holidays and collective leave (cuti bersama) from a spreadsheet, upserted by date."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.spreadsheets.cells import DAY, required, text
from bot.services.spreadsheets.reader import Table, table_of
from bot.services.spreadsheets.rows import Row, Sheet, UpsertReport, col
from models import Holiday

NAME_MAX = 200


class HolidayRow(Row):
    day: Annotated[date, col("tanggal", "date", "tgl", "hari_libur", parse=required(DAY, "date_empty"),
                             required=True)]
    name: Annotated[str, col("nama", "keterangan", "name", "libur", "description",
                             parse=text(NAME_MAX, empty="name_empty"), required=True)]


HOLIDAYS = Sheet(HolidayRow)


HolidayReport = UpsertReport


async def import_holidays(
    session: AsyncSession, source: Path | Table, *, dry_run: bool = False
) -> HolidayReport:
    """All or nothing; importing the same file again changes nothing. Raises TableError."""
    table = await table_of(source)
    sheet = HOLIDAYS.parse(table)
    report = HolidayReport(rows=len(table.rows), dry_run=dry_run, columns=sheet.labels,
                           errors=sheet.errors)
    # A date listed twice: the later name wins.
    wanted: dict[date, str] = {row.day: row.name for row in sheet.valid}
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
