"""Program import: one row per session, upsert by code, all or nothing, idempotent."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

from bot.clock import FixedClock
from bot.services.programs.enrollment import EnrollOutcome, enroll
from bot.services.imports.programs import (
    ProgramImportReport,
    SessionPlan,
    import_programs,
    plan_sessions,
)
from models import Enrollment, Program, ProgramOpd, ProgramPositionType, ProgramSession, SessionCheckin
from models.db import Database
from models.enums import ProgramStatus
from tests.units import in_unit
from tests.factories import WITA, make_employee, make_opd
from tests.services.imports.test_roster import write_csv, write_xlsx

HEADER = ["Kode", "Judul", "Kategori", "Metode", "JP", "Mulai", "Selesai", "Kuota",
          "Batas Pendaftaran", "Tempat", "OPD Sasaran", "Jenis Jabatan Sasaran", "Status"]


def rows() -> list[list[Any]]:
    return [
        HEADER,
        ["LATSAR-01", "Latsar CPNS Angkatan I", "Teknis", "Klasikal", "24", "07/12/2026 08.00",
         "16.00", "30", "05/12/2026 23.59", "Kampus BPSDM", "", "", "terbit"],
        ["LATSAR-01", "", "", "", "", "08/12/2026 08:00", "08/12/2026 16:00", "", "", "", "",
         "", ""],
        ["SEM-02", "Seminar SAKIP", "seminar", "e-learning", "4,5", "2026-12-15 09:00",
         "12:00", "2", "", "", "Dinas Kesehatan; DINKES", "struktural", ""],
    ]


async def run(db: Database, path: Path, clock: FixedClock, **kw: bool) -> ProgramImportReport:
    async with db.writing() as session:
        return await import_programs(session, path, clock, WITA, **kw)


async def _with_opd(db: Database) -> None:
    async with db.writing() as s:
        opd = await make_opd(s, "Dinas Kesehatan")
        opd.code = "DINKES"


async def test_import_creates_programs_with_sessions_and_audience(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    await _with_opd(db)
    report = await run(db, write_csv(tmp_path / "p.csv", rows()), clock)
    assert report.errors == [] and (report.created, report.updated) == (2, 0)
    async with db.writing() as s:
        latsar = await s.scalar(select(Program).where(Program.code == "LATSAR-01"))
        assert latsar is not None and latsar.status == ProgramStatus.PUBLISHED
        sessions = (await s.execute(
            select(ProgramSession.starts_at, ProgramSession.ends_at)
            .where(ProgramSession.program_id == latsar.id).order_by(ProgramSession.starts_at)
        )).all()
        assert [(a.astimezone(WITA).hour, b.astimezone(WITA).hour) for a, b in sessions] == [
            (8, 16), (8, 16)
        ]
        assert latsar.registration_closes_at == datetime(2026, 12, 5, 23, 59, tzinfo=WITA)
        seminar = await s.scalar(select(Program).where(Program.code == "SEM-02"))
        assert seminar is not None and seminar.status == ProgramStatus.DRAFT
        assert str(seminar.jp) == "4.50" and seminar.method == "e_learning"
        # "Dinas Kesehatan" and "DINKES" are the same OPD: one audience row.
        assert len((await s.scalars(select(ProgramOpd))).all()) == 1
        assert (await s.scalars(select(ProgramPositionType.position_type))).all() == ["struktural"]

    again = await run(db, write_xlsx(tmp_path / "p.xlsx", rows()), clock)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


async def test_bad_rows_are_reported_and_nothing_is_written(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    data = rows()
    data[1][3] = "Jalan-jalan"  # method
    data[2][1] = "Judul Lain"  # conflicts with the first row of LATSAR-01
    data[3][6] = "08:00"  # ends before it starts
    data[3][10] = "Dinas Rahasia"  # unknown OPD
    report = await run(db, write_csv(tmp_path / "p.csv", data), clock)
    assert {(e.row, e.column, e.code) for e in report.errors} >= {
        (2, "metode", "method_unknown"),
        (3, "judul", "program_conflict"),
        (4, "selesai", "session_order"),
    }
    assert not report.applied
    async with db.writing() as s:
        assert (await s.scalars(select(Program))).all() == []


async def test_dry_run_and_quota_rules(db: Database, clock: FixedClock, tmp_path: Path) -> None:
    await _with_opd(db)
    path = write_csv(tmp_path / "p.csv", rows())
    dry = await run(db, path, clock, dry_run=True)
    assert dry.created == 2 and not dry.applied
    async with db.writing() as s:
        assert (await s.scalars(select(Program))).all() == []

    await run(db, path, clock)
    async with db.writing() as s:
        opd = await make_opd(s)
        people = [(await make_employee(s, opd=opd, phone=None)).id for _ in range(3)]
        latsar = await s.scalar(select(Program.id).where(Program.code == "LATSAR-01"))
        program = await s.get(Program, latsar)
        assert program is not None
        program.quota = 1
    assert latsar is not None
    assert (await in_unit(db, enroll, people[0], latsar, clock.now())).outcome == EnrollOutcome.ENROLLED
    assert (await in_unit(db, enroll, people[1], latsar, clock.now())).outcome == EnrollOutcome.WAITLISTED

    smaller = rows()
    smaller[1][7] = "0"
    report = await run(db, write_csv(tmp_path / "q.csv", smaller), clock)
    assert [(e.column, e.code) for e in report.errors] == [("kuota", "quota_below_taken")]

    # Raising the quota again gives the waiting person the seat.
    report = await run(db, path, clock)
    assert report.updated == 1
    assert (await in_unit(db, enroll, people[1], latsar, clock.now())).outcome == EnrollOutcome.ALREADY_ENROLLED


async def test_evaluation_required_column(db: Database, clock: FixedClock, tmp_path: Path) -> None:
    """`wajib_evaluasi` (ya/tidak): absent keeps yes, "tidak" lets the certificate go
    without the evaluation, anything else is refused with its column named."""
    await _with_opd(db)
    await run(db, write_csv(tmp_path / "p.csv", rows()), clock)
    table = [row + [cell] for row, cell in zip(rows(), ["Wajib Evaluasi", "tidak", "", ""])]
    report = await run(db, write_csv(tmp_path / "q.csv", table), clock)
    assert report.errors == [] and report.updated == 1
    async with db.reading() as s:
        found = dict((await s.execute(select(Program.code, Program.evaluation_required))).all())
    assert found == {"LATSAR-01": False, "SEM-02": True}
    table[3][-1] = "mungkin"
    refused = await run(db, write_csv(tmp_path / "r.csv", table), clock)
    assert [(e.column, e.code) for e in refused.errors] == [("wajib_evaluasi", "yes_no_unknown")]


async def test_minimum_attendance_column(db: Database, clock: FixedClock, tmp_path: Path) -> None:
    """`minimal_kehadiran` (percent of the sessions): absent keeps 100, a value is stored,
    out of range is refused with its column named."""
    await _with_opd(db)
    await run(db, write_csv(tmp_path / "p.csv", rows()), clock)
    table = [row + [cell] for row, cell in zip(rows(), ["Minimal Kehadiran", "50", "", ""])]
    report = await run(db, write_csv(tmp_path / "q.csv", table), clock)
    assert report.errors == [] and report.updated == 1
    async with db.reading() as s:
        found = dict((await s.execute(select(Program.code, Program.min_attendance_pct))).all())
    assert found == {"LATSAR-01": 50, "SEM-02": 100}
    table[3][-1] = "120"
    refused = await run(db, write_csv(tmp_path / "r.csv", table), clock)
    assert [(e.column, e.code) for e in refused.errors] == [("minimal_kehadiran", "min_attendance_invalid")]


async def _checked_in_to_first_session(db: Database, clock: FixedClock) -> tuple[int, int]:
    """LATSAR-01 imported, one participant checked in to its first session: (session
    id of that first session, id of the second)."""
    async with db.writing() as s:
        person = await make_employee(s, opd=await make_opd(s, "Dinas Pendidikan"), phone=None)
        latsar = await s.scalar(select(Program.id).where(Program.code == "LATSAR-01"))
    assert latsar is not None
    assert (await in_unit(db, enroll, person.id, latsar, clock.now())).outcome == EnrollOutcome.ENROLLED
    async with db.writing() as s:
        first, second = (await s.scalars(select(ProgramSession.id).where(
            ProgramSession.program_id == latsar).order_by(ProgramSession.starts_at))).all()
        enrollment = await s.scalar(select(Enrollment.id).where(Enrollment.program_id == latsar))
        assert enrollment is not None
        s.add(SessionCheckin(session_id=first, enrollment_id=enrollment, checked_in_at=clock.now()))
    return first, second


async def _checkins(db: Database) -> list[int]:
    async with db.writing() as s:
        return list((await s.scalars(select(SessionCheckin.session_id))).all())


async def test_reimporting_a_program_keeps_its_sessions_check_ins(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    """Changing a running program's audience or correcting a session's time used to
    delete and re-create every session, and with them every participant's check-in."""
    await _with_opd(db)
    await run(db, write_csv(tmp_path / "p.csv", rows()), clock)
    first, second = await _checked_in_to_first_session(db, clock)

    wider = rows()
    wider[1][10] = "Dinas Kesehatan"  # now for one OPD only: the audience changes
    report = await run(db, write_csv(tmp_path / "a.csv", wider), clock)
    assert report.errors == [] and report.updated == 1
    assert await _checkins(db) == [first]

    moved = rows()
    moved[2][5], moved[2][6] = "09/12/2026 08:00", "09/12/2026 16:00"  # day two moves
    moved[1][6] = "15.00"  # day one ends an hour earlier: still the same session
    assert (await run(db, write_csv(tmp_path / "m.csv", moved), clock)).updated == 1
    async with db.writing() as s:
        stored = (await s.execute(select(ProgramSession.id, ProgramSession.ends_at)
                                  .join(Program).where(Program.code == "LATSAR-01")
                                  .order_by(ProgramSession.starts_at))).all()
    # Day one keeps its row (and check-ins) with the new end; day two, which nobody had
    # checked in to, is a new session (reminded of afresh).
    assert stored[0] == (first, datetime(2026, 12, 7, 15, 0, tzinfo=WITA))
    assert len(stored) == 2 and stored[1][0] != second
    assert await _checkins(db) == [first]


async def test_a_file_that_drops_a_session_with_check_ins_is_refused(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    await _with_opd(db)
    await run(db, write_csv(tmp_path / "p.csv", rows()), clock)
    first, second = await _checked_in_to_first_session(db, clock)
    only_day_two = [rows()[0], rows()[1][:5] + rows()[2][5:7] + rows()[1][7:], rows()[3]]
    report = await run(db, write_csv(tmp_path / "d.csv", only_day_two), clock)
    # Day one is dropped (day two's row pairs with the stored day two): refused, named.
    assert [(e.column, e.code) for e in report.errors] == [("mulai", "session_has_checkins")]
    assert not report.applied and await _checkins(db) == [first]
    # Day one swapped for a day nobody had: not a move of its check-ins, refused too.
    swapped = [rows()[0], rows()[1][:5] + ["14/12/2026 08.00", "16.00"] + rows()[1][7:],
               rows()[2], rows()[3]]
    report = await run(db, write_csv(tmp_path / "s.csv", swapped), clock)
    assert [(e.column, e.code) for e in report.errors] == [("mulai", "session_has_checkins")]
    # A session nobody checked in to may go.
    async with db.writing() as s:
        await s.execute(delete(SessionCheckin))
    assert (await run(db, write_csv(tmp_path / "d.csv", only_day_two), clock)).updated == 1
    async with db.writing() as s:
        assert second in (await s.scalars(select(ProgramSession.id))).all()
        assert first not in (await s.scalars(select(ProgramSession.id))).all()


def test_sessions_stay_move_within_their_day_or_are_replaced() -> None:
    day = [datetime(2026, 12, d, 8, tzinfo=WITA) for d in range(1, 10)]
    span = [(a, a.replace(hour=16)) for a in day]
    current = [(10, *span[0], True), (11, *span[1], False), (12, *span[2], False)]
    same = plan_sessions(current, span[:3], WITA)
    assert same == SessionPlan([], [], [], [])
    # Day one (checked in) an hour later keeps its row; day two moves a week: replaced.
    earlier = (span[0][0].replace(hour=9), span[0][1])
    plan = plan_sessions(current, [earlier, span[8], span[2]], WITA)
    assert plan == SessionPlan([(10, *earlier)], [span[8]], [11], [])
    # A review's case: day one (checked in) gone, another day added: never a move of the
    # check-ins to that day; refused.
    plan = plan_sessions(current, [span[1], span[2], span[8]], WITA)
    assert plan.refused == [10] and plan.moved == []
