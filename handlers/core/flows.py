"""Guided flows (/lapor, /umumkan, the verifier's typed answers, adding an OPD admin):
each declared as a table of steps over a typed draft, kept in the database.

A `Flow` names its draft model (pydantic: the stored JSON is validated on every read,
so a draft of an older shape is treated as expired, never half-understood) and its
steps: what each step accepts as typed input (text, a photo, a document) and which
function takes it. Buttons of a flow call `flow.current(context)` and check the step
themselves. The state lives in the `dialog` table (bot/services/dialogs.py), in the
update's unit of work, so a restart loses nothing and several processes share it.

Free input (text, photo, document that is no command) goes to the open flow's step;
without an open flow it goes to the routes registered with `outside_flows` (link codes,
attendance files, "I did not understand"). `/batal` leaves any flow at any step.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from telegram import Message, Update
from telegram.ext import filters

from bot.services import dialogs
from bot.services.dialogs import DialogState
from handlers.core.context import BotContext, message_of
from handlers.core.menus import menu_markup
from handlers.core.routes import Work, command, message

S = TypeVar("S", bound=BaseModel)
TEXT, PHOTO, DOCUMENT = "text", "photo", "document"
StepInput = Callable[[Update, BotContext, Any, Message], Awaitable[None]]
Outside = Callable[[Update, BotContext], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Step:
    """One step: the input it takes (None: buttons only) and what it accepts."""

    on_input: StepInput | None = None
    accepts: frozenset[str] = frozenset({TEXT})
    # What to say when the input is not accepted (e.g. a photo where a date is asked):
    # a catalogue key, or a function of the context for a message with values.
    wrong_input: str | Callable[[BotContext], str] = "dialog.use_buttons"


@dataclass(frozen=True, slots=True)
class Flow(Generic[S]):
    name: str
    state: type[S]
    steps: dict[str, Step]
    # Called instead of a step when the user may no longer use the flow (an admin whose
    # role was withdrawn, an employee who unlinked): say so; the draft is then dropped.
    gone: Callable[[BotContext], Awaitable[str | None]] | None = None

    def __post_init__(self) -> None:
        FLOWS[self.name] = self

    def _ttl(self, context: BotContext) -> timedelta:
        return timedelta(hours=context.settings.draft_expiry_hours)

    async def save(self, context: BotContext, step: str, state: S) -> None:
        """Start the flow or move it to `step` (replacing any other flow of the user)."""
        assert step in self.steps, step
        data = state.model_dump(mode="json", exclude_none=True)
        await dialogs.save(context.session, context.user_id, DialogState(self.name, step, data),
                           context.now(), self._ttl(context))

    async def current(self, context: BotContext) -> tuple[str, S] | None:
        """(step, draft) when the user's open flow is this one."""
        found = await dialogs.peek(context.session, context.user_id, context.now())
        if found is None or found.flow != self.name:
            return None
        parsed = self.parse(found)
        return (found.step, parsed) if parsed is not None else None

    def parse(self, found: DialogState) -> S | None:
        if found.step not in self.steps:
            return None
        try:
            return self.state.model_validate(found.data)
        except ValidationError:
            return None

    async def end(self, context: BotContext) -> None:
        await dialogs.clear(context.session, context.user_id)

    async def take(self, context: BotContext, step: str) -> bool:
        """End the draft if it is still at `step`: of two presses, exactly one gets True."""
        return await dialogs.take(context.session, context.user_id, self.name, step,
                                  context.now())


FLOWS: dict[str, Flow[Any]] = {}
_OUTSIDE: dict[str, Outside] = {}


def outside_flows(kind: str) -> Callable[[Outside], Outside]:
    """Register what free input of `kind` (TEXT or DOCUMENT) means outside any flow."""

    def register(function: Outside) -> Outside:
        _OUTSIDE[kind] = function
        return function

    return register


def _kind(msg: Message) -> str | None:
    if msg.text is not None:
        return TEXT
    if msg.photo:
        return PHOTO
    if msg.document is not None:
        return DOCUMENT
    return None


# New messages only: an edited message is not the answer to a later step.
FREE_INPUT = filters.UpdateType.MESSAGE & ~filters.COMMAND & ~filters.StatusUpdate.ALL & ~filters.CONTACT


@message(FREE_INPUT, work=Work.WRITE, order=90)
async def on_input(update: Update, context: BotContext) -> None:
    msg = message_of(update)
    lookup = await dialogs.current(context.session, context.user_id, context.now())
    kind = _kind(msg)
    if lookup.state is not None:
        flow = FLOWS.get(lookup.state.flow)
        state = flow.parse(lookup.state) if flow is not None else None
        if flow is None or state is None:
            await dialogs.clear(context.session, context.user_id)
            context.replies.message(context.text("dialog.expired"))
            return
        if flow.gone is not None and (reason := await flow.gone(context)) is not None:
            await flow.end(context)
            viewer = context.viewer
            context.replies.message(reason, await menu_markup(context))
            return
        step = flow.steps[lookup.state.step]
        if kind is None:  # a sticker, voice note, location…: no step takes those
            context.replies.message(context.text("dialog.unsupported"))
        elif step.on_input is None or kind not in step.accepts:
            wrong = step.wrong_input
            context.replies.message(wrong(context) if callable(wrong) else context.text(wrong))
        else:
            await step.on_input(update, context, state, msg)
        return
    if lookup.expired_flow is not None:
        context.replies.message(context.text("dialog.expired"))
        return
    outside = _OUTSIDE.get(kind) if kind is not None else None
    if outside is not None:
        await outside(update, context)
        return
    viewer = context.viewer
    key = "fallback.unknown" if viewer.linked else "link.needed"
    context.replies.message(context.text(key), await menu_markup(context))


@command("batal", "cancel", work=Work.WRITE)
async def cancel_command(update: Update, context: BotContext) -> None:
    """/batal: leave whatever flow is open; what it had gathered is dropped."""
    flow = await dialogs.clear(context.session, context.user_id)
    viewer = context.viewer
    key = "dialog.cancelled" if flow is not None else "dialog.nothing_to_cancel"
    context.replies.message(context.text(key), await menu_markup(context))

