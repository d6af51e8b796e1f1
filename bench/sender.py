"""`python -m bench.sender`: the outbox sender's throughput through a network (issue 18).

The continuous worker (bot/jobs/outbox.py) sends an announcement to N linked employees
through the fake Bot API (tests/fake_telegram) running in a process of its own
(tests/fake_telegram/process.py, on 127.0.0.1; with two CPUs or more the fake is pinned to the last
and this process to the first), whose answers are delayed by a latency of 0, 50 or
200 ms (± a quarter of it), with the limiter off (a rate no network reaches, 200 sends
in flight) and at 28/s (the fake enforcing Telegram's strict 30/s window), and in
paid-broadcast mode at 1,000/s with 50 ms of latency (goal at least 950/s, zero loss).
The fake stays the authority: the rate is measured on its clock, from the first
accepted message to the last, and read back from it with "lost" (recipients without
their copy), "dupl." (copies beyond one) and its 429 answers. Each row is run
--repeat times (3) and the median shown, with the CPU time per message of this process
(the bot) and of the fake. A fresh SQLite database per run, in a temporary directory.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import statistics
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from telegram import Bot

from bot.clock import SystemClock
from bot.context import AppContext
from bot.jobs.outbox import OutboxSender, sending_request
from bot.runner import tune_gc
from bot.settings import Settings
from tests.fake_telegram.process import FakeProcess, Options
from models.db import Database
from models.schema import upgrade
from tests.e2e.outbox_world import CHAT_BASE, TEXT, announce_to_all, linked_roster, unfinished

TOKEN = "123456:BENCH"
ALWAYS = {"quiet_hours_start": "00:00", "quiet_hours_end": "00:00"}


@dataclass
class Run:
    label: str
    latency_ms: int
    rate: float | None  # None: the limiter off
    recipients: int
    paid: bool = False
    in_flight: int = 0  # SEND_MAX_IN_FLIGHT (0: the default)


@dataclass
class Result:
    run: Run
    rate: float
    seconds: float
    lost: int
    duplicates: int
    errors_429: int
    cpu_sender: float  # CPU seconds of this process (the bot) while sending
    cpu_fake: float  # CPU seconds of the fake's process


async def measure(run: Run, workdir: Path, pin: bool) -> Result:
    url = f"sqlite+aiosqlite:///{workdir / f'sender-{run.label}.db'}"
    await upgrade(url)
    db = Database(url)
    # The fake in its own process (on the last CPU, the bench on the first: `pin`).
    two_cpus = pin and len(os.sched_getaffinity(0)) >= 2
    fake = FakeProcess(Options(
        TOKEN, CHAT_BASE, run.recipients, TEXT, latency=run.latency_ms / 1000,
        jitter=run.latency_ms / 4000, enforce=run.rate is not None,
        cpu=max(os.sched_getaffinity(0)) if two_cpus else None))
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token=TOKEN, database_url=url, paid_broadcast=run.paid,
        send_rate_per_second=run.rate or 25.0, send_max_in_flight=run.in_flight if run.rate else 200,
        **ALWAYS,  # type: ignore[arg-type]
    )
    if run.rate is None:  # the limiter off: a rate no network reaches
        settings = settings.model_copy(update={"send_rate_per_second": 1_000_000.0})
    affinity = os.sched_getaffinity(0)
    try:
        await fake.start()
        if two_cpus:
            os.sched_setaffinity(0, {min(affinity)})
        chats = await linked_roster(db, run.recipients)
        clock = SystemClock()
        ctx = AppContext(settings, db, clock)
        await announce_to_all(db, settings, clock.now())
        bot = Bot(TOKEN, base_url=f"{fake.base_url}/bot",
                  base_file_url=f"{fake.base_url}/file/bot",
                  request=sending_request(settings))
        await bot.initialize()
        tune_gc()  # as the bot does at start (bot/runner.py): full collector passes
        # over everything start-up made stopped this loop 60-90 ms at 1,000/s
        stopping = asyncio.Event()
        started = time.monotonic()
        cpu_started = time.process_time()
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
        cpu_sender = time.process_time() - cpu_started
        seen = await fake.report()
        assert len(chats) == run.recipients
        return Result(run, seen["rate"], seconds, seen["lost"], seen["duplicates"],
                      seen["errors_429"], cpu_sender, seen["cpu_seconds"])
    finally:
        os.sched_setaffinity(0, affinity)
        await fake.stop()
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


async def main(only: list[str], repeat: int, pin: bool, profile: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        print("| run | latency | limiter | recipients | rate (fake's clock) | runs | lost | dupl. "
              "| 429 | bot CPU/msg | fake CPU/msg |")
        print("|---|---:|---|---:|---:|---|---:|---:|---:|---:|---:|")
        for run in RUNS:
            if only and run.label not in only:
                continue
            results = []
            for n in range(repeat):
                profiler = cProfile.Profile() if profile else None
                if profiler is not None:
                    profiler.enable()
                results.append(await measure(replace(run, label=f"{run.label}-{n}"), Path(tmp), pin))
                if profiler is not None:
                    profiler.disable()
                    pstats.Stats(profiler).sort_stats("tottime").print_stats(profile)
            r = sorted(results, key=lambda x: x.rate)[len(results) // 2]  # the median run
            limiter = "off" if run.rate is None else f"{run.rate:g}/s" + (" paid" if run.paid else "")
            rates = ", ".join(f"{x.rate:,.1f}" for x in results)
            print(f"| {run.label} | {run.latency_ms} ms | {limiter} | {run.recipients:,} | "
                  f"**{statistics.median(x.rate for x in results):,.1f}/s** | {rates} | "
                  f"{max(x.lost for x in results)} | {max(x.duplicates for x in results)} | "
                  f"{max(x.errors_429 for x in results)} | "
                  f"{r.cpu_sender / run.recipients * 1000:.2f} ms | "
                  f"{r.cpu_fake / run.recipients * 1000:.2f} ms |", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="*", help="run labels (default: all)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the median is shown")
    parser.add_argument("--no-pin", action="store_true",
                        help="leave both processes to the OS scheduler (default: one CPU each)")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="cProfile this process (the bot) and print the top N functions")
    args = parser.parse_args()
    asyncio.run(main(args.only, args.repeat, not args.no_pin, args.profile))
