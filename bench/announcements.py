"""`python -m bench.announcements`: an announcement to the whole province.

On the reminders data set (100,000 employees, all linked, 2,000,000 JP records; built by
bench/reminders.py, reused when present):

1. The preview count (everyone / those behind the target), which the admin waits for
   before confirming. Target: under 1 s each.
2. Creating the announcement: the row, 100,000 outbox rows (one INSERT ... SELECT) and the
   audit line, in one transaction. Target: under 5 s.
3. The delivery report the status job reads every 5 s, over those 100,000 rows. Target:
   under 100 ms.
4. The sender draining announcement copies (each rendered from the announcement row)
   against a Bot API fake that answers at once, limiter off. Target: at least 1,000/s,
   as for the other notices.

The created announcement is rolled back (1-3) or deleted (4) afterwards, so the data set
stays as bench/reminders.py expects it.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import delete
from telegram.ext import ApplicationBuilder

from bench.reminders import DATA, NOW, TOKEN, WITA_OFFSET, build
from bot.clock import FixedClock
from bot.context import AppContext
from bot.jobs.outbox import OutboxSender
from bot.services.announcements import lifecycle as ann
from bot.services.announcements.lifecycle import Audience, AudienceKind, Content
from bot.services.reminders.planning import BehindRule
from bot.settings import Settings
from models import Announcement, AuditLog, OutboxMessage
from models.db import Database
from tests.ptb_offline import RecordingRequest

RULE = BehindRule((NOW + WITA_OFFSET).date(), Decimal(20), Decimal(20), Decimal(2), 1, 6)
CONTENT = Content("Batas unggah laporan JP: 15 Desember.", [{"type": "bold", "offset": 0, "length": 5}])


class _Rollback(Exception):
    pass


def _median(samples: list[float]) -> float:
    return statistics.median(samples)


async def time_counts(db: Database, repeats: int = 3) -> dict[str, float]:
    result = {}
    for kind in (AudienceKind.ALL, AudienceKind.BEHIND):
        timings = []
        for _ in range(repeats):
            async with db.reading(long=True) as session:
                started = time.perf_counter()
                count = await ann.count_audience(session, Audience(kind), None, RULE)
                timings.append(time.perf_counter() - started)
        result[f"count_{kind.value}_s"] = _median(timings)
        result[f"count_{kind.value}"] = count.total
    return result


async def time_create_and_progress(db: Database, repeats: int = 3) -> dict[str, float]:
    creates, reads, recipients = [], [], 0
    for _ in range(repeats):
        try:
            async with db.writing(long=True) as session:
                started = time.perf_counter()
                made = await ann.create(
                    session, actor="tg:1", admin_chat_id=1, content=CONTENT,
                    audience=Audience(AudienceKind.ALL), scope_opd_id=None, send_at=NOW,
                    now=NOW, rule=RULE,
                )
                creates.append(time.perf_counter() - started)
                recipients = made.recipients
                for _ in range(5):
                    started = time.perf_counter()
                    progress = await ann.progress(session, made.id)
                    reads.append(time.perf_counter() - started)
                assert progress.remaining == recipients
                raise _Rollback
        except _Rollback:
            pass
    return {"create_s": _median(creates), "recipients": recipients, "progress_s": _median(reads)}


async def time_drain(db: Database, path: Path, messages: int) -> float:
    async with db.writing(long=True) as session:
        await session.execute(delete(OutboxMessage))
        made = await ann.create(
            session, actor="tg:1", admin_chat_id=1, content=CONTENT,
            audience=Audience(AudienceKind.OPD, tuple(range(1, 51))), scope_opd_id=None,
            send_at=NOW, now=NOW, rule=RULE,
        )
        # Keep `messages` copies: the sender's rate, not the audience size, is measured.
        await session.execute(
            delete(OutboxMessage).where(OutboxMessage.id.not_in(
                OutboxMessage.__table__.select().with_only_columns(OutboxMessage.id)
                .where(OutboxMessage.announcement_id == made.id).order_by(OutboxMessage.id)
                .limit(messages).scalar_subquery()
            ))
        )
        announcement_id = made.id
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token=TOKEN, database_url=f"sqlite+aiosqlite:///{path}",
        send_rate_per_second=100_000.0,
    )
    request = RecordingRequest(record=False)
    app = ApplicationBuilder().token(TOKEN).request(request).get_updates_request(request).build()
    await app.initialize()
    ctx = AppContext(settings, db, FixedClock(NOW))
    sender = OutboxSender()
    sent, started = 0, time.perf_counter()
    for _ in range(messages * 2):  # bounded: each run sends at least one when any are due
        if sent >= messages:
            break
        sent += await sender.drain_once(app.bot, ctx)
    elapsed = time.perf_counter() - started
    await app.shutdown()
    assert sent == messages, (sent, messages)
    async with db.writing(long=True) as session:
        await session.execute(delete(OutboxMessage))
        await session.execute(delete(AuditLog))
        await session.execute(delete(Announcement).where(Announcement.id == announcement_id))
    return sent / elapsed


async def run(path: Path) -> dict[str, float]:
    db = Database(f"sqlite+aiosqlite:///{path}")
    try:
        result = await time_counts(db)
        result |= await time_create_and_progress(db)
        result["drain_per_s"] = await time_drain(db, path, 5_000)
    finally:
        await db.dispose()
    return result


def _mark(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main() -> None:
    argparse.ArgumentParser(description=__doc__).parse_args()
    path = DATA / "reminders-100k.db"
    if not path.exists():
        print("building 100,000 employees with 20 records each…")
        print(f"  built in {build(path, 100_000):.1f} s")
    r = asyncio.run(run(path))
    print(f"preview count, everyone:     {r['count_all_s'] * 1000:6.0f} ms ({r['count_all']:,.0f})"
          f"  [{_mark(r['count_all_s'] < 1)}] < 1 s")
    print(f"preview count, behind:       {r['count_behind_s'] * 1000:6.0f} ms ({r['count_behind']:,.0f})"
          f"  [{_mark(r['count_behind_s'] < 1)}] < 1 s")
    print(f"create (outbox rows + audit): {r['create_s'] * 1000:5.0f} ms ({r['recipients']:,.0f} copies)"
          f"  [{_mark(r['create_s'] < 5)}] < 5 s")
    print(f"delivery report query:       {r['progress_s'] * 1000:6.1f} ms"
          f"  [{_mark(r['progress_s'] < 0.1)}] < 100 ms")
    print(f"drain, announcement copies:  {r['drain_per_s']:6,.0f} messages/s"
          f"  [{_mark(r['drain_per_s'] >= 1000)}] >= 1,000/s")


if __name__ == "__main__":
    main()
