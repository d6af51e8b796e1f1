"""`python -m bench.team`: supervisors' teams at provincial scale.

100,000 employees in 50 OPDs, each OPD a supervisor tree of depth 6 (the head of the
OPD, then five levels), one OPD of 3,000 employees, one supervisor with exactly 30
direct reports, and 3 approved JP records per employee (300,000). Times, through the
bot's own read units (SQLite in-loop readers):

- `/tim` for the supervisor with 30 reports: `is_supervisor` + `team_page` + the
  rendered text and keyboard (target p99 < 20 ms);
- the subtree summary (and first page) for the head of the 3,000-employee OPD
  (target < 200 ms).

- the monthly digest planned for 50 OPDs (a head and an OPD admin each, and a
  superadmin), rolled back afterwards (target < 5 s).

The data set is built into bench/data/team.db on first use (about 3 s) and reused
(rebuilt when the schema moved on).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import statistics
import time
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

from bot.services.compliance.summary import Targets
from bot.services.team.members import PAGE_SIZE, Reach, is_supervisor, team_page, team_summary
from handlers.team.members import render_team
from models.db import Database
from models.schema import upgrade_blocking

PATH = Path(__file__).resolve().parent / "data" / "team.db"
EMPLOYEES = 100_000
OPDS = 50
BIG_OPD = 3_000
LEVELS = 6
RECORDS_PER_EMPLOYEE = 3
TARGETS = Targets(Decimal(20), Decimal(20))
TODAY = date(2026, 11, 28)
SEED = 20261205


def _level_sizes(n: int) -> list[int]:
    """1 head, then five levels growing geometrically to fill `n`."""
    ratio = 2.0
    while sum(int(ratio**k) for k in range(LEVELS)) < n:
        ratio += 0.01
    sizes = [max(1, int(ratio**k)) for k in range(LEVELS)]
    sizes[0] = 1
    sizes[-1] += n - sum(sizes)
    return sizes


def build(path: Path = PATH) -> dict[str, int]:
    """Build the data set; returns the ids the benchmark asks about."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    upgrade_blocking(f"sqlite+aiosqlite:///{path}")
    rng = random.Random(SEED)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("BEGIN")
    stamp = "2026-01-01 00:00:00.000000"
    conn.executemany("INSERT INTO opd (id, name, code) VALUES (?, ?, ?)",
                     [(i, f"Dinas Bench {i}", f"B{i:03d}") for i in range(1, OPDS + 1)])
    rest = (EMPLOYEES - BIG_OPD) // (OPDS - 1)
    sizes = [BIG_OPD] + [rest] * (OPDS - 2) + [EMPLOYEES - BIG_OPD - rest * (OPDS - 2)]
    rows = []
    next_id = 1
    ids: dict[str, int] = {}
    for opd, size in enumerate(sizes, start=1):
        previous: list[int] = []
        for level, count in enumerate(_level_sizes(size)):
            current = list(range(next_id, next_id + count))
            next_id += count
            for n, employee_id in enumerate(current):
                if not previous:
                    boss = None
                elif opd == 2 and level == LEVELS - 1 and n < 30:
                    boss = previous[0]  # the supervisor with exactly 30 reports
                elif opd == 2 and level == LEVELS - 1:
                    boss = previous[1 + n % (len(previous) - 1)]
                else:
                    boss = previous[n % len(previous)]
                nip = f"19{70 + employee_id % 30:02d}0101{2000 + employee_id % 20:04d}01{1 + employee_id % 2}{employee_id % 1000:03d}"
                rows.append((employee_id, f"{nip[:12]}{employee_id:06d}", f"Pegawai {employee_id}",
                             "PNS", opd, f"Unit {level}", f"Jabatan {level}", None, None, boss, 1, stamp, stamp))
            if opd == 1 and level == 0:
                ids["head"] = current[0]
            if opd == 2 and level == LEVELS - 2:
                ids["supervisor"] = current[0]
            previous = current
    conn.executemany(
        "INSERT INTO employee (id, nip, name, employee_type, opd_id, unit, position, position_type, "
        "phone, supervisor_id, is_active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    records = []
    for employee_id in range(1, EMPLOYEES + 1):
        for _ in range(RECORDS_PER_EMPLOYEE):
            day = date(2026, rng.randint(1, 11), rng.randint(1, 28)).isoformat()
            records.append((employee_id, "Pelatihan", "teknis", "import", "approved",
                            rng.choice((2, 4, 5, 8)), day, day, stamp))
    conn.executemany(
        "INSERT INTO jp_record (employee_id, title, category, source, status, jp, start_date, "
        "end_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        records,
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()
    return ids


def _ready(path: Path) -> bool:
    """A complete data set (an interrupted build is built again)."""
    if not path.exists():
        return False
    conn = sqlite3.connect(path)
    try:
        from bench.generate import alembic_head

        return bool(conn.execute("SELECT count(*) FROM employee").fetchone()[0] == EMPLOYEES
                    and conn.execute("SELECT count(*) FROM sqlite_stat1").fetchone()[0]
                    and conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
                    == alembic_head())
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def _ids(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        supervisor = conn.execute(
            "SELECT supervisor_id FROM employee WHERE supervisor_id IS NOT NULL GROUP BY supervisor_id "
            "HAVING count(*) = 30 AND min(opd_id) = 2 LIMIT 1").fetchone()[0]
        head = conn.execute("SELECT id FROM employee WHERE opd_id = 1 AND supervisor_id IS NULL").fetchone()[0]
    finally:
        conn.close()
    return {"supervisor": supervisor, "head": head}


class _Undo(Exception):
    """Leaves the bench data as it was: the digest's rows are rolled back."""


async def _digest(db: Database) -> tuple[float, float]:
    """Plan the monthly digest for 50 OPDs (a head and an OPD admin each, and one
    superadmin: 101 recipients), timed, then roll it back."""
    from bot.services.digest.planning import draw_charts, prepare_digests, queue_digests
    from models import AdminRole, TelegramAccount
    from models.enums import AdminRoleKind

    now = datetime(2026, 12, 1, 0, 0, tzinfo=timezone.utc)
    elapsed = drawing = 0.0
    try:
        async with db.writing(long=True) as s:
            heads = (await s.execute(
                __import__("sqlalchemy").text("SELECT id, opd_id FROM employee WHERE supervisor_id IS NULL"))).all()
            user = 9_000_000_000
            for employee_id, opd_id in heads:
                for kind in (AdminRoleKind.KEPALA_OPD, AdminRoleKind.OPD_ADMIN):
                    user += 1
                    s.add(TelegramAccount(telegram_user_id=user, employee_id=employee_id if kind == AdminRoleKind.KEPALA_OPD else None,
                                          language="id", created_at=now))
                    s.add(AdminRole(telegram_user_id=user, role=kind, opd_id=opd_id,
                                    employee_id=employee_id if kind == AdminRoleKind.KEPALA_OPD else None,
                                    created_at=now))
            s.add(TelegramAccount(telegram_user_id=user + 1, language="id", created_at=now))
            s.add(AdminRole(telegram_user_id=user + 1, role=AdminRoleKind.SUPERADMIN, created_at=now))
            await s.flush()
            day = TODAY.replace(month=12, day=1)
            started = time.perf_counter()
            prepared = await prepare_digests(s, day, now, TARGETS)
            drawn = time.perf_counter()
            await draw_charts(prepared)
            queueing = time.perf_counter()
            queued = await queue_digests(s, prepared, day, now)
            elapsed = (drawn - started) + (time.perf_counter() - queueing)
            drawing = queueing - drawn
            assert queued == 2 * len(heads) + 1, queued
            raise _Undo
    except _Undo:
        pass
    return elapsed, drawing


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def run(count: int, rebuild: bool) -> dict[str, float]:
    if rebuild or not _ready(PATH):
        started = time.perf_counter()
        await asyncio.to_thread(build)
        print(f"built {PATH.name} in {time.perf_counter() - started:.1f} s")
    ids = _ids(PATH)
    db = Database(f"sqlite+aiosqlite:///{PATH}")
    results: dict[str, float] = {}
    try:
        async def tim(employee_id: int) -> int:
            async with db.reading() as s:
                assert await is_supervisor(s, employee_id)
                page = await team_page(s, employee_id, Reach.DIRECT, 0, TODAY, TARGETS)
            render_team("id", page, PAGE_SIZE)
            return page.summary.members

        assert await tim(ids["supervisor"]) == 30
        for _ in range(50):  # warm-up
            await tim(ids["supervisor"])
        times = []
        for _ in range(count):
            started = time.perf_counter()
            await tim(ids["supervisor"])
            times.append((time.perf_counter() - started) * 1000)
        results["tim_30_p50_ms"] = statistics.median(times)
        results["tim_30_p99_ms"] = _pct(times, 0.99)

        subtree = []
        for _ in range(max(10, count // 50)):
            started = time.perf_counter()
            async with db.reading(long=True) as s:
                summary = await team_summary(s, ids["head"], Reach.ALL, TODAY, TARGETS)
            subtree.append((time.perf_counter() - started) * 1000)
        assert summary.members == BIG_OPD - 1, summary
        results["subtree_3000_summary_p50_ms"] = statistics.median(subtree)
        results["subtree_3000_summary_max_ms"] = max(subtree)

        page_times = []
        for _ in range(max(10, count // 50)):
            started = time.perf_counter()
            async with db.reading(long=True) as s:
                await team_page(s, ids["head"], Reach.ALL, 0, TODAY, TARGETS)
            page_times.append((time.perf_counter() - started) * 1000)
        results["subtree_3000_first_page_p50_ms"] = statistics.median(page_times)
        results["subtree_3000_first_page_max_ms"] = max(page_times)
        results["digest_50_opds_plan_s"], results["digest_51_charts_s"] = await _digest(db)
    finally:
        await db.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    for key, value in asyncio.run(run(args.count, args.rebuild)).items():
        print(f"{key:34} {value:8.2f}")


if __name__ == "__main__":
    main()
