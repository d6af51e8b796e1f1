"""Admin roles live in the database; settings only seed the first superadmins."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from models import AdminRole
from models.enums import AdminRoleKind


async def bootstrap_superadmins(
    session: AsyncSession, telegram_ids: Iterable[int], clock: Clock
) -> int:
    """Make sure each id holds the superadmin role; returns how many roles were added."""
    wanted = set(telegram_ids)
    if not wanted:
        return 0
    existing = set(
        (
            await session.scalars(
                select(AdminRole.telegram_user_id).where(
                    AdminRole.role == AdminRoleKind.SUPERADMIN,
                    AdminRole.telegram_user_id.in_(wanted),
                )
            )
        ).all()
    )
    for telegram_id in sorted(wanted - existing):
        session.add(
            AdminRole(
                telegram_user_id=telegram_id,
                role=AdminRoleKind.SUPERADMIN,
                granted_by="settings:ADMIN_TELEGRAM_IDS",
                created_at=clock.now(),
            )
        )
    return len(wanted - existing)


async def roles_of(session: AsyncSession, telegram_id: int) -> list[AdminRole]:
    return list(
        (await session.scalars(select(AdminRole).where(AdminRole.telegram_user_id == telegram_id)))
    )


async def is_superadmin(session: AsyncSession, telegram_id: int) -> bool:
    """Checked on every admin action: rights can be withdrawn at any time."""
    found = await session.scalar(
        select(AdminRole.id).where(
            AdminRole.telegram_user_id == telegram_id, AdminRole.role == AdminRoleKind.SUPERADMIN
        )
    )
    return found is not None
