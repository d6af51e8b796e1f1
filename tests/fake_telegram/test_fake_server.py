"""The fake Bot API answers in shapes python-telegram-bot 22 accepts."""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
import struct
import zlib
from collections.abc import AsyncIterator

import httpx
import pytest
import telegram
import tornado.httpserver
import tornado.netutil
import tornado.web
from telegram import (
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, RetryAfter

from tests.fake_telegram import FakeBotApi, SimUser

TOKEN = "123456:TEST"
USER_ID = 7001


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    fake = FakeBotApi(token=TOKEN, bot_username="asn_corpu_bot")
    await fake.start(port=0)
    try:
        yield fake
    finally:
        await asyncio.wait_for(fake.stop(), 5)


def make_bot(api: FakeBotApi, token: str = TOKEN) -> telegram.Bot:
    return telegram.Bot(
        token, base_url=f"{api.base_url}/bot", base_file_url=f"{api.base_url}/file/bot"
    )


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[telegram.Bot]:
    b = make_bot(api)
    await asyncio.wait_for(b.initialize(), 2)
    try:
        yield b
    finally:
        await b.shutdown()


@pytest.fixture
def andi(api: FakeBotApi) -> SimUser:
    return api.user(USER_ID, first_name="Andi", username="andi_asn", language_code="id",
                    phone="+6281234567890")


def seconds(value: int | dtm.timedelta) -> float:
    """PTB 22 gives RetryAfter.retry_after as int, or timedelta with PTB_TIMEDELTA set."""
    return value.total_seconds() if isinstance(value, dtm.timedelta) else value


def tiny_png(width: int = 400, height: int = 200) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\x00\x00\x00" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


async def test_get_me(api: FakeBotApi, bot: telegram.Bot) -> None:
    assert bot.username == "asn_corpu_bot"
    assert bot.id == 123456
    me = await bot.get_me()
    assert me.is_bot and me.can_join_groups is True
    assert api.calls[0][0] == "getMe"


async def test_wrong_token_is_invalid_token(api: FakeBotApi) -> None:
    wrong = make_bot(api, "999:WRONG")
    try:
        with pytest.raises(InvalidToken):
            await asyncio.wait_for(wrong.initialize(), 2)
    finally:
        await wrong.shutdown()
    async with httpx.AsyncClient(trust_env=False) as client:
        response = await client.post(f"{api.base_url}/bot999:WRONG/getMe")
    assert response.status_code == 401
    assert response.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}


async def test_unknown_method_is_404(api: FakeBotApi) -> None:
    async with httpx.AsyncClient(trust_env=False) as client:
        response = await client.get(f"{api.base_url}/bot{TOKEN}/sendTelepathy")
    assert response.status_code == 404
    assert response.json() == {
        "ok": False, "error_code": 404, "description": "Not Found: method not found"
    }


async def test_long_poll_returns_update_sent_while_waiting(
    api: FakeBotApi, bot: telegram.Bot, andi: SimUser
) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await api.wait_for_call("getUpdates", timeout=5)
    await asyncio.sleep(0.05)
    assert not poll.done()  # really waiting
    await andi.send_command("/saldo")
    # Answered with the update: a poll that had run out its time would come back empty.
    updates = await asyncio.wait_for(poll, 10)
    assert len(updates) == 1
    message = updates[0].message
    assert message is not None and message.text == "/saldo"
    assert message.from_user is not None and message.from_user.language_code == "id"
    assert message.entities[0].type == "bot_command" and message.entities[0].length == 6
    assert message.chat.type == "private" and message.chat.id == USER_ID


async def test_long_poll_times_out_empty(bot: telegram.Bot) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    updates = await asyncio.wait_for(bot.get_updates(timeout=1), 10)
    assert updates == ()
    assert loop.time() - started >= 0.9  # it held the poll open (a slow machine only adds)


async def test_offset_confirms_updates(
    api: FakeBotApi, bot: telegram.Bot, andi: SimUser
) -> None:
    first = await andi.send_text("satu")
    second = await andi.send_text("123")
    updates = await bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == [first["update_id"], second["update_id"]]
    assert updates[1].message is not None and updates[1].message.text == "123"
    updates = await bot.get_updates(offset=second["update_id"], timeout=0)
    assert [u.update_id for u in updates] == [second["update_id"]]
    assert await bot.get_updates(offset=second["update_id"] + 1, timeout=0) == ()
    assert api.pending_updates == []


async def test_send_message_returns_message(
    api: FakeBotApi, bot: telegram.Bot, andi: SimUser
) -> None:
    keyboard = ReplyKeyboardMarkup([["Saldo JP", "Riwayat"]], resize_keyboard=True)
    message = await bot.send_message(USER_ID, "Halo <b>Andi</b>", parse_mode="HTML",
                                     reply_markup=keyboard)
    assert message.chat.id == USER_ID
    assert message.text == "Halo Andi"
    assert message.entities[0].type == "bold" and message.entities[0].offset == 5
    assert message.from_user is not None and message.from_user.id == api.bot_id
    assert message.reply_markup is None  # reply keyboards are not echoed
    assert isinstance(message.date, dtm.datetime)
    assert abs((dtm.datetime.now(dtm.UTC) - message.date).total_seconds()) < 5
    reply = await andi.wait_for_reply(timeout=1)
    assert reply["text"] == "Halo Andi"
    assert reply["buttons"] == [["Saldo JP", "Riwayat"]]
    assert reply["reply_markup"]["keyboard"][0][0]["text"] == "Saldo JP"
    second = await bot.send_message(USER_ID, "lagi")
    assert second.message_id == message.message_id + 1


async def test_send_to_unknown_chat_and_bad_markup(bot: telegram.Bot, andi: SimUser) -> None:
    with pytest.raises(BadRequest, match="(?i)chat not found"):
        await bot.send_message(424242, "siapa?")
    with pytest.raises(BadRequest, match="(?i)can.t parse entities"):
        await bot.send_message(USER_ID, "1 < 2 <br> 3", parse_mode="HTML")
    with pytest.raises(BadRequest, match="reserved"):
        await bot.send_message(USER_ID, "Selesai.", parse_mode="MarkdownV2")
    with pytest.raises(BadRequest, match="(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(USER_ID, "x", reply_markup=InlineKeyboardMarkup(
            [[InlineKeyboardButton("x", callback_data="x" * 65)]]))


async def test_edit_message_text_returns_message(
    api: FakeBotApi, bot: telegram.Bot, andi: SimUser
) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("OK", callback_data="ok")]])
    sent = await bot.send_message(USER_ID, "Menunggu", reply_markup=markup)
    assert sent.reply_markup == markup
    edited = await bot.edit_message_text("Selesai", chat_id=USER_ID,
                                         message_id=sent.message_id, reply_markup=markup)
    assert isinstance(edited, telegram.Message)
    assert edited.text == "Selesai" and edited.message_id == sent.message_id
    assert edited.edit_date is not None
    with pytest.raises(BadRequest, match="(?i)message is not modified"):
        await bot.edit_message_text("Selesai", chat_id=USER_ID, message_id=sent.message_id,
                                    reply_markup=markup)
    no_keyboard = await bot.edit_message_reply_markup(USER_ID, sent.message_id)
    assert isinstance(no_keyboard, telegram.Message) and no_keyboard.reply_markup is None
    replies = await andi.wait_for_replies(3, timeout=1)
    assert [r["edited"] for r in replies] == [False, True, True]
    assert replies[1]["text"] == "Selesai"


async def test_callback_update_parsed_by_ptb(
    api: FakeBotApi, bot: telegram.Bot, andi: SimUser
) -> None:
    markup = InlineKeyboardMarkup([[
        InlineKeyboardButton("Bahasa Indonesia", callback_data="lang:id"),
        InlineKeyboardButton("English", callback_data="lang:en"),
    ]])
    sent = await bot.send_message(USER_ID, "Pilih bahasa", reply_markup=markup)
    raw = await andi.press("English")
    with pytest.raises(AssertionError, match="Bahasa Indonesia"):
        await andi.press("Deutsch")
    update = Update.de_json(json.loads(json.dumps(raw)), bot)
    query = update.callback_query
    assert query is not None
    assert query.data == "lang:en" and query.chat_instance
    assert query.message is not None and query.message.message_id == sent.message_id
    (polled,) = await bot.get_updates(timeout=0)
    assert polled.callback_query is not None and polled.callback_query.data == "lang:en"
    assert await bot.answer_callback_query(query.id, text="Tersimpan")
    assert (await andi.wait_for_answer(raw, timeout=1))["text"] == "Tersimpan"
    with pytest.raises(BadRequest, match="(?i)query is too old"):
        await bot.answer_callback_query(query.id)


async def test_reply_keyboard_press_and_contact(
    api: FakeBotApi, bot: telegram.Bot, andi: SimUser
) -> None:
    keyboard = ReplyKeyboardMarkup(
        [[KeyboardButton("Bagikan nomor", request_contact=True)], ["Batal"]]
    )
    await bot.send_message(USER_ID, "Verifikasi nomor HP", reply_markup=keyboard)
    await andi.press("Batal")
    await andi.press("Bagikan nomor")
    await andi.share_contact(phone="+628111", user_id=None)
    updates = await bot.get_updates(timeout=0)
    assert updates[0].message is not None and updates[0].message.text == "Batal"
    own = updates[1].message.contact  # type: ignore[union-attr]
    assert own is not None
    assert own.phone_number == "6281234567890" and own.user_id == USER_ID
    typed = updates[2].message.contact  # type: ignore[union-attr]
    assert typed is not None and typed.user_id is None
    lines = [api.format_event(e) for e in api.transcript]
    assert lines[0] == "🤖 Bot: Verifikasi nomor HP\n   [Bagikan nomor]\n   [Batal]"
    assert lines[1] == "👤 Andi taps [Batal]"


async def test_set_my_commands_per_language(api: FakeBotApi, bot: telegram.Bot) -> None:
    await bot.set_my_commands([BotCommand("saldo", "Saldo JP")], language_code="id")
    await bot.set_my_commands([BotCommand("balance", "JP balance")], language_code="en")
    scope = BotCommandScopeChat(USER_ID)
    await bot.set_my_commands([BotCommand("admin", "Admin")], scope=scope)
    assert api.get_commands(language_code="id") == [
        {"command": "saldo", "description": "Saldo JP"}
    ]
    assert [c.command for c in await bot.get_my_commands(language_code="en")] == ["balance"]
    assert await bot.get_my_commands() == ()
    assert [c.command for c in await bot.get_my_commands(scope=scope)] == ["admin"]
    await bot.delete_my_commands(language_code="id")
    assert api.get_commands(language_code="id") == []
    with pytest.raises(BadRequest, match="(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand("Saldo-JP", "x")])


async def test_document_roundtrip(api: FakeBotApi, bot: telegram.Bot, andi: SimUser) -> None:
    content = b"PK\x03\x04 rekap jp \x00\xff" * 100
    message = await bot.send_document(USER_ID, content, filename="rekap.xlsx",
                                      caption="Rekap JP 2025")
    document = message.document
    assert document is not None
    assert document.file_name == "rekap.xlsx" and document.file_size == len(content)
    assert message.caption == "Rekap JP 2025"
    file = await bot.get_file(document.file_id)
    assert file.file_path is not None and file.file_path.startswith(api.base_url)
    assert bytes(await file.download_as_bytearray()) == content
    again = await bot.send_document(USER_ID, document.file_id)
    assert again.document is not None and again.document.file_unique_id == document.file_unique_id
    with pytest.raises(BadRequest, match="(?i)invalid file_id"):
        await bot.get_file("nope")
    reply = await andi.wait_for_reply(timeout=1)
    assert reply["document"]["file_name"] == "rekap.xlsx" and reply["caption"] == "Rekap JP 2025"


async def test_photo_sizes(bot: telegram.Bot, andi: SimUser) -> None:
    message = await bot.send_photo(USER_ID, tiny_png(400, 200))
    sizes = [(p.width, p.height) for p in message.photo]
    assert sizes == [(90, 45), (320, 160), (400, 200)]
    file = await bot.get_file(message.photo[-1].file_id)
    assert bytes(await file.download_as_bytearray()) == tiny_png(400, 200)
    with pytest.raises(BadRequest, match="(?i)IMAGE_PROCESS_FAILED"):
        await bot.send_photo(USER_ID, b"not an image")


async def test_flood_limit_raises_retry_after(
    api: FakeBotApi, bot: telegram.Bot, andi: SimUser
) -> None:
    api.flood_limit("sendMessage", count=2, retry_after=7)
    for _ in range(2):
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(USER_ID, "spam")
        assert seconds(caught.value.retry_after) == 7
    assert (await bot.send_message(USER_ID, "ok")).text == "ok"
    assert [r["text"] for r in api.sent] == ["ok"]


async def test_enforce_rate_per_chat(api: FakeBotApi, bot: telegram.Bot, andi: SimUser) -> None:
    api.enforce_rate(per_chat_per_second=2, global_per_second=30)
    await bot.send_message(USER_ID, "1")
    await bot.send_message(USER_ID, "2")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(USER_ID, "3")
    assert seconds(caught.value.retry_after) == 1


async def test_block_raises_forbidden(api: FakeBotApi, bot: telegram.Bot, andi: SimUser) -> None:
    api.block(USER_ID)
    with pytest.raises(Forbidden, match="(?i)bot was blocked by the user"):
        await bot.send_message(USER_ID, "halo")
    with pytest.raises(Forbidden):
        await bot.send_document(USER_ID, b"x", filename="a.txt")
    api.unblock(USER_ID)
    assert (await bot.send_message(USER_ID, "halo")).text == "halo"


async def test_group_messages(api: FakeBotApi, bot: telegram.Bot, andi: SimUser) -> None:
    group = api.group(-100123, "ASN Bapelkes")
    await andi.send_command("/saldo@asn_corpu_bot", chat=group)
    (update,) = await bot.get_updates(timeout=0)
    assert update.message is not None
    assert update.message.chat.type == "group" and update.message.chat.title == "ASN Bapelkes"
    assert update.message.entities[0].length == len("/saldo@asn_corpu_bot")
    await bot.send_message(group.id, "Hanya di chat pribadi",
                           reply_to_message_id=update.message.message_id)
    reply = await andi.wait_for_reply(timeout=1, chat=group)
    assert reply["message"]["reply_to_message"]["text"] == "/saldo@asn_corpu_bot"
    with pytest.raises(AssertionError, match="no bot message"):
        await andi.wait_for_reply(timeout=0.2)  # nothing in the private chat


class _Receiver(tornado.web.RequestHandler):
    def initialize(self, queue: asyncio.Queue[tuple[str | None, dict]]) -> None:
        self.queue = queue

    def post(self) -> None:
        secret = self.request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        self.queue.put_nowait((secret, json.loads(self.request.body)))
        self.finish("")


async def test_webhook_delivery_with_secret(
    api: FakeBotApi, bot: telegram.Bot, andi: SimUser
) -> None:
    received: asyncio.Queue[tuple[str | None, dict]] = asyncio.Queue()
    app = tornado.web.Application([(r"/hook", _Receiver, {"queue": received})])
    sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
    server = tornado.httpserver.HTTPServer(app)
    server.add_sockets(sockets)
    url = f"http://127.0.0.1:{sockets[0].getsockname()[1]}/hook"
    try:
        assert await bot.set_webhook(url, secret_token="s3cr3t-token")
        info = await bot.get_webhook_info()
        assert info.url == url
        with pytest.raises(Conflict):
            await bot.get_updates(timeout=0)
        sent = await andi.send_text("halo webhook")
        secret, body = await asyncio.wait_for(received.get(), 2)
        assert secret == "s3cr3t-token"
        assert body == sent
        assert Update.de_json(body, bot).message.text == "halo webhook"  # type: ignore[union-attr]
        assert await bot.delete_webhook()
        assert (await bot.get_webhook_info()).url == ""
        await andi.send_text("lewat polling")
        (update,) = await bot.get_updates(timeout=0)
        assert update.message is not None and update.message.text == "lewat polling"
    finally:
        server.stop()
        await asyncio.wait_for(server.close_all_connections(), 2)


async def test_wait_for_reply_timeout_lists_calls(
    api: FakeBotApi, bot: telegram.Bot, andi: SimUser
) -> None:
    await bot.send_chat_action(USER_ID, "typing")
    with pytest.raises(AssertionError, match="sendChatAction"):
        await andi.wait_for_reply(timeout=0.2)
    await bot.send_message(USER_ID, "first")
    andi.drain()
    await bot.send_message(USER_ID, "second")
    assert (await andi.wait_for_reply(timeout=1))["text"] == "second"


async def test_ptb_application_polls_and_replies(api: FakeBotApi, andi: SimUser) -> None:
    from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(
            "Pilih bahasa",
            reply_markup=InlineKeyboardMarkup(
                [[InlineKeyboardButton("English", callback_data="lang:en")]]
            ),
        )

    async def choose(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("OK")
        await query.edit_message_text(f"Dipilih: {query.data}")

    app = (
        Application.builder()
        .token(TOKEN)
        .base_url(f"{api.base_url}/bot")
        .base_file_url(f"{api.base_url}/file/bot")
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(choose))
    await asyncio.wait_for(app.initialize(), 2)
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(timeout=1, poll_interval=0)
    try:
        await andi.send_command("/start")
        reply = await andi.wait_for_reply(timeout=2)
        assert reply["buttons"] == [["English"]]
        press = await andi.press("English")
        edit = await andi.wait_for_reply(timeout=2)
        assert edit["edited"] and edit["text"] == "Dipilih: lang:en"
        assert (await andi.wait_for_answer(press, timeout=1))["text"] == "OK"
    finally:
        await asyncio.wait_for(app.updater.stop(), 3)
        await app.stop()
        await app.shutdown()
    assert api.pending_updates == []  # the last offset was confirmed on shutdown
    assert api.errors == []


@pytest.mark.parametrize(
    ("source", "mode", "text", "entities"),
    [
        ("<b>Saldo</b> 😀 <i>20 JP</i> &lt;ok&gt;", "HTML", "Saldo 😀 20 JP <ok>",
         [("bold", 0, 5), ("italic", 9, 5)]),
        ("*Saldo* 😀 _20 JP_ \\(ok\\)\\.", "MarkdownV2", "Saldo 😀 20 JP (ok).",
         [("bold", 0, 5), ("italic", 9, 5)]),
        ("*Saldo* _20 JP_", "Markdown", "Saldo 20 JP", [("bold", 0, 5), ("italic", 6, 5)]),
    ],
)
def test_parse_modes(
    source: str, mode: str, text: str, entities: list[tuple[str, int, int]]
) -> None:
    from tests.fake_telegram.formatting import parse_text

    got_text, got_entities = parse_text(source, mode)
    assert got_text == text
    assert [(e["type"], e["offset"], e["length"]) for e in got_entities] == entities


async def test_raw_form_and_json_parameters(api: FakeBotApi, andi: SimUser) -> None:
    url = f"{api.base_url}/bot{TOKEN}/sendMessage"
    markup = {"inline_keyboard": [[{"text": "1", "callback_data": "1"}]]}
    async with httpx.AsyncClient(trust_env=False, timeout=2) as client:
        form = await client.post(url, data={"chat_id": str(USER_ID), "text": "123",
                                            "reply_markup": json.dumps(markup), "junk": "x"})
        as_json = await client.post(url, json={"chat_id": USER_ID, "text": "456"})
        missing = await client.post(url, data={"chat_id": str(USER_ID)})
    assert form.status_code == 200 and form.json()["result"]["text"] == "123"
    assert form.json()["result"]["reply_markup"] == markup
    assert api.calls[0] == ("sendMessage", {"chat_id": USER_ID, "text": "123",
                                            "reply_markup": markup, "junk": "x"})
    assert as_json.json()["result"]["text"] == "456"
    assert missing.status_code == 400
    assert missing.json() == {"ok": False, "error_code": 400,
                              "description": "Bad Request: message text is empty"}


async def test_stop_answers_pending_long_poll() -> None:
    fake = FakeBotApi(token=TOKEN)
    await fake.start()
    b = make_bot(fake)
    await asyncio.wait_for(b.initialize(), 2)
    try:
        poll = asyncio.create_task(b.get_updates(timeout=30))
        await fake.wait_for_call("getUpdates", timeout=1)
        await asyncio.wait_for(fake.stop(), 1)
        assert await asyncio.wait_for(poll, 1) == ()
    finally:
        await b.shutdown()


async def test_latency_delays_the_answer_not_the_handling(
    api: FakeBotApi, bot: telegram.Bot, andi: SimUser
) -> None:
    api.latency(0.5, 0.1)
    since = len(api.calls)
    sending = asyncio.ensure_future(bot.send_message(USER_ID, "halo"))
    await api.wait_for_call("sendMessage", timeout=5, since=since)
    # Telegram has it (delivered, counted) while the answer is still on its way back:
    # the window in which a sender that dies cannot know the message arrived.
    assert api.sent[-1]["text"] == "halo" and api.in_flight == 1 and not sending.done()
    assert (await asyncio.wait_for(sending, 5)).text == "halo"
    assert api.in_flight == 0 and [chat for _, chat in api.send_log] == [USER_ID]
    with pytest.raises(ValueError):
        api.latency(0.1, 0.2)


async def test_paid_broadcasts_pass_the_free_window(
    api: FakeBotApi, bot: telegram.Bot
) -> None:
    for n in range(4):
        api.user(USER_ID + n)
    api.enforce_rate(per_chat_per_second=1, global_per_second=2, paid_per_second=1000)
    await bot.send_message(USER_ID, "a")
    await bot.send_message(USER_ID + 1, "b")
    with pytest.raises(RetryAfter):
        await bot.send_message(USER_ID + 2, "c")
    await bot.send_message(USER_ID + 2, "c", allow_paid_broadcast=True)
    await bot.send_message(USER_ID + 3, "d", allow_paid_broadcast=True)
    assert [m["text"] for m in api.sent] == ["a", "b", "c", "d"]


async def test_a_load_balancer_spreads_webhook_updates_over_replicas(
    api: FakeBotApi, bot: telegram.Bot, andi: SimUser
) -> None:
    queues: list[asyncio.Queue[tuple[str | None, dict]]] = [asyncio.Queue(), asyncio.Queue()]
    servers, urls = [], []
    for queue in queues:
        app = tornado.web.Application([(r"/hook", _Receiver, {"queue": queue})])
        sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
        server = tornado.httpserver.HTTPServer(app)
        server.add_sockets(sockets)
        servers.append(server)
        urls.append(f"http://127.0.0.1:{sockets[0].getsockname()[1]}/hook")
    try:
        api.balance_webhook(urls)
        assert await bot.set_webhook(urls[0], secret_token="shared")
        for n in range(4):
            await andi.send_text(f"pesan {n}")
        got = [[await asyncio.wait_for(q.get(), 2) for _ in range(2)] for q in queues]
        assert all(secret == "shared" for pair in got for secret, _ in pair)
        # One replica goes away: the balancer skips it, nothing is lost.
        servers[1].stop()
        await asyncio.wait_for(servers[1].close_all_connections(), 2)
        for n in range(3):
            await andi.send_text(f"lagi {n}")
        texts = [(await asyncio.wait_for(queues[0].get(), 5))[1]["message"]["text"]
                 for _ in range(3)]
        assert texts == ["lagi 0", "lagi 1", "lagi 2"]
    finally:
        for server in servers:
            server.stop()
            await asyncio.wait_for(server.close_all_connections(), 2)
