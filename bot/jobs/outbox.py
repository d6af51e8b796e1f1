"""Drains the outbox to Telegram.

Each run (every second, from the job queue) claims what is due and sends it paced to
SEND_RATE_PER_SECOND overall and at most one message per second per chat, rendered in
the reader's language when it goes out (the facts: bot/services/outbox/content.py; the
wording: bot/presentation/notices.py). RetryAfter pauses all sending for as long as
Telegram asks and puts the message back; Forbidden ("blocked by the user") marks the
account so planners skip it; other errors retry with back-off, then fail with the
reason. During quiet hours nothing is sent: rows wait for the morning.

The sender commits each row's claim and settlement itself (the one exception to "the
caller opens the unit of work"): that is what keeps the double-send window to one message.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from datetime import timedelta
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.context import AppContext, app_context
from bot.presentation import notices
from bot.presentation.delivery import Rendered, in_quiet_hours
from bot.services.announcements.lifecycle import KIND as ANNOUNCEMENT
from bot.services.outbox import content
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
log = logging.getLogger(__name__)
INTERVAL_SECONDS = 1.0
STALE_AFTER = timedelta(minutes=10)
PER_CHAT_GAP = 1.0  # seconds between two messages to one chat
SENDER_KEY = "outbox_sender"


# An announcement's content never changes; its status may (a stop). The same copy serves
# every recipient, re-read at most every ANNOUNCEMENT_RECHECK seconds, so a stop takes
# effect for copies already claimed too, and 100,000 copies cost a few reads, not 100,000.
ANNOUNCEMENT_RECHECK = 2.0
AnnouncementCache = dict[int, tuple[float, "Rendered | None"]]


async def render(
    ctx: AppContext, message: Claimed, cache: AnnouncementCache | None = None
) -> Rendered | None:
    """The message as its reader will see it now; None when it is no longer needed.
    `cache` (the sender's) lets every copy of an announcement share one reading."""
    if message.kind == ANNOUNCEMENT:
        return await _announcement(ctx, int(message.payload["announcement_id"]),
                                   {} if cache is None else cache)
    if message.kind in content.PAYLOAD_ONLY:
        found: content.Content | None = content.from_payload(message)
    else:
        async with ctx.db.reading() as session:
            found = await content.load(session, message, ctx.settings, ctx.today(), ctx.now())
    return notices.render(message.language, found, ctx.settings.tz) if found is not None else None


async def _announcement(
    ctx: AppContext, announcement_id: int, cache: AnnouncementCache
) -> Rendered | None:
    cached = cache.get(announcement_id)
    if cached is not None and time.monotonic() - cached[0] < ANNOUNCEMENT_RECHECK:
        return cached[1]
    async with ctx.db.reading() as session:
        copy = await content.announcement_copy(session, announcement_id)
    rendered = notices.announcement(copy) if copy is not None else None
    if len(cache) > 100:
        cache.clear()
    cache[announcement_id] = (time.monotonic(), rendered)
    return rendered


@dataclass
class OutboxSender:
    """Pacing state that outlives one run: the flood-control pause and each chat's last
    send; and the announcements being sent, rendered once."""

    paused_until: float = 0.0
    last_by_chat: dict[int, float] = field(default_factory=dict)
    announcements: AnnouncementCache = field(default_factory=dict)
    # The pacing clock and pause; tests pass a virtual clock instead of waiting.
    monotonic: Callable[[], float] = time.monotonic
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep

    async def drain_once(self, bot: Bot, ctx: AppContext, *, budget_seconds: float = 1.0) -> int:
        """Send what is due within about `budget_seconds`; returns how many were sent."""
        settings = ctx.settings
        now = ctx.clock.now()
        if in_quiet_hours(now, settings.quiet_hours_start, settings.quiet_hours_end, settings.tz):
            return 0
        if self.monotonic() < self.paused_until:
            return 0
        await reclaim_stale(ctx.db, now, STALE_AFTER)
        rate = settings.send_rate_per_second
        limit = max(1, int(rate * budget_seconds))
        interval = 1.0 / rate
        claimed = await claim_due(ctx.db, now, limit, settings.default_language)
        sent = 0
        next_slot = self.monotonic()
        for index, message in enumerate(claimed):
            clock_now = self.monotonic()
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
                await self.sleep(next_slot - clock_now)
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
            self.last_by_chat[message.chat_id] = self.monotonic()
        except RetryAfter as exc:
            delay = exc.retry_after
            seconds = delay.total_seconds() if isinstance(delay, timedelta) else float(delay)
            self.paused_until = self.monotonic() + seconds
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
            horizon = self.monotonic() - PER_CHAT_GAP
            self.last_by_chat = {c: s for c, s in self.last_by_chat.items() if s >= horizon}


def sender_of(app: Any) -> OutboxSender:
    sender = app.bot_data.get(SENDER_KEY)
    if sender is None:
        sender = app.bot_data[SENDER_KEY] = OutboxSender()
    return sender


async def drain_once(bot: Bot, ctx: AppContext, sender: OutboxSender | None = None) -> int:
    """One run with a fresh pacing state (tests, scripts); the bot keeps one sender."""
    return await (sender or OutboxSender()).drain_once(bot, ctx)


async def run(context: Any) -> None:
    """The job: one run of the application's sender."""
    await sender_of(context.application).drain_once(context.bot, app_context(context.application))
