"""One XLSX writer for every download (participants, the unlinked, the audit trail, the
compliance workbook).

A sheet is declared as columns (a header label, already translated by the caller from
the catalogue; a width; and whether the column is text that must stay text, such as a
NIP) and filled with rows. What every download needs is done here once:

- text columns (NIPs, phone numbers) are written as string cells, whatever type the
  value had, so Excel never turns `198503142010031002` into `1.98503E+17`;
- no cell from user data is ever a formula, headers included (a program title heads a
  column of the participants file): openpyxl makes any string starting with `=` a
  formula, so every string is written as an explicit string cell (a name typed as
  `=HYPERLINK(…)` stays text); `+`, `-`, `@`, tab and CR prefixes are strings too, and
  only genuine numbers (JP amounts, counts) are number cells;
- control characters XML cannot carry (a name pasted with a stray `\x07`) are dropped
  rather than failing the whole download;
- bold header, frozen header row, column widths, optional A4 landscape print setup;
- sheets are streamed (openpyxl write-only mode), so 100,000 rows take little memory.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="top")
Label = Callable[[str], str]  # catalogue key -> text in the reader's language
_BOLD = Font(bold=True)


@dataclass(frozen=True, slots=True)
class Column:
    label: str  # the header as the reader sees it (from the catalogue)
    width: int = 16
    text: bool = False  # keep as text (NIPs, phones, codes)


class SheetWriter:
    """One sheet of a workbook being written; `row()` appends, in order."""

    def __init__(self, sheet: Worksheet, columns: Sequence[Column]) -> None:
        self._sheet = sheet
        self._text = [c.text for c in columns]
        for index, column in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        sheet.freeze_panes = "A2"
        header = []
        for column in columns:
            cell = _string_cell(sheet, column.label)
            cell.font, cell.fill, cell.alignment = _BOLD, _HEADER_FILL, _HEADER_ALIGN
            header.append(cell)
        sheet.append(header)
        self.rows = 0

    def row(self, values: Sequence[Any]) -> None:
        self._sheet.append([self._cell(value, text) for value, text in zip(values, self._text)])
        self.rows += 1

    def rows_from(self, rows: Iterable[Sequence[Any]]) -> int:
        for values in rows:
            self.row(values)
        return self.rows

    def _cell(self, value: Any, text: bool) -> Any:
        if value is None:
            return None
        if text and not isinstance(value, str):
            value = str(value)
        if isinstance(value, str):
            return _string_cell(self._sheet, value)
        return value


def _string_cell(sheet: Worksheet, value: str) -> WriteOnlyCell:
    """A cell that holds `value` as a string, whatever it starts with."""
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"  # openpyxl guessed "f" for a leading "="; a string is never evaluated
    return cell


class WorkbookWriter:
    """A streamed workbook: `sheet(title, columns)` for each sheet, then `save()`."""

    def __init__(self) -> None:
        self._book = Workbook(write_only=True)

    def sheet(self, title: str, columns: Sequence[Column], *, landscape: bool = False) -> SheetWriter:
        sheet = self._book.create_sheet(title[:31])  # Excel's limit on sheet names
        if landscape:
            print_a4_landscape(sheet)
        return SheetWriter(sheet, columns)

    def save(self, out: IO[bytes] | Path | None = None) -> bytes:
        """Write the workbook to `out` (a file or a path), or to bytes that are returned."""
        target = out if out is not None else io.BytesIO()
        self._book.save(target)  # type: ignore[arg-type]
        return target.getvalue() if isinstance(target, io.BytesIO) else b""


def print_a4_landscape(sheet: Worksheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"


def single_sheet(title: str, columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> tuple[bytes, int]:
    """A workbook of one sheet: (its bytes, how many rows it has)."""
    book = WorkbookWriter()
    written = book.sheet(title, columns).rows_from(rows)
    return book.save(), written
