"""Admin roles live in the database; settings only seed the first superadmins."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from models import AdminRole, Opd
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


async def grant(
    session: AsyncSession, telegram_id: int, role: AdminRoleKind, opd_id: int | None,
    granted_by: str, clock: Clock,
) -> bool:
    """Give a role (an OPD admin needs the OPD); False when it was already held."""
    if role == AdminRoleKind.OPD_ADMIN and opd_id is None:
        raise ValueError("an OPD admin needs an OPD")
    if role == AdminRoleKind.SUPERADMIN:
        opd_id = None
    existing = await session.scalar(
        select(AdminRole.id).where(
            AdminRole.telegram_user_id == telegram_id,
            AdminRole.role == role,
            AdminRole.opd_id.is_(None) if opd_id is None else AdminRole.opd_id == opd_id,
        )
    )
    if existing is not None:
        return False
    session.add(AdminRole(telegram_user_id=telegram_id, role=role, opd_id=opd_id,
                          granted_by=granted_by, created_at=clock.now()))
    await session.flush()
    return True


async def revoke(session: AsyncSession, telegram_id: int, opd_id: int | None = None) -> int:
    """Take roles away: every role of the user, or only their OPD admin role for `opd_id`."""
    roles = await roles_of(session, telegram_id)
    removed = 0
    for role in roles:
        if opd_id is None or role.opd_id == opd_id:
            await session.delete(role)
            removed += 1
    await session.flush()
    return removed


@dataclass(frozen=True, slots=True)
class AdminScope:
    """What an admin may see: every OPD (superadmin) or one OPD (OPD admin)."""

    opd_id: int | None
    opd_name: str | None


async def admin_scope(session: AsyncSession, telegram_id: int) -> AdminScope | None:
    """The widest scope the account holds; None for someone who is not an admin."""
    roles = await roles_of(session, telegram_id)
    if any(r.role == AdminRoleKind.SUPERADMIN for r in roles):
        return AdminScope(None, None)
    opd_role = next((r for r in roles if r.role == AdminRoleKind.OPD_ADMIN and r.opd_id), None)
    if opd_role is None:
        return None
    name = await session.scalar(select(Opd.name).where(Opd.id == opd_role.opd_id))
    return AdminScope(opd_role.opd_id, name)
