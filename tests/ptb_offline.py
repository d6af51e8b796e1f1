"""PTB without a network: a request object that answers like the Bot API and records calls.

Used by handler tests and by the benchmark (which is why it lives outside a test module).
"""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.request import BaseRequest, RequestData

BOT_ID = 7000000001
BOT_USER = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": "ASN Corpu",
    "username": "asn_corpu_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


@dataclass
class Call:
    method: str
    params: dict[str, Any]


@dataclass
class RecordingRequest(BaseRequest):
    """Answers every Bot API method locally; `calls` keeps what the bot asked for."""

    calls: list[Call] = field(default_factory=list)
    fail_methods: dict[str, tuple[int, str]] = field(default_factory=dict)
    record: bool = True
    # Files users "uploaded": file_id -> bytes, served by getFile and the file URL.
    files: dict[str, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._message_ids = itertools.count(1000)

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        if "/file/bot" in url:
            return 200, self.files[url.rsplit("/", 1)[-1]]
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        if request_data is not None and request_data.multipart_data:
            # Uploaded files as (file name, bytes), for assertions on documents.
            params["_files"] = {
                name: (value[0], value[1]) for name, value in request_data.multipart_data.items()
            }
        if self.record:
            self.calls.append(Call(api_method, params))
        if api_method in self.fail_methods:
            status, description = self.fail_methods[api_method]
            body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
            if status == 429:  # as Telegram does: the wait in parameters.retry_after
                body["parameters"] = {"retry_after": int(description.rsplit(" ", 1)[-1])}
            return status, json.dumps(body).encode()
        return 200, json.dumps({"ok": True, "result": self._result(api_method, params)}).encode()

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method in ("sendMessage", "editMessageText", "editMessageReplyMarkup"):
            message: dict[str, Any] = {
                "message_id": params.get("message_id") or next(self._message_ids),
                "date": int(time.time()),
                "chat": {"id": params["chat_id"], "type": "private"},
                "from": BOT_USER,
                "text": params.get("text", ""),
            }
            markup = params.get("reply_markup")
            if isinstance(markup, dict) and "inline_keyboard" in markup:
                message["reply_markup"] = markup
            return message
        if method in ("sendDocument", "sendPhoto"):
            return {
                "message_id": next(self._message_ids),
                "date": int(time.time()),
                "chat": {"id": params["chat_id"], "type": "private"},
                "from": BOT_USER,
                "document": {"file_id": "doc-1", "file_unique_id": "udoc-1"},
            }
        if method == "getFile":
            file_id = str(params["file_id"])
            return {
                "file_id": file_id,
                "file_unique_id": f"u-{file_id}",
                "file_size": len(self.files[file_id]),
                "file_path": f"documents/{file_id}",
            }
        if method == "getUpdates":
            return []
        return True

    # Helpers for assertions
    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        return [c.params for c in self.calls if c.method == method]

    def last_text(self) -> str:
        texts = [c.params.get("text", "") for c in self.calls if "text" in c.params]
        assert texts, f"the bot sent no text; calls: {[c.method for c in self.calls]}"
        return str(texts[-1])

    def clear(self) -> None:
        self.calls.clear()


class UpdateFactory:
    """Builds Telegram updates as the Bot API would send them."""

    def __init__(self) -> None:
        self._ids = itertools.count(1)

    def _base(self) -> dict[str, Any]:
        return {"update_id": next(self._ids)}

    @staticmethod
    def user(user_id: int, first_name: str = "Andi", language_code: str = "id") -> dict[str, Any]:
        return {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name,
            "language_code": language_code,
        }

    def message(
        self,
        user_id: int,
        text: str | None = None,
        *,
        chat_type: str = "private",
        chat_id: int | None = None,
        contact: dict[str, Any] | None = None,
        entities: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": chat_id or user_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = "Andi"
        else:
            chat["title"] = "Grup OPD"
        message: dict[str, Any] = {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": chat,
            "from": self.user(user_id),
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                command = text.split()[0]
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
            if entities is not None:
                message["entities"] = entities
        if contact is not None:
            message["contact"] = contact
        return {**self._base(), "message": message}

    def contact(
        self, user_id: int, phone: str, contact_user_id: int | None = None
    ) -> dict[str, Any]:
        contact: dict[str, Any] = {"phone_number": phone, "first_name": "Andi"}
        if contact_user_id is not None:
            contact["user_id"] = contact_user_id
        return self.message(user_id, contact=contact)

    def document(
        self, user_id: int, file_id: str, file_name: str, size: int
    ) -> dict[str, Any]:
        update = self.message(user_id)
        update["message"]["document"] = {
            "file_id": file_id,
            "file_unique_id": f"u-{file_id}",
            "file_name": file_name,
            "file_size": size,
        }
        return update

    def photo(
        self,
        user_id: int,
        file_id: str,
        size: int,
        *,
        caption: str | None = None,
        caption_entities: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """A photo as Telegram sends it: several sizes, the largest last."""
        update = self.message(user_id)
        update["message"]["photo"] = [
            {"file_id": f"{file_id}-s", "file_unique_id": f"u-{file_id}-s", "width": 90,
             "height": 90, "file_size": max(1, size // 20)},
            {"file_id": file_id, "file_unique_id": f"u-{file_id}", "width": 1280,
             "height": 960, "file_size": size},
        ]
        if caption is not None:
            update["message"]["caption"] = caption
        if caption_entities is not None:
            update["message"]["caption_entities"] = caption_entities
        return update

    def callback(self, user_id: int, data: Any, message_id: int = 1) -> dict[str, Any]:
        """A button press; `data` is a typed button (bot/presentation/buttons) or raw text."""
        data = data.encode() if hasattr(data, "encode") and not isinstance(data, str) else data
        return {
            **self._base(),
            "callback_query": {
                "id": str(next(self._ids)),
                "from": self.user(user_id),
                "chat_instance": "ci-1",
                "data": data,
                "message": {
                    "message_id": message_id,
                    "date": int(time.time()),
                    "chat": {"id": user_id, "type": "private", "first_name": "Andi"},
                    "from": BOT_USER,
                    "text": "…",
                },
            },
        }


def to_update(data: dict[str, Any], bot: Any) -> Update:
    return Update.de_json(data, bot)
