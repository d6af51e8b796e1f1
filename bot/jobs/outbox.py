"""Drains the outbox to Telegram.

Each run (every second, from the job queue) claims what is due and sends it paced to
SEND_RATE_PER_SECOND overall and at most one message per second per chat, rendered in
the reader's language when it goes out. RetryAfter pauses all sending for as long as
Telegram asks and puts the message back; Forbidden ("blocked by the user") marks the
account so planners skip it; other errors retry with back-off, then fail with the
reason. During quiet hours nothing is sent: rows wait for the morning.
"""

from __future__ import annotations

import asyncio
import logging
import time as monotonic
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from telegram import Bot, InlineKeyboardMarkup, MessageEntity
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application, ContextTypes

from bot.presentation.claim_notices import render_claim_notice
from bot.context import AppContext
from bot.presentation.delivery import Rendered, in_quiet_hours
from bot.i18n import fmt_date, fmt_jp, fmt_time, t
from bot.services.announcements.lifecycle import KIND as ANNOUNCEMENT
from bot.services.announcements.lifecycle import AnnouncementStatus
from bot.services.ledger.balance import Standing, get_balance
from bot.services.outbox.queue import Notice
from bot.services.outbox.delivery import (
    Claimed,
    claim_due,
    mark_blocked,
    mark_retry,
    mark_sent,
    mark_skipped,
    postpone,
    reclaim_stale,
)
from bot.services.programs.catalogue import load_member, suggest_programs
from bot.services.reminders.planning import BEHIND, LAST_CHANCE, SESSION_EVE, SESSION_MORNING
from handlers.core.common import CTX_KEY
from handlers.programs.views import ListState, summary_button
from models import Announcement, Employee, Enrollment, OutboxMessage, Program, ProgramSession
from models.enums import EnrollmentStatus, ProgramStatus

log = logging.getLogger(__name__)
INTERVAL_SECONDS = 1.0
STALE_AFTER = timedelta(minutes=10)
PER_CHAT_GAP = 1.0  # seconds between two messages to one chat
SENDER_KEY = "outbox_sender"


async def _employee_of(ctx: AppContext, message_id: int) -> Employee | None:
    async with ctx.db.read() as session:
        row = await session.get(OutboxMessage, message_id)
        return await session.get(Employee, row.employee_id) if row and row.employee_id else None


async def render(
    ctx: AppContext, message: Claimed, cache: AnnouncementCache | None = None
) -> Rendered | None:
    """The message as its reader will see it now; None when it is no longer needed.
    `cache` (the sender's) lets every copy of an announcement share one rendering."""
    lang, p, tz = message.language, message.payload, ctx.settings.tz
    if message.kind in (Notice.SEAT_GRANTED, Notice.PROGRAM_CANCELLED):
        starts = datetime.fromisoformat(p["starts_at"]).astimezone(tz)
        when = f"{fmt_date(lang, starts.date())}, {fmt_time(lang, starts, tz)}"
        return Rendered(t(lang, f"notice.{message.kind}", title=p["title"], when=when))
    if message.kind == Notice.JP_CREDITED:
        return await _render_credited(ctx, message)
    if message.kind == Notice.ROLE_GRANTED:
        return Rendered(t(lang, "notice.role_granted", opd=p["opd"]))
    if message.kind in (Notice.CLAIM_APPROVED, Notice.CLAIM_REJECTED):
        return Rendered(await render_claim_notice(ctx, message))
    if message.kind in (BEHIND, LAST_CHANCE):
        return await _render_behind(ctx, message)
    if message.kind in (SESSION_EVE, SESSION_MORNING):
        return await _render_session(ctx, message)
    if message.kind == ANNOUNCEMENT:
        return await _render_announcement(ctx, message, {} if cache is None else cache)
    raise ValueError(f"unknown outbox kind {message.kind}")


# An announcement's content never changes; its status may (a stop). The same Rendered
# serves every copy, re-read at most every ANNOUNCEMENT_RECHECK seconds, so a stop takes
# effect for copies already claimed too, and 100,000 copies cost a few reads, not 100,000.
ANNOUNCEMENT_RECHECK = 2.0
AnnouncementCache = dict[int, tuple[float, "Rendered | None"]]


async def _render_announcement(
    ctx: AppContext, message: Claimed, cache: AnnouncementCache
) -> Rendered | None:
    announcement_id = int(message.payload["announcement_id"])
    cached = cache.get(announcement_id)
    if cached is not None and monotonic.monotonic() - cached[0] < ANNOUNCEMENT_RECHECK:
        return cached[1]
    async with ctx.db.read() as session:
        announcement = await session.get(Announcement, announcement_id)
    rendered = None
    if announcement is not None and announcement.status != AnnouncementStatus.CANCELLED:
        rendered = Rendered(
            announcement.text,
            entities=[MessageEntity.de_json(e, None) for e in announcement.entities],  # type: ignore[misc]
            media_kind=announcement.media_kind,
            media_file_id=announcement.media_file_id,
        )
    if len(cache) > 100:
        cache.clear()
    cache[announcement_id] = (monotonic.monotonic(), rendered)
    return rendered


async def _render_credited(ctx: AppContext, message: Claimed) -> Rendered:
    lang, p = message.language, message.payload
    jp = fmt_jp(lang, Decimal(p["jp"]))
    employee = await _employee_of(ctx, message.id)
    if employee is None:
        return Rendered(t(lang, "notice.jp_credited_short", title=p["title"], jp=jp))
    async with ctx.db.read() as session:
        balance = await get_balance(
            session, employee.id, ctx.today(), ctx.settings.jp_target(employee.employee_type),
            ctx.settings.jp_year_start_month,
        )
    return Rendered(
        t(lang, "notice.jp_credited", title=p["title"], jp=jp,
          total=fmt_jp(lang, balance.approved), target=fmt_jp(lang, balance.target))
    )


async def _render_behind(ctx: AppContext, message: Claimed) -> Rendered | None:
    lang = message.language
    employee = await _employee_of(ctx, message.id)
    if employee is None or not employee.is_active:
        return None
    async with ctx.db.read() as session:
        balance = await get_balance(
            session, employee.id, ctx.today(), ctx.settings.jp_target(employee.employee_type),
            ctx.settings.jp_year_start_month,
        )
        if balance.standing != Standing.BEHIND or balance.behind_by < ctx.settings.behind_tolerance_jp:
            return None  # caught up since the plan was made
        member = await load_member(session, employee.id)
        suggestions = (
            await suggest_programs(session, member, ctx.clock.now(), balance.behind_by)
            if member else []
        )
    text = t(
        lang,
        f"reminder.{message.kind}",
        name=employee.name,
        approved=fmt_jp(lang, balance.approved),
        target=fmt_jp(lang, balance.target),
        behind=fmt_jp(lang, balance.behind_by),
        remaining=fmt_jp(lang, balance.remaining),
        end=fmt_date(lang, balance.period.end),
    )
    if suggestions:
        text += "\n\n" + t(lang, "balance.suggest")
        markup = InlineKeyboardMarkup(
            [[summary_button(lang, item, ctx.settings.tz, ListState())] for item in suggestions]
        )
        return Rendered(text, markup)
    return Rendered(text + "\n\n" + t(lang, "reminder.browse"))


async def _render_session(ctx: AppContext, message: Claimed) -> Rendered | None:
    lang, tz = message.language, ctx.settings.tz
    async with ctx.db.read() as session:
        row = (
            await session.execute(
                select(ProgramSession, Program, Enrollment.status)
                .join(Program, Program.id == ProgramSession.program_id)
                .join(Enrollment, Enrollment.program_id == Program.id)
                .join(OutboxMessage, OutboxMessage.employee_id == Enrollment.employee_id)
                .where(
                    ProgramSession.id == int(message.payload["session_id"]),
                    OutboxMessage.id == message.id,
                )
            )
        ).first()
    if row is None:
        return None
    sitting, program, status = row
    if program.status != ProgramStatus.PUBLISHED or status != EnrollmentStatus.ENROLLED:
        return None  # cancelled, or the participant left
    if sitting.starts_at <= ctx.clock.now():
        return None  # planned late (the bot was down): a reminder after the start helps no one
    starts = sitting.starts_at.astimezone(tz)
    lines = [
        t(lang, f"reminder.{message.kind}", title=program.title,
          date=fmt_date(lang, starts.date()), time=fmt_time(lang, starts, tz)),
    ]
    if program.place:
        lines.append(t(lang, "program.place", place=program.place))
    if program.online_url:
        lines.append(t(lang, "program.online", url=program.online_url))
    return Rendered("\n".join(lines))


@dataclass
class OutboxSender:
    """Pacing state that outlives one run: the flood-control pause and each chat's last
    send; and the announcements being sent, rendered once."""

    paused_until: float = 0.0
    last_by_chat: dict[int, float] = field(default_factory=dict)
    announcements: AnnouncementCache = field(default_factory=dict)

    async def drain_once(self, bot: Bot, ctx: AppContext, *, budget_seconds: float = 1.0) -> int:
        """Send what is due within about `budget_seconds`; returns how many were sent."""
        settings = ctx.settings
        now = ctx.clock.now()
        if in_quiet_hours(now, settings.quiet_hours_start, settings.quiet_hours_end, settings.tz):
            return 0
        if monotonic.monotonic() < self.paused_until:
            return 0
        await reclaim_stale(ctx.db, now, STALE_AFTER)
        rate = settings.send_rate_per_second
        limit = max(1, int(rate * budget_seconds))
        interval = 1.0 / rate
        claimed = await claim_due(ctx.db, now, limit, settings.default_language)
        sent = 0
        next_slot = monotonic.monotonic()
        for index, message in enumerate(claimed):
            clock_now = monotonic.monotonic()
            if clock_now < self.paused_until:
                # Flood control started during this run: the rest waits, uncounted.
                for waiting in claimed[index:]:
                    await postpone(ctx.db, waiting.id, now + timedelta(seconds=self.paused_until - clock_now))
                break
            last = self.last_by_chat.get(message.chat_id)
            if last is not None and clock_now - last < PER_CHAT_GAP:
                await postpone(ctx.db, message.id, ctx.clock.now() + timedelta(seconds=PER_CHAT_GAP))
                continue
            if next_slot > clock_now:
                await asyncio.sleep(next_slot - clock_now)
            next_slot = max(next_slot, clock_now) + interval
            sent += await self._send_one(bot, ctx, message)
        self._forget_old_chats()
        return sent

    async def _send_one(self, bot: Bot, ctx: AppContext, message: Claimed) -> int:
        now = ctx.clock.now()
        try:
            rendered = await render(ctx, message, self.announcements)
            if rendered is None:
                await mark_skipped(ctx.db, message.id, "no longer needed")
                return 0
            await rendered.send(bot, message.chat_id)
            self.last_by_chat[message.chat_id] = monotonic.monotonic()
        except RetryAfter as exc:
            delay = exc.retry_after
            seconds = delay.total_seconds() if isinstance(delay, timedelta) else float(delay)
            self.paused_until = monotonic.monotonic() + seconds
            log.warning("Telegram flood control: sending paused for %.0f s", seconds)
            await postpone(ctx.db, message.id, now + timedelta(seconds=seconds))
            return 0
        except Forbidden:
            await mark_blocked(ctx.db, message.id, message.chat_id, now)
            return 0
        except (BadRequest, NetworkError, TelegramError, ValueError, KeyError) as exc:
            log.warning("outbox message %d not sent: %s", message.id, type(exc).__name__)
            await mark_retry(ctx.db, message.id, message.attempts, now, type(exc).__name__)
            return 0
        await mark_sent(ctx.db, message.id, ctx.clock.now())
        return 1

    def _forget_old_chats(self) -> None:
        if len(self.last_by_chat) > 10_000:
            horizon = monotonic.monotonic() - PER_CHAT_GAP
            self.last_by_chat = {c: s for c, s in self.last_by_chat.items() if s >= horizon}


def sender_of(app: Application) -> OutboxSender:  # type: ignore[type-arg]
    sender = app.bot_data.get(SENDER_KEY)
    if sender is None:
        sender = app.bot_data[SENDER_KEY] = OutboxSender()
    return sender


async def drain_once(bot: Bot, ctx: AppContext, sender: OutboxSender | None = None) -> int:
    """One run with a fresh pacing state (tests, scripts); the bot keeps one sender."""
    return await (sender or OutboxSender()).drain_once(bot, ctx)


async def _job(context: ContextTypes.DEFAULT_TYPE) -> None:
    await sender_of(context.application).drain_once(
        context.bot, context.application.bot_data[CTX_KEY]
    )


def schedule(app: Application) -> None:  # type: ignore[type-arg]
    if app.job_queue is not None:
        app.job_queue.run_repeating(_job, interval=INTERVAL_SECONDS, first=1.0, name="outbox")
