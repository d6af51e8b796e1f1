"""A supervisor through the real bot process and the fake Bot API: /tim shows two
reports, Ingatkan on the one behind, and that one receives the nudge."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from tests.e2e.harness import TOKEN, BotProcess, seed_demo_database, sqlite_url
from tests.fake_telegram import FakeBotApi

pytestmark = pytest.mark.slow

BOSS, ANI, BUDI = 7201, 7202, 7203


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    fake = FakeBotApi(token=TOKEN, bot_username="asn_corpu_bot")
    await fake.start(port=0)
    try:
        yield fake
    finally:
        await asyncio.wait_for(fake.stop(), 10)


async def test_supervisor_nudges_the_report_behind_who_receives_it(api: FakeBotApi, tmp_path: Path) -> None:
    from models.db import Database
    from tests.factories import link_account, make_employee, make_opd, make_record

    url = sqlite_url(tmp_path)
    await seed_demo_database(url)
    db = Database(url)
    year = datetime.now(timezone.utc).year
    async with db.writing() as s:
        opd = await make_opd(s, "Dinas Tim Uji")
        boss = await make_employee(s, opd=opd, name="Ibu Kabid Tim", phone="+6285200007001")
        ani = await make_employee(s, opd=opd, name="Ani Tim", phone="+6285200007002")
        budi = await make_employee(s, opd=opd, name="Budi Tim", phone="+6285200007003")
        ani.supervisor_id = budi.supervisor_id = boss.id
        await make_record(s, ani, "24", date(year, 1, 15))
        for employee, user in ((boss, BOSS), (ani, ANI), (budi, BUDI)):
            account = await link_account(s, employee, user)
            # The weekly reminder stays out of this conversation.
            account.behind_paused_until = datetime(2999, 1, 1, tzinfo=timezone.utc)
    await db.dispose()
    bot = BotProcess(api, tmp_path, url, extra_env={"QUIET_HOURS_START": "00:00", "QUIET_HOURS_END": "00:00"})
    await bot.start()
    try:
        boss_user = api.user(BOSS, first_name="Kabid", phone="+6285200007001")
        budi_user = api.user(BUDI, first_name="Budi", phone="+6285200007003")
        await boss_user.send_command("/tim")
        team = await boss_user.wait_for_reply(20)
        assert "Budi Tim" in team["text"] and "Ani Tim" in team["text"]
        assert team["text"].index("Budi Tim") < team["text"].index("Ani Tim")
        assert "+62852" not in team["text"]

        await boss_user.press("🔔 Ingatkan Budi Tim")
        queued = await boss_user.wait_for_reply(20)
        assert "Budi Tim" in queued["text"] and "dikirim" in queued["text"]

        nudge = await budi_user.wait_for_reply(30)
        assert "Ibu Kabid Tim" in nudge["text"] and "tertinggal" in nudge["text"]
        await asyncio.sleep(1)
        assert [m for m in api.sent if m["chat_id"] == ANI] == []  # Ani is not behind
    finally:
        code = await bot.stop()
    assert code == 0, bot.log()
    log = bot.log()
    assert "Traceback" not in log
    for secret in ("Ibu Kabid Tim", "Budi Tim", "+6285200007003"):
        assert secret not in log


async def test_the_monthly_digest_arrives_on_its_day_with_the_chart(api: FakeBotApi, tmp_path: Path) -> None:
    """Started after this month's digest time: the head of an OPD gets the digest once,
    as a photo (the chart) with the figures, and Unduh XLSX brings the workbook."""
    from zoneinfo import ZoneInfo

    from models import AdminRole
    from models.db import Database
    from models.enums import AdminRoleKind
    from bot.services.digest.planning import monthly_due_at
    from tests.factories import NOW, link_account, make_employee, make_opd

    head_user = 7301
    url = sqlite_url(tmp_path)
    await seed_demo_database(url)
    db = Database(url)
    wita = ZoneInfo("Asia/Makassar")
    now = datetime.now(wita)
    async with db.reading() as s:
        due = await monthly_due_at(s, now.date(), datetime.min.time(), wita)
    if now < due:
        await db.dispose()
        pytest.skip("this month's first working day is still to come")
    async with db.writing() as s:
        opd = await make_opd(s, "Dinas Ringkasan")
        head = await make_employee(s, opd=opd, name="Kepala Dinas Ringkasan", phone="+6285200007301")
        account = await link_account(s, head, head_user)
        account.behind_paused_until = datetime(2999, 1, 1, tzinfo=timezone.utc)
        s.add(AdminRole(telegram_user_id=head_user, role=AdminRoleKind.KEPALA_OPD, opd_id=opd.id,
                        employee_id=head.id, created_at=NOW))
    await db.dispose()
    bot = BotProcess(api, tmp_path, url, extra_env={
        "QUIET_HOURS_START": "00:00", "QUIET_HOURS_END": "00:00", "MONTHLY_DIGEST_TIME": "00:00",
    })
    await bot.start()
    try:
        user = api.user(head_user, first_name="Kepala", phone="+6285200007301")
        digest = await user.wait_for_reply(30)
        assert digest["method"] == "sendPhoto" and digest["photo"]
        assert "Dinas Ringkasan" in digest["caption"] and "Memenuhi target" in digest["caption"]
        await user.press("📥 Unduh XLSX")
        workbook = await user.wait_for_reply(30)  # the press is answered with a toast
        assert workbook["document"] and workbook["document"]["file_name"].endswith(".xlsx")
        await asyncio.sleep(1)
        photos = [m for m in api.sent if m["chat_id"] == head_user and m["method"] == "sendPhoto"]
        assert len(photos) == 1  # once
    finally:
        code = await bot.stop()
    assert code == 0, bot.log()
    assert "Traceback" not in bot.log()
