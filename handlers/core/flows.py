"""Routes free input (text, photo, document) to the user's guided flow, if one is open.

Flows (/lapor, /umumkan) keep their state in the database (bot/services/dialogs.py), so
this router asks the database, not PTB's memory, whether a message belongs to a flow.
Input outside any flow goes to the ordinary handlers: link codes, attendance files,
the "I did not understand" answer. `/batal` leaves any flow at any step.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from telegram import Update
from telegram.ext import ContextTypes

from bot.i18n import t
from bot.services import dialogs
from bot.services.dialogs import DialogState
from handlers.admin import programs as admin_programs
from handlers.self_service import help
from handlers.core.common import app_ctx, load_viewer, user_id
from handlers.core.keyboards import menu_for

InputHandler = Callable[[Update, ContextTypes.DEFAULT_TYPE, DialogState], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Flow:
    on_input: InputHandler


# Filled in by handlers/__init__.py (the flows import this module for their helpers).
FLOWS: dict[str, Flow] = {}


def ttl(context: ContextTypes.DEFAULT_TYPE) -> timedelta:
    return timedelta(hours=app_ctx(context).settings.draft_expiry_hours)


async def save_state(update: Update, context: ContextTypes.DEFAULT_TYPE, state: DialogState) -> None:
    ctx = app_ctx(context)
    await dialogs.save(ctx.db, user_id(update), state, ctx.clock.now(), ttl(context))


async def load_state(
    update: Update, context: ContextTypes.DEFAULT_TYPE, flow: str
) -> DialogState | None:
    """The user's open flow if it is `flow` (buttons of a flow call this first)."""
    ctx = app_ctx(context)
    lookup = await dialogs.current(ctx.db, user_id(update), ctx.clock.now())
    return lookup.state if lookup.state is not None and lookup.state.flow == flow else None


async def end_flow(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await dialogs.clear(app_ctx(context).db, user_id(update))


async def on_input(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None
    ctx = app_ctx(context)
    lookup = await dialogs.current(ctx.db, user_id(update), ctx.clock.now())
    usable = message.text is not None or bool(message.photo) or message.document is not None
    if lookup.state is not None and lookup.state.flow in FLOWS:
        if not usable:  # a sticker, voice note, location…: no step takes those
            viewer = await load_viewer(update, context)
            await message.reply_text(t(viewer.language, "dialog.unsupported"))
            return
        await FLOWS[lookup.state.flow].on_input(update, context, lookup.state)
        return
    if lookup.expired_flow is not None:
        viewer = await load_viewer(update, context)
        await message.reply_text(t(viewer.language, "dialog.expired"))
        return
    if message.document is not None:
        await admin_programs.attendance_file(update, context)  # the only file asked for outside flows
    elif message.text is not None:
        await help.other_text(update, context)
    else:
        viewer = await load_viewer(update, context)
        await message.reply_text(
            t(viewer.language, "fallback.unknown" if viewer.linked else "link.needed"),
            reply_markup=menu_for(viewer.language, viewer.linked),
        )


async def cancel_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/batal: leave whatever flow is open; what it had gathered is dropped."""
    assert update.effective_message is not None
    flow = await dialogs.clear(app_ctx(context).db, user_id(update))
    viewer = await load_viewer(update, context)
    key = "dialog.cancelled" if flow is not None else "dialog.nothing_to_cancel"
    await update.effective_message.reply_text(
        t(viewer.language, key), reply_markup=menu_for(viewer.language, viewer.linked)
    )
