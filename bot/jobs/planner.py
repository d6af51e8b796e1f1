"""The bot's schedule: every few minutes, plan what is due (once per period, with
catch-up after downtime), in one process only (see bot/services/schedule.py)."""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from typing import Any

from bot.context import AppContext, app_context
from bot.services.compliance.summary import Targets
from bot.services.dialogs import drop_expired
from bot.services.identity.personal_data import purge_old_attempts
from bot.services.digest.planning import (
    JOB as DIGEST,
    draw_charts,
    monthly_due_at,
    prepare_digests,
    queue_digests,
)
from bot.services.needs.outreach import plan_invitations, plan_reminders
from bot.services.needs.window import current_window
from bot.services.reminders.planning import (
    BehindRule,
    next_working_day,
    plan_behind,
    plan_sessions,
)
from bot.services.reminders.schedule import (
    SchedulerLock,
    daily_due_at,
    is_due,
    last_run,
    record_run,
    weekly_due_at,
)

log = logging.getLogger(__name__)
TICK_SECONDS = 300.0
LOCK_KEY = "scheduler_lock"
DRAFT_SWEEP_GRACE = timedelta(days=7)
PURGE, PURGE_AT = "attempts_purge", time(3, 0)  # the daily purge of old wrong codes


async def plan_due(ctx: AppContext, lock: SchedulerLock) -> dict[str, int]:
    """Run every planner whose moment has passed since its last run; {job: rows queued}.
    Also sweeps expired guided-flow drafts."""
    if not await lock.acquire():
        return {}
    settings, tz = ctx.settings, ctx.settings.tz
    now = ctx.clock.now()
    today = now.astimezone(tz).date()
    done: dict[str, int] = {}
    # Long: one INSERT ... SELECT over the whole roster, kept off the event loop.
    async with ctx.db.writing(long=True) as session:
        due = await weekly_due_at(
            session, today, settings.behind_reminder_weekday, settings.behind_reminder_time, tz
        )
        if is_due(due, now, await last_run(session, "behind")):
            rule = BehindRule.from_settings(settings, today)
            done["behind"] = await plan_behind(session, rule, now)
            await record_run(session, "behind", now)
        eve = daily_due_at(today, settings.session_reminder_eve_time, tz)
        if is_due(eve, now, await last_run(session, "session_eve")):
            done["session_eve"] = await plan_sessions(
                session, "session_eve", today + timedelta(days=1), tz, now
            )
            await record_run(session, "session_eve", now)
        morning = daily_due_at(today, settings.session_reminder_morning_time, tz)
        if is_due(morning, now, await last_run(session, "session_morning")):
            done["session_morning"] = await plan_sessions(session, "session_morning", today, tz, now)
            await record_run(session, "session_morning", now)
        monthly = await monthly_due_at(session, today, settings.monthly_digest_time, tz)
        digest_due = is_due(monthly, now, await last_run(session, DIGEST))
    async with ctx.db.writing(long=True) as session:
        done |= await _plan_needs(session, ctx, today, now)
    if digest_due:
        # Read, then draw the charts in a thread with no transaction open, then write.
        targets = Targets(settings.jp_target_pns, settings.jp_target_pppk, settings.jp_year_start_month)
        async with ctx.db.reading(long=True) as session:
            prepared = await prepare_digests(session, today, now, targets)
        await draw_charts(prepared)
        async with ctx.db.writing() as session:
            if is_due(monthly, now, await last_run(session, DIGEST)):  # not done meanwhile
                done[DIGEST] = await queue_digests(session, prepared, today, now)
                await record_run(session, DIGEST, now)
    # Guided-flow drafts nobody came back to. A week's grace after expiry, so whoever
    # does come back is told their draft expired rather than "I did not understand".
    async with ctx.db.writing() as session:
        dropped = await drop_expired(session, now - DRAFT_SWEEP_GRACE)
    if dropped:
        done["drafts_dropped"] = dropped
    # Once a day, in a unit of its own off the event loop: wrong link and check-in codes
    # past their retention (/privasi says how long).
    async with ctx.db.writing(long=True) as session:
        if is_due(daily_due_at(today, PURGE_AT, tz), now, await last_run(session, PURGE)):
            purged = await purge_old_attempts(session, now)
            await record_run(session, PURGE, now)
            if purged:
                done["attempts_purged"] = purged
    if done:
        log.info("planned reminders %s", done)
    return done


async def _plan_needs(session: Any, ctx: AppContext, today: date, now: datetime) -> dict[str, int]:
    """The planning window of learning needs (issue 14): the invitation when it opens and
    the reminder two weeks before it closes, each on a working day at the weekly
    reminder's time, each once (caught up once after downtime, while the window lasts)."""
    settings, tz = ctx.settings, ctx.settings.tz
    window = await current_window(session, today, settings.needs_window)
    if today > window.closes_on:
        return {}
    done: dict[str, int] = {}
    moments = (
        ("needs_invite", window.opens_on, plan_invitations),
        ("needs_reminder", window.closes_on - timedelta(days=14), plan_reminders),
    )
    for name, day, plan in moments:
        due = datetime.combine(await next_working_day(session, max(day, window.opens_on)),
                               settings.behind_reminder_time, tz)
        if is_due(due, now, await last_run(session, name)):
            done[name] = await plan(session, window, now)
            await record_run(session, name, now)
    return done


async def run(context: Any) -> None:
    """The job: plan what is due (the lock is the process's, kept in bot_data)."""
    ctx = app_context(context.application)
    lock = context.application.bot_data.setdefault(LOCK_KEY, SchedulerLock(ctx.db.engine))
    await plan_due(ctx, lock)


async def release(app: Any) -> None:
    lock = app.bot_data.get(LOCK_KEY)
    if lock is not None:
        await lock.release()
