"""JP import: earlier training records (e.g. a SIASN or SIPKA export) into the JP ledger.

Every imported record has a natural key, and an import upserts by it:

- the employee's NIP + the file's `ref` (reference) column, when the row has one (a
  reference may name a course that many employees attended: it identifies a record only
  together with whose it is);
- otherwise the employee's NIP + the title (case and spacing aside) + the start date,
  among records of source `import` (never a claim or a program's record).

An import never moves a record from one employee to another: a row under another NIP is
another employee's record.

Loading the same file twice, or two files that overlap, never counts an activity twice;
a corrected file (another JP amount, end date, category, organiser, certificate number
or status for the same key) replaces what the earlier import stored. Two rows of one
file with the same key but different contents are refused (`record_duplicate`): we
cannot know which of them is right. `external_key` (unique per source) stores a hash of
the natural key; records imported before keys were natural (a hash of the whole content)
are found by their NIP, title and start date all the same.

Dates are checked for sense: an end date after today (`date_future`), a start before
1970 (`date_too_old`: a `0001-01-01` left by an empty date field).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from collections.abc import Mapping
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services.imports.roster import chunked
from bot.services.spreadsheets.cells import CATEGORY, DAY, JP, NIP, choice, text
from bot.services.spreadsheets.reader import RowError, Table, table_of
from bot.services.spreadsheets.rows import Row, RowProblem, Sheet, col, rule
from models import Employee, JpRecord
from models.enums import JpSource, JpStatus

log = logging.getLogger(__name__)

WITA = ZoneInfo("Asia/Makassar")

TITLE_MAX = 300
ORGANISER_MAX = 200
CERTIFICATE_MAX = 100
REF_MAX = 200
_CENT = Decimal("0.01")
# No JP record predates the ledgers it comes from; an older date is a placeholder.
EARLIEST_DATE = date(1970, 1, 1)
_STATUS_ALIASES: dict[str, str] = {
    "approved": JpStatus.APPROVED,
    "disetujui": JpStatus.APPROVED,
    "pending": JpStatus.PENDING,
    "menunggu": JpStatus.PENDING,
    "menunggu_verifikasi": JpStatus.PENDING,
}

@dataclass(frozen=True, slots=True)
class JpImportReport:
    """What a JP import found and did.

    `unchanged` counts rows already in the ledger or repeated earlier in the same file;
    `duplicates` is the part of it that repeated an earlier row of the file. Counts are
    zero when errors stopped an all-or-nothing import; for a dry run they say what the
    import would do.
    """

    rows: int
    created: int
    unchanged: int
    errors: list[RowError]
    applied: bool
    dry_run: bool
    duplicates: int = 0
    skipped: int = 0
    columns: dict[str, str] = field(default_factory=dict)
    updated: int = 0  # records of an earlier import that this file corrected


class JpRow(Row):
    """One earlier training record."""

    nip: Annotated[str, col("nip", "nip_baru", parse=NIP, required=True)]
    title: Annotated[str, col("judul", "nama_pelatihan", "nama_kegiatan", "title", "nama_diklat",
                              parse=text(TITLE_MAX, empty="title_empty"), required=True)]
    category: Annotated[str, col("kategori", "category", "jenis_kegiatan", parse=CATEGORY, required=True)]
    jp: Annotated[Decimal, col("jp", "jam_pelajaran", "jumlah_jp", "jumlah_jam", parse=JP, required=True)]
    start: Annotated[date | None, col("tanggal_mulai", "mulai", "start_date", "tgl_mulai",
                                      parse=DAY, required=True)]
    end: Annotated[date | None, col("tanggal_selesai", "selesai", "end_date", "tgl_selesai",
                                    parse=DAY, required=True)]
    organiser: Annotated[str | None, col("penyelenggara", "organiser", "organizer",
                                         "instansi_penyelenggara", parse=text(ORGANISER_MAX))]
    certificate_number: Annotated[str | None, col("no_sertifikat", "certificate_number",
                                                  "nomor_sertifikat", parse=text(CERTIFICATE_MAX))]
    status: Annotated[str | None, col("status", parse=choice(_STATUS_ALIASES, "status_unknown"))]
    ref: Annotated[str | None, col("ref", "referensi", "id", parse=text(REF_MAX))]

    @staticmethod
    @rule("start", "end")
    def _dates(values: dict[str, Any], context: Mapping[str, Any]) -> dict[str, Any]:
        # A one-day activity is often written with a single date.
        start, end = values["start"] or values["end"], values["end"] or values["start"]
        if start is None or end is None:
            raise RowProblem("tanggal_mulai", "date_empty")
        if end < start:
            raise RowProblem("tanggal_selesai", "date_order")
        if end > context["today"]:
            raise RowProblem("tanggal_selesai", "date_future")
        if start < EARLIEST_DATE:
            raise RowProblem("tanggal_mulai", "date_too_old")
        return {"start": start, "end": end}

    @staticmethod
    @rule("status")
    def _approved_unless_said(values: dict[str, Any], _: Mapping[str, Any]) -> dict[str, Any]:
        return {"status": values["status"] or JpStatus.APPROVED.value}


JP_SHEET = Sheet(JpRow, extra_codes=("nip_unknown", "date_empty", "date_order", "date_future",
                                       "date_too_old", "record_duplicate"))
# What a corrected file may change about a record it keys to.
_CONTENT = ("title", "category", "status", "jp", "start_date", "end_date", "organiser",
            "certificate_number")


def title_key(title: str) -> str:
    """Titles compare loosely: a re-export that changes case or spacing is the same record."""
    return " ".join(title.split()).casefold()


def record_key(row_ref: str | None, nip: str, title: str, start: date) -> str:
    """The stored form of the natural key (see the module docstring): a hash of NIP + the
    file's reference when it has one, else of NIP + title + start date."""
    material = (f"ref:{nip}|{row_ref}" if row_ref is not None
                else f"{nip}|{title_key(title)}|{start.isoformat()}")
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def _content(row: JpRow) -> dict[str, object]:
    return {"title": row.title, "category": row.category, "status": row.status, "jp": row.jp,
            "start_date": row.start, "end_date": row.end, "organiser": row.organiser,
            "certificate_number": row.certificate_number}


def _comparable(content: dict[str, object]) -> dict[str, object]:
    """Contents as compared: the title loosely, JP as a Decimal."""
    return {**content, "title": title_key(str(content["title"])),
            "jp": Decimal(str(content["jp"])).quantize(_CENT)}


def _same(stored: dict[str, object], wanted: dict[str, object]) -> bool:
    return _comparable({k: stored[k] for k in _CONTENT}) == _comparable(wanted)


async def import_jp(
    session: AsyncSession,
    source: Path | Table,
    clock: Clock,
    *,
    dry_run: bool = False,
    skip_invalid: bool = False,
    tz: ZoneInfo = WITA,
) -> JpImportReport:
    """Validate a file of earlier JP records and upsert them into the ledger by their
    natural key (the `ref`, else NIP + title + start date; see the module docstring).

    Rows are matched to employees by NIP (`nip_unknown` when not on the roster). A row
    whose key an earlier import stored is unchanged, or replaces that record when its
    contents differ (`updated`); a row repeated in the file counts once (`duplicates`).
    All or nothing unless `skip_invalid`; `dry_run` writes inside a savepoint and rolls
    back. An end date after today (in `tz`, WITA by default) or a start before 1970 is
    refused.

    Raises `TableError` when the file itself cannot be used.
    """
    # Parsing a large xlsx takes seconds: keep the bot's event loop answering meanwhile.
    table = await table_of(source)
    today = clock.now().astimezone(tz).date()
    sheet = JP_SHEET.parse(table, {"today": today})
    errors = sheet.errors
    # Checked on every row with a well-formed NIP, so a row shows all its problems at once.
    nips = {p.number: p.values["nip"] for p in sheet.rows if p.values.get("nip")}
    employee_ids = await _employee_ids(session, sorted(set(nips.values())))
    errors.extend(
        RowError(row, "nip", "nip_unknown") for row, nip in nips.items() if nip not in employee_ids
    )
    errors.sort(key=lambda e: (e.row, JP_SHEET.order(e.column)))
    error_rows = {e.row for e in errors}
    valid = [r for r in sheet.valid if r.row not in error_rows]

    # One file, one word per key: the same key twice with other contents is ambiguous.
    by_key: dict[str, list[JpRow]] = {}
    for r in valid:
        by_key.setdefault(record_key(r.ref, r.nip, r.title, r.start), []).append(r)
    conflicting = {r.row for rows in by_key.values() if len(rows) > 1
                   for r in rows if any(not _same(_content(rows[0]), _content(x)) for x in rows)}
    if conflicting:
        errors.extend(RowError(n, "judul", "record_duplicate") for n in sorted(conflicting))
        errors.sort(key=lambda e: (e.row, JP_SHEET.order(e.column)))
        error_rows |= conflicting

    created = unchanged = duplicates = updated = 0
    applied = False
    if not errors or skip_invalid:
        keyed = [(key, rows[0]) for key, rows in by_key.items() if rows[0].row not in error_rows]
        duplicates = sum(len(rows) - 1 for key, rows in by_key.items() if rows[0].row not in error_rows)
        unchanged = duplicates
        stored = await _stored(session, keyed, employee_ids)
        now = clock.now()
        new_rows: list[dict[str, object]] = []
        changes: list[dict[str, object]] = []
        for key, r in keyed:
            wanted = _content(r)
            found = stored.get(key)
            if found is None:
                new_rows.append({**wanted, "employee_id": employee_ids[r.nip],
                                 "source": JpSource.IMPORT.value, "external_key": key,
                                 "created_at": now})
            elif _same(found, wanted):
                unchanged += 1
            else:
                changes.append({"id": found["id"], **wanted})
        created, updated = len(new_rows), len(changes)
        # The real statements in both cases; a dry run undoes them, so constraint problems
        # show up in the preview too.
        nested = await session.begin_nested() if dry_run else None
        try:
            if new_rows:
                await session.execute(insert(JpRecord), new_rows)
            if changes:
                await session.execute(update(JpRecord), changes)
        finally:
            if nested is not None:
                await nested.rollback()
        applied = not dry_run

    report = JpImportReport(
        rows=len(table.rows),
        created=created,
        unchanged=unchanged,
        errors=errors,
        applied=applied,
        dry_run=dry_run,
        duplicates=duplicates,
        skipped=len(error_rows) if (skip_invalid and errors) else 0,
        columns=sheet.labels,
        updated=updated,
    )
    log.info(
        "jp import rows=%d created=%d updated=%d unchanged=%d duplicates=%d errors=%d applied=%s "
        "dry_run=%s",
        report.rows,
        created,
        updated,
        unchanged,
        duplicates,
        len(errors),
        applied,
        dry_run,
    )
    return report


async def _employee_ids(session: AsyncSession, nips: list[str]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for chunk in chunked(nips):
        result = await session.execute(
            select(Employee.nip, Employee.id).where(Employee.nip.in_(chunk))
        )
        ids.update({nip: employee_id for nip, employee_id in result})
    return ids


async def _stored(
    session: AsyncSession, keyed: list[tuple[str, JpRow]], employee_ids: dict[str, int]
) -> dict[str, dict[str, object]]:
    """The imported records the rows key to (natural key hash -> the record's columns):
    by stored key, and for rows without a reference also by employee, title and start
    date (records imported before the key was natural hold a content hash)."""
    columns = (JpRecord.id, JpRecord.employee_id, JpRecord.external_key,
               *(getattr(JpRecord, c) for c in _CONTENT))
    found: dict[str, dict[str, object]] = {}
    keys = sorted(key for key, _ in keyed)
    for chunk in chunked(keys):
        result = await session.execute(
            select(*columns).where(JpRecord.source == JpSource.IMPORT.value,
                                   JpRecord.external_key.in_(chunk))
        )
        for record in result.mappings():
            found[str(record["external_key"])] = dict(record)
    loose = {(employee_ids[r.nip], title_key(r.title), r.start): key
             for key, r in keyed if r.ref is None and key not in found}
    employees = sorted({employee for employee, _, _ in loose})
    for chunk in chunked(employees):
        result = await session.execute(
            select(*columns)
            .where(JpRecord.source == JpSource.IMPORT.value, JpRecord.employee_id.in_(chunk))
            .order_by(JpRecord.id)
        )
        for record in result.mappings():
            key = loose.get((record["employee_id"], title_key(str(record["title"])), record["start_date"]))
            if key is not None and key not in found:
                found[key] = dict(record)
    return found
