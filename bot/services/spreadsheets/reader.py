"""Spreadsheets in (CSV and XLSX), as plain rows keyed by normalised column names.

Agencies exchange rosters and training histories as spreadsheets far more often than
through APIs, so importers read both formats through this one module and never see the
difference. Problems come back as `TableError` codes (short snake_case strings) for the
message catalogue; no user-facing sentence is built here and no cell value is ever put
into an exception text, because cells hold NIPs and phone numbers.
"""

from __future__ import annotations

import asyncio

import csv
import io
import re
from collections.abc import Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_FILE_BYTES = 20 * 1024 * 1024
# A bound on data rows as well as bytes: a 20 MB xlsx is zip-compressed and can unfold
# into millions of rows. The biggest provincial roster is tens of thousands of employees.
MAX_ROWS = 200_000
# A spreadsheet bomb is small on disk and huge inside: 300 x 16,384 cells fit in 0.19 MB
# of zip. Checked before openpyxl parses anything (the zip's own member sizes and the
# sheet's <dimension>), and again while streaming, since a sheet may lie about its size.
# No import has more than a couple of dozen columns.
MAX_COLUMNS = 64
MAX_CELLS = 4_000_000  # rows x columns: a 200,000-employee roster of 20 columns
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # all zip members, decompressed
SUPPORTED_SUFFIXES = (".csv", ".xlsx")

_SEPARATOR_RUN = re.compile(r"[\s\-/]+")
_NOT_NAME_CHAR = re.compile(r"[^0-9a-z_]")
_UNDERSCORE_RUN = re.compile(r"_+")


class TableError(Exception):
    """The file cannot be read as a table; `code` names the problem for the catalogue.

    `columns` lists the canonical column names concerned (for `missing_columns` and
    `ambiguous_columns`), empty otherwise.
    """

    def __init__(self, code: str, *, columns: Iterable[str] = ()) -> None:
        super().__init__(code)
        self.code = code
        self.columns: list[str] = list(columns)


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem in one cell: the spreadsheet row number (header = 1), the canonical
    column name and an error code for the message catalogue."""

    row: int
    column: str
    code: str


@dataclass(frozen=True, slots=True)
class Table:
    """A sheet's header and its non-empty data rows.

    `rows` pairs each row's number as the spreadsheet shows it (the header is row 1 in a
    normal file, the first data row 2) with its cells keyed by normalised column name.
    Empty cells are None; text is stripped; xlsx cells keep their native type (int, float,
    datetime, date, ...).
    """

    columns: list[str]
    rows: list[tuple[int, dict[str, object]]]
    # Normalised names that more than one header cell mapped to: the importer must not
    # guess which of them holds the data it needs.
    duplicate_columns: frozenset[str] = field(default_factory=frozenset)
    # Normalised name -> the header as the file spells it, for messages to the admin.
    labels: dict[str, str] = field(default_factory=dict)

    def label(self, column: str) -> str:
        return self.labels.get(column, column)


def normalize_column(name: object) -> str:
    """`" No. HP "` -> `no_hp`, `"Tanggal-Mulai"` -> `tanggal_mulai`.

    Lowercased and trimmed; runs of spaces, dashes and slashes become one underscore;
    other punctuation is dropped so that headers like "No. HP" match their alias.
    """
    text = str(name).strip().lower()
    text = _SEPARATOR_RUN.sub("_", text)
    text = _NOT_NAME_CHAR.sub("", text)
    return _UNDERSCORE_RUN.sub("_", text).strip("_")


def read_table(
    path: Path,
    *,
    max_bytes: int = MAX_FILE_BYTES,
    max_rows: int = MAX_ROWS,
    max_columns: int = MAX_COLUMNS,
    max_cells: int = MAX_CELLS,
    max_unpacked: int = MAX_UNPACKED_BYTES,
) -> Table:
    """Read the first sheet of a `.csv` or `.xlsx` file.

    CSV is UTF-8 (a BOM is allowed) or, failing that, Windows-1252 as Excel on Windows
    saves it; its delimiter (`,`, `;` or tab) is detected from
    the header line, since Excel in an Indonesian locale saves CSV with `;`. The first
    non-empty row is the header; blank header cells drop their column; fully empty rows
    are skipped. Raises TableError with code `file_type`, `file_too_large`,
    `file_unreadable` or `file_empty` (no header or no data row); an xlsx also
    `file_unpacked_too_large` (its zip unfolds past `max_unpacked` bytes),
    `sheet_too_wide` (a cell beyond column `max_columns`) or `sheet_too_many_cells`
    (rows x columns past `max_cells`), found before the sheet is parsed when the file
    declares it, and otherwise as soon as reading passes the cap.
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise TableError("file_type")
    try:
        size = path.stat().st_size
    except OSError:
        raise TableError("file_unreadable") from None
    if size > max_bytes:
        raise TableError("file_too_large")
    raw_rows = (_csv_rows(path) if suffix == ".csv"
                else _xlsx_rows(path, _Caps(max_columns, max_cells, max_unpacked)))
    # Closing the generator closes the workbook even when we stop reading early.
    with closing(raw_rows):
        return _build_table(raw_rows, max_rows)


def resolve_columns(
    table: Table, aliases: dict[str, tuple[str, ...]], required: set[str]
) -> dict[str, str]:
    """Map each canonical column name to the header the file uses for it.

    `aliases` gives, per canonical name, the other accepted headers (Indonesian and
    English) in order of preference; the canonical name itself comes first. Optional
    columns missing from the file are left out of the result. Raises TableError
    `missing_columns` (with the missing canonical names) or `ambiguous_columns` (the
    chosen header appears twice in the file, so we cannot tell which one holds the data).
    """
    present = set(table.columns)
    found: dict[str, str] = {}
    missing: list[str] = []
    ambiguous: list[str] = []
    for canonical, names in aliases.items():
        hit = next(
            (n for n in (normalize_column(x) for x in (canonical, *names)) if n in present),
            None,
        )
        if hit is None:
            if canonical in required:
                missing.append(canonical)
            continue
        if hit in table.duplicate_columns:
            ambiguous.append(canonical)
            continue
        found[canonical] = hit
    missing.extend(sorted(name for name in required if name not in aliases))
    if missing:
        raise TableError("missing_columns", columns=missing)
    if ambiguous:
        raise TableError("ambiguous_columns", columns=ambiguous)
    return found


def cell_text(value: object) -> str | None:
    """A cell as text for text fields: None when empty; whole floats lose their `.0`.

    Whitespace runs collapse to one space, so re-importing a file with stray double
    spaces compares equal to what was stored.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        text = str(value)
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    text = " ".join(text.split())
    return text or None


def _build_table(raw_rows: Iterator[tuple[int, list[Any]]], max_rows: int) -> Table:
    header: list[str] | None = None
    labels: dict[str, str] = {}
    rows: list[tuple[int, dict[str, object]]] = []
    for number, cells in raw_rows:
        values = [_clean_cell(cell) for cell in cells]
        if all(v is None for v in values):
            continue
        if header is None:
            header = [normalize_column(v) if v is not None else "" for v in values]
            labels = {
                name: " ".join(str(v).split())
                for name, v in zip(header, values)
                if name and v is not None
            }
            continue
        record = {name: values[i] if i < len(values) else None for i, name in enumerate(header)}
        record.pop("", None)  # cells under a blank header carry no meaning we can name
        if all(v is None for v in record.values()):
            continue
        if len(rows) >= max_rows:
            raise TableError("file_too_large")
        rows.append((number, record))
    if header is None or not any(header) or not rows:
        raise TableError("file_empty")
    seen: set[str] = set()
    duplicates: set[str] = set()
    columns: list[str] = []
    for name in header:
        if not name:
            continue
        if name in seen:
            duplicates.add(name)
            continue
        seen.add(name)
        columns.append(name)
    return Table(
        columns=columns, rows=rows, duplicate_columns=frozenset(duplicates), labels=labels
    )


def _clean_cell(value: object) -> object:
    if isinstance(value, str):
        stripped = value.strip()
        return stripped or None
    return value


def _csv_rows(path: Path) -> Generator[tuple[int, list[Any]], None, None]:
    try:
        data = path.read_bytes()
    except OSError:
        raise TableError("file_unreadable") from None
    # A NUL byte never occurs in UTF-8 text: this is a binary file renamed to .csv.
    if b"\x00" in data:
        raise TableError("file_unreadable")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in the ANSI code page: Windows-1252 here.
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise TableError("file_unreadable") from None
    delimiter = _detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # Row numbers count records, not lines, as a spreadsheet shows them (a quoted cell
    # may span lines).
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise TableError("file_unreadable") from None
        number += 1
        yield number, cells


def _detect_delimiter(text: str) -> str:
    """The delimiter the header line uses most; headers never contain these characters."""
    for line in text.splitlines():
        if not line.strip():
            continue
        counts = {d: line.count(d) for d in (",", ";", "\t")}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","
    return ","


@dataclass(frozen=True, slots=True)
class _Caps:
    columns: int
    cells: int
    unpacked: int


# openpyxl reads every shared string into memory when it opens a workbook, before any
# row (about 180 bytes each): their number is capped apart, generously for a 200,000-row
# roster (three or four distinct texts a row), as are the bytes of styles.
MAX_SHARED_STRINGS = 1_000_000
MAX_STYLES_BYTES = 16 * 1024 * 1024
_SHARED_STRINGS = "xl/sharedStrings.xml"


def _check_unpacked_size(path: Path, limit: int) -> None:
    """Refuse a zip that unfolds past `limit` bytes, from its directory alone (Python's
    zipfile stops a member at its declared size and fails its CRC if it lies, so the
    declared sizes bound what openpyxl can ever decompress); then refuse more shared
    strings than MAX_SHARED_STRINGS, counted by streaming, before openpyxl loads them."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            total = sum(info.file_size for info in infos)
            if total > limit:
                raise TableError("file_unpacked_too_large")
            names = {info.filename: info for info in infos}
            styles = names.get("xl/styles.xml")
            if styles is not None and styles.file_size > MAX_STYLES_BYTES:
                raise TableError("file_unpacked_too_large")
            if _SHARED_STRINGS in names and _count_strings(archive, _SHARED_STRINGS) > MAX_SHARED_STRINGS:
                raise TableError("sheet_too_many_cells")
    except (OSError, zipfile.BadZipFile, ValueError, EOFError):
        raise TableError("file_unreadable") from None


_STRING_ITEM = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?si[\s/>]")  # <si>, <si/>, <x:si …>


def _count_strings(archive: Any, name: str) -> int:
    """The string items of the shared strings part, counted in 1 MB pieces (an item cut
    between two pieces is counted once, in the piece where it ends); stops past the cap."""
    count, tail = 0, b""
    with archive.open(name) as stream:
        while count <= MAX_SHARED_STRINGS:
            piece = stream.read(1 << 20)
            if not piece:
                break
            window = tail + piece
            count += sum(1 for m in _STRING_ITEM.finditer(window) if m.end() > len(tail))
            tail = window[-64:]
    return count


def _check_declared_size(max_row: int | None, max_column: int | None, caps: _Caps) -> None:
    """The sheet's <dimension>, read before any row: too wide or too many cells."""
    if max_column is not None and max_column > caps.columns:
        raise TableError("sheet_too_wide")
    if max_column is not None and max_row is not None and max_row * max_column > caps.cells:
        raise TableError("sheet_too_many_cells")


def _xlsx_rows(path: Path, caps: _Caps) -> Generator[tuple[int, list[Any]], None, None]:
    """Stream the first sheet's rows: a sheet may declare a million formatted empty rows.

    Rows are cut after column `caps.columns + 1`, so a row never costs more than that
    many values however wide the file claims it is; a value in that extra column means
    the sheet is too wide. Filled cells are counted as they are read and reading stops
    at the cap.
    """
    # Imported here: openpyxl is slow to import and only this path needs it.
    import openpyxl

    _check_unpacked_size(path, caps.unpacked)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any parser failure on an untrusted upload is "unreadable"
        raise TableError("file_unreadable") from None
    try:
        if not workbook.worksheets:
            raise TableError("file_empty")
        sheet = workbook.worksheets[0]
        _check_declared_size(getattr(sheet, "max_row", None), getattr(sheet, "max_column", None), caps)
        rows = sheet.iter_rows(values_only=True, max_col=caps.columns + 1)
        number = 0
        seen = 0
        while True:
            try:
                cells = next(rows)
            except StopIteration:
                return
            except TableError:
                raise
            except Exception:  # noqa: BLE001 - a sheet can be corrupt past the zip directory
                raise TableError("file_unreadable") from None
            number += 1
            if len(cells) > caps.columns and cells[caps.columns] is not None:
                raise TableError("sheet_too_wide")
            seen += sum(1 for cell in cells if cell is not None)
            if seen > caps.cells:
                raise TableError("sheet_too_many_cells")
            yield number, list(cells[: caps.columns])
    finally:
        # Read-only workbooks keep the file open until closed.
        workbook.close()


async def table_of(source: Path | Table) -> Table:
    """The table of a file (read in a worker thread: parsing a large sheet takes seconds),
    or a table already read. Callers read before they open a write transaction, so no
    lock is held while a file is parsed."""
    if isinstance(source, Table):
        return source
    return await asyncio.to_thread(read_table, source)
