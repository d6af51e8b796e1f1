"""Claiming and settling outbox rows; the Telegram side lives in bot/jobs/outbox.py. These
functions commit on their own: the sender's per-row commits (see there why).

A row is claimed (status `sending`) in its own committed transaction before it is sent
and settled after. The one remaining window: the process dies after Telegram accepted a
message and before `mark_sent` commits. Such a row stays `sending`; `reclaim_stale`
gives it back after `stale_after`, so it may be sent twice in that rare case but is
never lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update

from models import OutboxMessage, TelegramAccount
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


async def claim_due(db: Database, now: datetime, limit: int, default_language: str) -> list[Claimed]:
    async with db.writing() as session:
        rows = (
            await session.execute(
                select(OutboxMessage, TelegramAccount.language)
                .outerjoin(TelegramAccount, TelegramAccount.telegram_user_id == OutboxMessage.chat_id)
                .where(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.due_at <= now)
                .order_by(OutboxMessage.due_at, OutboxMessage.id)
                .limit(limit)
                .with_for_update(skip_locked=True, of=OutboxMessage)
            )
        ).all()
        claimed = []
        for message, language in rows:
            message.status = OutboxStatus.SENDING
            message.attempts += 1
            message.due_at = now  # claim time, for reclaim_stale
            claimed.append(
                Claimed(
                    message.id, message.chat_id, message.kind, dict(message.payload),
                    language or default_language, message.attempts,
                )
            )
        return claimed


async def mark_sent(db: Database, message_id: int, now: datetime) -> None:
    await _settle(db, message_id, status=OutboxStatus.SENT, sent_at=now, last_error=None)


async def mark_blocked(db: Database, message_id: int, chat_id: int, now: datetime) -> None:
    """The user blocked the bot: this row is done, and planners skip them from now on."""
    async with db.writing() as session:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id)
            .values(status=OutboxStatus.BLOCKED, last_error="blocked by user")
        )
        await session.execute(
            update(TelegramAccount)
            .where(TelegramAccount.telegram_user_id == chat_id)
            .values(blocked_at=now)
        )


async def mark_skipped(db: Database, message_id: int, reason: str) -> None:
    """No longer needed (e.g. the target was met before the reminder went out)."""
    await _settle(db, message_id, status=OutboxStatus.SKIPPED, last_error=reason[:200])


async def postpone(db: Database, message_id: int, until: datetime) -> None:
    """Back to pending without counting an attempt (flood control, one chat's pace)."""
    async with db.writing() as session:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id)
            .values(
                status=OutboxStatus.PENDING,
                due_at=until,
                attempts=OutboxMessage.attempts - 1,
            )
        )


async def mark_retry(
    db: Database, message_id: int, attempts: int, now: datetime, error: str,
    delay: timedelta | None = None,
) -> None:
    """Back to pending after `delay` (Telegram's retry_after) or an exponential back-off;
    failed for good after MAX_ATTEMPTS."""
    if attempts >= MAX_ATTEMPTS:
        await _settle(db, message_id, status=OutboxStatus.FAILED, last_error=error[:200])
        return
    wait = delay if delay is not None else timedelta(seconds=min(2 ** attempts * 5, 3600))
    await _settle(
        db, message_id, status=OutboxStatus.PENDING, due_at=now + wait, last_error=error[:200]
    )


async def reclaim_stale(db: Database, now: datetime, stale_after: timedelta) -> int:
    """Rows left `sending` by a crash go back to pending (see the module docstring)."""
    async with db.writing() as session:
        result = await session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.status == OutboxStatus.SENDING,
                OutboxMessage.due_at <= now - stale_after,
            )
            .values(status=OutboxStatus.PENDING, due_at=now)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


async def _settle(db: Database, message_id: int, **values: object) -> None:
    await db.execute_write(
        update(OutboxMessage).where(OutboxMessage.id == message_id).values(**values)
    )
