"""Where each OPD stands on the 20 JP right: set-based aggregates over the ledger.

One GROUP BY per report, never a query per employee. Only approved records count;
pending and rejected ones are left out. For a year that is over, "behind" means below
the target; for the current year, below the pro-rated expectation of today.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import Float, Integer, and_, case, func, literal, select, type_coerce
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.identity.roles import AdminScope, require_admin
from bot.services.ledger.period import JpPeriod, expected_by, period_starting
from models import Employee, JpRecord, Opd, TelegramAccount
from models.enums import EmployeeType, JpCategory, JpStatus

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Targets:
    pns: Decimal
    pppk: Decimal
    year_start_month: int = 1


@dataclass(frozen=True, slots=True)
class ReportYear:
    period: JpPeriod
    as_of: date  # today within the period, or its last day for a year that is over
    expected_pns: Decimal
    expected_pppk: Decimal

    @property
    def elapsed_share(self) -> Decimal:
        """How much of the year has passed: the share of the target expected by now."""
        days = (self.as_of - self.period.start).days + 1
        return Decimal(days) / Decimal(self.period.days)


@dataclass(frozen=True, slots=True)
class SummaryRow:
    key: int | str  # OPD id, or the unit's name in a per-unit report
    name: str
    code: str | None
    employees: int
    linked: int
    met: int
    average_jp: Decimal
    behind: int
    behind_jp: Decimal = ZERO  # the gaps to the pro-rated expectation of those behind, added up

    @property
    def met_share(self) -> Decimal:
        return Decimal(self.met) / Decimal(self.employees) if self.employees else ZERO


@dataclass(slots=True)
class EmployeeRow:
    nip: str
    name: str
    opd: str
    unit: str | None
    position: str | None
    employee_type: str
    # Report figures, rounded to the ledger's two decimals (floats: this is a
    # spreadsheet of 100,000 rows, not arithmetic on the ledger).
    total: float
    by_category: dict[str, float] = field(default_factory=dict)


async def report_scope(session: AsyncSession, caller: int) -> AdminScope:
    """Who may see the report: any admin; an OPD admin sees their OPD by unit, a
    superadmin every OPD. NotAllowed for everyone else."""
    return await require_admin(session, caller)


def report_year(year: int, today: date, targets: Targets) -> ReportYear:
    period = period_starting(year, targets.year_start_month)
    as_of = min(max(today, period.start), period.end)
    return ReportYear(
        period,
        as_of,
        expected_by(as_of, targets.pns, period),
        expected_by(as_of, targets.pppk, period),
    )


def _totals(period: JpPeriod, until: date | None = None,  # type: ignore[no-untyped-def]
            opd_id: int | None = None):
    statement = (
        select(JpRecord.employee_id, func.sum(JpRecord.jp).label("total"))
        .where(
            JpRecord.status == JpStatus.APPROVED,
            JpRecord.end_date >= period.start,
            JpRecord.end_date <= (period.end if until is None else min(until, period.end)),
        )
        .group_by(JpRecord.employee_id)
    )
    if opd_id is not None:
        # One OPD: its employees' records only (by index), not the province's.
        statement = statement.where(
            JpRecord.employee_id.in_(select(Employee.id).where(Employee.opd_id == opd_id))
        )
    return statement.subquery()


async def summary(
    session: AsyncSession,
    year: ReportYear,
    targets: Targets,
    *,
    opd_id: int | None = None,
    until: date | None = None,
) -> list[SummaryRow]:
    """One row per OPD (or, with `opd_id`, per unit of that OPD), sorted by name.
    `until`: count only records that ended by then (where things stood on that day, as
    the monthly digest compares with the month before)."""
    totals = _totals(year.period, until, opd_id)
    total = func.coalesce(totals.c.total, 0)
    is_pppk = Employee.employee_type == EmployeeType.PPPK
    target = case((is_pppk, literal(targets.pppk)), else_=literal(targets.pns))
    expected = case((is_pppk, literal(year.expected_pppk)), else_=literal(year.expected_pns))
    if opd_id is None:
        group_cols = [Opd.id, Opd.name, Opd.code]
    else:
        unit = func.coalesce(Employee.unit, literal("-"))
        group_cols = [unit, unit, literal(None)]
    statement = (
        select(
            *group_cols,
            func.count(Employee.id),
            func.count(TelegramAccount.id),
            func.sum(case((total >= target, 1), else_=0)).cast(Integer),
            func.avg(total),
            func.sum(case((total < expected, 1), else_=0)).cast(Integer),
            func.sum(case((total < expected, expected - total), else_=0)),
        )
        .select_from(Employee)
        .join(Opd, Opd.id == Employee.opd_id)
        .outerjoin(totals, totals.c.employee_id == Employee.id)
        .outerjoin(TelegramAccount, TelegramAccount.employee_id == Employee.id)
        .where(Employee.is_active.is_(True))
        .group_by(*group_cols[:2])
        .order_by(group_cols[1])
    )
    if opd_id is not None:
        statement = statement.where(Employee.opd_id == opd_id)
    rows = (await session.execute(statement)).all()
    return [
        SummaryRow(
            key, name, code, employees, linked, met or 0,
            Decimal(str(average or 0)).quantize(Decimal("0.1")), behind or 0,
            Decimal(str(gap or 0)).quantize(Decimal("0.01")),
        )
        for key, name, code, employees, linked, met, average, behind, gap in rows
    ]


async def employee_rows(
    session: AsyncSession, year: ReportYear, *, opd_id: int | None = None
) -> AsyncIterator[EmployeeRow]:
    """Every active employee with approved JP by category, streamed in OPD and name
    order. The pivot (one column per category) happens in SQL, so Python sees exactly
    one row per employee."""
    period = year.period
    record = and_(
        JpRecord.employee_id == Employee.id,
        JpRecord.status == JpStatus.APPROVED,
        JpRecord.end_date >= period.start,
        JpRecord.end_date <= period.end,
    )
    amount = type_coerce(JpRecord.jp, Float)
    pivot = [
        func.sum(case((JpRecord.category == category.value, amount))) for category in JpCategory
    ]
    statement = (
        select(
            Employee.nip, Employee.name, Opd.name, Employee.unit, Employee.position,
            Employee.employee_type, type_coerce(func.coalesce(func.sum(amount), 0), Float),
            *pivot,
        )
        .join(Opd, Opd.id == Employee.opd_id)
        .outerjoin(JpRecord, record)
        .where(Employee.is_active.is_(True))
        .group_by(Employee.id, Opd.name)
        .order_by(Opd.name, Employee.name, Employee.id)
    )
    if opd_id is not None:
        statement = statement.where(Employee.opd_id == opd_id)
    categories = [c.value for c in JpCategory]
    connection = await session.connection()
    result = await connection.stream(statement.execution_options(yield_per=2000))
    async for nip, name, opd, unit, position, kind, total, *amounts in result:
        by_category = {
            category: round(value, 2)
            for category, value in zip(categories, amounts, strict=True)
            if value is not None
        }
        yield EmployeeRow(nip, name, opd, unit, position, kind, round(total, 2), by_category)
