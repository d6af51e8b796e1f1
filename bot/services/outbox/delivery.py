"""Claiming and settling outbox rows; the Telegram side lives in bot/jobs/outbox.py. These
functions commit on their own: the sender's claims and batched settlements (see there why).

A row is claimed (status `sending`, `lease_owner` = the sending process) in its own
committed transaction before it is sent, and settled after, in batches. The sender holds
a slot of its in-flight bound from the moment it hands a row to Telegram until that
row's settlement is committed, so the rows that can have reached Telegram without being
marked are at most the in-flight bound (SEND_MAX_IN_FLIGHT), and only those actually
handed over. When the owner dies its rows go back to pending (`reclaim_dead`): the ones
it had not handed over are simply sent (once), the ones on the wire may be sent twice.
Rows claimed before leases existed (no owner) still go back after `stale_after`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from models import OutboxMessage, OutboxSender, TelegramAccount
from models.db import Database
from models.enums import OutboxStatus

MAX_ATTEMPTS = 8


@dataclass(frozen=True, slots=True)
class Claimed:
    id: int
    chat_id: int
    kind: str
    payload: dict[str, Any]
    language: str
    attempts: int


async def claim_due(
    db: Database, now: datetime, limit: int, default_language: str, *, owner: str | None = None
) -> list[Claimed]:
    """Lease up to `limit` due rows to `owner` (None: an owner-less claim, as before leases).

    Core statements, not ORM objects: the sender claims a few hundred rows every quarter
    of a second at 1,000 messages/s, and loading and flushing them as objects held its
    event loop (and so the sending) for 20-40 ms each time."""
    table, accounts = OutboxMessage.__table__, TelegramAccount.__table__
    async with db.writing() as session:
        rows = (
            await session.execute(
                select(table.c.id, table.c.chat_id, table.c.kind, table.c.payload,
                       table.c.attempts, accounts.c.language)
                .select_from(table.outerjoin(
                    accounts, accounts.c.telegram_user_id == table.c.chat_id))
                .where(table.c.status == OutboxStatus.PENDING, table.c.due_at <= now)
                .order_by(table.c.due_at, table.c.id)
                .limit(limit)
                .with_for_update(skip_locked=True, of=table)
            )
        ).all()
        if not rows:
            return []
        await session.execute(
            update(table).where(table.c.id.in_([row.id for row in rows]))
            .values(status=OutboxStatus.SENDING, attempts=table.c.attempts + 1,
                    due_at=now,  # claim time, for reclaim_stale
                    lease_owner=owner)
        )
        return [
            Claimed(row.id, row.chat_id, row.kind, dict(row.payload),
                    row.language or default_language, row.attempts + 1)
            for row in rows
        ]


# ----------------------------------------------------------------- settlements


@dataclass(frozen=True, slots=True)
class Settlement:
    """What became of one claimed row. `kind`: sent | blocked | skipped | retry | postpone."""

    kind: str
    message: Claimed
    at: datetime
    error: str | None = None
    until: datetime | None = None  # postpone: due again then


def retry_values(attempts: int, now: datetime, error: str) -> dict[str, Any]:
    """Back to pending after an exponential back-off; failed for good after MAX_ATTEMPTS."""
    if attempts >= MAX_ATTEMPTS:
        return {"status": OutboxStatus.FAILED, "last_error": error[:200]}
    wait = timedelta(seconds=min(2 ** attempts * 5, 3600))
    return {"status": OutboxStatus.PENDING, "due_at": now + wait, "last_error": error[:200]}


def _values(item: Settlement) -> dict[str, Any]:
    message = item.message
    if item.kind == "sent":
        values: dict[str, Any] = {"status": OutboxStatus.SENT, "sent_at": item.at, "last_error": None}
    elif item.kind == "blocked":
        values = {"status": OutboxStatus.BLOCKED, "last_error": "blocked by user"}
    elif item.kind == "skipped":
        values = {"status": OutboxStatus.SKIPPED, "last_error": (item.error or "")[:200]}
    elif item.kind == "retry":
        values = retry_values(message.attempts, item.at, item.error or "error")
    elif item.kind == "postpone":
        # Flood control or one chat's pace: not an attempt.
        values = {"status": OutboxStatus.PENDING, "due_at": item.until or item.at,
                  "attempts": message.attempts - 1}
    else:
        raise ValueError(item.kind)
    return {"id": message.id, "lease_owner": None, **values}


async def settle(db: Database, items: Iterable[Settlement], owner: str | None = None) -> None:
    """Record many outcomes in one transaction (the sender's batches). With `owner`, only
    rows still leased to that owner change: a sender judged dead (silent too long) whose
    rows another process took back cannot overwrite that process's lease late."""
    by_keys: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    blocked: dict[int, datetime] = {}
    for item in items:
        values = _values(item)
        by_keys[tuple(sorted(values))].append(values)
        if item.kind == "blocked":
            blocked[item.message.chat_id] = item.at
    if not by_keys:
        return
    table = OutboxMessage.__table__
    async with db.writing() as session:
        for keys, rows in by_keys.items():
            if owner is None:
                await session.execute(update(OutboxMessage), rows)  # by primary key, executemany
                continue
            fenced = (
                update(table)
                .where(table.c.id == bindparam("b_id"), table.c.lease_owner == bindparam("b_owner"))
                .values({key: bindparam(key) for key in keys if key != "id"})
            )
            connection = await session.connection()
            await connection.execute(
                fenced, [{**row, "b_id": row["id"], "b_owner": owner} for row in rows])
        if blocked:
            # Planners skip them from now on.
            await session.execute(
                update(TelegramAccount)
                .where(TelegramAccount.telegram_user_id.in_(list(blocked)))
                .values(blocked_at=max(blocked.values()))
            )


async def release(db: Database, owner: str, messages: Iterable[Claimed], now: datetime) -> None:
    """Rows claimed and never handed to Telegram go back to pending at once (a clean stop)."""
    await settle(db, [Settlement("postpone", m, now) for m in messages], owner)


async def release_leftovers(db: Database, owner: str, keep: Iterable[int], now: datetime) -> int:
    """Rows still leased to `owner` but no longer in its hands (its queue was lost to an
    error) go back to pending at once, except `keep` (those on the wire). Returns how many."""
    kept = list(keep)
    async with db.writing() as session:
        condition = [OutboxMessage.status == OutboxStatus.SENDING, OutboxMessage.lease_owner == owner]
        if kept:
            condition.append(OutboxMessage.id.not_in(kept))
        result = await session.execute(
            update(OutboxMessage).where(*condition)
            .values(status=OutboxStatus.PENDING, due_at=now, lease_owner=None,
                    attempts=OutboxMessage.attempts - 1)
            .execution_options(synchronize_session=False)
        )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


# ----------------------------------------------------------------- leases


async def beat(db: Database, owner: str, now: datetime, rate: float) -> None:
    """The owner is alive (its first beat registers it)."""
    async with db.writing() as session:
        row = await session.get(OutboxSender, owner)
        if row is None:
            session.add(OutboxSender(owner=owner, started_at=now, heartbeat_at=now, rate=rate))
        else:
            row.heartbeat_at = now
            row.rate = rate


async def retire(db: Database, owner: str) -> None:
    """A clean stop: the owner holds nothing any more."""
    async with db.writing() as session:
        await session.execute(delete(OutboxSender).where(OutboxSender.owner == owner))


async def reclaim_dead(
    db: Database, now: datetime, dead_after: timedelta,
    gone: Callable[[str], bool] = lambda owner: False,
) -> int:
    """Rows leased to a dead owner go back to pending, due now; returns how many.

    Dead: its heartbeat is older than `dead_after`, `gone(owner)` says so (a process on
    this host that no longer runs), or it left no heartbeat at all."""
    async with db.writing() as session:
        owners = (await session.execute(select(OutboxSender.owner, OutboxSender.heartbeat_at))).all()
        alive = {o for o, at in owners if at > now - dead_after and not gone(o)}
        dead = [o for o, _ in owners if o not in alive]
        condition = OutboxMessage.lease_owner.is_not(None)
        if alive:
            condition = condition & OutboxMessage.lease_owner.not_in(alive)
        result = await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.status == OutboxStatus.SENDING, condition)
            .values(status=OutboxStatus.PENDING, due_at=now, lease_owner=None)
        )
        if dead:
            await session.execute(delete(OutboxSender).where(OutboxSender.owner.in_(dead)))
        return int(result.rowcount)  # type: ignore[attr-defined]


async def reclaim_stale(db: Database, now: datetime, stale_after: timedelta) -> int:
    """Owner-less `sending` rows (claimed before leases existed, or by a script) go back
    to pending after `stale_after`."""
    async with db.writing() as session:
        result = await session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.status == OutboxStatus.SENDING,
                OutboxMessage.lease_owner.is_(None),
                OutboxMessage.due_at <= now - stale_after,
            )
            .values(status=OutboxStatus.PENDING, due_at=now)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


async def measured_rate(session: AsyncSession, now: datetime, dead_after: timedelta) -> float | None:
    """The live senders' measured rate (messages/s), None when nobody measured one."""
    rate = await session.scalar(
        select(func.max(OutboxSender.rate)).where(OutboxSender.heartbeat_at > now - dead_after)
    )
    return float(rate) if rate else None
