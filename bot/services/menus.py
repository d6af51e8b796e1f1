"""What each person can do, as the main menu and the command list show it: employee,
supervisor, OPD admin or superadmin (the widest role they hold in force)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.identity.roles import admin_scope, roles_of
from bot.services.team.members import is_supervisor
from models import AdminRole, Employee, TelegramAccount
from models.enums import AdminRoleKind


class MenuRole(StrEnum):
    EMPLOYEE = "employee"
    SUPERVISOR = "supervisor"  # someone reports to them, or they head an OPD
    OPD_ADMIN = "opd_admin"
    SUPERADMIN = "superadmin"


@dataclass(frozen=True, slots=True)
class Menu:
    role: MenuRole
    team: bool  # 👥 Tim Saya: they supervise someone (admins may too)


async def menu_of(session: AsyncSession, telegram_id: int, employee_id: int | None) -> Menu:
    """The menu of this account now (two or three small queries; the scope is cached
    for the unit of work)."""
    team = employee_id is not None and await is_supervisor(session, employee_id)
    scope = await admin_scope(session, telegram_id)
    if scope is not None:
        return Menu(MenuRole.SUPERADMIN if scope.superadmin else MenuRole.OPD_ADMIN, team)
    if team or any(r.role == AdminRoleKind.KEPALA_OPD
                   for r in await roles_of(session, telegram_id, acting=True)):
        return Menu(MenuRole.SUPERVISOR, team)
    return Menu(MenuRole.EMPLOYEE, False)


@dataclass(frozen=True, slots=True)
class Audience:
    telegram_user_id: int
    language: str
    menu: Menu


async def role_holders(session: AsyncSession, default_language: str) -> list[Audience]:
    """Every account that holds a role (admins, heads of OPD) or supervises someone:
    their chat gets its own command list, published at start and whenever their role
    changes. A role not in force (suspended) gives the employee's list, which is what
    they can do meanwhile."""
    admins = set(await session.scalars(select(AdminRole.telegram_user_id).distinct()))
    bosses = select(Employee.supervisor_id).where(Employee.is_active.is_(True))
    supervisors = set(await session.scalars(
        select(TelegramAccount.telegram_user_id).where(TelegramAccount.employee_id.in_(bosses))))
    return [await audience_of(session, tg, default_language) for tg in sorted(admins | supervisors)]


async def audience_of(session: AsyncSession, telegram_id: int, default_language: str) -> Audience:
    """One account's language and menu (after a role was granted or revoked)."""
    row = (await session.execute(
        select(TelegramAccount.language, TelegramAccount.employee_id)
        .where(TelegramAccount.telegram_user_id == telegram_id))).first()
    language, employee_id = row if row is not None else (default_language, None)
    return Audience(telegram_id, language, await menu_of(session, telegram_id, employee_id))
