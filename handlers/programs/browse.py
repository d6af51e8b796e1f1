"""/program: the upcoming programs meant for the employee, filters, one program's card,
its calendar file; and /kegiatanku, the employee's own seats and finished programs."""

from __future__ import annotations

from collections.abc import Callable

from telegram import Update

from bot.presentation.buttons.programs import (
    ListState,
    MyActivities,
    ProgramCalendar,
    ProgramCard,
    ProgramFilter,
    ProgramList,
)
from bot.services.programs.catalogue import ProgramCard as ProgramCardData
from bot.services.programs.catalogue import (
    Member,
    list_programs,
    load_member,
    my_activities,
    program_calendar,
    program_card,
    upcoming_categories,
    upcoming_months,
)
from handlers.core.context import BotContext
from handlers.core.keyboards import share_contact
from handlers.core.routes import button, command, menu
from handlers.programs.views import category_choices, month_choices, render_card, render_list, render_mine


async def member_of(context: BotContext) -> Member | None:
    """The linked employee's eligibility facts; None (and told to link) otherwise."""
    viewer = context.viewer
    member = await load_member(context.session, viewer.employee_id) if viewer.employee_id else None
    if member is None:
        if context.replies.pressed:
            context.replies.toast(context.text("link.needed_short"), alert=True)
        else:
            context.replies.message(context.text("link.needed"), share_contact(viewer.language))
    return member


@command("program", "programs")
@menu("menu.programs")
async def programs_command(update: Update, context: BotContext) -> None:
    await show_list(context, ListState())


@button(ProgramList)
async def list_page(update: Update, context: BotContext, pressed: ProgramList) -> None:
    await show_list(context, pressed.state)


async def show_list(context: BotContext, state: ListState) -> None:
    member = await member_of(context)
    if member is None:
        return
    page = await list_programs(context.session, member, context.now(), context.tz,
                               page=state.page, category=state.category, month=state.month)
    shown = ListState(page.page, state.category, state.month)
    context.replies.show(*render_list(context.lang, page, context.tz, shown))


@button(ProgramFilter)
async def filter_menu(update: Update, context: BotContext, pressed: ProgramFilter) -> None:
    member = await member_of(context)
    if member is None:
        return
    state, lang, now = ListState(0, pressed.category, pressed.month), context.lang, context.now()
    if pressed.by == "category":
        categories = await upcoming_categories(context.session, member, now)
        context.replies.show(context.text("programs.choose_category"),
                             category_choices(lang, categories, state))
    else:
        months = await upcoming_months(context.session, member, now, context.tz)
        context.replies.show(context.text("programs.choose_month"), month_choices(lang, months, state))


@button(ProgramCard)
async def card(update: Update, context: BotContext, pressed: ProgramCard) -> None:
    await show_card(context, pressed.program_id, pressed.state)


async def show_card(context: BotContext, program_id: int, state: ListState | None,
                    notice: str | Callable[[ProgramCardData], str] | None = None) -> None:
    """`notice` above the card; a function of the card when its wording depends on it."""
    member = await member_of(context)
    if member is None:
        return
    found = await program_card(context.session, program_id, member, context.now(),
                               context.viewer.telegram_user_id)
    if found is None:
        context.replies.toast(context.text("program.not_for_you"), alert=True)
        return
    text, markup = render_card(context.lang, found, context.tz, context.now(), state)
    if callable(notice):
        notice = notice(found)
    context.replies.show(f"{notice}\n\n{text}" if notice else text, markup)


@button(ProgramCalendar)
async def calendar_pressed(update: Update, context: BotContext, pressed: ProgramCalendar) -> None:
    member = await member_of(context)
    if member is None:
        return
    found = await program_calendar(context.session, pressed.program_id, member, context.now(),
                                   context.viewer.telegram_user_id, language=context.lang)
    if found is None:
        context.replies.toast(context.text("program.not_for_you"), alert=True)
        return
    data, code, title = found
    context.replies.toast()
    context.replies.document(data, f"{code}.ics", context.text("program.calendar_caption", title=title))


@command("kegiatanku", "mine")
@menu("menu.mine")
async def mine_command(update: Update, context: BotContext) -> None:
    await show_mine(context)


@button(MyActivities)
async def mine_pressed(update: Update, context: BotContext, pressed: MyActivities) -> None:
    await show_mine(context)


async def show_mine(context: BotContext) -> None:
    member = await member_of(context)
    if member is None:
        return
    activities = await my_activities(context.session, member.employee_id, context.now())
    context.replies.show(*render_mine(context.lang, activities, context.tz))
