"""A supervisor's team: their direct reports, or the whole subtree below them.

The tree comes from `employee.supervisor_id` (the roster's nip_atasan) and is walked
with one recursive query; the figures are set-based, one aggregate over the ledger for
the team, never a query per member. Standing follows the balance (bot/services/ledger):
met (approved >= target), behind (approved < the pro-rated expectation of today), else
on track; the target and the expectation per employee type come from the same
`ReportYear` as /rekap.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import Integer, and_, case, func, literal, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.services.compliance.summary import ReportYear, Targets, report_year
from bot.services.ledger.balance import Standing
from bot.services.ledger.period import period_for
from models import Employee, Enrollment, JpRecord, Program
from models.enums import EmployeeType, EnrollmentStatus, JpStatus

ZERO = Decimal(0)
PAGE_SIZE = 8
PROGRAM_TITLES = 2
# Loops are refused by the roster import; the bound only makes sure a walk ends.
MAX_DEPTH = 32


class Reach(StrEnum):
    DIRECT = "d"  # direct reports only
    ALL = "a"  # the whole subtree


@dataclass(frozen=True, slots=True)
class Member:
    employee_id: int
    name: str
    position: str | None
    depth: int  # 1: a direct report
    approved: Decimal
    target: Decimal
    expected: Decimal
    pending: int  # pending claims (records awaiting verification) this JP year
    enrolled: int  # programs they hold a seat in
    programs: tuple[str, ...] = ()  # their titles, soonest first (at most PROGRAM_TITLES)

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


@dataclass(frozen=True, slots=True)
class TeamSummary:
    members: int
    met: int
    on_track: int
    behind: int
    behind_jp: Decimal  # the gaps of those behind, added up


@dataclass(frozen=True, slots=True)
class TeamPage:
    reach: Reach
    summary: TeamSummary
    members: list[Member]
    page: int
    pages: int


def team_year(today: date, targets: Targets) -> ReportYear:
    """The JP year of `today`, with its expectations (the same as /rekap's)."""
    return report_year(period_for(today, targets.year_start_month).label, today, targets)


def _tree(root_id: int, reach: Reach) -> Any:
    """(id, depth) of everyone below `root_id`: one level, or every level."""
    top = select(Employee.id.label("id"), literal(1).label("depth")).where(
        Employee.supervisor_id == root_id
    )
    if reach == Reach.DIRECT:
        return top.subquery("team")
    tree = top.cte("team", recursive=True)
    below = aliased(Employee)
    return tree.union_all(
        select(below.id, tree.c.depth + 1)
        .where(below.supervisor_id == tree.c.id, tree.c.depth < MAX_DEPTH)
    )


def _figures(tree: Any, year: ReportYear, targets: Targets) -> tuple[Any, Any, Any, Any]:
    """The team's records this year (approved total, pending count per member) and the
    member's target and expectation, as SQL expressions."""
    period = year.period
    ledger = (
        select(
            JpRecord.employee_id,
            func.sum(case((JpRecord.status == JpStatus.APPROVED, JpRecord.jp), else_=0)).label("total"),
            func.sum(case((JpRecord.status == JpStatus.PENDING, 1), else_=0)).cast(Integer).label("pending"),
        )
        .join(tree, tree.c.id == JpRecord.employee_id)
        .where(JpRecord.end_date >= period.start, JpRecord.end_date <= period.end)
        .group_by(JpRecord.employee_id)
        .subquery("ledger")
    )
    is_pppk = Employee.employee_type == EmployeeType.PPPK
    target = case((is_pppk, literal(targets.pppk)), else_=literal(targets.pns))
    expected = case((is_pppk, literal(year.expected_pppk)), else_=literal(year.expected_pns))
    return ledger, func.coalesce(ledger.c.total, 0), target, expected


async def is_supervisor(session: AsyncSession, employee_id: int) -> bool:
    """Whether anyone in service reports to the employee now."""
    if session.get_bind().dialect.name == "sqlite":
        # Asked on every /saldo and menu. Where the roster has no nip_atasan, SQLite's
        # statistics (after an ANALYZE) see an all-NULL index and pick a scan of the
        # roster (7 ms at 100,000 employees) over a lookup that finds nothing at once;
        # SQLAlchemy renders no table hint for SQLite, hence the text.
        found = await session.scalar(_IS_SUPERVISOR_SQLITE, {"employee_id": employee_id})
    else:
        found = await session.scalar(
            select(Employee.id)
            .where(Employee.supervisor_id == employee_id, Employee.is_active.is_(True))
            .limit(1)
        )
    return found is not None


_IS_SUPERVISOR_SQLITE = text(
    "SELECT id FROM employee INDEXED BY ix_employee_supervisor_id "
    "WHERE supervisor_id = :employee_id AND is_active = 1 LIMIT 1"
)


async def in_subtree(session: AsyncSession, supervisor_id: int, employee_id: int) -> bool:
    """Whether `employee_id` is somewhere below `supervisor_id` (walked upwards: a few
    primary-key steps)."""
    chain = select(Employee.supervisor_id.label("up"), literal(1).label("depth")).where(
        Employee.id == employee_id
    ).cte("chain", recursive=True)
    above = aliased(Employee)
    chain = chain.union_all(
        select(above.supervisor_id, chain.c.depth + 1)
        .where(above.id == chain.c.up, chain.c.depth < MAX_DEPTH)
    )
    found = await session.scalar(select(chain.c.up).where(chain.c.up == supervisor_id).limit(1))
    return found is not None and employee_id != supervisor_id


async def team_summary(session: AsyncSession, supervisor_id: int, reach: Reach, today: date,
                       targets: Targets) -> TeamSummary:
    """How the team stands: one aggregate over the subtree and its records."""
    year = team_year(today, targets)
    tree = _tree(supervisor_id, reach)
    ledger, total, target, expected = _figures(tree, year, targets)
    behind = total < expected
    row = (
        await session.execute(
            select(
                func.count(Employee.id),
                func.sum(case((total >= target, 1), else_=0)).cast(Integer),
                func.sum(case((behind, 1), else_=0)).cast(Integer),
                func.sum(case((behind, expected - total), else_=0)),
            )
            .select_from(tree)
            .join(Employee, Employee.id == tree.c.id)
            .outerjoin(ledger, ledger.c.employee_id == Employee.id)
            .where(Employee.is_active.is_(True))
        )
    ).one()
    count, met, behind_count, gap = row
    met, behind_count = met or 0, behind_count or 0
    return TeamSummary(count, met, count - met - behind_count, behind_count,
                       Decimal(str(gap or 0)).quantize(Decimal("0.01")))


async def team_page(session: AsyncSession, supervisor_id: int, reach: Reach, page: int,
                    today: date, targets: Targets, *, size: int = PAGE_SIZE) -> TeamPage:
    """One page of the team, furthest behind first (then by name), with the summary."""
    summary = await team_summary(session, supervisor_id, reach, today, targets)
    pages = max(1, -(-summary.members // size))
    page = min(max(page, 0), pages - 1)
    year = team_year(today, targets)
    tree = _tree(supervisor_id, reach)
    ledger, total, target, expected = _figures(tree, year, targets)
    rows = (
        await session.execute(
            select(Employee.id, Employee.name, Employee.position, tree.c.depth, total,
                   Employee.employee_type, func.coalesce(ledger.c.pending, 0))
            .select_from(tree)
            .join(Employee, Employee.id == tree.c.id)
            .outerjoin(ledger, ledger.c.employee_id == Employee.id)
            .where(Employee.is_active.is_(True))
            .order_by((expected - total).desc(), Employee.name, Employee.id)
            .limit(size)
            .offset(page * size)
        )
    ).all()
    ids = [r[0] for r in rows]
    enrolled: dict[int, list[str]] = {}
    if ids:
        found = await session.execute(
            select(Enrollment.employee_id, Program.title)
            .join(Program, Program.id == Enrollment.program_id)
            .where(Enrollment.employee_id.in_(ids), Enrollment.status == EnrollmentStatus.ENROLLED)
            .order_by(Program.starts_at, Program.id)
        )
        for employee_id, title in found:
            enrolled.setdefault(employee_id, []).append(title)
    members = []
    for employee_id, name, position, depth, approved, kind, pending in rows:
        pppk = kind == EmployeeType.PPPK
        members.append(Member(
            employee_id, name, position, depth,
            Decimal(str(approved)).quantize(Decimal("0.01")),
            targets.pppk if pppk else targets.pns,
            year.expected_pppk if pppk else year.expected_pns,
            pending, len(enrolled.get(employee_id, [])),
            tuple(enrolled.get(employee_id, [])[:PROGRAM_TITLES]),
        ))
    return TeamPage(reach, summary, members, page, pages)
