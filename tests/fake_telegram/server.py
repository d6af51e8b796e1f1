"""A small fake of Telegram's HTTP Bot API for end-to-end tests and demos.

The fake runs a tornado HTTP server inside the caller's asyncio event loop and
answers the subset of the Bot API the bot uses, with the same JSON shapes,
HTTP status codes and error descriptions as api.telegram.org. Simulated users
(:class:`SimUser`) queue updates that the bot receives through ``getUpdates``
long polling (or a webhook), and observe what the bot sends back.

Usage::

    async with FakeBotApi() as api:
        andi = api.user(1001, first_name="Andi")
        # start the bot with base_url=f"{api.base_url}/bot" ...
        await andi.send_command("/start")
        reply = await andi.wait_for_reply()
"""

from __future__ import annotations

import asyncio
import copy
import json
import logging
import math
import random
import re
import struct
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx
import tornado.httpserver
import tornado.httputil
import tornado.iostream
import tornado.netutil
import tornado.web

from .formatting import EntityParseError, parse_text, utf16_len

log = logging.getLogger("fake_telegram")

JSON = dict[str, Any]
T = TypeVar("T")

# Form fields whose value PTB JSON-encodes. Everything else stays a string unless
# it is one of the known numeric/boolean fields below, so a text of "123" stays "123".
_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "commands",
        "allowed_updates",
        "entities",
        "caption_entities",
        "link_preview_options",
        "reply_parameters",
        "scope",
        "media",
        "menu_button",
    }
)
_INT_FIELDS = frozenset(
    {
        "chat_id",
        "message_id",
        "offset",
        "limit",
        "user_id",
        "reply_to_message_id",
        "message_thread_id",
        "max_connections",
        "cache_time",
    }
)
_FLOAT_FIELDS = frozenset({"timeout"})
_BOOL_FIELDS = frozenset(
    {
        "show_alert",
        "disable_notification",
        "protect_content",
        "drop_pending_updates",
        "disable_web_page_preview",
        "allow_sending_without_reply",
        "has_spoiler",
        "disable_content_type_detection",
        "show_caption_above_media",
        "allow_paid_broadcast",
    }
)
_SEND_METHODS = frozenset({"sendmessage", "senddocument", "sendphoto"})
_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_INLINE_ACTIONS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_SECRET_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")
_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
_MESSAGE_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
_QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"


class ApiError(Exception):
    """An error answer of the Bot API."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def body(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.code, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def _bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


class _Pulse:
    """Broadcast signal: ``fire()`` wakes every waiter of the event it captured."""

    def __init__(self) -> None:
        self.event = asyncio.Event()

    def fire(self) -> None:
        self.event.set()
        self.event = asyncio.Event()


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    kind: str  # "document" or "photo"
    data: bytes
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None
    width: int = 0
    height: int = 0
    # all PhotoSize file_ids of the same photo, smallest first
    sizes: list[str] = field(default_factory=list)

    def meta(self) -> JSON:
        meta: JSON = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
        }
        if self.kind == "photo":
            meta.update(width=self.width, height=self.height)
        else:
            if self.file_name:
                meta["file_name"] = self.file_name
            if self.mime_type:
                meta["mime_type"] = self.mime_type
        return meta


@dataclass
class _Webhook:
    url: str
    secret_token: str | None
    allowed_updates: list[str] | None
    max_connections: int
    last_error_date: int | None = None
    last_error_message: str | None = None


@dataclass
class _RateLimit:
    per_chat_per_second: int | None
    global_per_second: int | None
    per_group_per_minute: int | None
    paid_per_second: int | None = 1000


@dataclass
class _Request:
    files: dict[str, list[tornado.httputil.HTTPFile]]
    is_disconnected: Callable[[], bool]


@dataclass
class SimGroup:
    """A group chat the simulated users can write in."""

    id: int
    title: str
    type: str = "group"

    def chat(self) -> JSON:
        return {"id": self.id, "type": self.type, "title": self.title}


_UNSET: Any = object()


class FakeBotApi:
    """The fake Bot API server. See the module docstring."""

    def __init__(
        self,
        token: str = "123456:TEST",
        bot_username: str = "asn_corpu_bot",
        bot_id: int | None = None,
        bot_first_name: str = "ASN Corpu Bot",
    ) -> None:
        self.token = token
        self.bot_username = bot_username
        self.bot_id = bot_id if bot_id is not None else int(token.split(":", 1)[0])
        self.bot_first_name = bot_first_name

        self.calls: list[tuple[str, JSON]] = []
        self.sent: list[JSON] = []
        self.errors: list[tuple[str, JSON, int, str]] = []
        self.transcript: list[JSON] = []
        self.commands: dict[tuple[str, str], list[JSON]] = {}

        self._pulse = _Pulse()
        self._server: tornado.httpserver.HTTPServer | None = None
        self._http: httpx.AsyncClient | None = None
        self._port: int | None = None
        self._stopping = False
        self._active_requests = 0

        self._users: dict[int, SimUser] = {}
        self._groups: dict[int, SimGroup] = {}
        self._messages: dict[int, dict[int, JSON]] = {}
        self._last_message_id: dict[int, int] = {}
        self._files: dict[str, StoredFile] = {}
        self._files_by_path: dict[str, StoredFile] = {}
        self._file_counter = 0

        self._updates: list[JSON] = []
        self._last_update_id = 10_000
        self._allowed_updates: list[str] | None = None
        self._poll_generation = 0
        self._webhook: _Webhook | None = None
        self._webhook_task: asyncio.Task[None] | None = None

        self._callback_counter = 0
        self._open_callbacks: dict[str, JSON] = {}  # unanswered query id -> chat

        self._floods: dict[str, list[int]] = {}  # method -> [remaining, retry_after]
        self._blocked: set[int] = set()
        self._rate: _RateLimit | None = None
        # Network latency: every answer waits this long (± jitter, uniform), like a real
        # round trip; seeded so a run is repeatable.
        self._latency = (0.0, 0.0)
        self._random = random.Random(18)
        # Accepted sends as (time.monotonic() when accepted, chat_id): rates are measured
        # on the fake's own clock.
        self.send_log: list[tuple[float, int]] = []
        self.in_flight = 0  # requests received and not answered yet (getUpdates aside)
        self._balanced: list[str] | None = None
        self._balance_turn = 0
        self._rate_hits: dict[tuple[str, int], deque[float]] = {}

        self._menu_buttons: dict[int | None, JSON] = {}
        self._bot_texts: dict[tuple[str, str], str] = {}

        self._methods: dict[str, Callable[[JSON, _Request], Any]] = {
            name.lower(): fn
            for name, fn in {
                "getMe": self._get_me,
                "getUpdates": self._get_updates,
                "setWebhook": self._set_webhook,
                "deleteWebhook": self._delete_webhook,
                "getWebhookInfo": self._get_webhook_info,
                "logOut": self._ok,
                "close": self._ok,
                "sendMessage": self._send_message,
                "editMessageText": self._edit_message_text,
                "editMessageCaption": self._edit_message_caption,
                "editMessageReplyMarkup": self._edit_message_reply_markup,
                "deleteMessage": self._delete_message,
                "answerCallbackQuery": self._answer_callback_query,
                "setMyCommands": self._set_my_commands,
                "getMyCommands": self._get_my_commands,
                "deleteMyCommands": self._delete_my_commands,
                "sendDocument": self._send_document,
                "sendPhoto": self._send_photo,
                "getFile": self._get_file,
                "sendChatAction": self._send_chat_action,
                "setChatMenuButton": self._set_chat_menu_button,
                "getChatMenuButton": self._get_chat_menu_button,
                "setMyDescription": self._bot_text_setter("description"),
                "getMyDescription": self._bot_text_getter("description"),
                "setMyShortDescription": self._bot_text_setter("short_description"),
                "getMyShortDescription": self._bot_text_getter("short_description"),
                "setMyName": self._bot_text_setter("name"),
                "getMyName": self._bot_text_getter("name"),
            }.items()
        }

    # ------------------------------------------------------------------ lifecycle

    async def start(self, port: int = 0) -> None:
        app = tornado.web.Application(
            [
                (r"/bot([^/]*)/([^/]*)", _ApiHandler, {"api": self}),
                (r"/file/bot([^/]*)/(.+)", _FileHandler, {"api": self}),
            ],
            log_function=_log_request,
        )
        sockets = tornado.netutil.bind_sockets(port, "127.0.0.1")
        self._port = sockets[0].getsockname()[1]
        self._server = tornado.httpserver.HTTPServer(app)
        self._server.add_sockets(sockets)
        # trust_env=False: a proxy from the environment must not intercept 127.0.0.1
        self._http = httpx.AsyncClient(timeout=5.0, trust_env=False)
        self._stopping = False
        log.info("fake Bot API listening on %s", self.base_url)

    async def stop(self) -> None:
        self._stopping = True
        self._pulse.fire()  # long polls answer [] right away
        if self._webhook_task is not None:
            self._webhook_task.cancel()
            try:
                await self._webhook_task
            except asyncio.CancelledError:
                pass
            self._webhook_task = None
        if self._server is not None:
            self._server.stop()
            # let the woken long polls write their answers before connections are closed
            await self._wait_until(lambda: True if self._active_requests == 0 else None, 1.0)
            try:
                await asyncio.wait_for(self._server.close_all_connections(), 5)
            except TimeoutError:
                log.warning("fake Bot API: connections did not close within 5 s")
            self._server = None
        if self._http is not None:
            await self._http.aclose()
            self._http = None

    async def __aenter__(self) -> FakeBotApi:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("FakeBotApi is not started")
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def bot_user(self) -> JSON:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    @property
    def pending_updates(self) -> list[JSON]:
        """Updates queued and not yet confirmed by getUpdates' offset (or the webhook)."""
        return list(self._updates)

    # ------------------------------------------------------------ test controls

    def user(
        self,
        user_id: int,
        first_name: str = "Andi",
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "id",
        phone: str = "+6281234567890",
    ) -> SimUser:
        """Return the simulated user ``user_id``, creating it (and its private chat)."""
        existing = self._users.get(user_id)
        if existing is not None:
            return existing
        sim = SimUser(self, user_id, first_name, last_name, username, language_code, phone)
        self._users[user_id] = sim
        return sim

    def group(self, chat_id: int, title: str, type: str = "group") -> SimGroup:
        existing = self._groups.get(chat_id)
        if existing is not None:
            return existing
        grp = SimGroup(chat_id, title, type)
        self._groups[chat_id] = grp
        return grp

    def flood_limit(
        self, method: str = "sendMessage", count: int = 1, retry_after: int = 3
    ) -> None:
        """The next ``count`` calls of ``method`` answer 429 with ``retry_after``."""
        self._floods[method.lower()] = [count, retry_after]

    def block(self, user_id: int) -> None:
        """The user blocked the bot (or, for a group id, the bot was kicked)."""
        self._blocked.add(user_id)

    def unblock(self, user_id: int) -> None:
        self._blocked.discard(user_id)

    def enforce_rate(
        self,
        per_chat_per_second: int | None = 1,
        global_per_second: int | None = 30,
        per_group_per_minute: int | None = None,
        paid_per_second: int | None = 1000,
    ) -> None:
        """Answer 429 to sends beyond these limits (sliding windows); the first three None
        disables. Sends with allow_paid_broadcast count against ``paid_per_second``
        instead of the global window."""
        limits = (per_chat_per_second, global_per_second, per_group_per_minute)
        self._rate = (None if all(x is None for x in limits)
                      else _RateLimit(*limits, paid_per_second=paid_per_second))
        self._rate_hits.clear()

    def latency(self, seconds: float, jitter: float = 0.0) -> None:
        """Delay every answer by ``seconds`` ± ``jitter`` (uniform), as a network would:
        the request is handled (and counted by the rate windows) when it arrives, the
        answer reaches the client later. 0 turns it off."""
        if seconds < 0 or jitter < 0 or jitter > seconds:
            raise ValueError("latency must be >= jitter >= 0")
        self._latency = (seconds, jitter)

    def balance_webhook(self, urls: list[str] | None) -> None:
        """Deliver webhook updates round-robin to ``urls`` (a load balancer in front of
        several bot replicas), skipping one that does not answer; None: the URL set by
        setWebhook, as usual. A webhook must still be set for updates to flow."""
        self._balanced = list(urls) if urls else None
        self._pulse.fire()

    def _answer_delay(self) -> float:
        base, jitter = self._latency
        return max(0.0, base + self._random.uniform(-jitter, jitter)) if base else 0.0

    def get_commands(self, scope: JSON | None = None, language_code: str = "") -> list[JSON]:
        return list(self.commands.get((_scope_key(scope), language_code), []))

    def file_bytes(self, file_id: str) -> bytes:
        return self._files[file_id].data

    async def wait_for_call(
        self,
        method: str,
        timeout: float = 5.0,
        predicate: Callable[[JSON], bool] | None = None,
        *,
        since: int = 0,
    ) -> tuple[str, JSON]:
        """Wait for a call of ``method`` at index >= ``since`` of :attr:`calls`.

        ``since=0`` searches the whole history; pass ``len(api.calls)`` to wait for a new call.
        """
        pos = since

        def check() -> tuple[str, JSON] | None:
            nonlocal pos
            while pos < len(self.calls):
                name, params = self.calls[pos]
                pos += 1
                if name.lower() == method.lower() and (predicate is None or predicate(params)):
                    return name, params
            return None

        found = await self._wait_until(check, timeout)
        if found is None:
            raise AssertionError(self.debug_summary(f"no {method} call within {timeout} s"))
        return found

    def debug_summary(self, headline: str, n: int = 10) -> str:
        """A headline plus the last calls (without getUpdates) and errors, for assertions."""
        lines = [headline, "last calls:"]
        recent = [c for c in self.calls if c[0].lower() != "getupdates"][-n:]
        lines += [f"  {m} {_short(p)}" for m, p in recent] or ["  (none)"]
        if self.errors:
            lines.append("last errors:")
            lines += [f"  {m} -> {code} {desc}" for m, _, code, desc in self.errors[-5:]]
        return "\n".join(lines)

    # ----------------------------------------------------------------- transcript

    def format_event(self, event: JSON) -> str:
        """Render a :attr:`transcript` event as a readable line (or lines)."""
        prefix = f"[{event['chat_title']}] " if event.get("chat_title") else ""
        text = event.get("text") or ""
        kind = event["kind"]
        if event["who"] == "user":
            name = event["name"]
            head = {
                "button": f"👤 {name} taps [{text}]",
                "callback": f"👤 {name} taps ({text})",
                "contact": f"👤 {name}: 📱 shares contact {text}",
                "document": f"👤 {name}: 📄 {event.get('file_name')}",
                "photo": f"👤 {name}: 🖼 photo",
            }.get(kind, f"👤 {name}: {text}")
            if kind in ("document", "photo") and text:
                head += f" — {text}"
            return prefix + _indent_continuation(head)
        head = {
            "edit": f"🤖 Bot ✏️ (edited #{event.get('message_id')}): {text}",
            "document": f"🤖 Bot: 📄 {event.get('file_name')}" + (f" — {text}" if text else ""),
            "photo": "🤖 Bot: 🖼 photo" + (f" — {text}" if text else ""),
            "answer": f"🤖 Bot ({'alert' if event.get('show_alert') else 'toast'}): {text}",
            "delete": f"🤖 Bot 🗑 deleted message #{event.get('message_id')}",
        }.get(kind, f"🤖 Bot: {text}")
        lines = [prefix + _indent_continuation(head)]
        for row in event.get("buttons") or []:
            if event.get("inline"):
                lines.append("   " + " ".join(f"({label})" for label in row))
            else:
                lines.append("   " + " ".join(f"[{label}]" for label in row))
        if event.get("keyboard_removed"):
            lines.append("   (keyboard removed)")
        return "\n".join(lines)

    def format_transcript(self, chat_id: int | None = None) -> str:
        return "\n".join(
            self.format_event(e)
            for e in self.transcript
            if chat_id is None or e["chat_id"] == chat_id
        )

    # ----------------------------------------------------------------- internals

    async def _wait_until(self, check: Callable[[], T | None], timeout: float) -> T | None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            event = self._pulse.event  # captured before checking, so no wake-up is missed
            result = check()
            if result is not None:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                return None
            await _wait_event(event, remaining)

    async def _dispatch(self, method: str, params: JSON, request: _Request) -> tuple[int, JSON]:
        self.calls.append((method, params))
        self._pulse.fire()
        try:
            handler = self._methods.get(method.lower())
            if handler is None:
                raise ApiError(404, "Not Found: method not found")
            self._check_flood(method)
            result = await handler(params, request)
        except ApiError as exc:
            self.errors.append((method, params, exc.code, exc.description))
            log.info("%s -> %s %s", method, exc.code, exc.description)
            return exc.code, exc.body()
        return 200, {"ok": True, "result": result}

    def _check_flood(self, method: str) -> None:
        flood = self._floods.get(method.lower())
        if flood is None or flood[0] <= 0:
            return
        flood[0] -= 1
        raise ApiError(429, f"Too Many Requests: retry after {flood[1]}", retry_after=flood[1])

    def _check_send(self, chat: JSON, *, count_rate: bool = True, paid: bool = False) -> None:
        if chat["id"] in self._blocked:
            if chat["type"] == "private":
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            raise ApiError(403, "Forbidden: bot was kicked from the group chat")
        if self._rate is None or not count_rate:
            return
        now = time.monotonic()
        windows: list[tuple[tuple[str, int], int, float]] = []
        if paid:
            # allow_paid_broadcast: past the free window, up to Telegram's paid limit.
            if self._rate.paid_per_second is not None:
                windows.append((("paid", 0), self._rate.paid_per_second, 1.0))
        elif self._rate.global_per_second is not None:
            windows.append((("global", 0), self._rate.global_per_second, 1.0))
        if self._rate.per_chat_per_second is not None:
            windows.append((("chat", chat["id"]), self._rate.per_chat_per_second, 1.0))
        if self._rate.per_group_per_minute is not None and chat["type"] != "private":
            windows.append((("group", chat["id"]), self._rate.per_group_per_minute, 60.0))
        for key, limit, window in windows:
            hits = self._rate_hits.setdefault(key, deque())
            while hits and hits[0] <= now - window:
                hits.popleft()
            if len(hits) >= limit:
                retry_after = max(1, math.ceil(hits[0] + window - now))
                raise ApiError(
                    429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after
                )
        for key, _, _ in windows:
            self._rate_hits[key].append(now)

    def _accepted(self, chat: JSON) -> None:
        self.send_log.append((time.monotonic(), chat["id"]))

    def _queue_update(self, kind: str, payload: JSON) -> JSON:
        self._last_update_id += 1
        update = {"update_id": self._last_update_id, kind: payload}
        self._updates.append(update)
        self._pulse.fire()
        self._ensure_webhook_task()
        return update

    def _chat_for(self, chat_id: Any) -> JSON:
        if chat_id is None or chat_id == "":
            raise _bad("chat_id is empty")
        if isinstance(chat_id, int):
            if chat_id in self._users:
                return self._users[chat_id].chat()
            if chat_id in self._groups:
                return self._groups[chat_id].chat()
        raise _bad("chat not found")

    def _next_message_id(self, chat_id: int) -> int:
        self._last_message_id[chat_id] = self._last_message_id.get(chat_id, 0) + 1
        return self._last_message_id[chat_id]

    def _store_message(self, message: JSON) -> None:
        self._messages.setdefault(message["chat"]["id"], {})[message["message_id"]] = message

    def _stored_message(self, chat_id: int, message_id: int) -> JSON | None:
        return self._messages.get(chat_id, {}).get(message_id)

    def _new_bot_message(self, chat: JSON, p: JSON) -> JSON:
        replied: JSON | None = None
        reply_to = _reply_target(p)
        if reply_to is not None:
            target_chat, target_id, allow_missing = reply_to
            replied = self._stored_message(
                chat["id"] if target_chat is None else target_chat, target_id
            )
            if replied is None and not allow_missing:
                raise _bad("message to be replied not found")
        message: JSON = {
            "message_id": self._next_message_id(chat["id"]),
            "from": self.bot_user,
            "chat": chat,
            "date": int(time.time()),
        }
        if replied is not None:
            message["reply_to_message"] = {
                k: v for k, v in replied.items() if k != "reply_to_message"
            }
        return message

    def _record_sent(self, method: str, message: JSON, p: JSON, *, edited: bool = False) -> None:
        self._store_message(message)
        markup = p.get("reply_markup")
        rows, inline = _button_labels(markup)
        document = message.get("document")
        photo = message.get("photo")
        self.sent.append(
            {
                "method": method,
                "chat_id": message["chat"]["id"],
                "message_id": message["message_id"],
                "text": message.get("text"),
                "caption": message.get("caption"),
                "entities": message.get("entities") or message.get("caption_entities"),
                "parse_mode": p.get("parse_mode"),
                "reply_markup": markup,
                "buttons": rows,
                "document": document,
                "photo": photo,
                "edited": edited,
                "message": copy.deepcopy(message),
                "params": p,
            }
        )
        kind = "edit" if edited else "document" if document else "photo" if photo else "message"
        event = self._event(
            "bot",
            message["chat"],
            kind,
            message.get("text") if "text" in message else message.get("caption"),
            message_id=message["message_id"],
            buttons=rows,
            inline=inline,
        )
        if document:
            event["file_name"] = document.get("file_name")
        if isinstance(markup, dict) and markup.get("remove_keyboard"):
            event["keyboard_removed"] = True
        self.transcript.append(event)
        self._pulse.fire()

    def _event(self, who: str, chat: JSON, kind: str, text: str | None, **extra: Any) -> JSON:
        return {
            "who": who,
            "chat_id": chat["id"],
            "chat_title": chat.get("title"),
            "kind": kind,
            "text": text,
            **extra,
        }

    def _render(
        self, p: JSON, text_field: str, entities_field: str, max_len: int
    ) -> tuple[str, list[JSON]]:
        raw = p.get(text_field)
        if raw is None:
            raw = ""
        if not isinstance(raw, str):
            raw = json.dumps(raw)
        explicit = p.get(entities_field)
        if explicit is not None:
            if not isinstance(explicit, list) or not all(
                isinstance(e, dict) and {"type", "offset", "length"} <= e.keys() for e in explicit
            ):
                raise _bad(f"can't parse {entities_field} JSON object")
            text, entities = raw, explicit  # explicit entities win over parse_mode
        else:
            try:
                text, entities = parse_text(raw, p.get("parse_mode"))
            except EntityParseError as exc:
                raise _bad(f"can't parse entities: {exc}") from None
        if text_field == "text" and not text.strip():
            raise _bad("message text is empty")
        if utf16_len(text) > max_len:
            what = "message caption" if text_field == "caption" else "message"
            raise _bad(f"{what} is too long")
        return text, entities

    def _check_markup(self, markup: Any, *, inline_only: bool = False) -> JSON | None:
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise _bad("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            rows = markup["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise _bad("can't parse inline keyboard button: field \"inline_keyboard\" of "
                           "the InlineKeyboardMarkup must be an Array of Arrays")
            for button in (b for row in rows for b in row):
                if not isinstance(button, dict) or not button.get("text"):
                    raise _bad("can't parse inline keyboard button: Text must be non-empty")
                actions = [a for a in _INLINE_ACTIONS if a in button]
                if not actions:
                    raise _bad("can't parse inline keyboard button: Text buttons are unallowed "
                               "in the inline keyboard")
                data = button.get("callback_data")
                if data is not None and not 1 <= len(str(data).encode()) <= 64:
                    raise _bad("BUTTON_DATA_INVALID")
            return markup
        if inline_only:
            raise _bad("inline keyboard expected")
        if "keyboard" in markup:
            rows = markup["keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise _bad("can't parse reply keyboard markup JSON object")
            for button in (b for row in rows for b in row):
                label = button if isinstance(button, str) else (
                    button.get("text") if isinstance(button, dict) else None)
                if not label:
                    raise _bad("can't parse keyboard button: Text must be non-empty")
            return markup
        if markup.get("remove_keyboard") or markup.get("force_reply"):
            return markup
        raise _bad("can't parse reply keyboard markup JSON object")

    def _callback_query(self, user: SimUser, message: JSON, data: str) -> JSON:
        self._callback_counter += 1
        query_id = str(4_300_000_000_000_000_000 + self._callback_counter)
        self._open_callbacks[query_id] = message["chat"]
        return {
            "id": query_id,
            "from": user.user(),
            "message": copy.deepcopy(message),
            # Telegram's chat_instance is an opaque per-chat string.
            "chat_instance": str((message["chat"]["id"] * 2_654_435_761) % 10**19),
            "data": data,
        }

    def _store_upload(
        self, kind: str, data: bytes, file_name: str | None, mime_type: str | None
    ) -> StoredFile:
        """Store bytes as a file; for photos return the largest PhotoSize."""
        if not data:
            raise _bad("file must be non-empty")
        if kind == "photo":
            dims = _image_size(data)
            if dims is None:
                raise _bad("IMAGE_PROCESS_FAILED")
            width, height = dims
            sizes: list[StoredFile] = []
            for limit in (90, 320):
                if max(width, height) > limit:
                    scale = limit / max(width, height)
                    sizes.append(self._new_file("photo", data, None, None,
                                                max(1, round(width * scale)),
                                                max(1, round(height * scale))))
            sizes.append(self._new_file("photo", data, None, None, width, height))
            ids = [s.file_id for s in sizes]
            for s in sizes:
                s.sizes = ids
            return sizes[-1]
        return self._new_file("document", data, file_name, mime_type or
                              "application/octet-stream")

    def _new_file(
        self,
        kind: str,
        data: bytes,
        file_name: str | None,
        mime_type: str | None,
        width: int = 0,
        height: int = 0,
    ) -> StoredFile:
        self._file_counter += 1
        n = self._file_counter
        prefix = "AgAC" if kind == "photo" else "BQAC"
        ext = "jpg" if kind == "photo" else (file_name or "").rpartition(".")[2] or "bin"
        folder = "photos" if kind == "photo" else "documents"
        stored = StoredFile(
            file_id=f"{prefix}AgIAAxkBAAI{n:08d}{self.bot_id:x}",
            file_unique_id=f"AQAD{n:06d}",
            kind=kind,
            data=data,
            file_path=f"{folder}/file_{n}.{ext}",
            file_name=file_name,
            mime_type=mime_type,
            width=width,
            height=height,
        )
        self._files[stored.file_id] = stored
        self._files_by_path[stored.file_path] = stored
        return stored

    def _resolve_input_file(self, p: JSON, request: _Request, field_name: str) -> StoredFile:
        value = p.get(field_name)
        upload: tornado.httputil.HTTPFile | None = None
        if field_name in request.files:
            upload = request.files[field_name][0]
        elif isinstance(value, str) and value.startswith("attach://"):
            attached = request.files.get(value.removeprefix("attach://"))
            if not attached:
                raise _bad("wrong file identifier/HTTP URL specified")
            upload = attached[0]
        if upload is not None:
            return self._store_upload(
                field_name, upload.body, upload.filename or None, upload.content_type or None
            )
        if not value:
            raise _bad(f"there is no {field_name} in the request")
        if not isinstance(value, str):
            raise _bad("wrong file identifier/HTTP URL specified")
        if value.startswith(("http://", "https://")):
            raise _bad("failed to get HTTP URL content")  # no internet in the fake
        stored = self._files.get(value)
        if stored is None:
            raise _bad("wrong file identifier/HTTP URL specified")
        if stored.kind != field_name:
            raise _bad(f"can't use file of type {stored.kind.capitalize()} as "
                       f"{field_name.capitalize()}")
        return stored

    def _photo_sizes(self, stored: StoredFile) -> list[JSON]:
        return [self._files[fid].meta() for fid in stored.sizes or [stored.file_id]]

    def _ensure_webhook_task(self) -> None:
        if self._webhook is not None and (
            self._webhook_task is None or self._webhook_task.done()
        ) and not self._stopping:
            self._webhook_task = asyncio.get_running_loop().create_task(self._deliver_webhooks())

    async def _deliver_webhooks(self) -> None:
        backoff = 0.05
        while not self._stopping:
            event = self._pulse.event
            hook = self._webhook
            if hook is None:
                return
            pending = [u for u in self._updates if _allowed(u, hook.allowed_updates)]
            self._updates = pending
            if not pending:
                await event.wait()
                continue
            update = pending[0]
            headers = {}
            if hook.secret_token:
                headers["X-Telegram-Bot-Api-Secret-Token"] = hook.secret_token
            assert self._http is not None
            error: str | None = None
            url = hook.url
            if self._balanced:
                url = self._balanced[self._balance_turn % len(self._balanced)]
                self._balance_turn += 1
            try:
                response = await self._http.post(url, json=update, headers=headers)
                if not 200 <= response.status_code < 300:
                    error = (
                        "Wrong response from the webhook: "
                        f"{response.status_code} {response.reason_phrase}"
                    )
            except httpx.HTTPError as exc:
                error = f"Connection failed: {exc!r}"
            if error is None:
                if update in self._updates:
                    self._updates.remove(update)
                backoff = 0.05
                self._pulse.fire()
                continue
            log.info("webhook delivery of update %s failed: %s", update["update_id"], error)
            hook.last_error_date = int(time.time())
            hook.last_error_message = error
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 1.0)

    # ------------------------------------------------------------------- methods

    async def _ok(self, p: JSON, request: _Request) -> bool:
        return True

    async def _get_me(self, p: JSON, request: _Request) -> JSON:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_updates(self, p: JSON, request: _Request) -> list[JSON]:
        if self._webhook is not None:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                                "use deleteWebhook to delete the webhook first")
        offset = _int_param(p, "offset")
        limit = min(max(_int_param(p, "limit") or 100, 1), 100)
        timeout = p.get("timeout") or 0
        if not isinstance(timeout, int | float):
            raise _bad("invalid timeout specified")
        if "allowed_updates" in p:
            allowed = p["allowed_updates"]
            self._allowed_updates = list(allowed) if isinstance(allowed, list) and allowed else None
        if offset is not None:
            if offset < 0:
                self._updates = self._updates[offset:]
            else:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
        # Telegram answers an older, still waiting getUpdates with 409 when a newer one arrives.
        self._poll_generation += 1
        generation = self._poll_generation
        self._pulse.fire()

        def check() -> list[JSON] | None:
            if request.is_disconnected():
                return []  # nobody to answer; never count it as a conflict
            if generation != self._poll_generation:
                raise ApiError(409, "Conflict: terminated by other getUpdates request; make sure "
                                    "that only one bot instance is running")
            if self._webhook is not None:
                raise ApiError(409, "Conflict: can't use getUpdates method while webhook is "
                                    "active; use deleteWebhook to delete the webhook first")
            batch = [u for u in self._updates if _allowed(u, self._allowed_updates)][:limit]
            if batch or self._stopping:
                return batch
            return None

        return await self._wait_until(check, float(timeout)) or []

    async def _set_webhook(self, p: JSON, request: _Request) -> bool:
        url = p.get("url")
        if url is None:
            raise _bad("url is empty")  # PTB always sends it
        if url == "":
            return await self._delete_webhook(p, request)
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise _bad("bad webhook: An HTTPS URL must be provided for webhook")
        secret = p.get("secret_token")
        if secret is not None and not _SECRET_TOKEN_RE.fullmatch(str(secret)):
            raise _bad("bad webhook: secret token contains unallowed characters")
        if p.get("drop_pending_updates"):
            self._updates.clear()
        allowed = p.get("allowed_updates")
        self._webhook = _Webhook(
            url=url,
            secret_token=secret,
            allowed_updates=list(allowed) if isinstance(allowed, list) and allowed else None,
            max_connections=_int_param(p, "max_connections") or 40,
        )
        self._pulse.fire()  # a waiting getUpdates now gets 409
        self._ensure_webhook_task()
        return True

    async def _delete_webhook(self, p: JSON, request: _Request) -> bool:
        self._webhook = None
        if p.get("drop_pending_updates"):
            self._updates.clear()
        self._pulse.fire()
        return True

    async def _get_webhook_info(self, p: JSON, request: _Request) -> JSON:
        hook = self._webhook
        info: JSON = {
            "url": hook.url if hook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if hook is not None:
            info["max_connections"] = hook.max_connections
            info["ip_address"] = "127.0.0.1"
            if hook.allowed_updates:
                info["allowed_updates"] = hook.allowed_updates
            if hook.last_error_date is not None:
                info["last_error_date"] = hook.last_error_date
                info["last_error_message"] = hook.last_error_message
        return info

    async def _send_message(self, p: JSON, request: _Request) -> JSON:
        chat = self._chat_for(p.get("chat_id"))
        text, entities = self._render(p, "text", "entities", 4096)
        markup = self._check_markup(p.get("reply_markup"))
        self._check_send(chat, paid=bool(p.get("allow_paid_broadcast")))
        self._accepted(chat)
        message = self._new_bot_message(chat, p)
        message["text"] = text
        if entities:
            message["entities"] = entities
        if markup is not None and "inline_keyboard" in markup:
            message["reply_markup"] = markup  # Telegram echoes inline keyboards only
        self._record_sent("sendMessage", message, p)
        return message

    async def _send_document(self, p: JSON, request: _Request) -> JSON:
        return await self._send_file(p, request, "document", "sendDocument")

    async def _send_photo(self, p: JSON, request: _Request) -> JSON:
        return await self._send_file(p, request, "photo", "sendPhoto")

    async def _send_file(self, p: JSON, request: _Request, kind: str, method: str) -> JSON:
        chat = self._chat_for(p.get("chat_id"))
        caption, entities = self._render(p, "caption", "caption_entities", 1024)
        markup = self._check_markup(p.get("reply_markup"))
        stored = self._resolve_input_file(p, request, kind)
        self._check_send(chat, paid=bool(p.get("allow_paid_broadcast")))
        self._accepted(chat)
        message = self._new_bot_message(chat, p)
        if kind == "photo":
            message["photo"] = self._photo_sizes(stored)
        else:
            message["document"] = stored.meta()
        if caption:
            message["caption"] = caption
            if entities:
                message["caption_entities"] = entities
        if markup is not None and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        self._record_sent(method, message, p)
        return message

    def _message_to_edit(self, p: JSON) -> tuple[JSON, JSON]:
        chat = self._chat_for(p.get("chat_id"))
        message_id = _int_param(p, "message_id")
        if message_id is None:
            raise _bad("message identifier is not specified")
        stored = self._stored_message(chat["id"], message_id)
        if stored is None:
            raise _bad("message to edit not found")
        if stored["from"]["id"] != self.bot_id:
            raise _bad("message can't be edited")
        return chat, stored

    def _apply_edit(self, method: str, p: JSON, stored: JSON, changes: JSON) -> JSON:
        edited = copy.deepcopy(stored)
        for key, value in changes.items():
            if value:
                edited[key] = value
            else:
                edited.pop(key, None)
        if all(edited.get(k) == stored.get(k) for k in changes):
            raise _bad(_MESSAGE_NOT_MODIFIED)
        edited["edit_date"] = int(time.time())
        self._record_sent(method, edited, p, edited=True)
        return edited

    async def _edit_message_text(self, p: JSON, request: _Request) -> JSON | bool:
        text, entities = self._render(p, "text", "entities", 4096)
        markup = self._check_markup(p.get("reply_markup"), inline_only=True)
        if p.get("inline_message_id"):
            return True
        _, stored = self._message_to_edit(p)
        if "text" not in stored:
            raise _bad("there is no text in the message to edit")
        # Editing without reply_markup removes the inline keyboard, as on Telegram.
        changes = {"text": text, "entities": entities, "reply_markup": markup}
        return self._apply_edit("editMessageText", p, stored, changes)

    async def _edit_message_caption(self, p: JSON, request: _Request) -> JSON | bool:
        caption, entities = self._render(p, "caption", "caption_entities", 1024)
        markup = self._check_markup(p.get("reply_markup"), inline_only=True)
        if p.get("inline_message_id"):
            return True
        _, stored = self._message_to_edit(p)
        if "text" in stored:
            raise _bad("there is no caption in the message to edit")
        changes = {"caption": caption, "caption_entities": entities, "reply_markup": markup}
        return self._apply_edit("editMessageCaption", p, stored, changes)

    async def _edit_message_reply_markup(self, p: JSON, request: _Request) -> JSON | bool:
        markup = self._check_markup(p.get("reply_markup"), inline_only=True)
        if p.get("inline_message_id"):
            return True
        _, stored = self._message_to_edit(p)
        return self._apply_edit("editMessageReplyMarkup", p, stored, {"reply_markup": markup})

    async def _delete_message(self, p: JSON, request: _Request) -> bool:
        chat = self._chat_for(p.get("chat_id"))
        message_id = _int_param(p, "message_id")
        if message_id is None:
            raise _bad("message identifier is not specified")
        if self._messages.get(chat["id"], {}).pop(message_id, None) is None:
            raise _bad("message to delete not found")
        self.transcript.append(self._event("bot", chat, "delete", None, message_id=message_id))
        self._pulse.fire()
        return True

    async def _answer_callback_query(self, p: JSON, request: _Request) -> bool:
        query_id = p.get("callback_query_id")
        if not query_id:
            raise _bad("callback_query_id is empty")
        if str(query_id) not in self._open_callbacks:
            raise _bad(_QUERY_INVALID)
        text = p.get("text")
        if text is not None and len(str(text)) > 200:
            raise _bad("MESSAGE_TOO_LONG")
        chat = self._open_callbacks.pop(str(query_id))
        if text:
            self.transcript.append(
                self._event("bot", chat, "answer", str(text), show_alert=bool(p.get("show_alert")))
            )
        self._pulse.fire()
        return True

    async def _set_my_commands(self, p: JSON, request: _Request) -> bool:
        commands = p.get("commands")
        if not isinstance(commands, list):
            raise _bad("can't parse commands JSON object")
        if len(commands) > 100:
            raise _bad("too many commands specified")
        for command in commands:
            if not isinstance(command, dict):
                raise _bad("can't parse BotCommand JSON object")
            if not _COMMAND_RE.fullmatch(str(command.get("command", "")).removeprefix("/")):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
                raise _bad("command description must be non-empty")
        key = self._commands_key(p)
        self.commands[key] = [
            {"command": str(c["command"]).removeprefix("/"), "description": c["description"]}
            for c in commands
        ]
        return True

    async def _get_my_commands(self, p: JSON, request: _Request) -> list[JSON]:
        return list(self.commands.get(self._commands_key(p), []))

    async def _delete_my_commands(self, p: JSON, request: _Request) -> bool:
        self.commands.pop(self._commands_key(p), None)
        return True

    def _commands_key(self, p: JSON) -> tuple[str, str]:
        language = p.get("language_code") or ""
        if not isinstance(language, str) or not re.fullmatch(r"([a-z]{2})?", language):
            raise _bad("invalid language code specified")
        scope = p.get("scope")
        if scope is not None and not (isinstance(scope, dict) and "type" in scope):
            raise _bad("can't parse BotCommandScope JSON object")
        return _scope_key(scope), language

    async def _get_file(self, p: JSON, request: _Request) -> JSON:
        file_id = p.get("file_id")
        if not file_id:
            raise _bad("file_id is empty")
        stored = self._files.get(str(file_id))
        if stored is None:
            raise _bad("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
            "file_path": stored.file_path,
        }

    async def _send_chat_action(self, p: JSON, request: _Request) -> bool:
        chat = self._chat_for(p.get("chat_id"))
        if p.get("action") not in _CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        self._check_send(chat, count_rate=False)
        return True

    async def _set_chat_menu_button(self, p: JSON, request: _Request) -> bool:
        chat_id = _int_param(p, "chat_id")
        if chat_id is not None:
            self._chat_for(chat_id)
        button = p.get("menu_button") or {"type": "default"}
        if not isinstance(button, dict) or "type" not in button:
            raise _bad("can't parse menu button JSON object")
        self._menu_buttons[chat_id] = button
        return True

    async def _get_chat_menu_button(self, p: JSON, request: _Request) -> JSON:
        chat_id = _int_param(p, "chat_id")
        return self._menu_buttons.get(chat_id) or self._menu_buttons.get(None) or {
            "type": "commands"
        }

    def _bot_text_setter(self, name: str) -> Callable[[JSON, _Request], Any]:
        async def setter(p: JSON, request: _Request) -> bool:
            self._bot_texts[(name, p.get("language_code") or "")] = str(p.get(name) or "")
            return True

        return setter

    def _bot_text_getter(self, name: str) -> Callable[[JSON, _Request], Any]:
        async def getter(p: JSON, request: _Request) -> JSON:
            language = p.get("language_code") or ""
            value = self._bot_texts.get((name, language), self._bot_texts.get((name, ""), ""))
            if name == "name" and not value:
                value = self.bot_first_name
            return {name: value}

        return getter


class SimUser:
    """A simulated Telegram user talking to the bot. Create with :meth:`FakeBotApi.user`."""

    def __init__(
        self,
        api: FakeBotApi,
        user_id: int,
        first_name: str,
        last_name: str | None,
        username: str | None,
        language_code: str | None,
        phone: str,
    ) -> None:
        self.api = api
        self.id = user_id
        self.first_name = first_name
        self.last_name = last_name
        self.username = username
        self.language_code = language_code
        self.phone = phone
        self._cursor: dict[int, int] = {}  # chat id -> index into api.sent already consumed
        self._base = 0

    def __repr__(self) -> str:
        return f"SimUser({self.id}, {self.first_name!r})"

    def user(self) -> JSON:
        """The Telegram User object of this user."""
        user: JSON = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            user["last_name"] = self.last_name
        if self.username:
            user["username"] = self.username
        if self.language_code:
            user["language_code"] = self.language_code
        return user

    def chat(self) -> JSON:
        """The private chat with this user, as Telegram describes it."""
        chat: JSON = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.last_name:
            chat["last_name"] = self.last_name
        if self.username:
            chat["username"] = self.username
        return chat

    # ------------------------------------------------------------------ sending

    async def send_text(self, text: str, *, chat: SimGroup | None = None) -> JSON:
        return self._send({"text": text}, chat, "text", text)

    async def send_command(self, command: str, *, chat: SimGroup | None = None) -> JSON:
        """Send ``/cmd [args]``; adds the bot_command entity a Telegram client would."""
        if not command.startswith("/"):
            raise ValueError(f"a command starts with '/': {command!r}")
        word = command.split(maxsplit=1)[0]
        entity = {"type": "bot_command", "offset": 0, "length": utf16_len(word)}
        return self._send({"text": command, "entities": [entity]}, chat, "text", command)

    async def share_contact(
        self,
        own: bool = True,
        *,
        phone: str | None = None,
        user_id: int | None = _UNSET,
        first_name: str | None = None,
        last_name: str | None = None,
        with_plus: bool = False,
        chat: SimGroup | None = None,
    ) -> JSON:
        """Share a contact, by default the user's own one (as the request_contact button does).

        Giving ``own=False``, ``phone`` or ``user_id`` makes a typed/forwarded contact: its
        ``user_id`` is missing unless ``user_id`` is given.
        """
        is_own = own and phone is None and user_id is _UNSET
        number = phone if phone is not None else self.phone
        digits = number.lstrip("+")
        contact: JSON = {
            "phone_number": f"+{digits}" if with_plus else digits,
            "first_name": self.first_name if is_own else (first_name or "Kontak"),
        }
        surname = self.last_name if is_own else last_name
        if surname:
            contact["last_name"] = surname
        if is_own:
            contact["user_id"] = self.id
        elif user_id is not _UNSET and user_id is not None:
            contact["user_id"] = user_id
        return self._send({"contact": contact}, chat, "contact", contact["phone_number"])

    async def send_document(
        self,
        data: bytes,
        file_name: str = "document.pdf",
        mime_type: str = "application/pdf",
        caption: str | None = None,
        *,
        chat: SimGroup | None = None,
    ) -> JSON:
        stored = self.api._new_file("document", data, file_name, mime_type)
        fields: JSON = {"document": stored.meta()}
        if caption:
            fields["caption"] = caption
        return self._send(fields, chat, "document", caption, file_name=file_name)

    async def send_photo(
        self, data: bytes, caption: str | None = None, *, chat: SimGroup | None = None
    ) -> JSON:
        try:
            stored = self.api._store_upload("photo", data, None, None)
        except ApiError as exc:
            raise ValueError(f"not an image the fake can measure: {exc.description}") from None
        fields: JSON = {"photo": self.api._photo_sizes(stored)}
        if caption:
            fields["caption"] = caption
        return self._send(fields, chat, "photo", caption)

    async def press(
        self, button: str, *, chat: SimGroup | None = None, message_id: int | None = None
    ) -> JSON:
        """Press a reply-keyboard button (by text) or an inline button (by text or data)."""
        chat_id = self._chat_id(chat)
        keyboard = self._reply_keyboard(chat_id) if message_id is None else None
        for b in _flatten(keyboard or []):
            label = b if isinstance(b, str) else b.get("text")
            if label == button:
                if isinstance(b, dict) and b.get("request_contact"):
                    return await self.share_contact(chat=chat)
                return self._send({"text": button}, chat, "button", button)
        message = self._inline_message(chat_id, message_id)
        inline = message["reply_markup"]["inline_keyboard"] if message else []
        for b in _flatten(inline):
            if button in (b.get("text"), b.get("callback_data")):
                if "callback_data" not in b:
                    raise AssertionError(f"inline button {b!r} has no callback_data to press")
                assert message is not None
                query = self.api._callback_query(self, message, b["callback_data"])
                return self._queue("callback_query", query, message["chat"], "callback", b["text"])
        raise AssertionError(
            f"{self.first_name} sees no button {button!r} in chat {chat_id}.\n"
            f"  reply keyboard: {_labels(keyboard)}\n"
            f"  inline keyboard (message #{message['message_id'] if message else '-'}): "
            f"{_labels(inline)}"
        )

    async def press_callback(
        self, data: str, message_id: int | None = None, *, chat: SimGroup | None = None
    ) -> JSON:
        """Send callback data directly (possibly forged, or for a message without it)."""
        chat_id = self._chat_id(chat)
        message = (
            self.api._stored_message(chat_id, message_id)
            if message_id is not None
            else self._inline_message(chat_id, None) or self._last_bot_message(chat_id)
        )
        chat_obj = chat.chat() if chat is not None else self.chat()
        if message is None:
            # Telegram's InaccessibleMessage: date 0
            message = {"chat": chat_obj, "message_id": message_id or 0, "date": 0}
        query = self.api._callback_query(self, message, data)
        return self._queue("callback_query", query, chat_obj, "callback", data)

    # ------------------------------------------------------------------ receiving

    async def wait_for_reply(self, timeout: float = 10.0, *, chat: SimGroup | None = None) -> JSON:
        """The next bot message (or edit, with ``edited=True``) in the chat not yet consumed."""
        chat_id = self._chat_id(chat)

        def check() -> JSON | None:
            sent = self.api.sent
            for index in range(self._cursor.get(chat_id, self._base), len(sent)):
                if sent[index]["chat_id"] == chat_id:
                    self._cursor[chat_id] = index + 1
                    return sent[index]
            self._cursor[chat_id] = len(sent)
            return None

        item = await self.api._wait_until(check, timeout)
        if item is None:
            raise AssertionError(self.api.debug_summary(
                f"{self.first_name} got no bot message in chat {chat_id} within {timeout} s"))
        return item

    async def wait_for_replies(
        self, n: int, timeout: float = 10.0, *, chat: SimGroup | None = None
    ) -> list[JSON]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        replies: list[JSON] = []
        for _ in range(n):
            try:
                replies.append(await self.wait_for_reply(
                    max(0.0, deadline - loop.time()), chat=chat))
            except AssertionError as exc:
                raise AssertionError(f"got {len(replies)} of {n} replies: {exc}") from None
        return replies

    def drain(self) -> None:
        """Mark every bot message sent so far as consumed."""
        self._cursor.clear()
        self._base = len(self.api.sent)

    async def wait_for_answer(self, callback_update: JSON, timeout: float = 5.0) -> JSON:
        """The answerCallbackQuery parameters for a callback update made by :meth:`press`."""
        query_id = callback_update["callback_query"]["id"]
        _, params = await self.api.wait_for_call(
            "answerCallbackQuery", timeout, lambda p: str(p.get("callback_query_id")) == query_id
        )
        return params

    # ----------------------------------------------------------------- internals

    def _chat_id(self, chat: SimGroup | None) -> int:
        return self.id if chat is None else chat.id

    def _send(self, fields: JSON, chat: SimGroup | None, kind: str, text: str | None,
              **extra: Any) -> JSON:
        chat_obj = chat.chat() if chat is not None else self.chat()
        message: JSON = {
            "message_id": self.api._next_message_id(chat_obj["id"]),
            "from": self.user(),
            "chat": chat_obj,
            "date": int(time.time()),
            **fields,
        }
        self.api._store_message(message)
        return self._queue("message", message, chat_obj, kind, text, **extra)

    def _queue(self, update_kind: str, payload: JSON, chat: JSON, kind: str, text: str | None,
               **extra: Any) -> JSON:
        update = self.api._queue_update(update_kind, payload)
        self.api.transcript.append(self.api._event(
            "user", chat, kind, text, name=self.first_name, user_id=self.id, update=update,
            **extra))
        return update

    def _reply_keyboard(self, chat_id: int) -> list[list[Any]] | None:
        """The reply keyboard currently shown: the latest one sent, unless removed since."""
        for item in reversed(self.api.sent):
            markup = item["reply_markup"]
            if item["chat_id"] != chat_id or item["edited"] or not isinstance(markup, dict):
                continue
            if "keyboard" in markup:
                return markup["keyboard"]
            if markup.get("remove_keyboard"):
                return None
        return None

    def _inline_message(self, chat_id: int, message_id: int | None) -> JSON | None:
        messages = self.api._messages.get(chat_id, {})
        if message_id is not None:
            message = messages.get(message_id)
            return message if message and "reply_markup" in message else None
        with_keyboard = [m for m in messages.values()
                         if m["from"]["id"] == self.api.bot_id and "reply_markup" in m]
        return max(with_keyboard, key=lambda m: m["message_id"], default=None)

    def _last_bot_message(self, chat_id: int) -> JSON | None:
        mine = [m for m in self.api._messages.get(chat_id, {}).values()
                if m["from"]["id"] == self.api.bot_id]
        return max(mine, key=lambda m: m["message_id"], default=None)


# --------------------------------------------------------------------------- HTTP


class _ApiHandler(tornado.web.RequestHandler):
    def initialize(self, api: FakeBotApi) -> None:
        self.api = api
        self.disconnected = False

    def on_connection_close(self) -> None:
        self.disconnected = True
        self.api._pulse.fire()

    async def get(self, token: str, method: str) -> None:
        if token != self.api.token:
            self._reply(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
            return
        try:
            params = _parse_params(self.request)
        except ValueError:
            self._reply(400, _bad("can't parse JSON object").body())
            return
        self.api._active_requests += 1
        counted = method.lower() != "getupdates"
        if counted:
            self.api.in_flight += 1
        try:
            status, body = await self.api._dispatch(
                method, params, _Request(self.request.files, lambda: self.disconnected)
            )
            delay = self.api._answer_delay()
            if delay:
                await asyncio.sleep(delay)
            self._reply(status, body)
        finally:
            if counted:
                self.api.in_flight -= 1
            self.api._active_requests -= 1
            self.api._pulse.fire()

    async def post(self, token: str, method: str) -> None:
        await self.get(token, method)

    def _reply(self, status: int, body: JSON) -> None:
        if self.disconnected:
            return
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        try:
            self.finish(json.dumps(body, ensure_ascii=False))
        except tornado.iostream.StreamClosedError:
            log.debug("client went away before the answer to %s", self.request.path)


class _FileHandler(tornado.web.RequestHandler):
    def initialize(self, api: FakeBotApi) -> None:
        self.api = api

    def get(self, token: str, file_path: str) -> None:
        if token != self.api.token:
            self.set_status(401)
            self.finish({"ok": False, "error_code": 401, "description": "Unauthorized"})
            return
        stored = self.api._files_by_path.get(file_path)
        if stored is None:
            self.set_status(404)
            self.finish({"ok": False, "error_code": 404, "description": "Not Found"})
            return
        self.set_header("Content-Type", stored.mime_type or "application/octet-stream")
        self.finish(stored.data)


def _log_request(handler: tornado.web.RequestHandler) -> None:
    # tornado logs 4xx as warnings; errors are expected here, so keep it at debug level
    request = handler.request
    log.debug("%s %s -> %s", request.method, request.path, handler.get_status())


def _parse_params(request: tornado.httputil.HTTPServerRequest) -> JSON:
    raw: JSON = {}
    for source in (request.query_arguments, request.body_arguments):
        for name, values in source.items():
            raw[name] = values[-1].decode("utf-8", "replace")
    content_type = request.headers.get("Content-Type", "")
    if content_type.startswith("application/json") and request.body:
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise ValueError("JSON body is not an object")
        raw.update(data)
    return {name: _decode_param(name, value) for name, value in raw.items()}


def _decode_param(name: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if name in _JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError:
            return value
    if name in _INT_FIELDS and re.fullmatch(r"-?\d+", value):
        return int(value)
    if name in _FLOAT_FIELDS:
        try:
            return float(value)
        except ValueError:
            return value
    if name in _BOOL_FIELDS:
        return value.lower() in ("true", "1")
    return value


# ------------------------------------------------------------------------ helpers


async def _wait_event(event: asyncio.Event, timeout: float) -> None:
    try:
        await asyncio.wait_for(event.wait(), timeout)
    except TimeoutError:
        pass


def _int_param(p: JSON, name: str) -> int | None:
    value = p.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _bad(f"invalid {name} specified")
    return value


def _allowed(update: JSON, allowed: list[str] | None) -> bool:
    return allowed is None or any(k in allowed for k in update if k != "update_id")


def _scope_key(scope: JSON | None) -> str:
    return json.dumps(scope or {"type": "default"}, sort_keys=True)


def _reply_target(p: JSON) -> tuple[int | None, int, bool] | None:
    """(chat id or None for this chat, message id, allow missing) of the message replied to."""
    params = p.get("reply_parameters")
    if isinstance(params, dict) and isinstance(params.get("message_id"), int):
        chat_id = params.get("chat_id")
        return (
            chat_id if isinstance(chat_id, int) else None,
            params["message_id"],
            bool(params.get("allow_sending_without_reply")),
        )
    if isinstance(p.get("reply_to_message_id"), int):
        return None, p["reply_to_message_id"], bool(p.get("allow_sending_without_reply"))
    return None


def _flatten(rows: Iterable[Iterable[Any]]) -> list[Any]:
    return [b for row in rows for b in row]


def _button_labels(markup: Any) -> tuple[list[list[str]], bool]:
    """(rows of button texts, is inline) for a reply_markup as received."""
    if not isinstance(markup, dict):
        return [], False
    inline = "inline_keyboard" in markup
    rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
    return [
        [b if isinstance(b, str) else str(b.get("text", "")) for b in row] for row in rows
    ], inline


def _labels(rows: Iterable[Iterable[Any]] | None) -> str:
    labels = [b if isinstance(b, str) else b.get("text") for b in _flatten(rows or [])]
    return ", ".join(repr(label) for label in labels) or "(none)"


def _short(params: JSON, limit: int = 200) -> str:
    text = json.dumps(params, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _indent_continuation(text: str) -> str:
    return text.replace("\n", "\n     ")


def _image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG, GIF, JPEG, BMP or WebP image, or None."""
    try:
        if data[:8] == b"\x89PNG\r\n\x1a\n":
            width, height = struct.unpack(">II", data[16:24])
            return width, height
        if data[:6] in (b"GIF87a", b"GIF89a"):
            width, height = struct.unpack("<HH", data[6:10])
            return width, height
        if data[:2] == b"BM":
            width, height = struct.unpack("<ii", data[18:26])
            return width, abs(height)
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            chunk = data[12:16]
            if chunk == b"VP8X":
                return 1 + int.from_bytes(data[24:27], "little"), 1 + int.from_bytes(
                    data[27:30], "little")
            if chunk == b"VP8 ":
                width, height = struct.unpack("<HH", data[26:30])
                return width & 0x3FFF, height & 0x3FFF
            if chunk == b"VP8L":
                b = data[21:25]
                return 1 + (((b[1] & 0x3F) << 8) | b[0]), 1 + (
                    ((b[3] & 0xF) << 10) | (b[2] << 2) | ((b[1] & 0xC0) >> 6))
            return None
        if data[:2] == b"\xff\xd8":
            i = 2
            while i + 9 < len(data):
                if data[i] != 0xFF:
                    return None
                marker = data[i + 1]
                if marker == 0xFF:
                    i += 1
                    continue
                if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                    i += 2
                    continue
                if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                    height, width = struct.unpack(">HH", data[i + 5 : i + 9])
                    return width, height
                (segment_length,) = struct.unpack(">H", data[i + 2 : i + 4])
                i += 2 + segment_length
    except (struct.error, IndexError):
        return None
    return None
