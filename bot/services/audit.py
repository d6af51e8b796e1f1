"""Writing and reading the audit trail. Call `record` in the transaction of the change."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import AuditLog

CLI = "cli"


def telegram_actor(telegram_user_id: int) -> str:
    return f"tg:{telegram_user_id}"


async def record(
    session: AsyncSession,
    actor: str,
    action: str,
    now: datetime,
    target: str | None = None,
    **details: Any,
) -> None:
    """One line of the trail. `details`: counts, codes, outcomes; never NIPs or phones."""
    session.add(AuditLog(at=now, actor=actor, action=action, target=target, details=details))
    await session.flush()


async def entries(
    session: AsyncSession, *, since: datetime | None = None, limit: int | None = None
) -> AsyncIterator[AuditLog]:
    """Newest first."""
    statement = select(AuditLog).order_by(AuditLog.at.desc(), AuditLog.id.desc())
    if since is not None:
        statement = statement.where(AuditLog.at >= since)
    if limit is not None:
        statement = statement.limit(limit)
    result = await session.stream_scalars(statement)
    async for entry in result:
        yield entry
