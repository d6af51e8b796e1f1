"""/pengaturan: pauses and switches that the planners respect."""

from __future__ import annotations

from bot.presentation.buttons.self_service import SetPreference

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select

from bot.clock import FixedClock
from bot.services.reminders.planning import BehindRule, plan_behind
from models import OutboxMessage, TelegramAccount
from models.db import Database
from tests.factories import WITA, link_account, make_employee, make_opd
from tests.bot_harness import BotHarness

ANDI = 6300001


async def _plan(db: Database, day: date) -> int:
    async with db.writing() as s:
        rule = BehindRule(day, Decimal(20), Decimal(20), Decimal(2), 1, 6)
        return await plan_behind(s, rule, datetime.combine(day, datetime.min.time(), WITA))


async def test_pause_for_30_days_then_resume(harness: BotHarness, db: Database, clock: FixedClock) -> None:
    async with db.writing() as s:
        await link_account(s, await make_employee(s, opd=await make_opd(s), phone=None), ANDI)
    text = await harness.text(ANDI, "/pengaturan")
    assert "Pengingat JP mingguan: aktif" in text
    paused = await harness.send(harness.updates.callback(ANDI, SetPreference("pause30")))
    assert "dijeda sampai Senin, 28 Desember 2026" in paused
    assert await _plan(db, date(2026, 12, 7)) == 0
    assert await _plan(db, date(2026, 12, 29)) == 1  # the pause is over by then

    forever = await harness.send(harness.updates.callback(ANDI, SetPreference("pause")))
    assert "dijeda sampai Anda mengaktifkannya lagi" in forever
    assert await _plan(db, date(2027, 6, 7)) == 0
    resumed = await harness.send(harness.updates.callback(ANDI, SetPreference("resume")))
    assert "aktif" in resumed
    assert await _plan(db, date(2027, 6, 14)) == 1

    off = await harness.send(harness.updates.callback(ANDI, SetPreference("sessions_off")))
    assert "Pengingat sesi pelatihan: nonaktif" in off
    async with db.writing() as s:
        account = await s.scalar(select(TelegramAccount).where(TelegramAccount.telegram_user_id == ANDI))
        assert account is not None and account.session_reminders is False
        assert len((await s.scalars(select(OutboxMessage))).all()) == 2
    english = await harness.send(harness.updates.callback(ANDI, SetPreference("language")))
    assert "Pilih bahasa" in english
