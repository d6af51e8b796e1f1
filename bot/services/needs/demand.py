"""The demand across OPDs: per competency, how many employees asked for it, from how
many OPDs, how many of them are behind the pro-rated target, and the preferred forms;
its coverage by published upcoming programs; and one row per need for the workbook.

Needs are counted for the OPD (and unit) the employee was in when they declared them.
Set-based: one GROUP BY for the summary, never a query per employee."""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Integer, and_, case, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.compliance.summary import ReportYear, Targets
from bot.services.identity.roles import AdminScope, require_admin
from models import Competency, Employee, JpRecord, LearningNeed, Opd, Program, ProgramCompetency
from models.enums import EmployeeType, JpStatus, LearningForm, ProgramStatus

FORMS = [f.value for f in LearningForm]


@dataclass(frozen=True, slots=True)
class DemandLine:
    competency_id: int
    code: str
    name: str
    kind: str
    retired: bool
    employees: int
    opds: int
    behind: int
    forms: dict[str, int] = field(default_factory=dict)  # form -> employees; "" = no preference
    candidate: bool = False
    # For an OPD's own report: unit kerja -> employees who asked ("" = no unit recorded).
    units: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Demand:
    year: int
    lines: list[DemandLine]
    min_opds: int  # the threshold for a mass-program candidate
    opds_total: int


@dataclass(frozen=True, slots=True)
class Supply:
    competency_id: int
    code: str
    name: str
    employees: int
    programs: list[tuple[str, str, int]]  # (code, title, free seats)

    @property
    def seats(self) -> int:
        return sum(free for _, _, free in self.programs)


@dataclass(slots=True)
class NeedRow:
    nip: str
    name: str
    opd: str
    unit: str | None
    code: str
    competency: str
    kind: str
    retired: bool
    priority: int
    form: str | None
    reason: str | None
    total_jp: float
    behind: bool


async def demand_scope(session: AsyncSession, caller: int) -> AdminScope:
    """Any admin: a superadmin sees every OPD, an OPD admin the needs declared in theirs."""
    return await require_admin(session, caller)


def _behind(year: ReportYear, targets: Targets):  # type: ignore[no-untyped-def]
    """Per employee: 1 when their approved JP of the year are below the pro-rated target."""
    totals = (
        select(JpRecord.employee_id, func.sum(JpRecord.jp).label("total"))
        .where(JpRecord.status == JpStatus.APPROVED, JpRecord.end_date >= year.period.start,
               JpRecord.end_date <= year.period.end)
        .group_by(JpRecord.employee_id).subquery()
    )
    expected = case((Employee.employee_type == EmployeeType.PPPK, literal(year.expected_pppk)),
                    else_=literal(year.expected_pns))
    return totals, func.coalesce(totals.c.total, 0), expected


async def demand(
    session: AsyncSession, year: ReportYear, targets: Targets, *, opd_id: int | None = None,
    min_opds: int = 0,
) -> Demand:
    """Competencies asked for in the year, most asked first. `min_opds` 0: a third of the
    OPDs (rounded up) makes a competency a mass-program candidate."""
    label = year.period.label
    totals, total, expected = _behind(year, targets)
    statement = (
        select(
            LearningNeed.competency_id,
            func.count(LearningNeed.id),
            func.count(func.distinct(LearningNeed.opd_id)),
            func.sum(case((total < expected, 1), else_=0)).cast(Integer),
        )
        .join(Employee, Employee.id == LearningNeed.employee_id)
        .outerjoin(totals, totals.c.employee_id == LearningNeed.employee_id)
        .where(LearningNeed.year == label)
        .group_by(LearningNeed.competency_id)
    )
    forms_statement = (
        select(LearningNeed.competency_id, LearningNeed.form, func.count())
        .where(LearningNeed.year == label)
        .group_by(LearningNeed.competency_id, LearningNeed.form)
    )
    if opd_id is not None:
        statement = statement.where(LearningNeed.opd_id == opd_id)
        forms_statement = forms_statement.where(LearningNeed.opd_id == opd_id)
    counts = (await session.execute(statement)).all()
    forms: dict[int, dict[str, int]] = {}
    for competency_id, form, count in (await session.execute(forms_statement)).all():
        forms.setdefault(competency_id, {})[form or ""] = count
    units: dict[int, dict[str, int]] = {}
    if opd_id is not None:  # an OPD admin sees their OPD by unit
        by_unit = (
            select(LearningNeed.competency_id, LearningNeed.unit, func.count())
            .where(LearningNeed.year == label, LearningNeed.opd_id == opd_id)
            .group_by(LearningNeed.competency_id, LearningNeed.unit)
        )
        for competency_id, unit, count in (await session.execute(by_unit)).all():
            units.setdefault(competency_id, {})[unit or ""] = count
    competencies = {c.id: c for c in (await session.scalars(
        select(Competency).where(Competency.id.in_([row[0] for row in counts])))).all()} if counts else {}
    opds_total = await session.scalar(select(func.count()).select_from(Opd)) or 0
    threshold = min_opds or max(1, math.ceil(opds_total / 3))
    lines = []
    for competency_id, employees, opds, behind in counts:
        c = competencies[competency_id]
        lines.append(DemandLine(competency_id, c.code, c.name, c.kind, c.retired_at is not None,
                                employees, opds, behind or 0, forms.get(competency_id, {}),
                                opd_id is None and opds >= threshold, units.get(competency_id, {})))
    lines.sort(key=lambda d: (-d.employees, -d.opds, d.name))
    return Demand(label, lines, threshold, opds_total)


async def coverage(session: AsyncSession, found: Demand, now: datetime) -> list[Supply]:
    """For each competency in demand, the published programs not started yet that carry
    it, with their free seats (none: supply is missing)."""
    ids = [line.competency_id for line in found.lines]
    programs: dict[int, list[tuple[str, str, int]]] = {}
    if ids:
        rows = (await session.execute(
            select(ProgramCompetency.competency_id, Program.code, Program.title,
                   Program.quota - Program.seats_taken)
            .join(Program, Program.id == ProgramCompetency.program_id)
            .where(ProgramCompetency.competency_id.in_(ids), Program.status == ProgramStatus.PUBLISHED,
                   Program.starts_at > now)
            .order_by(Program.starts_at, Program.code))).all()
        for competency_id, code, title, free in rows:
            programs.setdefault(competency_id, []).append((code, title, max(0, free)))
    return [Supply(line.competency_id, line.code, line.name, line.employees,
                   programs.get(line.competency_id, [])) for line in found.lines]


async def need_rows(
    session: AsyncSession, year: ReportYear, targets: Targets, *, opd_id: int | None = None
) -> AsyncIterator[NeedRow]:
    """One row per need of the year, by OPD, employee and priority (streamed)."""
    totals, total, expected = _behind(year, targets)
    statement = (
        select(Employee.nip, Employee.name, Opd.name, LearningNeed.unit, Competency.code, Competency.name,
               Competency.kind, Competency.retired_at, LearningNeed.priority, LearningNeed.form,
               LearningNeed.reason, total, and_(total < expected))
        .join(Employee, Employee.id == LearningNeed.employee_id)
        .join(Opd, Opd.id == LearningNeed.opd_id)
        .join(Competency, Competency.id == LearningNeed.competency_id)
        .outerjoin(totals, totals.c.employee_id == LearningNeed.employee_id)
        .where(LearningNeed.year == year.period.label)
        .order_by(Opd.name, Employee.name, Employee.id, LearningNeed.priority)
    )
    if opd_id is not None:
        statement = statement.where(LearningNeed.opd_id == opd_id)
    connection = await session.connection()
    result = await connection.stream(statement.execution_options(yield_per=2000))
    async for (nip, name, opd, unit, code, competency, kind, retired, priority, form, reason,
               jp, behind) in result:
        yield NeedRow(nip, name, opd, unit, code, competency, kind, retired is not None, priority, form,
                      reason, round(float(Decimal(str(jp))), 2), bool(behind))
