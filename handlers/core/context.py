"""The context every handler receives: typed access to the application and to this update.

`BotContext` is PTB's `CallbackContext` with what our handlers need (PTB's
`contexttypesbot.py` pattern): the settings and clock, this update's unit of work (one
database session in one transaction, opened by the route decorators of
`handlers/core/routes.py`), the viewer and, for admin routes, their admin scope, each
resolved once per update. Replies are collected in `context.replies` and sent only
after the unit of work committed: a user is never told "done" about a change that was
rolled back, and no transaction holds its lock while a Telegram round trip is under way.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from telegram import Bot, InlineKeyboardMarkup, Message, ReplyKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackContext, ExtBot

from bot.context import AppContext, app_context
from bot.i18n import t
from bot.services.identity.accounts import Viewer
from bot.services.identity.roles import AdminScope
from bot.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | None


class Replies:
    """What a handler answers, queued in order and sent after its unit of work commits."""

    def __init__(self, update: object, bot: Bot) -> None:
        self._update = update if isinstance(update, Update) else None
        self._bot = bot
        self._queue: list[Callable[[], Awaitable[Any]]] = []
        self._answered = False

    @property
    def chat_id(self) -> int:
        assert self._update is not None and self._update.effective_chat is not None
        return self._update.effective_chat.id

    @property
    def pressed(self) -> bool:
        """Whether the update is a button press (else a message)."""
        return self._query is not None

    @property
    def _query(self) -> Any:
        return self._update.callback_query if self._update is not None else None

    def message(self, text: str, markup: Markup = None) -> None:
        """A new message in the chat the update came from."""
        chat_id = self.chat_id
        self._queue.append(lambda: self._bot.send_message(chat_id, text, reply_markup=markup))

    def show(self, text: str, markup: InlineKeyboardMarkup | None = None, *,
             toast: str | None = None) -> None:
        """Edit the message a pressed button belongs to (answering the press, with `toast`
        if given), or answer a command with a new message. Pressing twice: no change."""
        query = self._query
        if query is None:
            self.message(text, markup)
            return
        self.toast(toast)

        chat_id = self.chat_id

        async def edit() -> None:
            try:
                await query.edit_message_text(text, reply_markup=markup)
            except BadRequest as exc:
                reason = str(exc).lower()
                if "not modified" in reason:
                    return
                if "not found" in reason or "can't be edited" in reason:
                    # The message is gone (deleted, or too old to edit): say it anew.
                    await self._bot.send_message(chat_id, text, reply_markup=markup)
                    return
                raise

        self._queue.append(edit)

    def remove_buttons(self) -> None:
        """Take the inline keyboard off the pressed message (a choice that is final)."""
        query = self._query
        if query is not None:
            self._queue.append(lambda: query.edit_message_reply_markup(None))

    def toast(self, text: str | None = None, *, alert: bool = False) -> None:
        """Answer the button press (once; later calls are ignored)."""
        query = self._query
        if query is None or self._answered:
            return
        self._answered = True
        self._queue.append(lambda: query.answer(text, show_alert=alert))

    def refuse(self, text: str) -> None:
        """A refusal: an alert for a button, a message for a command or typed input."""
        if self._query is not None:
            self.toast(text, alert=True)
        else:
            self.message(text)

    def document(self, data: bytes, filename: str, caption: str | None = None) -> None:
        chat_id = self.chat_id
        self._queue.append(
            lambda: self._bot.send_document(chat_id, data, filename=filename, caption=caption)
        )

    def photo(self, photo: bytes | str, caption: str | None = None) -> None:
        chat_id = self.chat_id
        self._queue.append(lambda: self._bot.send_photo(chat_id, photo, caption=caption))

    def file(self, kind: str, file_id: str, caption: str | None = None) -> None:
        """A photo or document Telegram already has (by file id)."""
        chat_id = self.chat_id
        send = self._bot.send_photo if kind == "photo" else self._bot.send_document
        self._queue.append(lambda: send(chat_id, file_id, caption=caption))  # type: ignore[operator]

    def later(self, action: Callable[[], Awaitable[Any]]) -> None:
        """Anything else to do once the change is committed (in order with the replies)."""
        self._queue.append(action)

    def drop(self) -> None:
        """Forget what was queued (the unit of work did not commit)."""
        self._queue.clear()
        self._answered = False

    async def flush(self) -> None:
        queue, self._queue = self._queue, []
        for action in queue:
            await action()
        query = self._query
        if query is not None and not self._answered:  # never leave a button spinning
            self._answered = True
            await query.answer()


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """`context` in every handler (see the module docstring)."""

    def __init__(self, application: Application[Any, Any, Any, Any, Any, Any],
                 chat_id: int | None = None, user_id: int | None = None) -> None:
        super().__init__(application, chat_id=chat_id, user_id=user_id)
        self._session: AsyncSession | None = None
        self._viewer: Viewer | None = None
        self._admin: AdminScope | None = None
        self._replies: Replies | None = None
        # What a prefetch route fetched for this update (routes.prefetch): a document's
        # first bytes by its file_unique_id.
        self.prefetched: dict[str, bytes] = {}

    @classmethod
    def from_update(cls, update: object, application: Any) -> BotContext:
        context = super().from_update(update, application)
        context._replies = Replies(update, application.bot)
        return context

    # ------------------------------------------------------------------ the application

    @property
    def app(self) -> AppContext:
        return app_context(self.application)

    @property
    def settings(self) -> Settings:
        return self.app.settings

    @property
    def tz(self) -> ZoneInfo:
        return self.app.settings.tz

    def now(self) -> datetime:
        return self.app.clock.now()

    def today(self) -> date:
        return self.app.today()

    # ------------------------------------------------------------------ this update

    @property
    def session(self) -> AsyncSession:
        """This update's unit of work; routes declared without one have none."""
        if self._session is None:
            raise RuntimeError("this route was declared without a unit of work")
        return self._session

    @property
    def viewer(self) -> Viewer:
        """The Telegram user behind the update, their language and linked employee."""
        if self._viewer is None:
            raise RuntimeError("this route was declared without a unit of work")
        return self._viewer

    @property
    def lang(self) -> str:
        return self._viewer.language if self._viewer is not None else self.settings.default_language

    @property
    def admin(self) -> AdminScope | None:
        """The viewer's admin scope, read in this unit of work (routes declared `admin`)."""
        return self._admin

    @property
    def user_id(self) -> int:
        assert self._user_id is not None  # routes are registered for user updates only
        return self._user_id

    @property
    def replies(self) -> Replies:
        assert self._replies is not None
        return self._replies

    def text(self, key: str, **values: object) -> str:
        """A catalogue message in the viewer's language."""
        return t(self.lang, key, **values)

    def in_background(self, name: str, work: Callable[[], Awaitable[None]]) -> None:
        """Heavy work (bot/background.py), started once this update's unit of work has
        committed and its replies are sent; the work opens its own units of work and
        sends its own result, and nobody waits for it meanwhile."""
        background = self.app.background

        async def start() -> None:
            background.start(name, work)

        self.replies.later(start)

    def bind(self, session: AsyncSession | None, viewer: Viewer | None,
             admin: AdminScope | None) -> None:
        """Set by the route decorator when the unit of work opens (and cleared after)."""
        self._session, self._viewer, self._admin = session, viewer, admin

    def release(self) -> None:
        """The unit of work is over: the session may no longer be used."""
        self._session = None

    def reread_viewer(self, viewer: Viewer) -> None:
        """After linking or a language change, the rest of the answer uses the new one."""
        self._viewer = viewer


def message_of(update: Update) -> Message:
    assert update.effective_message is not None
    return update.effective_message
