"""`python -m bench.sender`: the outbox sender's throughput through a network (issue 18).

The continuous worker (bot/jobs/outbox.py) sends an announcement to N linked employees
through the fake Bot API on 127.0.0.1 (tests/fake_telegram), whose answers are delayed
by a latency of 0, 50 or 200 ms (± a quarter of it), with the limiter off (a rate no
network reaches, 200 sends in flight) and at 28/s (the fake enforcing Telegram's strict
30/s window), and in paid-broadcast mode at 1,000/s with 50 ms of latency (goal at least
950/s, zero loss). The rate is measured on the fake's clock, from the first accepted
message to the last; "lost" counts recipients without their copy, "dupl." copies beyond
one. A fresh SQLite database per run, in a temporary directory.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from telegram import Bot
from telegram.request import HTTPXRequest

from bot.clock import SystemClock
from bot.context import AppContext
from bot.jobs.outbox import OutboxSender, in_flight_bound
from bot.settings import Settings
from models.db import Database
from models.schema import upgrade
from tests.e2e.outbox_world import announce_to_all, copies, linked_roster, send_rate, unfinished
from tests.fake_telegram import FakeBotApi

TOKEN = "123456:BENCH"
ALWAYS = {"quiet_hours_start": "00:00", "quiet_hours_end": "00:00"}


@dataclass
class Run:
    label: str
    latency_ms: int
    rate: float | None  # None: the limiter off
    recipients: int
    paid: bool = False


@dataclass
class Result:
    run: Run
    rate: float
    seconds: float
    lost: int
    duplicates: int
    errors_429: int


async def measure(run: Run, workdir: Path) -> Result:
    url = f"sqlite+aiosqlite:///{workdir / f'sender-{run.label}.db'}"
    await upgrade(url)
    db = Database(url)
    api = FakeBotApi(token=TOKEN)
    await api.start()
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token=TOKEN, database_url=url, paid_broadcast=run.paid,
        send_rate_per_second=run.rate or 25.0, send_max_in_flight=0 if run.rate else 200,
        **ALWAYS,  # type: ignore[arg-type]
    )
    if run.rate is None:  # the limiter off: a rate no network reaches
        settings = settings.model_copy(update={"send_rate_per_second": 1_000_000.0})
    try:
        chats = await linked_roster(db, run.recipients)
        for chat in chats:
            api.user(chat)
        if run.rate is not None:
            api.enforce_rate(per_chat_per_second=1, global_per_second=30, paid_per_second=1000)
        if run.latency_ms:
            api.latency(run.latency_ms / 1000, run.latency_ms / 4000)
        clock = SystemClock()
        ctx = AppContext(settings, db, clock)
        await announce_to_all(db, settings, clock.now())
        bot = Bot(TOKEN, base_url=f"{api.base_url}/bot", base_file_url=f"{api.base_url}/file/bot",
                  request=HTTPXRequest(connection_pool_size=in_flight_bound(settings) + 4,
                                       pool_timeout=30.0))
        await bot.initialize()
        stopping = asyncio.Event()
        started = time.monotonic()
        worker = asyncio.ensure_future(OutboxSender().run(bot, ctx, stopping))
        try:
            for _ in range(int(run.recipients / min(run.rate or 100, 100) * 4) + 120):
                await asyncio.sleep(0.25)
                if await unfinished(db) == 0 or worker.done():
                    break
        finally:
            stopping.set()
            await asyncio.wait_for(worker, 60)
            await bot.shutdown()
        seconds = time.monotonic() - started
        received = copies(api)
        return Result(
            run, send_rate(api, set(chats)), seconds,
            lost=len(set(chats) - set(received)),
            duplicates=sum(received.values()) - len(received),
            errors_429=sum(1 for e in api.errors if e[2] == 429),
        )
    finally:
        await api.stop()
        await db.dispose()


RUNS = [
    Run("0ms-off", 0, None, 3000),
    Run("50ms-off", 50, None, 3000),
    Run("200ms-off", 200, None, 3000),
    Run("0ms-28", 0, 28.0, 600),
    Run("50ms-28", 50, 28.0, 600),
    Run("200ms-28", 200, 28.0, 600),
    Run("50ms-paid-1000", 50, 1000.0, 10_000, paid=True),
]


async def main(only: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        print("| run | latency | limiter | recipients | rate (fake's clock) | lost | dupl. | 429 |")
        print("|---|---:|---|---:|---:|---:|---:|---:|")
        for run in RUNS:
            if only and run.label not in only:
                continue
            r = await measure(run, Path(tmp))
            limiter = "off" if run.rate is None else f"{run.rate:g}/s" + (" paid" if run.paid else "")
            print(f"| {run.label} | {run.latency_ms} ms | {limiter} | {run.recipients:,} | "
                  f"**{r.rate:,.1f}/s** | {r.lost} | {r.duplicates} | {r.errors_429} |", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="*", help="run labels (default: all)")
    asyncio.run(main(parser.parse_args().only))
