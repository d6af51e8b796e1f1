"""The JP year (JpPeriod, period_for, period_starting) and the pro-rated target
(expected_by): year ends, leap years, years that start in another month, rounding."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.services.ledger.period import JpPeriod, expected_by, period_for, period_starting

TWENTY = Decimal(20)
TENTH = Decimal("0.1")


def _days(period: JpPeriod):  # noqa: ANN202 - a small generator
    day = period.start
    while day <= period.end:
        yield day
        day += timedelta(days=1)


# --- which period a day belongs to ---------------------------------------------------


def test_calendar_year_turns_over_at_midnight_new_year() -> None:
    dec31, jan1 = period_for(date(2026, 12, 31)), period_for(date(2027, 1, 1))
    assert (dec31.start, dec31.end, dec31.label, dec31.days) == (
        date(2026, 1, 1), date(2026, 12, 31), 2026, 365
    )
    assert (jan1.start, jan1.end, jan1.label) == (date(2027, 1, 1), date(2027, 12, 31), 2027)
    assert dec31.contains(date(2026, 12, 31)) and not dec31.contains(date(2027, 1, 1))
    assert dec31.contains(date(2026, 1, 1)) and not dec31.contains(date(2025, 12, 31))


@pytest.mark.parametrize(("year", "days"), [(2026, 365), (2028, 366), (2000, 366), (2100, 365)])
def test_calendar_years_have_365_or_366_days(year: int, days: int) -> None:
    assert period_starting(year).days == days


def test_year_starting_in_april() -> None:
    # A day in March belongs to the period that began the April before.
    march = period_for(date(2027, 3, 31), start_month=4)
    assert (march.start, march.end, march.label) == (date(2026, 4, 1), date(2027, 3, 31), 2026)
    assert march.days == 365
    april = period_for(date(2027, 4, 1), start_month=4)
    assert (april.start, april.end, april.label) == (date(2027, 4, 1), date(2028, 3, 31), 2027)
    assert april.days == 366  # holds 29 Feb 2028
    # 1 January is in the middle of such a period, not at a boundary.
    assert period_for(date(2027, 1, 1), start_month=4) == march


def test_year_starting_in_march_ends_on_leap_day() -> None:
    period = period_starting(2027, 3)
    assert (period.end, period.days) == (date(2028, 2, 29), 366)
    assert period_for(date(2028, 2, 29), 3) == period
    assert period_for(date(2028, 3, 1), 3).end == date(2029, 2, 28)


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=date(1950, 1, 1), max_value=date(2200, 12, 31)),
       start_month=st.integers(1, 12))
def test_every_day_falls_in_exactly_one_period(day: date, start_month: int) -> None:
    period = period_for(day, start_month)
    assert period.contains(day)
    assert period.start.day == 1 and period.start.month == start_month
    assert period.start <= day <= period.end
    assert period == period_starting(period.label, start_month)
    # Adjacent periods tile the calendar: no gap, no overlap.
    after = period_starting(period.label + 1, start_month)
    assert after.start == period.end + timedelta(days=1)
    assert not after.contains(day)
    before = period_starting(period.label - 1, start_month)
    assert before.end == period.start - timedelta(days=1)
    assert not before.contains(day)
    # 366 days exactly when the period holds a 29 February.
    leap_days = sum(
        1 for y in {period.start.year, period.end.year}
        if calendar.isleap(y) and period.contains(date(y, 2, 29))
    )
    assert period.days == 365 + leap_days


# --- the pro-rated target ------------------------------------------------------------


def test_first_and_last_day_of_a_calendar_year() -> None:
    period = period_starting(2026)
    assert expected_by(date(2026, 1, 1), TWENTY, period) == Decimal("0.1")  # 20/365 = 0.055
    assert expected_by(date(2026, 12, 31), TWENTY, period) == TWENTY
    assert expected_by(date(2025, 12, 31), TWENTY, period) == 0  # before: nothing yet
    assert expected_by(date(2027, 1, 1), TWENTY, period) == TWENTY  # after: all of it


def test_across_the_year_end_the_expectation_starts_again() -> None:
    dec31 = expected_by(date(2026, 12, 31), TWENTY, period_for(date(2026, 12, 31)))
    jan1 = expected_by(date(2027, 1, 1), TWENTY, period_for(date(2027, 1, 1)))
    assert (dec31, jan1) == (TWENTY, Decimal("0.1"))


def test_leap_year_spreads_the_target_over_366_days() -> None:
    leap, common = period_starting(2028), period_starting(2026)
    # Day 183: 40 * 183 / 366 = 20.0 exactly; over 365 days it would be 20.05 -> 20.1.
    assert expected_by(date(2028, 7, 1), Decimal(40), leap) == Decimal("20.0")
    assert expected_by(date(2026, 7, 2), Decimal(40), common) == Decimal("20.1")  # day 183
    # 29 February 2028 is day 60: 20 * 60 / 366 = 3.279 -> 3.3.
    assert expected_by(date(2028, 2, 29), TWENTY, leap) == Decimal("3.3")
    assert expected_by(date(2028, 12, 31), TWENTY, leap) == TWENTY
    assert expected_by(date(2028, 12, 30), TWENTY, leap) == Decimal("19.9")  # 365/366 of 20


def test_april_year_pro_rates_from_april() -> None:
    period = period_for(date(2027, 3, 15), start_month=4)  # 1 Apr 2026 .. 31 Mar 2027
    # 30 September 2026 is day 183 of 365: 20 * 183 / 365 = 10.03 -> 10.0
    assert expected_by(date(2026, 9, 30), TWENTY, period) == Decimal("10.0")
    assert expected_by(date(2027, 3, 31), TWENTY, period) == TWENTY
    assert expected_by(date(2026, 3, 31), TWENTY, period) == 0
    # 31 December is three quarters in: 20 * 275 / 365 = 15.07 -> 15.1
    assert expected_by(date(2026, 12, 31), TWENTY, period) == Decimal("15.1")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 1, 5), "0.1"),  # 3.65 * 5 / 365 = 0.05: half rounds up (half-even: 0.0)
        (date(2026, 1, 15), "0.2"),  # 0.15
        (date(2026, 1, 25), "0.3"),  # 0.25: half rounds up (half-even: 0.2)
        (date(2026, 1, 24), "0.2"),  # 0.24
        (date(2026, 1, 4), "0.0"),  # 0.04
    ],
)
def test_rounds_half_up_to_a_tenth(day: date, expected: str) -> None:
    result = expected_by(day, Decimal("3.65"), period_starting(2026))
    assert result == Decimal(expected)
    assert result.as_tuple().exponent == -1  # shown as "0,3", never "0,25"


def test_a_target_with_hundredths_is_never_exceeded() -> None:
    # 20.25 * 365 / 365 = 20.25 would round up to 20.3: more than the whole target,
    # and more than the day after the period (which expects exactly the target).
    period = period_starting(2026)
    assert expected_by(date(2026, 12, 31), Decimal("20.25"), period) == Decimal("20.25")
    assert expected_by(date(2026, 12, 30), Decimal("20.25"), period) == Decimal("20.2")
    # A tiny target reaches its rounding step before the last day.
    assert expected_by(date(2026, 11, 6), Decimal("0.06"), period) == Decimal("0.06")


targets = st.one_of(
    st.decimals(min_value=0, max_value=200, places=0),
    st.decimals(min_value=0, max_value=200, places=1),
    st.decimals(min_value=0, max_value=200, places=2),
)


@settings(max_examples=120, deadline=None)
@given(year=st.integers(1990, 2110), start_month=st.integers(1, 12), target=targets)
def test_expected_grows_day_by_day_to_exactly_the_target(
    year: int, start_month: int, target: Decimal
) -> None:
    period = period_starting(year, start_month)
    assert expected_by(period.start - timedelta(days=1), target, period) == 0
    previous = Decimal(0)
    for elapsed, day in enumerate(_days(period), start=1):
        expected = expected_by(day, target, period)
        assert previous <= expected <= target
        # Within half a tenth of the exact share (or capped at the target).
        exact = target * elapsed / period.days
        assert abs(expected - exact) <= Decimal("0.05") or expected == target
        if expected != target:
            assert expected == expected.quantize(TENTH)
        previous = expected
    assert previous == target  # the last day expects the whole target
    assert expected_by(period.end + timedelta(days=1), target, period) == target
    assert expected_by(date(year + 5, 1, 1), target, period) == target


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
       start_month=st.integers(1, 12),
       target=st.decimals(min_value=1, max_value=100, places=1))
def test_first_day_expects_one_days_share(day: date, start_month: int, target: Decimal) -> None:
    period = period_for(day, start_month)
    first = expected_by(period.start, target, period)
    # target/365 of at most 100 JP is under 0.3: near zero, yet never below the exact share
    # by more than half a tenth.
    assert first <= Decimal("0.3")
    assert abs(first - target / period.days) <= Decimal("0.05")
