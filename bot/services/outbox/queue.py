"""Notifications that must not be lost: queued in the outbox, inside the caller's transaction.

The one interface business logic uses to tell someone something later. The sender
(bot/sender.py) drains the outbox; whatever replaces it only has to read these rows.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from models import OutboxMessage, TelegramAccount
from models.enums import OutboxStatus


class Notice(StrEnum):
    SEAT_GRANTED = "seat_granted"
    PROGRAM_CANCELLED = "program_cancelled"
    JP_CREDITED = "jp_credited"
    # A role granted or revoked (an OPD admin, a head of OPD, from Telegram or the console;
    # a superadmin, from the console), or the menu changed otherwise (a roster import gave
    # someone a team or took it away, or suspended their OPD admin role): the message
    # carries the person's menu and command list as they are when it is sent.
    ROLE_GRANTED = "role_granted"
    ROLE_REVOKED = "role_revoked"
    MENU_CHANGED = "menu_changed"
    CLAIM_APPROVED = "claim_approved"  # a reported training verified (with the new balance)
    CLAIM_REJECTED = "claim_rejected"  # … or rejected, with the verifier's reason
    NEEDS_INVITE = "needs_invite"  # the planning window of learning needs opened
    NEEDS_REMINDER = "needs_reminder"  # two weeks before it closes, to those who did not answer
    NEEDS_PROGRAM = "needs_program"  # a program matching a declared need was published
    # Running a program end to end (issue 15): the evaluation, its one reminder, the PDF.
    EVALUATION_INVITE = "evaluation_invite"
    EVALUATION_REMINDER = "evaluation_reminder"
    CERTIFICATE_ISSUED = "certificate_issued"
    SUPERVISOR_NUDGE = "supervisor_nudge"  # Ingatkan: a supervisor to a team member behind
    MONTHLY_DIGEST = "monthly_digest"  # leaders' digest of their OPD (or the province)
    KEPALA_GRANTED = "kepala_granted"  # made head of an OPD (see ROLE_GRANTED)


async def notify_employee(
    session: AsyncSession,
    employee_id: int,
    kind: Notice,
    payload: dict[str, Any],
    dedupe_key: str,
    now: datetime,
    *,
    due_at: datetime | None = None,
) -> bool:
    """Queue `kind` for the employee's linked Telegram account; False when there is none
    (the employee sees the news in /kegiatanku) or the same key was queued before.
    `due_at`: not before then (a reminder); now by default."""
    chat_id = await session.scalar(
        select(TelegramAccount.telegram_user_id).where(TelegramAccount.employee_id == employee_id)
    )
    if chat_id is None:
        return False
    return await notify_chat(session, chat_id, employee_id, kind, payload, dedupe_key, now,
                             due_at=due_at)


async def notify_chat(
    session: AsyncSession,
    chat_id: int,
    employee_id: int | None,
    kind: Notice,
    payload: dict[str, Any],
    dedupe_key: str,
    now: datetime,
    *,
    due_at: datetime | None = None,
) -> bool:
    """Queue `kind` for a Telegram chat (an admin's account, which may not be linked to
    an employee yet); False when the same key was queued before."""
    values = {
        "dedupe_key": dedupe_key,
        "employee_id": employee_id,
        "chat_id": chat_id,
        "kind": str(kind),
        "payload": payload,
        "status": OutboxStatus.PENDING,
        "attempts": 0,
        "due_at": due_at or now,
        "created_at": now,
    }
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(OutboxMessage).values(values).on_conflict_do_nothing(
        index_elements=["dedupe_key"]
    )
    result = await session.execute(statement)
    return bool(result.rowcount)  # type: ignore[attr-defined]
