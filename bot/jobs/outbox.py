"""Drains the outbox to Telegram.

One long-running worker per process (started with the bot, stopped before it closes the
database) keeps the pipe full: it leases due rows a little ahead into a small local
queue and hands them to Telegram several at a time (at most the in-flight bound,
SEND_MAX_IN_FLIGHT), each send taking its turn from one pacer set to
SEND_RATE_PER_SECOND overall (and, with paid broadcasts on, to Telegram's free 30/s for
everything that is not an announcement) and at most one message per second per chat.
The reader's language is applied when a message goes out (the facts:
bot/services/outbox/content.py; the wording: bot/presentation/notices.py).
RetryAfter pauses all sending for as long as Telegram asks and puts the message and the
queue back; Forbidden ("blocked by the user") marks the account so planners skip it;
other errors retry with back-off, then fail with the reason. During quiet hours nothing
is sent: rows wait for the morning.

Outcomes are committed in batches off the sending path (a group commit: what arrived
during one commit goes into the next); a send keeps its in-flight slot until its outcome
is committed, so a crash can leave at most the in-flight bound of messages delivered but
not marked: the double-send window (bot/services/outbox/delivery.py, README "Sending").

Leases: the worker beats a heartbeat every HEARTBEAT_SECONDS; rows of an owner that is
gone (same host, process no longer running) or silent for DEAD_AFTER go back to pending,
due at once. Many processes on one PostgreSQL database: only the holder of the
scheduler's advisory lock sends (one budget for the whole deployment); the others try
for the lock every LOCK_RETRY_SECONDS and take over when its holder dies.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import ExtBot
from telegram.request import BaseRequest

from bot.context import AppContext, app_context
from bot.jobs.outbox_http import KeepAliveRequest
from bot.jobs.planner import LOCK_KEY
from bot.presentation import notices
from bot.presentation.delivery import Rendered, in_quiet_hours, quiet_hours_end
from bot.services.announcements.lifecycle import KIND as ANNOUNCEMENT
from bot.services.outbox import content
from bot.services.outbox.delivery import (
    Claimed,
    Settlement,
    beat,
    claim_due,
    reclaim_dead,
    reclaim_stale,
    release,
    release_leftovers,
    retire,
    settle,
)
from bot.services.outbox.owner import gone_here, process_owner
from bot.services.reminders.schedule import SchedulerLock
from bot.settings import FREE_BROADCAST_RATE

log = logging.getLogger(__name__)
STALE_AFTER = timedelta(minutes=10)  # owner-less claims (made before leases existed)
DEAD_AFTER = timedelta(seconds=15)  # a sender silent this long is dead: its rows go back
HEARTBEAT_SECONDS = 3.0
LOCK_RETRY_SECONDS = 5.0  # a process without the lock asks again this often
IDLE_SECONDS = 1.0  # nothing due: look again after this long
PER_CHAT_GAP = 1.0  # seconds between two messages to one chat
# A late wake-up is made up to this much (at 1,000/s the loop's own delays would
# otherwise cost a tenth of the rate); the window below still bounds every second.
PACER_SLACK = 0.1  # seconds
# At Telegram's limits, seconds beyond its one-second window: how long a request may be
# held back on its way (the network, a busy machine) and still find room in its window.
WINDOW_MARGIN = 0.035
RATE_WINDOW = 20.0  # seconds of sending behind the measured rate
SETTLE_GATHER = 0.025  # seconds outcomes gather before their commit
STOP_GRACE = 10.0  # seconds a stop waits for the sends on the wire
SENDER_KEY = "outbox_sender"
WORKER_KEY = "outbox_worker"


# An announcement's content never changes; its status may (a stop). The same copy serves
# every recipient, re-read at most every ANNOUNCEMENT_RECHECK seconds, so a stop takes
# effect for copies already claimed too, and 100,000 copies cost a few reads, not 100,000.
# The re-reading runs beside the sending: copies go out as last read meanwhile, so a
# reading that waits behind a commit never stalls the sending.
ANNOUNCEMENT_RECHECK = 2.0


@dataclass
class _Reading:
    at: float  # monotonic time of the reading
    rendered: Rendered | None
    refresh: asyncio.Task[Rendered | None] | None = None


AnnouncementCache = dict[int, _Reading]


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
    reading = cache.get(announcement_id)
    if reading is None:  # the first copy waits for the first reading
        if len(cache) > 100:
            cache.clear()
        rendered = await _read_copy(ctx, announcement_id)
        reading = cache[announcement_id] = _Reading(time.monotonic(), rendered)
    elif time.monotonic() - reading.at >= ANNOUNCEMENT_RECHECK and reading.refresh is None:
        reading.refresh = asyncio.get_running_loop().create_task(_read_copy(ctx, announcement_id))
        reading.refresh.add_done_callback(lambda task: _store(reading, task))
    return reading.rendered


def _store(reading: _Reading, task: asyncio.Task[Rendered | None]) -> None:
    """A re-reading done: kept when it succeeded (a failed one is tried by a later copy)."""
    reading.refresh = None
    if not task.cancelled() and task.exception() is None:
        reading.at, reading.rendered = time.monotonic(), task.result()


async def _read_copy(ctx: AppContext, announcement_id: int) -> Rendered | None:
    async with ctx.db.reading() as session:
        copy = await content.announcement_copy(session, announcement_id)
    return notices.announcement(copy) if copy is not None else None


def in_flight_bound(settings: Any) -> int:
    """SEND_MAX_IN_FLIGHT, or about half a second of sending at the rate (at least 4)."""
    if settings.send_max_in_flight:
        return int(settings.send_max_in_flight)
    return max(4, math.ceil(settings.send_rate_per_second * 0.5) + 2)


@dataclass
class Pacer:
    """Spaces sends evenly at `rate` per second; a late turn makes up at most PACER_SLACK
    of lost time. Whatever the spacing, never more than `rate` sends in any window of a
    second (WINDOW_MARGIN more at one of Telegram's limits, 30/s or 1,000/s paid),
    counted when each send is handed over, not at its planned slot.

    Telegram counts in windows of a second on its own clock, and requests reach it
    unevenly: the network, or a busy machine on either end, holds some back and then
    delivers them together. A request held back at most WINDOW_MARGIN lands in a window
    that has room, whatever the pattern of sends (a made-up delay included), because no
    window of 1 + WINDOW_MARGIN seconds here holds more than the limit. A send that
    arrives early in someone else's second costs a 429 and a pause of a whole second for
    everyone (bench/README.md, issue 18)."""

    rate: float
    monotonic: Callable[[], float]
    sleep: Callable[[float], Awaitable[None]]
    next_slot: float = 0.0
    _window: deque[float] = field(default_factory=deque)

    async def turn(self) -> None:
        now = self.monotonic()
        slot = max(self.next_slot, now - PACER_SLACK) if self.next_slot else now
        span = 1.0 + (WINDOW_MARGIN if self.rate >= FREE_BROADCAST_RATE else 0.0)
        window, limit = self._window, max(1, int(self.rate))
        while window and window[0] + span <= slot:
            window.popleft()
        while len(window) >= limit:
            slot = max(slot, window.popleft() + span)
        # Spaced so that the window is just filled, not always full: then a stall leaves
        # room behind it, and the sends it held back are made up instead of lost.
        self.next_slot = slot + max(1.0 / self.rate, span / limit)
        if slot > now:
            await self.sleep(slot - now)
        # Counted when handed over: after a late wake-up that is now, not the slot.
        window.append(max(slot, self.monotonic()))

    def hold_until(self, moment: float) -> None:
        self.next_slot = max(self.next_slot, moment)


class Settler:
    """Commits outcomes in batches, one commit after the other. `record` returns when the
    outcome is committed (the sender keeps the row's in-flight slot until then); a failed
    commit is tried again with the same outcomes."""

    def __init__(self, ctx: AppContext, owner: str | None = None) -> None:
        self.ctx = ctx
        self.owner = owner
        self._waiting: list[tuple[Settlement, asyncio.Future[None]]] = []
        self._flusher: asyncio.Task[None] | None = None

    def add(self, item: Settlement) -> asyncio.Future[None]:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append((item, future))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.get_running_loop().create_task(self._flush_soon())
        return future

    async def record(self, item: Settlement) -> None:
        await self.add(item)

    async def _flush_soon(self) -> None:
        # Group commit: whatever arrived while the previous commit ran goes in the next
        # one, at once. The sender never waits for a commit to send the next message,
        # and a delivered message is unmarked only for the time of one commit.
        while self._waiting:
            # Outcomes arriving within SETTLE_GATHER join: at 1,000 messages/s a commit
            # for every few rows was a third of the sender's CPU. The sends waiting keep
            # their in-flight slots that long (the double-send window stays the bound).
            await asyncio.sleep(SETTLE_GATHER)
            if not await self._flush():
                await asyncio.sleep(1.0)  # the database is unwell: keep the outcomes, retry

    async def _flush(self) -> bool:
        batch, self._waiting = self._waiting, []
        if not batch:
            return True
        try:
            await settle(self.ctx.db, [item for item, _ in batch], self.owner)
        except Exception as exc:  # noqa: BLE001 - kept and retried; never lost
            log.warning("outbox outcomes not committed yet (%s); retrying", type(exc).__name__)
            self._waiting = batch + self._waiting
            return False
        for _, future in batch:
            if not future.done():
                future.set_result(None)
        return True

    async def close(self, attempts: int = 5, *, keep_trying: bool = False) -> bool:
        """Commit everything still waiting (end of a drain, a stop); True when done.
        Without `keep_trying` a database that stays away raises. With it (the worker,
        which outlives this run) the outcomes stay queued and the flusher goes on
        retrying in the background: the sends waiting on them keep their in-flight slots
        until their outcome is committed, and sending resumes once it is."""
        if self._flusher is not None and not self._flusher.done():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(self._flusher), 5.0)
            if not keep_trying:
                self._flusher.cancel()
        for _ in range(attempts):
            if not self._waiting:
                return True
            if self._flusher is not None and not self._flusher.done():
                await asyncio.sleep(0.2)  # the flusher is at it
                continue
            if await self._flush():
                return True
            await asyncio.sleep(0.2)
        if keep_trying:
            if self._flusher is None or self._flusher.done():
                self._flusher = asyncio.get_running_loop().create_task(self._flush_soon())
            return False
        raise RuntimeError("outbox outcomes could not be committed")


@dataclass
class OutboxSender:
    """The sending state of one process: the flood-control pause, each chat's last send,
    the pacers, the announcements being sent (rendered once) and the measured rate."""

    paused_until: float = 0.0
    last_by_chat: dict[int, float] = field(default_factory=dict)
    announcements: AnnouncementCache = field(default_factory=dict)
    # The pacing clock and pause; tests pass a virtual clock instead of waiting.
    monotonic: Callable[[], float] = time.monotonic
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    owner: str = field(default_factory=process_owner)
    sent_times: deque[float] = field(default_factory=deque)
    _pacers: dict[str, Pacer] = field(default_factory=dict)
    _slots: asyncio.Semaphore | None = None
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)
    _on_the_wire: set[int] = field(default_factory=set)  # rows handed to Telegram, unsettled
    _settler: Settler | None = None  # the worker's: outlives one run, so no outcome is dropped

    # ------------------------------------------------------------ one drain (tests)

    async def drain_once(self, bot: Bot, ctx: AppContext, *, budget_seconds: float = 1.0) -> int:
        """Send what is due within about `budget_seconds`; returns how many were sent.
        The continuous worker (`run`) is what the bot uses; this serves tests and scripts."""
        settings = ctx.settings
        now = ctx.clock.now()
        if in_quiet_hours(now, settings.quiet_hours_start, settings.quiet_hours_end, settings.tz):
            return 0
        if self.monotonic() < self.paused_until:
            return 0
        await self._beat_and_reclaim(ctx)
        limit = max(1, int(settings.send_rate_per_second * budget_seconds))
        claimed = deque(await claim_due(ctx.db, now, limit, settings.default_language,
                                        owner=self.owner))
        settler = Settler(ctx)
        before = len(self.sent_times)
        try:
            while claimed:
                await self._dispatch(bot, ctx, claimed, settler)
            await self._wait_in_flight()
        finally:
            await settler.close()
        self._forget_old_chats()
        return len(self.sent_times) - before

    # ------------------------------------------------------------ the worker

    async def run(self, bot: Bot, ctx: AppContext, stopping: asyncio.Event,
                  lock: SchedulerLock | None = None) -> None:
        """Send until `stopping` is set; with a lock, only while holding it."""
        while not stopping.is_set():
            try:
                if lock is not None and not await lock.acquire():
                    await _wait(stopping, LOCK_RETRY_SECONDS)
                    continue
                log.info("outbox sender: this process sends (in flight at most %d)",
                         in_flight_bound(ctx.settings))
                await self._serve(bot, ctx, stopping, lock)
            except Exception as exc:  # noqa: BLE001 - e.g. the database away for a while
                log.warning("outbox sender interrupted (%s); again in %.0f s",
                            type(exc).__name__, LOCK_RETRY_SECONDS)
                await _wait(stopping, LOCK_RETRY_SECONDS)

    async def _serve(self, bot: Bot, ctx: AppContext, stopping: asyncio.Event,
                     lock: SchedulerLock | None) -> None:
        settings = ctx.settings
        lost = asyncio.Event()  # the lock went away: another process may send now
        queue: deque[Claimed] = deque()
        if self._settler is None:
            self._settler = Settler(ctx, self.owner)
        settler = self._settler
        await self._beat_and_reclaim(ctx)
        # Rows an earlier run leased and lost hold of (an error cut it short): back to
        # pending now, except those still on the wire (their outcome is on its way).
        back = await release_leftovers(ctx.db, self.owner, set(self._on_the_wire), ctx.clock.now())
        if back:
            log.info("outbox: %d message(s) of an interrupted run back in the queue", back)
        heart = asyncio.get_running_loop().create_task(self._heartbeat(ctx, lock, lost))
        ahead = max(in_flight_bound(settings), math.ceil(settings.send_rate_per_second * 0.5))
        refill: asyncio.Task[int] | None = None
        try:
            while not (stopping.is_set() or lost.is_set()):
                now = ctx.clock.now()
                if in_quiet_hours(now, settings.quiet_hours_start, settings.quiet_hours_end,
                                  settings.tz):
                    if refill is not None:
                        await asyncio.wait([refill])
                    await self._give_back(ctx, queue, settler)
                    wait = (quiet_hours_end(now, settings.quiet_hours_end, settings.tz) - now)
                    await _wait(stopping, min(30.0, max(1.0, wait.total_seconds())))
                    continue
                paused = self.paused_until - self.monotonic()
                if paused > 0:
                    await _wait(stopping, paused)
                    continue
                if refill is not None and refill.done():
                    refill, done = None, refill
                    done.result()  # a failed claim (the database away) ends this run
                if refill is None and len(queue) < ahead / 2:
                    # Claimed beside the sending, not in its way: half the queue (a
                    # quarter of a second) is left while the claim runs.
                    refill = asyncio.get_running_loop().create_task(
                        self._refill(ctx, queue, ahead - len(queue), now))
                if not queue:
                    if refill is not None:
                        await asyncio.wait([refill])
                        if queue or refill.exception() is not None:
                            continue  # (a failed claim is raised at the top)
                    await _wait(stopping, IDLE_SECONDS)
                    continue
                await self._dispatch(bot, ctx, queue, settler, stopping)
        finally:
            heart.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await heart
            if refill is not None:  # its rows join the queue and go back with it
                await asyncio.wait([refill])
                if not refill.cancelled() and refill.exception() is not None:
                    log.warning("outbox: a claim failed (%s)", type(refill.exception()).__name__)
            await self._wait_in_flight(STOP_GRACE)
            settled = await settler.close(keep_trying=True)
            try:
                await self._give_back(ctx, queue, settler)
                if settled and not lost.is_set():
                    await retire(ctx.db, self.owner)
            except Exception as exc:  # noqa: BLE001 - the next run releases them (leftovers)
                log.warning("outbox: claimed rows not handed back yet (%s)", type(exc).__name__)
                queue.clear()

    async def _refill(self, ctx: AppContext, queue: deque[Claimed], want: int,
                      now: datetime) -> int:
        """Lease up to `want` due rows onto the end of `queue`; how many came."""
        claimed = await claim_due(ctx.db, now, want, ctx.settings.default_language,
                                  owner=self.owner)
        queue.extend(claimed)
        return len(claimed)

    async def _heartbeat(self, ctx: AppContext, lock: SchedulerLock | None,
                         lost: asyncio.Event) -> None:
        while True:
            await asyncio.sleep(HEARTBEAT_SECONDS)
            if lock is not None and not await lock.still_held():
                log.warning("outbox sender: the scheduler lock was lost; sending stops")
                lost.set()
                return
            try:
                await self._beat_and_reclaim(ctx)
            except Exception as exc:  # noqa: BLE001 - the next beat tries again
                log.warning("outbox heartbeat failed: %s", type(exc).__name__)

    async def _beat_and_reclaim(self, ctx: AppContext) -> None:
        now = ctx.clock.now()
        await beat(ctx.db, self.owner, now, self.measured_rate())
        back = await reclaim_dead(ctx.db, now, DEAD_AFTER, gone_here)
        back += await reclaim_stale(ctx.db, now, STALE_AFTER)
        if back:
            log.info("outbox: %d message(s) of a stopped sender back in the queue", back)

    async def _give_back(self, ctx: AppContext, queue: deque[Claimed], settler: Settler) -> None:
        """Claimed rows not handed to Telegram go back to pending, due now."""
        if queue:
            await release(ctx.db, self.owner, list(queue), ctx.clock.now())
            queue.clear()

    def measured_rate(self) -> float:
        """Messages per second over the last RATE_WINDOW seconds (0 when idle)."""
        horizon = self.monotonic() - RATE_WINDOW
        while self.sent_times and self.sent_times[0] < horizon:
            self.sent_times.popleft()
        if len(self.sent_times) < 2:
            return 0.0
        span = self.sent_times[-1] - self.sent_times[0]
        return (len(self.sent_times) - 1) / span if span > 0 else 0.0

    # ------------------------------------------------------------ sending

    def _pacer(self, name: str, rate: float) -> Pacer:
        pacer = self._pacers.get(name)
        if pacer is None or pacer.rate != rate:
            pacer = self._pacers[name] = Pacer(rate, self.monotonic, self.sleep,
                                               pacer.next_slot if pacer else 0.0)
        return pacer

    def _paid(self, ctx: AppContext, message: Claimed) -> bool:
        return ctx.settings.paid_broadcast and message.kind == ANNOUNCEMENT

    async def _dispatch(self, bot: Bot, ctx: AppContext, queue: deque[Claimed],
                        settler: Settler, stopping: asyncio.Event | None = None) -> None:
        """Hand the next queued message to Telegram when its turn comes (or put it back).
        Waiting for a free in-flight slot ends early when `stopping` is set."""
        settings = ctx.settings
        if self._slots is None:
            self._slots = asyncio.Semaphore(in_flight_bound(settings))
        if not await _acquire(self._slots, stopping):
            return
        handed = False
        try:
            message = queue.popleft()
            last = self.last_by_chat.get(message.chat_id)
            if last is not None and self.monotonic() - last < PER_CHAT_GAP:
                settler.add(Settlement("postpone", message, ctx.clock.now(),
                                       until=ctx.clock.now() + timedelta(seconds=PER_CHAT_GAP)))
                return
            # Made before the pacer's turn, so the send it counts leaves at once (a
            # reading that waits, say for the database, holds nothing back that the
            # window has already counted); a message no longer needed takes no turn.
            try:
                rendered = await render(ctx, message, self.announcements)
            except Exception as exc:  # noqa: BLE001 - e.g. the database away a moment
                # Nothing went out: the row goes back with a back-off, never left leased.
                log.warning("outbox message %d not prepared: %s", message.id, type(exc).__name__)
                settler.add(Settlement("retry", message, ctx.clock.now(), error=type(exc).__name__))
                return
            if rendered is None:
                settler.add(Settlement("skipped", message, ctx.clock.now(), error="no longer needed"))
                return
            paid = self._paid(ctx, message)
            rate = settings.send_rate_per_second
            if not paid and settings.paid_broadcast and rate > FREE_BROADCAST_RATE:
                await self._pacer("free", FREE_BROADCAST_RATE).turn()
            await self._pacer("all", rate).turn()
            if self.monotonic() < self.paused_until:
                # Flood control started while this one waited: it and the queue wait too.
                self._postpone_all(ctx, [message, *queue], settler)
                queue.clear()
                return
            self.last_by_chat[message.chat_id] = self.monotonic()
            self._on_the_wire.add(message.id)
            task = asyncio.get_running_loop().create_task(
                self._send(bot, ctx, message, rendered, paid, settler))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            handed = True
        finally:
            if not handed:
                self._slots.release()

    def _postpone_all(self, ctx: AppContext, messages: list[Claimed], settler: Settler) -> None:
        now = ctx.clock.now()
        until = now + timedelta(seconds=max(0.0, self.paused_until - self.monotonic()))
        for message in messages:
            settler.add(Settlement("postpone", message, now, until=until))

    async def _send(self, bot: Bot, ctx: AppContext, message: Claimed, rendered: Rendered,
                    paid: bool, settler: Settler) -> None:
        """One message on the wire; its slot is free again once its outcome is committed."""
        try:
            outcome = await self._deliver(bot, ctx, message, rendered, paid)
            await settler.record(outcome)
        except Exception:  # noqa: BLE001 - the row stays leased; a restart resends it
            log.exception("outbox message %d: outcome not recorded", message.id)
        finally:
            self._on_the_wire.discard(message.id)
            assert self._slots is not None
            self._slots.release()

    async def _deliver(self, bot: Bot, ctx: AppContext, message: Claimed, rendered: Rendered,
                       paid: bool) -> Settlement:
        try:
            await rendered.send(bot, message.chat_id, paid=paid)
        except RetryAfter as exc:
            delay = exc.retry_after
            seconds = delay.total_seconds() if isinstance(delay, timedelta) else float(delay)
            self.paused_until = max(self.paused_until, self.monotonic() + seconds)
            for pacer in self._pacers.values():
                pacer.hold_until(self.paused_until)
            log.warning("Telegram flood control: sending paused for %.0f s", seconds)
            now = ctx.clock.now()
            return Settlement("postpone", message, now, until=now + timedelta(seconds=seconds))
        except Forbidden:
            return Settlement("blocked", message, ctx.clock.now())
        except (BadRequest, NetworkError, TelegramError, ValueError, KeyError) as exc:
            log.warning("outbox message %d not sent: %s", message.id, type(exc).__name__)
            return Settlement("retry", message, ctx.clock.now(), error=type(exc).__name__)
        self.sent_times.append(self.monotonic())
        return Settlement("sent", message, ctx.clock.now())

    async def _wait_in_flight(self, timeout: float | None = None) -> None:
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=timeout)

    def _forget_old_chats(self) -> None:
        if len(self.last_by_chat) > 10_000:
            horizon = self.monotonic() - PER_CHAT_GAP
            self.last_by_chat = {c: s for c, s in self.last_by_chat.items() if s >= horizon}


async def _acquire(slots: asyncio.Semaphore, stopping: asyncio.Event | None) -> bool:
    """A free in-flight slot; False when `stopping` was set first."""
    if stopping is None:
        await slots.acquire()
        return True
    while not stopping.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(slots.acquire(), 1.0)
            return True
    return False


async def _wait(stopping: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stopping.wait(), seconds)


def sender_of(app: Any) -> OutboxSender:
    sender = app.bot_data.get(SENDER_KEY)
    if sender is None:
        sender = app.bot_data[SENDER_KEY] = OutboxSender()
    return sender


async def drain_once(bot: Bot, ctx: AppContext, sender: OutboxSender | None = None) -> int:
    """One run with a fresh pacing state (tests, scripts); the bot runs the worker."""
    return await (sender or OutboxSender()).drain_once(bot, ctx)


# ------------------------------------------------------------ wiring


@dataclass
class _Worker:
    task: asyncio.Task[None]
    stopping: asyncio.Event
    bot: Bot


def _sending_bot(app: Any, ctx: AppContext) -> Bot:
    """The outbox's own connections to Telegram: as many as the in-flight bound, and none of the application's per-process rate limiter (the pacer is the limit)."""
    bot = app.bot
    if getattr(bot, "rate_limiter", None) is None:
        return bot  # tests and benchmarks bring their own network
    settings = ctx.settings
    urls = {}
    if settings.bot_api_base_url and settings.bot_api_file_url:
        urls = {"base_url": settings.bot_api_base_url, "base_file_url": settings.bot_api_file_url}
    return ExtBot(bot.token, request=sending_request(settings), defaults=bot.defaults, **urls)


def sending_request(settings: Any) -> BaseRequest:
    """Connections enough for the in-flight bound, kept alive (bot/jobs/outbox_http.py)."""
    return KeepAliveRequest(in_flight_bound(settings) + 4, pool_timeout=30.0)


async def start_worker(app: Any) -> None:
    """Start the sender (post_init)."""
    ctx = app_context(app)
    bot = _sending_bot(app, ctx)
    if bot is not app.bot:
        await bot.initialize()
    lock = app.bot_data.setdefault(LOCK_KEY, SchedulerLock(ctx.db.engine))
    stopping = asyncio.Event()
    task = asyncio.get_running_loop().create_task(
        sender_of(app).run(bot, ctx, stopping, lock), name="outbox-sender")
    task.add_done_callback(_report_crash)
    app.bot_data[WORKER_KEY] = _Worker(task, stopping, bot)


async def stop_worker(app: Any) -> None:
    """Stop the sender (post_stop): the sends on the wire finish, their outcomes are
    committed, and the rows it claimed but did not send go back to the queue."""
    worker: _Worker | None = app.bot_data.pop(WORKER_KEY, None)
    if worker is None:
        return
    worker.stopping.set()
    try:
        await asyncio.wait_for(worker.task, STOP_GRACE + 10)
    except (TimeoutError, Exception) as exc:  # noqa: BLE001 - stopping anyway
        log.warning("outbox sender did not stop cleanly: %s", type(exc).__name__)
    if worker.bot is not app.bot:
        await worker.bot.shutdown()


def _report_crash(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("outbox sender stopped", exc_info=task.exception())
