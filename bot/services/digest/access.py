"""Who may open what the digest offers: the full workbook of an OPD (its OPD admins,
heads of OPD and superadmins) or of the province (superadmins)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.identity.roles import Denial, NotAllowed, admin_scope, in_force
from models import AdminRole, Employee, TelegramAccount
from models.enums import AdminRoleKind


async def heads_opd(session: AsyncSession, telegram_id: int, opd_id: int | None = None) -> bool:
    """Whether the account is head of an OPD now (of `opd_id`, if given): the role in
    force and its employee still in that OPD."""
    statement = (
        select(AdminRole.id)
        .outerjoin(TelegramAccount, TelegramAccount.telegram_user_id == AdminRole.telegram_user_id)
        .outerjoin(Employee, Employee.id == AdminRole.employee_id)
        .where(AdminRole.telegram_user_id == telegram_id, AdminRole.role == AdminRoleKind.KEPALA_OPD,
               in_force(), Employee.opd_id == AdminRole.opd_id)
    )
    if opd_id is not None:
        statement = statement.where(AdminRole.opd_id == opd_id)
    return await session.scalar(statement.limit(1)) is not None


async def gets_digest(session: AsyncSession, telegram_id: int) -> bool:
    """Whether the account is one the monthly digest is meant for (whether or not they
    switched it off)."""
    return await admin_scope(session, telegram_id) is not None or await heads_opd(session, telegram_id)


async def require_digest_scope(session: AsyncSession, telegram_id: int, opd_id: int | None) -> None:
    """NotAllowed unless the account may see the workbook of `opd_id` (None: province)."""
    scope = await admin_scope(session, telegram_id)
    if scope is not None and scope.covers(opd_id):
        return
    if opd_id is not None and await heads_opd(session, telegram_id, opd_id):
        return
    raise NotAllowed(Denial.OUT_OF_SCOPE)
