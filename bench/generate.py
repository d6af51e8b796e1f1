"""The benchmark data set: a provincial roster at scale, in a SQLite file.

100,000 employees in 50 OPDs, 2,000,000 JP records over this year and the two before,
3,000 programs (past and coming) with sessions, audiences and enrollments, and 22,000
Telegram accounts of which 20,000 are linked to an employee.

The schema is the real one (Alembic to head); rows then go in through sqlite3's
executemany in large batches, because the ORM would take many minutes. Values are
written in the forms SQLAlchemy writes them: datetimes as UTC 'YYYY-MM-DD
HH:MM:SS.ffffff' text (what `UtcDateTime` stores on SQLite), dates as ISO text, JP as
numbers. People come from `bot.services.demo.data.iter_people` and activities from the
demo's catalogue, so the benchmark and `make demo` look alike.

Shape of the JP ledger, chosen so that the balance query meets realistic cases:
  * records are written in date order (as a ledger fills up), so one employee's rows
    lie scattered over the table, not side by side;
  * activity per employee is skewed (log-normal weights, capped): many have a few
    records a year, some have a hundred or more, about one in ten has none this year;
  * short activities (webinars, e-learning, coaching: 2 to 6 JP) are the most common,
    so a good share of employees is behind the 20 JP target and their balance answer
    also looks for programs to suggest;
  * this year 80% approved, 14% pending, 6% rejected; earlier years are verified
    (95% approved) and came in by spreadsheet import, with the importer's sha256 key.

`python -m bench.generate` (re)builds it; `bench.run` builds it only when missing or
stale (see `is_complete`).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import random
import sqlite3
import time
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from alembic.script import ScriptDirectory

from bot.services.demo.data import _ACTIVITIES, OPDS as DEMO_OPDS, iter_people
from models.enums import (
    EnrollmentStatus,
    JpCategory,
    JpSource,
    JpStatus,
    PositionType,
    ProgramMethod,
    ProgramStatus,
)
from models.schema import alembic_config, upgrade_blocking

# Bump when the shape of the data changes: an older file is then rebuilt.
GENERATOR_VERSION = 3

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_PATH = DATA_DIR / "bench.db"

EMPLOYEES = 100_000
OPDS = 50
JP_RECORDS = 2_000_000
PAST_PROGRAMS = 1_000
COMING_PROGRAMS = 5_000  # issue 3: 5,000 programs to browse
PROGRAMS = PAST_PROGRAMS + COMING_PROGRAMS
LINKED = 20_000
UNLINKED = 2_000  # pressed /start, never linked
ACCOUNTS = LINKED + UNLINKED
FIRST_TELEGRAM_ID = 5_000_000_000
BATCH = 50_000
SEED = 20261128
WITA = ZoneInfo("Asia/Makassar")

EXPECTED_COUNTS = {
    "opd": OPDS,
    "employee": EMPLOYEES,
    "jp_record": JP_RECORDS,
    "program": PROGRAMS,
    "telegram_account": ACCOUNTS,
}

_LONG = {
    JpCategory.TEKNIS,
    JpCategory.FUNGSIONAL,
    JpCategory.KEPEMIMPINAN,
    JpCategory.MANAJERIAL,
    JpCategory.PELATIHAN_JARAK_JAUH,
    JpCategory.MAGANG,
}
_MEDIUM = {
    JpCategory.BIMTEK,
    JpCategory.WORKSHOP,
    JpCategory.KURSUS,
    JpCategory.SOSIAL_KULTURAL,
    JpCategory.BENCHMARKING,
}
# Activity frequencies: a webinar is far more common than a leadership course.
_ACTIVITY_WEIGHTS = [
    1 if a.category in _LONG else 2 if a.category in _MEDIUM else 4 for a in _ACTIVITIES
]
_EXTRA_OPDS = (
    [f"Cabang Dinas Pendidikan Wilayah {n}" for n in range(1, 13)]
    + [f"UPT Pendapatan Daerah Wilayah {n}" for n in range(1, 8)]
    + [f"UPT Pengelolaan Sumber Daya Air Wilayah {n}" for n in range(1, 5)]
)
_JP_PER_DAY = 8


def _ts(moment: datetime) -> str:
    """A UTC timestamp as SQLAlchemy's SQLite DateTime stores it."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")


def _batches(rows: Iterable[tuple[Any, ...]], size: int = BATCH) -> Iterator[list[tuple[Any, ...]]]:
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def meta_path(path: Path) -> Path:
    return path.with_suffix(".json")


def alembic_head() -> str:
    heads = ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads()
    return ",".join(sorted(heads))


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in EXPECTED_COUNTS
        }
    finally:
        conn.close()


def read_meta(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(meta_path(path).read_text())  # type: ignore[no-any-return]
    except (OSError, ValueError):
        return None


def is_complete(path: Path) -> tuple[bool, str]:
    """Whether `path` holds this generator's data set at the current schema, and why not."""
    if not path.exists():
        return False, "no data set yet"
    meta = read_meta(path)
    if meta is None or meta.get("generator_version") != GENERATOR_VERSION:
        return False, "made by another version of the generator"
    if meta.get("alembic_head") != alembic_head():
        return False, "the schema has new migrations"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (version,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
        found = counts(path)
    except (sqlite3.Error, TypeError):
        return False, "unreadable or incomplete"
    if version != meta["alembic_head"] or found != EXPECTED_COUNTS:
        return False, f"unexpected contents {found}"
    return True, "ok"


def generate(path: Path = DEFAULT_PATH, *, now: datetime | None = None) -> dict[str, Any]:
    """Build the data set at `path`, replacing any file there; returns its metadata."""
    started = time.perf_counter()
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Built under a temporary name and moved into place at the end: an interrupted run
    # never leaves a half-filled file where the benchmark looks.
    work = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{work}{suffix}").unlink(missing_ok=True)
    try:
        return _build(path, work, now, started)
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{work}{suffix}").unlink(missing_ok=True)


def _build(path: Path, work: Path, now: datetime, started: float) -> dict[str, Any]:
    today = now.astimezone(WITA).date()
    upgrade_blocking(f"sqlite+aiosqlite:///{work}")
    rng = random.Random(SEED)
    stamp = _ts(now)

    conn = sqlite3.connect(work, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")  # what the bot uses
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-1000000")  # 1 GB: random inserts into the key index
    conn.execute("BEGIN")
    names = [name for name, _ in DEMO_OPDS] + _EXTRA_OPDS
    codes = [code for _, code in DEMO_OPDS]
    codes += [f"UPT{n:02d}" for n in range(1, len(_EXTRA_OPDS) + 1)]
    assert len(names) >= OPDS
    conn.executemany(
        "INSERT INTO opd (id, name, code) VALUES (?, ?, ?)",
        [(i + 1, names[i], codes[i]) for i in range(OPDS)],
    )

    position_types = [p.value for p in PositionType]
    people = iter_people(rng, EMPLOYEES, OPDS, reference_year=today.year)
    employee_rows = (
        (n, p.nip, p.name, p.employee_type, p.opd_index + 1, p.unit, p.position,
         rng.choices(position_types, weights=(1, 3, 6))[0], p.phone, 1, stamp, stamp)
        for n, p in enumerate(people, start=1)
    )
    for batch in _batches(employee_rows):
        conn.executemany(
            "INSERT INTO employee (id, nip, name, employee_type, opd_id, unit, position, "
            "position_type, phone, is_active, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            batch,
        )

    linked = rng.sample(range(1, EMPLOYEES + 1), LINKED)
    accounts = []
    for n in range(1, ACCOUNTS + 1):
        employee = linked[n - 1] if n <= LINKED else None
        joined = now - timedelta(days=rng.randint(1, 365), seconds=rng.randint(0, 86_399))
        accounts.append((
            FIRST_TELEGRAM_ID + n, employee, "en" if rng.random() < 0.1 else "id",
            _ts(joined) if employee else None, _ts(joined),
        ))
    conn.executemany(
        "INSERT INTO telegram_account (telegram_user_id, employee_id, language, linked_at, "
        "created_at) VALUES (?, ?, ?, ?, ?)",
        accounts,
    )

    for batch in _batches(_records(rng, today)):
        conn.executemany(
            "INSERT INTO jp_record (employee_id, title, category, source, status, jp, "
            "start_date, end_date, organiser, certificate_number, external_key, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            batch,
        )
    _programs(conn, rng, now, stamp, linked)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{work}{suffix}").unlink(missing_ok=True)

    meta = {
        "generator_version": GENERATOR_VERSION,
        "alembic_head": alembic_head(),
        "generated_at": now.isoformat(),
        "seconds": round(time.perf_counter() - started, 1),
        "counts": counts(work),
        "size_mb": round(work.stat().st_size / 2**20),
        "first_telegram_id": FIRST_TELEGRAM_ID,
    }
    meta_path(path).unlink(missing_ok=True)
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(work, path)
    meta_path(path).write_text(json.dumps(meta, indent=2) + "\n")
    return meta


def _day_counts(first: date, last: date, total: int) -> list[tuple[date, int]]:
    """`total` records spread over the days from `first` to `last`: working days carry
    most, and use of the ledger grows a little each year."""
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    weights = [
        (1.0 if d.weekday() < 5 else 0.15) * (1 + 0.15 * (d.year - first.year)) for d in days
    ]
    scale = total / sum(weights)
    exact = [w * scale for w in weights]
    shares = [int(x) for x in exact]
    # Largest remainders get the rest, so the total is exact.
    order = sorted(range(len(days)), key=lambda i: exact[i] - shares[i], reverse=True)
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return list(zip(days, shares, strict=True))


def _records(rng: random.Random, today: date) -> Iterator[tuple[Any, ...]]:
    """Exactly JP_RECORDS ledger rows in date order, from 1 January two years ago."""
    weights = [min(rng.lognormvariate(0, 1.0), 12.0) for _ in range(EMPLOYEES)]
    employee_cum = list(itertools.accumulate(weights))
    employee_ids = range(1, EMPLOYEES + 1)
    activity_cum = list(itertools.accumulate(_ACTIVITY_WEIGHTS))
    jp_choices = {a: [float(j) for j in a.jp_choices.split()] for a in _ACTIVITIES}
    key_no = itertools.count(10_000_000)  # program credits: "enrollment:<id>", past any real id
    import_no = itertools.count(1)
    for day, count in _day_counts(date(today.year - 2, 1, 1), today, JP_RECORDS):
        this_year = day.year == today.year
        employees = rng.choices(employee_ids, cum_weights=employee_cum, k=count)
        activities = rng.choices(_ACTIVITIES, cum_weights=activity_cum, k=count)
        end = day.isoformat()
        for employee, activity in zip(employees, activities, strict=True):
            jp = rng.choice(jp_choices[activity])
            start = (day - timedelta(days=max(1, -(-int(jp) // _JP_PER_DAY)) - 1)).isoformat()
            roll = rng.random()
            if this_year:
                status = JpStatus.APPROVED if roll < 0.8 else (
                    JpStatus.PENDING if roll < 0.94 else JpStatus.REJECTED
                )
            else:
                status = JpStatus.APPROVED if roll < 0.95 else JpStatus.REJECTED
            if not this_year:
                source = JpSource.IMPORT
            elif status == JpStatus.APPROVED and rng.random() < 0.4:
                source = JpSource.PROGRAM
            else:
                source = JpSource.SELF_REPORT
            if source == JpSource.IMPORT:
                # The importer's key for a row with its own reference (see jp_import).
                material = f"ref:SIASN-{day.year}-{next(import_no):07d}"
                key: str | None = hashlib.sha256(material.encode()).hexdigest()
            elif source == JpSource.PROGRAM:
                key = f"enrollment:{next(key_no)}"
            else:
                key = None
            certificate = (
                f"{rng.randint(1, 9999):04d}/CORPU-SS/{day.year}"
                if status == JpStatus.APPROVED and jp >= 8
                else None
            )
            created = min(day + timedelta(days=rng.randint(0, 14)), today).isoformat()
            yield (employee, activity.title, activity.category.value, source.value, status.value,
                   jp, start, end, activity.organiser, certificate, key,
                   f"{created} 02:00:00.000000")


def _programs(
    conn: sqlite3.Connection, rng: random.Random, now: datetime, stamp: str, linked: list[int]
) -> None:
    """1,000 finished programs over the past two years and 2,000 over the coming year
    (mostly published, a few drafts and cancellations). 70% are open to everyone, 20%
    to a few OPDs, 10% to one position type. Registration opens two to eight weeks
    before the start and closes a few days before; seats go to linked employees."""
    position_types = [p.value for p in PositionType]
    activity_cum = list(itertools.accumulate(_ACTIVITY_WEIGHTS))
    programs, sessions, opds, types, enrollments = [], [], [], [], []
    for pid in range(1, PROGRAMS + 1):
        past = pid <= PAST_PROGRAMS
        offset = -rng.randint(7, 730) if past else rng.randint(1, 365)
        local_day = (now.astimezone(WITA) + timedelta(days=offset)).date()
        start = datetime(local_day.year, local_day.month, local_day.day, 8, tzinfo=WITA)
        days = rng.choice((1, 1, 2, 3, 3, 4, 5))
        activity = rng.choices(_ACTIVITIES, cum_weights=activity_cum)[0]
        jp = min(days * _JP_PER_DAY, 80) if activity.category in _LONG else days * 4
        quota = rng.choice((20, 30, 40, 50, 100))
        opens = start - timedelta(days=rng.randint(14, 60))
        closes = start - timedelta(days=rng.randint(1, 3))
        for d in range(days):
            sessions.append((pid, _ts(start + timedelta(days=d)),
                             _ts(start + timedelta(days=d, hours=8))))
        roll = rng.random()
        if roll < 0.2:
            opds.extend((pid, o) for o in rng.sample(range(1, OPDS + 1), rng.randint(1, 5)))
        elif roll < 0.3:
            types.append((pid, rng.choice(position_types)))
        if past:
            status = ProgramStatus.COMPLETED
            people = rng.sample(linked, rng.randint(quota // 2, quota))
            states = [EnrollmentStatus.COMPLETED if rng.random() < 0.9
                      else EnrollmentStatus.NO_SHOW for _ in people]
            seats = states.count(EnrollmentStatus.COMPLETED)
        else:
            roll = rng.random()
            status = (ProgramStatus.DRAFT if roll < 0.05 else ProgramStatus.CANCELLED
                      if roll < 0.08 else ProgramStatus.PUBLISHED)
            registering = status == ProgramStatus.PUBLISHED and opens <= now
            people = rng.sample(linked, rng.randint(0, quota + 10)) if registering else []
            states = [EnrollmentStatus.ENROLLED if q < quota else EnrollmentStatus.WAITLISTED
                      for q in range(len(people))]
            seats = min(len(people), quota)
        for q, (employee, state) in enumerate(zip(people, states, strict=True), start=1):
            completed = state == EnrollmentStatus.COMPLETED
            done = _ts(start + timedelta(days=days)) if completed else None
            enrollments.append((pid, employee, state.value, q, stamp, stamp, done))
        programs.append((
            pid, f"BENCH-{pid:05d}", f"{activity.title} Angkatan {pid}",
            "Program pengembangan kompetensi ASN Pemerintah Provinsi Sulawesi Selatan.",
            activity.category.value, rng.choice(list(ProgramMethod)).value, jp,
            "Kampus BPSDM Provinsi Sulawesi Selatan, Makassar", None, activity.organiser, quota,
            _ts(opens), _ts(closes), _ts(start),
            _ts(start + timedelta(days=days - 1, hours=8)), status.value, seats, len(people),
            stamp, stamp,
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
        "updated_at, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        enrollments,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Generate the benchmark database.")
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH)
    args = parser.parse_args()
    meta = generate(args.path)
    print(f"generated {args.path} ({meta['size_mb']} MB) in {meta['seconds']} s: {meta['counts']}")


if __name__ == "__main__":
    main()
