"""`python -m bench.reports`: the compliance report at 100,000 employees / 2,000,000 records.

Times the per-OPD summary (target < 1 s) and the full XLSX with one row per employee
(target < 15 s), and samples the process's resident memory while the workbook is
written (target < 300 MB). Uses the data set of bench.run (built when missing).
"""

from __future__ import annotations

import asyncio
import io
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from decimal import Decimal

import psutil

from bench.generate import DEFAULT_PATH, is_complete, read_meta
from bot.i18n import t
from bot.services.compliance.summary import Targets, employee_rows, report_year, summary
from bot.services.compliance.files import render_chart, write_workbook
from models.db import Database

TARGETS = Targets(Decimal(20), Decimal(20))


class PeakMemory:
    """Samples this process's RSS every 20 ms in a thread (bounded by `stop`)."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        process = psutil.Process()
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, process.memory_info().rss)

    def __enter__(self) -> PeakMemory:
        self.peak = psutil.Process().memory_info().rss
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)


async def run() -> dict[str, float]:
    meta = read_meta(DEFAULT_PATH) or {}
    generated = meta.get("generated_at")
    now = datetime.fromisoformat(generated) if generated else datetime.now(timezone.utc)
    year = report_year(now.year, now.date(), TARGETS)
    db = Database(f"sqlite+aiosqlite:///{DEFAULT_PATH}")
    label = lambda key: t("id", key)  # noqa: E731
    results: dict[str, float] = {}
    try:
        timings = []
        for _ in range(3):
            async with db.reading(long=True) as session:  # as /rekap reads it
                started = time.perf_counter()
                rows = await summary(session, year, TARGETS)
                timings.append(time.perf_counter() - started)
        results["summary_s"] = sorted(timings)[1]
        results["opds"] = len(rows)
        started = time.perf_counter()
        png = render_chart(rows, year, label)
        results["chart_s"] = time.perf_counter() - started
        results["chart_kb"] = len(png) / 1024
        out = io.BytesIO()
        with PeakMemory() as memory:
            started = time.perf_counter()
            async with db.reading(long=True) as session:
                rows = await summary(session, year, TARGETS)
                written = await write_workbook(
                    out, year, rows, employee_rows(session, year), label, (TARGETS.pns, TARGETS.pppk)
                )
            results["xlsx_s"] = time.perf_counter() - started
        results["employees"] = written
        results["xlsx_mb"] = len(out.getvalue()) / 2**20
        results["peak_rss_mb"] = memory.peak / 2**20
    finally:
        await db.dispose()
    return results


def main() -> None:
    complete, why = is_complete(DEFAULT_PATH)
    if not complete:
        print(f"generating the data set ({why}); about a minute…")
        # In a process of its own, so that its memory is not counted below.
        subprocess.run([sys.executable, "-m", "bench.generate"], check=True)
    r = asyncio.run(run())
    print(f"per-OPD summary ({r['opds']:.0f} OPDs): {r['summary_s'] * 1000:.0f} ms"
          f"  [{'PASS' if r['summary_s'] < 1 else 'MISS'}] < 1 s")
    print(f"chart: {r['chart_s'] * 1000:.0f} ms, {r['chart_kb']:.0f} KB")
    print(f"full XLSX ({r['employees']:,.0f} employees, {r['xlsx_mb']:.1f} MB): {r['xlsx_s']:.1f} s"
          f"  [{'PASS' if r['xlsx_s'] < 15 else 'MISS'}] < 15 s")
    print(f"peak resident memory while writing: {r['peak_rss_mb']:.0f} MB"
          f"  [{'PASS' if r['peak_rss_mb'] < 300 else 'MISS'}] < 300 MB")


if __name__ == "__main__":
    main()
