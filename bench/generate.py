"""The benchmark data set: 100,000 employees in 50 OPDs, 2,000,000 JP records, 5,000
programs with their sessions, audiences and enrollments, 20,000 linked accounts.

The schema comes from the real migrations; rows go in through sqlite3's executemany in
large batches (the ORM would take minutes). Values are written in the forms SQLAlchemy
writes them (datetimes as 'YYYY-MM-DD HH:MM:SS.ffffff' UTC text, dates as ISO text).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from bot.services.demo_data import OPD_NAMES, iter_people
from models.enums import (
    EnrollmentStatus,
    JpCategory,
    JpSource,
    JpStatus,
    PositionType,
    ProgramMethod,
    ProgramStatus,
)
from models.schema import upgrade_blocking

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_PATH = DATA_DIR / "bench.db"
EMPLOYEES = 100_000
OPDS = 50
JP_RECORDS = 2_000_000
PROGRAMS = 5_000
LINKED = 20_000
FIRST_TELEGRAM_ID = 5_000_000_000
BATCH = 50_000
SEED = 20261128

CATEGORIES = [c.value for c in JpCategory]
PROGRAM_CATEGORIES = ["teknis", "manajerial", "kepemimpinan", "fungsional", "seminar",
                      "workshop", "bimtek", "e_learning", "coaching", "sosial_kultural"]
POSITION_TYPES = [p.value for p in PositionType]


def _ts(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")


def _batches(rows: Iterator[tuple[object, ...]], size: int = BATCH) -> Iterator[list[tuple[object, ...]]]:
    batch: list[tuple[object, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("opd", "employee", "jp_record", "program", "telegram_account")
        }


def is_complete(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        found = counts(path)
    except sqlite3.Error:
        return False
    return found == {"opd": OPDS, "employee": EMPLOYEES, "jp_record": JP_RECORDS,
                     "program": PROGRAMS, "telegram_account": LINKED}


def generate(path: Path = DEFAULT_PATH, *, now: datetime | None = None) -> float:
    """Build the data set at `path` (replacing it); returns the seconds it took."""
    started = time.perf_counter()
    now = now or datetime.now(timezone.utc)
    today = now.date()
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    upgrade_blocking(f"sqlite+aiosqlite:///{path}")
    rng = random.Random(SEED)
    stamp = _ts(now)

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    with conn:
        names = list(OPD_NAMES) + [f"UPT Wilayah {i}" for i in range(1, OPDS - len(OPD_NAMES) + 1)]
        conn.executemany(
            "INSERT INTO opd (id, name, code) VALUES (?, ?, ?)",
            [(i + 1, name, f"OPD{i + 1:02d}") for i, name in enumerate(names[:OPDS])],
        )
        people = iter_people(rng, EMPLOYEES, OPDS, reference_year=today.year)
        employee_rows = (
            (n + 1, p.nip, p.name, p.employee_type, p.opd_index + 1, p.unit, p.position,
             rng.choice(POSITION_TYPES), p.phone, 1, stamp, stamp)
            for n, p in enumerate(people)
        )
        for batch in _batches(employee_rows):
            conn.executemany(
                "INSERT INTO employee (id, nip, name, employee_type, opd_id, unit, position, "
                "position_type, phone, is_active, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                batch,
            )
        conn.executemany(
            "INSERT INTO telegram_account (telegram_user_id, employee_id, language, linked_at, "
            "created_at) VALUES (?, ?, ?, ?, ?)",
            [(FIRST_TELEGRAM_ID + e, e, "id", stamp, stamp) for e in range(1, LINKED + 1)],
        )
        for batch in _batches(_records(rng, today, stamp)):
            conn.executemany(
                "INSERT INTO jp_record (employee_id, title, category, source, status, jp, "
                "start_date, end_date, organiser, certificate_number, external_key, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                batch,
            )
        _programs(conn, rng, now, stamp)
    conn.execute("ANALYZE")
    conn.close()
    return time.perf_counter() - started


def _records(rng: random.Random, today: date, stamp: str) -> Iterator[tuple[object, ...]]:
    """Exactly JP_RECORDS rows: 20 per employee on average over this year and two before."""
    first = date(today.year - 2, 1, 1)
    span = (today - first).days
    statuses = [JpStatus.APPROVED] * 16 + [JpStatus.PENDING] * 3 + [JpStatus.REJECTED]
    sources = [JpSource.PROGRAM, JpSource.SELF_REPORT, JpSource.IMPORT]
    for n in range(JP_RECORDS):
        employee = n % EMPLOYEES + 1
        end = first + timedelta(days=rng.randrange(span))
        jp = rng.choice((2, 4, 4, 6, 8, 8, 12, 16, 24, 32))
        yield (employee, "Pelatihan Pengembangan Kompetensi", rng.choice(CATEGORIES),
               rng.choice(sources).value, rng.choice(statuses).value, jp,
               end.isoformat(), end.isoformat(), "BPSDM Provinsi Sulawesi Selatan", None, None,
               stamp)


def _programs(conn: sqlite3.Connection, rng: random.Random, now: datetime, stamp: str) -> None:
    """5,000 published programs over the coming year; 70% for everyone, 20% for a few
    OPDs, 10% for a position type; about 30 enrollments each from linked employees."""
    programs, sessions, opds, types, enrollments = [], [], [], [], []
    for pid in range(1, PROGRAMS + 1):
        start = (now + timedelta(days=rng.randint(2, 365))).replace(
            hour=0, minute=0, second=0, microsecond=0
        )
        days = rng.randint(1, 5)
        quota = rng.choice((20, 30, 40, 50, 100))
        taken = rng.randint(0, quota + 10)
        enrolled = min(taken, quota)
        for d in range(days):
            sessions.append((pid, _ts(start + timedelta(days=d)),
                             _ts(start + timedelta(days=d, hours=8))))
        roll = rng.random()
        if roll < 0.2:
            opds.extend((pid, o) for o in rng.sample(range(1, OPDS + 1), rng.randint(1, 5)))
        elif roll < 0.3:
            types.append((pid, rng.choice(POSITION_TYPES)))
        for q, employee in enumerate(rng.sample(range(1, LINKED + 1), taken), start=1):
            status = EnrollmentStatus.ENROLLED if q <= quota else EnrollmentStatus.WAITLISTED
            enrollments.append((pid, employee, status.value, q, stamp, stamp))
        programs.append((
            pid, f"BENCH-{pid:05d}", f"Pelatihan Kompetensi Angkatan {pid}", "Deskripsi.",
            rng.choice(PROGRAM_CATEGORIES), ProgramMethod.KLASIKAL.value, rng.choice((8, 16, 24, 40)),
            "Kampus BPSDM", None, "BPSDM", quota, _ts(now - timedelta(days=30)),
            _ts(start - timedelta(days=1)), _ts(start), _ts(start + timedelta(days=days - 1, hours=8)),
            ProgramStatus.PUBLISHED.value, enrolled, taken, stamp, stamp,
        ))
    conn.executemany(
        "INSERT INTO program (id, code, title, description, category, method, jp, place, "
        "online_url, organiser, quota, registration_opens_at, registration_closes_at, starts_at, "
        "ends_at, status, seats_taken, queue_counter, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        programs,
    )
    conn.executemany(
        "INSERT INTO program_session (program_id, starts_at, ends_at) VALUES (?, ?, ?)", sessions
    )
    conn.executemany("INSERT INTO program_opd (program_id, opd_id) VALUES (?, ?)", opds)
    conn.executemany(
        "INSERT INTO program_position_type (program_id, position_type) VALUES (?, ?)", types
    )
    conn.executemany(
        "INSERT INTO enrollment (program_id, employee_id, status, queue_no, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        enrollments,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Generate the benchmark database.")
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH)
    args = parser.parse_args()
    seconds = generate(args.path)
    print(f"generated {args.path} in {seconds:.1f} s: {counts(args.path)}")


if __name__ == "__main__":
    main()
