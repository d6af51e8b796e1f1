"""The outbox's keep-alive connections: the same requests and the same Telegram errors as
PTB's HTTPXRequest, connections reused, answers of every framing read."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from telegram import Bot, MessageEntity
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot.jobs.outbox_http import KeepAliveRequest
from tests.fake_telegram import FakeBotApi

TOKEN = "123456:HTTP"


def _bot(base_url: str, request: KeepAliveRequest) -> Bot:
    return Bot(TOKEN, base_url=f"{base_url}/bot", base_file_url=f"{base_url}/file/bot",
               request=request)


async def test_sends_as_httpx_does_and_keeps_the_connection() -> None:
    async with FakeBotApi(token=TOKEN) as api:
        api.user(501)
        request = KeepAliveRequest(4)
        bot = _bot(api.base_url, request)
        await bot.initialize()
        try:
            for n in range(3):
                sent = await bot.send_message(
                    501, f"Pengumuman {n}", entities=[MessageEntity("bold", 0, 10)],
                    allow_paid_broadcast=True)
                assert sent.text == f"Pengumuman {n}"
            # one connection, taken and given back three times
            assert [len(stack) for stack in request._idle.values()] == [1]
        finally:
            await bot.shutdown()
        assert [m["text"] for m in api.sent] == ["Pengumuman 0", "Pengumuman 1", "Pengumuman 2"]
        assert api.sent[0]["entities"] == [{"type": "bold", "offset": 0, "length": 10}]
        assert api.sent[0]["params"]["allow_paid_broadcast"] is True


async def test_telegram_errors_are_the_same_exceptions() -> None:
    async with FakeBotApi(token=TOKEN) as api:
        api.user(502)
        api.user(503)
        api.block(503)
        bot = _bot(api.base_url, KeepAliveRequest(2))
        await bot.initialize()
        try:
            with pytest.raises(Forbidden):
                await bot.send_message(503, "x")
            api.flood_limit("sendMessage", 1, retry_after=7)
            with pytest.raises(RetryAfter) as flood:
                await bot.send_message(502, "x")
            assert flood.value.retry_after in (7, timedelta(seconds=7))
            with pytest.raises(BadRequest):
                await bot.send_message(99, "x")  # chat not found
            assert (await bot.send_message(502, "still fine")).text == "still fine"
        finally:
            await bot.shutdown()


async def _one_shot_server(answers: list[bytes]) -> tuple[asyncio.Server, str, list[bytes]]:
    """Answers each request with the next canned answer; keeps the requests' heads."""
    heads: list[bytes] = []

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while answers:
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(next(line.split(b":")[1] for line in head.split(b"\r\n")
                              if line.lower().startswith(b"content-length")))
            await reader.readexactly(length)
            heads.append(head)
            answer = answers.pop(0)
            writer.write(answer)
            await writer.drain()
            if b"Connection: close" in answer:
                break
        writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    return server, f"http://127.0.0.1:{port}", heads


async def test_chunked_answers_and_closed_connections() -> None:
    ok = b'{"ok":true,"result":true}'
    chunked = (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
               + b"%x\r\n" % 10 + ok[:10] + b"\r\n" + b"%x\r\n" % (len(ok) - 10) + ok[10:]
               + b"\r\n0\r\n\r\n")
    closing = b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: %d\r\n\r\n" % len(ok) + ok
    server, url, heads = await _one_shot_server([chunked, closing])
    request = KeepAliveRequest(2)
    try:
        for _ in range(2):
            status, body = await request.do_request(f"{url}/bot{TOKEN}/close", "POST")
            assert (status, body) == (200, ok)
        assert len(heads) == 2  # one connection for both: the chunked answer kept it
        assert not any(request._idle.values())  # "Connection: close" was honoured
        with pytest.raises(NetworkError):  # the server is gone for good
            server.close()
            await server.wait_closed()
            await request.do_request(f"{url}/bot{TOKEN}/close", "POST")
    finally:
        server.close()
        await request.shutdown()
