"""/program, program cards, enroll and cancel, calendar files, and /kegiatanku."""

from __future__ import annotations

from io import BytesIO

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.i18n import t
from bot.services.identity.accounts import Viewer, get_viewer
from bot.services.programs.enrollment import CancelOutcome, EnrollOutcome, cancel_enrollment, enroll
from bot.services.programs.ical import program_ics
from bot.services.programs.catalogue import (
    Member,
    list_programs,
    load_member,
    my_activities,
    program_card,
    upcoming_categories,
    upcoming_months,
)
from handlers.core.callback_data import Callback
from handlers.core.common import app_ctx, show, user_id
from handlers.core.keyboards import button, share_contact
from handlers.programs.views import (
    ListState,
    category_choices,
    month_choices,
    render_card,
    render_list,
    render_mine,
)


async def _member(update: Update, context: ContextTypes.DEFAULT_TYPE) -> tuple[Viewer, Member | None]:
    ctx = app_ctx(context)
    async with ctx.db.read() as session:
        viewer = await get_viewer(session, user_id(update), ctx.settings.default_language)
        member = await load_member(session, viewer.employee_id) if viewer.employee_id else None
    return viewer, member


async def _needs_link(update: Update, viewer: Viewer) -> None:
    lang = viewer.language
    if update.callback_query is not None:
        await update.callback_query.answer(t(lang, "link.needed_short"), show_alert=True)
        return
    assert update.effective_message is not None
    await update.effective_message.reply_text(t(lang, "link.needed"), reply_markup=share_contact(lang))


async def programs_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _list(update, context, ListState())


async def _list(update: Update, context: ContextTypes.DEFAULT_TYPE, state: ListState) -> None:
    ctx = app_ctx(context)
    viewer, member = await _member(update, context)
    if member is None:
        await _needs_link(update, viewer)
        return
    async with ctx.db.read() as session:
        page = await list_programs(
            session, member, ctx.clock.now(), ctx.settings.tz,
            page=state.page, category=state.category, month=state.month,
        )
    text, markup = render_list(viewer.language, page, ctx.settings.tz, state.with_(page=page.page))
    await show(update, text, markup)


async def list_page(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    await _list(update, context, ListState.parse(cb.parts))


async def filter_menu(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    ctx = app_ctx(context)
    viewer, member = await _member(update, context)
    if member is None:
        await _needs_link(update, viewer)
        return
    state = ListState.parse(cb.parts)
    lang = viewer.language
    async with ctx.db.read() as session:
        if cb.action == "pfc":
            markup = category_choices(lang, await upcoming_categories(session, member, ctx.clock.now()), state)
            text = t(lang, "programs.choose_category")
        else:
            months = await upcoming_months(session, member, ctx.clock.now(), ctx.settings.tz)
            markup = month_choices(lang, months, state)
            text = t(lang, "programs.choose_month")
    await show(update, text, markup)


async def card(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    program_id, *state_parts = cb.parts
    await _card(update, context, int(program_id), ListState.parse(state_parts))


async def _card(
    update: Update, context: ContextTypes.DEFAULT_TYPE, program_id: int, state: ListState | None,
    notice: str | None = None, known: tuple[Viewer, Member | None] | None = None,
) -> None:
    ctx = app_ctx(context)
    viewer, member = known or await _member(update, context)
    if member is None:
        await _needs_link(update, viewer)
        return
    now = ctx.clock.now()
    async with ctx.db.read() as session:
        found = await program_card(session, program_id, member, now)
    lang = viewer.language
    if found is None:
        await _gone(update, lang)
        return
    text, markup = render_card(lang, found, ctx.settings.tz, now, state)
    if notice:
        text = type(text)(f"{notice}\n\n{text}")
    await show(update, text, markup)


def _confirm(lang: str, program_id: int, yes: str, action: str, no: str) -> InlineKeyboardMarkup:
    """Yes goes ahead with `action`; no goes back to the program's card."""
    return InlineKeyboardMarkup([
        [button(t(lang, yes), action, str(program_id))],
        [button(t(lang, no), "pc", f"{program_id}.{ListState().encode()}")],
    ])


async def _gone(update: Update, lang: str) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer(t(lang, "callback.expired"), show_alert=True)


async def enroll_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    ctx = app_ctx(context)
    viewer, member = await _member(update, context)
    if member is None:
        await _needs_link(update, viewer)
        return
    lang = viewer.language
    program_id = int(cb.argument)
    result = await enroll(
        ctx.db, member.employee_id, program_id, ctx.clock, confirm_overlap=cb.action == "enc"
    )
    if result.outcome == EnrollOutcome.NEEDS_CONFIRMATION:
        query = update.callback_query
        assert query is not None
        await query.answer()
        markup = _confirm(lang, program_id, "enroll.confirm_button", "enc", "program.back_button")
        await query.edit_message_text(
            t(lang, "enroll.overlap", titles=", ".join(result.overlaps)), reply_markup=markup
        )
        return
    if result.outcome == EnrollOutcome.REFUSED and result.refusal is not None:
        if result.refusal.value == "not_available":
            await _gone(update, lang)
            return
        notice = t(lang, f"refusal.{result.refusal.value}")
    elif result.outcome in (EnrollOutcome.WAITLISTED, EnrollOutcome.ALREADY_WAITLISTED):
        notice = t(lang, f"enroll.{result.outcome.value}", position=result.waitlist_position)
    else:
        notice = t(lang, f"enroll.{result.outcome.value}")
    await _card(update, context, program_id, None, notice, known=(viewer, member))


async def cancel_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    ctx = app_ctx(context)
    viewer, member = await _member(update, context)
    if member is None:
        await _needs_link(update, viewer)
        return
    lang = viewer.language
    program_id = int(cb.argument)
    query = update.callback_query
    assert query is not None
    if cb.action == "cx":
        await query.answer()
        markup = _confirm(lang, program_id, "cancel.yes", "cxy", "cancel.no")
        await query.edit_message_text(t(lang, "cancel.ask"), reply_markup=markup)
        return
    result = await cancel_enrollment(ctx.db, member.employee_id, program_id, ctx.clock, ctx.settings.tz)
    if result.outcome == CancelOutcome.NOT_ENROLLED:
        await _gone(update, lang)
        return
    await _card(
        update, context, program_id, None, t(lang, f"cancel.{result.outcome.value}"),
        known=(viewer, member),
    )


async def calendar_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    ctx = app_ctx(context)
    viewer, member = await _member(update, context)
    if member is None:
        await _needs_link(update, viewer)
        return
    now = ctx.clock.now()
    async with ctx.db.read() as session:
        found = await program_card(session, int(cb.argument), member, now)
    lang = viewer.language
    if found is None or not found.sessions:
        await _gone(update, lang)
        return
    data = program_ics(
        uid_base=f"program-{found.id}",
        title=found.title,
        description=f"{found.code} · {found.jp} JP",
        location=found.place,
        url=found.online_url,
        sessions=found.sessions,
        stamp=now,
    )
    query = update.callback_query
    assert query is not None and query.message is not None
    await query.answer()
    await context.bot.send_document(
        query.message.chat.id,
        BytesIO(data),
        filename=f"{found.code}.ics",
        caption=t(lang, "program.calendar_caption", title=found.title),
    )


async def mine_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    ctx = app_ctx(context)
    viewer, member = await _member(update, context)
    if member is None:
        await _needs_link(update, viewer)
        return
    async with ctx.db.read() as session:
        activities = await my_activities(session, member.employee_id, ctx.clock.now())
    text, markup = render_mine(viewer.language, activities, ctx.settings.tz)
    await show(update, text, markup)


async def mine_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    await mine_command(update, context)
