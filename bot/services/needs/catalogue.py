"""The competency catalogue: imported from a spreadsheet (upsert by code), browsed by
kind, searched by a few letters, and attached to programs by code."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated

from sqlalchemy import delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services.spreadsheets.cells import RAW_TEXT, choice, text
from bot.services.spreadsheets.reader import RowError, Table, table_of
from bot.services.spreadsheets.rows import Row, Sheet, UpsertReport, col, duplicates
from models import Competency, ProgramCompetency
from models.enums import CompetencyKind

CODE_MAX, NAME_MAX = 40, 200
PAGE_SIZE = 8
SEARCH_LIMIT = 8

_KINDS = {
    "manajerial": CompetencyKind.MANAJERIAL,
    "managerial": CompetencyKind.MANAJERIAL,
    "sosial_kultural": CompetencyKind.SOSIAL_KULTURAL,
    "sosiokultural": CompetencyKind.SOSIAL_KULTURAL,
    "sosial_budaya": CompetencyKind.SOSIAL_KULTURAL,
    "socio_cultural": CompetencyKind.SOSIAL_KULTURAL,
    "teknis": CompetencyKind.TEKNIS,
    "technical": CompetencyKind.TEKNIS,
}
_STATUS = {"aktif": True, "active": True, "pensiun": False, "nonaktif": False,
           "tidak_aktif": False, "retired": False, "inactive": False}


def normalise_code(raw: str) -> str:
    """Codes compare without regard to case and surrounding spaces: `pk-01` is `PK-01`."""
    return raw.strip().upper()


class CompetencyRow(Row):
    code: Annotated[str, col("kode", "kode_kompetensi", "code", parse=text(CODE_MAX, empty="code_empty"),
                             required=True)]
    name: Annotated[str, col("nama", "nama_kompetensi", "name", parse=text(NAME_MAX, empty="name_empty"),
                             required=True)]
    kind: Annotated[str, col("jenis", "jenis_kompetensi", "kind", "kelompok",
                             parse=choice(_KINDS, "competency_kind_unknown", empty="competency_kind_empty"),
                             required=True)]
    description: Annotated[str | None, col("deskripsi", "description", "keterangan", parse=RAW_TEXT)]
    active: Annotated[bool | None, col("status", "aktif", parse=choice(_STATUS, "competency_status_unknown"))]


COMPETENCIES = Sheet(CompetencyRow, extra_codes=("code_duplicate",))


@dataclass(frozen=True, slots=True)
class CompetencyLine:
    id: int
    code: str
    name: str
    kind: str
    retired: bool


def _line(c: Competency) -> CompetencyLine:
    return CompetencyLine(c.id, c.code, c.name, c.kind, c.retired_at is not None)


async def import_competencies(
    session: AsyncSession, source: Path | Table, clock: Clock, *, dry_run: bool = False
) -> UpsertReport:
    """Upsert by code; every row's problems at once; all or nothing. An optional `status`
    column retires (`pensiun`) or restores (`aktif`) a competency; without it nothing is
    retired. Raises TableError for an unusable file."""
    table = await table_of(source)
    sheet = COMPETENCIES.parse(table)
    for parsed in sheet.rows:
        if parsed.values.get("code"):
            parsed.values["code"] = normalise_code(parsed.values["code"])
    report = UpsertReport(rows=len(table.rows), dry_run=dry_run, columns=sheet.labels,
                          errors=sheet.errors + list(duplicates(sheet.rows, "code", "kode", "code_duplicate")))
    report.errors.sort(key=lambda e: (e.row, e.column))
    if report.errors:
        return report
    wanted = {normalise_code(r.code): r for r in sheet.valid}
    existing = {c.code: c for c in (await session.scalars(
        select(Competency).where(Competency.code.in_(list(wanted))))).all()} if wanted else {}
    now = clock.now()
    for code, row in wanted.items():
        found = existing.get(code)
        retired = row.active is False
        if found is None:
            report.created += 1
            if not dry_run:
                session.add(Competency(code=code, name=row.name, kind=row.kind, description=row.description,
                                       retired_at=now if retired else None, created_at=now, updated_at=now))
            continue
        changes = {"name": row.name, "kind": row.kind, "description": row.description}
        changed = any(getattr(found, k) != v for k, v in changes.items())
        if row.active is not None and (found.retired_at is not None) != retired:
            changed = True
            if not dry_run:
                found.retired_at = now if retired else None
        if not changed:
            report.unchanged += 1
            continue
        report.updated += 1
        if not dry_run:
            for k, v in changes.items():
                setattr(found, k, v)
            found.updated_at = now
    if not dry_run:
        await session.flush()
    report.applied = not dry_run
    return report


async def competency(session: AsyncSession, competency_id: int) -> CompetencyLine | None:
    found = await session.get(Competency, competency_id)
    return _line(found) if found is not None else None


async def by_kind(session: AsyncSession, kind: CompetencyKind, page: int) -> tuple[list[CompetencyLine], int]:
    """Active competencies of `kind` by name, `PAGE_SIZE` a page; and the page count."""
    active = (Competency.kind == kind, Competency.retired_at.is_(None))
    total = await session.scalar(select(func.count()).select_from(Competency).where(*active)) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    found = (await session.scalars(
        select(Competency).where(*active).order_by(Competency.name, Competency.id)
        .offset(page * PAGE_SIZE).limit(PAGE_SIZE))).all()
    return [_line(c) for c in found], pages


def _like(words: str) -> str:
    escaped = words.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


async def search(session: AsyncSession, words: str) -> list[CompetencyLine]:
    """Active competencies whose name or code contains the typed letters (any case)."""
    words = " ".join(words.split())[:60]
    if len(words) < 2:
        return []
    pattern = _like(words)
    found = (await session.scalars(
        select(Competency)
        .where(Competency.retired_at.is_(None),
               or_(func.lower(Competency.name).like(pattern, escape="\\"),
                   func.lower(Competency.code).like(pattern, escape="\\")))
        .order_by(Competency.name, Competency.id).limit(SEARCH_LIMIT))).all()
    return [_line(c) for c in found]


async def codes_to_ids(session: AsyncSession, codes: Iterable[str]) -> dict[str, tuple[int, bool]]:
    """Known codes (normalised) -> (id, retired)."""
    wanted = {normalise_code(c) for c in codes}
    if not wanted:
        return {}
    rows = (await session.execute(
        select(Competency.code, Competency.id, Competency.retired_at).where(Competency.code.in_(wanted)))).all()
    return {code: (cid, retired is not None) for code, cid, retired in rows}


async def set_program_competencies(session: AsyncSession, program_id: int, competency_ids: list[int]) -> bool:
    """Replace a program's competencies; True when they changed."""
    current = set((await session.scalars(
        select(ProgramCompetency.competency_id).where(ProgramCompetency.program_id == program_id))).all())
    if current == set(competency_ids):
        return False
    await session.execute(delete(ProgramCompetency).where(ProgramCompetency.program_id == program_id))
    session.add_all(ProgramCompetency(program_id=program_id, competency_id=c) for c in sorted(set(competency_ids)))
    await session.flush()
    return True


def program_competency_errors(
    row: int, codes: list[str], known: dict[str, tuple[int, bool]]
) -> list[RowError]:
    """Row errors of a program's `kompetensi` cell: unknown or retired codes."""
    errors = []
    for code in codes:
        found = known.get(normalise_code(code))
        if found is None:
            errors.append(RowError(row, "kompetensi", "competency_unknown"))
        elif found[1]:
            errors.append(RowError(row, "kompetensi", "competency_retired"))
    return errors


async def retire(session: AsyncSession, code: str, now: datetime) -> bool:
    found = await session.scalar(select(Competency).where(Competency.code == normalise_code(code)))
    if found is None or found.retired_at is not None:
        return False
    found.retired_at = now
    await session.flush()
    return True
