"""Admin roles live in the database; settings only seed the first superadmins.

A role is exercised through a Telegram account on behalf of one employee, recorded in
the role (`employee_id`): the employee the account was linked to when the role was
granted, or, for a role granted to an account not linked yet (ADMIN_TELEGRAM_IDS, the
console), the employee it links to first. A role is in force only while:

- its account is linked to that employee (unlinking with /putus suspends it; linking
  back to the same employee restores it; linking to someone else leaves it suspended
  until a superadmin grants it again);
- that employee is in service;
- for an OPD admin, the employee still works in the role's OPD: after a roster import
  moves them, the role is suspended (audited) until a superadmin grants them their new
  OPD, which replaces the old role.

A role not bound yet acts, but may not decide reported training: only an admin known
to be an employee can be kept from deciding their own (bot/services/claims/review.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services.audit import record, telegram_actor
from bot.services.identity.nip import clean_nip
from bot.services.outbox.queue import Notice
from models import AdminRole, Employee, Opd, TelegramAccount
from models.enums import AdminRoleKind

if TYPE_CHECKING:
    from bot.services import menus


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
                employee_id=await linked_employee(session, telegram_id),
                granted_by="settings:ADMIN_TELEGRAM_IDS",
                created_at=clock.now(),
            )
        )
    return len(wanted - existing)


async def linked_employee(session: AsyncSession, telegram_id: int) -> int | None:
    """The employee the account is linked to now, if any."""
    return await session.scalar(
        select(TelegramAccount.employee_id).where(TelegramAccount.telegram_user_id == telegram_id)
    )


def in_force() -> ColumnElement[bool]:
    """Roles that act now (see the module's docstring); for queries that outer-join
    the role's account (`TelegramAccount`) and its employee (`Employee`)."""
    return or_(
        AdminRole.employee_id.is_(None),
        and_(
            TelegramAccount.employee_id == AdminRole.employee_id,
            Employee.is_active.is_(True),
            or_(AdminRole.role != AdminRoleKind.OPD_ADMIN, Employee.opd_id == AdminRole.opd_id),
        ),
    )


def _with_holder(statement: Any) -> Any:
    return statement.outerjoin(
        TelegramAccount, TelegramAccount.telegram_user_id == AdminRole.telegram_user_id
    ).outerjoin(Employee, Employee.id == AdminRole.employee_id)


async def roles_of(session: AsyncSession, telegram_id: int, *, acting: bool = False) -> list[AdminRole]:
    """Oldest first, so the scope of someone holding two OPD roles does not vary;
    `acting`: only the roles in force."""
    statement = select(AdminRole).where(AdminRole.telegram_user_id == telegram_id)
    if acting:
        statement = _with_holder(statement).where(in_force())
    return list(await session.scalars(statement.order_by(AdminRole.id)))


async def is_superadmin(session: AsyncSession, telegram_id: int) -> bool:
    """Checked on every admin action: rights can be withdrawn at any time."""
    found = await session.scalar(
        _with_holder(select(AdminRole.id)).where(
            AdminRole.telegram_user_id == telegram_id,
            AdminRole.role == AdminRoleKind.SUPERADMIN,
            in_force(),
        )
    )
    return found is not None


async def grant(
    session: AsyncSession, telegram_id: int, role: AdminRoleKind, opd_id: int | None,
    granted_by: str, clock: Clock,
) -> bool:
    """Give a role (an OPD admin needs the OPD), bound to the employee the account is
    linked to now (if any); False when it was already held so."""
    employee_id = await linked_employee(session, telegram_id)
    return await _grant(session, telegram_id, role, opd_id, granted_by, clock.now(), employee_id)


async def _grant(
    session: AsyncSession, telegram_id: int, role: AdminRoleKind, opd_id: int | None,
    granted_by: str, now: datetime, employee_id: int | None,
) -> bool:
    """Give a role bound to `employee_id`; False when it was already held so. A role
    held on behalf of someone else (the account was re-linked) is bound anew: that is a
    superadmin confirming it."""
    if role == AdminRoleKind.OPD_ADMIN and opd_id is None:
        raise ValueError("an OPD admin needs an OPD")
    if role == AdminRoleKind.SUPERADMIN:
        opd_id = None
    existing = await session.scalar(
        select(AdminRole).where(
            AdminRole.telegram_user_id == telegram_id,
            AdminRole.role == role,
            AdminRole.opd_id.is_(None) if opd_id is None else AdminRole.opd_id == opd_id,
        )
    )
    if existing is not None:
        if employee_id is None or existing.employee_id == employee_id:
            return False
        existing.employee_id = employee_id
        existing.granted_by = granted_by
    else:
        session.add(AdminRole(telegram_user_id=telegram_id, role=role, opd_id=opd_id,
                              employee_id=employee_id, granted_by=granted_by, created_at=now))
    await session.flush()
    forget_scopes(session)
    return True


async def grant_and_tell(
    session: AsyncSession, telegram_id: int, role: AdminRoleKind, opd_id: int | None,
    opd_name: str | None, granted_by: str, now: datetime,
) -> bool:
    """`grant` (the console's), and the holder told through the outbox with their new
    menu; False when it was already held so."""
    from bot.services import menus  # menus reads the roles: imported when used, not at the top

    employee_id = await linked_employee(session, telegram_id)
    before = await menus.menu_of(session, telegram_id, employee_id)
    if not await _grant(session, telegram_id, role, opd_id, granted_by, now, employee_id):
        return False
    kind, prefix = ((Notice.KEPALA_GRANTED, "kepala") if role == AdminRoleKind.KEPALA_OPD
                    else (Notice.ROLE_GRANTED, "role"))
    opd_id = None if role == AdminRoleKind.SUPERADMIN else opd_id
    await menus.tell_menu_changed(session, telegram_id, kind, before, now,
                                  f"{prefix}:{telegram_id}:{opd_id or 0}:{now.isoformat()}",
                                  role=role.value, opd=opd_name, opd_id=opd_id)
    return True


async def bind_roles(session: AsyncSession, telegram_id: int, employee_id: int, now: datetime) -> int:
    """The account linked: roles granted before it ever linked now act for this
    employee (audited). Returns how many were bound."""
    bound = await session.execute(
        update(AdminRole)
        .where(AdminRole.telegram_user_id == telegram_id, AdminRole.employee_id.is_(None))
        .values(employee_id=employee_id)
        .execution_options(synchronize_session=False)
    )
    count = int(bound.rowcount or 0)  # type: ignore[attr-defined]
    if count:
        forget_scopes(session)
        await record(session, telegram_actor(telegram_id), "role.bound", now,
                     target=f"tg:{telegram_id}", roles=count)
    return count


async def suspended_by_unlink(session: AsyncSession, telegram_id: int, employee_id: int,
                              now: datetime) -> int:
    """The account unlinked from `employee_id`: its roles on that employee's behalf stop
    acting until it links back (audited). Returns how many."""
    roles = [r for r in await roles_of(session, telegram_id) if r.employee_id == employee_id]
    if roles:
        forget_scopes(session)
        await record(session, telegram_actor(telegram_id), "role.suspended", now,
                     target=f"tg:{telegram_id}", reason="unlinked", roles=len(roles))
    return len(roles)


async def suspend_moved_opd_admins(session: AsyncSession, moved: dict[int, int], actor: str,
                                   now: datetime) -> int:
    """A roster import moved these employees (id -> old OPD id): OPD admin roles they
    held in the old OPD stop acting until a superadmin grants the new one (audited)."""
    if not moved:
        return 0
    roles = list(await session.scalars(
        select(AdminRole).where(AdminRole.role == AdminRoleKind.OPD_ADMIN,
                                AdminRole.employee_id.in_(list(moved)))
    ))
    suspended = [r for r in roles if r.opd_id == moved[r.employee_id or 0]]
    for role in suspended:
        await record(session, actor, "role.suspended", now, target=f"tg:{role.telegram_user_id}",
                     reason="opd_moved", role="opd_admin", opd_id=role.opd_id)
    if suspended:
        forget_scopes(session)
    return len(suspended)


async def revoke(session: AsyncSession, telegram_id: int, opd_id: int | None = None) -> int:
    """Take roles away: every role of the user, or only their OPD admin role for `opd_id`."""
    roles = await roles_of(session, telegram_id)
    removed = 0
    for role in roles:
        if opd_id is None or role.opd_id == opd_id:
            await session.delete(role)
            removed += 1
    await session.flush()
    forget_scopes(session)
    return removed


async def revoke_and_tell(session: AsyncSession, telegram_id: int, opd_id: int | None,
                          now: datetime) -> int:
    """`revoke` (the console's), and the holder told once through the outbox with their
    menu: which role went, or, when several did, how the menu changed."""
    from bot.services import menus  # menus reads the roles: imported when used, not at the top

    before = await menus.menu_of(session, telegram_id, await linked_employee(session, telegram_id))
    going = [r for r in await roles_of(session, telegram_id) if opd_id is None or r.opd_id == opd_id]
    removed = await revoke(session, telegram_id, opd_id)
    if len(going) == 1:
        await tell_revoked(session, going[0], before, now)
    elif going:
        await menus.tell_menu_changed(session, telegram_id, Notice.MENU_CHANGED, before, now,
                                      f"menu:{telegram_id}:{now.isoformat()}")
    return removed


@dataclass(frozen=True, slots=True)
class AdminScope:
    """Who is acting as an admin, and what they may reach: every OPD (superadmin,
    `opd_id` None) or one OPD (OPD admin)."""

    opd_id: int | None
    opd_name: str | None
    telegram_user_id: int = 0

    @property
    def superadmin(self) -> bool:
        return self.opd_id is None

    def covers(self, opd_id: int | None) -> bool:
        """Whether something of `opd_id` (None: of every OPD) is within this scope."""
        return self.opd_id is None or self.opd_id == opd_id


class Denial(StrEnum):
    NOT_ADMIN = "not_admin"
    NOT_SUPERADMIN = "not_superadmin"
    OUT_OF_SCOPE = "out_of_scope"
    NOT_IDENTIFIED = "not_identified"  # an admin not known as any employee (never linked)


class NotAllowed(Exception):
    """The caller may not do this: not an admin, not a superadmin, or outside their OPD.

    Raised inside the service that performs an admin action, in its transaction, before
    anything is written; the Telegram layer turns it into a refusal and rolls back."""

    def __init__(self, denial: Denial) -> None:
        super().__init__(denial.value)
        self.denial = denial


_ROLES_CACHE = "acting_roles"
_SCOPE_CACHE = "admin_scope"


async def admin_scope(session: AsyncSession, telegram_id: int) -> AdminScope | None:
    """The widest scope the account holds; None for someone who is not an admin.

    Read once per transaction (cached in the session): the handler's menu and the
    service's check of one update agree, at the cost of one query."""
    cache: dict[int, AdminScope | None] = session.info.setdefault(_SCOPE_CACHE, {})
    if telegram_id in cache:
        return cache[telegram_id]
    roles = await acting_roles(session, telegram_id)
    scope: AdminScope | None = None
    if any(r.role == AdminRoleKind.SUPERADMIN for r in roles):
        scope = AdminScope(None, None, telegram_id)
    else:
        opd_role = next((r for r in roles if r.role == AdminRoleKind.OPD_ADMIN and r.opd_id), None)
        if opd_role is not None:
            name = await session.scalar(select(Opd.name).where(Opd.id == opd_role.opd_id))
            scope = AdminScope(opd_role.opd_id, name, telegram_id)
    cache[telegram_id] = scope
    return scope


async def acting_roles(session: AsyncSession, telegram_id: int) -> list[AdminRole]:
    """The account's roles in force, read once per transaction like the scope (the menu
    asks for them on every answer, after the scope did)."""
    cache: dict[int, list[AdminRole]] = session.info.setdefault(_ROLES_CACHE, {})
    if telegram_id not in cache:
        cache[telegram_id] = await roles_of(session, telegram_id, acting=True)
    return cache[telegram_id]


def forget_scopes(session: AsyncSession) -> None:
    """Roles changed in this transaction: read them again next time."""
    session.info.pop(_SCOPE_CACHE, None)
    session.info.pop(_ROLES_CACHE, None)


async def require_admin(session: AsyncSession, telegram_id: int) -> AdminScope:
    """The caller's scope; NotAllowed when they hold no admin role."""
    scope = await admin_scope(session, telegram_id)
    if scope is None:
        raise NotAllowed(Denial.NOT_ADMIN)
    return scope


async def require_superadmin(session: AsyncSession, telegram_id: int) -> AdminScope:
    """BPSDM's own actions (programs, roles, the audit trail); NotAllowed otherwise."""
    scope = await require_admin(session, telegram_id)
    if not scope.superadmin:
        raise NotAllowed(Denial.NOT_SUPERADMIN)
    return scope


async def require_scope(session: AsyncSession, telegram_id: int, opd_id: int | None) -> AdminScope:
    """An admin whose scope covers something of `opd_id`; NotAllowed otherwise."""
    scope = await require_admin(session, telegram_id)
    if not scope.covers(opd_id):
        raise NotAllowed(Denial.OUT_OF_SCOPE)
    return scope


@dataclass(frozen=True, slots=True)
class OpdAdminLine:
    role_id: int
    telegram_user_id: int
    name: str | None  # the employee behind the role, if known
    opd_name: str
    acting: bool = True  # False: suspended (unlinked, moved OPD, left service)


async def opd_admins(session: AsyncSession, caller: int) -> list[OpdAdminLine]:
    """Every OPD admin, suspended ones marked (superadmins only: the list names people)."""
    await require_superadmin(session, caller)
    rows = await session.execute(
        _with_holder(select(AdminRole.id, AdminRole.telegram_user_id, Employee.name, Opd.name,
                            in_force()))
        .join(Opd, Opd.id == AdminRole.opd_id)
        .where(AdminRole.role == AdminRoleKind.OPD_ADMIN)
        .order_by(Opd.name, Employee.name, AdminRole.id)
    )
    return [OpdAdminLine(role_id, tid, name, opd, bool(acting))
            for role_id, tid, name, opd, acting in rows]


class Candidate(StrEnum):
    FOUND = "found"
    NIP_INVALID = "nip_invalid"
    NOT_FOUND = "not_found"
    NOT_LINKED = "not_linked"
    ALREADY = "already"


@dataclass(frozen=True, slots=True)
class CandidateCheck:
    outcome: Candidate
    employee_id: int | None = None
    name: str | None = None
    opd_name: str | None = None


async def opd_admin_candidate(session: AsyncSession, caller: int, raw_nip: str) -> CandidateCheck:
    """Who a NIP names, as a future admin of their own OPD; they must have linked Telegram.
    Superadmins only."""
    await require_superadmin(session, caller)
    nip = clean_nip(raw_nip)
    if len(nip) != 18 or not nip.isdigit():
        return CandidateCheck(Candidate.NIP_INVALID)
    row = (
        await session.execute(
            select(Employee.id, Employee.name, Employee.opd_id, Opd.name,
                   TelegramAccount.telegram_user_id)
            .join(Opd, Opd.id == Employee.opd_id)
            .outerjoin(TelegramAccount, TelegramAccount.employee_id == Employee.id)
            .where(Employee.nip == nip, Employee.is_active.is_(True))
        )
    ).first()
    if row is None:
        return CandidateCheck(Candidate.NOT_FOUND)
    employee_id, name, opd_id, opd_name, telegram_id = row
    if telegram_id is None:
        return CandidateCheck(Candidate.NOT_LINKED, employee_id, name, opd_name)
    held = await session.scalar(
        select(AdminRole.id).where(
            AdminRole.telegram_user_id == telegram_id,
            AdminRole.role == AdminRoleKind.OPD_ADMIN,
            AdminRole.opd_id == opd_id,
            AdminRole.employee_id == employee_id,
        )
    )
    outcome = Candidate.ALREADY if held is not None else Candidate.FOUND
    return CandidateCheck(outcome, employee_id, name, opd_name)


@dataclass(frozen=True, slots=True)
class Granted:
    telegram_user_id: int
    opd_id: int
    opd_name: str
    replaced: int = 0  # OPD admin roles of other OPDs the account held until now


async def linked_in_service(session: AsyncSession, employee_id: int) -> tuple[int, int, str] | None:
    """(Telegram account, OPD id, OPD name) of an employee in service whose account is
    linked; None otherwise: whom a role granted from Telegram goes to."""
    row = (
        await session.execute(
            select(TelegramAccount.telegram_user_id, Employee.opd_id, Opd.name)
            .join(Employee, Employee.id == TelegramAccount.employee_id)
            .join(Opd, Opd.id == Employee.opd_id)
            .where(Employee.id == employee_id, Employee.is_active.is_(True))
        )
    ).first()
    return None if row is None else (int(row[0]), int(row[1]), str(row[2]))


async def grant_opd_admin(
    session: AsyncSession, caller: int, employee_id: int, now: datetime
) -> Granted | None:
    """Make the employee's linked account admin of the employee's OPD (superadmins
    only), audited, the new admin told through the outbox; None when the employee is
    gone, unlinked, or already holds it."""
    await require_superadmin(session, caller)
    found = await linked_in_service(session, employee_id)
    if found is None:
        return None
    telegram_id, opd_id, opd_name = found
    actor = telegram_actor(caller)
    from bot.services import menus  # menus reads the roles: imported when used, not at the top

    before = await menus.menu_of(session, telegram_id, employee_id)
    if not await _grant(session, telegram_id, AdminRoleKind.OPD_ADMIN, opd_id, actor, now,
                        employee_id):
        return None
    # One OPD per admin from Telegram: someone who moved OPD stops seeing the old one.
    replaced = 0
    for role in await roles_of(session, telegram_id):
        if role.role == AdminRoleKind.OPD_ADMIN and role.opd_id != opd_id:
            await session.delete(role)
            replaced += 1
    await session.flush()
    forget_scopes(session)
    await record(session, actor, "grant_role", now, target=f"tg:{telegram_id}",
                 role="opd_admin", opd_id=opd_id, replaced_roles=replaced or None)
    await menus.tell_menu_changed(session, telegram_id, Notice.ROLE_GRANTED, before, now,
                                  f"role:{telegram_id}:{opd_id}:{now.isoformat()}",
                                  role=AdminRoleKind.OPD_ADMIN.value, opd=opd_name, opd_id=opd_id)
    return Granted(telegram_id, opd_id, opd_name, replaced)


async def revoke_opd_admin(session: AsyncSession, caller: int, role_id: int, now: datetime) -> AdminRole | None:
    """Remove one OPD admin role (superadmins only, audited, the holder told through the
    outbox; superadmin roles are managed from the console only)."""
    await require_superadmin(session, caller)
    role = await session.get(AdminRole, role_id)
    if role is None or role.role != AdminRoleKind.OPD_ADMIN:
        return None
    from bot.services import menus  # menus reads the roles: imported when used, not at the top

    before = await menus.menu_of(session, role.telegram_user_id,
                                 await linked_employee(session, role.telegram_user_id))
    await session.delete(role)
    await session.flush()
    forget_scopes(session)
    await record(session, telegram_actor(caller), "revoke_role", now,
                 target=f"tg:{role.telegram_user_id}", role="opd_admin", opd_id=role.opd_id)
    await tell_revoked(session, role, before, now)
    return role


async def tell_revoked(session: AsyncSession, role: AdminRole, before: menus.Menu,
                       now: datetime) -> bool:
    """The holder of a role just removed is told (ROLE_REVOKED), with their menu before."""
    from bot.services import menus  # menus reads the roles: imported when used, not at the top

    opd = await session.scalar(select(Opd.name).where(Opd.id == role.opd_id)) if role.opd_id else None
    return await menus.tell_menu_changed(
        session, role.telegram_user_id, Notice.ROLE_REVOKED, before, now,
        f"unrole:{role.telegram_user_id}:{role.role}:{role.opd_id or 0}:{now.isoformat()}",
        role=str(role.role), opd=opd, opd_id=role.opd_id)
