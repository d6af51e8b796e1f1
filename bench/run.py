"""`make bench`: how fast the bot answers /saldo at provincial scale (see bench/README.md).

One process, one event loop. The bot is the real Application (`bot.app.build_application`,
every handler, the real database code) on the generated SQLite data set; the network is
a `RecordingRequest` that answers every Bot API call at once, so what is timed is our
own path: `Application.process_update`, from the parsed update to the reply handed to
the Bot API client.

The floor is a bare echo handler in an Application built the same way, through the same
`process_update`, with the same request object and the same incoming updates. A second
reference, the reply floor, answers a balance-sized text with the main-menu keyboard and
touches no database: what PTB costs for a message of that shape. The paths take turns,
update by update, so all of them see the same machine conditions.

Every answer is checked (a balance reply must be the balance, an echo must echo), so a
fast error path cannot pass for a fast answer.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import io
import json
import math
import os
import platform
import pstats
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import psutil
from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, ContextTypes, Defaults
from telegram.ext import MessageHandler, filters

from bench.generate import DEFAULT_PATH, is_complete, read_meta
from bot.app import build_application
from bot.clock import FixedClock
from bot.settings import Settings
from bot.presentation.buttons.programs import Enroll
from handlers.core.keyboards import main_menu
from models.db import Database
from tests.ptb_offline import Call, RecordingRequest, UpdateFactory, to_update

try:  # the start-up GC tuning the bot applies before serving, when it has one
    from bot.runner import tune_gc
except ImportError:  # pragma: no cover
    tune_gc = None

TOKEN = "123456:TEST"
TARGET_P99_MS = 5.0
TARGET_RATIO = 1.5
TARGET_RSS_MB = 150.0

App = Application  # type: ignore[type-arg]
Check = Callable[[list[Call]], Any]


def summarize(samples_ns: list[int]) -> dict[str, float]:
    """Nearest-rank percentiles, in milliseconds."""
    ordered = sorted(samples_ns)
    n = len(ordered)

    def rank(q: float) -> float:
        return ordered[max(0, math.ceil(q * n) - 1)] / 1e6

    return {
        "n": n,
        "p50_ms": rank(0.50),
        "p95_ms": rank(0.95),
        "p99_ms": rank(0.99),
        "max_ms": ordered[-1] / 1e6,
        "mean_ms": sum(ordered) / n / 1e6,
    }


def _messages(calls: list[Call]) -> list[str]:
    return [str(c.params.get("text", "")) for c in calls if c.method == "sendMessage"]


def check_balance(calls: list[Call]) -> bool:
    """The answer is a balance (not a link request or an apology); True when programs
    were suggested in a second message (the employee is behind the target)."""
    texts = _messages(calls)
    assert texts, f"/saldo got no answer: {[c.method for c in calls]}"
    assert texts[0].startswith("📊") and "JP" in texts[0], f"not a balance: {texts[0][:160]!r}"
    assert len(texts) <= 2, f"unexpected messages: {texts}"
    return len(texts) == 2


def check_text(expected: str) -> Check:
    def check(calls: list[Call]) -> None:
        texts = _messages(calls)
        assert texts == [expected], f"answered {texts!r} instead of {expected!r}"

    return check


def check_answered(calls: list[Call]) -> None:
    methods = [c.method for c in calls]
    assert "sendMessage" in methods or "editMessageText" in methods, methods


def check_callback(calls: list[Call]) -> None:
    methods = [c.method for c in calls]
    assert {"answerCallbackQuery", "editMessageText", "sendMessage"} & set(methods), methods


def bare_application(settings: Settings, request: RecordingRequest) -> App:
    """An Application built like bot.app builds the bot (same defaults, same request
    object, no rate limiter), without the bot's handlers."""
    return (
        ApplicationBuilder()
        .token(TOKEN)
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=settings.tz))
        .request(request)
        .get_updates_request(request)
        .build()
    )


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(update.effective_message.text or "")


def replying(text: str, lang: str) -> Callable[[Update, Any], Awaitable[None]]:
    async def reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(text, reply_markup=main_menu(lang))

    return reply


def linked_users(db_path: Path) -> list[int]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT telegram_user_id FROM telegram_account WHERE employee_id IS NOT NULL "
            "ORDER BY telegram_user_id"
        ).fetchall()
    finally:
        conn.close()
    return [r[0] for r in rows]


def open_programs(db_path: Path, now: datetime) -> list[int]:
    stamp = now.strftime("%Y-%m-%d %H:%M:%S.%f")
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT id FROM program WHERE status = 'published' AND registration_opens_at <= ? "
            "AND registration_closes_at > ? ORDER BY id",
            (stamp, stamp),
        ).fetchall()
    finally:
        conn.close()
    return [r[0] for r in rows]


def rss_mb() -> float:
    return float(psutil.Process().memory_info().rss) / 2**20


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


async def measure(
    db_path: Path, *, count: int, warmup: int, seed: int, extra: bool, profile: int
) -> dict[str, Any]:
    meta = read_meta(db_path) or {}
    now = datetime.fromisoformat(meta["generated_at"])
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token=TOKEN,
        database_url=f"sqlite+aiosqlite:///{db_path}",
    )
    users = linked_users(db_path)
    programs = open_programs(db_path, now) if extra else []
    rng = random.Random(seed)
    factory = UpdateFactory()
    rss_start = rss_mb()

    db = Database(settings.database_url)
    # One request object for every application: the same client path, the same cost.
    request = RecordingRequest(record=True)
    # The clock stands at the moment the data set was made, so a run on a later day
    # measures the same balances (this year's records, the same standings).
    bot_app = build_application(settings, db, FixedClock(now), request=request, rate_limit=False)
    echo_app = bare_application(settings, request)
    echo_app.add_handler(MessageHandler(filters.TEXT, _echo))
    await bot_app.initialize()
    await echo_app.initialize()

    async def run_one(app: App, data: dict[str, Any], check: Check) -> tuple[int, Any]:
        update = to_update(data, app.bot)
        request.clear()
        started = time.perf_counter_ns()
        await app.process_update(update)
        elapsed = time.perf_counter_ns() - started
        return elapsed, check(request.calls)

    # Warm-up: imports, statement caches, connection pools, the SQLite page cache.
    for _ in range(warmup):
        user = rng.choice(users)
        await run_one(bot_app, factory.message(user, "/saldo"), check_balance)
        await run_one(echo_app, factory.message(user, "/saldo"), check_text("/saldo"))
    # The reply floor answers with a real balance text of the median length.
    samples = []
    for _ in range(101):
        await run_one(bot_app, factory.message(rng.choice(users), "/saldo"), check_balance)
        samples.append(_messages(request.calls)[0])
    typical = sorted(samples, key=len)[50]
    reply_app = bare_application(settings, request)
    reply_app.add_handler(MessageHandler(filters.TEXT, replying(typical, "id")))
    await reply_app.initialize()
    for _ in range(warmup):
        await run_one(reply_app, factory.message(rng.choice(users), "/saldo"), check_text(typical))
    if tune_gc is not None:
        tune_gc()
    rss_ready = rss_mb()

    times: dict[str, list[int]] = {"echo": [], "reply": [], "balance": []}
    behind: list[int] = []
    others: list[int] = []
    paths: list[tuple[str, App, Check]] = [
        ("echo", echo_app, check_text("/saldo")),
        ("reply", reply_app, check_text(typical)),
        ("balance", bot_app, check_balance),
    ]
    gc_before = [s["collections"] for s in gc.get_stats()]
    for i in range(count):
        user = rng.choice(users)
        for name, app, check in paths[i % 3 :] + paths[: i % 3]:  # take turns going first
            elapsed, outcome = await run_one(app, factory.message(user, "/saldo"), check)
            times[name].append(elapsed)
            if name == "balance":
                (behind if outcome else others).append(elapsed)
    gc_runs = [s["collections"] - b for s, b in zip(gc.get_stats(), gc_before, strict=True)]

    results: dict[str, Any] = {
        "echo": summarize(times["echo"]),
        "reply_floor": summarize(times["reply"]),
        "balance": summarize(times["balance"]),
        "balance_without_suggestions": summarize(others) if others else None,
        "balance_with_suggestions": summarize(behind) if behind else None,
        "behind_share": len(behind) / count,
        "reply_floor_text_chars": len(typical),
    }

    if extra:
        history, listing, enroll = [], [], []
        for _ in range(count):
            data = factory.message(rng.choice(users), "/riwayat")
            history.append((await run_one(bot_app, data, check_answered))[0])
        for _ in range(count):
            data = factory.message(rng.choice(users), "/program")
            listing.append((await run_one(bot_app, data, check_answered))[0])
        for _ in range(count):
            payload = Enroll(rng.choice(programs)).encode()
            data = factory.callback(rng.choice(users), payload)
            enroll.append((await run_one(bot_app, data, check_callback))[0])
        results["history"] = summarize(history)
        results["program_list"] = summarize(listing)
        results["enroll"] = summarize(enroll)

    results["rss_mb"] = {
        "start": rss_start, "ready": rss_ready, "end": rss_mb(), "peak": peak_rss_mb()
    }
    results["gc_collections_during_timing"] = gc_runs
    results["gc_tuned"] = tune_gc is not None

    if profile:
        profiler = cProfile.Profile()
        for _ in range(count):
            update = to_update(factory.message(rng.choice(users), "/saldo"), bot_app.bot)
            request.clear()
            profiler.enable()
            await bot_app.process_update(update)
            profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(profile)
        results["profile"] = out.getvalue()

    for app in (bot_app, echo_app, reply_app):
        await app.shutdown()
    await db.dispose()
    results["data_set"] = meta
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
    return {
        "cpu": model,
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "load_average": os.getloadavg(),
    }


def verdicts(results: dict[str, Any]) -> dict[str, Any]:
    balance, echo = results["balance"], results["echo"]
    ratio_p50 = balance["p50_ms"] / echo["p50_ms"]
    ratio_p99 = balance["p99_ms"] / echo["p99_ms"]
    return {
        "balance_p99_under_5ms": balance["p99_ms"] < TARGET_P99_MS,
        "ratio_p50": ratio_p50,
        "ratio_p99": ratio_p99,
        "ratio_within_1_5x": ratio_p99 <= TARGET_RATIO,
        "rss_under_150mb": results["rss_mb"]["peak"] < TARGET_RSS_MB,
        # What a user waits for includes the Bot API round trip R, the same for both
        # paths: (b + R) / (e + R) <= 1.5 once R >= 2b - 3e.
        "ratio_holds_from_rtt_ms_p50": max(0.0, 2 * balance["p50_ms"] - 3 * echo["p50_ms"]),
        "ratio_holds_from_rtt_ms_p99": max(0.0, 2 * balance["p99_ms"] - 3 * echo["p99_ms"]),
    }


def ensure_data(path: Path, regenerate: bool) -> None:
    complete, why = is_complete(path)
    if complete and not regenerate:
        return
    reason = "asked to" if regenerate else why
    print(f"generating the data set at {path} ({reason}); about a minute…", flush=True)
    # Its own process: the generator's memory must not count in this one's peak RSS.
    subprocess.run([sys.executable, "-m", "bench.generate", "--path", str(path)], check=True)


LABELS = {
    "echo": "echo (floor)",
    "reply_floor": "reply floor (no database)",
    "balance": "/saldo",
    "balance_without_suggestions": "  met or on track",
    "balance_with_suggestions": "  behind: + suggestions",
    "history": "/riwayat",
    "program_list": "/program",
    "enroll": "enroll (callback)",
}


def print_table(results: dict[str, Any]) -> None:
    m, v, rss = results["machine"], results["verdicts"], results["rss_mb"]
    data = results["data_set"]
    counts = data.get("counts", {})
    print(
        f"data set: {counts.get('employee', 0):,} employees, {counts.get('opd', 0)} OPDs, "
        f"{counts.get('jp_record', 0):,} JP records, {counts.get('program', 0):,} programs "
        f"({data.get('size_mb')} MB; clock at {data.get('generated_at')})"
    )
    print(
        f"machine: {m['cpu']}, {m['nproc']} CPUs, Python {m['python']}, SQLite {m['sqlite']}, "
        f"load {m['load_average'][0]:.2f}"
    )
    print()
    print(f"{'path':<28}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}{'mean ms':>9}")
    for name, label in LABELS.items():
        r = results.get(name)
        if r:
            print(
                f"{label:<28}{r['n']:>6}{r['p50_ms']:>9.3f}{r['p95_ms']:>9.3f}"
                f"{r['p99_ms']:>9.3f}{r['max_ms']:>9.3f}{r['mean_ms']:>9.3f}"
            )
    print()
    ok = {True: "PASS", False: "MISS"}
    print(f"behind the target (balance plus suggestions): {results['behind_share']:.0%} of /saldo")
    print(
        f"[{ok[v['balance_p99_under_5ms']]}] /saldo p99 {results['balance']['p99_ms']:.2f} ms "
        f"(target < {TARGET_P99_MS:g} ms)"
    )
    print(
        f"[{ok[v['ratio_within_1_5x']]}] /saldo / echo: p99 {v['ratio_p99']:.1f}x, "
        f"p50 {v['ratio_p50']:.1f}x (target <= {TARGET_RATIO:g}x in process); counting the "
        f"Bot API round trip R, 1.5x holds for R >= {v['ratio_holds_from_rtt_ms_p99']:.1f} ms "
        f"(p99), {v['ratio_holds_from_rtt_ms_p50']:.1f} ms (p50)"
    )
    print(
        f"[{ok[v['rss_under_150mb']]}] resident memory: peak {rss['peak']:.0f} MB; "
        f"{rss['start']:.0f} MB at start, {rss['ready']:.0f} MB after warm-up, "
        f"{rss['end']:.0f} MB at the end (target < {TARGET_RSS_MB:g} MB)"
    )
    tuned = " (tuned as bot.runner does)" if results["gc_tuned"] else ""
    print(f"GC passes while timing (gen 0/1/2): {results['gc_collections_during_timing']}{tuned}")
    if "profile" in results:
        print()
        print(results["profile"])


def main() -> None:
    parser = argparse.ArgumentParser(description="Time the bot's /saldo answer (bench/README.md).")
    parser.add_argument("--count", type=int, default=2000, help="timed updates per path (2000)")
    parser.add_argument("--warmup", type=int, default=300, help="untimed updates per path first")
    parser.add_argument("--seed", type=int, default=7, help="which users ask, in which order")
    parser.add_argument("--db", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--regenerate", action="store_true", help="rebuild the data set first")
    parser.add_argument(
        "--all", action="store_true", help="also time /riwayat, /program and enrolling"
    )
    parser.add_argument(
        "--profile", type=int, default=0, metavar="N",
        help="after timing, profile --count /saldo answers and print the top N functions",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    if args.count < 1 or args.warmup < 0:
        parser.error("--count must be positive and --warmup not negative")

    ensure_data(args.db, args.regenerate)
    db_path = args.db
    scratch: Path | None = None
    if args.all:
        # Enrolling writes: work on a copy, so every run starts from the same data.
        scratch = args.db.with_name(f".{args.db.stem}-run.{os.getpid()}.db")
        shutil.copyfile(args.db, scratch)
        shutil.copyfile(args.db.with_suffix(".json"), scratch.with_suffix(".json"))
        db_path = scratch
    try:
        results = asyncio.run(
            measure(
                db_path, count=args.count, warmup=args.warmup, seed=args.seed,
                extra=args.all, profile=args.profile,
            )
        )
    finally:
        if scratch is not None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{scratch}{suffix}").unlink(missing_ok=True)
            scratch.with_suffix(".json").unlink(missing_ok=True)
    results["machine"] = machine()
    results["verdicts"] = verdicts(results)
    if args.json:
        print(json.dumps(results, indent=2, default=str))
    else:
        print_table(results)
    v = results["verdicts"]
    if args.strict and not (
        v["balance_p99_under_5ms"] and v["ratio_within_1_5x"] and v["rss_under_150mb"]
    ):
        sys.exit(1)


if __name__ == "__main__":
    main()
