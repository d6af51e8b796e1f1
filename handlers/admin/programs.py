"""/admin for BPSDM superadmins: programs, participants and attendance.

Rights are checked from the database on every press, so a withdrawn role stops working
at once, and an old admin button in someone else's hands does nothing.
"""

from __future__ import annotations

import logging
import tempfile
from io import BytesIO
from pathlib import Path

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.i18n import Html, fmt_jp, fmt_short_date, t
from bot.services.identity.accounts import get_viewer
from bot.services.identity.roles import roles_of
from bot.services.audit import telegram_actor
from bot.services.programs.administration import (
    ActionOutcome,
    AdminAction,
    admin_programs,
    apply_action,
    import_attendance,
    mark_attendance,
    participants,
    participants_xlsx,
)
from bot.services.imports.table import MAX_FILE_BYTES, TableError
from handlers.core.access import refuse, superadmin_of
from handlers.core.callback_data import Callback
from handlers.core.common import app_ctx, show, user_id
from handlers.self_service.help import help_command
from handlers.core.keyboards import button
from handlers.programs.views import when
from handlers.self_service.balance_views import fit
from models import Program
from models.enums import AdminRoleKind

log = logging.getLogger(__name__)
ATTENDANCE_PAGE = 8
_STATUS_MARK = {"draft": "📝", "published": "🟢", "cancelled": "⛔", "completed": "🏁"}


async def admin_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Superadmins get program management; OPD admins their menu; everyone else help."""
    ctx = app_ctx(context)
    async with ctx.db.read() as session:
        viewer = await get_viewer(session, user_id(update), ctx.settings.default_language)
        roles = await roles_of(session, user_id(update))
    kinds = {r.role for r in roles}
    if AdminRoleKind.SUPERADMIN in kinds:
        await _program_list(update, context, 0)
    elif AdminRoleKind.OPD_ADMIN in kinds:
        assert update.effective_message is not None
        await update.effective_message.reply_text(t(viewer.language, "admin.opd_menu"))
    else:
        await help_command(update, context)


async def program_list_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    await _program_list(update, context, int(cb.argument))


async def _program_list(update: Update, context: ContextTypes.DEFAULT_TYPE, page: int) -> None:
    lang, allowed = await superadmin_of(update, context)
    if not allowed:
        await refuse(update, lang)
        return
    ctx = app_ctx(context)
    async with ctx.db.read() as session:
        lines, page, pages = await admin_programs(session, ctx.clock.now(), page)
    text = [t(lang, "admin.programs_title")]
    if not lines:
        text.append(t(lang, "admin.programs_none"))
    rows = []
    for line in lines:
        day = fmt_short_date(lang, line.starts_at.astimezone(ctx.settings.tz).date())
        label = (
            f"{_STATUS_MARK.get(line.status, '')} {day} · {line.code} · "
            f"{line.seats_taken}/{line.quota}" + (f" +{line.waitlisted}" if line.waitlisted else "")
        )
        rows.append([button(label, "ac", str(line.id))])
    nav = []
    if page > 0:
        nav.append(button("◀️", "ap", str(page - 1)))
    if page + 1 < pages:
        nav.append(button("▶️", "ap", str(page + 1)))
    if nav:
        rows.append(nav)
    rows.append([button(t(lang, "roles.menu_button"), "ar", "0"),
                 button(t(lang, "audit.button"), "aud", "0")])
    text.append(t(lang, "admin.programs_help"))
    await show(update, fit(lang, text), InlineKeyboardMarkup(rows))


async def program_card_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    await _program_card(update, context, int(cb.argument))


async def _program_card(
    update: Update, context: ContextTypes.DEFAULT_TYPE, program_id: int, notice: str | None = None
) -> None:
    lang, allowed = await superadmin_of(update, context)
    if not allowed:
        await refuse(update, lang)
        return
    ctx = app_ctx(context)
    async with ctx.db.read() as session:
        program = await session.get(Program, program_id)
        people = await participants(session, program_id) if program else []
    if program is None:
        await _expired(update, lang)
        return
    now = ctx.clock.now()
    counts: dict[str, int] = {}
    for person in people:
        counts[person.status] = counts.get(person.status, 0) + 1
    text = [notice, ""] if notice else []
    text += [
        t(lang, "program.title", title=program.title),
        t(lang, "admin.program_meta", code=program.code, status=t(lang, f"admin.status.{program.status}"),
          jp=fmt_jp(lang, program.jp)),
        t(lang, "admin.program_when", when=when(lang, program.starts_at, ctx.settings.tz)),
        t(lang, "admin.program_registration", when=when(lang, program.registration_closes_at, ctx.settings.tz)),
        t(lang, "admin.program_counts", taken=program.seats_taken, quota=program.quota,
          waiting=counts.get("waitlisted", 0), completed=counts.get("completed", 0),
          no_show=counts.get("no_show", 0)),
    ]
    rows = []
    pid = str(program.id)
    if program.status == "draft" and program.starts_at > now:
        rows.append([button(t(lang, "admin.publish"), "aa", f"{pid}.publish")])
    if program.status == "published" and program.registration_closes_at > now:
        rows.append([button(t(lang, "admin.close"), "aa", f"{pid}.close")])
    if program.status == "published" and program.ends_at <= now:
        rows.append([button(t(lang, "admin.finish"), "aa", f"{pid}.finish")])
    elif program.status in ("draft", "published"):
        rows.append([button(t(lang, "admin.cancel"), "aa", f"{pid}.cancel")])
    rows.append([
        button(t(lang, "admin.download"), "ax", pid),
        button(t(lang, "admin.attendance"), "at", f"{pid}.0"),
    ])
    rows.append([button(t(lang, "admin.back"), "ap", "0")])
    await show(update, fit(lang, text), InlineKeyboardMarkup(rows))


async def _expired(update: Update, lang: str) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(t(lang, "callback.expired"), show_alert=True)


async def action_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    lang, allowed = await superadmin_of(update, context)
    if not allowed:
        await refuse(update, lang)
        return
    program_id, action = int(cb.parts[0]), cb.parts[1]
    if action == "cancel":
        markup = InlineKeyboardMarkup([
            [button(t(lang, "admin.cancel_yes"), "aa", f"{program_id}.cancel_ok")],
            [button(t(lang, "admin.back"), "ac", str(program_id))],
        ])
        await show(update, t(lang, "admin.cancel_ask"), markup)
        return
    ctx = app_ctx(context)
    chosen = AdminAction.CANCEL if action == "cancel_ok" else AdminAction(action)
    result = await apply_action(
        ctx.db, program_id, chosen, ctx.clock, actor=telegram_actor(user_id(update))
    )
    if result.outcome == ActionOutcome.NOT_FOUND:
        await _expired(update, lang)
        return
    if result.outcome == ActionOutcome.NOT_ALLOWED:
        notice = t(lang, "admin.action_not_allowed")
    else:
        notice = t(lang, f"admin.done.{chosen.value}", notified=result.notified)
    log.info("admin %s on program %d: %s", chosen.value, program_id, result.outcome.value)
    await _program_card(update, context, program_id, notice)


async def download_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    lang, allowed = await superadmin_of(update, context)
    if not allowed:
        await refuse(update, lang)
        return
    ctx = app_ctx(context)
    async with ctx.db.read() as session:
        program = await session.get(Program, int(cb.argument))
        people = await participants(session, int(cb.argument)) if program else []
    query = update.callback_query
    assert query is not None and query.message is not None
    if program is None:
        await _expired(update, lang)
        return
    data = participants_xlsx(program.code, program.title, people)
    await query.answer()
    await context.bot.send_document(
        query.message.chat.id,
        BytesIO(data),
        filename=f"peserta-{program.code}.xlsx",
        caption=t(lang, "admin.download_caption", title=program.title, count=len(people)),
    )


async def attendance_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    program_id, page = int(cb.parts[0]), int(cb.parts[1])
    await _attendance(update, context, program_id, page)


async def _attendance(
    update: Update, context: ContextTypes.DEFAULT_TYPE, program_id: int, page: int, notice: str | None = None
) -> None:
    lang, allowed = await superadmin_of(update, context)
    if not allowed:
        await refuse(update, lang)
        return
    ctx = app_ctx(context)
    async with ctx.db.read() as session:
        program = await session.get(Program, program_id)
        people = await participants(session, program_id, include_waitlist=False) if program else []
    if program is None:
        await _expired(update, lang)
        return
    pages = max(1, -(-len(people) // ATTENDANCE_PAGE))
    page = min(max(page, 0), pages - 1)
    shown = people[page * ATTENDANCE_PAGE:(page + 1) * ATTENDANCE_PAGE]
    text = [notice, ""] if notice else []
    text += [t(lang, "admin.attendance_title", title=program.title, page=page + 1, pages=pages)]
    if not people:
        text.append(t(lang, "admin.attendance_none"))
    text.append(t(lang, "admin.attendance_help"))
    marks = {"completed": "✅", "no_show": "❌", "enrolled": "▫️"}
    rows = []
    for person in shown:
        rows.append([
            InlineKeyboardButton(f"{marks.get(person.status, '')} {person.name[:30]}",
                                 callback_data=Callback("am", f"{person.enrollment_id}.y.{page}").encode()),
            button("❌", "am", f"{person.enrollment_id}.n.{page}"),
        ])
    nav = []
    if page > 0:
        nav.append(button("◀️", "at", f"{program_id}.{page - 1}"))
    if page + 1 < pages:
        nav.append(button("▶️", "at", f"{program_id}.{page + 1}"))
    if nav:
        rows.append(nav)
    rows.append([button(t(lang, "admin.back"), "ac", str(program_id))])
    await show(update, fit(lang, text), InlineKeyboardMarkup(rows))


async def mark_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    lang, allowed = await superadmin_of(update, context)
    if not allowed:
        await refuse(update, lang)
        return
    ctx = app_ctx(context)
    enrollment_id, flag, page = int(cb.parts[0]), cb.parts[1], int(cb.parts[2])
    result = await mark_attendance(
        ctx.db, enrollment_id, flag == "y", ctx.clock, ctx.settings.tz,
        actor=telegram_actor(user_id(update)),
    )
    if result.program_id is None:
        await _expired(update, lang)
        return
    await _attendance(update, context, result.program_id, page, t(lang, f"admin.mark.{result.outcome.value}"))


async def attendance_file(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An admin sends the filled participant list (or any kode_program/nip/hadir sheet)."""
    message = update.effective_message
    assert message is not None and message.document is not None
    lang, allowed = await superadmin_of(update, context)
    if not allowed:
        await message.reply_text(t(lang, "admin.file_not_expected"))
        return
    document = message.document
    name = document.file_name or "berkas"
    suffix = Path(name).suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        await message.reply_text(t(lang, "admin.file_problem", reason=t(lang, "import.error.file_type")))
        return
    if document.file_size and document.file_size > MAX_FILE_BYTES:
        await message.reply_text(t(lang, "admin.file_problem", reason=t(lang, "import.error.file_too_large")))
        return
    ctx = app_ctx(context)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"attendance{suffix}"
        telegram_file = await document.get_file()
        await telegram_file.download_to_drive(path)
        try:
            report = await import_attendance(
                ctx.db, path, ctx.clock, ctx.settings.tz, actor=telegram_actor(user_id(update))
            )
        except TableError as exc:
            reason = t(lang, f"import.error.{exc.code}", columns=", ".join(exc.columns))
            await message.reply_text(t(lang, "admin.file_problem", reason=reason))
            return
    if report.errors:
        lines = [t(lang, "admin.attendance_rejected", count=len(report.errors))]
        for error in report.errors[:20]:
            lines.append(t(lang, "import.error_line", row=error.row, column=error.column,
                           message=Html(t(lang, f"import.error.{error.code}"))))
        await message.reply_text(fit(lang, lines))
        return
    await message.reply_text(
        t(lang, "admin.attendance_done", completed=report.completed, no_show=report.no_show,
          already=report.already, skipped=report.skipped)
    )
