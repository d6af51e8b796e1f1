"""JP import: earlier training records (e.g. a SIASN or SIPKA export) into the JP ledger.

Imported records are immutable and idempotent: each gets an `external_key` (a hash of
the file's reference, or of the record's content when there is none) that is unique per
source, so loading the same file twice, or two files that overlap, never counts an
activity twice. A record already in the ledger is left as it is, even if the new file
says something different about it.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from collections.abc import Mapping
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services.imports.roster import chunked
from bot.services.spreadsheets.cells import CATEGORY, DAY, JP, NIP, choice, text
from bot.services.spreadsheets.reader import RowError, read_table
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
        return {"start": start, "end": end}

    @staticmethod
    @rule("status")
    def _approved_unless_said(values: dict[str, Any], _: Mapping[str, Any]) -> dict[str, Any]:
        return {"status": values["status"] or JpStatus.APPROVED.value}


JP_SHEET = Sheet(JpRow, extra_codes=("nip_unknown", "date_empty", "date_order", "date_future"))


def record_key(
    row_ref: str | None, nip: str, title: str, start: date, end: date, jp: Decimal
) -> str:
    """The idempotency key: the file's own reference when it has one, else the content."""
    if row_ref is not None:
        material = f"ref:{row_ref}"
    else:
        # Title compared loosely: a re-export that changes case or spacing is the same record.
        title_key = " ".join(title.split()).casefold()
        material = f"{nip}|{title_key}|{start.isoformat()}|{end.isoformat()}|{jp.quantize(_CENT)}"
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


async def import_jp(
    session: AsyncSession,
    path: Path,
    clock: Clock,
    *,
    dry_run: bool = False,
    skip_invalid: bool = False,
    tz: ZoneInfo = WITA,
) -> JpImportReport:
    """Validate a file of earlier JP records and add the new ones to the ledger.

    Rows are matched to employees by NIP (`nip_unknown` when not on the roster). Each
    record gets source `import` and an idempotency key; rows whose key is already in the
    ledger, or earlier in the file, are counted as unchanged and never inserted twice.
    All or nothing unless `skip_invalid`; `dry_run` inserts inside a savepoint and rolls
    back. An end date after today (in `tz`, WITA by default) is refused.

    Raises `TableError` when the file itself cannot be used.
    """
    # Parsing a large xlsx takes seconds: keep the bot's event loop answering meanwhile.
    table = await asyncio.to_thread(read_table, path)
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

    created = unchanged = duplicates = 0
    applied = False
    if not errors or skip_invalid:
        keyed = [(record_key(r.ref, r.nip, r.title, r.start, r.end, r.jp), r) for r in valid]
        existing = await _existing_keys(session, sorted({key for key, _ in keyed}))
        now = clock.now()
        new_rows: list[dict[str, object]] = []
        seen: set[str] = set()
        for key, r in keyed:
            if key in seen:
                duplicates += 1
                unchanged += 1
                continue
            seen.add(key)
            if key in existing:
                unchanged += 1
                continue
            new_rows.append(
                {
                    "employee_id": employee_ids[r.nip],
                    "title": r.title,
                    "category": r.category,
                    "source": JpSource.IMPORT.value,
                    "status": r.status,
                    "jp": r.jp,
                    "start_date": r.start,
                    "end_date": r.end,
                    "organiser": r.organiser,
                    "certificate_number": r.certificate_number,
                    "external_key": key,
                    "created_at": now,
                }
            )
        created = len(new_rows)
        if dry_run:
            # The real INSERT, undone: constraint problems show up in the preview too.
            nested = await session.begin_nested()
            try:
                if new_rows:
                    await session.execute(insert(JpRecord), new_rows)
            finally:
                await nested.rollback()
        else:
            if new_rows:
                await session.execute(insert(JpRecord), new_rows)
            applied = True

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
    )
    log.info(
        "jp import rows=%d created=%d unchanged=%d duplicates=%d errors=%d applied=%s dry_run=%s",
        report.rows,
        created,
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


async def _existing_keys(session: AsyncSession, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunked(keys):
        result = await session.scalars(
            select(JpRecord.external_key).where(
                JpRecord.source == JpSource.IMPORT.value, JpRecord.external_key.in_(chunk)
            )
        )
        found.update(key for key in result if key is not None)
    return found
