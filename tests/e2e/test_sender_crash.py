"""Issue 18's crash tests: the real bot process, kill -9 in the middle of an announcement.

- One process (SQLite): killed mid-drain and started again, it reaches everyone within
  60 s of the restart; the rows the dead process had claimed come back at once (its pid
  no longer runs), and only messages that were on the wire can arrive twice.
- Two webhook replicas on one PostgreSQL database, the fake posting updates to both:
  only the one holding the scheduler's lock sends (one budget: no 429 from a strict
  30/s window); killed mid-way, the other takes over and finishes.

Duplicates are bounded by the in-flight limit (SEND_MAX_IN_FLIGHT); each test logs the
figure with the number of requests the fake held unanswered at the kill."""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import create_async_engine

from bot.clock import SystemClock
from bot.settings import Settings
from models import Base, OutboxSender
from models.db import Database
from models.schema import upgrade
from tests.conftest import _pg_url
from tests.e2e.harness import TOKEN, BotProcess, free_port, sqlite_url
from tests.e2e.outbox_world import ADMIN, announce_to_all, copies, linked_roster
from tests.fake_telegram import FakeBotApi

pytestmark = pytest.mark.slow
log = logging.getLogger(__name__)

IN_FLIGHT = 8  # SEND_MAX_IN_FLIGHT for these runs: the bound on duplicates
# Sending at any hour, and nobody behind the JP target (no weekly reminders beside the
# announcement).
ALWAYS_AWAKE = {"QUIET_HOURS_START": "00:00", "QUIET_HOURS_END": "00:00",
                "BEHIND_TOLERANCE_JP": "1000"}


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    fake = FakeBotApi(token=TOKEN, bot_username="asn_corpu_bot")
    await fake.start(port=0)
    try:
        yield fake
    finally:
        await asyncio.wait_for(fake.stop(), 10)


async def _world(api: FakeBotApi, url: str, recipients: int, *, announce: bool = True) -> set[int]:
    await upgrade(url)
    db = Database(url)
    try:
        chats = await linked_roster(db, recipients)
    finally:
        await db.dispose()
    if announce:
        await _announce(url)
    for chat in [*chats, ADMIN]:
        api.user(chat)
    return set(chats)


async def _announce(url: str) -> None:
    db = Database(url)
    try:
        settings = Settings(_env_file=None, telegram_bot_token=TOKEN,  # type: ignore[call-arg]
                            database_url=url)
        await announce_to_all(db, settings, SystemClock().now())
    finally:
        await db.dispose()


async def _until(check: object, timeout: float, what: str, logs: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} within {timeout} s\n{logs}")
        await asyncio.sleep(0.05)


async def test_killed_mid_drain_and_restarted_everyone_is_reached_within_a_minute(
    api: FakeBotApi, tmp_path: Path
) -> None:
    url = sqlite_url(tmp_path)
    chats = await _world(api, url, 450)
    api.enforce_rate(per_chat_per_second=1, global_per_second=30)
    api.latency(0.2, 0.05)
    env = {**ALWAYS_AWAKE, "SEND_RATE_PER_SECOND": "25", "SEND_MAX_IN_FLIGHT": str(IN_FLIGHT)}
    bot = BotProcess(api, tmp_path, url, env)
    await bot.start()
    try:
        await _until(lambda: len(copies(api)) >= 164, 60, "164 delivered", bot.log())
        on_the_wire = api.in_flight  # requests Telegram has, whose answers will not arrive
        await bot.kill()
        delivered_at_kill = sum(copies(api).values())
        restarted = time.monotonic()
        await bot.start()
        await _until(lambda: set(copies(api)) == chats, 60, "everyone reached", bot.log())
        reached_after = max(at for at, chat in api.send_log if chat in chats) - restarted
    finally:
        await bot.stop()
    received = copies(api)
    duplicates = sum(received.values()) - len(chats)
    log.warning("issue 18 acceptance 3: killed at %d delivered with %d request(s) on the wire; "
                "everyone reached %.1f s after the restart; %d duplicate(s)",
                delivered_at_kill, on_the_wire, reached_after, duplicates)
    assert reached_after <= 60
    assert duplicates <= IN_FLIGHT
    assert not [e for e in api.errors if e[2] == 429]


async def _fresh_pg(url: str) -> None:
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text("DROP SCHEMA public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


async def _sender_pid(url: str) -> int | None:
    db = Database(url)
    try:
        async with db.reading() as session:
            owners = (await session.scalars(select(OutboxSender.owner))).all()
    finally:
        await db.dispose()
    return int(owners[0].split(":")[-2]) if len(owners) == 1 else None


@pytest.mark.skipif(not _pg_url(), reason="PostgreSQL: set TEST_DATABASE_URL")
async def test_two_webhook_replicas_share_one_budget_and_the_survivor_finishes(
    api: FakeBotApi, tmp_path: Path
) -> None:
    url = _pg_url()
    assert url is not None
    await _fresh_pg(url)
    chats = await _world(api, url, 1000, announce=False)
    api.enforce_rate(per_chat_per_second=1, global_per_second=30)
    api.latency(0.05, 0.02)
    replicas = []
    for n in range(2):
        port = free_port()
        workdir = tmp_path / f"replica{n}"
        workdir.mkdir()
        replicas.append((port, BotProcess(api, workdir, url, {
            # 25/s, not 28: the admin's status edits share the 30/s window, and on a busy
            # machine the fake (in this test's loop) takes requests in small bunches, so
            # its own clock needs a margin the paced sends do not need (28/s: test_send_rate).
            **ALWAYS_AWAKE, "SEND_RATE_PER_SECOND": "25", "SEND_MAX_IN_FLIGHT": str(IN_FLIGHT),
            "WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram-webhook",
            "WEBHOOK_LISTEN": "127.0.0.1", "WEBHOOK_PORT": str(port),
            "WEBHOOK_SECRET": "rahasia-bersama_18",  # one secret for all replicas
        })))
    api.balance_webhook([f"http://127.0.0.1:{port}/telegram-webhook" for port, _ in replicas])
    try:
        await asyncio.gather(*(bot.start(wait_for="setWebhook") for _, bot in replicas))
        # Both answer users (the load balancer alternates): /bantuan from four people.
        helpers = [api.user(9_000 + n) for n in range(4)]
        for person in helpers:
            await person.send_command("/bantuan")
        for person in helpers:
            assert (await person.wait_for_reply(30))["text"]
        await _announce(url)  # as an admin's confirmation would write it
        await _until(lambda: len(copies(api)) >= 400, 90, "400 delivered")
        pid = await _sender_pid(url)
        assert pid is not None
        sending = next(bot for _, bot in replicas if bot.process and bot.process.pid == pid)
        survivor = next(bot for _, bot in replicas if bot is not sending)
        on_the_wire = api.in_flight
        await sending.kill()
        killed_at = time.monotonic()
        delivered_at_kill = sum(copies(api).values())
        await _until(lambda: set(copies(api)) == chats, 90, "the survivor finishing",
                     survivor.log())
        resumed = min((at for at, chat in api.send_log if at > killed_at and chat in chats),
                      default=killed_at) - killed_at
        rate = _rate_after(api, chats, killed_at + resumed)
    finally:
        for _, bot in replicas:
            await bot.stop()
    received = copies(api)
    duplicates = sum(received.values()) - len(chats)
    log.warning("issue 18 acceptance 2: killed the sender at %d delivered with %d request(s) "
                "on the wire; the survivor resumed %.1f s later at %.1f/s; %d duplicate(s)",
                delivered_at_kill, on_the_wire, resumed, rate, duplicates)
    assert duplicates <= IN_FLIGHT
    assert resumed <= 30
    assert not [e for e in api.errors if e[2] == 429]  # one budget, never two


def _rate_after(api: FakeBotApi, chats: set[int], since: float) -> float:
    times = sorted(at for at, chat in api.send_log if chat in chats and at >= since)
    return (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0
