"""Program import: programs and their sessions from a spreadsheet, upserted by code.

One row per session. The program's own columns are read from the first row of a code;
later rows of the same code may leave them empty, and a different non-empty value is an
error (`program_conflict`). Importing a file replaces the sessions and audience of the
programs it names; programs not in the file are not touched. All or nothing.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services.programs.enrollment import promote_waitlist
from bot.services.imports.jp_history import parse_category, parse_date_cell, parse_jp_amount
from bot.services.imports.roster import opd_key
from bot.services.imports.table import RowError, cell_text, normalize_column, read_table, resolve_columns
from models import Opd, Program, ProgramOpd, ProgramPositionType, ProgramSession
from models.enums import PositionType, ProgramMethod, ProgramStatus

PROGRAM_COLUMNS: dict[str, tuple[str, ...]] = {
    "kode": ("kode_program", "program_code", "code"),
    "judul": ("nama_program", "title", "nama_pelatihan"),
    "kategori": ("category", "jenis_kegiatan"),
    "metode": ("method", "metode_pembelajaran"),
    "jp": ("jam_pelajaran", "jumlah_jp"),
    "mulai": ("waktu_mulai", "start", "tanggal_mulai"),
    "selesai": ("waktu_selesai", "end", "tanggal_selesai"),
    "kuota": ("quota", "jumlah_peserta"),
    "pendaftaran_dibuka": ("registration_opens", "buka_pendaftaran"),
    "pendaftaran_ditutup": ("registration_closes", "batas_pendaftaran", "tutup_pendaftaran"),
    "tempat": ("lokasi", "place", "location"),
    "tautan": ("link", "online_url", "url", "tautan_daring"),
    "penyelenggara": ("organiser", "organizer"),
    "deskripsi": ("description", "keterangan"),
    "opd_sasaran": ("sasaran_opd", "audience_opd"),
    "jenis_jabatan_sasaran": ("sasaran_jabatan", "audience_position"),
    "status": (),
}
PROGRAM_REQUIRED = {"kode", "judul", "kategori", "metode", "jp", "mulai", "selesai", "kuota"}
# Program-level columns that must agree between the rows of one code.
_PROGRAM_LEVEL = [c for c in PROGRAM_COLUMNS if c not in ("kode", "mulai", "selesai")]

_METHODS = {
    "klasikal": ProgramMethod.KLASIKAL,
    "tatap_muka": ProgramMethod.KLASIKAL,
    "classroom": ProgramMethod.KLASIKAL,
    "e_learning": ProgramMethod.E_LEARNING,
    "elearning": ProgramMethod.E_LEARNING,
    "daring": ProgramMethod.E_LEARNING,
    "online": ProgramMethod.E_LEARNING,
    "blended": ProgramMethod.BLENDED,
    "campuran": ProgramMethod.BLENDED,
    "nonklasikal": ProgramMethod.NONKLASIKAL,
    "non_klasikal": ProgramMethod.NONKLASIKAL,
}
_STATUSES = {
    "draft": ProgramStatus.DRAFT,
    "draf": ProgramStatus.DRAFT,
    "published": ProgramStatus.PUBLISHED,
    "terbit": ProgramStatus.PUBLISHED,
    "diterbitkan": ProgramStatus.PUBLISHED,
}
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_DATE_TIME = re.compile(r"^(.+?)[ T]+(\d{1,2})[:.](\d{2})(?::\d{2})?$")
_URL = re.compile(r"^https?://\S+$")
CODE_MAX, TITLE_MAX, PLACE_MAX, URL_MAX, ORGANISER_MAX = 40, 300, 300, 500, 200
QUOTA_MAX = 100_000


@dataclass(slots=True)
class _Draft:
    row: int
    code: str
    title: str
    category: str
    method: str
    jp: Decimal
    quota: int
    opens: datetime | None
    closes: datetime | None
    place: str | None
    url: str | None
    organiser: str | None
    description: str | None
    opd_refs: list[str]
    position_types: list[str]
    status: str | None
    raw: dict[str, object]
    sessions: list[tuple[datetime, datetime]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ProgramImportReport:
    rows: int
    created: int
    updated: int
    unchanged: int
    errors: list[RowError]
    applied: bool
    dry_run: bool
    columns: dict[str, str] = field(default_factory=dict)


def parse_datetime_cell(
    value: object, tz: ZoneInfo, *, day: datetime | None = None
) -> tuple[datetime | None, str | None]:
    """An aware datetime from a cell in the business time zone; `day` lets a bare time
    (`16.00`) mean that time on the session's start day."""
    if value is None:
        return None, None
    if isinstance(value, datetime):
        return value.replace(tzinfo=tz) if value.tzinfo is None else value, None
    if isinstance(value, time) and day is not None:
        return datetime.combine(day.astimezone(tz).date(), value, tz), None
    text = cell_text(value)
    if text is None:
        return None, None
    if (match := _TIME.match(text)) and day is not None:
        try:
            clock_time = time(int(match[1]), int(match[2]))
        except ValueError:
            return None, "time_invalid"
        return datetime.combine(day.astimezone(tz).date(), clock_time, tz), None
    hours, minutes = 0, 0
    if match := _DATE_TIME.match(text):
        text, hours, minutes = match[1], int(match[2]), int(match[3])
    parsed, error = parse_date_cell(text)
    if error or parsed is None:
        return None, error or "date_format"
    try:
        return datetime.combine(parsed, time(hours, minutes), tz), None
    except ValueError:
        return None, "time_invalid"


def _split(value: object) -> list[str]:
    text = cell_text(value)
    return [part.strip() for part in re.split(r"[;\n]", text)] if text else []


async def import_programs(
    session: AsyncSession,
    path: Path,
    clock: Clock,
    tz: ZoneInfo,
    *,
    dry_run: bool = False,
) -> ProgramImportReport:
    """Validate and upsert programs by code. Raises TableError for an unusable file."""
    table = await asyncio.to_thread(read_table, path)
    cols = resolve_columns(table, PROGRAM_COLUMNS, PROGRAM_REQUIRED)
    labels = {canonical: table.label(name) for canonical, name in cols.items()}
    errors: list[RowError] = []
    drafts: dict[str, _Draft] = {}
    first_rows: dict[str, dict[str, object]] = {}  # a code's first row, for conflicts

    def get(cells: dict[str, object], canonical: str) -> object:
        return cells.get(cols[canonical]) if canonical in cols else None

    for number, cells in table.rows:
        row_errors: list[RowError] = []

        def fail(column: str, code: str) -> None:
            row_errors.append(RowError(number, column, code))

        code = cell_text(get(cells, "kode"))
        if code is None:
            fail("kode", "program_code_empty")
        elif len(code) > CODE_MAX:
            fail("kode", "too_long")
        start, start_error = parse_datetime_cell(get(cells, "mulai"), tz)
        if start is None:
            fail("mulai", start_error or "date_empty")
        end, end_error = parse_datetime_cell(get(cells, "selesai"), tz, day=start)
        if end is None:
            fail("selesai", end_error or "date_empty")
        elif start is not None and end <= start:
            fail("selesai", "session_order")
        draft = None
        if code and code in first_rows:
            for column in _PROGRAM_LEVEL:
                value = cell_text(get(cells, column))
                if value is not None and value != cell_text(first_rows[code].get(column)):
                    fail(column, "program_conflict")
            draft = drafts.get(code)
        elif code:
            first_rows[code] = {c: get(cells, c) for c in _PROGRAM_LEVEL}
            draft = _read_program(number, code, cells, get, fail, tz)
            if draft is not None:
                drafts[code] = draft
        errors.extend(row_errors)
        if row_errors or draft is None or start is None or end is None:
            continue  # any error stops the import, so a missing session changes nothing
        draft.sessions.append((start, end))

    opd_ids = await _opd_lookup(session)
    for draft in drafts.values():
        for ref in draft.opd_refs:
            if opd_key(ref) not in opd_ids:
                errors.append(RowError(draft.row, "opd_sasaran", "opd_unknown"))
        if draft.closes and draft.opens and draft.closes <= draft.opens:
            errors.append(RowError(draft.row, "pendaftaran_ditutup", "date_order"))
        if draft.sessions and draft.closes and draft.closes > min(s for s, _ in draft.sessions):
            errors.append(RowError(draft.row, "pendaftaran_ditutup", "registration_after_start"))
    found = (
        (await session.scalars(select(Program).where(Program.code.in_(list(drafts))))).all()
        if drafts
        else []
    )
    existing = {p.code: p for p in found}
    for draft in drafts.values():
        program = existing.get(draft.code)
        if program is not None and draft.quota < program.seats_taken:
            errors.append(RowError(draft.row, "kuota", "quota_below_taken"))
        if program is not None and program.status in (ProgramStatus.CANCELLED, ProgramStatus.COMPLETED):
            errors.append(RowError(draft.row, "kode", "program_closed"))
    errors.sort(key=lambda e: (e.row, e.column))
    if errors:
        return ProgramImportReport(len(table.rows), 0, 0, 0, errors, False, dry_run, labels)

    counts = {"created": 0, "updated": 0, "unchanged": 0}
    nested = await session.begin_nested()
    now = clock.now()
    for draft in drafts.values():
        outcome = await _upsert(session, draft, existing.get(draft.code), opd_ids, now, tz)
        counts[outcome] += 1
    if dry_run:
        await nested.rollback()
    else:
        await nested.commit()
    return ProgramImportReport(
        len(table.rows), counts["created"], counts["updated"], counts["unchanged"], [],
        not dry_run, dry_run, labels,
    )


def _read_program(number, code, cells, get, fail, tz) -> _Draft | None:  # type: ignore[no-untyped-def]
    title = cell_text(get(cells, "judul"))
    if title is None:
        fail("judul", "title_empty")
    elif len(title) > TITLE_MAX:
        fail("judul", "too_long")
    raw_category = get(cells, "kategori")
    category = parse_category(raw_category)
    if category is None:
        fail("kategori", "category_empty" if cell_text(raw_category) is None else "category_unknown")
    method = _METHODS.get(normalize_column(cell_text(get(cells, "metode")) or ""))
    if method is None:
        fail("metode", "method_unknown")
    jp, jp_error = parse_jp_amount(get(cells, "jp"))
    if jp_error:
        fail("jp", jp_error)
    quota_text = cell_text(get(cells, "kuota")) or ""
    quota = int(quota_text) if quota_text.isdigit() else None
    if quota is None or quota > QUOTA_MAX:
        fail("kuota", "quota_invalid")
    opens, opens_error = parse_datetime_cell(get(cells, "pendaftaran_dibuka"), tz)
    if opens_error:
        fail("pendaftaran_dibuka", opens_error)
    closes, closes_error = parse_datetime_cell(get(cells, "pendaftaran_ditutup"), tz)
    if closes_error:
        fail("pendaftaran_ditutup", closes_error)
    place = cell_text(get(cells, "tempat"))
    if place and len(place) > PLACE_MAX:
        fail("tempat", "too_long")
    url = cell_text(get(cells, "tautan"))
    if url and (len(url) > URL_MAX or not _URL.match(url)):
        fail("tautan", "url_invalid")
    organiser = cell_text(get(cells, "penyelenggara"))
    if organiser and len(organiser) > ORGANISER_MAX:
        fail("penyelenggara", "too_long")
    positions = []
    for part in _split(get(cells, "jenis_jabatan_sasaran")):
        try:
            positions.append(PositionType(normalize_column(part)).value)
        except ValueError:
            fail("jenis_jabatan_sasaran", "position_type_unknown")
    raw_status = cell_text(get(cells, "status"))
    status = _STATUSES.get(normalize_column(raw_status)) if raw_status else None
    if raw_status and status is None:
        fail("status", "program_status_unknown")
    if title is None or category is None or method is None or jp is None or quota is None:
        return None
    raw = {c: get(cells, c) for c in _PROGRAM_LEVEL}
    description = get(cells, "deskripsi")
    return _Draft(
        number, code, title, category, method, jp, quota, opens, closes, place, url, organiser,
        str(description).strip() if description else None,
        _split(get(cells, "opd_sasaran")), sorted(set(positions)), status, raw,
    )


async def _opd_lookup(session: AsyncSession) -> dict[str, int]:
    """OPDs by normalised name and by code."""
    found: dict[str, int] = {}
    for opd_id, name, code in (await session.execute(select(Opd.id, Opd.name, Opd.code))).all():
        found[opd_key(name)] = opd_id
        if code:
            found[opd_key(code)] = opd_id
    return found


async def _upsert(
    session: AsyncSession,
    draft: _Draft,
    program: Program | None,
    opd_ids: dict[str, int],
    now: datetime,
    tz: ZoneInfo,
) -> str:
    sessions = sorted(draft.sessions)
    starts_at, ends_at = sessions[0][0], max(e for _, e in sessions)
    values = {
        "title": draft.title,
        "description": draft.description,
        "category": draft.category,
        "method": draft.method,
        "jp": draft.jp,
        "place": draft.place,
        "online_url": draft.url,
        "organiser": draft.organiser,
        "quota": draft.quota,
        "registration_opens_at": draft.opens or (program.registration_opens_at if program else now),
        "registration_closes_at": draft.closes or starts_at - timedelta(days=1),
        "starts_at": starts_at,
        "ends_at": ends_at,
    }
    audience_opds = sorted({opd_ids[opd_key(ref)] for ref in draft.opd_refs})
    if program is None:
        program = Program(
            code=draft.code, status=draft.status or ProgramStatus.DRAFT, seats_taken=0,
            queue_counter=0, created_at=now, updated_at=now, **values,
        )
        session.add(program)
        await session.flush()
        await _replace_children(session, program.id, sessions, audience_opds, draft.position_types)
        return "created"

    current_sessions = sorted(
        (s, e) for s, e in (
            await session.execute(
                select(ProgramSession.starts_at, ProgramSession.ends_at).where(
                    ProgramSession.program_id == program.id
                )
            )
        ).all()
    )
    current_opds = sorted(
        (await session.scalars(select(ProgramOpd.opd_id).where(ProgramOpd.program_id == program.id))).all()
    )
    current_types = sorted(
        (await session.scalars(
            select(ProgramPositionType.position_type).where(ProgramPositionType.program_id == program.id)
        )).all()
    )
    changed = any(getattr(program, key) != value for key, value in values.items())
    children_changed = (
        current_sessions != sessions
        or current_opds != audience_opds
        or current_types != draft.position_types
    )
    publish = draft.status == ProgramStatus.PUBLISHED and program.status == ProgramStatus.DRAFT
    if not changed and not children_changed and not publish:
        return "unchanged"
    for key, value in values.items():
        setattr(program, key, value)
    if publish:
        program.status = ProgramStatus.PUBLISHED
    program.updated_at = now
    if children_changed:
        await _replace_children(session, program.id, sessions, audience_opds, draft.position_types)
    await session.flush()
    await promote_waitlist(session, program, now, tz)  # a bigger quota frees seats
    return "updated"


async def _replace_children(
    session: AsyncSession,
    program_id: int,
    sessions: list[tuple[datetime, datetime]],
    opd_ids: list[int],
    position_types: list[str],
) -> None:
    for model in (ProgramSession, ProgramOpd, ProgramPositionType):
        await session.execute(delete(model).where(model.program_id == program_id))
    session.add_all(ProgramSession(program_id=program_id, starts_at=s, ends_at=e) for s, e in sessions)
    session.add_all(ProgramOpd(program_id=program_id, opd_id=o) for o in opd_ids)
    session.add_all(ProgramPositionType(program_id=program_id, position_type=p) for p in position_types)
    await session.flush()

