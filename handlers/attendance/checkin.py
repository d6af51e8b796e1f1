"""/hadir (/checkin) and the deep link t.me/<bot>?start=hadir_<code>: a participant
checks in to a session themselves."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update

from bot.i18n import fmt_time
from bot.presentation.text import when
from bot.services.attendance.checkin import CheckinOutcome, check_in
from handlers.core.context import BotContext
from handlers.core.routes import Work, command


@command("hadir", "checkin", work=Work.WRITE)
async def checkin_command(update: Update, context: BotContext) -> None:
    if not context.args:
        context.replies.message(context.text("checkin.usage"))
        return
    await answer_checkin(context, " ".join(context.args))


async def answer_checkin(context: BotContext, code: str) -> None:
    """Check the viewer in with `code` and say what happened (in a WRITE unit)."""
    settings, lang, tz = context.settings, context.lang, context.tz
    result = await check_in(
        context.session, context.user_id, context.viewer.employee_id, code, context.now(),
        opens_minutes=settings.checkin_opens_minutes,
        attempts_per_hour=settings.checkin_attempts_per_hour,
    )
    outcome = result.outcome
    if outcome in (CheckinOutcome.RECORDED, CheckinOutcome.ALREADY):
        assert result.starts_at is not None and result.ends_at is not None
        span = f"{when(lang, result.starts_at, tz)}–{fmt_time(lang, result.ends_at, tz)}"
        text = context.text(f"checkin.{outcome.value}", title=result.title, n=result.session_no,
                            total=result.sessions, when=span)
    elif outcome == CheckinOutcome.TOO_EARLY:
        assert result.opens_at is not None
        text = context.text("checkin.too_early", opens=when(lang, result.opens_at, tz))
    elif outcome == CheckinOutcome.RATE_LIMITED:
        assert result.retry_at is not None
        text = context.text("checkin.rate_limited",
                            time=fmt_time(lang, result.retry_at + timedelta(seconds=59), tz))
    elif outcome in (CheckinOutcome.UNKNOWN, CheckinOutcome.EXPIRED):
        text = context.text(f"checkin.{outcome.value}", attempts_left=result.attempts_left)
    elif outcome == CheckinOutcome.NOT_ENROLLED:
        text = context.text("checkin.not_enrolled", title=result.title)
    else:
        text = context.text("checkin.not_linked")
    context.replies.message(text)
