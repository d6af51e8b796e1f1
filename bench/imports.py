"""`python -m bench.imports`: how long a provincial roster takes to import.

Generates a roster CSV (20,000 employees of 25 OPDs, the shape of tests' big roster, and
100,000 for the province) into bench/data, imports it into a fresh migrated SQLite
database through the real import service in a long write transaction (as the console's
`import-roster` does), then imports it again (everything unchanged). Median of 3 runs.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import statistics
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

from bot.clock import FixedClock
from bot.services.identity.nip import compose_nip
from bot.services.imports.roster import import_roster
from models.db import Database
from models.schema import upgrade

DATA = Path(__file__).resolve().parent / "data"
HEADER = ["NIP", "Nama", "Jenis Pegawai", "OPD", "Kode OPD", "Unit Kerja", "Jabatan", "No HP"]


def roster_csv(count: int) -> Path:
    """A valid roster of `count` employees (unique NIPs and phones), written once."""
    path = DATA / f"roster-{count}.csv"
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in range(count):  # bounded by `count`
            born = date(1965 + i % 35, 1 + i % 12, 1 + i % 28)
            nip = compose_nip(born, born.year + 22, 1 + (i // 12) % 12, 1 + i % 2, i % 1000)
            writer.writerow([nip, f"Pegawai {i}", "PNS" if i % 5 else "PPPK", f"Dinas Uji {i % 25}",
                             "", f"Unit {i % 7}", "Analis", f"0812{i:08d}"])
    return path


async def one_run(path: Path) -> tuple[float, float, int]:
    clock = FixedClock(datetime(2026, 12, 1, tzinfo=timezone.utc))
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        await upgrade(url)
        db = Database(url)
        try:
            started = time.perf_counter()
            async with db.writing(long=True) as session:
                first = await import_roster(session, path, clock)
            created = time.perf_counter() - started
            started = time.perf_counter()
            async with db.writing(long=True) as session:
                again = await import_roster(session, path, clock)
            unchanged = time.perf_counter() - started
        finally:
            await db.dispose()
    assert first.created and not first.errors and again.unchanged == first.created
    return created, unchanged, first.created


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'rows':>8} {'import s':>10} {'again s':>10}")
    for size in args.sizes:
        path = roster_csv(size)
        runs = [asyncio.run(one_run(path)) for _ in range(max(1, args.runs))]
        print(f"{size:>8} {statistics.median(r[0] for r in runs):>10.2f} "
              f"{statistics.median(r[1] for r in runs):>10.2f}")


if __name__ == "__main__":
    main()
