"""`make bench`: latency of the bot's answers through Application.process_update.

One process, one event loop, the bot's real handlers and database code; the network is a
RecordingRequest that answers at once, so what is measured is our path. A bare echo
handler through the same path and the same request object is the floor.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import random
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

from bench.generate import DEFAULT_PATH, EMPLOYEES, FIRST_TELEGRAM_ID, LINKED, PROGRAMS, generate, is_complete
from bot.app import build_application
from bot.runner import tune_gc
from bot.clock import SystemClock
from bot.settings import Settings
from models.db import Database
from tests.ptb_offline import RecordingRequest, UpdateFactory, to_update

TOKEN = "123456:TEST"
WARMUP = 200


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def pick(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    return {
        "n": len(ordered),
        "p50_ms": pick(0.50) * 1000,
        "p95_ms": pick(0.95) * 1000,
        "p99_ms": pick(0.99) * 1000,
        "max_ms": ordered[-1] * 1000,
        "mean_ms": statistics.fmean(ordered) * 1000,
    }


async def _timed(
    app: Application, request: RecordingRequest, make: Callable[[int], dict[str, Any]], count: int,
    check: Callable[[RecordingRequest], None],
) -> list[float]:
    samples = []
    for i in range(count):
        update = to_update(make(i), app.bot)
        request.clear()
        started = time.perf_counter()
        await app.process_update(update)
        samples.append(time.perf_counter() - started)
        if i % 97 == 0:
            check(request)
    return samples


def _sent_text(request: RecordingRequest) -> str:
    texts = [str(c.params.get("text", "")) for c in request.calls if "text" in c.params]
    assert texts, f"no answer: {[c.method for c in request.calls]}"
    return "\n".join(texts)


async def run(count: int, db_path: Path) -> dict[str, Any]:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token=TOKEN,
        database_url=f"sqlite+aiosqlite:///{db_path}",
    )
    db = Database(settings.database_url)
    rng = random.Random(7)
    factory = UpdateFactory()

    def user() -> int:
        return FIRST_TELEGRAM_ID + rng.randint(1, LINKED)

    request = RecordingRequest(record=True)
    app = build_application(settings, db, SystemClock(), request=request, rate_limit=False)
    await app.initialize()

    echo_request = RecordingRequest(record=True)
    echo = ApplicationBuilder().token(TOKEN).request(echo_request).get_updates_request(echo_request).build()

    async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(update.effective_message.text or "")

    echo.add_handler(MessageHandler(filters.TEXT, answer))
    await echo.initialize()
    tune_gc()  # as bot.runner does before serving

    def balance_ok(req: RecordingRequest) -> None:
        assert "Saldo JP" in _sent_text(req), _sent_text(req)[:200]

    def list_ok(req: RecordingRequest) -> None:
        assert "Program ASN Corpu" in _sent_text(req)

    def enroll_ok(req: RecordingRequest) -> None:
        answered = [c for c in req.calls if c.method in ("editMessageText", "answerCallbackQuery")]
        assert answered, [c.method for c in req.calls]

    results: dict[str, Any] = {}
    # Warm up both paths (imports, caches, the SQLite page cache).
    await _timed(app, request, lambda i: factory.message(user(), "/saldo"), WARMUP, balance_ok)
    await _timed(echo, echo_request, lambda i: factory.message(user(), "halo"), WARMUP, lambda r: None)

    echo_samples = await _timed(
        echo, echo_request, lambda i: factory.message(user(), "halo"), count,
        lambda r: None,
    )
    balance_samples = await _timed(
        app, request, lambda i: factory.message(user(), "/saldo"), count, balance_ok
    )
    list_samples = await _timed(
        app, request, lambda i: factory.message(user(), "/program"), count, list_ok
    )
    enroll_samples = await _timed(
        app, request,
        lambda i: factory.callback(user(), f"v1:en:{rng.randint(1, PROGRAMS)}"),
        count, enroll_ok,
    )
    results["echo"] = percentiles(echo_samples)
    results["balance"] = percentiles(balance_samples)
    results["program_list"] = percentiles(list_samples)
    results["enroll"] = percentiles(enroll_samples)
    results["ratio_balance_to_echo_p50"] = results["balance"]["p50_ms"] / results["echo"]["p50_ms"]
    results["ratio_balance_to_echo_p99"] = results["balance"]["p99_ms"] / results["echo"]["p99_ms"]
    process = psutil.Process()
    results["rss_mb"] = process.memory_info().rss / 2**20
    results["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    await app.shutdown()
    await echo.shutdown()
    await db.dispose()
    return results


def machine() -> dict[str, Any]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": model, "cores": psutil.cpu_count(), "python": platform.python_version()}


def main() -> None:
    parser = argparse.ArgumentParser(description="Measure the bot's answers (see bench/README.md).")
    parser.add_argument("--count", type=int, default=2000, help="updates per measurement")
    parser.add_argument("--db", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.regenerate or not is_complete(args.db):
        print(f"generating {EMPLOYEES:,} employees and their records (about half a minute)…")
        print(f"  done in {generate(args.db):.1f} s")
    # Enrollments change the data: measure on a copy so runs stay comparable.
    work = args.db.with_name("bench-run.db")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{work}{suffix}").unlink(missing_ok=True)
    import shutil
    import sqlite3

    with sqlite3.connect(args.db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(args.db, work)
    results = asyncio.run(run(args.count, work))
    results["machine"] = machine()
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"machine: {results['machine']}")
    print(f"{'path':<14}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for name in ("echo", "balance", "program_list", "enroll"):
        r = results[name]
        print(f"{name:<14}{r['n']:>6}{r['p50_ms']:>9.2f}{r['p95_ms']:>9.2f}{r['p99_ms']:>9.2f}{r['max_ms']:>9.2f}")
    print(f"balance/echo: p50 {results['ratio_balance_to_echo_p50']:.2f}x, "
          f"p99 {results['ratio_balance_to_echo_p99']:.2f}x")
    print(f"resident memory: {results['rss_mb']:.0f} MB now, {results['peak_rss_mb']:.0f} MB peak")


if __name__ == "__main__":
    main()
