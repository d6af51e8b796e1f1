"""Declaring handlers: what triggers them and what they do with the database, said once.

Every handler is declared with one of the decorators below (PTB's stand-in for
middleware). The declaration names the trigger (commands, a button kind, a message
filter) and the unit of work the handler needs:

- `READ`: one read-only session (quick reads by index);
- `WRITE`: one write transaction, which takes the write lock when it begins, so a busy
  database makes the user wait their turn instead of failing;
- `SCAN`: one read-only snapshot for reads over large tables (reports);
- `None`: no database at all (groups, where nothing personal may be looked up).

The decorator opens the unit, reads the viewer (and, for `admin=True`, their admin
scope) in it, runs the handler, commits, and only then sends the replies the handler
queued. A service refusing an admin action (`NotAllowed`) rolls everything back and the
presser is told they may not. `ROUTES` keeps every declaration: `handlers.register`
adds them to the Application, and the tests derive their lists (every writing handler,
every admin button) from it, so a new handler cannot be left out of either.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.i18n import all_translations
from bot.presentation.buttons import Audience, Button
from bot.services.identity.accounts import get_viewer
from bot.services.identity.roles import Denial, NotAllowed, admin_scope
from handlers.core.context import BotContext

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession


class Work(StrEnum):
    READ = "read"
    WRITE = "write"
    SCAN = "scan"


B = TypeVar("B", bound=Button)
Plain = Callable[[Update, BotContext], Awaitable[None]]
Pressed = Callable[[Update, BotContext, Any], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Route:
    name: str  # module.function, for messages and tests
    kind: str  # "command" | "button" | "message" | "prefetch"
    work: Work | None
    admin: bool
    handler: BaseHandler[Update, BotContext, None]
    order: int = 0  # message routes: lower first (commands and buttons never overlap)
    button: type[Button] | None = None
    commands: tuple[str, ...] = ()


ROUTES: list[Route] = []
# Refusals that say more than the route's own refusal: what the admin can do about it.
DENIAL_TEXTS = {Denial.NOT_IDENTIFIED: "admin.identify_first"}
PRIVATE = filters.ChatType.PRIVATE


def _unit(context: BotContext, work: Work) -> AbstractAsyncContextManager[AsyncSession]:
    db = context.app.db
    if work == Work.WRITE:
        return db.writing()
    return db.reading(long=work == Work.SCAN)


async def _run(
    update: Update, context: BotContext, work: Work | None, admin: bool, refusal: str,
    call: Callable[[], Awaitable[None]],
) -> None:
    replies = context.replies
    if work is None:
        await call()
        await replies.flush()
        return
    try:
        async with _unit(context, work) as session:
            viewer = await get_viewer(session, context.user_id, context.settings.default_language)
            scope = await admin_scope(session, context.user_id) if admin else None
            context.bind(session, viewer, scope)
            await call()
    except NotAllowed as refused:
        replies.drop()
        replies.refuse(context.text(DENIAL_TEXTS.get(refused.denial, refusal)))
    finally:
        context.release()
    await replies.flush()


def _name(function: Callable[..., Any]) -> str:
    return f"{function.__module__.removeprefix('handlers.')}.{function.__name__}"


def command(
    *names: str, work: Work | None = Work.READ, admin: bool = False,
    refusal: str = "admin.not_allowed",
) -> Callable[[Plain], Plain]:
    """`/name` in a private chat (several names: Indonesian first, English aliases)."""

    def declare(function: Plain) -> Plain:
        async def run(update: Update, context: BotContext) -> None:
            await _run(update, context, work, admin, refusal, lambda: function(update, context))

        handler = CommandHandler(list(names), run, filters=PRIVATE)
        ROUTES.append(Route(_name(function), "command", work, admin, handler, commands=names))
        return function

    return declare


def button(
    kind: type[B], *, work: Work | None = Work.READ, refusal: str = "admin.not_allowed",
) -> Callable[[Callable[[Update, BotContext, B], Awaitable[None]]],
              Callable[[Update, BotContext, B], Awaitable[None]]]:
    """A press of a `kind` button; the handler gets the parsed, typed button."""
    admin = kind.audience in (Audience.ADMIN, Audience.SUPERADMIN)

    def declare(function: Callable[[Update, BotContext, B], Awaitable[None]]) -> Any:
        async def run(update: Update, context: BotContext) -> None:
            assert update.callback_query is not None
            pressed = kind.parse(update.callback_query.data)
            assert pressed is not None  # the pattern matched
            await _run(update, context, work, admin, refusal,
                       lambda: function(update, context, pressed))

        handler = CallbackQueryHandler(run, pattern=kind.pattern())
        ROUTES.append(Route(_name(function), "button", work, admin, handler, button=kind))
        return function

    return declare


def message(
    condition: filters.BaseFilter, *, work: Work | None = Work.READ, order: int,
    admin: bool = False, refusal: str = "admin.not_allowed", private: bool = True,
) -> Callable[[Plain], Plain]:
    """Messages matching `condition` (in a private chat unless `private=False`); `order`
    decides among overlapping message routes (lower first)."""

    def declare(function: Plain) -> Plain:
        async def run(update: Update, context: BotContext) -> None:
            await _run(update, context, work, admin, refusal, lambda: function(update, context))

        handler = MessageHandler(PRIVATE & condition if private else condition, run)
        ROUTES.append(Route(_name(function), "message", work, admin, handler, order=order))
        return function

    return declare


def prefetch(condition: filters.BaseFilter) -> Callable[[Plain], Plain]:
    """Network work for a private message before any unit of work opens for it (PTB's
    handler group -1): what it fetches from Telegram (a document's first bytes) is kept
    in `context.prefetched` for the update's own handler, so no transaction holds its
    lock while a file downloads. It touches no database and sends nothing."""

    def declare(function: Plain) -> Plain:
        handler = MessageHandler(PRIVATE & condition, function)
        ROUTES.append(Route(_name(function), "prefetch", None, False, handler))
        return function

    return declare


def writing_routes() -> list[Route]:
    """Every route that writes (for the busy-database tests)."""
    return [r for r in ROUTES if r.work == Work.WRITE]


def menu(key: str, *, work: Work | None = Work.READ, admin: bool = False,
         refusal: str = "admin.not_allowed") -> Callable[[Plain], Plain]:
    """A main-menu button of the reply keyboard (its label in any language)."""
    labels = "|".join(re.escape(label) for label in all_translations(key))
    return message(filters.Regex(f"^(?:{labels})$"), work=work, order=20, admin=admin, refusal=refusal)
