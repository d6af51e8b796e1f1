"""`python -m bench.needs`: the demand from learning needs at provincial scale (issue 14).

A scratch copy of bench.run's data set (100,000 employees, 2,000,000 JP records, 50
OPDs) gains 300 competencies and 60,000 employees who declared 1 to 3 needs each this JP
year (about 120,000 needs, skewed: a few competencies are asked for far more than most),
and 1,000 of the coming programs carry one or two competencies. Then:

- the demand summary (one set-based query: per competency the employees, OPDs, how many
  are behind the pro-rated target, preferred forms), as the /admin button reads it:
  target < 1 s;
- the coverage (programs carrying each competency in demand, their free seats);
- the full XLSX (summary, coverage and one row per need, NIP as text), as the download
  and `needs-report` write it: target < 15 s, peak memory < 300 MB.
"""

from __future__ import annotations

import asyncio
import io
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from bench.generate import DEFAULT_PATH, is_complete, read_meta
from bench.reports import PeakMemory
from bot.i18n import t
from bot.services.compliance.summary import Targets, report_year
from bot.services.needs.demand import coverage, demand, need_rows
from bot.services.needs.files import write_workbook
from models.db import Database

TARGETS = Targets(Decimal(20), Decimal(20))
COMPETENCIES = 300
DECLARING = 60_000
KINDS = ("manajerial", "sosial_kultural", "teknis")
FORMS = (None, "klasikal", "e_learning", "webinar", "coaching")


def seed_needs(path: Path, now: datetime, seed: int = 11) -> int:
    """Competencies, needs and programs' competencies into the scratch copy; returns the
    number of needs."""
    rng = random.Random(seed)
    stamp = now.strftime("%Y-%m-%d %H:%M:%S.%f")
    year = now.year
    conn = sqlite3.connect(path)
    try:
        conn.executemany(
            "INSERT INTO competency (id, code, name, kind, description, retired_at, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?)",
            [(n, f"K-{n:03d}", f"Kompetensi {n}", KINDS[n % 3], stamp if n % 50 == 0 else None,
              stamp, stamp) for n in range(1, COMPETENCIES + 1)])
        weights = [1 / n for n in range(1, COMPETENCIES + 1)]  # a few asked for far more
        people = conn.execute("SELECT id, opd_id, unit FROM employee ORDER BY random() LIMIT ?",
                              (DECLARING,)).fetchall()
        needs = []
        for employee, opd, unit in people:
            chosen: list[int] = []
            for _ in range(rng.randint(1, 3)):
                pick = rng.choices(range(1, COMPETENCIES + 1), weights)[0]
                if pick not in chosen:
                    chosen.append(pick)
            for priority, competency in enumerate(chosen, start=1):
                needs.append((employee, year, competency, priority, rng.choice(FORMS), None, opd,
                              unit, stamp, stamp))
        conn.executemany(
            "INSERT INTO learning_need (employee_id, year, competency_id, priority, form, reason, "
            "opd_id, unit, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", needs)
        programs = [row[0] for row in conn.execute(
            "SELECT id FROM program WHERE starts_at > ? ORDER BY id LIMIT 1000", (stamp,))]
        tags = {(program, rng.choices(range(1, COMPETENCIES + 1), weights)[0])
                for program in programs for _ in range(rng.randint(1, 2))}
        conn.executemany("INSERT INTO program_competency (program_id, competency_id) VALUES (?, ?)",
                         sorted(tags))
        conn.commit()
        conn.execute("ANALYZE")
        return len(needs)
    finally:
        conn.close()


async def measure(path: Path, now: datetime) -> dict[str, float]:
    year = report_year(now.year, now.date(), TARGETS)
    db = Database(f"sqlite+aiosqlite:///{path}")
    label = lambda key: t("id", key)  # noqa: E731
    results: dict[str, float] = {}
    try:
        timings = []
        for _ in range(3):
            async with db.reading(long=True) as session:  # as the /admin button reads it
                started = time.perf_counter()
                found = await demand(session, year, TARGETS)
                timings.append(time.perf_counter() - started)
        results["demand_s"] = sorted(timings)[1]
        results["competencies"] = len(found.lines)
        async with db.reading(long=True) as session:
            started = time.perf_counter()
            supply = await coverage(session, found, now)
            results["coverage_s"] = time.perf_counter() - started
        out = io.BytesIO()
        with PeakMemory() as memory:
            started = time.perf_counter()
            async with db.reading(long=True) as session:
                found = await demand(session, year, TARGETS)
                supply = await coverage(session, found, now)
                await write_workbook(out, found, supply, need_rows(session, year, TARGETS), label)
            results["xlsx_s"] = time.perf_counter() - started
        results["xlsx_mb"] = len(out.getvalue()) / 2**20
        results["peak_rss_mb"] = memory.peak / 2**20
    finally:
        await db.dispose()
    return results


def main() -> None:
    complete, why = is_complete(DEFAULT_PATH)
    if not complete:
        print(f"generating the data set ({why}); about a minute…")
        subprocess.run([sys.executable, "-m", "bench.generate"], check=True)
    meta = read_meta(DEFAULT_PATH) or {}
    now = datetime.fromisoformat(meta["generated_at"])
    with tempfile.TemporaryDirectory(dir=DEFAULT_PATH.parent) as tmp:
        scratch = Path(tmp) / "needs.db"
        shutil.copy(DEFAULT_PATH, scratch)
        count = seed_needs(scratch, now)
        r = asyncio.run(measure(scratch, now))
    print(f"{count:,} needs of {DECLARING:,} employees among {COMPETENCIES} competencies")
    print(f"demand summary ({r['competencies']:.0f} competencies): {r['demand_s'] * 1000:.0f} ms"
          f"  [{'PASS' if r['demand_s'] < 1 else 'MISS'}] < 1 s")
    print(f"coverage: {r['coverage_s'] * 1000:.0f} ms")
    print(f"full XLSX ({r['xlsx_mb']:.1f} MB): {r['xlsx_s']:.1f} s"
          f"  [{'PASS' if r['xlsx_s'] < 15 else 'MISS'}] < 15 s")
    print(f"peak resident memory while writing: {r['peak_rss_mb']:.0f} MB"
          f"  [{'PASS' if r['peak_rss_mb'] < 300 else 'MISS'}] < 300 MB")


if __name__ == "__main__":
    main()
