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


@pytest.mark.parametrize("item", ["<si><t>{}</t></si>", "<si/>", "<x:si><x:t>{}</x:t></x:si>"])
def test_a_shared_strings_bomb_is_refused_before_openpyxl_loads_the_strings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, item: str
) -> None:
    """A two-cell sheet with millions of shared strings passed every other cap (found in
    review: 21 MB on disk, 1.46 GB in memory). The strings are counted while streaming,
    and a string item cut between two read pieces is counted once."""
    from bot.services.spreadsheets import reader

    opened: list[object] = []
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: opened.append(a))
    monkeypatch.setattr(reader, "MAX_SHARED_STRINGS", 300_000)
    body = "".join(item.format(i) for i in range(300_001))
    strings = f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{body}</sst>'
    path = tmp_path / "strings.xlsx"
    path.write_bytes(build([["NIP"], ["x"]], extra={"xl/sharedStrings.xml": strings.encode()}))
    # 300,001 items written in pieces of 1 MB: some items are cut between two pieces.
    assert path.stat().st_size < 20 * 1024 * 1024
    assert refused(path) == "sheet_too_many_cells"
    assert opened == []
    # Counted exactly: one more allowed and the file passes this check.
    monkeypatch.setattr(reader, "MAX_SHARED_STRINGS", 300_001)
    reader._check_unpacked_size(path, reader.MAX_UNPACKED_BYTES)


def _with_shared_strings(strings: list[str], cells: list[int]) -> bytes:
    """A workbook as Excel writes it: cells of column A point into the shared strings."""
    import io
    import zipfile

    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006"
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>{index}</v></c></row>'
                   for n, index in enumerate(cells, start=1))
    parts = {
        "[Content_Types].xml": f'<Types xmlns="{package}/content-types"><Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default '
        'Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName='
        '"/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{package}/relationships"><Relationship Id="rId1" '
        f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="S" '
        'sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{package}/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
        '</Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><dimension ref="A1:A{len(cells)}"/>'
        f"<sheetData>{rows}</sheetData></worksheet>",
        "xl/sharedStrings.xml": f'<sst xmlns="{main}">'
        + "".join(f"<si><t>{text}</t></si>" for text in strings) + "</sst>",
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return out.getvalue()


def test_a_workbook_with_ordinary_shared_strings_reads_as_before(tmp_path: Path) -> None:
    strings = ["Nama"] + [f"Pegawai {n}" for n in range(2_000)]
    path = tmp_path / "shared.xlsx"
    path.write_bytes(_with_shared_strings(strings, [0, 1, 2_000]))
    table = read_table(path)
    assert [row for _, row in table.rows] == [{"nama": "Pegawai 0"}, {"nama": "Pegawai 1999"}]


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

