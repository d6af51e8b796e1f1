"""Issue 13.6: spreadsheet bombs are refused before or while parsing, by work done.

The issue's file was 0.19 MB of zip holding 300 x 16,384 cells and took 523 s. The
bombs here are generated (deterministically: tests/fixtures/hostile/xlsx.py) in the same
shape but small enough to build in a test; the checks count how many rows openpyxl's
sheet parser produced, never how long anything took.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet._reader import WorkSheetParser

from bot.i18n import t
from bot.services.spreadsheets.reader import MAX_COLUMNS, TableError, read_table
from tests.fixtures.hostile.xlsx import bomb, build, column_letter


@pytest.fixture
def parsed_rows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every row openpyxl's sheet parser builds, counted."""
    count: list[int] = []
    original = WorkSheetParser.parse_row

    def counting(self: WorkSheetParser, row: Any) -> Any:
        count.append(1)
        return original(self, row)

    monkeypatch.setattr(WorkSheetParser, "parse_row", counting)
    return count


def refused(path: Path, **caps: int) -> str:
    with pytest.raises(TableError) as caught:
        read_table(path, **caps)
    return caught.value.code


def test_the_issue_s_bomb_declared_300_by_16384_is_refused_before_any_row_is_parsed(
    tmp_path: Path, parsed_rows: list[int]
) -> None:
    # Two real rows of 16,384 cells; the dimension declares all 300 as the issue's file did.
    path = tmp_path / "bom.xlsx"
    data = build(([1] * 16_384 for _ in range(2)), dimension=f"A1:{column_letter(16_384)}300")
    path.write_bytes(data)
    assert len(data) < 200_000
    assert refused(path) == "sheet_too_wide"
    assert parsed_rows == []


def test_a_wide_bomb_that_hides_its_dimension_stops_at_its_first_row(
    tmp_path: Path, parsed_rows: list[int]
) -> None:
    path = tmp_path / "bom.xlsx"
    path.write_bytes(bomb(300, 16_384 // 8, dimension=False))
    assert refused(path) == "sheet_too_wide"
    assert len(parsed_rows) == 1


def test_a_sheet_that_declares_too_many_cells_is_refused_before_parsing(
    tmp_path: Path, parsed_rows: list[int]
) -> None:
    path = tmp_path / "lang.xlsx"
    path.write_bytes(bomb(200, MAX_COLUMNS))
    assert refused(path, max_cells=1_000) == "sheet_too_many_cells"
    assert parsed_rows == []


def test_reading_stops_when_the_cells_read_pass_the_cap(tmp_path: Path, parsed_rows: list[int]) -> None:
    path = tmp_path / "lang.xlsx"
    path.write_bytes(bomb(200, MAX_COLUMNS, dimension=False))
    assert refused(path, max_cells=1_000) == "sheet_too_many_cells"
    assert len(parsed_rows) <= 1_000 // MAX_COLUMNS + 1


def test_a_zip_that_unpacks_past_the_cap_is_refused_before_openpyxl_opens_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[object] = []
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: opened.append(a))
    path = tmp_path / "zip.xlsx"
    path.write_bytes(build([["NIP", "Nama"], ["x", "y"]],
                           extra={"xl/media/padding.bin": bytes(3 * 1024 * 1024)}))
    assert path.stat().st_size < 20_000
    assert refused(path, max_unpacked=2 * 1024 * 1024) == "file_unpacked_too_large"
    assert opened == []


def test_a_sheet_within_the_caps_reads_as_before(tmp_path: Path) -> None:
    path = tmp_path / "ok.xlsx"
    header = [f"kolom {i}" for i in range(MAX_COLUMNS)]
    path.write_bytes(build([header, ["x"] * MAX_COLUMNS]))
    table = read_table(path)
    assert len(table.columns) == MAX_COLUMNS and len(table.rows) == 1


def test_xml_entities_are_refused_by_defusedxml(tmp_path: Path) -> None:
    """openpyxl parses with defusedxml when it is installed (a declared dependency)."""
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML
    data = build([["NIP"], ["x"]], dimension=None)
    laughs = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
              b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>')
    path = tmp_path / "laughs.xlsx"
    path.write_bytes(_replace_sheet(data, lambda xml: laughs + xml.split(b"?>", 1)[1].replace(
        b"<t xml:space=\"preserve\">x</t>", b"<t>&b;</t>")))
    assert refused(path) == "file_unreadable"


def _replace_sheet(data: bytes, change: Any) -> bytes:
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            target.writestr(info, change(body) if info.filename.endswith("sheet1.xml") else body)
    return out.getvalue()


@pytest.mark.parametrize("code", ["file_unpacked_too_large", "sheet_too_wide", "sheet_too_many_cells"])
@pytest.mark.parametrize("language", ["id", "en"])
def test_each_refusal_says_what_to_do(code: str, language: str) -> None:
    message = t(language, f"import.error.{code}")
    assert message != f"import.error.{code}" and ("kirim ulang" in message or "send it again" in message)

