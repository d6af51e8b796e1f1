"""Attendance for superadmins: per participant from the program's card, or for everyone
at once by sending back the participant list with the attendance column filled in."""

from __future__ import annotations

from pathlib import Path

from telegram import InlineKeyboardButton, Update

from bot.i18n import t
from bot.presentation.buttons.admin import AdminProgram, Attendance, MarkAttendance
from bot.presentation.text import fit
from bot.jobs.attendance import record_file
from bot.services.spreadsheets.reader import MAX_FILE_BYTES
from bot.services.programs.administration import (
    attendance_file_allowed,
    mark_attendance,
    participant_list,
)
from handlers.core.context import BotContext, message_of
from handlers.core.flows import DOCUMENT, outside_flows
from handlers.core.keyboards import button, paging, rows

from handlers.core.routes import Work
from handlers.core.routes import button as on_button

PAGE = 8
_MARKS = {"completed": "✅", "no_show": "❌", "enrolled": "▫️"}


@on_button(Attendance)
async def attendance_pressed(update: Update, context: BotContext, pressed: Attendance) -> None:
    await _show(context, pressed.program_id, pressed.page)


async def _show(context: BotContext, program_id: int, page: int, notice: str | None = None) -> None:
    found = await participant_list(context.session, context.user_id, program_id, include_waitlist=False)
    if found is None:
        context.replies.toast(context.text("callback.expired"), alert=True)
        return
    program, people = found
    pages = max(1, -(-len(people) // PAGE))
    page = min(max(page, 0), pages - 1)
    text = [notice, ""] if notice else []
    text += [context.text("admin.attendance_title", title=program.title, page=page + 1, pages=pages)]
    if not people:
        text.append(context.text("admin.attendance_none"))
    text.append(context.text("admin.attendance_help"))
    marks: list[list[InlineKeyboardButton]] = [
        [button(f"{_MARKS.get(person.status, '')} {person.name[:30]}",
                MarkAttendance(person.enrollment_id, True, page)),
         button("❌", MarkAttendance(person.enrollment_id, False, page))]
        for person in people[page * PAGE:(page + 1) * PAGE]
    ]
    markup = rows(*marks, paging(page, pages, lambda p: Attendance(program_id, p)),
                  [button(context.text("admin.back"), AdminProgram(program_id))])
    context.replies.show(fit(context.lang, text), markup)


@on_button(MarkAttendance, work=Work.WRITE)
async def mark_pressed(update: Update, context: BotContext, pressed: MarkAttendance) -> None:
    result = await mark_attendance(context.session, context.user_id, pressed.enrollment_id,
                                   pressed.attended, context.now(), context.tz)
    if result.program_id is None:
        context.replies.toast(context.text("callback.expired"), alert=True)
        return
    await _show(context, result.program_id, pressed.page, context.text(f"admin.mark.{result.outcome.value}"))


@outside_flows(DOCUMENT)
async def attendance_file(update: Update, context: BotContext) -> None:
    """An admin sends the filled participant list (or any kode_program/nip/hadir sheet);
    the only file asked for outside a guided flow. Reading it takes a while: the admin is
    told at once, the file is read in the background outside any transaction, and only
    then is the attendance written, in a short transaction of its own."""
    message = message_of(update)
    document = message.document
    assert document is not None
    if not await attendance_file_allowed(context.session, context.user_id):
        context.replies.message(context.text("admin.file_not_expected"))
        return
    suffix = Path(document.file_name or "berkas").suffix.lower()
    problem = None
    if suffix not in (".xlsx", ".csv"):
        problem = "file_type"
    elif document.file_size and document.file_size > MAX_FILE_BYTES:
        problem = "file_too_large"
    if problem is not None:
        context.replies.message(context.text("admin.file_problem", reason=context.text(f"import.error.{problem}")))
        return
    context.replies.message(context.text("admin.attendance_preparing"))
    app, caller, lang, chat_id, bot = context.app, context.user_id, context.lang, context.replies.chat_id, context.bot

    async def download(path: Path) -> None:
        await (await document.get_file()).download_to_drive(path)

    async def check() -> None:
        try:
            answer = await record_file(app, caller, lang, suffix, download)
        except Exception:
            await bot.send_message(chat_id, t(lang, "admin.attendance_failed"))
            raise
        await bot.send_message(chat_id, answer)

    context.in_background("attendance-file", check)
