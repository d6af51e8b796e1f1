"""Ingatkan: a supervisor's polite nudge to a team member who is behind.

Queued through the outbox in the supervisor's transaction; the text (the supervisor's
name, the gap, up to three open programs the member may join) is read when it is sent,
so a member who caught up meanwhile is not nudged. At most one nudge per member every
`NUDGE_INTERVAL`, whoever sends it: the last one is read from the outbox, and the dedupe
key (member and ISO week) keeps two presses at the same moment to one row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.compliance.summary import Targets
from bot.services.ledger.balance import Standing, get_balance
from bot.services.outbox.queue import Notice, notify_employee
from bot.services.team.members import in_subtree
from models import Employee, OutboxMessage
from models.enums import EmployeeType

NUDGE_INTERVAL = timedelta(days=7)


class Nudged(StrEnum):
    QUEUED = "queued"
    NOT_IN_TEAM = "not_in_team"  # not below the presser (forged or stale button)
    NOT_BEHIND = "not_behind"  # met or on track: nothing to nudge about
    NOT_LINKED = "not_linked"  # no Telegram account to reach
    TOO_SOON = "too_soon"  # nudged less than a week ago (`last`)


@dataclass(frozen=True, slots=True)
class NudgeResult:
    outcome: Nudged
    name: str | None = None  # the member's name, for the supervisor's answer
    last: datetime | None = None


async def last_nudge(session: AsyncSession, employee_id: int) -> datetime | None:
    """When the member was last nudged by any supervisor."""
    return await session.scalar(
        select(func.max(OutboxMessage.created_at)).where(
            OutboxMessage.employee_id == employee_id, OutboxMessage.kind == Notice.SUPERVISOR_NUDGE
        )
    )


async def nudge(session: AsyncSession, supervisor_id: int, employee_id: int, now: datetime,
                today: date, targets: Targets) -> NudgeResult:
    """Queue a nudge from `supervisor_id` to `employee_id`, a member of their subtree who
    is behind (`today`: the business day, WITA); anything else is refused and nothing is
    written."""
    if not await in_subtree(session, supervisor_id, employee_id):
        return NudgeResult(Nudged.NOT_IN_TEAM)
    member = await session.get(Employee, employee_id)
    if member is None or not member.is_active:
        return NudgeResult(Nudged.NOT_IN_TEAM)
    target = targets.pppk if member.employee_type == EmployeeType.PPPK else targets.pns
    balance = await get_balance(session, employee_id, today, target, targets.year_start_month)
    if balance.standing != Standing.BEHIND:
        return NudgeResult(Nudged.NOT_BEHIND, member.name)
    last = await last_nudge(session, employee_id)
    if last is not None and now - last < NUDGE_INTERVAL:
        return NudgeResult(Nudged.TOO_SOON, member.name, last)
    year, week, _ = today.isocalendar()
    queued = await notify_employee(
        session, employee_id, Notice.SUPERVISOR_NUDGE, {"supervisor_id": supervisor_id},
        f"nudge:{employee_id}:{year}-W{week:02d}", now,
    )
    if not queued:
        # No account, or a nudge of this week queued a moment ago by another press.
        last = await last_nudge(session, employee_id)
        if last is not None:
            return NudgeResult(Nudged.TOO_SOON, member.name, last)
        return NudgeResult(Nudged.NOT_LINKED, member.name)
    return NudgeResult(Nudged.QUEUED, member.name)
