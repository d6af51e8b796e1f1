"""The JP year and the pro-rated target: how much should be done by a given day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True, slots=True)
class JpPeriod:
    """A JP year: [start, end] inclusive. `label` is the year it starts in."""

    start: date
    end: date

    @property
    def label(self) -> int:
        return self.start.year

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def period_for(day: date, start_month: int = 1) -> JpPeriod:
    """The JP year that contains `day` when years begin on the 1st of `start_month`."""
    year = day.year if day.month >= start_month else day.year - 1
    return period_starting(year, start_month)


def period_starting(year: int, start_month: int = 1) -> JpPeriod:
    start = date(year, start_month, 1)
    next_start = date(year + 1, start_month, 1)
    return JpPeriod(start, date.fromordinal(next_start.toordinal() - 1))


def expected_by(day: date, target: Decimal, period: JpPeriod) -> Decimal:
    """The target pro-rated to the end of `day`, rounded to 0.1 JP.

    Day 1 expects target/365 (or /366), the last day expects the whole target; a leap
    year spreads the target over 366 days. Rounding never takes it above the target,
    and the last day is exactly the target (a target of 20.25 would otherwise expect
    20.3 on the last day, then 20.25 the day after).
    """
    if day < period.start:
        return Decimal(0)
    if day >= period.end:
        return target
    elapsed = (day - period.start).days + 1
    share = target * Decimal(elapsed) / Decimal(period.days)
    return min(share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), target)
