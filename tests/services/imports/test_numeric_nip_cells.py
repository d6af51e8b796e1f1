"""Issue 13.3: a NIP stored as a number is refused by every import that has a NIP
column, naming the row and how to fix it; nobody is credited in its place.

The fixtures (tests/fixtures/hostile/*_numeric_nip.xlsx) hold the NIP as Excel keeps
`198503142010031002` typed as a number: `1.98503142010031E+17`, read back as …008.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.i18n import t
from bot.services.imports.attendance import import_attendance
from bot.services.imports.jp_history import import_jp
from bot.services.imports.roster import import_roster
from bot.services.programs.enrollment import enroll
from bot.services.spreadsheets.reader import RowError
from models import Employee, Enrollment, JpRecord
from models.db import Database
from tests.factories import WITA, link_account, make_employee, make_program
from tests.fixtures.hostile.xlsx import HERE
from tests.units import in_unit

TYPED = "198503142010031002"
READ_BACK = "198503142010031008"  # what the numeric cell holds: another employee


def fixture(name: str, tmp_path: Path) -> Path:
    return Path(shutil.copy(HERE / name, tmp_path / name))


def test_the_fixture_holds_the_nip_excel_mangled() -> None:
    assert str(int(float("1.98503142010031E+17"))) == READ_BACK != TYPED


async def test_roster_refuses_a_numeric_nip_cell(db: Database, clock: FixedClock, tmp_path: Path) -> None:
    async with db.writing() as s:
        report = await import_roster(s, fixture("roster_numeric_nip.xlsx", tmp_path), clock)
    assert report.errors == [RowError(2, "nip", "nip_numeric_cell")] and not report.applied
    async with db.reading() as s:
        assert await s.scalar(select(func.count()).select_from(Employee)) == 0


async def test_jp_history_refuses_a_numeric_nip_cell(db: Database, clock: FixedClock, tmp_path: Path) -> None:
    async with db.writing() as s:
        await make_employee(s, phone=None, nip=READ_BACK, name="Budi")
    async with db.writing() as s:
        report = await import_jp(s, fixture("jp_history_numeric_nip.xlsx", tmp_path), clock)
    assert [(e.row, e.column, e.code) for e in report.errors] == [(2, "nip", "nip_numeric_cell")]
    async with db.reading() as s:
        assert await s.scalar(select(func.count()).select_from(JpRecord)) == 0


async def test_attendance_refuses_a_numeric_nip_cell_and_credits_nobody(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    async with db.writing() as s:
        andi = await make_employee(s, phone=None, nip=TYPED, name="Andi")
        budi = await make_employee(s, phone=None, nip=READ_BACK, name="Budi")
        await link_account(s, andi, 801)
        program = await make_program(s, code="LATSAR-9", jp="24",
                                     start=datetime(2026, 11, 20, 8, tzinfo=WITA))
        program.registration_opens_at = datetime(2026, 11, 1, tzinfo=WITA)
        program.registration_closes_at = datetime(2026, 11, 19, tzinfo=WITA)
        ids = (andi.id, budi.id, program.id)
    clock.set(datetime(2026, 11, 10, tzinfo=WITA))
    await in_unit(db, enroll, ids[1], ids[2], clock.now())  # only Budi (…008) is enrolled
    clock.set(datetime(2026, 11, 28, tzinfo=WITA))
    async with db.writing() as s:
        report = await import_attendance(s, fixture("attendance_numeric_nip.xlsx", tmp_path),
                                         clock.now(), WITA, "test")
    assert [(e.row, e.column, e.code) for e in report.errors] == [(2, "nip", "nip_numeric_cell")]
    assert report.completed == 0
    async with db.reading() as s:
        assert await s.scalar(select(func.count()).select_from(JpRecord)) == 0
        assert await s.scalar(select(Enrollment.status)) == "enrolled"


@pytest.mark.parametrize(("language", "fix"), [("id", "sebagai Teks"), ("en", "as Text")])
def test_the_message_names_the_row_and_how_to_fix_it(language: str, fix: str) -> None:
    line = t(language, "import.error_line", row=2, column="NIP",
             message=t(language, "import.error.nip_numeric_cell"))
    assert "2" in line and "NIP" in line and fix in line
