"""JP amounts are Decimal end to end: sums are exact, and fmt_jp shows them in the
user's locale without trailing zeros. The database tests run on SQLite and, when
TEST_DATABASE_URL is set, on PostgreSQL (tests/conftest.py)."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.i18n import fmt_jp
from bot.services.ledger.balance import Balance, Standing, get_balance, get_history, sum_jp
from bot.services.ledger.period import period_starting
from models.db import Database
from models.enums import JpCategory, JpSource, JpStatus
from tests.factories import make_employee, make_record

# What a JP cell can hold: positive, at most 999.99, two decimals (Numeric(7, 2)).
amounts = st.integers(1, 99_999).map(lambda cents: Decimal(cents) / 100)


# --- sum_jp --------------------------------------------------------------------------


def test_ten_tenths_are_exactly_one() -> None:
    total = sum_jp([Decimal("0.1")] * 10)
    assert total == Decimal(1) and isinstance(total, Decimal)
    assert sum([0.1] * 10) != 1.0  # what floats would have said
    assert sum_jp([Decimal("0.1"), Decimal("0.2")]) == Decimal("0.3")
    assert sum_jp([Decimal("33.33"), Decimal("33.33"), Decimal("33.34")]) == Decimal(100)
    assert sum_jp([Decimal("0.01")] * 100) == Decimal(1)


def test_empty_sum_is_a_decimal_zero() -> None:
    total = sum_jp([])
    assert total == 0 and isinstance(total, Decimal)
    assert fmt_jp("id", total) == "0"


@settings(max_examples=200, deadline=None)
@given(values=st.lists(amounts, max_size=60), seed=st.integers(0, 2**32))
def test_sum_is_exact_and_order_free(values: list[Decimal], seed: int) -> None:
    total = sum_jp(values)
    assert total == Decimal(sum(int(v * 100) for v in values)) / 100
    shuffled = values[:]
    random.Random(seed).shuffle(shuffled)
    assert sum_jp(shuffled) == total
    # Never more than two decimals, so fmt_jp never has to round a sum.
    assert total == total.quantize(Decimal("0.01"))


# --- fmt_jp --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "id_text", "en_text"),
    [
        (Decimal("12.5"), "12,5", "12.5"),
        (Decimal("12.50"), "12,5", "12.5"),
        (Decimal("12.00"), "12", "12"),
        (Decimal("20"), "20", "20"),
        (20, "20", "20"),
        (Decimal("0.10"), "0,1", "0.1"),
        (Decimal("0.05"), "0,05", "0.05"),
        (Decimal("999.99"), "999,99", "999.99"),
        (Decimal("1234.5"), "1.234,5", "1,234.5"),
        (Decimal("0"), "0", "0"),
        (Decimal("1E+1"), "10", "10"),
        (sum_jp([Decimal("0.1")] * 10), "1", "1"),
        (sum_jp([Decimal("0.1"), Decimal("0.2")]), "0,3", "0.3"),
    ],
)
def test_fmt_jp_examples(value: Decimal | int, id_text: str, en_text: str) -> None:
    assert fmt_jp("id", value) == id_text
    assert fmt_jp("en", value) == en_text


def test_unknown_language_formats_as_indonesian() -> None:
    assert fmt_jp("fr", Decimal("12.5")) == "12,5"


@settings(max_examples=200, deadline=None)
@given(value=st.integers(0, 9_999_999).map(lambda cents: Decimal(cents) / 100),
       padded=st.integers(0, 3))
def test_fmt_jp_round_trips_and_drops_trailing_zeros(value: Decimal, padded: int) -> None:
    # The same amount with extra trailing zeros (12.5 vs 12.500) reads the same.
    written = value.quantize(Decimal(1).scaleb(-2 - padded))
    en, id_ = fmt_jp("en", written), fmt_jp("id", written)
    assert Decimal(en.replace(",", "")) == value
    assert Decimal(id_.replace(".", "").replace(",", ".")) == value
    # Indonesian swaps the two separators of English.
    assert id_ == en.translate(str.maketrans(",.", ".,"))
    if "." in en:
        fraction = en.rsplit(".", 1)[1]
        assert 1 <= len(fraction) <= 2 and not fraction.endswith("0")
    else:
        assert value == value.to_integral_value()


# --- Balance arithmetic --------------------------------------------------------------


def _balance(approved: Decimal, expected: Decimal, target: Decimal,
             pending: list[Decimal] | None = None) -> Balance:
    from bot.services.ledger.balance import RecordLine

    lines = [RecordLine("x", JpCategory.TEKNIS, JpSource.IMPORT, JpStatus.PENDING, jp,
                        date(2026, 5, 1)) for jp in pending or []]
    return Balance(period_starting(2026), date(2026, 11, 28), target, approved, expected,
                   [], [], lines, [])


@settings(max_examples=200, deadline=None)
@given(approved=st.lists(amounts, max_size=10).map(sum_jp),
       expected=st.integers(0, 400).map(lambda tenths: Decimal(tenths) / 10),
       target=st.sampled_from([Decimal(20), Decimal(40), Decimal("20.5")]),
       pending=st.lists(amounts, max_size=5))
def test_balance_figures_agree(approved: Decimal, expected: Decimal, target: Decimal,
                               pending: list[Decimal]) -> None:
    expected = min(expected, target)
    b = _balance(approved, expected, target, pending)
    assert b.remaining >= 0 and b.behind_by >= 0
    assert b.remaining + min(b.approved, target) == target  # exact: no 0.30000000000000004
    assert b.pending_total == Decimal(sum(int(v * 100) for v in pending)) / 100
    assert (b.standing == Standing.MET) == (b.remaining == 0)
    if b.standing == Standing.BEHIND:
        assert b.approved + b.behind_by == expected
    else:
        assert b.behind_by == 0


def test_standing_examples() -> None:
    twenty = Decimal(20)
    assert _balance(Decimal(20), Decimal("18.2"), twenty).standing == Standing.MET
    assert _balance(Decimal("18.2"), Decimal("18.2"), twenty).standing == Standing.ON_TRACK
    behind = _balance(Decimal("12.5"), Decimal("18.2"), twenty, [Decimal("0.1")] * 3)
    assert (behind.standing, behind.behind_by, behind.remaining, behind.pending_total) == (
        Standing.BEHIND, Decimal("5.7"), Decimal("7.5"), Decimal("0.3")
    )


# --- through the database ------------------------------------------------------------


async def test_balance_from_the_database_sums_exactly(db: Database) -> None:
    async with db.writing() as s:
        employee = await make_employee(s)
        for i in range(10):  # ten records of 0.1 JP over the year
            await make_record(s, employee, "0.1", date(2026, 1 + i, 15))
        await make_record(s, employee, "0.2", date(2026, 12, 31), category=JpCategory.SEMINAR,
                          source=JpSource.SELF_REPORT)
        for _ in range(3):
            await make_record(s, employee, "0.1", date(2026, 6, 1), status=JpStatus.PENDING)
        await make_record(s, employee, "50", date(2026, 6, 1), status=JpStatus.REJECTED)
        await make_record(s, employee, "7", date(2025, 12, 31))  # last year
        await make_record(s, employee, "9", date(2027, 1, 1))  # next year
        employee_id = employee.id

    async with db.writing() as s:
        balance = await get_balance(s, employee_id, date(2026, 11, 28), Decimal(20))
    assert balance.approved == Decimal("1.2")
    assert fmt_jp("id", balance.approved) == "1,2" and fmt_jp("en", balance.approved) == "1.2"
    assert balance.by_category == [(JpCategory.TEKNIS, Decimal(1)),
                                   (JpCategory.SEMINAR, Decimal("0.2"))]
    assert dict(balance.by_source) == {JpSource.IMPORT: Decimal(1),
                                       JpSource.SELF_REPORT: Decimal("0.2")}
    assert balance.pending_total == Decimal("0.3")
    assert balance.remaining == Decimal("18.8")
    assert balance.expected == Decimal("18.2")  # day 332 of 365
    assert balance.behind_by == Decimal("17.0")


async def test_history_and_an_april_year_split_at_the_boundary(db: Database) -> None:
    async with db.writing() as s:
        employee = await make_employee(s)
        for _ in range(10):
            await make_record(s, employee, "0.1", date(2026, 3, 31))  # ends April 2025 year
        await make_record(s, employee, "0.05", date(2026, 3, 31), status=JpStatus.PENDING)
        for _ in range(3):
            await make_record(s, employee, "0.01", date(2026, 4, 1))  # starts April 2026 year
        await make_record(s, employee, "2.5", date(2025, 4, 1))
        await make_record(s, employee, "1.25", date(2025, 3, 31))  # the April 2024 year
        employee_id = employee.id

    async with db.writing() as s:
        balance = await get_balance(s, employee_id, date(2027, 3, 15), Decimal(20), 4)
        history = await get_history(s, employee_id, date(2027, 3, 15), 4)
    assert (balance.period.start, balance.period.end) == (date(2026, 4, 1), date(2027, 3, 31))
    assert balance.approved == Decimal("0.03")
    assert [(y.period.label, y.approved, y.pending, len(y.records)) for y in history] == [
        (2025, Decimal("3.5"), Decimal("0.05"), 12),
        (2024, Decimal("1.25"), Decimal(0), 1),
    ]
