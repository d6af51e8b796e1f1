"""The JP balance of one employee: this year's standing, and the years before."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.ledger.period import JpPeriod, expected_by, period_for
from models import JpRecord
from models.enums import JpStatus

ZERO = Decimal(0)
LATEST_COUNT = 5


class Standing(StrEnum):
    MET = "met"
    ON_TRACK = "on_track"
    BEHIND = "behind"


@dataclass(frozen=True, slots=True)
class RecordLine:
    title: str
    category: str
    source: str
    status: str
    jp: Decimal
    end_date: date


@dataclass(frozen=True, slots=True)
class Balance:
    period: JpPeriod
    today: date
    target: Decimal
    approved: Decimal
    expected: Decimal
    by_category: list[tuple[str, Decimal]]
    by_source: list[tuple[str, Decimal]]
    pending: list[RecordLine]
    latest: list[RecordLine]

    @property
    def remaining(self) -> Decimal:
        return max(self.target - self.approved, ZERO)

    @property
    def pending_total(self) -> Decimal:
        return sum((r.jp for r in self.pending), ZERO)

    @property
    def standing(self) -> Standing:
        if self.approved >= self.target:
            return Standing.MET
        if self.approved < self.expected:
            return Standing.BEHIND
        return Standing.ON_TRACK

    @property
    def behind_by(self) -> Decimal:
        return max(self.expected - self.approved, ZERO)


@dataclass(slots=True)
class YearSummary:
    period: JpPeriod
    approved: Decimal = ZERO
    pending: Decimal = ZERO
    records: list[RecordLine] = field(default_factory=list)


_COLUMNS = (
    JpRecord.title,
    JpRecord.category,
    JpRecord.source,
    JpRecord.status,
    JpRecord.jp,
    JpRecord.end_date,
)

# Built once, with bind parameters: building a statement and computing its cache key on
# every call cost more than the indexed query itself (see bench/README.md). They run on
# the session's connection (Core): plain rows, no ORM layer in between.
_PERIOD_RECORDS = (
    select(*_COLUMNS)
    .where(
        JpRecord.employee_id == bindparam("employee_id"),
        JpRecord.end_date >= bindparam("start"),
        JpRecord.end_date <= bindparam("end"),
    )
    .order_by(JpRecord.end_date.desc(), JpRecord.id.desc())
)
_EARLIER_RECORDS = (
    select(*_COLUMNS)
    .where(
        JpRecord.employee_id == bindparam("employee_id"),
        JpRecord.end_date < bindparam("before"),
    )
    .order_by(JpRecord.end_date.desc(), JpRecord.id.desc())
)


def sum_jp(amounts: list[Decimal]) -> Decimal:
    """Exact Decimal sum; JP are never floats."""
    return sum(amounts, ZERO)


async def get_balance(
    session: AsyncSession,
    employee_id: int,
    today: date,
    target: Decimal,
    year_start_month: int = 1,
) -> Balance:
    """This period's balance, from one indexed query over the employee's records."""
    period = period_for(today, year_start_month)
    connection = await session.connection()
    rows = (
        await connection.execute(
            _PERIOD_RECORDS,
            {"employee_id": employee_id, "start": period.start, "end": period.end},
        )
    ).all()
    records = [RecordLine(*row) for row in rows]
    approved = [r for r in records if r.status == JpStatus.APPROVED]
    by_category: dict[str, Decimal] = defaultdict(Decimal)
    by_source: dict[str, Decimal] = defaultdict(Decimal)
    for r in approved:
        by_category[r.category] += r.jp
        by_source[r.source] += r.jp
    return Balance(
        period=period,
        today=today,
        target=target,
        approved=sum_jp([r.jp for r in approved]),
        expected=expected_by(today, target, period),
        by_category=sorted(by_category.items(), key=lambda kv: (-kv[1], kv[0])),
        by_source=sorted(by_source.items(), key=lambda kv: (-kv[1], kv[0])),
        pending=[r for r in records if r.status == JpStatus.PENDING],
        latest=approved[:LATEST_COUNT],
    )


async def get_history(
    session: AsyncSession, employee_id: int, today: date, year_start_month: int = 1
) -> list[YearSummary]:
    """Totals and records of every period before the current one, newest first."""
    current = period_for(today, year_start_month)
    connection = await session.connection()
    rows = (
        await connection.execute(
            _EARLIER_RECORDS, {"employee_id": employee_id, "before": current.start}
        )
    ).all()
    years: dict[int, YearSummary] = {}
    for row in rows:
        record = RecordLine(*row)
        period = period_for(record.end_date, year_start_month)
        summary = years.setdefault(period.label, YearSummary(period))
        summary.records.append(record)
        if record.status == JpStatus.APPROVED:
            summary.approved += record.jp
        elif record.status == JpStatus.PENDING:
            summary.pending += record.jp
    return [years[label] for label in sorted(years, reverse=True)]
