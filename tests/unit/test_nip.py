"""NIP: 18 digits = birth date YYYYMMDD + TMT CPNS YYYYMM + sex (1/2) + sequence (3).

validate_nip checks, in this order: length (18 ASCII digits after clean_nip) ->
`nip_length`; birth date real and not before 1940 -> `nip_birth_date`; then for PNS
only: TMT month 1..12 and TMT (year, month) at least 17 years after the birth month ->
`nip_tmt`; sex digit 1 or 2 -> `nip_sex`. Given `today` (imports), also: birth date not
in the future -> `nip_birth_future`, at least 17 years ago -> `nip_too_young`, and for PNS
a TMT year not after this year -> `nip_tmt_future`.
"""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bot.services.identity.nip import NipError, clean_nip, compose_nip, validate_nip
from models.enums import EmployeeType

PNS, PPPK = EmployeeType.PNS, EmployeeType.PPPK
GOOD = "198503142010031001"  # 14 Mar 1985, TMT Mar 2010, male, no. 001


@st.composite
def nip_parts(draw: st.DrawFn) -> tuple[date, int, int, int, int]:
    born = draw(st.dates(min_value=date(1940, 1, 1), max_value=date(2010, 12, 31)))
    tmt_year = draw(st.integers(born.year + 18, min(born.year + 60, 9999)))
    tmt_month = draw(st.integers(1, 12))
    sex = draw(st.sampled_from([1, 2]))
    sequence = draw(st.integers(0, 999))
    return born, tmt_year, tmt_month, sex, sequence


valid_nips = nip_parts().map(lambda parts: compose_nip(*parts))


def code_of(raw: object, employee_type: str = PNS) -> str:
    with pytest.raises(NipError) as caught:
        validate_nip(raw, employee_type)
    return caught.value.code


# --- compose / validate round trip ---------------------------------------------------


def test_compose_lays_out_the_fields() -> None:
    assert compose_nip(date(1985, 3, 14), 2010, 3, 1, 1) == GOOD
    assert compose_nip(date(1990, 12, 1), 2015, 11, 2, 123) == "199012012015112123"


@settings(max_examples=200, deadline=None)
@given(parts=nip_parts())
def test_composed_nip_validates_to_itself_and_keeps_its_parts(
    parts: tuple[date, int, int, int, int],
) -> None:
    born, tmt_year, tmt_month, sex, sequence = parts
    nip = compose_nip(*parts)
    assert len(nip) == 18 and nip.isdigit()
    assert validate_nip(nip) == nip
    assert validate_nip(nip, PPPK) == nip
    assert validate_nip(int(nip)) == nip  # an int cell, as long as it kept all digits
    assert date(int(nip[:4]), int(nip[4:6]), int(nip[6:8])) == born
    assert (int(nip[8:12]), int(nip[12:14]), int(nip[14]), int(nip[15:])) == (
        tmt_year, tmt_month, sex, sequence
    )


@settings(max_examples=200, deadline=None)
@given(nip=valid_nips, data=st.data())
def test_spaces_dots_dashes_and_tabs_are_ignored(nip: str, data: st.DataObject) -> None:
    runs = data.draw(st.lists(st.text(alphabet=" .-\t", max_size=2), min_size=18, max_size=18))
    typed = "".join(d + r for d, r in zip(nip, runs))
    padded = data.draw(st.sampled_from(["", " ", "\n", " \n"])) + typed
    assert clean_nip(padded) == nip
    assert validate_nip(padded) == nip


def test_clean_nip_examples() -> None:
    assert clean_nip("19850314 201003 1 001") == GOOD
    assert clean_nip("19850314.201003.1.001") == GOOD
    assert clean_nip("19850314-201003-1-001") == GOOD
    assert clean_nip("\t19850314 201003 1 001\n") == GOOD
    assert clean_nip(198503142010031001) == GOOD
    # It strips only the usual typing noise and does not validate.
    assert clean_nip("1985/0314") == "1985/0314"
    assert clean_nip("abc 12") == "abc12"
    assert clean_nip("") == ""


# --- each part broken, each code ------------------------------------------------------


def test_nip_error_is_a_value_error_with_the_code() -> None:
    with pytest.raises(ValueError) as caught:
        validate_nip("123")
    assert isinstance(caught.value, NipError)
    assert caught.value.code == "nip_length" == str(caught.value)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "nip_length"),
        ("19850314201003100", "nip_length"),  # 17
        ("1985031420100310011", "nip_length"),  # 19
        ("19850314201003100A", "nip_length"),
        ("1985/0314/2010/03/1/001", "nip_length"),
        ("19850314\n201003 1 001", "nip_length"),  # a line break inside is not noise
        ("\uff11\uff19\uff18\uff15" + GOOD[4:], "nip_length"),  # fullwidth digits
        ("\u0661\u0669\u0668\u0665" + GOOD[4:], "nip_length"),  # Arabic-Indic digits
        ("19850230" + GOOD[8:], "nip_birth_date"),  # 30 February
        ("19850229" + GOOD[8:], "nip_birth_date"),  # 1985 is not a leap year
        ("19850431" + GOOD[8:], "nip_birth_date"),
        ("19851301" + GOOD[8:], "nip_birth_date"),
        ("19850001" + GOOD[8:], "nip_birth_date"),
        ("19850300" + GOOD[8:], "nip_birth_date"),
        ("00000000" + GOOD[8:], "nip_birth_date"),
        ("19391231" + "1960031001", "nip_birth_date"),  # before 1940
        ("19850314" + "201013" + "1001", "nip_tmt"),  # TMT month 13
        ("19850314" + "201000" + "1001", "nip_tmt"),  # TMT month 00
        ("19850314" + "199903" + "1001", "nip_tmt"),  # appointed at 14
        ("19850314" + "200202" + "1001", "nip_tmt"),  # appointed a month before 17
        ("19850314" + "201003" + "3001", "nip_sex"),
        ("19850314" + "201003" + "0001", "nip_sex"),
        ("19850314" + "201003" + "9001", "nip_sex"),
    ],
)
def test_malformed_nips_give_their_code(raw: str, code: str) -> None:
    assert code_of(raw) == code


@pytest.mark.parametrize(
    "raw",
    [
        "19880229" + GOOD[8:],  # 29 Feb of a leap year
        "20000229" + "2020011002",  # 2000 is a leap year
        "19400101" + "1957011001",  # earliest birth date, TMT at exactly 17
        "19850314" + "200203" + "1999",  # TMT in the month of the 17th birthday
        "19850314" + "201012" + "2000",
    ],
)
def test_boundary_nips_are_valid(raw: str) -> None:
    assert validate_nip(raw) == raw


def test_checks_run_in_order_length_birth_tmt_sex() -> None:
    # Everything after the birth date is wrong too; the birth date is reported first.
    assert code_of("19850230" + "201013" + "3001") == "nip_birth_date"
    assert code_of("19850314" + "201013" + "3001") == "nip_tmt"
    assert code_of("1985023020101330011") == "nip_length"


@settings(max_examples=200, deadline=None)
@given(nip=valid_nips, data=st.data())
def test_dropping_or_adding_a_digit_is_a_length_error(nip: str, data: st.DataObject) -> None:
    at = data.draw(st.integers(0, 17))
    assert code_of(nip[:at] + nip[at + 1 :]) == "nip_length"
    extra = data.draw(st.sampled_from("0123456789"))
    assert code_of(nip[:at] + extra + nip[at:]) == "nip_length"
    letter = data.draw(st.sampled_from("OoIlSBx/,_"))
    assert code_of(nip[:at] + letter + nip[at + 1 :], PPPK) == "nip_length"


@settings(max_examples=200, deadline=None)
@given(nip=valid_nips, bad_month=st.sampled_from([0, *range(13, 100)]), data=st.data())
def test_impossible_birth_dates_are_refused_for_pns_and_pppk(
    nip: str, bad_month: int, data: st.DataObject
) -> None:
    year, month = int(nip[:4]), int(nip[4:6])
    last = calendar.monthrange(year, month)[1]
    bad_day = data.draw(st.sampled_from([0, *range(last + 1, 100)]))
    for broken in (
        f"{year:04d}{month:02d}{bad_day:02d}{nip[8:]}",
        f"{year:04d}{bad_month:02d}{nip[6:]}",
    ):
        assert code_of(broken) == "nip_birth_date"
        assert code_of(broken, PPPK) == "nip_birth_date"


@settings(max_examples=200, deadline=None)
@given(nip=valid_nips, bad_month=st.sampled_from([0, *range(13, 100)]),
       too_young=st.integers(0, 16))
def test_bad_tmt_is_a_tmt_error_for_pns_only(nip: str, bad_month: int, too_young: int) -> None:
    month_broken = f"{nip[:12]}{bad_month:02d}{nip[14:]}"
    assert code_of(month_broken) == "nip_tmt"
    assert validate_nip(month_broken, PPPK) == month_broken
    born_year = int(nip[:4])
    early = f"{nip[:8]}{born_year + too_young:04d}{nip[12:]}"
    assert code_of(early) == "nip_tmt"
    assert validate_nip(early, PPPK) == early


@settings(max_examples=200, deadline=None)
@given(nip=valid_nips, sex=st.sampled_from("03456789"))
def test_sex_digit_other_than_1_or_2_is_a_sex_error_for_pns_only(nip: str, sex: str) -> None:
    broken = nip[:14] + sex + nip[15:]
    assert code_of(broken) == "nip_sex"
    assert validate_nip(broken, PPPK) == broken


@settings(max_examples=200, deadline=None)
@given(born=st.dates(min_value=date(1000, 1, 1), max_value=date(1939, 12, 31)))
def test_birth_years_before_1940_are_refused(born: date) -> None:
    nip = compose_nip(born, max(born.year + 20, 1000), 1, 1, 1)
    assume(len(nip) == 18)
    assert code_of(nip) == "nip_birth_date"
    assert code_of(nip, PPPK) == "nip_birth_date"


# --- impossible against the calendar (issue 13.9): only when the caller says what day it is

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    ("raw", "employee_type", "code"),
    [
        ("20300101" + "2050011001", PNS, "nip_birth_future"),
        ("20300101" + "2050011001", PPPK, "nip_birth_future"),
        ("20261129" + "2044011001", PNS, "nip_birth_future"),  # tomorrow
        ("20100101" + "2027011001", PNS, "nip_too_young"),  # 16 today
        ("20091129" + "2027011001", PPPK, "nip_too_young"),  # 17 tomorrow
        ("19850314" + "2027011001", PNS, "nip_tmt_future"),  # appointed next year
    ],
)
def test_nips_impossible_today_are_refused(raw: str, employee_type: str, code: str) -> None:
    with pytest.raises(NipError) as caught:
        validate_nip(raw, employee_type, TODAY)
    assert caught.value.code == code
    if code != "nip_tmt_future" or employee_type == PPPK:
        return
    assert validate_nip(raw, PPPK, TODAY) == raw  # a PPPK number's digits 9-14 mean nothing


@pytest.mark.parametrize("raw", [
    "20091128" + "2026111001",  # 17 today, appointed this month
    "19850314" + "2026121001",  # TMT later this year (an appointment already decided)
    GOOD,
])
def test_nips_possible_today_are_accepted(raw: str) -> None:
    assert validate_nip(raw, PNS, TODAY) == raw


@settings(max_examples=200, deadline=None)
@given(nip=valid_nips)
def test_without_a_day_the_calendar_checks_do_not_run(nip: str) -> None:
    assert validate_nip(nip) == nip  # composed NIPs may lie in the future
