"""An employee's learning needs for the current JP year: at most three competencies,
in priority order, each with an optional preferred form and a short reason.

Every change is refused with a reason (`NeedRefused`) and stores nothing when the
window is closed, the competency is unknown or retired, or three are already declared.
Changes of one employee are serialised on their employee row (a double press or two
replicas cannot end with four needs or two priorities alike)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.needs.window import Window, WindowRule, current_window
from models import Competency, Employee, LearningNeed

MAX_NEEDS = 3
REASON_MAX = 200


class Refusal(StrEnum):
    CLOSED = "closed"
    UNKNOWN = "unknown"  # no such competency (a forged or very old button)
    RETIRED = "retired"
    TOO_MANY = "too_many"
    NOT_DECLARED = "not_declared"  # changing a need that is no longer there


class NeedRefused(Exception):
    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.value)
        self.refusal = refusal


@dataclass(frozen=True, slots=True)
class NeedLine:
    competency_id: int
    code: str
    name: str
    kind: str
    priority: int
    form: str | None
    reason: str | None
    retired: bool


@dataclass(frozen=True, slots=True)
class MyNeeds:
    window: Window
    is_open: bool
    lines: list[NeedLine]

    @property
    def full(self) -> bool:
        return len(self.lines) >= MAX_NEEDS


async def needs_of(session: AsyncSession, employee_id: int, year: int) -> list[NeedLine]:
    rows = (await session.execute(
        select(LearningNeed, Competency)
        .join(Competency, Competency.id == LearningNeed.competency_id)
        .where(LearningNeed.employee_id == employee_id, LearningNeed.year == year)
        .order_by(LearningNeed.priority, LearningNeed.id))).all()
    return [NeedLine(c.id, c.code, c.name, c.kind, n.priority, n.form, n.reason, c.retired_at is not None)
            for n, c in rows]


async def my_needs(session: AsyncSession, employee_id: int, today: date, rule: WindowRule) -> MyNeeds:
    window = await current_window(session, today, rule)
    return MyNeeds(window, window.is_open(today), await needs_of(session, employee_id, window.year))


async def check_choice(session: AsyncSession, employee_id: int, competency_id: int, today: date,
                       rule: WindowRule) -> Competency:
    """The competency the employee may add (or already has); NeedRefused otherwise."""
    window = await current_window(session, today, rule)
    if not window.is_open(today):
        raise NeedRefused(Refusal.CLOSED)
    found = await session.get(Competency, competency_id)
    if found is None:
        raise NeedRefused(Refusal.UNKNOWN)
    existing = await needs_of(session, employee_id, window.year)
    if any(line.competency_id == competency_id for line in existing):
        return found
    if found.retired_at is not None:
        raise NeedRefused(Refusal.RETIRED)
    if len(existing) >= MAX_NEEDS:
        raise NeedRefused(Refusal.TOO_MANY)
    return found


async def _open_year(session: AsyncSession, employee_id: int, today: date, rule: WindowRule) -> tuple[Window, Employee]:
    window = await current_window(session, today, rule)
    if not window.is_open(today):
        raise NeedRefused(Refusal.CLOSED)
    employee = await session.scalar(select(Employee).where(Employee.id == employee_id).with_for_update())
    assert employee is not None
    return window, employee


async def declare(session: AsyncSession, employee_id: int, competency_id: int, form: str | None,
                  today: date, now: datetime, rule: WindowRule) -> NeedLine:
    """Add a need (last in priority) or, when it is already declared, change its form."""
    window, employee = await _open_year(session, employee_id, today, rule)
    found = await check_choice(session, employee_id, competency_id, today, rule)
    need = await session.scalar(select(LearningNeed).where(
        LearningNeed.employee_id == employee_id, LearningNeed.year == window.year,
        LearningNeed.competency_id == competency_id))
    if need is None:
        count = len(await needs_of(session, employee_id, window.year))
        need = LearningNeed(employee_id=employee_id, year=window.year, competency_id=found.id,
                            priority=count + 1, form=form, opd_id=employee.opd_id, unit=employee.unit,
                            created_at=now, updated_at=now)
        session.add(need)
    else:
        need.form, need.updated_at = form, now
    await session.flush()
    return next(line for line in await needs_of(session, employee_id, window.year)
                if line.competency_id == competency_id)


async def _need(session: AsyncSession, employee_id: int, year: int, competency_id: int) -> LearningNeed:
    need = await session.scalar(select(LearningNeed).where(
        LearningNeed.employee_id == employee_id, LearningNeed.year == year,
        LearningNeed.competency_id == competency_id))
    if need is None:
        raise NeedRefused(Refusal.NOT_DECLARED)
    return need


async def set_reason(session: AsyncSession, employee_id: int, competency_id: int, reason: str | None,
                     today: date, now: datetime, rule: WindowRule) -> None:
    window, _ = await _open_year(session, employee_id, today, rule)
    need = await _need(session, employee_id, window.year, competency_id)
    cleaned = " ".join((reason or "").split())[:REASON_MAX] or None
    need.reason, need.updated_at = cleaned, now
    await session.flush()


async def raise_priority(session: AsyncSession, employee_id: int, competency_id: int,
                         today: date, now: datetime, rule: WindowRule) -> None:
    """Swap the need with the one above it (the first stays first)."""
    window, _ = await _open_year(session, employee_id, today, rule)
    need = await _need(session, employee_id, window.year, competency_id)
    if need.priority <= 1:
        return
    above = await session.scalar(select(LearningNeed).where(
        LearningNeed.employee_id == employee_id, LearningNeed.year == window.year,
        LearningNeed.priority == need.priority - 1))
    if above is not None:
        above.priority, need.priority = need.priority, above.priority
        above.updated_at = now
    else:
        need.priority -= 1
    need.updated_at = now
    await session.flush()


async def withdraw(session: AsyncSession, employee_id: int, competency_id: int,
                   today: date, now: datetime, rule: WindowRule) -> None:
    """Remove a need; those below move up."""
    window, _ = await _open_year(session, employee_id, today, rule)
    need = await _need(session, employee_id, window.year, competency_id)
    priority = need.priority
    await session.delete(need)
    await session.flush()
    await session.execute(
        update(LearningNeed)
        .where(LearningNeed.employee_id == employee_id, LearningNeed.year == window.year,
               LearningNeed.priority > priority)
        .values(priority=LearningNeed.priority - 1, updated_at=now))
