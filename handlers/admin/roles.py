"""Superadmins grant and revoke OPD admins in Telegram (from /admin → 👥 Admin OPD).

Adding: the superadmin types the employee's NIP (the "roles" flow below), sees who it is
and which OPD they would administer (their own), and confirms. The new admin must have
linked Telegram; they are told through the outbox. The roles service checks on every
press that the presser is a superadmin, and writes every change to the audit trail.
"""

from __future__ import annotations

from pydantic import BaseModel
from telegram import Message, Update

from bot.i18n import Html
from bot.presentation.buttons.admin import (
    AddOpdAdmin,
    GrantKepalaOpd,
    GrantOpdAdmin,
    OpdAdmins,
    RevokeKepalaOpd,
    RevokeOpdAdmin,
)
from bot.services.identity.leaders import kepala_opd_lines
from bot.presentation.text import fit
from bot.services.identity.roles import (
    Candidate,
    admin_scope,
    grant_opd_admin,
    opd_admin_candidate,
    opd_admins,
    require_superadmin,
    revoke_opd_admin,
)
from handlers.core.context import BotContext
from handlers.core.flows import Flow, Step
from handlers.core.keyboards import button, paging, rows
from handlers.core.menus import refresh_commands
from handlers.core.routes import Work
from handlers.core.routes import button as on_button

ASK_NIP, CONFIRM = "nip", "confirm"
PAGE = 15


class AddingAdmin(BaseModel):
    employee_id: int | None = None  # the employee shown for confirmation


@on_button(OpdAdmins, work=Work.WRITE)
async def list_pressed(update: Update, context: BotContext, pressed: OpdAdmins) -> None:
    """The OPD admins (a page of them); also the "cancel" of adding one."""
    await require_superadmin(context.session, context.user_id)
    if await ROLES.current(context) is not None:
        await ROLES.end(context)  # leaving the add flow: input is free again
    await _show_list(context, page=pressed.page)


async def _show_list(context: BotContext, notice: str | None = None, page: int = 0) -> None:
    admins = await opd_admins(context.session, context.user_id)
    pages = max(1, -(-len(admins) // PAGE))
    page = min(max(page, 0), pages - 1)
    lines = [notice] if notice else []
    lines.append(context.text("roles.title"))
    if not admins:
        lines.append(context.text("roles.none"))
    revoke = []
    first = page * PAGE
    for n, line in enumerate(admins[first:first + PAGE], start=first + 1):
        who = line.name or context.text("roles.unlinked_account", id=line.telegram_user_id)
        lines.append(context.text("roles.line", n=n, name=who, opd=line.opd_name)
                     + ("" if line.acting else context.text("roles.suspended")))
        # Button labels are plain text: the name goes in unescaped.
        label = context.text("roles.revoke_button", n=n, name=Html(who))[:60]
        revoke.append([button(label, RevokeOpdAdmin(line.role_id))])
    # Heads of OPD (few: one per OPD) follow on every page, with their own revoke buttons.
    heads = await kepala_opd_lines(context.session, context.user_id)
    if heads:
        lines.append(context.text("roles.kepala_title"))
    for n, line in enumerate(heads, start=1):
        who = line.name or context.text("roles.unlinked_account", id=line.telegram_user_id)
        lines.append(context.text("roles.line", n=n, name=who, opd=line.opd_name)
                     + ("" if line.acting else context.text("roles.suspended")))
        label = context.text("roles.revoke_button", n=n, name=Html(who))[:60]
        revoke.append([button("🏛 " + label, RevokeKepalaOpd(line.role_id))])
    if pages > 1:
        lines.append(context.text("list.page", page=page + 1, pages=pages))
    markup = rows(*revoke, paging(page, pages, OpdAdmins),
                  [button(context.text("roles.add_button"), AddOpdAdmin())])
    context.replies.show(fit(context.lang, lines), markup)


@on_button(AddOpdAdmin, work=Work.WRITE)
async def add_pressed(update: Update, context: BotContext, pressed: AddOpdAdmin) -> None:
    await require_superadmin(context.session, context.user_id)
    await ROLES.save(context, ASK_NIP, AddingAdmin())
    context.replies.toast()
    context.replies.message(context.text("roles.ask_nip"))


async def _nip_typed(update: Update, context: BotContext, state: AddingAdmin, message: Message) -> None:
    check = await opd_admin_candidate(context.session, context.user_id, message.text or "")
    if check.outcome != Candidate.FOUND:
        context.replies.message(context.text(f"roles.candidate.{check.outcome.value}",
                                             name=check.name or "", opd=check.opd_name or ""))
        return
    assert check.employee_id is not None
    await ROLES.save(context, CONFIRM, AddingAdmin(employee_id=check.employee_id))
    markup = rows([button(context.text("roles.confirm_button"), GrantOpdAdmin(check.employee_id)),
                   button(context.text("roles.cancel_button"), OpdAdmins(0))],
                  [button(context.text("roles.kepala_button"), GrantKepalaOpd(check.employee_id))])
    context.replies.message(context.text("roles.confirm", name=check.name, opd=check.opd_name), markup)


@on_button(GrantOpdAdmin, work=Work.WRITE)
async def grant_pressed(update: Update, context: BotContext, pressed: GrantOpdAdmin) -> None:
    await require_superadmin(context.session, context.user_id)
    found = await ROLES.current(context)
    if found is None or found[0] != CONFIRM or found[1].employee_id != pressed.employee_id:
        context.replies.refuse(context.text("callback.expired"))
        return
    granted = await grant_opd_admin(context.session, context.user_id, pressed.employee_id, context.now())
    await ROLES.end(context)
    if granted is not None:
        # At once; the notice (which waits out quiet hours) brings the menu and the list again.
        await refresh_commands(context, granted.telegram_user_id)
    key = "roles.granted" if granted is not None else "roles.not_granted"
    await _show_list(context, context.text(key, opd=granted.opd_name if granted else ""))


@on_button(RevokeOpdAdmin, work=Work.WRITE)
async def revoke_pressed(update: Update, context: BotContext, pressed: RevokeOpdAdmin) -> None:
    """First press asks; the confirmation revokes."""
    await require_superadmin(context.session, context.user_id)
    if not pressed.confirmed:
        markup = rows([button(context.text("roles.revoke_yes"), RevokeOpdAdmin(pressed.role_id, True)),
                       button(context.text("roles.cancel_button"), OpdAdmins(0))])
        context.replies.show(context.text("roles.revoke_confirm"), markup)
        return
    removed = await revoke_opd_admin(context.session, context.user_id, pressed.role_id, context.now())
    if removed is not None:
        await refresh_commands(context, removed.telegram_user_id)
    await _show_list(context, context.text("roles.revoked" if removed is not None else "roles.revoke_gone"))


async def _gone(context: BotContext) -> str | None:
    scope = await admin_scope(context.session, context.user_id)
    return context.text("admin.not_allowed") if scope is None or not scope.superadmin else None


ROLES: Flow[AddingAdmin] = Flow("roles", AddingAdmin, {
    ASK_NIP: Step(_nip_typed, wrong_input="roles.ask_nip"),
    CONFIRM: Step(),
}, gone=_gone)
