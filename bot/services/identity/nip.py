"""NIP (Nomor Induk Pegawai): 18 digits, checked for the parts that carry meaning."""

from __future__ import annotations

from datetime import date

from models.enums import EmployeeType


# Every code NipError can carry (each has a message `import.error.<code>`).
NIP_CODES = ("nip_length", "nip_birth_date", "nip_tmt", "nip_sex", "nip_birth_future",
             "nip_too_young", "nip_tmt_future")
# Nobody is appointed, or employed, before this age.
MIN_AGE = 17


class NipError(ValueError):
    """The NIP is malformed; `code` names the problem for the message catalogue."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


_TYPED_SEPARATORS = str.maketrans("", "", " .-\t")


def clean_nip(raw: object) -> str:
    """Strip the spaces and dots people type into NIPs; does not validate."""
    return str(raw).translate(_TYPED_SEPARATORS).strip()


def validate_nip(
    raw: object, employee_type: str = EmployeeType.PNS, today: date | None = None
) -> str:
    """Return the clean 18-digit NIP or raise NipError.

    PNS: birth date YYYYMMDD + TMT CPNS YYYYMM + sex (1/2) + sequence. PPPK numbers are
    also 18 digits but only their birth date can be trusted to parse.

    Always: a real birth date from 1940 (`nip_birth_date`); for PNS a TMT month 1-12 at
    least MIN_AGE years after the birth month (`nip_tmt`) and a sex digit 1 or 2
    (`nip_sex`). With `today` (imports pass theirs), also: a birth date not in the future
    (`nip_birth_future`) and at least MIN_AGE years ago (`nip_too_young`), and for PNS
    a TMT year not after this year (`nip_tmt_future`).
    """
    nip = clean_nip(raw)
    if len(nip) != 18 or not nip.isdigit() or not nip.isascii():
        raise NipError("nip_length")
    try:
        born = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise NipError("nip_birth_date") from None
    if born.year < 1940:
        raise NipError("nip_birth_date")
    if today is not None:
        if born > today:
            raise NipError("nip_birth_future")
        if (born.year + MIN_AGE, born.month, born.day) > (today.year, today.month, today.day):
            raise NipError("nip_too_young")
    if employee_type == EmployeeType.PPPK:
        return nip
    tmt_year, tmt_month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= tmt_month <= 12 or (tmt_year, tmt_month) < (born.year + MIN_AGE, born.month):
        raise NipError("nip_tmt")
    if today is not None and tmt_year > today.year:
        raise NipError("nip_tmt_future")
    if nip[14] not in "12":
        raise NipError("nip_sex")
    return nip


def compose_nip(born: date, tmt_year: int, tmt_month: int, sex: int, sequence: int) -> str:
    """Build a PNS-shaped NIP (for demo data and tests)."""
    return f"{born:%Y%m%d}{tmt_year:04d}{tmt_month:02d}{sex:d}{sequence:03d}"
