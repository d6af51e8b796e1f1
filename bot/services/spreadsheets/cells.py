"""What a spreadsheet cell means, for every import: NIPs, phones, dates, moments, JP
amounts, categories, plain text, and choices from a list.

Each parser takes the cell as the reader gives it (text, or the native type of an xlsx
cell: int, float, date, datetime, time) and returns the value, or raises `CellError`
with a code for the message catalogue (`import.error.<code>`); no cell value is ever put
into an error, because cells hold NIPs and phone numbers. The `parse_*` functions return
(value, error code) pairs, for callers that check a single answer (a typed date in
/lapor, a schedule time in /umumkan).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from bot.services.identity.nip import NipError, validate_nip
from bot.services.identity.phone import normalize_phone
from bot.services.spreadsheets.reader import cell_text, normalize_column
from models.enums import EmployeeType, JpCategory

JP_MAX = Decimal("999.99")
_CENT = Decimal("0.01")
# "1.98503E+17" or "1,98503E+17": what Excel writes to CSV for a NIP it stored as a number.
_SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?[eE][+]?\d+$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DMY_DATE = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})$")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_DATE_TIME = re.compile(r"^(.+?)[ T]+(\d{1,2})[:.](\d{2})(?::\d{2})?$")


class CellError(Exception):
    """A cell that does not say what its column needs; `code` names the problem."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class Parser:
    """A cell parser and every error code it can raise (so that a test can check that
    each has a message)."""

    parse: Callable[[Any, Mapping[str, Any]], Any]
    codes: frozenset[str]

    def __call__(self, value: Any, context: Mapping[str, Any]) -> Any:
        return self.parse(value, context)


def parser(*codes: str) -> Callable[[Callable[[Any, Mapping[str, Any]], Any]], Parser]:
    def wrap(function: Callable[[Any, Mapping[str, Any]], Any]) -> Parser:
        return Parser(function, frozenset(codes))

    return wrap


def _pair(found: tuple[Any, str | None]) -> Any:
    value, error = found
    if error is not None:
        raise CellError(error)
    return value


def parse_nip_cell(
    value: object, employee_type: str = EmployeeType.PNS, today: date | None = None
) -> tuple[str | None, str | None]:
    """(clean NIP, None) or (None, error code) for a NIP cell.

    A numeric cell is refused outright: Excel keeps 15 significant digits, so an 18-digit
    NIP stored as a number has already lost its last digits, whatever it looks like now.
    """
    if value is None:
        return None, "nip_empty"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return None, "nip_numeric_cell"
    # A leading apostrophe is how Excel users force text; it may survive into a CSV.
    text = str(value).strip().lstrip("'")
    if not text:
        return None, "nip_empty"
    if _SCIENTIFIC.match(text.replace(" ", "")):
        return None, "nip_numeric_cell"
    try:
        return validate_nip(text, employee_type, today), None
    except NipError as exc:
        return None, exc.code


def parse_phone_cell(value: object) -> tuple[str | None, str | None]:
    """(E.164 phone or None when empty, None) or (None, `phone_invalid`).

    xlsx stores a phone typed without quotes as a number, dropping the leading 0
    (81234567890); `normalize_phone` accepts that form once it is text again.
    """
    if value is None:
        return None, None
    if isinstance(value, bool):
        return None, "phone_invalid"
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        if not value.is_integer():
            return None, "phone_invalid"
        text = str(int(value))
    else:
        text = str(value).strip().lstrip("'")
        if not text:
            return None, None
    phone = normalize_phone(text)
    if phone is None:
        return None, "phone_invalid"
    return phone, None

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


def parse_datetime_cell(
    value: object, tz: ZoneInfo, *, day: datetime | None = None
) -> tuple[datetime | None, str | None]:
    """An aware datetime from a cell in the business time zone; `day` lets a bare time
    (`16.00`) mean that time on the session's start day."""
    if value is None:
        return None, None
    if isinstance(value, datetime):
        return value.replace(tzinfo=tz) if value.tzinfo is None else value, None
    if isinstance(value, time) and day is not None:
        return datetime.combine(day.astimezone(tz).date(), value, tz), None
    text = cell_text(value)
    if text is None:
        return None, None
    if (match := _TIME.match(text)) and day is not None:
        try:
            clock_time = time(int(match[1]), int(match[2]))
        except ValueError:
            return None, "time_invalid"
        return datetime.combine(day.astimezone(tz).date(), clock_time, tz), None
    hours, minutes = 0, 0
    if match := _DATE_TIME.match(text):
        text, hours, minutes = match[1], int(match[2]), int(match[3])
    parsed, error = parse_date_cell(text)
    if error or parsed is None:
        return None, error or "date_format"
    try:
        return datetime.combine(parsed, time(hours, minutes), tz), None
    except ValueError:
        return None, "time_invalid"


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

def parse_category(value: object) -> str | None:
    """The JpCategory value for a cell, accepting case, spacing and common aliases."""
    text = cell_text(value)
    if text is None:
        return None
    category = _CATEGORY_ALIASES.get(normalize_column(text))
    return category.value if category is not None else None



# ---------------------------------------------------------------- column parsers


def text(max_length: int, *, empty: str | None = None, too_long: str = "too_long") -> Parser:
    """Plain text (spaces collapsed), at most `max_length`; `empty`: the code for an
    empty cell when the text is required (None: empty means None)."""
    codes = {too_long} | ({empty} if empty else set())

    def parse(value: Any, _: Mapping[str, Any]) -> str | None:
        found = cell_text(value)
        if found is None:
            if empty is not None:
                raise CellError(empty)
            return None
        if len(found) > max_length:
            raise CellError(too_long)
        return found

    return Parser(parse, frozenset(codes))


def raw_text(value: Any, _: Mapping[str, Any]) -> str | None:
    """Text as written (line breaks kept): descriptions."""
    return str(value).strip() or None if value is not None else None


RAW_TEXT = Parser(raw_text, frozenset())


@parser("nip_empty", "nip_numeric_cell", "nip_length", "nip_birth_date", "nip_birth_future",
        "nip_too_young")
def _nip(value: Any, context: Mapping[str, Any]) -> str:
    # What every NIP satisfies (the PPPK rules: 18 digits, a birth date, not in the future
    # when the import says what day it is); the roster, which knows the employee type,
    # checks the PNS rules on top.
    return _pair(parse_nip_cell(value, EmployeeType.PPPK, context.get("today")))


NIP = _nip


@parser("nip_length", "nip_numeric_cell", "nip_birth_date", "nip_birth_future", "nip_too_young")
def _optional_nip(value: Any, context: Mapping[str, Any]) -> str | None:
    # Someone else's NIP (a supervisor's): an empty cell says "none".
    if value is None or (isinstance(value, str) and not value.strip().lstrip("'")):
        return None
    return _pair(parse_nip_cell(value, EmployeeType.PPPK, context.get("today")))


OPTIONAL_NIP = _optional_nip


@parser("phone_invalid")
def _phone(value: Any, _: Mapping[str, Any]) -> str | None:
    return _pair(parse_phone_cell(value))


PHONE = _phone


@parser("jp_empty", "jp_invalid", "jp_not_positive", "jp_too_large", "jp_precision")
def _jp(value: Any, _: Mapping[str, Any]) -> Decimal:
    return _pair(parse_jp_amount(value))


JP = _jp


@parser("date_format", "date_invalid")
def _day(value: Any, _: Mapping[str, Any]) -> date | None:
    return _pair(parse_date_cell(value))


DAY = _day


def required(inner: Parser, empty: str) -> Parser:
    """`inner`, with an empty cell refused as `empty`."""

    def parse(value: Any, context: Mapping[str, Any]) -> Any:
        found = inner(value, context)
        if found is None:
            raise CellError(empty)
        return found

    return Parser(parse, inner.codes | {empty})


@parser("date_format", "date_invalid", "time_invalid")
def _moment(value: Any, context: Mapping[str, Any]) -> datetime | date | time | str | None:
    """A date with an optional time in the business zone (`tz` in the context). A bare
    time (`16.00`) is kept as text for the row model to put on its day."""
    if isinstance(value, time) and not isinstance(value, datetime):
        return value
    found = cell_text(value) if not isinstance(value, (date, datetime)) else None
    if found is not None and _TIME.match(found):
        return found
    return _pair(parse_datetime_cell(value, context["tz"]))


MOMENT = _moment


@parser("category_empty", "category_unknown")
def _category(value: Any, _: Mapping[str, Any]) -> str:
    if cell_text(value) is None:
        raise CellError("category_empty")
    category = parse_category(value)
    if category is None:
        raise CellError("category_unknown")
    return category


CATEGORY = _category


def choice(mapping: Mapping[str, Any], unknown: str, *, empty: str | None = None) -> Parser:
    """One of the words `mapping` knows (case, spaces and dashes aside); `unknown` for
    any other; an empty cell is None unless `empty` names its code."""
    codes = {unknown} | ({empty} if empty else set())

    def parse(value: Any, _: Mapping[str, Any]) -> Any:
        found = cell_text(value)
        if found is None:
            if empty is not None:
                raise CellError(empty)
            return None
        picked = mapping.get(normalize_column(found))
        if picked is None:
            raise CellError(unknown)
        return picked

    return Parser(parse, frozenset(codes))


def whole_number(maximum: int, invalid: str) -> Parser:
    """A whole number from 0 to `maximum` (a quota); `invalid` for anything else."""

    def parse(value: Any, _: Mapping[str, Any]) -> int:
        found = cell_text(value) or ""
        if not found.isdigit() or int(found) > maximum:
            raise CellError(invalid)
        return int(found)

    return Parser(parse, frozenset({invalid}))


def listed(inner: Parser) -> Parser:
    """Several values in one cell, separated by `;` or line breaks, each by `inner`."""

    def parse(value: Any, context: Mapping[str, Any]) -> list[Any]:
        found = cell_text(value) if not isinstance(value, str) else value.strip()
        if not found:
            return []
        return [inner(part.strip(), context) for part in re.split(r"[;\n]", found) if part.strip()]

    return Parser(parse, inner.codes)


def optional(inner: Parser) -> Parser:
    """`inner` for a filled cell; an empty cell is None (not inner's "empty" code)."""

    def parse(value: Any, context: Mapping[str, Any]) -> Any:
        if cell_text(value) is None and not isinstance(value, (date, time)):
            return None
        return inner(value, context)

    return Parser(parse, inner.codes)


def bounded_number(low: int, high: int, invalid: str) -> Parser:
    """A whole number from `low` to `high`; an empty cell is None."""

    def parse(value: Any, _: Mapping[str, Any]) -> int | None:
        found = cell_text(value)
        if found is None:
            return None
        if not found.isdigit() or not low <= int(found) <= high:
            raise CellError(invalid)
        return int(found)

    return Parser(parse, frozenset({invalid}))


_URL = re.compile(r"^https?://\S+$")


def url(max_length: int) -> Parser:
    def parse(value: Any, _: Mapping[str, Any]) -> str | None:
        found = cell_text(value)
        if found is not None and (len(found) > max_length or not _URL.match(found)):
            raise CellError("url_invalid")
        return found

    return Parser(parse, frozenset({"url_invalid"}))


_YES = {"ya", "y", "yes", "hadir", "selesai", "lulus", "1", "true", "v", "✓", "x"}
_NO = {"tidak", "t", "no", "n", "0", "false", "tidak_hadir", "absen", "-"}


@parser("attended_unknown")
def _attended(value: Any, _: Mapping[str, Any]) -> bool | None:
    """Yes or no in the attendance column (ya/tidak, yes/no, 1/0, ✓/-, …); empty: None."""
    found = cell_text(value)
    if found is None:
        return None
    flag = found.casefold().replace(" ", "_")
    if flag in _YES:
        return True
    if flag in _NO:
        return False
    raise CellError("attended_unknown")


ATTENDED = _attended


@parser("yes_no_unknown")
def _yes_no(value: Any, _: Mapping[str, Any]) -> bool | None:
    """A yes/no setting column (ya/tidak, yes/no, 1/0); empty: None (keep what is stored)."""
    found = cell_text(value)
    if found is None:
        return None
    flag = found.casefold().replace(" ", "_")
    if flag in {"ya", "y", "yes", "1", "true", "wajib"}:
        return True
    if flag in {"tidak", "t", "no", "n", "0", "false", "tidak_wajib"}:
        return False
    raise CellError("yes_no_unknown")


YES_NO = _yes_no
