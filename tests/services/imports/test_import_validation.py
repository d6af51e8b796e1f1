"""Issue 13.9: impossible NIPs and dates are refused, and a corrected JP file replaces
what an earlier import stored (its natural key: the ref, else NIP + title + start date,
among imported records) instead of adding a second record."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.services.imports.jp_history import import_jp
from bot.services.imports.roster import import_roster
from bot.services.spreadsheets.reader import RowError
from models import Employee, JpRecord
from models.db import Database
from models.enums import JpSource
from tests.factories import NOW, make_employee
from tests.fixtures.hostile.xlsx import HERE
from tests.services.imports.test_jp_history import write_csv

NIP = "198503142010031001"
HEADER = ["NIP", "Nama Pelatihan", "Kategori", "JP", "Tanggal Mulai", "Tanggal Selesai", "Ref"]


def fixture(name: str, tmp_path: Path) -> Path:
    return Path(shutil.copy(HERE / name, tmp_path / name))


async def test_the_roster_refuses_nips_impossible_today(db: Database, clock: FixedClock, tmp_path: Path) -> None:
    async with db.writing() as s:
        report = await import_roster(s, fixture("roster_impossible_nips.csv", tmp_path), clock)
    assert report.errors == [
        RowError(2, "nip", "nip_birth_future"),
        RowError(3, "nip", "nip_too_young"),
        RowError(4, "nip", "nip_tmt_future"),
        RowError(5, "nip", "nip_tmt"),
        RowError(6, "nip", "nip_birth_future"),
    ]
    async with db.reading() as s:
        assert await s.scalar(select(func.count()).select_from(Employee)) == 0


async def test_jp_records_dated_before_1970_or_in_the_future_are_refused(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    async with db.writing() as s:
        await make_employee(s, nip=NIP)
    async with db.writing() as s:
        report = await import_jp(s, fixture("jp_history_impossible_dates.csv", tmp_path), clock)
    assert report.errors == [
        RowError(2, "tanggal_mulai", "date_too_old"),
        RowError(3, "tanggal_mulai", "date_too_old"),
        RowError(4, "tanggal_selesai", "date_future"),
    ]
    async with db.reading() as s:
        assert await s.scalar(select(func.count()).select_from(JpRecord)) == 0


async def _records(db: Database) -> list[tuple[str, Decimal, date, str]]:
    async with db.reading() as s:
        rows = await s.execute(select(JpRecord.title, JpRecord.jp, JpRecord.end_date, JpRecord.category)
                               .order_by(JpRecord.id))
        return [tuple(r) for r in rows]  # type: ignore[misc]


async def test_a_corrected_file_without_ref_replaces_the_record(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    async with db.writing() as s:
        await make_employee(s, nip=NIP)
    first = [HEADER, [NIP, "Bimtek SAKIP", "teknis", "24", "2026-03-02", "2026-03-04", ""]]
    async with db.writing() as s:
        assert (await import_jp(s, write_csv(tmp_path / "a.csv", first), clock)).created == 1
    corrected = [HEADER, [NIP, "BIMTEK  sakip", "bimtek", "20", "2026-03-02", "2026-03-03", ""]]
    async with db.writing() as s:
        preview = await import_jp(s, write_csv(tmp_path / "b.csv", corrected), clock, dry_run=True)
    assert (preview.created, preview.updated) == (0, 1)
    assert await _records(db) == [("Bimtek SAKIP", Decimal(24), date(2026, 3, 4), "teknis")]
    async with db.writing() as s:
        report = await import_jp(s, write_csv(tmp_path / "b.csv", corrected), clock)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    assert await _records(db) == [("BIMTEK sakip", Decimal(20), date(2026, 3, 3), "bimtek")]
    async with db.writing() as s:
        again = await import_jp(s, write_csv(tmp_path / "b.csv", corrected), clock)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


async def test_a_record_imported_under_the_old_content_key_is_replaced_too(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    """Records imported before the key was natural hold a hash of their whole content."""
    async with db.writing() as s:
        person = await make_employee(s, nip=NIP)
        old_key = hashlib.sha256(f"{NIP}|bimtek sakip|2026-03-02|2026-03-04|24.00".encode()).hexdigest()
        s.add(JpRecord(employee_id=person.id, title="Bimtek SAKIP", category="teknis",
                       source=JpSource.IMPORT.value, status="approved", jp=Decimal(24),
                       start_date=date(2026, 3, 2), end_date=date(2026, 3, 4), external_key=old_key,
                       created_at=NOW))
    corrected = [HEADER, [NIP, "Bimtek SAKIP", "teknis", "20", "2026-03-02", "2026-03-04", ""]]
    async with db.writing() as s:
        report = await import_jp(s, write_csv(tmp_path / "b.csv", corrected), clock)
    assert (report.created, report.updated) == (0, 1)
    assert [r[1] for r in await _records(db)] == [Decimal(20)]


async def test_records_of_other_sources_are_never_replaced_by_an_import(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    async with db.writing() as s:
        person = await make_employee(s, nip=NIP)
        s.add(JpRecord(employee_id=person.id, title="Bimtek SAKIP", category="teknis",
                       source=JpSource.SELF_REPORT.value, status="approved", jp=Decimal(24),
                       start_date=date(2026, 3, 2), end_date=date(2026, 3, 4), created_at=NOW))
    rows = [HEADER, [NIP, "Bimtek SAKIP", "teknis", "20", "2026-03-02", "2026-03-04", ""]]
    async with db.writing() as s:
        report = await import_jp(s, write_csv(tmp_path / "b.csv", rows), clock)
    assert (report.created, report.updated) == (1, 0)
    assert sorted(r[1] for r in await _records(db)) == [Decimal(20), Decimal(24)]
