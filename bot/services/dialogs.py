"""The state of a guided flow, kept in the database so a restart loses nothing and
several processes share it.

One flow per Telegram user at a time. Every save pushes the expiry forward; a draft
nobody touched until its expiry is dropped the next time it is looked at (and swept
by `drop_expired`). The caller's session is used throughout: saving a step is part of
the same unit of work as whatever the step did.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Dialog


@dataclass(frozen=True, slots=True)
class DialogState:
    flow: str
    step: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Lookup:
    state: DialogState | None
    expired_flow: str | None = None  # set when a draft was found too old and dropped


async def current(session: AsyncSession, telegram_user_id: int, now: datetime) -> Lookup:
    """The user's open flow; an expired one is dropped (write sessions) and reported."""
    row = await session.get(Dialog, telegram_user_id)
    if row is None:
        return Lookup(None)
    if row.expires_at > now:
        return Lookup(DialogState(row.flow, row.step, dict(row.data)))
    flow = row.flow
    await clear(session, telegram_user_id)
    return Lookup(None, expired_flow=flow)


async def peek(session: AsyncSession, telegram_user_id: int, now: datetime) -> DialogState | None:
    """The user's open, unexpired flow, without changing anything (read sessions)."""
    row = await session.get(Dialog, telegram_user_id)
    if row is None or row.expires_at <= now:
        return None
    return DialogState(row.flow, row.step, dict(row.data))


async def save(
    session: AsyncSession, telegram_user_id: int, state: DialogState, now: datetime,
    ttl: timedelta,
) -> None:
    """Start or advance a flow (replacing any other flow of this user)."""
    row = await session.get(Dialog, telegram_user_id)
    if row is None:
        row = Dialog(telegram_user_id=telegram_user_id)
        session.add(row)
    row.flow, row.step, row.data = state.flow, state.step, dict(state.data)
    row.updated_at, row.expires_at = now, now + ttl
    await session.flush()


async def clear(session: AsyncSession, telegram_user_id: int) -> str | None:
    """End the user's flow; returns which flow it was (None: there was none)."""
    flow = await session.scalar(
        select(Dialog.flow).where(Dialog.telegram_user_id == telegram_user_id)
    )
    if flow is not None:
        await session.execute(delete(Dialog).where(Dialog.telegram_user_id == telegram_user_id))
    return flow


async def take(session: AsyncSession, telegram_user_id: int, flow: str, step: str,
               now: datetime | None = None) -> bool:
    """Delete the user's draft if it is still at `step` (and, with `now`, unexpired),
    inside the caller's transaction: of two presses acting on one draft, exactly one
    gets True."""
    conditions = [Dialog.telegram_user_id == telegram_user_id, Dialog.flow == flow,
                  Dialog.step == step]
    if now is not None:
        conditions.append(Dialog.expires_at > now)
    result = await session.execute(delete(Dialog).where(*conditions))
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def drop_expired(session: AsyncSession, now: datetime) -> int:
    result = await session.execute(delete(Dialog).where(Dialog.expires_at <= now))
    return result.rowcount or 0  # type: ignore[attr-defined]
