"""Reading CSV and XLSX into rows keyed by normalised column names."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from bot.services.spreadsheets.reader import (
    Table,
    TableError,
    cell_text,
    normalize_column,
    read_table,
    resolve_columns,
)


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def table_error(path: Path, **kwargs: int) -> TableError:
    with pytest.raises(TableError) as caught:
        read_table(path, **kwargs)
    return caught.value


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (" Nama Lengkap ", "nama_lengkap"),
        ("No. HP", "no_hp"),
        ("Tanggal-Mulai", "tanggal_mulai"),
        ("KODE  OPD", "kode_opd"),
        ("Seminar/Konferensi", "seminar_konferensi"),
        ("E-Learning", "e_learning"),
    ],
)
def test_normalize_column(raw: str, expected: str) -> None:
    assert normalize_column(raw) == expected


def test_csv_comma_header_normalised_and_row_numbers_skip_empty_rows(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("NIP,Nama Lengkap,No. HP\n 1 , Andi ,\n,,\n2,\"Besse\nRahman\",0812\n")

    table = read_table(path)

    assert table.columns == ["nip", "nama_lengkap", "no_hp"]
    assert table.rows == [
        (2, {"nip": "1", "nama_lengkap": "Andi", "no_hp": None}),
        # The empty row 3 is skipped but still counted; a quoted cell may span lines.
        (4, {"nip": "2", "nama_lengkap": "Besse\nRahman", "no_hp": "0812"}),
    ]


def test_csv_semicolon_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes("NIP;Nama;OPD\r\n1;Andi, S.E.;Dinas Sosial\r\n".encode("utf-8-sig"))

    table = read_table(path)

    assert table.columns == ["nip", "nama", "opd"]
    assert table.rows == [(2, {"nip": "1", "nama": "Andi, S.E.", "opd": "Dinas Sosial"})]


def test_csv_short_and_long_rows(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1\n2,3,4\n")

    table = read_table(path)

    assert table.rows == [(2, {"a": "1", "b": None}), (3, {"a": "2", "b": "3"})]


def test_windows_1252_csv_with_semicolons_is_read(tmp_path: Path) -> None:
    """What Excel on an Indonesian Windows saves as "CSV": ANSI code page and `;`."""
    path = tmp_path / "t.csv"
    path.write_bytes("Nama;Unit Kerja\r\nMuh. Ja\u00e9far;Bagian \u201cUmum\u201d\r\n".encode("cp1252"))
    table = read_table(path)
    assert table.columns == ["nama", "unit_kerja"]
    assert table.rows == [(2, {"nama": "Muh. Ja\u00e9far", "unit_kerja": "Bagian \u201cUmum\u201d"})]


def test_bytes_that_are_no_text_at_all_are_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"nama\n\x81\x8d\x8f\x90\n")  # undefined even in Windows-1252
    assert table_error(path).code == "file_unreadable"


def test_binary_csv_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert table_error(path).code == "file_unreadable"


def test_xlsx_keeps_native_values_and_row_numbers(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "t.xlsx",
        [
            ["NIP", "JP", "Tanggal Mulai", "Nama"],
            ["198503142010031001", 12.5, datetime(2026, 3, 5), "  Andi  "],
            [None, None, None, None],
            [None, 8, None, "Besse"],
        ],
    )

    table = read_table(path)

    assert table.columns == ["nip", "jp", "tanggal_mulai", "nama"]
    assert table.rows[0] == (
        2,
        {
            "nip": "198503142010031001",
            "jp": 12.5,
            "tanggal_mulai": datetime(2026, 3, 5),
            "nama": "Andi",
        },
    )
    assert table.rows[1] == (4, {"nip": None, "jp": 8, "tanggal_mulai": None, "nama": "Besse"})


def test_xlsx_header_below_title_rows_keeps_sheet_row_numbers(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [[None], ["nip", "nama"], ["1", "Andi"]])

    table = read_table(path)

    assert table.rows == [(3, {"nip": "1", "nama": "Andi"})]


def test_xlsx_that_is_text_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    path.write_text("nip,nama\n1,Andi\n")
    assert table_error(path).code == "file_unreadable"


def test_xlsx_zip_without_workbook_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    assert table_error(path).code == "file_unreadable"


def test_truncated_xlsx_is_unreadable(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", [["nip"], ["1"]])
    path = tmp_path / "t.xlsx"
    path.write_bytes(good.read_bytes()[:200])
    assert table_error(path).code == "file_unreadable"


@pytest.mark.parametrize("name", ["roster.xls", "roster.ods", "roster.txt", "roster"])
def test_unsupported_extension(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("nip\n1\n")
    assert table_error(path).code == "file_type"


def test_uppercase_extension_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "ROSTER.CSV"
    path.write_text("nip\n1\n")
    assert read_table(path).rows == [(2, {"nip": "1"})]


@pytest.mark.parametrize("content", ["", "\n\n", ";;\n,,\n", "nip,nama\n", "nip,nama\n,\n"])
def test_empty_csv(tmp_path: Path, content: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(content)
    assert table_error(path).code == "file_empty"


def test_empty_xlsx(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [])
    assert table_error(path).code == "file_empty"


def test_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("nip\n" + "1\n" * 100)
    assert table_error(path, max_bytes=50).code == "file_too_large"
    assert table_error(path, max_rows=10).code == "file_too_large"
    assert len(read_table(path).rows) == 100


ALIASES = {
    "nama": ("name", "nama_lengkap"),
    "no_hp": ("hp", "phone", "No. Telp"),
    "unit_kerja": ("unit",),
}


def test_resolve_columns_accepts_aliases_and_skips_absent_optional() -> None:
    table = Table(columns=["nama_lengkap", "no_telp"], rows=[])

    assert resolve_columns(table, ALIASES, {"nama"}) == {"nama": "nama_lengkap", "no_hp": "no_telp"}


def test_resolve_columns_prefers_canonical_name() -> None:
    table = Table(columns=["name", "nama"], rows=[])

    assert resolve_columns(table, ALIASES, {"nama"})["nama"] == "nama"


def test_resolve_columns_reports_every_missing_column() -> None:
    table = Table(columns=["unit"], rows=[])

    with pytest.raises(TableError) as caught:
        resolve_columns(table, ALIASES, {"nama", "no_hp"})

    assert caught.value.code == "missing_columns"
    assert caught.value.columns == ["nama", "no_hp"]


def test_resolve_columns_refuses_a_duplicated_header(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Nama,HP,nama\nA,0812,B\n")
    table = read_table(path)

    with pytest.raises(TableError) as caught:
        resolve_columns(table, ALIASES, {"nama"})

    assert caught.value.code == "ambiguous_columns"
    assert caught.value.columns == ["nama"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), ("  a   b ", "a b"), (101, "101"), (101.0, "101"), (1.5, "1.5"), ("", None)],
)
def test_cell_text(value: object, expected: str | None) -> None:
    assert cell_text(value) == expected
