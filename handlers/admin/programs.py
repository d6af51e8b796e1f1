"""/admin for BPSDM superadmins: the programs, one program's card and its actions
(publish, close registration, cancel, finish), and the participant list as XLSX.

Rights are checked by the service on every press (superadmins only), so a withdrawn role
stops working at once and an old admin button in someone else's hands does nothing.
"""

from __future__ import annotations

import logging

from telegram import Update

from bot.i18n import fmt_jp, fmt_short_date
from bot.presentation.buttons.admin import (
    AdminProgram,
    AdminPrograms,
    Attendance,
    AuditWorkbook,
    OpdAdmins,
    ParticipantsWorkbook,
    ProgramAction,
)
from bot.presentation.buttons.attendance import CheckinQr, EvaluationResults
from bot.presentation.buttons.demand import DemandTable
from bot.presentation.text import fit, when
from bot.services.attendance.checkin import session_attendance
from bot.services.attendance.completion import sessions_required
from bot.services.programs.administration import (
    ActionOutcome,
    AdminAction,
    admin_programs,
    apply_action,
    participant_list,
    participants_workbook,
    program_overview,
)
from handlers.core.context import BotContext
from handlers.core.keyboards import button, paging, rows
from handlers.core.routes import Work
from handlers.core.routes import button as on_button

log = logging.getLogger(__name__)
_STATUS_MARK = {"draft": "📝", "published": "🟢", "cancelled": "⛔", "completed": "🏁"}


async def show_program_list(context: BotContext, page: int) -> None:
    lines, page, pages = await admin_programs(context.session, context.user_id, page)
    lang = context.lang
    text = [context.text("admin.programs_title")]
    if not lines:
        text.append(context.text("admin.programs_none"))
    buttons = []
    for line in lines:
        day = fmt_short_date(lang, line.starts_at.astimezone(context.tz).date())
        label = (f"{_STATUS_MARK.get(line.status, '')} {day} · {line.code} · "
                 f"{line.seats_taken}/{line.quota}" + (f" +{line.waitlisted}" if line.waitlisted else ""))
        buttons.append([button(label, AdminProgram(line.id))])
    if pages > 1:
        text.append(context.text("list.page", page=page + 1, pages=pages))
    text.append(context.text("admin.programs_help"))
    markup = rows(*buttons, paging(page, pages, AdminPrograms),
                  [button(context.text("roles.menu_button"), OpdAdmins()),
                   button(context.text("audit.button"), AuditWorkbook())],
                  [button(context.text("demand.open"), DemandTable(context.today().year))])
    context.replies.show(fit(lang, text), markup)


@on_button(AdminPrograms)
async def program_list_pressed(update: Update, context: BotContext, pressed: AdminPrograms) -> None:
    await show_program_list(context, pressed.page)


@on_button(AdminProgram)
async def program_card_pressed(update: Update, context: BotContext, pressed: AdminProgram) -> None:
    await show_program_card(context, pressed.program_id)


async def show_program_card(context: BotContext, program_id: int, notice: str | None = None) -> None:
    program = await program_overview(context.session, context.user_id, program_id)
    if program is None:
        context.replies.toast(context.text("callback.expired"), alert=True)
        return
    lang, tz, now, counts = context.lang, context.tz, context.now(), program.counts
    text = [notice, ""] if notice else []
    text += [
        context.text("program.title", title=program.title),
        context.text("admin.program_meta", code=program.code,
                     status=context.text(f"admin.status.{program.status}"), jp=fmt_jp(lang, program.jp)),
        context.text("admin.program_when", when=when(lang, program.starts_at, tz)),
        context.text("admin.program_registration", when=when(lang, program.registration_closes_at, tz)),
        context.text("admin.program_counts", taken=program.seats_taken, quota=program.quota,
                     waiting=counts.get("waitlisted", 0), completed=counts.get("completed", 0),
                     no_show=counts.get("no_show", 0)),
    ]
    sessions = await session_attendance(context.session, program.id)
    participants = sum(counts.get(k, 0) for k in ("enrolled", "completed", "no_show"))
    if sessions:
        text += ["", context.text("admin.sessions_header", total=len(sessions),
                                  required=sessions_required(len(sessions), program.min_attendance_pct))]
        text += [context.text("admin.session_line", n=s.number, when=when(lang, s.starts_at, tz),
                              checked=s.checked_in, enrolled=participants) for s in sessions]
    qr_buttons = [button(context.text("admin.qr_button", n=s.number), CheckinQr(s.id))
                  for s in sessions if program.status == "published" and s.ends_at > now]

    def act(key: str, action: AdminAction) -> list:  # type: ignore[type-arg]
        return [button(context.text(key), ProgramAction(program.id, action))]

    open_ = program.status in ("draft", "published")
    finished = program.status == "published" and program.ends_at <= now
    markup = rows(
        act("admin.publish", AdminAction.PUBLISH) if program.status == "draft" and program.starts_at > now else None,
        act("admin.close", AdminAction.CLOSE)
        if program.status == "published" and program.registration_closes_at > now else None,
        act("admin.finish", AdminAction.FINISH) if finished else None,
        act("admin.cancel", AdminAction.CANCEL) if open_ and not finished else None,
        *[qr_buttons[i:i + 3] for i in range(0, len(qr_buttons), 3)],
        [button(context.text("admin.download"), ParticipantsWorkbook(program.id)),
         button(context.text("admin.attendance"), Attendance(program.id, 0))],
        [button(context.text("admin.eval_button"), EvaluationResults(program.id))]
        if program.status == "completed" else None,
        [button(context.text("admin.back"), AdminPrograms(0))],
    )
    context.replies.show(fit(lang, text), markup)


@on_button(ProgramAction, work=Work.WRITE)
async def action_pressed(update: Update, context: BotContext, pressed: ProgramAction) -> None:
    program_id, action = pressed.program_id, pressed.action
    if action == AdminAction.CANCEL and not pressed.confirmed:
        await program_overview(context.session, context.user_id, program_id)  # superadmins only
        markup = rows([button(context.text("admin.cancel_yes"), ProgramAction(program_id, action, True))],
                      [button(context.text("admin.back"), AdminProgram(program_id))])
        context.replies.show(context.text("admin.cancel_ask"), markup)
        return
    result = await apply_action(context.session, context.user_id, program_id, action, context.now(),
                                context.settings.jp_year_start_month, context.tz)
    if result.outcome == ActionOutcome.NOT_FOUND:
        context.replies.toast(context.text("callback.expired"), alert=True)
        return
    if result.outcome == ActionOutcome.NOT_ALLOWED:
        notice = context.text("admin.action_not_allowed")
    else:
        notice = context.text(f"admin.done.{action.value}", notified=result.notified)
        if action == AdminAction.FINISH:
            notice += "\n" + context.text("admin.finished_counts", completed=result.completed,
                                          absent=result.absent)
    log.info("admin %s on program %d: %s", action.value, program_id, result.outcome.value)
    await show_program_card(context, program_id, notice)


@on_button(ParticipantsWorkbook)
async def download_pressed(update: Update, context: BotContext, pressed: ParticipantsWorkbook) -> None:
    found = await participant_list(context.session, context.user_id, pressed.program_id)
    if found is None:
        context.replies.toast(context.text("callback.expired"), alert=True)
        return
    program, people = found
    data = participants_workbook(program, people, context.text)
    context.replies.toast()
    context.replies.document(data, f"peserta-{program.code}.xlsx",
                             context.text("admin.download_caption", title=program.title, count=len(people)))
