"""Roster import: OPDs and employees from a spreadsheet, upserted by NIP.

The roster file is the source of truth for the columns it has: a present optional column
overwrites the stored value (an empty cell clears it), an absent one leaves stored values
alone. Employees missing from the file are not touched, because a roster is often sent
per OPD. An employee who appears in the file is active again.

All or nothing by default: one bad row and nothing is written, so an admin never has to
work out which half of a file went in.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services.identity.nip import NipError, validate_nip
from bot.services.identity.phone import normalize_phone
from bot.services.imports.table import RowError, cell_text, normalize_column, read_table, resolve_columns
from models import Employee, Opd
from models.enums import EmployeeType, PositionType

log = logging.getLogger(__name__)

# Canonical column -> other accepted headers, in order of preference.
ROSTER_COLUMNS: dict[str, tuple[str, ...]] = {
    "nip": ("nip_baru",),
    "nama": ("name", "nama_lengkap", "nama_pegawai"),
    "jenis_pegawai": ("jenis", "type", "employee_type", "status_kepegawaian"),
    "opd": ("nama_opd", "perangkat_daerah"),
    "kode_opd": ("opd_code",),
    "unit_kerja": ("unit",),
    "jabatan": ("position", "nama_jabatan"),
    "jenis_jabatan": ("position_type", "tipe_jabatan", "kelompok_jabatan"),
    "no_hp": ("hp", "phone", "nomor_hp", "telepon", "no_telp", "no_wa"),
}
ROSTER_REQUIRED = {"nip", "nama", "jenis_pegawai", "opd"}

# Sizes of the columns the values land in (models/organisation.py).
NAME_MAX = 200
OPD_NAME_MAX = 200
OPD_CODE_MAX = 32
UNIT_MAX = 200
POSITION_MAX = 200

# Bound parameters per IN list: well under every driver's limit, few round trips.
LOOKUP_CHUNK = 500

_EMPLOYEE_TYPES: dict[str, EmployeeType] = {
    "pns": EmployeeType.PNS,
    # A CPNS already holds a PNS-shaped NIP and the same 20 JP right.
    "cpns": EmployeeType.PNS,
    "pegawai_negeri_sipil": EmployeeType.PNS,
    "pppk": EmployeeType.PPPK,
    "p3k": EmployeeType.PPPK,
    "pppk_paruh_waktu": EmployeeType.PPPK,
    "pegawai_pemerintah_dengan_perjanjian_kerja": EmployeeType.PPPK,
}

# Jenis jabatan, as rosters write it -> PositionType (programs can target them).
_POSITION_TYPES: dict[str, PositionType] = {
    "struktural": PositionType.STRUKTURAL,
    "jabatan_struktural": PositionType.STRUKTURAL,
    "jpt": PositionType.STRUKTURAL,
    "pimpinan_tinggi": PositionType.STRUKTURAL,
    "administrator": PositionType.STRUKTURAL,
    "pengawas": PositionType.STRUKTURAL,
    "fungsional": PositionType.FUNGSIONAL,
    "jabatan_fungsional": PositionType.FUNGSIONAL,
    "jft": PositionType.FUNGSIONAL,
    "pelaksana": PositionType.PELAKSANA,
    "jabatan_pelaksana": PositionType.PELAKSANA,
    "jfu": PositionType.PELAKSANA,
    "fungsional_umum": PositionType.PELAKSANA,
}

# "1.98503E+17" or "1,98503E+17": what Excel writes to CSV for a NIP it stored as a number.
_SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?[eE][+]?\d+$")

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class RosterReport:
    """What a roster import found and did.

    Counts describe the rows that were (or, for a dry run, would be) written: all zero
    when errors stopped an all-or-nothing import. `skipped` counts the rows left out by
    `skip_invalid`. `columns` maps canonical column names to the file's headers, so an
    error can be shown with the header the admin actually typed.
    """

    rows: int
    created: int
    updated: int
    unchanged: int
    opds_created: int
    errors: list[RowError]
    applied: bool
    dry_run: bool
    skipped: int = 0
    columns: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class _RosterRow:
    row: int
    nip: str
    name: str
    employee_type: str
    opd_name: str
    opd_code: str | None
    unit: str | None
    position: str | None
    phone: str | None
    position_type: str | None = None


@dataclass(slots=True)
class _Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    opds_created: int = 0


def chunked(items: Sequence[_T], size: int = LOOKUP_CHUNK) -> Iterator[Sequence[_T]]:
    """Consecutive slices of at most `size` items."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def opd_key(name: str) -> str:
    """OPD names match case-insensitively and whatever the spacing."""
    return " ".join(name.split()).casefold()


def parse_nip_cell(
    value: object, employee_type: str = EmployeeType.PNS
) -> tuple[str | None, str | None]:
    """(clean NIP, None) or (None, error code) for a NIP cell.

    A numeric cell is refused outright: Excel keeps 15 significant digits, so an 18-digit
    NIP stored as a number has already lost its last digits, whatever it looks like now.
    """
    if value is None:
        return None, "nip_empty"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return None, "nip_numeric_cell"
    # A leading apostrophe is how Excel users force text; it may survive into a CSV.
    text = str(value).strip().lstrip("'")
    if not text:
        return None, "nip_empty"
    if _SCIENTIFIC.match(text.replace(" ", "")):
        return None, "nip_numeric_cell"
    try:
        return validate_nip(text, employee_type), None
    except NipError as exc:
        return None, exc.code


def parse_phone_cell(value: object) -> tuple[str | None, str | None]:
    """(E.164 phone or None when empty, None) or (None, `phone_invalid`).

    xlsx stores a phone typed without quotes as a number, dropping the leading 0
    (81234567890); `normalize_phone` accepts that form once it is text again.
    """
    if value is None:
        return None, None
    if isinstance(value, bool):
        return None, "phone_invalid"
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        if not value.is_integer():
            return None, "phone_invalid"
        text = str(int(value))
    else:
        text = str(value).strip().lstrip("'")
        if not text:
            return None, None
    phone = normalize_phone(text)
    if phone is None:
        return None, "phone_invalid"
    return phone, None


async def import_roster(
    session: AsyncSession,
    path: Path,
    clock: Clock,
    *,
    dry_run: bool = False,
    skip_invalid: bool = False,
) -> RosterReport:
    """Validate a roster file and upsert its OPDs and employees by NIP.

    Every row is checked and every problem reported (`RowError`). With errors, nothing is
    written unless `skip_invalid` is set, which imports the valid rows only. `dry_run`
    runs the real upsert inside a savepoint and rolls it back, so the counts are exact
    and nothing stays written. Re-importing the same file changes nothing.

    Raises `TableError` when the file itself cannot be used (type, size, unreadable,
    empty, missing or ambiguous columns).
    """
    # Parsing a large xlsx takes seconds: keep the bot's event loop answering meanwhile.
    table = await asyncio.to_thread(read_table, path)
    cols = resolve_columns(table, ROSTER_COLUMNS, ROSTER_REQUIRED)
    parsed, errors = _validate(table.rows, cols)
    error_rows = {e.row for e in errors}
    valid = [r for r in parsed if r.row not in error_rows]

    counts = _Counts()
    applied = False
    if not errors or skip_invalid:
        now = clock.now()
        if dry_run:
            nested = await session.begin_nested()
            try:
                counts = await _apply(session, valid, cols, now)
            finally:
                await nested.rollback()
        else:
            counts = await _apply(session, valid, cols, now)
            applied = True

    report = RosterReport(
        rows=len(table.rows),
        created=counts.created,
        updated=counts.updated,
        unchanged=counts.unchanged,
        opds_created=counts.opds_created,
        errors=errors,
        applied=applied,
        dry_run=dry_run,
        skipped=len(error_rows) if (skip_invalid and errors) else 0,
        columns={canonical: table.label(name) for canonical, name in cols.items()},
    )
    # Counts only: cells hold NIPs and phone numbers.
    log.info(
        "roster import rows=%d created=%d updated=%d unchanged=%d opds_created=%d "
        "errors=%d applied=%s dry_run=%s",
        report.rows,
        report.created,
        report.updated,
        report.unchanged,
        report.opds_created,
        len(errors),
        applied,
        dry_run,
    )
    return report


def _validate(
    rows: list[tuple[int, dict[str, object]]], cols: dict[str, str]
) -> tuple[list[_RosterRow], list[RowError]]:
    parsed: list[_RosterRow] = []
    errors: list[RowError] = []
    rows_by_nip: dict[str, list[int]] = {}

    def get(cells: dict[str, object], canonical: str) -> object:
        header = cols.get(canonical)
        return cells.get(header) if header is not None else None

    for number, cells in rows:
        row_errors: list[RowError] = []

        def fail(column: str, code: str) -> None:
            row_errors.append(RowError(number, column, code))

        type_text = cell_text(get(cells, "jenis_pegawai"))
        employee_type = _EMPLOYEE_TYPES.get(normalize_column(type_text)) if type_text else None
        if employee_type is None:
            fail("jenis_pegawai", "type_unknown")

        # With the type unknown, still check what every NIP must satisfy (the PPPK rules:
        # length and birth date) so that all of the row's problems show at once.
        nip, nip_error = parse_nip_cell(get(cells, "nip"), employee_type or EmployeeType.PPPK)
        if nip_error is not None:
            fail("nip", nip_error)

        name = cell_text(get(cells, "nama"))
        if name is None:
            fail("nama", "name_empty")
        elif len(name) > NAME_MAX:
            fail("nama", "name_too_long")

        opd_name = cell_text(get(cells, "opd"))
        if opd_name is None:
            fail("opd", "opd_empty")
        elif len(opd_name) > OPD_NAME_MAX:
            fail("opd", "too_long")

        opd_code = cell_text(get(cells, "kode_opd"))
        if opd_code is not None and len(opd_code) > OPD_CODE_MAX:
            fail("kode_opd", "too_long")
        unit = cell_text(get(cells, "unit_kerja"))
        if unit is not None and len(unit) > UNIT_MAX:
            fail("unit_kerja", "too_long")
        position = cell_text(get(cells, "jabatan"))
        if position is not None and len(position) > POSITION_MAX:
            fail("jabatan", "too_long")

        position_type_text = cell_text(get(cells, "jenis_jabatan"))
        position_type = (
            _POSITION_TYPES.get(normalize_column(position_type_text)) if position_type_text else None
        )
        if position_type_text is not None and position_type is None:
            fail("jenis_jabatan", "position_type_unknown")

        phone, phone_error = parse_phone_cell(get(cells, "no_hp"))
        if phone_error is not None:
            fail("no_hp", phone_error)

        if nip is not None:
            rows_by_nip.setdefault(nip, []).append(number)
        errors.extend(row_errors)
        if not row_errors:
            assert nip is not None and name is not None and opd_name is not None
            assert employee_type is not None
            parsed.append(
                _RosterRow(
                    row=number,
                    nip=nip,
                    name=name,
                    employee_type=employee_type.value,
                    opd_name=opd_name,
                    opd_code=opd_code,
                    unit=unit,
                    position=position,
                    phone=phone,
                    position_type=position_type.value if position_type else None,
                )
            )

    # Every occurrence is an error: we cannot know which of two rows is the right one.
    for numbers in rows_by_nip.values():
        if len(numbers) > 1:
            errors.extend(RowError(n, "nip", "nip_duplicate") for n in numbers)
    errors.sort(key=lambda e: (e.row, _COLUMN_ORDER.get(e.column, 99)))
    return parsed, errors


_COLUMN_ORDER = {name: i for i, name in enumerate(ROSTER_COLUMNS)}


async def _apply(
    session: AsyncSession, rows: list[_RosterRow], cols: dict[str, str], now: datetime
) -> _Counts:
    counts = _Counts()
    if not rows:
        return counts
    opd_ids, counts.opds_created = await _upsert_opds(session, rows)

    existing: dict[str, Any] = {}
    nips = [r.nip for r in rows]
    for chunk in chunked(nips):
        result = await session.execute(
            select(
                Employee.id,
                Employee.nip,
                Employee.name,
                Employee.employee_type,
                Employee.opd_id,
                Employee.unit,
                Employee.position,
                Employee.position_type,
                Employee.phone,
                Employee.is_active,
            ).where(Employee.nip.in_(chunk))
        )
        for found in result:
            existing[found.nip] = found

    inserts: list[dict[str, object]] = []
    updates: list[dict[str, object]] = []
    for r in rows:
        wanted: dict[str, object] = {
            "name": r.name,
            "employee_type": r.employee_type,
            "opd_id": opd_ids[opd_key(r.opd_name)],
            "is_active": True,
        }
        # Only the optional columns the file has are authoritative.
        if "unit_kerja" in cols:
            wanted["unit"] = r.unit
        if "jabatan" in cols:
            wanted["position"] = r.position
        if "jenis_jabatan" in cols:
            wanted["position_type"] = r.position_type
        if "no_hp" in cols:
            wanted["phone"] = r.phone
        current = existing.get(r.nip)
        if current is None:
            inserts.append(
                {
                    "unit": None,
                    "position": None,
                    "position_type": None,
                    "phone": None,
                    **wanted,
                    "nip": r.nip,
                    "created_at": now,
                    "updated_at": now,
                }
            )
        elif any(getattr(current, key) != value for key, value in wanted.items()):
            # The same keys for every row: one executemany per batch.
            updates.append({"id": current.id, **wanted, "updated_at": now})
        else:
            counts.unchanged += 1

    if inserts:
        await session.execute(insert(Employee), inserts)
    if updates:
        # ORM bulk UPDATE by primary key: one executemany, no object per row.
        await session.execute(update(Employee), updates)
    counts.created = len(inserts)
    counts.updated = len(updates)
    return counts


async def _upsert_opds(session: AsyncSession, rows: list[_RosterRow]) -> tuple[dict[str, int], int]:
    """OPD id per normalised name, creating the missing OPDs; also the number created.

    A code from the file is set only on an OPD that has none yet and only when no other
    OPD holds it: a code is a cross-reference, not worth failing the import over.
    """
    known: dict[str, list[Any]] = {}  # key -> [id, code]
    taken: set[str] = set()
    result = await session.execute(select(Opd.id, Opd.name, Opd.code).order_by(Opd.id))
    for opd_id, name, code in result:
        known.setdefault(opd_key(name), [opd_id, code])
        if code:
            taken.add(code.casefold())

    new_opds: dict[str, Opd] = {}
    code_updates: dict[int, str] = {}
    for r in rows:
        key = opd_key(r.opd_name)
        code = r.opd_code if r.opd_code and r.opd_code.casefold() not in taken else None
        if key in known:
            entry = known[key]
            if code is not None and entry[1] is None:
                entry[1] = code
                code_updates[entry[0]] = code
                taken.add(code.casefold())
        elif key in new_opds:
            if code is not None and new_opds[key].code is None:
                new_opds[key].code = code
                taken.add(code.casefold())
        else:
            new_opds[key] = Opd(name=" ".join(r.opd_name.split()), code=code)
            if code is not None:
                taken.add(code.casefold())

    if new_opds:
        session.add_all(new_opds.values())
        await session.flush()
    for opd_id, code in code_updates.items():
        await session.execute(update(Opd).where(Opd.id == opd_id).values(code=code))

    ids = {key: entry[0] for key, entry in known.items()}
    ids.update({key: opd.id for key, opd in new_opds.items()})
    return ids, len(new_opds)
