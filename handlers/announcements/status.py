"""The live delivery report of an announcement, and the buttons on it.

A job edits each running announcement's status message every few seconds with sent /
failed / blocked / remaining and an estimate of the time left; when nothing is left it
marks the announcement done, writes the final counts to the audit trail and sends the
final report with a button to retry the failed copies. The counts come from the outbox
rows, so a restart (of the sender or of the whole bot) changes none of them.
"""

from __future__ import annotations

import io
import logging
import math
from datetime import datetime, timedelta

from babel.dates import format_timedelta
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from telegram import Bot, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application, ContextTypes

from bot.context import AppContext
from bot.presentation.delivery import in_quiet_hours, quiet_hours_end
from bot.i18n import fmt_date, fmt_time, t, zone_label
from bot.services.announcements import lifecycle as ann
from bot.services.identity.accounts import get_viewer
from bot.services.announcements.lifecycle import AnnouncementStatus, Progress
from bot.services.audit import telegram_actor
from bot.services.reminders.planning import BehindRule
from handlers.core.access import admin_of, refuse
from handlers.core.callback_data import Callback
from handlers.core.common import CTX_KEY, app_ctx, user_id
from handlers.core.keyboards import button
from models import Announcement

log = logging.getLogger(__name__)
STATUS_INTERVAL = 5.0  # seconds between two edits of a status message
LAST_TEXT_KEY = "announce_last_status"


def _eta(lang: str, ctx: AppContext, remaining: int) -> str:
    seconds = max(1, math.ceil(remaining / ctx.settings.send_rate_per_second))
    return format_timedelta(timedelta(seconds=seconds), threshold=1.1, locale=lang)


def status_text(lang: str, ctx: AppContext, item: Announcement, progress: Progress) -> str:
    tz, now = ctx.settings.tz, ctx.clock.now()
    lines = [t(lang, f"announce.status.{item.status}", id=item.id)]
    if item.status == AnnouncementStatus.SCHEDULED:
        local = item.send_at.astimezone(tz)
        lines.append(t(lang, "announce.status.when", zone=zone_label(tz),
                       when=f"{fmt_date(lang, local.date())}, {fmt_time(lang, local, tz)}"))
    lines.append(t(lang, "announce.status.counts", sent=progress.sent, failed=progress.failed,
                   blocked=progress.blocked, remaining=progress.remaining,
                   total=item.recipients))
    if item.status == AnnouncementStatus.CANCELLED and progress.skipped:
        lines.append(t(lang, "announce.status.not_sent", count=progress.skipped))
    if item.status == AnnouncementStatus.SENDING and progress.remaining:
        s = ctx.settings
        if in_quiet_hours(now, s.quiet_hours_start, s.quiet_hours_end, tz):
            resume = quiet_hours_end(now, s.quiet_hours_end, tz)
            lines.append(t(lang, "announce.status.quiet", time=fmt_time(lang, resume, tz)))
        else:
            lines.append(t(lang, "announce.status.eta", eta=_eta(lang, ctx, progress.remaining)))
    if item.unlinked:
        lines.append(t(lang, "announce.status.unlinked", count=item.unlinked))
    return "\n".join(lines)


def status_markup(lang: str, item: Announcement, progress: Progress) -> InlineKeyboardMarkup | None:
    rows = []
    if item.status in (AnnouncementStatus.SCHEDULED, AnnouncementStatus.SENDING):
        rows.append([button(t(lang, "announce.stop"), "anm", f"{item.id}.cancel")])
    elif item.status == AnnouncementStatus.DONE and progress.failed:
        rows.append([button(t(lang, "announce.retry", count=progress.failed), "anm",
                            f"{item.id}.retry")])
    if item.unlinked:
        rows.append([button(t(lang, "announce.unlinked_file"), "anm", f"{item.id}.unlinked")])
    return InlineKeyboardMarkup(rows) if rows else None


async def _lang(ctx: AppContext, chat_id: int) -> str:
    async with ctx.db.read() as session:
        viewer = await get_viewer(session, chat_id, ctx.settings.default_language)
    return viewer.language


async def send_status(bot: Bot, ctx: AppContext, announcement_id: int, lang: str) -> None:
    """A new status message for the announcement, remembered for the live edits."""
    async with ctx.db.read() as session:
        item = await session.get(Announcement, announcement_id)
        assert item is not None
        progress = await ann.progress(session, announcement_id)
    try:
        sent = await bot.send_message(item.admin_chat_id, status_text(lang, ctx, item, progress),
                                      reply_markup=status_markup(lang, item, progress))
    except TelegramError as exc:  # the status job sends a new one on its next round
        log.info("status of announcement %d not sent: %s", item.id, type(exc).__name__)
        return
    async with ctx.db.transaction(write=True) as session:
        await ann.remember_status_message(session, announcement_id, sent.message_id)


async def _edit(bot: Bot, item: Announcement, text: str, markup: InlineKeyboardMarkup | None) -> None:
    if item.status_message_id is None:
        return
    try:
        await bot.edit_message_text(text, chat_id=item.admin_chat_id,
                                    message_id=item.status_message_id, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            log.info("status of announcement %d not edited: %s", item.id, exc.message)
    except (Forbidden, TelegramError) as exc:
        log.info("status of announcement %d not edited: %s", item.id, type(exc).__name__)


async def _finish(ctx: AppContext, item: Announcement, progress: Progress, now: datetime) -> bool:
    """Mark it done exactly once; True for the run that did."""
    async with ctx.db.transaction(write=True) as session:
        if not await ann.mark_done(session, item, progress, now):
            return False
    item.status = AnnouncementStatus.DONE
    return True


async def report_once(bot: Bot, ctx: AppContext, last_text: dict[int, str]) -> None:
    """One round over the running announcements: start the due, edit, finish."""
    now = ctx.clock.now()
    async with ctx.db.read() as session:  # every 5 s: no write lock unless there is news
        items = await ann.active(session, now)
        progresses = {item.id: await ann.progress(session, item.id) for item in items}
        session.expunge_all()
    due = [item.id for item in items if item.status == AnnouncementStatus.SCHEDULED]
    if due:
        stopped = await _start_due(ctx, due, now)
        for item in items:
            if item.id in due:
                item.status = AnnouncementStatus.CANCELLED if item.id in stopped else AnnouncementStatus.SENDING
        if stopped:  # its copies were skipped: read the counts again
            async with ctx.db.read() as session:
                for item_id in stopped:
                    progresses[item_id] = await ann.progress(session, item_id)
    for item in items:
        progress = progresses[item.id]
        lang = await _lang(ctx, item.admin_chat_id)
        finished = progress.finished and await _finish(ctx, item, progress, now)
        text = status_text(lang, ctx, item, progress)
        if last_text.get(item.id) != text:
            if item.status_message_id is None:  # the first one could not be sent: again
                await send_status(bot, ctx, item.id, lang)
            else:
                await _edit(bot, item, text, status_markup(lang, item, progress))
            last_text[item.id] = text
        if item.status == AnnouncementStatus.CANCELLED:
            await _tell(bot, item.admin_chat_id, t(lang, "announce.author_gone", id=item.id))
        if finished:
            last_text.pop(item.id, None)
            await _final_report(bot, item, lang, progress)


async def _start_due(ctx: AppContext, due: list[int], now: datetime) -> set[int]:
    """Start the scheduled announcements that came due; returns those stopped because
    their author may no longer send them."""
    stopped = set()
    async with ctx.db.transaction(write=True) as session:
        for announcement_id in due:
            item = await session.get(Announcement, announcement_id)
            if item is not None and not await ann.start(session, item, now):
                if item.status == AnnouncementStatus.CANCELLED:
                    stopped.add(announcement_id)
    return stopped


async def _tell(bot: Bot, chat_id: int, text: str) -> None:
    try:
        await bot.send_message(chat_id, text)
    except TelegramError as exc:
        log.info("admin not told: %s", type(exc).__name__)


async def _final_report(bot: Bot, item: Announcement, lang: str, progress: Progress) -> None:
    markup = None
    if progress.failed:
        markup = InlineKeyboardMarkup(
            [[button(t(lang, "announce.retry", count=progress.failed), "anm", f"{item.id}.retry")]]
        )
    try:
        await bot.send_message(
            item.admin_chat_id,
            t(lang, "announce.final", id=item.id, sent=progress.sent, failed=progress.failed,
              blocked=progress.blocked, total=item.recipients, unlinked=item.unlinked),
            reply_markup=markup,
        )
    except TelegramError as exc:
        log.info("final report of announcement %d not sent: %s", item.id, type(exc).__name__)


async def _job(context: ContextTypes.DEFAULT_TYPE) -> None:
    last_text = context.application.bot_data.setdefault(LAST_TEXT_KEY, {})
    await report_once(context.bot, context.application.bot_data[CTX_KEY], last_text)


def schedule(app: Application) -> None:  # type: ignore[type-arg]
    if app.job_queue is not None:
        app.job_queue.run_repeating(_job, interval=STATUS_INTERVAL, first=STATUS_INTERVAL,
                                    name="announcement-status")


# --- the buttons on a status message ---------------------------------------------------


async def manage_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    """Stop, retry the failed, or download the unlinked: by an admin whose scope covers it."""
    query = update.callback_query
    assert query is not None
    ctx = app_ctx(context)
    lang, scope = await admin_of(update, context)
    announcement_id, action = int(cb.parts[0]), cb.parts[1]
    if scope is None:
        await refuse(update, lang)
        return
    now = ctx.clock.now()
    actor = telegram_actor(user_id(update))
    async with ctx.db.transaction(write=True) as session:
        item = await session.get(Announcement, announcement_id)
        if item is None or not ann.may_manage(item, scope.opd_id):
            outcome: int | None = -1
        elif action == "cancel":
            outcome = await ann.cancel(session, item, actor, now)
        elif action == "retry":
            outcome = await ann.retry_failed(session, item, actor, now)
        else:
            outcome = 0
        audience = ann.Audience.from_json(item.audience) if item is not None else None
        scope_opd_id = item.scope_opd_id if item is not None else None
    if outcome == -1 or audience is None:
        await refuse(update, lang)
        return
    if action == "unlinked":
        await query.answer()
        await send_unlinked(update, context, lang, audience, scope_opd_id)
        return
    if action == "cancel":
        await query.answer(t(lang, "announce.stopped" if outcome is not None else "announce.already_over"),
                           show_alert=outcome is None)
    else:
        await query.answer(t(lang, "announce.retrying", count=outcome or 0), show_alert=not outcome)
        if not outcome:
            return
    last_text = context.application.bot_data.setdefault(LAST_TEXT_KEY, {})
    last_text.pop(announcement_id, None)
    if action == "retry":
        await send_status(context.bot, ctx, announcement_id, lang)
        return
    async with ctx.db.read() as session:
        item = await session.get(Announcement, announcement_id)
        assert item is not None
        progress = await ann.progress(session, announcement_id)
    await _edit(context.bot, item, status_text(lang, ctx, item, progress),
                status_markup(lang, item, progress))


# --- the audience members who have not linked Telegram ------------------------------


def behind_rule(context: ContextTypes.DEFAULT_TYPE) -> BehindRule:
    ctx = app_ctx(context)
    s = ctx.settings
    return BehindRule(ctx.today(), s.jp_target_pns, s.jp_target_pppk, s.behind_tolerance_jp,
                      s.jp_year_start_month, s.last_chance_weeks)


async def send_unlinked(
    update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str, audience: ann.Audience,
    scope_opd_id: int | None,
) -> None:
    """The audience members who have not linked Telegram yet, as XLSX for their OPDs."""
    ctx = app_ctx(context)
    async with ctx.db.transaction() as session:  # can be long: off the event loop
        people = await ann.unlinked_members(session, audience, scope_opd_id, behind_rule(context))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(t(lang, "announce.sheet"))
    sheet.column_dimensions["A"].width = 21
    sheet.column_dimensions["B"].width = 32
    sheet.column_dimensions["C"].width = 40
    sheet.column_dimensions["D"].width = 32
    header = []
    for key in ("announce.col.nip", "announce.col.name", "announce.col.opd", "announce.col.unit"):
        cell = WriteOnlyCell(sheet, value=t(lang, key))
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for person in people:
        nip = WriteOnlyCell(sheet, value=person.nip)
        nip.number_format = "@"  # a NIP is text: Excel must not turn it into 1.98E+17
        sheet.append([nip, person.name, person.opd, person.unit])
    out = io.BytesIO()
    workbook.save(out)
    chat_id = update.effective_chat.id if update.effective_chat else user_id(update)
    await context.bot.send_document(
        chat_id, io.BytesIO(out.getvalue()), filename="belum-tertaut.xlsx",
        caption=t(lang, "announce.unlinked_caption", count=len(people)),
    )
