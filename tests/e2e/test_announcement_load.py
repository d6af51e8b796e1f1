"""An announcement to 10,000 employees against the fake Bot API, which enforces a global
flood limit (answering 429 with retry_after) and where some recipients blocked the bot.
The sender is "restarted" halfway with a batch claimed by the dead one. Every other
recipient must get exactly one copy, the blocked must be reported as blocked, and the
delivery report must add up."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, insert, select
from telegram import Bot

from bot.clock import FixedClock
from bot.context import AppContext
from bot.jobs.outbox import OutboxSender
from bot.services.announcements import lifecycle as ann
from bot.services.announcements.lifecycle import Audience, AudienceKind, Content
from bot.services.outbox.delivery import claim_due
from bot.settings import Settings
from bot.jobs.announcements import report_once
from models import Announcement, Employee, OutboxMessage, TelegramAccount
from models.db import Database
from models.enums import OutboxStatus
from tests.factories import NOW, make_opd
from tests.fake_telegram import FakeBotApi

pytestmark = pytest.mark.slow

RECIPIENTS = 10_000
BLOCKED = range(0, RECIPIENTS, 97)  # 104 recipients blocked the bot
CHAT_BASE = 7_000_000
TEXT = "Pengumuman: batas unggah laporan JP tanggal 15 Desember."


async def _roster(db: Database) -> None:
    async with db.reading(long=True) as session:
        opd = await make_opd(session, "Sekretariat Daerah")
        await session.execute(insert(Employee), [
            {"nip": f"19850314201003{n:04d}", "name": f"Pegawai {n}", "employee_type": "PNS",
             "opd_id": opd.id, "is_active": True, "created_at": NOW, "updated_at": NOW}
            for n in range(RECIPIENTS)
        ])
        ids = (await session.scalars(select(Employee.id).order_by(Employee.id))).all()
        await session.execute(insert(TelegramAccount), [
            {"telegram_user_id": CHAT_BASE + n, "employee_id": employee_id, "language": "id",
             "linked_at": NOW, "created_at": NOW, "session_reminders": True}
            for n, employee_id in enumerate(ids)
        ])


class RunningClock:
    """Real time, shifted to start at the test clock's moment (outside quiet hours): the
    sender's flood-control pauses are real seconds, and postponed rows must come due."""

    def __init__(self, start: datetime) -> None:
        self._offset = start - datetime.now(timezone.utc)

    def now(self) -> datetime:
        return datetime.now(timezone.utc) + self._offset

    def advance(self, delta: timedelta) -> None:
        self._offset += delta


async def _drain(sender: OutboxSender, bot: Bot, ctx: AppContext) -> None:
    if not await sender.drain_once(bot, ctx, budget_seconds=1.0):
        await asyncio.sleep(0.25)  # paused by flood control, or waiting for due rows


async def _status_counts(db: Database) -> Counter[str]:
    async with db.reading() as session:
        rows = await session.execute(
            select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
        )
        return Counter({status: n for status, n in rows})


async def test_ten_thousand_recipients_with_flood_control_blocked_users_and_a_restart(
    db: Database, clock: FixedClock, settings: Settings
) -> None:
    running = RunningClock(clock.now())
    await _roster(db)
    api = FakeBotApi()
    await api.start()
    try:
        for n in range(RECIPIENTS):
            api.user(CHAT_BASE + n)
        for n in BLOCKED:
            api.block(CHAT_BASE + n)
        api.user(1)  # the admin
        # Telegram's flood control, tighter than what the sender is told to do: the
        # sender runs into 429 "retry after" and must pause, not lose or double anything.
        api.enforce_rate(per_chat_per_second=1, global_per_second=300)
        api.flood_limit("sendMessage", count=2, retry_after=1)

        ctx = AppContext(settings.model_copy(update={"send_rate_per_second": 1000.0}), db, running)
        now = running.now()
        async with db.writing(long=True) as session:
            made = await ann.create(
                session, actor="tg:1", admin_chat_id=1,
                content=Content(TEXT, [{"type": "bold", "offset": 0, "length": 11}]),
                audience=Audience(AudienceKind.ALL), scope_opd_id=None, send_at=now, now=now,
                rule=_rule(ctx),
            )
            announcement_id = made.id
        assert made.recipients == RECIPIENTS

        bot = Bot("123456:TEST", base_url=f"{api.base_url}/bot",
                  base_file_url=f"{api.base_url}/file/bot")
        await bot.initialize()
        try:
            sender = OutboxSender()
            for _ in range(300):  # bounded: about 20 runs are needed before the restart
                await _drain(sender, bot, ctx)
                if (await _status_counts(db))[OutboxStatus.SENT] >= RECIPIENTS // 2:
                    break
            # The sender dies holding a claimed batch it never sent; a new one starts.
            dead = await claim_due(db, running.now(), 50, "id")
            assert len(dead) == 50
            sender = OutboxSender()
            for round_ in range(600):
                if round_ == 3:
                    running.advance(timedelta(minutes=11))  # the stale batch comes back
                await _drain(sender, bot, ctx)
                counts = await _status_counts(db)
                if counts[OutboxStatus.PENDING] + counts[OutboxStatus.SENDING] == 0:
                    break
            # The admin's status and final report are two messages to one chat in the
            # same second: not what this test is about, so the per-chat window is lifted.
            api.enforce_rate(None, None)
            await report_once(bot, ctx, {})
        finally:
            await bot.shutdown()
    finally:
        await api.stop()

    to_staff = [m for m in api.sent if m["chat_id"] != 1]
    copies = Counter(m["chat_id"] for m in to_staff)
    blocked = {CHAT_BASE + n for n in BLOCKED}
    expected = {CHAT_BASE + n for n in range(RECIPIENTS)} - blocked
    assert set(copies) == expected
    assert max(copies.values()) == 1  # exactly one copy each
    assert all(m["text"] == TEXT and m["entities"][0]["type"] == "bold" for m in to_staff)
    # Flood control did bite (at least the two forced answers; more when this machine
    # outpaces the fake's 300/s window): the sender paused as told, lost or doubled nothing.
    assert sum(code == 429 for _, _, code, _ in api.errors) >= 2

    async with db.reading() as session:
        progress = await ann.progress(session, announcement_id)
        item = await session.get(Announcement, announcement_id)
    assert progress == ann.Progress(sent=len(expected), failed=0, blocked=len(blocked),
                                    skipped=0, remaining=0)
    assert item is not None and item.status == ann.AnnouncementStatus.DONE
    final = [_plain(m) for m in api.sent if m["chat_id"] == 1 and "Laporan" in _plain(m)]
    assert len(final) == 1 and f"Terkirim: <b>{len(expected)}</b> dari {RECIPIENTS}" in final[0]
    assert f"Memblokir bot: {len(blocked)}" in final[0]


def _plain(message: dict[str, object]) -> str:
    return str(message.get("text", ""))


def _rule(ctx: AppContext) -> ann.BehindRule:
    s = ctx.settings
    return ann.BehindRule(ctx.today(), s.jp_target_pns, s.jp_target_pppk, s.behind_tolerance_jp,
                          s.jp_year_start_month, s.last_chance_weeks)

