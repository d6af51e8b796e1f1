"""/kebutuhan (/needs): a linked employee declares up to three learning needs for this
JP year, in priority order, while the planning window is open.

Choosing: ➕ → a kind (paged list) or a few typed letters → a competency → the
preferred form (this stores the need) → an optional short reason. Typed letters and
the reason are steps of the `needs` flow (the dialog row); every button carries the
competency's id only, which the service checks (unknown, retired, not declared)."""

from __future__ import annotations

from pydantic import BaseModel
from telegram import Message, Update

from bot.i18n import t
from bot.presentation.buttons.needs import (
    NeedAdd,
    NeedDrop,
    NeedForm,
    NeedKind,
    NeedPick,
    NeedSkipReason,
    NeedsHome,
    NeedUp,
)
from bot.services.needs import catalogue, declaring
from bot.services.needs.declaring import NeedRefused, Refusal
from handlers.core.context import BotContext
from handlers.core.flows import TEXT, Flow, Step
from handlers.core.keyboards import share_contact
from handlers.core.routes import Work, button, command, menu
from handlers.needs import views


class NeedsDraft(BaseModel):
    competency: int | None = None  # the need whose reason is asked


async def _gone(context: BotContext) -> str | None:
    return None if context.viewer.linked else context.text("link.needed")


async def _typed_search(update: Update, context: BotContext, draft: NeedsDraft, msg: Message) -> None:
    words = " ".join((msg.text or "").split())
    if len(words) < 2:
        context.replies.message(context.text("needs.search_short"))
        return
    found = await catalogue.search(context.session, words)
    context.replies.message(*views.search_results(context.lang, words[:60], found))


async def _typed_reason(update: Update, context: BotContext, draft: NeedsDraft, msg: Message) -> None:
    employee = _employee(context)
    if employee is None or draft.competency is None:
        return
    if not await _guard(context, declaring.set_reason(
            context.session, employee, draft.competency, msg.text, context.today(), context.now(),
            context.settings.needs_window)):
        await NEEDS.end(context)
        return
    await NEEDS.end(context)
    context.replies.message(context.text("needs.reason_saved"))
    await _overview(context, new_message=True)


NEEDS: Flow[NeedsDraft] = Flow("needs", NeedsDraft, {
    "search": Step(_typed_search, wrong_input="needs.type_letters"),
    "reason": Step(_typed_reason, accepts=frozenset({TEXT})),
}, gone=_gone)


def _employee(context: BotContext) -> int | None:
    """The linked employee; for anyone else, says they must link first."""
    viewer = context.viewer
    if viewer.employee_id is None:
        if context.replies.pressed:
            context.replies.refuse(context.text("link.needed_short"))
        else:
            context.replies.message(context.text("link.needed"), share_contact(viewer.language))
    return viewer.employee_id


async def _guard(context: BotContext, change: object) -> bool:
    """Run a service change; a refusal is told to the user and nothing is stored."""
    try:
        await change  # type: ignore[misc]
    except NeedRefused as refused:
        context.replies.refuse(context.text(f"needs.refused.{refused.refusal.value}"))
        return False
    return True


async def _overview(context: BotContext, *, new_message: bool = False, toast: str | None = None) -> None:
    employee = context.viewer.employee_id
    assert employee is not None
    mine = await declaring.my_needs(context.session, employee, context.today(), context.settings.needs_window)
    text, markup = views.overview(context.lang, mine)
    if new_message:
        context.replies.message(text, markup)
    else:
        context.replies.show(text, markup, toast=toast)


@command("kebutuhan", "needs")
@menu("menu.needs")
async def needs_command(update: Update, context: BotContext) -> None:
    if _employee(context) is None:
        return
    await _overview(context, new_message=True)


@button(NeedsHome)
async def home_pressed(update: Update, context: BotContext, pressed: NeedsHome) -> None:
    if _employee(context) is not None:
        await _overview(context)


@button(NeedAdd, work=Work.WRITE)
async def add_pressed(update: Update, context: BotContext, pressed: NeedAdd) -> None:
    employee = _employee(context)
    if employee is None:
        return
    mine = await declaring.my_needs(context.session, employee, context.today(), context.settings.needs_window)
    if not mine.is_open or mine.full:
        context.replies.refuse(context.text(f"needs.refused.{(Refusal.CLOSED if not mine.is_open else Refusal.TOO_MANY).value}"))
        return
    await NEEDS.save(context, "search", NeedsDraft())
    context.replies.show(*views.choose(context.lang))


@button(NeedKind)
async def kind_pressed(update: Update, context: BotContext, pressed: NeedKind) -> None:
    if _employee(context) is None:
        return
    found, pages = await catalogue.by_kind(context.session, pressed.kind, pressed.page)
    page = min(pressed.page, pages - 1)
    context.replies.show(*views.kind_page(context.lang, pressed.kind, found, page, pages))


@button(NeedPick)
async def pick_pressed(update: Update, context: BotContext, pressed: NeedPick) -> None:
    employee = _employee(context)
    if employee is None:
        return
    try:
        found = await declaring.check_choice(context.session, employee, pressed.competency, context.today(),
                                             context.settings.needs_window)
    except NeedRefused as refused:
        context.replies.refuse(context.text(f"needs.refused.{refused.refusal.value}"))
        return
    context.replies.show(*views.form_choice(context.lang, found.id, found.name))


@button(NeedForm, work=Work.WRITE)
async def form_pressed(update: Update, context: BotContext, pressed: NeedForm) -> None:
    employee = _employee(context)
    if employee is None:
        return
    try:
        line = await declaring.declare(
            context.session, employee, pressed.competency, pressed.form, context.today(), context.now(),
            context.settings.needs_window)
    except NeedRefused as refused:
        context.replies.refuse(context.text(f"needs.refused.{refused.refusal.value}"))
        return
    await NEEDS.save(context, "reason", NeedsDraft(competency=line.competency_id))
    context.replies.show(*views.ask_reason(context.lang, line.competency_id, line.name),
                         toast=context.text("needs.saved"))


@button(NeedSkipReason, work=Work.WRITE)
async def skip_pressed(update: Update, context: BotContext, pressed: NeedSkipReason) -> None:
    if _employee(context) is None:
        return
    current = await NEEDS.current(context)
    if current is not None and current[0] == "reason":
        await NEEDS.end(context)
    await _overview(context)


@button(NeedUp, work=Work.WRITE)
async def up_pressed(update: Update, context: BotContext, pressed: NeedUp) -> None:
    employee = _employee(context)
    if employee is not None and await _guard(context, declaring.raise_priority(
            context.session, employee, pressed.competency, context.today(), context.now(),
            context.settings.needs_window)):
        await _overview(context, toast=t(context.lang, "needs.moved"))


@button(NeedDrop, work=Work.WRITE)
async def drop_pressed(update: Update, context: BotContext, pressed: NeedDrop) -> None:
    employee = _employee(context)
    if employee is not None and await _guard(context, declaring.withdraw(
            context.session, employee, pressed.competency, context.today(), context.now(),
            context.settings.needs_window)):
        await _overview(context, toast=t(context.lang, "needs.withdrawn"))
