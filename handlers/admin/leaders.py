"""Superadmins make an employee head of their OPD (kepala OPD) from the same screens as
OPD admins: after typing the NIP, 🏛 Jadikan kepala OPD instead of ✅ Ya; and revoke it
from the list. The leaders service checks the presser on every press and audits."""

from __future__ import annotations

from telegram import Update

from bot.presentation.buttons.admin import GrantKepalaOpd, OpdAdmins, RevokeKepalaOpd
from bot.services.identity.leaders import grant_kepala_opd, revoke_kepala_opd
from bot.services.identity.roles import require_superadmin
from handlers.admin.roles import CONFIRM, ROLES, _show_list
from handlers.core.context import BotContext
from handlers.core.keyboards import button, rows
from handlers.core.menus import refresh_commands
from handlers.core.routes import Work
from handlers.core.routes import button as on_button


@on_button(GrantKepalaOpd, work=Work.WRITE)
async def kepala_grant_pressed(update: Update, context: BotContext, pressed: GrantKepalaOpd) -> None:
    await require_superadmin(context.session, context.user_id)
    found = await ROLES.current(context)
    if found is None or found[0] != CONFIRM or found[1].employee_id != pressed.employee_id:
        context.replies.refuse(context.text("callback.expired"))
        return
    granted = await grant_kepala_opd(context.session, context.user_id, pressed.employee_id, context.now())
    await ROLES.end(context)
    if granted is not None:
        await refresh_commands(context, granted.telegram_user_id)
    key = "roles.kepala_granted" if granted is not None else "roles.not_granted"
    await _show_list(context, context.text(key, opd=granted.opd_name if granted else ""))


@on_button(RevokeKepalaOpd, work=Work.WRITE)
async def kepala_revoke_pressed(update: Update, context: BotContext, pressed: RevokeKepalaOpd) -> None:
    """First press asks; the confirmation revokes."""
    await require_superadmin(context.session, context.user_id)
    if not pressed.confirmed:
        markup = rows([button(context.text("roles.revoke_yes"), RevokeKepalaOpd(pressed.role_id, True)),
                       button(context.text("roles.cancel_button"), OpdAdmins(0))])
        context.replies.show(context.text("roles.revoke_confirm"), markup)
        return
    removed = await revoke_kepala_opd(context.session, context.user_id, pressed.role_id, context.now())
    if removed is not None:
        await refresh_commands(context, removed.telegram_user_id)
    await _show_list(context, context.text("roles.kepala_revoked" if removed is not None else "roles.revoke_gone"))
