"""Changing the JP conversion rules from a spreadsheet (superadmins, audited)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.imports.jp_history import parse_category, parse_jp_amount
from bot.services.claims.rules import DEFAULT_RULES, Unit
from bot.services.imports.table import RowError, cell_text, normalize_column, read_table, resolve_columns
from models import JpRule

RULE_COLUMNS: dict[str, tuple[str, ...]] = {
    "kategori": ("category", "jenis_kegiatan"),
    "satuan": ("unit",),
    "jp_nasional": ("national", "jp_national"),
    "jp_internasional": ("international", "jp_international"),
    "batas_jp_per_hari": ("max_jp_per_day", "maks_jp_per_hari"),
    "batas_sesi_per_bulan": ("max_sessions_per_month", "maks_sesi_per_bulan"),
}
RULE_REQUIRED = {"kategori", "satuan", "jp_nasional"}
_UNITS = {
    "program": Unit.PROGRAM, "pelatihan": Unit.PROGRAM, "hari": Unit.DAY, "day": Unit.DAY,
    "sesi": Unit.SESSION, "session": Unit.SESSION, "kegiatan": Unit.ACTIVITY,
    "activity": Unit.ACTIVITY, "jam": Unit.HOUR, "jam_pelajaran": Unit.HOUR, "hour": Unit.HOUR,
}


@dataclass(slots=True)
class RuleReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    applied: bool = False
    dry_run: bool = False
    columns: dict[str, str] = field(default_factory=dict)


async def import_rules(
    session: AsyncSession, path: Path, now: datetime, actor: str, *, dry_run: bool = False
) -> RuleReport:
    """All or nothing; the same file again changes nothing. Raises TableError."""
    table = await asyncio.to_thread(read_table, path)
    cols = resolve_columns(table, RULE_COLUMNS, RULE_REQUIRED)
    report = RuleReport(rows=len(table.rows), dry_run=dry_run,
                        columns={c: table.label(n) for c, n in cols.items()})
    wanted: dict[str, dict[str, object]] = {}
    for number, cells in table.rows:
        def get(name: str) -> object:
            return cells.get(cols[name]) if name in cols else None

        category = parse_category(get("kategori"))
        if category is None:
            report.errors.append(RowError(number, "kategori", "category_unknown"))
        unit = _UNITS.get(normalize_column(cell_text(get("satuan")) or ""))
        if unit is None:
            report.errors.append(RowError(number, "satuan", "unit_unknown"))
        national, error = parse_jp_amount(get("jp_nasional"))
        if error:
            report.errors.append(RowError(number, "jp_nasional", error))
        international, error = (
            parse_jp_amount(get("jp_internasional")) if get("jp_internasional") is not None
            else (national, None)
        )
        if error:
            report.errors.append(RowError(number, "jp_internasional", error))
        cap, error = (
            parse_jp_amount(get("batas_jp_per_hari")) if get("batas_jp_per_hari") is not None
            else (None, None)
        )
        if error:
            report.errors.append(RowError(number, "batas_jp_per_hari", error))
        sessions_text = cell_text(get("batas_sesi_per_bulan"))
        sessions = int(sessions_text) if sessions_text and sessions_text.isdigit() else None
        if sessions_text and (sessions is None or not 1 <= sessions <= 31):
            report.errors.append(RowError(number, "batas_sesi_per_bulan", "sessions_invalid"))
        if category and unit and national is not None and international is not None:
            wanted[category] = {
                "unit": unit.value, "jp_national": national, "jp_international": international,
                "max_jp_per_day": cap, "max_sessions_per_month": sessions,
            }
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
