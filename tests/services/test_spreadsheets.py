"""The import framework and the one XLSX writer: columns declared once, every problem of
a row at once, numeric NIP cells refused in every import, no formula from user data and
NIPs as text in every download."""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from collections.abc import Mapping
from typing import Annotated, Any

import openpyxl
import pytest
from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.i18n import CATALOGUES, t
from bot.services.imports.attendance import ATTENDANCE, import_attendance
from bot.services.imports.holidays import HOLIDAYS
from bot.services.imports.jp_history import JP_SHEET, import_jp
from bot.services.imports.jp_rules import RULES
from bot.services.imports.programs import PROGRAMS
from bot.services.imports.roster import ROSTER
from bot.services.needs.catalogue import COMPETENCIES
from bot.services.programs.administration import participants, participants_workbook
from bot.services.programs.enrollment import enroll
from bot.services.spreadsheets.cells import NIP, JP, text
from bot.services.spreadsheets.reader import Table, TableError, read_table
from bot.services.spreadsheets.rows import Row, RowProblem, Sheet, col, rule
from bot.services.spreadsheets.writer import Column, single_sheet
from models import Enrollment, JpRecord, Program
from models.db import Database
from tests.factories import WITA, link_account, make_employee, make_program
from tests.units import in_unit

SHEETS = {"roster": ROSTER, "jp": JP_SHEET, "programs": PROGRAMS, "rules": RULES,
          "holidays": HOLIDAYS, "attendance": ATTENDANCE, "competencies": COMPETENCIES}


class Sample(Row):
    nip: Annotated[str, col("nip", "nip_baru", parse=NIP, required=True)]
    name: Annotated[str, col("nama", "name", parse=text(10, empty="name_empty"), required=True)]
    jp: Annotated[Decimal, col("jp", "jumlah_jp", parse=JP, required=True)]
    note: Annotated[str | None, col("catatan", parse=text(20))]

    @staticmethod
    @rule("name", "jp")
    def _short_names_get_little(values: dict[str, Any], _: Mapping[str, Any]) -> None:
        if len(values["name"]) < 3 and values["jp"] > 10:
            raise RowProblem("jp", "jp_too_large")


SAMPLE = Sheet(Sample)


def _table(*rows: dict[str, object]) -> Table:
    columns = list(rows[0]) if rows else []
    return Table(columns=columns, rows=[(n, dict(r)) for n, r in enumerate(rows, start=2)])


def test_a_row_model_declares_its_columns_once() -> None:
    assert SAMPLE.columns == {"nip": ("nip_baru",), "nama": ("name",), "jp": ("jumlah_jp",),
                              "catatan": ()}
    assert SAMPLE.required == {"nip", "nama", "jp"}
    with pytest.raises(TableError) as missing:
        SAMPLE.parse(_table({"nip_baru": "x", "name": "y"}))
    assert (missing.value.code, missing.value.columns) == ("missing_columns", ["jp"])


def test_every_problem_of_a_row_is_reported_at_once_and_good_rows_are_typed() -> None:
    parsed = SAMPLE.parse(_table(
        {"nip": 198503142010031002, "nama": "", "jp": "1,5x", "catatan": None},
        {"nip": "198503142010031002", "nama": "Al", "jp": "12", "catatan": None},  # the rule
        {"nip": "198503142010031002", "nama": "Andi", "jp": "12,5", "catatan": "ok"},
    ))
    assert [(e.row, e.column, e.code) for e in parsed.errors] == [
        (2, "nip", "nip_numeric_cell"), (2, "nama", "name_empty"), (2, "jp", "jp_invalid"),
        (3, "jp", "jp_too_large"),
    ]
    (good,) = parsed.valid
    assert (good.row, good.name, good.jp, good.note) == (4, "Andi", Decimal("12.50"), "ok")
    assert parsed.has("catatan") and not SAMPLE.parse(_table({"nip": "1", "nama": "a", "jp": "1"})).has("catatan")


@pytest.mark.parametrize("name", sorted(SHEETS))
@pytest.mark.parametrize("language", ["id", "en"])
def test_every_code_an_import_can_give_has_a_message(name: str, language: str) -> None:
    codes = SHEETS[name].error_codes()
    assert "file_unreadable" in codes and len(codes) > 6
    missing = sorted(c for c in codes if f"import.error.{c}" not in CATALOGUES[language])
    assert missing == []


@pytest.mark.parametrize("name", ["roster", "jp", "attendance"])
def test_every_import_with_a_nip_refuses_numeric_nip_cells(name: str) -> None:
    assert "nip_numeric_cell" in SHEETS[name].error_codes()


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


async def test_attendance_refuses_a_nip_stored_as_a_number_and_credits_nobody(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    """198503142010031002 kept as a number reads back as …008: another participant."""
    async with db.writing() as s:
        andi = await make_employee(s, phone=None, nip="198503142010031002", name="Andi")
        other = await make_employee(s, phone=None, nip="198503142010031008", name="Budi")
        await link_account(s, andi, 801)
        program = await make_program(s, code="LATSAR-9", start=datetime(2026, 11, 20, 8, tzinfo=WITA))
        program.registration_opens_at = datetime(2026, 11, 1, tzinfo=WITA)
        program.registration_closes_at = datetime(2026, 11, 19, tzinfo=WITA)
        program_id, other_id = program.id, other.id
    clock.set(datetime(2026, 11, 10, tzinfo=WITA))
    await in_unit(db, enroll, other_id, program_id, clock.now())
    clock.set(datetime(2026, 11, 28, tzinfo=WITA))
    path = _xlsx(tmp_path / "hadir.xlsx", [["kode_program", "nip", "hadir"],
                                            ["LATSAR-9", float(198503142010031002), "ya"]])  # as Excel keeps it
    async with db.writing() as s:
        report = await import_attendance(s, path, clock.now(), WITA, "test")
    assert [(e.row, e.column, e.code) for e in report.errors] == [(2, "nip", "nip_numeric_cell")]
    async with db.reading() as s:
        assert await s.scalar(select(func.count()).select_from(JpRecord)) == 0
        assert await s.scalar(select(Enrollment.status)) == "enrolled"


async def test_jp_history_refuses_a_nip_stored_as_a_number(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    path = _xlsx(tmp_path / "jp.xlsx", [
        ["NIP", "Nama Pelatihan", "Kategori", "JP", "Tanggal Mulai", "Tanggal Selesai"],
        [198503142010031002, "Bimtek SAKIP", "bimtek", 8, "2026-03-02", "2026-03-03"],
    ])
    async with db.writing() as s:
        report = await import_jp(s, path, clock)
    assert [(e.row, e.column, e.code) for e in report.errors] == [(2, "nip", "nip_numeric_cell")]


def test_the_writer_never_writes_a_formula_and_keeps_nips_as_text() -> None:
    data, count = single_sheet("Uji", [Column("NIP", text=True), Column("Nama")], [
        [198503142010031002, "=HYPERLINK(\"http://x\",\"klik\")"],
        ["198503142010031008", "+62 812"],
    ])
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet is not None and count == 2
    assert [c.value for c in sheet[1]] == ["NIP", "Nama"]
    assert sheet["A2"].value == "198503142010031002" and sheet["A2"].data_type == "s"
    assert sheet["B2"].data_type == "s" and sheet["B2"].value.startswith("=HYPERLINK")
    assert sheet["B3"].value == "+62 812"


async def test_the_participant_list_keeps_nips_as_text_and_names_inert(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    async with db.writing() as s:
        person = await make_employee(s, phone=None, name="=1+1")
        program = await make_program(s, code="P-1")
        s.add(Enrollment(program_id=program.id, employee_id=person.id, status="enrolled", queue_no=1,
                         created_at=clock.now(), updated_at=clock.now()))
    async with db.reading() as s:
        found = await s.get(Program, program.id)
        people = await participants(s, program.id)
    assert found is not None
    data = participants_workbook(found, people, lambda key: t("id", key))
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    row = [c for c in sheet[2]]
    assert row[1].data_type == "s" and len(row[1].value) == 18
    assert row[2].data_type == "s" and row[2].value == "=1+1"
    # Read back as attendance: the headers are the attendance import's columns.
    path = tmp_path / "peserta.xlsx"
    path.write_bytes(data)
    assert {"kode_program", "nip", "hadir"} <= set(read_table(path).columns)
