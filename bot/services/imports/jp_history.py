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
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services.imports.roster import chunked, parse_nip_cell
from bot.services.imports.table import RowError, cell_text, normalize_column, read_table, resolve_columns
from models import Employee, JpRecord
from models.enums import EmployeeType, JpCategory, JpSource, JpStatus

log = logging.getLogger(__name__)

WITA = ZoneInfo("Asia/Makassar")

JP_COLUMNS: dict[str, tuple[str, ...]] = {
    "nip": ("nip_baru",),
    "judul": ("nama_pelatihan", "nama_kegiatan", "title", "nama_diklat"),
    "kategori": ("category", "jenis_kegiatan"),
    "jp": ("jam_pelajaran", "jumlah_jp", "jumlah_jam"),
    "tanggal_mulai": ("mulai", "start_date", "tgl_mulai"),
    "tanggal_selesai": ("selesai", "end_date", "tgl_selesai"),
    "penyelenggara": ("organiser", "organizer", "instansi_penyelenggara"),
    "no_sertifikat": ("certificate_number", "nomor_sertifikat"),
    "status": (),
    "ref": ("referensi", "id"),
}
JP_REQUIRED = {"nip", "judul", "kategori", "jp", "tanggal_mulai", "tanggal_selesai"}

TITLE_MAX = 300
ORGANISER_MAX = 200
CERTIFICATE_MAX = 100
REF_MAX = 200
JP_MAX = Decimal("999.99")
_CENT = Decimal("0.01")

# Keys are normalize_column() forms, so "E-Learning", "e learning" and "E_LEARNING" meet.
_CATEGORY_ALIASES: dict[str, JpCategory] = {
    **{c.value: c for c in JpCategory},
    "elearning": JpCategory.E_LEARNING,
    "bimbingan_teknis": JpCategory.BIMTEK,
    "lokakarya": JpCategory.WORKSHOP,
    "workshop_lokakarya": JpCategory.WORKSHOP,
    "seminar_konferensi": JpCategory.SEMINAR,
    "seminar_konferensi_sarasehan": JpCategory.SEMINAR,
    "konferensi": JpCategory.SEMINAR,
    "sarasehan": JpCategory.SEMINAR,
    "struktural_kepemimpinan": JpCategory.KEPEMIMPINAN,
    "pelatihan_kepemimpinan": JpCategory.KEPEMIMPINAN,
    "pelatihan_struktural_kepemimpinan": JpCategory.KEPEMIMPINAN,
    "pelatihan_manajerial": JpCategory.MANAJERIAL,
    "pelatihan_teknis": JpCategory.TEKNIS,
    "pelatihan_fungsional": JpCategory.FUNGSIONAL,
    "pelatihan_sosial_kultural": JpCategory.SOSIAL_KULTURAL,
    "sosiokultural": JpCategory.SOSIAL_KULTURAL,
    "sosio_kultural": JpCategory.SOSIAL_KULTURAL,
    "pjj": JpCategory.PELATIHAN_JARAK_JAUH,
    "distance_learning": JpCategory.PELATIHAN_JARAK_JAUH,
    "pertukaran_pegawai": JpCategory.PERTUKARAN,
    "employee_exchange": JpCategory.PERTUKARAN,
    "patok_banding": JpCategory.BENCHMARKING,
    "praktik_kerja": JpCategory.MAGANG,
    "magang_praktik_kerja": JpCategory.MAGANG,
    "internship": JpCategory.MAGANG,
    "secondment": JpCategory.DETASERING,
    "self_study": JpCategory.BELAJAR_MANDIRI,
    "bimbingan_di_tempat_kerja": JpCategory.BIMBINGAN_KERJA,
    "course": JpCategory.KURSUS,
    "lain_lain": JpCategory.LAINNYA,
    "other": JpCategory.LAINNYA,
}

_STATUS_ALIASES: dict[str, JpStatus] = {
    "approved": JpStatus.APPROVED,
    "disetujui": JpStatus.APPROVED,
    "pending": JpStatus.PENDING,
    "menunggu": JpStatus.PENDING,
    "menunggu_verifikasi": JpStatus.PENDING,
}

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DMY_DATE = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})$")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")


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


@dataclass(slots=True)
class _JpRow:
    row: int
    nip: str
    title: str
    category: str
    jp: Decimal
    start: date
    end: date
    organiser: str | None
    certificate_number: str | None
    status: str
    ref: str | None


def parse_jp_amount(value: object) -> tuple[Decimal | None, str | None]:
    """(JP with two decimals, None) or (None, error code).

    Accepts numbers, "12.5", the Indonesian "12,5" and a trailing "JP". Floats from xlsx
    go through their shortest text form, so 12.5 stays exactly 12.5 and a float that is
    not a clean two-decimal number is reported rather than rounded.
    """
    if value is None:
        return None, "jp_empty"
    if isinstance(value, bool):
        return None, "jp_invalid"
    try:
        if isinstance(value, int):
            amount = Decimal(value)
        elif isinstance(value, float):
            amount = Decimal(str(value))
        elif isinstance(value, Decimal):
            amount = value
        else:
            text = "".join(str(value).split()).lower().removesuffix("jp")
            # Both separators means thousands grouping, which no JP amount needs.
            if "," in text and "." in text:
                return None, "jp_invalid"
            text = text.replace(",", ".")
            if not _NUMBER.match(text):
                return None, "jp_invalid"
            amount = Decimal(text)
    except InvalidOperation:
        return None, "jp_invalid"
    if not amount.is_finite():
        return None, "jp_invalid"
    if amount <= 0:
        return None, "jp_not_positive"
    if amount > JP_MAX:
        return None, "jp_too_large"
    if amount != amount.quantize(_CENT):
        return None, "jp_precision"
    return amount.quantize(_CENT), None


def parse_date_cell(value: object) -> tuple[date | None, str | None]:
    """(date, None), (None, None) for an empty cell, or (None, `date_format`/`date_invalid`).

    Text may be `YYYY-MM-DD` or day first (`DD/MM/YYYY`, `DD-MM-YYYY`, `DD.MM.YYYY`),
    as Indonesian offices write dates; xlsx date cells come as date or datetime.
    """
    if value is None:
        return None, None
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if not isinstance(value, str):
        # A bare number here is a date cell that lost its date format: its meaning
        # (an Excel serial, a year?) is a guess we do not make.
        return None, "date_format"
    text = value.strip()
    if match := _ISO_DATE.match(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif match := _DMY_DATE.match(text):
        day, month, year = int(match[1]), int(match[3]), int(match[4])
    else:
        return None, "date_format"
    try:
        return date(year, month, day), None
    except ValueError:
        return None, "date_invalid"


def parse_category(value: object) -> str | None:
    """The JpCategory value for a cell, accepting case, spacing and common aliases."""
    text = cell_text(value)
    if text is None:
        return None
    category = _CATEGORY_ALIASES.get(normalize_column(text))
    return category.value if category is not None else None


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
    cols = resolve_columns(table, JP_COLUMNS, JP_REQUIRED)
    today = clock.now().astimezone(tz).date()
    parsed, errors, nips = _validate(table.rows, cols, today)

    # Checked on every row with a well-formed NIP, so a row shows all its problems at once.
    employee_ids = await _employee_ids(session, sorted(set(nips.values())))
    errors.extend(
        RowError(row, "nip", "nip_unknown") for row, nip in nips.items() if nip not in employee_ids
    )
    errors.sort(key=lambda e: (e.row, _COLUMN_ORDER.get(e.column, 99)))
    error_rows = {e.row for e in errors}
    valid = [r for r in parsed if r.row not in error_rows]

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
        columns={canonical: table.label(name) for canonical, name in cols.items()},
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


_COLUMN_ORDER = {name: i for i, name in enumerate(JP_COLUMNS)}


def _validate(
    rows: list[tuple[int, dict[str, object]]], cols: dict[str, str], today: date
) -> tuple[list[_JpRow], list[RowError], dict[int, str]]:
    """Rows without errors, the errors, and the well-formed NIP of every row that has one."""
    parsed: list[_JpRow] = []
    errors: list[RowError] = []
    nips: dict[int, str] = {}

    def get(cells: dict[str, object], canonical: str) -> object:
        header = cols.get(canonical)
        return cells.get(header) if header is not None else None

    for number, cells in rows:
        row_errors: list[RowError] = []

        def fail(column: str, code: str) -> None:
            row_errors.append(RowError(number, column, code))

        # The employee type is unknown here; the roster has the full check. The PPPK rules
        # (18 digits, a birth date) are what every NIP satisfies.
        nip, nip_error = parse_nip_cell(get(cells, "nip"), EmployeeType.PPPK)
        if nip_error is not None:
            fail("nip", nip_error)
        else:
            assert nip is not None
            nips[number] = nip

        title = cell_text(get(cells, "judul"))
        if title is None:
            fail("judul", "title_empty")
        elif len(title) > TITLE_MAX:
            fail("judul", "too_long")

        raw_category = get(cells, "kategori")
        category = parse_category(raw_category)
        if category is None:
            fail("kategori", "category_empty" if raw_category is None else "category_unknown")

        jp, jp_error = parse_jp_amount(get(cells, "jp"))
        if jp_error is not None:
            fail("jp", jp_error)

        start, start_error = parse_date_cell(get(cells, "tanggal_mulai"))
        end, end_error = parse_date_cell(get(cells, "tanggal_selesai"))
        if start_error is not None:
            fail("tanggal_mulai", start_error)
        if end_error is not None:
            fail("tanggal_selesai", end_error)
        if start_error is None and end_error is None:
            # A one-day activity is often written with a single date.
            start = start or end
            end = end or start
            if start is None or end is None:
                fail("tanggal_mulai", "date_empty")
            elif end < start:
                fail("tanggal_selesai", "date_order")
            elif end > today:
                fail("tanggal_selesai", "date_future")

        organiser = cell_text(get(cells, "penyelenggara"))
        if organiser is not None and len(organiser) > ORGANISER_MAX:
            fail("penyelenggara", "too_long")
        certificate = cell_text(get(cells, "no_sertifikat"))
        if certificate is not None and len(certificate) > CERTIFICATE_MAX:
            fail("no_sertifikat", "too_long")

        status_text = cell_text(get(cells, "status"))
        status: JpStatus | None = JpStatus.APPROVED
        if status_text is not None:
            status = _STATUS_ALIASES.get(normalize_column(status_text))
            if status is None:
                fail("status", "status_unknown")

        ref = cell_text(get(cells, "ref"))
        if ref is not None and len(ref) > REF_MAX:
            fail("ref", "too_long")

        errors.extend(row_errors)
        if not row_errors:
            assert nip and title and category and jp and start and end and status
            parsed.append(
                _JpRow(
                    row=number,
                    nip=nip,
                    title=title,
                    category=category,
                    jp=jp,
                    start=start,
                    end=end,
                    organiser=organiser,
                    certificate_number=certificate,
                    status=status.value,
                    ref=ref,
                )
            )
    return parsed, errors, nips


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
