"""What each person can do, as the main menu and the command list show it: employee,
supervisor, OPD admin or superadmin (the widest role they hold in force); and telling
someone, through the outbox, when a change gives or takes some of it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.identity.roles import acting_roles, admin_scope, forget_scopes
from bot.services.outbox.queue import Notice, notify_chat
from bot.services.team.members import is_supervisor
from models import AdminRole, Employee, TelegramAccount
from models.enums import AdminRoleKind


WATCH_CHUNK = 500  # employee ids per IN list


class MenuRole(StrEnum):
    EMPLOYEE = "employee"
    SUPERVISOR = "supervisor"  # someone reports to them, or they head an OPD
    OPD_ADMIN = "opd_admin"
    SUPERADMIN = "superadmin"


@dataclass(frozen=True, slots=True)
class Menu:
    role: MenuRole
    team: bool  # 👥 Tim Saya: they supervise someone (admins may too)

    @property
    def shown(self) -> tuple[MenuRole, bool]:
        """What Telegram shows of it: the role, and whether 👥 Tim Saya is there (a head
        of OPD has it without reports)."""
        return self.role, self.team or self.role == MenuRole.SUPERVISOR


async def menu_of(session: AsyncSession, telegram_id: int, employee_id: int | None) -> Menu:
    """The menu of this account now (two or three small queries; the scope is cached
    for the unit of work)."""
    team = employee_id is not None and await is_supervisor(session, employee_id)
    scope = await admin_scope(session, telegram_id)
    if scope is not None:
        # An admin who heads an OPD has 👥 Tim Saya too, as /tim in their command list says.
        heads = not team and any(r.role == AdminRoleKind.KEPALA_OPD
                                 for r in await acting_roles(session, telegram_id))
        return Menu(MenuRole.SUPERADMIN if scope.superadmin else MenuRole.OPD_ADMIN, team or heads)
    if team or any(r.role == AdminRoleKind.KEPALA_OPD
                   for r in await acting_roles(session, telegram_id)):
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


# ------------------------------------------------------------------ telling of a change
#
# A role granted or revoked, or a roster import that gave someone a team or took their
# last report away, changes what that person can do. They are told through the outbox
# (it survives a crash, and a blocked user is handled like every notice); the message
# carries their menu and their chat's command list as they are when it is sent, so two
# quick changes end with the right menu. The row keeps the menu from before the change,
# to say what was added or removed.


def menu_facts(menu: Menu) -> dict[str, Any]:
    """A menu as an outbox payload holds it."""
    return {"role": menu.role.value, "team": menu.team}


def menu_from(facts: Any) -> Menu | None:
    """The menu a payload holds; None for a row without one (queued before menus were
    told) or with a value this version does not know."""
    if not isinstance(facts, dict) or facts.get("role") not in set(MenuRole):
        return None
    return Menu(MenuRole(facts["role"]), bool(facts.get("team")))


async def tell_menu_changed(
    session: AsyncSession, telegram_id: int, kind: Notice, before: Menu, now: datetime,
    dedupe_key: str, **facts: Any,
) -> bool:
    """Queue `kind` (a role notice, or MENU_CHANGED) for this account, with the menu it
    had before the change; False when the account never wrote to the bot (there is no
    chat to tell) or the same key was queued before."""
    row = (await session.execute(
        select(TelegramAccount.employee_id).where(TelegramAccount.telegram_user_id == telegram_id)
    )).first()
    if row is None:
        return False
    payload = {**facts, "before": menu_facts(before)}
    return await notify_chat(session, telegram_id, row[0], kind, payload, dedupe_key, now)


@dataclass(frozen=True, slots=True)
class Watched:
    telegram_user_id: int
    employee_id: int
    menu: Menu


async def watch_menus(session: AsyncSession, employee_ids: Iterable[int]) -> list[Watched]:
    """Before a change that may give or take roles or teams (a roster import): the menus
    of the accounts linked to these employees."""
    wanted = sorted(set(employee_ids))
    linked: list[tuple[int, int]] = []
    for start in range(0, len(wanted), WATCH_CHUNK):
        linked += [(int(tg), int(emp)) for tg, emp in await session.execute(
            select(TelegramAccount.telegram_user_id, TelegramAccount.employee_id)
            .where(TelegramAccount.employee_id.in_(wanted[start:start + WATCH_CHUNK])))]
    return [Watched(tg, emp, await menu_of(session, tg, emp)) for tg, emp in sorted(linked)]


async def tell_changed_menus(session: AsyncSession, watched: list[Watched], now: datetime) -> int:
    """After the change: each watched account whose menu is not what it was is told once
    (MENU_CHANGED); how many were."""
    forget_scopes(session)
    told = 0
    for item in watched:
        menu = await menu_of(session, item.telegram_user_id, item.employee_id)
        if menu.shown != item.menu.shown:
            told += await tell_menu_changed(
                session, item.telegram_user_id, Notice.MENU_CHANGED, item.menu, now,
                f"menu:{item.telegram_user_id}:{now.isoformat()}")
    return told
