"""The live delivery report of each running announcement.

Every few seconds: start the scheduled announcements that came due (dropping them if
their author may no longer send them), edit each running one's status message with sent
/ failed / blocked / remaining and the time left (at the rate the sender measured), and when nothing is left mark it done
exactly once, audit the final counts and send the final report. The counts come from
the outbox rows, so a restart (of the sender or of the whole bot) changes none of them.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.context import AppContext, app_context
from bot.i18n import t
from bot.jobs.outbox import DEAD_AFTER
from bot.jobs.planner import LOCK_KEY
from bot.presentation.announcements import final_report, status_markup, status_text
from bot.services.announcements import lifecycle as ann
from bot.services.announcements.lifecycle import AnnouncementStatus, Progress
from bot.services.identity.accounts import get_viewer
from bot.services.outbox.delivery import measured_rate
from bot.services.reminders.schedule import SchedulerLock
from models import Announcement

log = logging.getLogger(__name__)
STATUS_INTERVAL = 5.0  # seconds between two edits of a status message
LAST_TEXT_KEY = "announce_last_status"


def last_texts(application: Any) -> dict[int, str]:
    """The text each status message shows now (so unchanged ones are not edited)."""
    texts: dict[int, str] = application.bot_data.setdefault(LAST_TEXT_KEY, {})
    return texts


async def send_status(bot: Bot, ctx: AppContext, announcement_id: int, lang: str) -> None:
    """A new status message for the announcement, remembered for the live edits."""
    async with ctx.db.reading() as session:
        item = await session.get(Announcement, announcement_id)
        assert item is not None
        progress = await ann.progress(session, announcement_id)
        rate = await measured_rate(session, ctx.now(), DEAD_AFTER)
    try:
        sent = await bot.send_message(
            item.admin_chat_id, status_text(lang, ctx.settings, ctx.now(), item, progress, rate),
            reply_markup=status_markup(lang, item, progress),
        )
    except TelegramError as exc:  # the status job sends a new one on its next round
        log.info("status of announcement %d not sent: %s", item.id, type(exc).__name__)
        return
    async with ctx.db.writing() as session:
        await ann.remember_status_message(session, announcement_id, sent.message_id)


async def refresh_status(bot: Bot, ctx: AppContext, announcement_id: int, lang: str) -> None:
    """Edit the status message now (after a stop pressed by the admin)."""
    async with ctx.db.reading() as session:
        item = await session.get(Announcement, announcement_id)
        assert item is not None
        progress = await ann.progress(session, announcement_id)
        rate = await measured_rate(session, ctx.now(), DEAD_AFTER)
    await _edit(bot, item, status_text(lang, ctx.settings, ctx.now(), item, progress, rate),
                status_markup(lang, item, progress))


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
    async with ctx.db.writing() as session:
        if not await ann.mark_done(session, item, progress, now):
            return False
    item.status = AnnouncementStatus.DONE
    return True


async def report_once(bot: Bot, ctx: AppContext, last_text: dict[int, str]) -> None:
    """One round over the running announcements: start the due, edit, finish."""
    now = ctx.now()
    async with ctx.db.reading() as session:  # every 5 s: no write lock unless there is news
        items = await ann.active(session, now)
        progresses = {item.id: await ann.progress(session, item.id) for item in items}
        languages = {item.id: await _lang(session, ctx, item.admin_chat_id) for item in items}
        rate = await measured_rate(session, now, DEAD_AFTER) if items else None
        session.expunge_all()
    due = [item.id for item in items if item.status == AnnouncementStatus.SCHEDULED]
    if due:
        stopped = await _start_due(ctx, due, now)
        for item in items:
            if item.id in due:
                item.status = (AnnouncementStatus.CANCELLED if item.id in stopped
                               else AnnouncementStatus.SENDING)
        if stopped:  # its copies were skipped: read the counts again
            async with ctx.db.reading() as session:
                for item_id in stopped:
                    progresses[item_id] = await ann.progress(session, item_id)
    for item in items:
        progress, lang = progresses[item.id], languages[item.id]
        finished = progress.finished and await _finish(ctx, item, progress, now)
        text = status_text(lang, ctx.settings, now, item, progress, rate)
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
            report, markup = final_report(lang, item, progress)
            await _tell(bot, item.admin_chat_id, report, markup)


async def _lang(session: Any, ctx: AppContext, chat_id: int) -> str:
    viewer = await get_viewer(session, chat_id, ctx.settings.default_language)
    return viewer.language


async def _start_due(ctx: AppContext, due: list[int], now: datetime) -> set[int]:
    """Start the scheduled announcements that came due; returns those stopped because
    their author may no longer send them."""
    stopped = set()
    async with ctx.db.writing() as session:
        for announcement_id in due:
            item = await session.get(Announcement, announcement_id)
            if item is not None and not await ann.start(session, item, now):
                if item.status == AnnouncementStatus.CANCELLED:
                    stopped.add(announcement_id)
    return stopped


async def _tell(bot: Bot, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    try:
        await bot.send_message(chat_id, text, reply_markup=markup)
    except TelegramError as exc:
        log.info("admin not told: %s", type(exc).__name__)


async def run(context: Any) -> None:
    """The job: one round, in the process that sends (the holder of the scheduler's lock,
    bot/jobs/outbox.py): replicas would otherwise edit one status message N times over."""
    ctx = app_context(context.application)
    lock = context.application.bot_data.setdefault(LOCK_KEY, SchedulerLock(ctx.db.engine))
    if not await lock.acquire():
        return
    await report_once(context.bot, ctx, last_texts(context.application))
