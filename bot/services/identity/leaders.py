"""Heads of OPD (kepala OPD): a read-only role scoped to one OPD, granted and revoked by
superadmins like the OPD admin role (from /admin or the console), audited. It gives no
admin rights (bot/services/identity/roles.py's scopes know only superadmins and OPD
admins); it makes its holder a recipient of their OPD's monthly digest."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.audit import record, telegram_actor
from bot.services.identity.roles import (
    Granted,
    OpdAdminLine,
    forget_scopes,
    in_force,
    linked_employee,
    linked_in_service,
    require_superadmin,
    tell_revoked,
)
from bot.services.menus import menu_of, tell_menu_changed
from bot.services.outbox.queue import Notice
from models import AdminRole, Employee, Opd, TelegramAccount
from models.enums import AdminRoleKind

KEPALA = AdminRoleKind.KEPALA_OPD


async def grant_kepala_opd(session: AsyncSession, caller: int, employee_id: int,
                           now: datetime) -> Granted | None:
    """Make the employee's linked account head of the employee's OPD (superadmins only),
    audited, the new head told through the outbox; None when the employee is gone,
    unlinked, or already holds it. A head of another OPD before is head of this one now."""
    await require_superadmin(session, caller)
    found = await linked_in_service(session, employee_id)
    if found is None:
        return None
    telegram_id, opd_id, opd_name = found
    held = list(await session.scalars(
        select(AdminRole).where(AdminRole.telegram_user_id == telegram_id, AdminRole.role == KEPALA)
    ))
    if any(r.opd_id == opd_id and r.employee_id == employee_id for r in held):
        return None
    before = await menu_of(session, telegram_id, employee_id)
    replaced = 0
    for role in held:
        await session.delete(role)
        replaced += role.opd_id != opd_id
    await session.flush()
    session.add(AdminRole(telegram_user_id=telegram_id, role=KEPALA, opd_id=opd_id,
                          employee_id=employee_id, granted_by=telegram_actor(caller), created_at=now))
    await session.flush()
    forget_scopes(session)
    await record(session, telegram_actor(caller), "grant_role", now, target=f"tg:{telegram_id}",
                 role=KEPALA.value, opd_id=opd_id, replaced_roles=replaced or None)
    await tell_menu_changed(session, telegram_id, Notice.KEPALA_GRANTED, before, now,
                            f"kepala:{telegram_id}:{opd_id}:{now.isoformat()}",
                            role=KEPALA.value, opd=opd_name, opd_id=opd_id)
    return Granted(telegram_id, opd_id, opd_name, replaced)


async def kepala_opd_lines(session: AsyncSession, caller: int) -> list[OpdAdminLine]:
    """Every head of OPD, suspended ones marked (superadmins only: the list names people)."""
    await require_superadmin(session, caller)
    rows = await session.execute(
        select(AdminRole.id, AdminRole.telegram_user_id, Employee.name, Opd.name,
               in_force() & (Employee.opd_id == AdminRole.opd_id))
        .outerjoin(TelegramAccount, TelegramAccount.telegram_user_id == AdminRole.telegram_user_id)
        .outerjoin(Employee, Employee.id == AdminRole.employee_id)
        .join(Opd, Opd.id == AdminRole.opd_id)
        .where(AdminRole.role == KEPALA)
        .order_by(Opd.name, Employee.name, AdminRole.id)
    )
    return [OpdAdminLine(role_id, tid, name, opd, bool(acting)) for role_id, tid, name, opd, acting in rows]


async def revoke_kepala_opd(session: AsyncSession, caller: int, role_id: int, now: datetime) -> AdminRole | None:
    """Remove one head-of-OPD role (superadmins only, audited, the holder told through
    the outbox)."""
    await require_superadmin(session, caller)
    role = await session.get(AdminRole, role_id)
    if role is None or role.role != KEPALA:
        return None
    before = await menu_of(session, role.telegram_user_id,
                           await linked_employee(session, role.telegram_user_id))
    await session.delete(role)
    await session.flush()
    forget_scopes(session)
    await record(session, telegram_actor(caller), "revoke_role", now,
                 target=f"tg:{role.telegram_user_id}", role=KEPALA.value, opd_id=role.opd_id)
    await tell_revoked(session, role, before, now)
    return role
