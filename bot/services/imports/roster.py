"""Roster import: OPDs and employees from a spreadsheet, upserted by NIP.

The roster file is the source of truth for the columns it has: a present optional column
overwrites the stored value (an empty cell clears it), an absent one leaves stored values
alone. Employees missing from the file are not touched, because a roster is often sent
per OPD. An employee who appears in the file is active again.

All or nothing by default: one bad row and nothing is written, so an admin never has to
work out which half of a file went in.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services.audit import CLI
from bot.services.identity.roles import suspend_moved_opd_admins
from bot.services.identity.nip import NipError, validate_nip
from bot.services.menus import tell_changed_menus, watch_menus
from bot.services.spreadsheets.cells import NIP, OPTIONAL_NIP, PHONE, choice, text
from bot.services.spreadsheets.reader import RowError, Table, table_of
from bot.services.spreadsheets.rows import Row, RowProblem, Sheet, SheetRows, col, duplicates, rule
from models import Employee, Opd
from models.enums import EmployeeType, PositionType

log = logging.getLogger(__name__)

# Sizes of the columns the values land in (models/organisation.py).
NAME_MAX = 200
OPD_NAME_MAX = 200
OPD_CODE_MAX = 32
UNIT_MAX = 200
POSITION_MAX = 200

# Bound parameters per IN list: well under every driver's limit, few round trips.
LOOKUP_CHUNK = 500

_EMPLOYEE_TYPES: dict[str, str] = {
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
_POSITION_TYPES: dict[str, str] = {
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
    roles_suspended: int = 0  # OPD admins moved to another OPD: suspended until re-granted
    menus_changed: int = 0  # linked people whose menu changed (a team given or taken): told


class RosterRow(Row):
    """One employee of the roster file."""

    nip: Annotated[str, col("nip", "nip_baru", parse=NIP, required=True)]
    name: Annotated[str, col("nama", "name", "nama_lengkap", "nama_pegawai",
                             parse=text(NAME_MAX, empty="name_empty", too_long="name_too_long"), required=True)]
    employee_type: Annotated[str, col(
        "jenis_pegawai", "jenis", "type", "employee_type", "status_kepegawaian",
        parse=choice(_EMPLOYEE_TYPES, "type_unknown", empty="type_unknown"), required=True)]
    opd_name: Annotated[str, col("opd", "nama_opd", "perangkat_daerah",
                                 parse=text(OPD_NAME_MAX, empty="opd_empty"), required=True)]
    opd_code: Annotated[str | None, col("kode_opd", "opd_code", parse=text(OPD_CODE_MAX))]
    unit: Annotated[str | None, col("unit_kerja", "unit", parse=text(UNIT_MAX))]
    position: Annotated[str | None, col("jabatan", "position", "nama_jabatan", parse=text(POSITION_MAX))]
    position_type: Annotated[str | None, col(
        "jenis_jabatan", "position_type", "tipe_jabatan", "kelompok_jabatan",
        parse=choice(_POSITION_TYPES, "position_type_unknown"))]
    phone: Annotated[str | None, col("no_hp", "hp", "phone", "nomor_hp", "telepon", "no_telp", "no_wa",
                                     parse=PHONE)]
    supervisor_nip: Annotated[str | None, col(
        "nip_atasan", "nip_atasan_langsung", "atasan_nip", "supervisor_nip", parse=OPTIONAL_NIP)]

    @staticmethod
    @rule("nip", "employee_type")
    def _nip_of_its_type(values: dict[str, Any], context: Mapping[str, Any]) -> None:
        """Every NIP is checked against what all NIPs share; a PNS NIP also encodes the
        TMT and the sex, checked once the type is known."""
        if values["employee_type"] == EmployeeType.PPPK:
            return  # what the column's parser checked is all a PPPK number promises
        try:
            validate_nip(values["nip"], values["employee_type"], context.get("today"))
        except NipError as exc:
            raise RowProblem("nip", exc.code) from None


ROSTER = Sheet(RosterRow, extra_codes=("nip_duplicate", "nip_tmt", "nip_sex", "nip_tmt_future",
                                       "supervisor_unknown", "supervisor_cycle"))
SUPERVISOR = "nip_atasan"


@dataclass(slots=True)
class _Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    opds_created: int = 0
    roles_suspended: int = 0
    menus_changed: int = 0


def chunked(items: Sequence[_T], size: int = LOOKUP_CHUNK) -> Iterator[Sequence[_T]]:
    """Consecutive slices of at most `size` items."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def opd_key(name: str) -> str:
    """OPD names match case-insensitively and whatever the spacing."""
    return " ".join(name.split()).casefold()


async def import_roster(
    session: AsyncSession,
    source: Path | Table,
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
    table = await table_of(source)
    # The day, for NIPs that cannot be yet (a birth date or TMT year in the future).
    sheet = ROSTER.parse(table, {"today": clock.now().date()})
    errors = sheet.errors + list(duplicates(sheet.rows, "nip", "nip", "nip_duplicate"))
    valid = [r for r in sheet.valid if r.row not in {e.row for e in errors}]
    if sheet.has(SUPERVISOR):
        # Against the rows that can be written: a supervisor on a bad row is unknown.
        errors += await _supervisor_problems(session, valid)
    errors.sort(key=lambda e: (e.row, ROSTER.order(e.column)))
    error_rows = {e.row for e in errors}
    valid = [r for r in valid if r.row not in error_rows]

    counts = _Counts()
    applied = False
    if not errors or skip_invalid:
        now = clock.now()
        if dry_run:
            nested = await session.begin_nested()
            try:
                counts = await _apply(session, valid, sheet, now, tell=False)
            finally:
                await nested.rollback()
        else:
            counts = await _apply(session, valid, sheet, now, tell=True)
            applied = True

    report = RosterReport(
        rows=len(table.rows),
        created=counts.created,
        updated=counts.updated,
        unchanged=counts.unchanged,
        opds_created=counts.opds_created,
        roles_suspended=counts.roles_suspended,
        menus_changed=counts.menus_changed,
        errors=errors,
        applied=applied,
        dry_run=dry_run,
        skipped=len(error_rows) if (skip_invalid and errors) else 0,
        columns=sheet.labels,
    )
    # Counts only: cells hold NIPs and phone numbers.
    log.info(
        "roster import rows=%d created=%d updated=%d unchanged=%d opds_created=%d "
        "roles_suspended=%d menus_changed=%d errors=%d applied=%s dry_run=%s",
        report.rows,
        report.created,
        report.updated,
        report.unchanged,
        report.opds_created,
        report.roles_suspended,
        report.menus_changed,
        len(errors),
        applied,
        dry_run,
    )
    return report


async def _apply(
    session: AsyncSession, rows: list[RosterRow], sheet: SheetRows[RosterRow], now: datetime,
    *, tell: bool,
) -> _Counts:
    """Write the rows; with `tell`, the linked people whose menu this changes (a team
    given or taken away, an OPD admin role suspended by a move) are told once each,
    through the outbox."""
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
                Employee.supervisor_id,
            ).where(Employee.nip.in_(chunk))
        )
        for found in result:
            existing[found.nip] = found

    inserts: list[dict[str, object]] = []
    updates: list[dict[str, object]] = []
    moved: dict[int, int] = {}  # employee id -> the OPD they leave
    unchanged: set[str] = set()
    for r in rows:
        wanted: dict[str, object] = {
            "name": r.name,
            "employee_type": r.employee_type,
            "opd_id": opd_ids[opd_key(r.opd_name)],
            "is_active": True,
        }
        # Only the optional columns the file has are authoritative.
        if sheet.has("unit_kerja"):
            wanted["unit"] = r.unit
        if sheet.has("jabatan"):
            wanted["position"] = r.position
        if sheet.has("jenis_jabatan"):
            wanted["position_type"] = r.position_type
        if sheet.has("no_hp"):
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
            if current.opd_id != wanted["opd_id"]:
                moved[current.id] = current.opd_id
        else:
            counts.unchanged += 1
            unchanged.add(r.nip)

    watched = []
    if tell:
        watched = await watch_menus(session, await _touched(session, rows, sheet, existing, moved))
    if inserts:
        await session.execute(insert(Employee), inserts)
    if updates:
        # ORM bulk UPDATE by primary key: one executemany, no object per row.
        await session.execute(update(Employee), updates)
    counts.created = len(inserts)
    counts.updated = len(updates)
    if sheet.has(SUPERVISOR):
        # After the inserts: a supervisor may be new in this very file.
        changed = await _set_supervisors(session, rows, existing, now)
        again = len(changed & unchanged)
        counts.unchanged -= again
        counts.updated += again
    counts.roles_suspended = await suspend_moved_opd_admins(session, moved, CLI, now)
    counts.menus_changed = await tell_changed_menus(session, watched, now)
    return counts


async def _touched(session: AsyncSession, rows: list[RosterRow], sheet: SheetRows[RosterRow],
                   existing: dict[str, Any], moved: dict[int, int]) -> set[int]:
    """Employees whose menu the import may change: the supervisors a row leaves or gets
    (one who loses their last report loses 👥 Tim Saya; one who gets a first one gains
    it), the supervisor of someone back in service, and whoever moves OPD (an OPD admin
    role of the old OPD is suspended). Read before anything is written."""
    touched = set(moved)
    named: dict[str, int] = {}
    if sheet.has(SUPERVISOR):
        named = await _ids_of(session, sorted({r.supervisor_nip for r in rows if r.supervisor_nip}))
    for r in rows:
        current = existing.get(r.nip)
        old = current.supervisor_id if current is not None else None
        if current is not None and not current.is_active:
            touched.add(current.id)  # back in service: their roles act again
            if old is not None:
                touched.add(old)
        if not sheet.has(SUPERVISOR):
            continue
        new = named.get(r.supervisor_nip) if r.supervisor_nip else None
        if new != old or (r.supervisor_nip and new is None):
            touched |= {i for i in (old, new) if i is not None}
    return touched


async def _ids_of(session: AsyncSession, nips: Sequence[str]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for chunk in chunked(list(nips)):
        result = await session.execute(select(Employee.nip, Employee.id).where(Employee.nip.in_(chunk)))
        ids.update({nip: employee_id for nip, employee_id in result})
    return ids


async def _supervisor_problems(session: AsyncSession, rows: list[RosterRow]) -> list[RowError]:
    """Rows naming a supervisor nobody knows (neither stored nor in this file), or one
    whose chain of supervisors, as it will be after the import, comes back to them."""
    in_file = {r.nip for r in rows}
    named = {r.supervisor_nip for r in rows if r.supervisor_nip}
    stored = set(await _ids_of(session, sorted(named - in_file)))
    errors = [RowError(r.row, SUPERVISOR, "supervisor_unknown") for r in rows
              if r.supervisor_nip and r.supervisor_nip not in in_file and r.supervisor_nip not in stored]
    if not named:
        return errors
    # The graph after the import: the stored edges, with the file's rows replacing theirs.
    boss = Employee.__table__.alias("boss")
    result = await session.execute(
        select(Employee.nip, boss.c.nip).join(boss, boss.c.id == Employee.supervisor_id)
    )
    above: dict[str, str | None] = {nip: boss_nip for nip, boss_nip in result}
    above.update({r.nip: r.supervisor_nip for r in rows})
    for r in rows:
        seen = {r.nip}
        current = r.supervisor_nip
        while current is not None and current not in seen:
            seen.add(current)
            current = above.get(current)
        if current == r.nip:
            errors.append(RowError(r.row, SUPERVISOR, "supervisor_cycle"))
    return errors


async def _set_supervisors(session: AsyncSession, rows: list[RosterRow],
                           existing: dict[str, Any], now: datetime) -> set[str]:
    """Each row's supervisor as the file says (an empty cell: none); the NIPs changed."""
    ids = await _ids_of(session, sorted({r.nip for r in rows}
                                        | {r.supervisor_nip for r in rows if r.supervisor_nip}))
    changes: list[dict[str, object]] = []
    changed: set[str] = set()
    for r in rows:
        wanted = ids[r.supervisor_nip] if r.supervisor_nip else None
        current = existing.get(r.nip)
        if (current.supervisor_id if current is not None else None) != wanted:
            changes.append({"id": ids[r.nip], "supervisor_id": wanted, "updated_at": now})
            changed.add(r.nip)
    if changes:
        await session.execute(update(Employee), changes)
    return changed


async def _upsert_opds(session: AsyncSession, rows: list[RosterRow]) -> tuple[dict[str, int], int]:
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
