"""/start, deep links, shared contacts and typed link codes: linking an account."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update
from telegram.ext import ContextTypes

from bot.i18n import fmt_time, t
from bot.services.identity import linking
from bot.services.identity.linking import LinkOutcome, LinkResult
from handlers.core.common import app_ctx, load_viewer, user_id
from handlers.core.keyboards import main_menu, menu_for, share_contact


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/start` or `/start <code>` from a deep link t.me/<bot>?start=<code>."""
    assert update.effective_message is not None
    if context.args:
        await _link_with_code(update, context, context.args[0])
        return
    viewer = await load_viewer(update, context)
    lang = viewer.language
    if viewer.linked:
        text = t(lang, "start.welcome_back", name=viewer.employee_name, opd=viewer.opd_name)
    else:
        text = t(lang, "start.welcome", organisation=app_ctx(context).settings.organisation_name)
    await update.effective_message.reply_text(text, reply_markup=menu_for(lang, viewer.linked))


async def contact(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A contact arrived: only the sender's own, sent by the share button, can link."""
    message = update.effective_message
    assert message is not None and message.contact is not None
    ctx = app_ctx(context)
    async with ctx.db.transaction() as session:
        result = await linking.link_by_contact(
            session,
            user_id(update),
            message.contact.user_id,
            message.contact.phone_number,
            ctx.clock,
            ctx.settings.default_language,
        )
    await _reply_link_result(update, context, result)


async def code_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A typed message that has the shape of a link code."""
    assert update.effective_message is not None and update.effective_message.text is not None
    await _link_with_code(update, context, update.effective_message.text)


async def _link_with_code(update: Update, context: ContextTypes.DEFAULT_TYPE, code: str) -> None:
    ctx = app_ctx(context)
    async with ctx.db.transaction() as session:
        result = await linking.link_by_code(
            session,
            user_id(update),
            code,
            ctx.clock,
            ctx.settings.default_language,
            ctx.settings.link_attempts_per_hour,
        )
    await _reply_link_result(update, context, result)


async def _reply_link_result(
    update: Update, context: ContextTypes.DEFAULT_TYPE, result: LinkResult
) -> None:
    assert update.effective_message is not None
    viewer = await load_viewer(update, context)
    lang = viewer.language
    outcome = result.outcome
    if outcome in (LinkOutcome.LINKED, LinkOutcome.ALREADY_LINKED):
        text = t(lang, f"link.{outcome.value}", name=result.employee_name)
        markup = main_menu(lang)
    elif outcome == LinkOutcome.RATE_LIMITED:
        assert result.retry_at is not None
        # Round up to the minute so "after 14.31" is never a minute too early.
        retry_at = result.retry_at + timedelta(seconds=59)
        when = fmt_time(lang, retry_at, app_ctx(context).settings.tz)
        text, markup = t(lang, "link.rate_limited", time=when), share_contact(lang)
    elif outcome in (LinkOutcome.CODE_UNKNOWN, LinkOutcome.CODE_EXPIRED, LinkOutcome.CODE_USED):
        text = t(lang, f"link.{outcome.value}", attempts_left=result.attempts_left)
        markup = menu_for(lang, viewer.linked)
    else:
        text, markup = t(lang, f"link.{outcome.value}"), menu_for(lang, viewer.linked)
    await update.effective_message.reply_text(text, reply_markup=markup)
