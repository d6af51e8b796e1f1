"""Planning from needs through the real bot process and the fake Bot API (issue 14): an
employee declares two needs with /kebutuhan; a superadmin publishes a program that
teaches one of them; the employee is told by the bot, with a button to the program."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.presentation.buttons.admin import AdminProgram, ProgramAction
from bot.presentation.buttons.needs import NeedAdd, NeedForm, NeedPick, NeedSkipReason
from bot.services.ledger.period import period_for
from bot.services.needs.catalogue import set_program_competencies
from bot.services.needs.window import set_window
from bot.services.programs.administration import AdminAction
from models.db import Database
from models.enums import ProgramStatus
from models.schema import upgrade
from tests.e2e.harness import TOKEN, BotProcess, sqlite_url
from tests.factories import (
    NOW, WITA, link_account, make_admin, make_competency, make_employee, make_opd, make_program,
)
from tests.fake_telegram import FakeBotApi

pytestmark = pytest.mark.slow

SUPER, ANI = 7161, 7162


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    fake = FakeBotApi(token=TOKEN, bot_username="asn_corpu_bot")
    await fake.start(port=0)
    try:
        yield fake
    finally:
        await asyncio.wait_for(fake.stop(), 10)


async def _seed(url: str) -> tuple[int, int, int]:
    """An open planning window this JP year, two competencies, a draft program teaching
    the first, Ani linked, a superadmin."""
    await upgrade(url)
    db = Database(url)
    now = datetime.now(timezone.utc)
    today = now.astimezone(WITA).date()
    try:
        async with db.writing() as s:
            year = period_for(today, 1).label
            await set_window(s, year, date(year, 1, 1), date(year, 12, 31), "test", NOW)
            pk = await make_competency(s, "PK-01", "Pengelolaan Keuangan Daerah")
            ld = await make_competency(s, "LD-01", "Literasi Digital")
            await make_admin(s, SUPER)
            ani = await make_employee(s, opd=await make_opd(s), name="Ani Lestari", phone=None)
            await link_account(s, ani, ANI)
            program = await make_program(s, title="Bimtek Keuangan Daerah", status=ProgramStatus.DRAFT,
                                         start=(now + timedelta(days=10)).astimezone(WITA),
                                         opens=now - timedelta(days=1), closes=now + timedelta(days=7))
            await set_program_competencies(s, program.id, [pk.id])
            return pk.id, ld.id, program.id
    finally:
        await db.dispose()


async def test_declared_needs_bring_the_notice_of_a_matching_program(
    api: FakeBotApi, tmp_path: Path
) -> None:
    url = sqlite_url(tmp_path)
    pk, ld, program_id = await _seed(url)
    # Quiet hours set far from now, so the outbox sends whatever the hour of the test run.
    far = (datetime.now(WITA) + timedelta(hours=12)).strftime("%H:%M")
    far_end = (datetime.now(WITA) + timedelta(hours=12, minutes=1)).strftime("%H:%M")
    bot = BotProcess(api, tmp_path, url, extra_env={"QUIET_HOURS_START": far,
                                                     "QUIET_HOURS_END": far_end})
    await bot.start()
    try:
        ani, admin = api.user(ANI, first_name="Ani"), api.user(SUPER, first_name="Admin")
        await ani.send_command("/kebutuhan")
        assert "Kebutuhan belajar" in (await ani.wait_for_reply(20))["text"]
        for competency in (pk, ld):
            await ani.press_callback(NeedAdd().encode())
            await ani.wait_for_reply(20)
            await ani.press_callback(NeedPick(competency).encode())
            await ani.wait_for_reply(20)
            await ani.press_callback(NeedForm(competency, None).encode())
            await ani.wait_for_reply(20)
            await ani.press_callback(NeedSkipReason(competency).encode())
            listed = (await ani.wait_for_reply(20))["text"]
        assert "Pengelolaan Keuangan Daerah" in listed and "Literasi Digital" in listed

        await admin.send_command("/admin")
        await admin.wait_for_reply(20)
        await admin.press(AdminProgram(program_id).encode())
        await admin.wait_for_reply(20)
        await admin.press(ProgramAction(program_id, AdminAction.PUBLISH).encode())
        published = (await admin.wait_for_reply(20))["text"]
        assert "diterbitkan" in published and "1 pegawai" in published

        notice = await ani.wait_for_reply(30)
        assert "sesuai kebutuhan belajar Anda" in notice["text"]
        assert "Bimtek Keuangan Daerah" in notice["text"]
        assert "Pengelolaan Keuangan Daerah" in notice["text"]
        labels = [b["text"] for row in notice["reply_markup"]["inline_keyboard"] for b in row]
        assert len(labels) == 1 and "Bimtek Keuangan Daerah" in labels[0]
    finally:
        code = await bot.stop()
    assert code == 0, bot.log()
    assert "Traceback" not in bot.log()
