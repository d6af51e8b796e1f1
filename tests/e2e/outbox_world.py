"""A linked roster and one announcement to all of it, for the sender's end-to-end tests,
and how to read what the fake Bot API received."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, insert, select

from bot.services.announcements import lifecycle as ann
from bot.services.announcements.lifecycle import Audience, AudienceKind, Content
from bot.settings import Settings
from models import Employee, OutboxMessage, TelegramAccount
from models.db import Database
from models.enums import OutboxStatus
from tests.factories import NOW, make_opd
from tests.fake_telegram import FakeBotApi

CHAT_BASE = 7_000_000
ADMIN = 1
TEXT = "Pengumuman: batas unggah laporan JP tanggal 15 Desember."


async def linked_roster(db: Database, count: int) -> list[int]:
    """`count` employees with linked accounts, chats CHAT_BASE + n; returns the chats."""
    async with db.writing(long=True) as session:
        opd = await make_opd(session, "Sekretariat Daerah")
        await session.execute(insert(Employee), [
            {"nip": f"19850314201003{n:04d}", "name": f"Pegawai {n}", "employee_type": "PNS",
             "opd_id": opd.id, "is_active": True, "created_at": NOW, "updated_at": NOW}
            for n in range(count)
        ])
        ids = (await session.scalars(select(Employee.id).order_by(Employee.id))).all()
        await session.execute(insert(TelegramAccount), [
            {"telegram_user_id": CHAT_BASE + n, "employee_id": employee_id, "language": "id",
             "linked_at": NOW, "created_at": NOW, "session_reminders": True}
            for n, employee_id in enumerate(ids)
        ])
    return [CHAT_BASE + n for n in range(count)]


async def announce_to_all(db: Database, settings: Settings, now: datetime) -> int:
    """An announcement to everyone, sending from `now`; returns its id."""
    today = now.astimezone(settings.tz).date()
    rule = ann.BehindRule(today, settings.jp_target_pns, settings.jp_target_pppk,
                          settings.behind_tolerance_jp, settings.jp_year_start_month,
                          settings.last_chance_weeks)
    async with db.writing(long=True) as session:
        made = await ann.create(
            session, actor=f"tg:{ADMIN}", admin_chat_id=ADMIN,
            content=Content(TEXT, [{"type": "bold", "offset": 0, "length": 11}]),
            audience=Audience(AudienceKind.ALL), scope_opd_id=None, send_at=now, now=now,
            rule=rule,
        )
    return made.id


async def status_counts(db: Database) -> Counter[str]:
    async with db.reading() as session:
        rows = await session.execute(
            select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
        )
        return Counter({status: n for status, n in rows})


async def unfinished(db: Database) -> int:
    counts = await status_counts(db)
    return counts[OutboxStatus.PENDING] + counts[OutboxStatus.SENDING]


def copies(api: FakeBotApi) -> Counter[int]:
    """Announcement copies each staff chat received (the admin's messages aside)."""
    return Counter(m["chat_id"] for m in api.sent if m["chat_id"] != ADMIN and m.get("text") == TEXT)


def send_rate(api: FakeBotApi, chats: set[int]) -> float:
    """Messages per second to `chats` as the fake accepted them, on its own clock."""
    times = sorted(at for at, chat in api.send_log if chat in chats)
    return (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0


class RunningClock:
    """Real time, shifted to start at a test moment (outside quiet hours)."""

    def __init__(self, start: datetime) -> None:
        self._offset = start - datetime.now(timezone.utc)

    def now(self) -> datetime:
        return datetime.now(timezone.utc) + self._offset

    def advance(self, delta: timedelta) -> None:
        self._offset += delta
