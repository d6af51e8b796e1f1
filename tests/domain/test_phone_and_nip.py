"""Phone numbers and NIPs as people type them: property-based."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.services.nip import NipError, clean_nip, compose_nip, validate_nip
from bot.services.phone import normalize_phone
from models.enums import EmployeeType

# National significant numbers of Indonesian mobiles: 8 then 8 to 11 more digits.
nationals = st.from_regex(r"8[1-9][0-9]{7,10}", fullmatch=True)
separators = st.sampled_from(["", " ", "-", ".", "  "])


def _spread(digits: str, sep: str, every: int) -> str:
    return sep.join(digits[i : i + every] for i in range(0, len(digits), every))


@settings(max_examples=300, deadline=None)
@given(national=nationals, sep=separators, every=st.integers(2, 5),
       prefix=st.sampled_from(["0", "+62", "62", "0062", "+62 ", "(0", ""]))
def test_every_written_form_normalises_to_the_same_e164(
    national: str, sep: str, every: int, prefix: str
) -> None:
    body = _spread(national, sep, every)
    if prefix == "(0":
        written = f"(0{national[:3]}) {_spread(national[3:], sep, every)}"
    else:
        written = prefix + body
    expected = f"+62{national}"
    assert normalize_phone(written) == expected
    assert normalize_phone(expected) == expected  # idempotent


@pytest.mark.parametrize(
    "raw",
    ["0812-3456-7890", "+62 812 3456 7890", "6281234567890", "(0812) 3456 7890", "812.3456.7890",
     "0062 812 3456 7890", 81234567890],
)
def test_the_forms_in_the_issue(raw: object) -> None:
    assert normalize_phone(raw) == "+6281234567890"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "raw",
    [None, "", "   ", "+1 202 555 0100", "+6208123456789", "0812", "08123456789012345",
     "0812-3456-789a", "٠٨١٢٣٤٥٦٧٨٩٠", "nomor saya 0812", "+", "62"],
)
def test_what_is_not_an_indonesian_number(raw: object) -> None:
    assert normalize_phone(raw) is None  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=30))
def test_normaliser_never_crashes_and_only_returns_e164(text: str) -> None:
    result = normalize_phone(text)
    assert result is None or (result.startswith("+628") and result[1:].isdigit()
                              and 11 <= len(result) <= 15)


births = st.dates(min_value=date(1950, 1, 1), max_value=date(2006, 12, 31))


@settings(max_examples=300, deadline=None)
@given(born=births, years_later=st.integers(18, 40), month=st.integers(1, 12),
       sex=st.sampled_from([1, 2]), sequence=st.integers(1, 999))
def test_composed_nips_validate_with_spaces_and_dots(
    born: date, years_later: int, month: int, sex: int, sequence: int
) -> None:
    nip = compose_nip(born, born.year + years_later, month, sex, sequence)
    assert validate_nip(nip) == nip
    typed = f"{nip[:8]} {nip[8:14]}.{nip[14]} {nip[15:]}"
    assert clean_nip(typed) == nip
    assert validate_nip(typed) == nip
    assert validate_nip(nip, EmployeeType.PPPK) == nip


@settings(max_examples=200, deadline=None)
@given(born=births, sequence=st.integers(1, 999))
def test_each_broken_part_has_its_own_code(born: date, sequence: int) -> None:
    good = compose_nip(born, born.year + 20, 3, 1, sequence)
    with pytest.raises(NipError) as length:
        validate_nip(good[:-1])
    assert length.value.code == "nip_length"
    with pytest.raises(NipError) as sex:
        validate_nip(good[:14] + "3" + good[15:])
    assert sex.value.code == "nip_sex"
    with pytest.raises(NipError) as tmt:
        validate_nip(good[:12] + "13" + good[14:])
    assert tmt.value.code == "nip_tmt"
    # The month after the last day of the birth month is never a valid day.
    impossible = (born.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    bad_day = f"{impossible:%Y%m}{impossible.day + 1:02d}" if impossible.day < 31 else None
    if bad_day:
        with pytest.raises(NipError) as day:
            validate_nip(bad_day + good[8:])
        assert day.value.code == "nip_birth_date"


@pytest.mark.parametrize("raw", ["19850230" + "201003" + "1" + "001", "abc", "1" * 19, "１" * 18])
def test_malformed_nips(raw: str) -> None:
    with pytest.raises(NipError):
        validate_nip(raw)
