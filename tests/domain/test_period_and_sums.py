"""The JP year, the pro-rated target across year ends and leap years, and exact sums."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.i18n import fmt_jp
from bot.services.balance import Balance, Standing, sum_jp
from bot.services.period import expected_by, period_for, period_starting

TWENTY = Decimal(20)


def test_calendar_year_edges() -> None:
    period = period_for(date(2026, 12, 31))
    assert (period.start, period.end, period.days) == (date(2026, 1, 1), date(2026, 12, 31), 365)
    assert period_for(date(2027, 1, 1)).label == 2027
    assert expected_by(date(2026, 12, 31), TWENTY, period) == TWENTY
    assert expected_by(date(2026, 1, 1), TWENTY, period) == Decimal("0.1")  # 20/365
    assert expected_by(date(2025, 12, 31), TWENTY, period) == 0  # before the period
    assert expected_by(date(2027, 1, 1), TWENTY, period) == TWENTY  # after it


def test_leap_year_spreads_over_366_days() -> None:
    period = period_starting(2028)
    assert period.days == 366
    # 29 Feb 2028 is day 60: 20 * 60 / 366 = 3.278... -> 3.3
    assert expected_by(date(2028, 2, 29), TWENTY, period) == Decimal("3.3")
    # Mid-year differs by a day from a common year.
    assert expected_by(date(2028, 7, 1), TWENTY, period) == Decimal("10.0")  # day 183 of 366
    assert expected_by(date(2027, 7, 1), TWENTY, period_starting(2027)) == Decimal("10.0")  # 182/365


def test_year_starting_in_april() -> None:
    march = period_for(date(2027, 3, 31), start_month=4)
    assert (march.start, march.end, march.label) == (date(2026, 4, 1), date(2027, 3, 31), 2026)
    assert period_for(date(2027, 4, 1), start_month=4).label == 2027
    # The period holds 29 Feb 2028: 366 days.
    assert period_starting(2027, 4).days == 366
    assert expected_by(date(2027, 3, 31), TWENTY, march) == TWENTY


@settings(max_examples=300, deadline=None)
@given(year=st.integers(2000, 2100), start_month=st.integers(1, 12),
       target=st.decimals(min_value=1, max_value=200, places=1))
def test_expected_grows_day_by_day_to_the_target(year: int, start_month: int, target: Decimal) -> None:
    period = period_starting(year, start_month)
    assert period.days in (365, 366)
    previous = Decimal(0)
    day = period.start
    while day <= period.end:  # bounded: at most 366 steps
        expected = expected_by(day, target, period)
        assert previous <= expected <= target
        assert expected == expected.quantize(Decimal("0.1"))
        assert period_for(day, start_month) == period
        previous = expected
        day += timedelta(days=1)
    assert previous == target


def test_decimal_sums_are_exact() -> None:
    tenths = [Decimal("0.1")] * 10
    assert sum_jp(tenths) == Decimal(1)
    assert sum(0.1 for _ in range(10)) != 1.0  # what floats would have done
    assert sum_jp([Decimal("12.25"), Decimal("7.75")]) == TWENTY
    assert sum_jp([]) == 0


@pytest.mark.parametrize(
    ("value", "id_text", "en_text"),
    [(Decimal("12.50"), "12,5", "12.5"), (Decimal("20"), "20", "20"),
     (Decimal("1234.25"), "1.234,25", "1,234.25"), (Decimal("0.10"), "0,1", "0.1")],
)
def test_jp_in_the_users_locale(value: Decimal, id_text: str, en_text: str) -> None:
    assert fmt_jp("id", value) == id_text
    assert fmt_jp("en", value) == en_text


def _balance(approved: str, expected: str, target: str = "20") -> Balance:
    period = period_starting(2026)
    return Balance(period, date(2026, 11, 28), Decimal(target), Decimal(approved),
                   Decimal(expected), [], [], [], [])


def test_standing() -> None:
    assert _balance("20", "18.2").standing == Standing.MET
    assert _balance("25", "18.2").remaining == 0
    assert _balance("18.2", "18.2").standing == Standing.ON_TRACK
    behind = _balance("12.5", "18.2")
    assert behind.standing == Standing.BEHIND and behind.behind_by == Decimal("5.7")
    assert behind.remaining == Decimal("7.5")
