"""Verifying reported training (/verifikasi): the queue of an admin's scope, and the
decision (approve, approve with other JP, reject) written exactly once.

Exactly once: the decision flips the ledger record with
`UPDATE jp_record SET status=… WHERE id=… AND status='pending'`. Of two admins pressing
at the same moment one update finds the row pending (rowcount 1: that admin decided);
the other finds it decided (rowcount 0) and writes nothing. SQLite serialises write
transactions; PostgreSQL makes the second UPDATE wait for the first to commit and then
re-checks the WHERE clause. Rights and scope are read again inside that transaction.

Nobody verifies their own report. "Own" means the claim of any employee the admin is,
was or is linked to: the employees behind the admin's roles (bot/services/identity/
roles.py), the one the account is linked to, and every one it was ever linked to
(`account_link`). So unlinking, re-linking or using a second account changes nothing.
Such claims never show in the admin's queue, and the decision refuses them (OWN_CLAIM)
inside its transaction; another admin (of that OPD, or a superadmin) decides them. An
admin not known as any employee (a role given to an account that never linked) decides
no claims at all: nobody could tell which are their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, func, select, true, union, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import audit
from bot.services.identity.roles import AdminScope, Denial, NotAllowed, require_admin
from bot.services.claims.reporting import SameEvidence, claims_with_same_evidence, steps_from_json
from bot.services.outbox.queue import Notice, notify_employee
from models import AccountLink, AdminRole, Employee, JpClaim, JpRecord, Opd, TelegramAccount
from models.enums import ClaimDecision, JpStatus

REASON_MAX = 300


class Outcome(StrEnum):
    DONE = "done"
    ALREADY_DECIDED = "already_decided"
    NOT_ALLOWED = "not_allowed"
    NOT_FOUND = "not_found"
    OWN_CLAIM = "own_claim"  # the admin's own report: another admin must decide it


@dataclass(frozen=True, slots=True)
class DuplicateLine:
    title: str
    start: date
    end: date
    status: str
    jp: Decimal


@dataclass(frozen=True, slots=True)
class ClaimCard:
    """What the verifier sees of one pending claim."""

    claim_id: int
    employee_name: str
    nip: str
    opd_name: str
    unit_name: str | None
    title: str
    category: str
    organiser: str | None
    start: date
    end: date
    international: bool
    unit: str
    quantity: Decimal
    proposed_jp: Decimal
    working: list[tuple[str, dict[str, str]]]
    duplicate: DuplicateLine | None
    same_evidence: list[SameEvidence]  # other claims (not rejected) with the same file
    evidence_kind: str
    evidence_file_id: str
    submitted_at: datetime
    waiting: int  # pending claims in the admin's scope, this one included


def _in_scope(scope: AdminScope) -> ColumnElement[bool]:
    return true() if scope.opd_id is None else Employee.opd_id == scope.opd_id


async def own_employee_ids(session: AsyncSession, telegram_user_id: int) -> set[int]:
    """Every employee whose claims the admin must not decide (see the module's docstring)."""
    statement = union(
        select(AdminRole.employee_id).where(AdminRole.telegram_user_id == telegram_user_id,
                                            AdminRole.employee_id.is_not(None)),
        select(AccountLink.employee_id).where(AccountLink.telegram_user_id == telegram_user_id),
        select(TelegramAccount.employee_id).where(
            TelegramAccount.telegram_user_id == telegram_user_id,
            TelegramAccount.employee_id.is_not(None)),
    )
    return {int(e) for e in (await session.scalars(statement)).all()}


async def _decider(session: AsyncSession, telegram_user_id: int) -> tuple[AdminScope, set[int]]:
    """The admin's scope and own employees; NotAllowed for someone not an admin, or an
    admin not known as any employee."""
    scope = await require_admin(session, telegram_user_id)
    own = await own_employee_ids(session, telegram_user_id)
    if not own:
        raise NotAllowed(Denial.NOT_IDENTIFIED)
    return scope, own


def _reviewable(scope: AdminScope, own: set[int]) -> list[ColumnElement[bool]]:
    """Undecided claims of the scope, the admin's own left out."""
    return [JpClaim.decision.is_(None), JpRecord.status == JpStatus.PENDING, _in_scope(scope),
            JpRecord.employee_id.not_in(own)]


def _pending_claims(scope: AdminScope, own: set[int]) -> Any:
    return (
        select(JpClaim, JpRecord, Employee, Opd.name)
        .join(JpRecord, JpRecord.id == JpClaim.jp_record_id)
        .join(Employee, Employee.id == JpRecord.employee_id)
        .join(Opd, Opd.id == Employee.opd_id)
        .where(*_reviewable(scope, own))
    )


async def next_claim(session: AsyncSession, admin_id: int, after_id: int = 0) -> ClaimCard | None:
    """The oldest pending claim after `after_id` (0: from the start) that the admin
    (Telegram user `admin_id`) may decide: of their scope, never their own, starting over
    at the oldest when there is none after it. NotAllowed for someone not an admin (or
    not known as any employee)."""
    scope, own = await _decider(session, admin_id)
    card = await _next_claim(session, scope, own, after_id)
    if card is None and after_id:
        card = await _next_claim(session, scope, own, 0)
    return card


async def _next_claim(
    session: AsyncSession, scope: AdminScope, own: set[int], after_id: int
) -> ClaimCard | None:
    row = (
        await session.execute(
            _pending_claims(scope, own).where(JpClaim.id > after_id).order_by(JpClaim.id).limit(1)
        )
    ).first()
    return await _card(session, scope, own, row) if row is not None else None


async def pending_claim(session: AsyncSession, admin_id: int, claim_id: int) -> ClaimCard | None:
    """One pending claim, if it is in the admin's scope and not their own (None: gone or
    not theirs to see). NotAllowed for someone not an admin (or not known as any employee)."""
    scope, own = await _decider(session, admin_id)
    row = (await session.execute(_pending_claims(scope, own).where(JpClaim.id == claim_id))).first()
    return await _card(session, scope, own, row) if row is not None else None


async def _card(session: AsyncSession, scope: AdminScope, own: set[int], row: Any) -> ClaimCard:
    claim, record, employee, opd_name = row
    waiting = await session.scalar(
        select(func.count())
        .select_from(JpClaim)
        .join(JpRecord, JpRecord.id == JpClaim.jp_record_id)
        .join(Employee, Employee.id == JpRecord.employee_id)
        .where(*_reviewable(scope, own))
    )
    duplicate = None
    if claim.duplicate_of_id is not None:
        other = await session.get(JpRecord, claim.duplicate_of_id)
        if other is not None:
            duplicate = DuplicateLine(
                other.title, other.start_date, other.end_date, other.status, other.jp
            )
    return ClaimCard(
        claim.id, employee.name, employee.nip, opd_name, employee.unit, record.title,
        record.category, record.organiser, record.start_date, record.end_date,
        claim.international, claim.unit, claim.quantity, claim.proposed_jp,
        steps_from_json(claim.working), duplicate,
        await claims_with_same_evidence(session, claim.id, record.employee_id,
                                        claim.evidence_unique_id),
        claim.evidence_kind, claim.evidence_file_id,
        claim.submitted_at, int(waiting or 0),
    )


@dataclass(frozen=True, slots=True)
class Decided:
    outcome: Outcome
    decision: str | None = None  # what was decided (by this admin, or earlier by another)
    jp: Decimal | None = None
    title: str | None = None


async def approve(
    session: AsyncSession, claim_id: int, telegram_user_id: int, now: datetime,
    jp: Decimal | None = None,
) -> Decided:
    """Approve at the proposed JP, or at `jp` when the verifier adjusted it."""
    return await _decide(session, claim_id, telegram_user_id, now, jp=jp, reason=None)


async def reject(
    session: AsyncSession, claim_id: int, telegram_user_id: int, now: datetime, reason: str
) -> Decided:
    return await _decide(session, claim_id, telegram_user_id, now, jp=None, reason=reason)


async def _decide(
    session: AsyncSession, claim_id: int, telegram_user_id: int, now: datetime,
    *, jp: Decimal | None, reason: str | None,
) -> Decided:
    """In the caller's write transaction: the rights, then the decision exactly once."""
    try:
        scope, own = await _decider(session, telegram_user_id)
    except NotAllowed as refused:
        if refused.denial == Denial.NOT_IDENTIFIED:
            raise
        return Decided(Outcome.NOT_ALLOWED)
    row = (
        await session.execute(
            select(JpClaim.jp_record_id, JpClaim.proposed_jp, JpRecord.employee_id,
                   JpRecord.title, Employee.opd_id)
            .join(JpRecord, JpRecord.id == JpClaim.jp_record_id)
            .join(Employee, Employee.id == JpRecord.employee_id)
            .where(JpClaim.id == claim_id)
        )
    ).first()
    if row is None:
        return Decided(Outcome.NOT_FOUND)
    record_id, proposed, employee_id, title, opd_id = row
    if scope.opd_id is not None and scope.opd_id != opd_id:
        return Decided(Outcome.NOT_ALLOWED)
    if employee_id in own:
        return Decided(Outcome.OWN_CLAIM, title=title)
    if reason is not None:
        decision, status, final = ClaimDecision.REJECTED, JpStatus.REJECTED, proposed
    elif jp is not None and jp != proposed:
        decision, status, final = ClaimDecision.ADJUSTED, JpStatus.APPROVED, jp
    else:
        decision, status, final = ClaimDecision.APPROVED, JpStatus.APPROVED, proposed
    flipped = await session.execute(
        update(JpRecord)
        .where(JpRecord.id == record_id, JpRecord.status == JpStatus.PENDING)
        .values(status=status, jp=final)
        .execution_options(synchronize_session=False)
    )
    if flipped.rowcount != 1:  # type: ignore[attr-defined]
        earlier = await session.scalar(select(JpClaim.decision).where(JpClaim.id == claim_id))
        return Decided(Outcome.ALREADY_DECIDED, earlier, title=title)
    actor = audit.telegram_actor(telegram_user_id)
    await session.execute(
        update(JpClaim)
        .where(JpClaim.id == claim_id)
        .values(reviewed_by=actor, reviewed_at=now, decision=decision, reject_reason=reason)
        .execution_options(synchronize_session=False)
    )
    details: dict[str, Any] = {"decision": str(decision), "proposed_jp": str(proposed)}
    if status == JpStatus.APPROVED:
        details["jp"] = str(final)
    await audit.record(session, actor, f"claim.{decision}", now, f"claim:{claim_id}", **details)
    await _tell_employee(session, claim_id, employee_id, title, decision, final, reason, now)
    return Decided(Outcome.DONE, decision, final, title)


async def _tell_employee(
    session: AsyncSession, claim_id: int, employee_id: int, title: str, decision: str,
    jp: Decimal, reason: str | None, now: datetime,
) -> None:
    if decision == ClaimDecision.REJECTED:
        kind, payload = Notice.CLAIM_REJECTED, {"claim_id": claim_id, "title": title,
                                                 "reason": reason or ""}
    else:
        kind, payload = Notice.CLAIM_APPROVED, {
            "claim_id": claim_id, "title": title, "jp": str(jp),
            "adjusted": decision == ClaimDecision.ADJUSTED,
        }
    await notify_employee(session, employee_id, kind, payload, f"claim:{claim_id}", now)
