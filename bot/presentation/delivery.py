"""What the outbox sender sends, and when it may: free of Telegram handlers, so handlers
(announcement previews, status reports) can use it without importing the sender."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from telegram import Bot, InlineKeyboardMarkup, InputFile, MessageEntity, ReplyKeyboardMarkup
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.presentation.menus import publish_chat_commands
from bot.services.menus import Audience, Menu


@dataclass(frozen=True, slots=True)
class Rendered:
    text: str
    # Inline buttons, or the reader's main menu (a notice about their role carries it).
    markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | None = None
    # Set for an admin's announcement: the text is plain and these carry its formatting
    # exactly as the admin wrote it; it may come with one photo or document.
    entities: list[MessageEntity] | None = None
    media_kind: str | None = None
    # A file id Telegram has, or the bytes of a file to upload (the digest's chart).
    media_file_id: str | bytes | None = None
    # A file made for this message (a certificate's PDF): (file name, bytes); `text` is
    # its caption.
    document: tuple[str, bytes] | None = None
    # (language, menu): once the message is delivered, the chat's command list is
    # published for this menu (a role changed; the console that changed it has no Bot).
    commands: tuple[str, Menu] | None = None

    async def send(self, bot: Bot, chat_id: int, *, paid: bool = False) -> None:
        """`paid`: a paid broadcast (allow_paid_broadcast: past the free 30/s, for Stars).
        A refused message (blocked, flood control) raises before the command list is
        touched; a command list that fails is logged and does not fail the message."""
        await self._message(bot, chat_id, paid)
        if self.commands is not None:
            language, menu = self.commands
            await publish_chat_commands(bot, Audience(chat_id, language, menu))

    async def _message(self, bot: Bot, chat_id: int, paid: bool) -> None:
        extra = {"allow_paid_broadcast": True} if paid else {}
        if self.document is not None:
            name, data = self.document
            await bot.send_document(chat_id, InputFile(data, filename=name), caption=self.text,
                                    reply_markup=self.markup, **extra)
            return
        if self.entities is None:
            await bot.send_message(chat_id, self.text, reply_markup=self.markup, **extra)
            return
        if isinstance(self.media_file_id, bytes):  # a file made for this message: an upload
            send = bot.send_photo if self.media_kind == "photo" else bot.send_document
            await send(chat_id, self.media_file_id, caption=self.text or None,  # type: ignore[operator]
                       caption_entities=self.entities or None, parse_mode=None,
                       reply_markup=self.markup, **extra)
            return
        # An announcement: every parameter is explicit (no Defaults apply), and the answer
        # is not turned into a Message nobody reads (a third of the sender's CPU at
        # 1,000/s). The request and Telegram's errors are those of bot.send_message.
        if self.media_kind is None:
            method = "sendMessage"
            params: dict[str, object] = {"text": self.text, "entities": self.entities}
        else:
            method = "sendPhoto" if self.media_kind == "photo" else "sendDocument"
            params = {self.media_kind: self.media_file_id, "caption": self.text or None,
                      "caption_entities": self.entities or None}
        params = {"chat_id": chat_id, **params, "reply_markup": self.markup, **extra}
        await bot.request.post(
            url=f"{bot.base_url}/{method}",
            request_data=RequestData([RequestParameter.from_input(name, value)
                                      for name, value in params.items() if value is not None]),
        )


def in_quiet_hours(moment: datetime, start: time, end: time, tz: object) -> bool:
    local = moment.astimezone(tz).time()  # type: ignore[arg-type]
    if start <= end:
        return start <= local < end
    return local >= start or local < end  # across midnight, e.g. 21:00 to 07:00


def quiet_hours_end(moment: datetime, end: time, tz: object) -> datetime:
    local = moment.astimezone(tz)  # type: ignore[arg-type]
    candidate = datetime.combine(local.date(), end, local.tzinfo)
    return candidate if candidate > local else candidate + timedelta(days=1)
