"""/start, deep links, shared contacts and typed link codes: linking an account."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update
from telegram.ext import filters

from bot.i18n import fmt_time
from bot.link_secret import link_code_key
from bot.services.identity import linking
from bot.services.identity.accounts import get_viewer
from bot.services.identity.linking import LinkOutcome, LinkResult, looks_like_code
from bot.services.attendance.checkin import DEEP_LINK_PREFIX as CHECKIN_LINK
from bot.services.certificates.numbers import DEEP_LINK_PREFIX as VERIFY_LINK
from handlers.attendance.certificates import answer_verify
from handlers.attendance.checkin import answer_checkin
from handlers.core.context import BotContext, message_of
from handlers.core.flows import TEXT, outside_flows
from handlers.core.keyboards import share_contact, start_here
from handlers.core.menus import menu_markup, refresh_commands
from handlers.core.routes import Work, command, message


@command("start", work=Work.WRITE)
async def start(update: Update, context: BotContext) -> None:
    """`/start` or `/start <code>` from a deep link t.me/<bot>?start=<code>."""
    if context.args:
        payload = context.args[0]
        # Deep links of issue 15: a session's check-in QR, a certificate's verification QR.
        if payload.lower().startswith(CHECKIN_LINK):
            await answer_checkin(context, payload)
        elif payload.lower().startswith(VERIFY_LINK):
            await answer_verify(context, payload)
        else:
            await _link_with_code(context, payload)
        return
    viewer = context.viewer
    if viewer.linked:
        text = context.text("start.welcome_back", name=viewer.employee_name, opd=viewer.opd_name)
    else:
        text = context.text("start.welcome", organisation=context.settings.organisation_name)
    context.replies.message(text, await menu_markup(context))


@message(filters.CONTACT, work=Work.WRITE, order=10)
async def contact(update: Update, context: BotContext) -> None:
    """A contact arrived: only the sender's own, sent by the share button, can link."""
    shared = message_of(update).contact
    assert shared is not None
    result = await linking.link_by_contact(
        context.session, context.user_id, shared.user_id, shared.phone_number,
        context.app.clock, context.settings.default_language,
    )
    await _answer(context, result)


@outside_flows(TEXT)
async def typed_text(update: Update, context: BotContext) -> None:
    """Free text outside any flow: a link code when it has that shape, else a pointer."""
    text = message_of(update).text or ""
    if looks_like_code(text):
        await _link_with_code(context, text)
        return
    viewer = context.viewer
    key = "fallback.unknown" if viewer.linked else "link.needed"
    context.replies.message(context.text(key), await menu_markup(context))


async def _link_with_code(context: BotContext, code: str) -> None:
    settings = context.settings
    result = await linking.link_by_code(
        context.session, context.user_id, code, context.app.clock,
        settings.default_language, settings.link_attempts_per_hour,
        key=link_code_key(settings), global_attempts_per_hour=settings.link_attempts_global_per_hour,
    )
    await _answer(context, result)


async def _answer(context: BotContext, result: LinkResult) -> None:
    # Linking may have changed who this is (and their language): read the viewer again.
    viewer = await get_viewer(context.session, context.user_id, context.settings.default_language)
    context.reread_viewer(viewer)
    lang, outcome = viewer.language, result.outcome
    if outcome in (LinkOutcome.LINKED, LinkOutcome.ALREADY_LINKED):
        # A supervisor or admin finds their menu and commands from the start.
        text, markup = context.text(f"link.{outcome.value}", name=result.employee_name), await menu_markup(context)
        await refresh_commands(context, context.user_id, reset=False)
    elif outcome in (LinkOutcome.RATE_LIMITED, LinkOutcome.RATE_LIMITED_GLOBAL):
        assert result.retry_at is not None
        # Round up to the minute so "after 14.31" is never a minute too early.
        when = fmt_time(lang, result.retry_at + timedelta(seconds=59), context.tz)
        text, markup = context.text(f"link.{outcome.value}", time=when), share_contact(lang)
    elif outcome in (LinkOutcome.CODE_UNKNOWN, LinkOutcome.CODE_EXPIRED, LinkOutcome.CODE_USED):
        text = context.text(f"link.{outcome.value}", attempts_left=result.attempts_left)
        markup = await menu_markup(context)
    else:
        text, markup = context.text(f"link.{outcome.value}"), await menu_markup(context)
    context.replies.message(text, markup)
    if outcome == LinkOutcome.LINKED:
        # The greeting keeps the menu; the shortcuts need a message of their own (inline
        # buttons cannot share one with a reply keyboard).
        context.replies.message(context.text("link.start_here"), start_here(lang))
