"""Superadmins grant and revoke OPD admins in Telegram (from /admin → 👥 Admin OPD).

Adding: the superadmin types the employee's NIP (a short flow kept in the database), sees
who it is and which OPD they would administer (their own), and confirms. The new admin
must have linked Telegram; they are told through the outbox. Every press re-checks that
the presser is a superadmin, and every change is on the audit trail.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.i18n import Html, t
from bot.services.identity.roles import (
    Candidate,
    grant_opd_admin,
    opd_admin_candidate,
    opd_admins,
    revoke_opd_admin,
)
from bot.services.audit import record, telegram_actor
from bot.services.dialogs import DialogState
from bot.services.outbox.queue import Notice, notify_employee
from handlers.core import flows as dialog
from handlers.core.access import refuse, superadmin_of
from handlers.core.callback_data import Callback
from handlers.core.common import app_ctx, show, user_id
from handlers.core.keyboards import button
from handlers.self_service.balance_views import fit

FLOW = "roles"
ASK_NIP, CONFIRM = "nip", "confirm"
PAGE = 15


async def list_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    """The OPD admins (a page of them); also the "cancel" of adding one."""
    lang, allowed = await superadmin_of(update, context)
    if not allowed:
        await refuse(update, lang)
        return
    if await dialog.load_state(update, context, FLOW) is not None:
        await dialog.end_flow(update, context)  # leaving the add flow: input is free again
    await _show_list(update, context, lang, page=int(cb.argument))


async def _show_list(
    update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str, notice: str | None = None,
    page: int = 0,
) -> None:
    async with app_ctx(context).db.read() as session:
        admins = await opd_admins(session)
    pages = max(1, -(-len(admins) // PAGE))
    page = min(max(page, 0), pages - 1)
    lines = [notice] if notice else []
    lines.append(t(lang, "roles.title"))
    if not admins:
        lines.append(t(lang, "roles.none"))
    rows = []
    first = page * PAGE
    for n, line in enumerate(admins[first:first + PAGE], start=first + 1):
        who = line.name or t(lang, "roles.unlinked_account", id=line.telegram_user_id)
        lines.append(t(lang, "roles.line", n=n, name=who, opd=line.opd_name))
        # Button labels are plain text: the name goes in unescaped.
        label = t(lang, "roles.revoke_button", n=n, name=Html(who))[:60]
        rows.append([button(label, "ard", str(line.role_id))])
    nav = []
    if page > 0:
        nav.append(button("◀️", "ar", str(page - 1)))
    if page + 1 < pages:
        nav.append(button("▶️", "ar", str(page + 1)))
    if nav:
        rows.append(nav)
    rows.append([button(t(lang, "roles.add_button"), "arn", "0")])
    await show(update, fit(lang, lines), InlineKeyboardMarkup(rows))


async def add_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    lang, allowed = await superadmin_of(update, context)
    if not allowed:
        await refuse(update, lang)
        return
    await dialog.save_state(update, context, DialogState(FLOW, ASK_NIP))
    query = update.callback_query
    assert query is not None and query.message is not None
    await query.answer()
    await context.bot.send_message(query.message.chat.id, t(lang, "roles.ask_nip"))


async def on_input(update: Update, context: ContextTypes.DEFAULT_TYPE, state: DialogState) -> None:
    message = update.effective_message
    assert message is not None
    lang, allowed = await superadmin_of(update, context)
    if not allowed:
        await dialog.end_flow(update, context)
        await refuse(update, lang)
        return
    if state.step != ASK_NIP or not message.text:
        await message.reply_text(t(lang, "dialog.use_buttons" if state.step == CONFIRM else "roles.ask_nip"))
        return
    async with app_ctx(context).db.read() as session:
        check = await opd_admin_candidate(session, message.text)
    if check.outcome != Candidate.FOUND:
        await message.reply_text(
            t(lang, f"roles.candidate.{check.outcome.value}", name=check.name or "",
              opd=check.opd_name or "")
        )
        return
    await dialog.save_state(update, context, DialogState(FLOW, CONFIRM, {"employee_id": check.employee_id}))
    markup = InlineKeyboardMarkup([[
        button(t(lang, "roles.confirm_button"), "arg", str(check.employee_id)),
        button(t(lang, "roles.cancel_button"), "ar", "0"),
    ]])
    await message.reply_text(t(lang, "roles.confirm", name=check.name, opd=check.opd_name),
                             reply_markup=markup)


async def grant_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    lang, allowed = await superadmin_of(update, context)
    if not allowed:
        await refuse(update, lang)
        return
    state = await dialog.load_state(update, context, FLOW)
    employee_id = int(cb.argument)
    if state is None or state.step != CONFIRM or state.data.get("employee_id") != employee_id:
        await refuse(update, lang, "callback.expired")
        return
    ctx = app_ctx(context)
    now = ctx.clock.now()
    actor = telegram_actor(user_id(update))
    async with ctx.db.transaction(write=True) as session:
        granted = await grant_opd_admin(session, employee_id, actor, ctx.clock)
        if granted is not None:
            await record(session, actor, "grant_role", now, target=f"tg:{granted.telegram_user_id}",
                         role="opd_admin", opd_id=granted.opd_id,
                         replaced_roles=granted.replaced or None)
            await notify_employee(session, employee_id, Notice.ROLE_GRANTED,
                                  {"opd": granted.opd_name},
                                  f"role:{granted.telegram_user_id}:{granted.opd_id}:{now.isoformat()}",
                                  now)
    await dialog.end_flow(update, context)
    key = "roles.granted" if granted is not None else "roles.not_granted"
    await _show_list(update, context, lang, t(lang, key, opd=granted.opd_name if granted else ""))


async def revoke_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    """First press asks; the confirmation (ary) revokes."""
    lang, allowed = await superadmin_of(update, context)
    if not allowed:
        await refuse(update, lang)
        return
    role_id = int(cb.argument)
    if cb.action == "ard":
        markup = InlineKeyboardMarkup([[
            button(t(lang, "roles.revoke_yes"), "ary", str(role_id)),
            button(t(lang, "roles.cancel_button"), "ar", "0"),
        ]])
        await show(update, t(lang, "roles.revoke_confirm"), markup)
        return
    ctx = app_ctx(context)
    now = ctx.clock.now()
    actor = telegram_actor(user_id(update))
    async with ctx.db.transaction(write=True) as session:
        removed = await revoke_opd_admin(session, role_id)
        if removed is not None:
            await record(session, actor, "revoke_role", now, target=f"tg:{removed.telegram_user_id}",
                         role="opd_admin", opd_id=removed.opd_id)
    await _show_list(update, context, lang,
                     t(lang, "roles.revoked" if removed is not None else "roles.revoke_gone"))

