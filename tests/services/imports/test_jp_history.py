"""JP import: earlier training records into the ledger, idempotently."""

from __future__ import annotations

import csv
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from bot.clock import FixedClock
from bot.services.imports.jp_history import (
    JpImportReport,
    import_jp,
)
from bot.services.spreadsheets.cells import parse_category, parse_date_cell, parse_jp_amount
from bot.services.identity.nip import compose_nip
from bot.services.spreadsheets.reader import RowError, TableError
from models import JpRecord
from models.db import Database
from models.enums import JpSource
from tests.factories import make_employee

HEADER = ["NIP", "Nama Pelatihan", "Kategori", "JP", "Tanggal Mulai", "Tanggal Selesai",
          "Penyelenggara", "No Sertifikat", "Status", "Ref"]
NIP_A = compose_nip(date(1985, 3, 14), 2010, 3, 1, 1)
NIP_B = compose_nip(date(1990, 7, 2), 2015, 1, 2, 2)
NIP_UNKNOWN = compose_nip(date(1991, 1, 1), 2016, 1, 1, 3)


def write_csv(path: Path, rows: list[list[Any]], *, delimiter: str = ",") -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def jp_rows() -> list[list[Any]]:
    return [
        HEADER,
        [NIP_A, "Bimtek Penyusunan SKP", "Bimbingan Teknis", "12.5", "2026-03-02", "2026-03-03",
         "BKD Sulsel", "001/BKD/2026", "", ""],
        [NIP_A, "E-Learning Literasi Digital", "e-learning", "2", "05/04/2026", "05/04/2026",
         "", "", "disetujui", ""],
        [NIP_B, "Seminar Nasional Corpu", "Seminar/Konferensi", "4", "10-06-2025", "10-06-2025",
         "", "", "menunggu", "SIASN-77"],
    ]


@pytest.fixture
async def roster(db: Database) -> dict[str, int]:
    async with db.writing() as session:
        a = await make_employee(session, nip=NIP_A)
        b = await make_employee(session, nip=NIP_B, phone=None)
        return {NIP_A: a.id, NIP_B: b.id}


async def run(db: Database, path: Path, clock: FixedClock, **kwargs: bool) -> JpImportReport:
    async with db.writing() as session:
        return await import_jp(session, path, clock, **kwargs)


async def records(db: Database) -> list[JpRecord]:
    async with db.writing() as session:
        return list(await session.scalars(select(JpRecord).order_by(JpRecord.id)))


async def test_creates_records_with_exact_values(
    db: Database, clock: FixedClock, tmp_path: Path, roster: dict[str, int]
) -> None:
    report = await run(db, write_csv(tmp_path / "jp.csv", jp_rows()), clock)

    assert (report.rows, report.created, report.unchanged, report.errors) == (3, 3, 0, [])
    assert report.applied is True
    first, second, third = await records(db)
    assert first.employee_id == roster[NIP_A]
    assert first.jp == Decimal("12.5") and isinstance(first.jp, Decimal)
    assert (first.title, first.category, first.status, first.source) == (
        "Bimtek Penyusunan SKP", "bimtek", "approved", JpSource.IMPORT.value,
    )
    assert (first.start_date, first.end_date) == (date(2026, 3, 2), date(2026, 3, 3))
    assert (first.organiser, first.certificate_number) == ("BKD Sulsel", "001/BKD/2026")
    assert (second.category, second.jp) == ("e_learning", Decimal(2))
    assert second.start_date == date(2026, 4, 5)
    assert (third.employee_id, third.category, third.status) == (
        roster[NIP_B], "seminar", "pending",
    )
    assert third.start_date == date(2025, 6, 10)
    keys = [r.external_key for r in (first, second, third)]
    assert all(key is not None and len(key) == 64 for key in keys)
    assert first.created_at == clock.now()


async def test_reimport_is_idempotent(
    db: Database, clock: FixedClock, tmp_path: Path, roster: dict[str, int]
) -> None:
    path = write_csv(tmp_path / "jp.csv", jp_rows())
    await run(db, path, clock)
    rows = jp_rows()
    rows[1][1] = "  BIMTEK  penyusunan skp "  # the same record, typed differently
    rows[1][3] = "12,50"

    report = await run(db, write_csv(tmp_path / "jp2.csv", rows), clock)

    assert (report.created, report.unchanged, report.duplicates) == (0, 3, 0)
    assert len(await records(db)) == 3


async def test_decimal_comma_and_xlsx_numbers(
    db: Database, clock: FixedClock, tmp_path: Path, roster: dict[str, int]
) -> None:
    rows = [
        HEADER[:6],
        [NIP_A, "Kursus Bahasa Inggris", "kursus", "12,5", "01/02/2026", "28/02/2026"],
        [NIP_A, "Pelatihan Teknis", "teknis", 32.25, datetime(2026, 5, 4), date(2026, 5, 8)],
        [NIP_A, "Coaching", "Coaching", 2, "2026-06-01", "2026-06-01"],
    ]

    report = await run(db, write_xlsx(tmp_path / "jp.xlsx", rows), clock)

    assert report.errors == []
    assert [r.jp for r in await records(db)] == [Decimal("12.5"), Decimal("32.25"), Decimal(2)]


async def test_every_row_error_reported_and_nothing_written(
    db: Database, clock: FixedClock, tmp_path: Path, roster: dict[str, int]
) -> None:
    rows = jp_rows() + [
        [NIP_A, "Pelatihan", "teknis", "8", "31/02/2026", "01/03/2026", "", "", "", ""],  # 5
        [NIP_A, "Pelatihan", "teknis", "8", "2026-03-10", "2026-03-09", "", "", "", ""],  # 6
        [NIP_UNKNOWN, "Pelatihan", "teknis", "8", "2026-03-10", "2026-03-10", "", "", "", ""],  # 7
        [NIP_A, "Pelatihan", "Penataran", "8", "2026-03-10", "2026-03-10", "", "", "", ""],  # 8
        [NIP_A, "Pelatihan", "teknis", "8", "2026-11-28", "2026-11-29", "", "", "", ""],  # 9
        [NIP_UNKNOWN, "", "", "0", "March 3", "", "", "", "ditolak", ""],  # 10
        [NIP_A, "T" * 301, "teknis", "1000", "", "", "P" * 201, "C" * 101, "", ""],  # 11
        ["12345", "Pelatihan", "teknis", "8,125", "2026-03-10", "", "", "", "", ""],  # 12
        [NIP_A, "Pelatihan", "teknis", "delapan", "2026-3-1", "1.3.2026", "", "", "", ""],  # 13
    ]

    report = await run(db, write_csv(tmp_path / "jp.csv", rows), clock)

    assert report.applied is False
    assert (report.created, report.unchanged) == (0, 0)
    assert report.errors == [
        RowError(5, "tanggal_mulai", "date_invalid"),
        RowError(6, "tanggal_selesai", "date_order"),
        RowError(7, "nip", "nip_unknown"),
        RowError(8, "kategori", "category_unknown"),
        RowError(9, "tanggal_selesai", "date_future"),
        RowError(10, "nip", "nip_unknown"),
        RowError(10, "judul", "title_empty"),
        RowError(10, "kategori", "category_empty"),
        RowError(10, "jp", "jp_not_positive"),
        RowError(10, "tanggal_mulai", "date_format"),
        RowError(10, "status", "status_unknown"),
        RowError(11, "judul", "too_long"),
        RowError(11, "jp", "jp_too_large"),
        RowError(11, "tanggal_mulai", "date_empty"),
        RowError(11, "penyelenggara", "too_long"),
        RowError(11, "no_sertifikat", "too_long"),
        RowError(12, "nip", "nip_length"),
        RowError(12, "jp", "jp_precision"),
        RowError(13, "jp", "jp_invalid"),
    ]
    assert await records(db) == []


async def test_skip_invalid_and_dry_run(
    db: Database, clock: FixedClock, tmp_path: Path, roster: dict[str, int]
) -> None:
    rows = jp_rows() + [[NIP_UNKNOWN, "X", "teknis", "8", "2026-03-10", "", "", "", "", ""]]
    path = write_csv(tmp_path / "jp.csv", rows)

    preview = await run(db, path, clock, skip_invalid=True, dry_run=True)
    assert (preview.created, preview.skipped) == (3, 1)
    assert (preview.applied, preview.dry_run) == (False, True)
    assert await records(db) == []

    report = await run(db, path, clock, skip_invalid=True)
    assert (report.created, report.skipped, report.applied) == (3, 1, True)
    assert report.errors == [RowError(5, "nip", "nip_unknown")]
    assert len(await records(db)) == 3


async def test_ref_based_dedupe(
    db: Database, clock: FixedClock, tmp_path: Path, roster: dict[str, int]
) -> None:
    rows = [
        HEADER,
        [NIP_A, "Pelatihan A", "teknis", "24", "2026-02-02", "2026-02-04", "", "", "", "SIASN-1"],
        # The same reference again, identical: counted once.
        [NIP_A, "Pelatihan A", "teknis", "24", "2026-02-02", "2026-02-04", "", "", "", "SIASN-1"],
        # Identical content without a reference is a different record than the one with it.
        [NIP_A, "Pelatihan A", "teknis", "24", "2026-02-02", "2026-02-04", "", "", "", ""],
        [NIP_A, "Pelatihan A", "teknis", "24", "2026-02-02", "2026-02-04", "", "", "", ""],
    ]
    path = write_csv(tmp_path / "jp.csv", rows)

    report = await run(db, path, clock)
    assert (report.created, report.unchanged, report.duplicates) == (2, 2, 2)
    stored = await records(db)
    assert [(r.title, r.jp) for r in stored] == [("Pelatihan A", Decimal(24))] * 2

    rows[1][3] = rows[2][3] = "40"  # a later export corrected the record with the reference
    again = await run(db, write_csv(tmp_path / "jp2.csv", rows), clock)
    assert (again.created, again.updated, again.unchanged) == (0, 1, 3)
    assert sorted(r.jp for r in await records(db)) == [Decimal(24), Decimal(40)]


async def test_a_reference_shared_by_a_course_keys_each_employee_apart(
    db: Database, clock: FixedClock, tmp_path: Path, roster: dict[str, int]
) -> None:
    """A course-level reference on two participants' rows: two records, one each; a
    row under another NIP never moves a record to someone else (found in review)."""
    rows = [
        HEADER,
        [NIP_A, "Pelatihan A", "teknis", "24", "2026-02-02", "2026-02-04", "", "", "", "DIKLAT-9"],
        [NIP_B, "Pelatihan A", "teknis", "24", "2026-02-02", "2026-02-04", "", "", "", "DIKLAT-9"],
    ]
    report = await run(db, write_csv(tmp_path / "jp.csv", rows), clock)
    assert (report.created, report.duplicates, report.errors) == (2, 0, [])
    assert sorted(r.employee_id for r in await records(db)) == sorted(roster.values())

    again = await run(db, write_csv(tmp_path / "jp2.csv", rows), clock)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


async def test_one_key_twice_with_other_contents_in_a_file_is_refused(
    db: Database, clock: FixedClock, tmp_path: Path, roster: dict[str, int]
) -> None:
    rows = [
        HEADER,
        [NIP_A, "Pelatihan A", "teknis", "24", "2026-02-02", "2026-02-04", "", "", "", "SIASN-1"],
        [NIP_A, "Pelatihan A (revisi)", "teknis", "32", "2026-02-02", "2026-02-05", "", "", "", "SIASN-1"],
        [NIP_A, "Pelatihan B", "teknis", "8", "2026-03-02", "2026-03-02", "", "", "", ""],
        [NIP_A, "pelatihan  b", "teknis", "6", "2026-03-02", "2026-03-02", "", "", "", ""],
    ]
    report = await run(db, write_csv(tmp_path / "jp.csv", rows), clock)
    assert report.errors == [RowError(n, "judul", "record_duplicate") for n in (2, 3, 4, 5)]
    assert await records(db) == []


async def test_single_date_is_a_one_day_activity(
    db: Database, clock: FixedClock, tmp_path: Path, roster: dict[str, int]
) -> None:
    rows = [HEADER[:6], [NIP_A, "Seminar", "seminar", "4", "", "12/11/2026"]]

    report = await run(db, write_csv(tmp_path / "jp.csv", rows, delimiter=";"), clock)

    assert report.errors == []
    (record,) = await records(db)
    assert record.start_date == record.end_date == date(2026, 11, 12)


async def test_today_in_wita_is_not_the_future(
    db: Database, tmp_path: Path, roster: dict[str, int]
) -> None:
    # 23:30 UTC on 27 Nov is already 28 Nov in Makassar.
    clock = FixedClock(datetime.fromisoformat("2026-11-27T23:30:00+00:00"))
    rows = [HEADER[:6], [NIP_A, "Seminar", "seminar", "4", "28/11/2026", "28/11/2026"]]

    report = await run(db, write_csv(tmp_path / "jp.csv", rows), clock)

    assert report.errors == []


async def test_missing_columns(db: Database, clock: FixedClock, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "jp.csv", [["nip", "judul", "jp"], [NIP_A, "X", "2"]])

    with pytest.raises(TableError) as caught:
        await run(db, path, clock)

    assert caught.value.code == "missing_columns"
    assert caught.value.columns == ["kategori", "tanggal_mulai", "tanggal_selesai"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("e-learning", "e_learning"),
        ("E Learning", "e_learning"),
        ("eLearning", "e_learning"),
        ("Bimbingan Teknis", "bimtek"),
        ("BIMTEK", "bimtek"),
        ("sosial kultural", "sosial_kultural"),
        ("Sosial-Kultural", "sosial_kultural"),
        ("Lokakarya", "workshop"),
        ("seminar/konferensi", "seminar"),
        ("Seminar / Konferensi", "seminar"),
        ("Pelatihan Jarak Jauh", "pelatihan_jarak_jauh"),
        ("Patok Banding", "benchmarking"),
        ("penataran kilat", None),
        (None, None),
    ],
)
def test_category_aliases(raw: str | None, expected: str | None) -> None:
    assert parse_category(raw) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12,5", (Decimal("12.50"), None)),
        (" 8 JP", (Decimal(8), None)),
        (12.5, (Decimal("12.5"), None)),
        (0.1 + 0.2, (None, "jp_precision")),
        (999.99, (Decimal("999.99"), None)),
        ("1.000,5", (None, "jp_invalid")),
        ("-2", (None, "jp_not_positive")),
        ("NaN", (None, "jp_invalid")),
        (float("inf"), (None, "jp_invalid")),
        (True, (None, "jp_invalid")),
        (None, (None, "jp_empty")),
    ],
)
def test_parse_jp_amount(value: object, expected: tuple[Decimal | None, str | None]) -> None:
    assert parse_jp_amount(value) == expected


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999.99"), places=2))
def test_jp_amount_round_trips_in_both_notations(amount: Decimal) -> None:
    assert parse_jp_amount(str(amount)) == (amount, None)
    assert parse_jp_amount(str(amount).replace(".", ",")) == (amount, None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-05", (date(2026, 3, 5), None)),
        ("2026-03-05 00:00:00", (date(2026, 3, 5), None)),
        ("5/3/2026", (date(2026, 3, 5), None)),
        ("05-03-2026", (date(2026, 3, 5), None)),
        ("29/02/2024", (date(2024, 2, 29), None)),
        ("29/02/2026", (None, "date_invalid")),
        ("2026-13-01", (None, "date_invalid")),
        ("05/03/26", (None, "date_format")),
        ("03/05-2026", (None, "date_format")),
        (46000, (None, "date_format")),
        (datetime(2026, 3, 5, 8, 30), (date(2026, 3, 5), None)),
        (None, (None, None)),
    ],
)
def test_parse_date_cell(value: object, expected: tuple[date | None, str | None]) -> None:
    assert parse_date_cell(value) == expected
