"""Changing the JP conversion rules from a spreadsheet (superadmins, audited)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Annotated

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.claims.rules import DEFAULT_RULES, Unit
from bot.services.spreadsheets.cells import CATEGORY, JP, bounded_number, choice, optional
from bot.services.spreadsheets.reader import Table, table_of
from bot.services.spreadsheets.rows import Row, Sheet, UpsertReport, col
from models import JpRule

_UNITS: dict[str, str] = {
    "program": Unit.PROGRAM, "pelatihan": Unit.PROGRAM, "hari": Unit.DAY, "day": Unit.DAY,
    "sesi": Unit.SESSION, "session": Unit.SESSION, "kegiatan": Unit.ACTIVITY,
    "activity": Unit.ACTIVITY, "jam": Unit.HOUR, "jam_pelajaran": Unit.HOUR, "hour": Unit.HOUR,
}


class RuleRow(Row):
    category: Annotated[str, col("kategori", "category", "jenis_kegiatan", parse=CATEGORY, required=True)]
    unit: Annotated[str, col("satuan", "unit", parse=choice(_UNITS, "unit_unknown", empty="unit_unknown"),
                             required=True)]
    jp_national: Annotated[Decimal, col("jp_nasional", "national", "jp_national", parse=JP, required=True)]
    jp_international: Annotated[Decimal | None, col("jp_internasional", "international",
                                                    "jp_international", parse=optional(JP))]
    max_jp_per_day: Annotated[Decimal | None, col("batas_jp_per_hari", "max_jp_per_day",
                                                  "maks_jp_per_hari", parse=optional(JP))]
    max_sessions_per_month: Annotated[int | None, col(
        "batas_sesi_per_bulan", "max_sessions_per_month", "maks_sesi_per_bulan",
        parse=bounded_number(1, 31, "sessions_invalid"))]

    def values(self) -> dict[str, object]:
        """The rule's columns as stored (international defaults to national)."""
        return {"unit": self.unit, "jp_national": self.jp_national,
                "jp_international": self.jp_international if self.jp_international is not None
                else self.jp_national,
                "max_jp_per_day": self.max_jp_per_day,
                "max_sessions_per_month": self.max_sessions_per_month}


RULES = Sheet(RuleRow)


RuleReport = UpsertReport


async def import_rules(
    session: AsyncSession, source: Path | Table, now: datetime, actor: str, *, dry_run: bool = False
) -> RuleReport:
    """All or nothing; the same file again changes nothing. Raises TableError."""
    table = await table_of(source)
    sheet = RULES.parse(table)
    report = RuleReport(rows=len(table.rows), dry_run=dry_run, columns=sheet.labels,
                        errors=sheet.errors)
    wanted = {row.category: row.values() for row in sheet.valid}
    if report.errors:
        return report
    existing = {r.category: r for r in (await session.scalars(select(JpRule))).all()}
    for category, values in wanted.items():
        row = existing.get(category)
        if row is None:
            default = DEFAULT_RULES.get(category)
            same_as_default = default is not None and (
                default.unit.value, default.jp_national, default.jp_international,
                default.max_jp_per_day, default.max_sessions_per_month,
            ) == tuple(values.values())
            if same_as_default:
                report.unchanged += 1
                continue
            report.created += 1
            if not dry_run:
                session.add(JpRule(category=category, updated_at=now, updated_by=actor, **values))
        elif any(
            (Decimal(getattr(row, k)) if isinstance(v, Decimal) and getattr(row, k) is not None
             else getattr(row, k)) != v
            for k, v in values.items()
        ):
            report.updated += 1
            if not dry_run:
                for key, value in values.items():
                    setattr(row, key, value)
                row.updated_at, row.updated_by = now, actor
        else:
            report.unchanged += 1
    report.applied = not dry_run
    return report
