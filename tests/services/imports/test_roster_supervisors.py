"""The roster's nip_atasan column: each employee's direct supervisor."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.clock import FixedClock
from bot.services.identity.nip import compose_nip
from bot.services.spreadsheets.reader import RowError
from models import Employee
from models.db import Database
from tests.factories import make_employee
from tests.services.imports.test_roster import run, write_csv

HEADER = ["NIP", "Nama", "Jenis Pegawai", "OPD", "NIP Atasan"]
HEAD = compose_nip(date(1975, 1, 2), 2000, 3, 1, 11)
MID = compose_nip(date(1980, 4, 5), 2005, 3, 2, 12)
STAFF = compose_nip(date(1990, 7, 8), 2015, 3, 1, 13)
OTHER = compose_nip(date(1991, 7, 8), 2016, 3, 1, 14)


def rows(*lines: tuple[str, str, str]) -> list[list[Any]]:
    return [HEADER, *([nip, name, "PNS", "Dinas Kesehatan", boss] for nip, name, boss in lines)]


async def supervisors(db: Database) -> dict[str, str | None]:
    async with db.reading() as s:
        boss = Employee.__table__.alias("boss")
        result = await s.execute(
            select(Employee.nip, boss.c.nip).outerjoin(boss, boss.c.id == Employee.supervisor_id)
        )
        return dict(result.all())


async def test_supervisor_in_the_same_file_later_rows_included(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "r.csv", rows((STAFF, "Staf", MID), (MID, "Kabid", HEAD), (HEAD, "Kadis", "")))
    report = await run(db, path, clock)
    assert report.errors == [] and report.created == 3
    assert await supervisors(db) == {HEAD: None, MID: HEAD, STAFF: MID}

    again = await run(db, path, clock)  # idempotent
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


async def test_supervisor_already_stored_is_known(db: Database, clock: FixedClock, tmp_path: Path) -> None:
    async with db.writing() as s:
        await make_employee(s, nip=HEAD, name="Kadis")
    report = await run(db, write_csv(tmp_path / "r.csv", rows((MID, "Kabid", HEAD))), clock)
    assert report.errors == []
    assert (await supervisors(db))[MID] == HEAD


async def test_unknown_supervisor_is_a_row_error(db: Database, clock: FixedClock, tmp_path: Path) -> None:
    report = await run(db, write_csv(tmp_path / "r.csv", rows((MID, "Kabid", HEAD), (STAFF, "Staf", MID))), clock)
    assert report.errors == [RowError(2, "nip_atasan", "supervisor_unknown")]
    assert not report.applied and await supervisors(db) == {}


async def test_cycle_is_a_row_error_also_through_stored_supervisors(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    await run(db, write_csv(tmp_path / "a.csv", rows((HEAD, "Kadis", ""), (MID, "Kabid", HEAD))), clock)
    # HEAD under MID, while MID (stored) is under HEAD: a loop.
    report = await run(db, write_csv(tmp_path / "b.csv", rows((HEAD, "Kadis", MID))), clock)
    assert report.errors == [RowError(2, "nip_atasan", "supervisor_cycle")]
    self_loop = await run(db, write_csv(tmp_path / "c.csv", rows((OTHER, "Lain", OTHER))), clock)
    assert self_loop.errors == [RowError(2, "nip_atasan", "supervisor_cycle")]
    assert await supervisors(db) == {HEAD: None, MID: HEAD}


async def test_empty_cell_removes_the_supervisor_absent_column_keeps_it(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    await run(db, write_csv(tmp_path / "a.csv", rows((HEAD, "Kadis", ""), (MID, "Kabid", HEAD))), clock)
    without_column = [["NIP", "Nama", "Jenis Pegawai", "OPD"], [MID, "Kabid", "PNS", "Dinas Kesehatan"]]
    await run(db, write_csv(tmp_path / "b.csv", without_column), clock)
    assert (await supervisors(db))[MID] == HEAD
    report = await run(db, write_csv(tmp_path / "c.csv", rows((MID, "Kabid", ""))), clock)
    assert (report.updated, report.unchanged) == (1, 0)
    assert (await supervisors(db))[MID] is None
