"""The bot as a separate process against the fake Bot API: polling and webhook modes."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from bot.services.demo.data import DEMO_NAME
from tests.e2e.harness import TOKEN, BotProcess, free_port, seed_demo_database, sqlite_url
from tests.fake_telegram import FakeBotApi

pytestmark = pytest.mark.slow

ANDI = 7101
BUDI = 7102


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    fake = FakeBotApi(token=TOKEN, bot_username="asn_corpu_bot")
    await fake.start(port=0)
    try:
        yield fake
    finally:
        await asyncio.wait_for(fake.stop(), 10)


async def test_polling_user_links_by_contact_and_sees_balance(
    api: FakeBotApi, tmp_path: Path
) -> None:
    url = sqlite_url(tmp_path)
    demo = await seed_demo_database(url)
    bot = BotProcess(api, tmp_path, url)
    await bot.start()
    try:
        andi = api.user(ANDI, first_name="Andi", phone=demo.demo_phone)
        budi = api.user(BUDI, first_name="Budi", phone="+6285299990000")

        await andi.send_command("/start")
        welcome = await andi.wait_for_reply(20)
        assert "Selamat datang" in welcome["text"]

        # Someone else forwarding Andi's contact is refused, and nothing is linked.
        await budi.share_contact(phone=demo.demo_phone, user_id=ANDI)
        refused = await budi.wait_for_reply(20)
        assert "bukan milik akun Anda" in refused["text"]

        await andi.press("📱 Bagikan nomor HP")
        linked, shortcuts = await andi.wait_for_replies(2, 20)
        assert "berhasil ditautkan" in linked["text"] and DEMO_NAME in linked["text"]
        assert "Silakan mulai" in shortcuts["text"]

        await andi.press("📊 Saldo JP")
        balance = (await andi.wait_for_reply(20))["text"]
        assert "Disetujui: 12,5 JP" in balance
        assert "Target tahunan: 20 JP" in balance
        assert "Sisa menuju target: 7,5 JP" in balance
        assert "Menunggu verifikasi (belum dihitung): 4 JP" in balance

        await budi.send_command("/saldo")
        assert "Bagikan nomor HP" in (await budi.wait_for_reply(20))["text"]

        # Commands were registered in both languages at start-up.
        assert {c["command"] for c in api.get_commands(language_code="id")} >= {"saldo", "riwayat"}
        assert {c["command"] for c in api.get_commands(language_code="en")} >= {"balance", "history"}
    finally:
        code = await bot.stop()

    assert code == 0, bot.log()
    log = bot.log()
    assert "Traceback" not in log
    # Personal data stays out of the logs.
    for secret in (demo.demo_phone, demo.demo_phone.lstrip("+"), demo.demo_nip, DEMO_NAME):
        assert secret not in log


async def test_webhook_mode_checks_the_secret_token(api: FakeBotApi, tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    demo = await seed_demo_database(url)
    port = free_port()
    hook = f"http://127.0.0.1:{port}/telegram-webhook"
    bot = BotProcess(
        api,
        tmp_path,
        url,
        extra_env={
            "WEBHOOK_URL": hook,
            "WEBHOOK_LISTEN": "127.0.0.1",
            "WEBHOOK_PORT": str(port),
            "WEBHOOK_SECRET": "rahasia-yang-panjang_123",
        },
    )
    await bot.start(wait_for="setWebhook")
    try:
        _, params = await api.wait_for_call("setWebhook")
        assert params["url"] == hook
        assert params["secret_token"] == "rahasia-yang-panjang_123"

        forged = {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 1_790_000_000,
                "chat": {"id": ANDI, "type": "private", "first_name": "Andi"},
                "from": {"id": ANDI, "is_bot": False, "first_name": "Andi"},
                "contact": {"phone_number": demo.demo_phone, "user_id": ANDI, "first_name": "A"},
            },
        }
        async with httpx.AsyncClient(timeout=10) as client:
            for _ in range(100):  # the server starts listening right after setWebhook
                try:
                    wrong = await client.post(
                        hook,
                        content=json.dumps(forged),
                        headers={
                            "Content-Type": "application/json",
                            "X-Telegram-Bot-Api-Secret-Token": "salah",
                        },
                    )
                    break
                except httpx.ConnectError:
                    await asyncio.sleep(0.1)
            else:
                raise AssertionError(f"webhook server never listened\n{bot.log()}")
            assert wrong.status_code == 403
            missing = await client.post(hook, json=forged)
            assert missing.status_code == 403

        # The forged contact was never processed: Andi is still unlinked.
        andi = api.user(ANDI, first_name="Andi", phone=demo.demo_phone)
        await andi.send_command("/saldo")
        reply = await andi.wait_for_reply(20)
        assert "Bagikan nomor HP" in reply["text"]

        # Telegram itself (the fake, with the right secret) gets through.
        await andi.press("📱 Bagikan nomor HP")
        assert "berhasil ditautkan" in (await andi.wait_for_replies(2, 20))[0]["text"]
        await andi.send_command("/saldo")
        assert "Disetujui: 12,5 JP" in (await andi.wait_for_reply(20))["text"]
    finally:
        code = await bot.stop()
    assert code == 0, bot.log()


async def test_make_demo_plays_the_whole_conversation(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.e2e.demo import main

    assert await main() == 0
    out = capsys.readouterr().out
    assert "👤 Andi: 📱 shares contact" in out
    assert "Disetujui: 12,5 JP" in out and "Approved: 12.5 JP" in out
    assert "bukan milik akun Anda" in out
    assert "Pendaftaran berhasil" in out and "daftar tunggu, urutan ke-1" in out
    assert "Language set to English." in out and "[📊 JP balance] [📜 JP history]" in out
    assert "Silakan mulai dari salah satu pilihan ini:" in out  # the greeting's shortcuts
    assert "[✅ Verifikasi] [📈 Rekap JP]" in out and "Untuk admin OPD" in out  # an admin's menu


async def test_a_planned_reminder_reaches_the_chat(api: FakeBotApi, tmp_path: Path) -> None:
    """The bot, started after this week's reminder time, catches up once: an employee
    with no JP this year gets one reminder, with programs to catch up with."""
    from models.db import Database
    from tests.factories import link_account, make_employee, make_opd

    url = sqlite_url(tmp_path)
    demo = await seed_demo_database(url)
    db = Database(url)
    async with db.writing() as session:
        employee = await make_employee(session, opd=await make_opd(session), name="Baru Masuk",
                                       phone="+6285200001111")
        await link_account(session, employee, ANDI)
    await db.dispose()
    # Whatever the date and hour CI runs at: this week's reminder time has passed
    # (Monday 00:00), nothing is quiet, and any shortfall counts.
    bot = BotProcess(api, tmp_path, url, extra_env={
        "QUIET_HOURS_START": "00:00", "QUIET_HOURS_END": "00:00",
        "BEHIND_REMINDER_WEEKDAY": "0", "BEHIND_REMINDER_TIME": "00:00",
        "BEHIND_TOLERANCE_JP": "0",
    })
    await bot.start()
    try:
        user = api.user(ANDI, first_name="Baru", phone="+6285200001111")
        reminder = await user.wait_for_reply(30)
        assert "Baru Masuk" in reminder["text"] and "target 20 JP" in reminder["text"]
        assert reminder["buttons"]  # the demo calendar's programs
        await asyncio.sleep(2)
        assert [m for m in api.sent if m["chat_id"] == ANDI] == [reminder]  # exactly once
    finally:
        code = await bot.stop()
    assert code == 0, bot.log()
    assert demo.demo_phone not in bot.log()
