"""Drains the outbox to Telegram: rendered in the reader's language, under the rate
limiter, honouring RetryAfter, marking users who blocked the bot."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from decimal import Decimal

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application, ContextTypes

from bot.context import AppContext
from bot.i18n import fmt_date, fmt_jp, fmt_time, t
from bot.services.balance import get_balance
from bot.services.notify import Notice
from bot.services.outbox import (
    Claimed,
    claim_due,
    mark_blocked,
    mark_retry,
    mark_sent,
    reclaim_stale,
)
from handlers.common import CTX_KEY
from models import Employee, OutboxMessage

log = logging.getLogger(__name__)
BATCH = 25
INTERVAL_SECONDS = 2.0
STALE_AFTER = timedelta(minutes=10)


async def render(ctx: AppContext, message: Claimed) -> str:
    lang, p = message.language, message.payload
    if message.kind in (Notice.SEAT_GRANTED, Notice.PROGRAM_CANCELLED):
        starts = datetime.fromisoformat(p["starts_at"]).astimezone(ctx.settings.tz)
        when = f"{fmt_date(lang, starts.date())}, {fmt_time(lang, starts, ctx.settings.tz)}"
        return t(lang, f"notice.{message.kind}", title=p["title"], when=when)
    if message.kind == Notice.JP_CREDITED:
        async with ctx.db.read() as session:
            row = await session.get(OutboxMessage, message.id)
            employee = await session.get(Employee, row.employee_id) if row else None
            approved = None
            if employee is not None:
                balance = await get_balance(
                    session,
                    employee.id,
                    ctx.today(),
                    ctx.settings.jp_target(employee.employee_type),
                    ctx.settings.jp_year_start_month,
                )
                approved, target = balance.approved, balance.target
        if approved is None:
            return t(lang, "notice.jp_credited_short", title=p["title"], jp=fmt_jp(lang, _dec(p)))
        return t(
            lang,
            "notice.jp_credited",
            title=p["title"],
            jp=fmt_jp(lang, _dec(p)),
            total=fmt_jp(lang, approved),
            target=fmt_jp(lang, target),
        )
    raise ValueError(f"unknown notice kind {message.kind}")


def _dec(payload: dict[str, str]) -> Decimal:
    return Decimal(payload["jp"])


async def drain_once(bot: Bot, ctx: AppContext, limit: int = BATCH) -> int:
    """Send what is due (at most `limit`); returns how many were sent."""
    now = ctx.clock.now()
    await reclaim_stale(ctx.db, now, STALE_AFTER)
    sent = 0
    for message in await claim_due(ctx.db, now, limit, ctx.settings.default_language):
        try:
            text = await render(ctx, message)
            await bot.send_message(message.chat_id, text)
        except RetryAfter as exc:
            delay = exc.retry_after
            seconds = delay.total_seconds() if isinstance(delay, timedelta) else float(delay)
            await mark_retry(
                ctx.db, message.id, message.attempts - 1, now, "retry after",
                timedelta(seconds=seconds),
            )
            continue
        except Forbidden:
            await mark_blocked(ctx.db, message.id)
            continue
        except (BadRequest, NetworkError, TelegramError, ValueError, KeyError) as exc:
            log.warning("outbox message %d not sent: %s", message.id, type(exc).__name__)
            await mark_retry(ctx.db, message.id, message.attempts, now, type(exc).__name__)
            continue
        await mark_sent(ctx.db, message.id, ctx.clock.now())
        sent += 1
    return sent


async def _job(context: ContextTypes.DEFAULT_TYPE) -> None:
    await drain_once(context.bot, context.application.bot_data[CTX_KEY])


def schedule(app: Application) -> None:  # type: ignore[type-arg]
    if app.job_queue is not None:
        app.job_queue.run_repeating(_job, interval=INTERVAL_SECONDS, first=1.0, name="outbox")
