"""Roster import: OPDs and employees upserted by NIP from CSV and XLSX."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import event, func, select

from bot.clock import FixedClock
from bot.services.identity.nip import compose_nip
from bot.services.imports.roster import RosterReport, import_roster
from bot.services.spreadsheets.cells import parse_phone_cell
from bot.services.spreadsheets.reader import RowError, TableError
from models import Employee, Opd
from models.db import Database
from tests.factories import make_employee, make_opd

HEADER = ["NIP", "Nama", "Jenis Pegawai", "OPD", "Kode OPD", "Unit Kerja", "Jabatan", "No HP"]
NIP_A = compose_nip(date(1985, 3, 14), 2010, 3, 1, 1)
NIP_B = compose_nip(date(1990, 7, 2), 2015, 1, 2, 2)
NIP_C = compose_nip(date(1995, 12, 30), 2021, 9, 1, 3)


def roster_rows() -> list[list[Any]]:
    return [
        HEADER,
        [NIP_A, "Andi Makkawaru, S.E.", "PNS", "Dinas Kesehatan", "DINKES", "Sekretariat",
         "Analis Kebijakan Ahli Muda", "0812-3456-7890"],
        [NIP_B, "Besse  Rahmawati", "pns", "dinas  kesehatan", "", "Bidang Pelayanan",
         "Perawat Terampil", "+62 813 1111 2222"],
        [NIP_C, "Muh. Ilham", "PPPK", "Badan Pengembangan Sumber Daya Manusia", "BPSDM", "",
         "", ""],
    ]


def write_csv(
    path: Path, rows: list[list[Any]], *, delimiter: str = ",", bom: bool = False
) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig" if bom else "utf-8") as handle:
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


async def run(db: Database, path: Path, clock: FixedClock, **kwargs: bool) -> RosterReport:
    async with db.writing(long=True) as session:  # as the console runs an import
        return await import_roster(session, path, clock, **kwargs)


async def employees(db: Database) -> dict[str, Employee]:
    async with db.writing() as session:
        return {e.nip: e for e in await session.scalars(select(Employee))}


async def opds(db: Database) -> dict[str, Opd]:
    async with db.writing() as session:
        return {o.name: o for o in await session.scalars(select(Opd))}


async def test_valid_roster_creates_opds_and_employees(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    report = await run(db, write_csv(tmp_path / "r.csv", roster_rows()), clock)

    assert report == RosterReport(
        rows=3, created=3, updated=0, unchanged=0, opds_created=2, errors=[], applied=True,
        dry_run=False, skipped=0, columns=report.columns,
    )
    assert report.columns["no_hp"] == "No HP"  # as the admin typed it, for messages
    found_opds = await opds(db)
    # "dinas  kesehatan" is the same OPD as "Dinas Kesehatan".
    assert set(found_opds) == {"Dinas Kesehatan", "Badan Pengembangan Sumber Daya Manusia"}
    assert found_opds["Dinas Kesehatan"].code == "DINKES"
    found = await employees(db)
    a, b, c = found[NIP_A], found[NIP_B], found[NIP_C]
    assert (a.name, a.employee_type, a.unit, a.position, a.phone) == (
        "Andi Makkawaru, S.E.", "PNS", "Sekretariat", "Analis Kebijakan Ahli Muda",
        "+6281234567890",
    )
    assert a.opd_id == b.opd_id == found_opds["Dinas Kesehatan"].id
    assert (b.name, b.employee_type, b.phone) == ("Besse Rahmawati", "PNS", "+6281311112222")
    assert (c.employee_type, c.unit, c.position, c.phone) == ("PPPK", None, None, None)
    assert a.is_active and a.created_at == a.updated_at == clock.now()


async def test_reimport_changes_nothing(db: Database, clock: FixedClock, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", roster_rows())
    await run(db, path, clock)
    before = await employees(db)
    clock.set(clock.now() + timedelta(days=3))

    report = await run(db, path, clock)

    assert (report.created, report.updated, report.unchanged, report.opds_created) == (0, 0, 3, 0)
    after = await employees(db)
    assert {n: e.updated_at for n, e in after.items()} == {
        n: e.updated_at for n, e in before.items()
    }
    assert len(await opds(db)) == 2


async def test_changed_phone_updates_one_row(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    rows = roster_rows()
    await run(db, write_csv(tmp_path / "r1.csv", rows), clock)
    first_time = clock.now()
    clock.set(first_time + timedelta(hours=5))
    rows[2][7] = "0813 9999 0000"

    report = await run(db, write_csv(tmp_path / "r2.csv", rows), clock)

    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    found = await employees(db)
    assert found[NIP_B].phone == "+6281399990000"
    assert found[NIP_B].updated_at == clock.now()
    assert found[NIP_A].updated_at == first_time


async def test_every_row_error_reported_and_nothing_written(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    rows = roster_rows() + [
        ["1985031420100310", "Tanpa Nama", "PNS", "Dinas Sosial", "", "", "", ""],  # row 5
        [NIP_A, "", "Honorer", "", "", "", "", "12345"],  # row 6: duplicate of row 2
        ["198502302010011009", "X" * 201, "PNS", "Dinas Sosial",
         "K" * 33, "U" * 201, "J" * 201, ""],  # row 7
        [compose_nip(date(1985, 1, 1), 2010, 13, 1, 9), "Nama", "PNS", "O" * 201, "", "", "",
         ""],  # row 8
        [compose_nip(date(1985, 1, 1), 2010, 1, 3, 9), "Nama", "PNS", "Dinas Sosial", "", "",
         "", ""],  # row 9
        ["", "Nama", "PPPK", "Dinas Sosial", "", "", "", ""],  # row 10
        ["1.98503E+17", "Nama", "PNS", "Dinas Sosial", "", "", "", ""],  # row 11
    ]

    report = await run(db, write_csv(tmp_path / "r.csv", rows), clock)

    assert report.applied is False
    assert (report.created, report.updated, report.unchanged, report.opds_created) == (0, 0, 0, 0)
    assert report.errors == [
        RowError(2, "nip", "nip_duplicate"),
        RowError(5, "nip", "nip_length"),
        RowError(6, "nip", "nip_duplicate"),
        RowError(6, "nama", "name_empty"),
        RowError(6, "jenis_pegawai", "type_unknown"),
        RowError(6, "opd", "opd_empty"),
        RowError(6, "no_hp", "phone_invalid"),
        RowError(7, "nip", "nip_birth_date"),
        RowError(7, "nama", "name_too_long"),
        RowError(7, "kode_opd", "too_long"),
        RowError(7, "unit_kerja", "too_long"),
        RowError(7, "jabatan", "too_long"),
        RowError(8, "nip", "nip_tmt"),
        RowError(8, "opd", "too_long"),
        RowError(9, "nip", "nip_sex"),
        RowError(10, "nip", "nip_empty"),
        RowError(11, "nip", "nip_numeric_cell"),
    ]
    assert await employees(db) == {}
    assert await opds(db) == {}


async def test_skip_invalid_imports_the_valid_rows(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    rows = roster_rows() + [["123", "Salah", "PNS", "Dinas Sosial", "", "", "", ""]]

    report = await run(db, write_csv(tmp_path / "r.csv", rows), clock, skip_invalid=True)

    assert report.applied is True
    assert (report.rows, report.created, report.skipped) == (4, 3, 1)
    assert report.errors == [RowError(5, "nip", "nip_length")]
    assert set(await employees(db)) == {NIP_A, NIP_B, NIP_C}
    # The invalid row's OPD is not created either.
    assert "Dinas Sosial" not in await opds(db)


async def test_dry_run_counts_but_writes_nothing(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    rows = roster_rows()
    await run(db, write_csv(tmp_path / "r1.csv", rows[:2]), clock)  # NIP_A only
    rows[1][1] = "Andi Makkawaru, S.E., M.Si."
    rows.append([compose_nip(date(1980, 1, 1), 2005, 1, 1, 4), "Baru", "PNS", "Dinas Sosial",
                 "", "", "", ""])

    report = await run(db, write_csv(tmp_path / "r2.csv", rows), clock, dry_run=True)

    assert report.dry_run is True and report.applied is False
    assert (report.created, report.updated, report.unchanged, report.opds_created) == (3, 1, 0, 2)
    found = await employees(db)
    assert set(found) == {NIP_A}
    assert found[NIP_A].name == "Andi Makkawaru, S.E."
    assert set(await opds(db)) == {"Dinas Kesehatan"}


async def test_dry_run_then_real_import_in_one_transaction(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "r.csv", roster_rows())
    async with db.writing() as session:
        preview = await import_roster(session, path, clock, dry_run=True)
        real = await import_roster(session, path, clock)

    assert (preview.created, preview.opds_created) == (real.created, real.opds_created) == (3, 2)
    assert len(await employees(db)) == 3


async def test_semicolon_csv_with_bom(db: Database, clock: FixedClock, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", roster_rows(), delimiter=";", bom=True)

    report = await run(db, path, clock)

    assert (report.created, report.errors) == (3, [])
    assert (await employees(db))[NIP_A].name == "Andi Makkawaru, S.E."


async def test_xlsx_numeric_nip_cell_is_refused(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    rows = roster_rows()
    rows[1][0] = int(NIP_A)
    rows[2][0] = float(NIP_B)

    report = await run(db, write_xlsx(tmp_path / "r.xlsx", rows), clock)

    assert report.errors == [
        RowError(2, "nip", "nip_numeric_cell"),
        RowError(3, "nip", "nip_numeric_cell"),
    ]
    assert report.applied is False


async def test_xlsx_phone_stored_as_number(db: Database, clock: FixedClock, tmp_path: Path) -> None:
    rows = roster_rows()
    rows[1][7] = 81234567890  # Excel dropped the leading 0
    rows[2][7] = 6281311112222.0

    report = await run(db, write_xlsx(tmp_path / "r.xlsx", rows), clock)

    assert report.errors == []
    found = await employees(db)
    assert found[NIP_A].phone == "+6281234567890"
    assert found[NIP_B].phone == "+6281311112222"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, (None, None)),
        ("", (None, None)),
        (81234567890, ("+6281234567890", None)),
        (81234567890.0, ("+6281234567890", None)),
        (8123456789.5, (None, "phone_invalid")),
        ("'081234567890", ("+6281234567890", None)),
        ("021-555", (None, "phone_invalid")),
        (True, (None, "phone_invalid")),
    ],
)
def test_parse_phone_cell(value: object, expected: tuple[str | None, str | None]) -> None:
    assert parse_phone_cell(value) == expected


async def test_corrupt_xlsx_is_unreadable(db: Database, clock: FixedClock, tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not really a workbook")

    with pytest.raises(TableError) as caught:
        await run(db, path, clock)

    assert caught.value.code == "file_unreadable"


async def test_missing_columns(db: Database, clock: FixedClock, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", [["NIP", "Nama Lengkap", "Unit"], [NIP_A, "Andi", "X"]])

    with pytest.raises(TableError) as caught:
        await run(db, path, clock)

    assert caught.value.code == "missing_columns"
    assert caught.value.columns == ["jenis_pegawai", "opd"]


async def test_english_headers(db: Database, clock: FixedClock, tmp_path: Path) -> None:
    rows = [["nip", "name", "employee_type", "perangkat_daerah", "phone"],
            [NIP_A, "Andi", "p3k", "Dinas Sosial", "081234567890"]]

    report = await run(db, write_csv(tmp_path / "r.csv", rows), clock)

    assert report.errors == [] and report.created == 1
    assert (await employees(db))[NIP_A].employee_type == "PPPK"


async def test_existing_opd_matched_loosely_and_code_filled_only_when_free(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    async with db.writing() as session:
        sosial = Opd(name="Dinas Sosial", code=None)
        session.add(sosial)
        session.add(Opd(name="Biro Umum", code="SOS"))
    rows = [HEADER,
            [NIP_A, "Andi", "PNS", "  DINAS   sosial ", "SOS", "", "", ""],
            [NIP_B, "Besse", "PNS", "Dinas Sosial", "DINSOS", "", "", ""]]

    report = await run(db, write_csv(tmp_path / "r.csv", rows), clock)

    assert (report.created, report.opds_created) == (2, 0)
    found = await opds(db)
    assert set(found) == {"Dinas Sosial", "Biro Umum"}
    # "SOS" belongs to Biro Umum; the next code given for Dinas Sosial is free.
    assert found["Dinas Sosial"].code == "DINSOS"


async def test_absent_optional_column_keeps_stored_value_and_reactivates(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    async with db.writing() as session:
        opd = await make_opd(session, "Dinas Sosial")
        old = await make_employee(session, opd=opd, nip=NIP_A, name="Andi", phone="+6281200001111")
        old.is_active = False
    rows = [["nip", "nama", "jenis_pegawai", "opd"], [NIP_A, "Andi", "PNS", "Dinas Sosial"]]

    report = await run(db, write_csv(tmp_path / "r.csv", rows), clock)

    assert (report.updated, report.unchanged) == (1, 0)
    found = (await employees(db))[NIP_A]
    assert found.is_active is True
    assert (found.phone, found.unit) == ("+6281200001111", "Bidang Uji")


async def test_empty_phone_cell_clears_stored_phone(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    rows = roster_rows()
    await run(db, write_csv(tmp_path / "r1.csv", rows), clock)
    rows[1][7] = ""

    report = await run(db, write_csv(tmp_path / "r2.csv", rows), clock)

    assert report.updated == 1
    assert (await employees(db))[NIP_A].phone is None


def big_roster(count: int) -> list[list[Any]]:
    rows: list[list[Any]] = [HEADER]
    for i in range(count):
        born = date(1970 + i % 30, 1 + i % 12, 1 + i % 28)
        nip = compose_nip(born, born.year + 20, 1 + (i // 12) % 12, 1 + i % 2, i % 1000)
        rows.append([nip, f"Pegawai {i}", "PNS", f"Dinas Uji {i % 25}", "", f"Unit {i % 7}",
                     "Analis", f"0812{i:08d}"])
    assert len({r[0] for r in rows}) == count + 1
    return rows


async def test_bulk_import_uses_chunked_queries(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "big.csv", big_roster(1200))
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    try:
        report = await run(db, path, clock)
        statements.clear()
        again = await run(db, path, clock)
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", count)

    assert (report.created, again.unchanged) == (1200, 1200)
    employee_selects = [
        s for s in statements if s.lstrip().upper().startswith("SELECT") and "employee" in s
    ]
    assert len(employee_selects) == 3  # 1200 NIPs in IN lists of at most 500
    assert len(statements) < 15


async def test_twenty_thousand_rows_import_completely(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    """Its speed is measured in bench/imports.py; here, that every row lands once."""
    path = write_csv(tmp_path / "big.csv", big_roster(20_000))
    report = await run(db, path, clock)
    assert report.created == 20_000 and report.opds_created == 25 and report.errors == []
    async with db.writing() as session:
        assert await session.scalar(select(func.count()).select_from(Employee)) == 20_000
    again = await run(db, path, clock)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 20_000)



async def test_position_type_column(db: Database, clock: FixedClock, tmp_path: Path) -> None:
    data = [
        ["NIP", "Nama", "Jenis Pegawai", "OPD", "Jenis Jabatan"],
        [NIP_A, "Andi", "PNS", "Dinas Kesehatan", "Jabatan Struktural"],
        [NIP_B, "Besse", "PNS", "Dinas Kesehatan", "JFT"],
        [NIP_C, "Ilham", "PPPK", "Dinas Kesehatan", ""],
    ]
    report = await run(db, write_csv(tmp_path / "r.csv", data), clock)
    assert report.errors == [] and report.created == 3
    async with db.writing() as session:
        found = dict((await session.execute(select(Employee.nip, Employee.position_type))).all())
    assert found == {NIP_A: "struktural", NIP_B: "fungsional", NIP_C: None}

    data[1][4] = "Kepala Seksi"
    report = await run(db, write_csv(tmp_path / "bad.csv", data), clock)
    assert [(e.row, e.column, e.code) for e in report.errors] == [
        (2, "jenis_jabatan", "position_type_unknown")
    ]
