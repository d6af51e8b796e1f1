"""`python -m bench.reminders`: planning the behind-target audience, and draining the outbox.

1. The planner (one INSERT ... SELECT) over 10,000 employees / 200,000 JP records and
   over 100,000 / 2,000,000, every employee linked (the worst case: all may be nudged);
   the plan is rolled back after timing. Target: under 1 s at the larger size, and at
   most 12x the smaller size's time (linear growth).
2. The sender against a Bot API fake that answers at once (RecordingRequest): messages
   per second with the limiter off (target at least 1,000/s), and with the limiter at
   30/s (target within 5% of 30/s).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import statistics
import time
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from bot.clock import FixedClock
from bot.context import AppContext
from bot.jobs.outbox import OutboxSender
from bot.services.reminders.planning import BehindRule, plan_behind
from bot.settings import Settings
from models.db import Database
from models.schema import upgrade_blocking
from telegram.ext import ApplicationBuilder
from tests.ptb_offline import RecordingRequest

DATA = Path(__file__).resolve().parent / "data"
WITA_OFFSET = timedelta(hours=8)
NOW = datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc)  # Monday 10:00 WITA
TOKEN = "123456:TEST"


def build(path: Path, employees: int, records_per_employee: int = 20) -> float:
    """A minimal roster and ledger (the planner reads nothing else); returns seconds."""
    started = time.perf_counter()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    upgrade_blocking(f"sqlite+aiosqlite:///{path}")
    rng = random.Random(11)
    stamp = "2026-01-01 00:00:00.000000"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO opd (id, name) VALUES (?, ?)", [(i, f"OPD {i}") for i in range(1, 51)])
    conn.executemany(
        "INSERT INTO employee (id, nip, name, employee_type, opd_id, is_active, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
        ((i, f"{i:018d}", f"Pegawai {i}", "PPPK" if i % 7 == 0 else "PNS", i % 50 + 1, stamp, stamp)
         for i in range(1, employees + 1)),
    )
    conn.executemany(
        "INSERT INTO telegram_account (telegram_user_id, employee_id, language, created_at, "
        "session_reminders) VALUES (?, ?, 'id', ?, 1)",
        ((6_000_000_000 + i, i, stamp) for i in range(1, employees + 1)),
    )
    first = date(2024, 1, 1)
    span = (date(2026, 11, 29) - first).days
    statuses = ["approved"] * 16 + ["pending"] * 3 + ["rejected"]
    conn.executemany(
        "INSERT INTO jp_record (employee_id, title, category, source, status, jp, start_date, "
        "end_date, created_at) VALUES (?, 'Pelatihan', 'teknis', 'import', ?, ?, ?, ?, ?)",
        (
            (n % employees + 1, rng.choice(statuses), rng.choice((1, 2, 3, 4)), d, d, stamp)
            for n in range(employees * records_per_employee)
            for d in [(first + timedelta(days=rng.randrange(span))).isoformat()]
        ),
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()
    return time.perf_counter() - started


class _Rollback(Exception):
    pass


async def time_planner(path: Path, repeats: int = 3) -> tuple[float, int]:
    db = Database(f"sqlite+aiosqlite:///{path}")
    rule = BehindRule((NOW + WITA_OFFSET).date(), Decimal(20), Decimal(20), Decimal(2), 1, 6)
    timings, planned = [], 0
    for _ in range(repeats):
        try:
            async with db.writing(long=True) as session:
                started = time.perf_counter()
                planned = await plan_behind(session, rule, NOW)
                timings.append(time.perf_counter() - started)
                raise _Rollback
        except _Rollback:
            pass
    await db.dispose()
    return statistics.median(timings), planned


async def time_drain(path: Path, messages: int, rate: float) -> float:
    """Messages per second for `messages` seat notices to distinct chats."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DELETE FROM outbox")
    now = "2026-11-30 02:00:00.000000"
    conn.executemany(
        "INSERT INTO outbox (dedupe_key, employee_id, chat_id, kind, payload, status, attempts, "
        "due_at, created_at) VALUES (?, ?, ?, 'seat_granted', ?, 'pending', 0, ?, ?)",
        ((f"bench:{rate}:{i}", i, 6_000_000_000 + i,
          '{"program_id": 1, "title": "Latsar", "starts_at": "2026-12-07T00:00:00+00:00"}', now, now)
         for i in range(1, messages + 1)),
    )
    conn.close()
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token=TOKEN,
        database_url=f"sqlite+aiosqlite:///{path}",
        send_rate_per_second=rate,
    )
    db = Database(settings.database_url)
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
    await db.dispose()
    assert sent == messages, (sent, messages)
    return sent / elapsed


async def run(small: Path, large: Path) -> dict[str, float]:
    small_s, small_n = await time_planner(small)
    large_s, large_n = await time_planner(large)
    off = await time_drain(small, 5_000, 100_000.0)
    paced = await time_drain(small, 300, 30.0)
    return {
        "planner_10k_s": small_s, "planned_10k": small_n,
        "planner_100k_s": large_s, "planned_100k": large_n,
        "growth": large_s / small_s,
        "drain_off_per_s": off, "drain_30_per_s": paced,
    }


def main() -> None:
    argparse.ArgumentParser(description=__doc__).parse_args()
    small, large = DATA / "reminders-10k.db", DATA / "reminders-100k.db"
    print("building 10,000 and 100,000 employees with 20 records each…")
    print(f"  built in {build(small, 10_000):.1f} s and {build(large, 100_000):.1f} s")
    r = asyncio.run(run(small, large))
    print(f"planner, 10,000 employees:  {r['planner_10k_s'] * 1000:7.0f} ms ({r['planned_10k']:,} queued)")
    print(f"planner, 100,000 employees: {r['planner_100k_s'] * 1000:7.0f} ms ({r['planned_100k']:,} queued)"
          f"  [{'PASS' if r['planner_100k_s'] < 1 else 'MISS'}] < 1 s")
    print(f"growth for 10x the data: {r['growth']:.1f}x  [{'PASS' if r['growth'] <= 12 else 'MISS'}] <= 12x")
    print(f"drain, limiter off: {r['drain_off_per_s']:,.0f} messages/s"
          f"  [{'PASS' if r['drain_off_per_s'] >= 1000 else 'MISS'}] >= 1,000/s")
    deviation = abs(r["drain_30_per_s"] - 30) / 30
    print(f"drain, limiter at 30/s: {r['drain_30_per_s']:.2f} messages/s ({deviation:.1%} off)"
          f"  [{'PASS' if deviation <= 0.05 else 'MISS'}] within 5%")


if __name__ == "__main__":
    main()
