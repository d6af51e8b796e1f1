"""Compliance figures against hand-computed fixtures; the XLSX and PNG read back."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from bot.i18n import t
from bot.services.compliance.summary import Targets, employee_rows, report_year, summary
from bot.services.compliance.files import CATEGORIES, render_chart, write_workbook
from models.db import Database
from models.enums import EmployeeType, JpCategory, JpStatus
from tests.factories import link_account, make_employee, make_opd, make_record

TARGETS = Targets(Decimal(20), Decimal(24))
TODAY = date(2026, 7, 2)  # day 183 of 365: 10.0 JP expected of 20, 12.0 of 24


async def _fixture(db: Database) -> dict[str, int]:
    """Dinas A: Andi 20 JP (met), Besse 12 (on track), Citra PPPK 22 (< 24: not met,
    on track), Dedi none at all (behind), Eko 8 approved + 30 pending + 50 rejected
    (behind), plus 25 JP from last year for Andi (other year). Dinas B: Fajar 9.5,
    Gita 30 (met)."""
    async with db.writing() as s:
        a = await make_opd(s, "Dinas A")
        b = await make_opd(s, "Dinas B")
        people = {}
        for name, opd, kind, unit in (
            ("Andi", a, EmployeeType.PNS, "Sekretariat"), ("Besse", a, EmployeeType.PNS, "Bidang 1"),
            ("Citra", a, EmployeeType.PPPK, "Bidang 1"), ("Dedi", a, EmployeeType.PNS, None),
            ("Eko", a, EmployeeType.PNS, "Sekretariat"), ("Fajar", b, EmployeeType.PNS, "Umum"),
            ("Gita", b, EmployeeType.PNS, "Umum"),
        ):
            employee = await make_employee(s, opd=opd, name=name, employee_type=kind, phone=None)
            employee.unit = unit
            people[name] = employee
        e = people
        await make_record(s, e["Andi"], "12", date(2026, 3, 1), category=JpCategory.TEKNIS)
        await make_record(s, e["Andi"], "8", date(2026, 5, 1), category=JpCategory.SEMINAR)
        await make_record(s, e["Andi"], "25", date(2025, 12, 31))
        await make_record(s, e["Besse"], "12", date(2026, 1, 1))
        await make_record(s, e["Citra"], "22", date(2026, 6, 30))
        await make_record(s, e["Eko"], "8", date(2026, 2, 2))
        await make_record(s, e["Eko"], "30", date(2026, 2, 3), status=JpStatus.PENDING)
        await make_record(s, e["Eko"], "50", date(2026, 2, 4), status=JpStatus.REJECTED)
        await make_record(s, e["Fajar"], "9.5", date(2026, 4, 4))
        await make_record(s, e["Gita"], "30", date(2026, 4, 4))
        await link_account(s, e["Andi"], 9_100_001)
        await link_account(s, e["Fajar"], 9_100_002)
        return {"a": a.id, "b": b.id}


async def test_per_opd_summary(db: Database) -> None:
    await _fixture(db)
    year = report_year(2026, TODAY, TARGETS)
    assert (year.expected_pns, year.expected_pppk) == (Decimal("10.0"), Decimal("12.0"))
    async with db.reading() as s:
        rows = await summary(s, year, TARGETS)
    a, b = rows
    assert (a.name, a.employees, a.linked, a.met, a.behind) == ("Dinas A", 5, 1, 1, 2)
    assert a.average_jp == Decimal("12.4")  # (20 + 12 + 22 + 0 + 8) / 5
    assert (b.name, b.employees, b.linked, b.met, b.behind) == ("Dinas B", 2, 1, 1, 1)
    assert b.met_share == Decimal("0.5")


async def test_last_year_is_judged_against_the_whole_target(db: Database) -> None:
    await _fixture(db)
    year = report_year(2025, TODAY, TARGETS)
    assert year.as_of == date(2025, 12, 31) and year.expected_pns == 20
    async with db.reading() as s:
        rows = await summary(s, year, TARGETS)
    a = rows[0]
    assert (a.met, a.behind) == (1, 4)  # only Andi's 25 JP of 2025


async def test_per_unit_for_an_opd(db: Database) -> None:
    ids = await _fixture(db)
    year = report_year(2026, TODAY, TARGETS)
    async with db.reading() as s:
        rows = await summary(s, year, TARGETS, opd_id=ids["a"])
    assert [(r.name, r.employees, r.met) for r in rows] == [
        ("-", 1, 0), ("Bidang 1", 2, 0), ("Sekretariat", 2, 1)
    ]


async def test_workbook_and_chart(db: Database) -> None:
    await _fixture(db)
    year = report_year(2026, TODAY, TARGETS)
    async with db.reading() as s:
        rows = await summary(s, year, TARGETS)
    out = io.BytesIO()
    async with db.writing() as s:
        written = await write_workbook(
            out, year, rows, employee_rows(s, year), lambda key: t("id", key),
            (TARGETS.pns, TARGETS.pppk),
        )
    assert written == 7
    book = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
    assert book.sheetnames == ["Ringkasan", "Pegawai"]
    first = list(book["Ringkasan"].iter_rows(values_only=True))
    assert first[0][0] == "OPD / unit"
    assert first[1:] == [("Dinas A", 5, 1, 1, 20.0, 12.4, 2), ("Dinas B", 2, 1, 1, 50.0, 19.8, 1)]
    people = {r[1]: r for r in book["Pegawai"].iter_rows(min_row=2, values_only=True)}
    header = next(book["Pegawai"].iter_rows(max_row=1, values_only=True))
    teknis = header.index("Teknis")
    andi = people["Andi"]
    assert andi[6] == 20 and andi[7] == "memenuhi" and andi[teknis] == 12
    assert isinstance(andi[0], str) and len(andi[0]) == 18
    assert people["Dedi"][6] == 0 and people["Dedi"][7] == "tertinggal"
    assert people["Citra"][7] == "sesuai jadwal"  # 22 of 24, ahead of 12 expected
    assert people["Eko"][6] == 8  # pending and rejected not counted
    assert len(header) == 8 + len(CATEGORIES)
    # Andi's row, cell by cell: 12 JP technical + 8 JP seminar; nothing elsewhere.
    expected = {"Teknis": 12, "Seminar/konferensi": 8}
    assert andi[2:8] == ("Dinas A", "Sekretariat", "Analis", "PNS", 20, "memenuhi")
    assert {header[i]: v for i, v in enumerate(andi) if i >= 8 and v is not None} == expected
    assert [r[1] for r in book["Pegawai"].iter_rows(min_row=2, values_only=True)] == [
        "Andi", "Besse", "Citra", "Dedi", "Eko", "Fajar", "Gita"
    ]  # OPD, then name order

    png = render_chart(rows, year, lambda key: t("id", key), width_px=1000)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    from PIL import Image

    image = Image.open(io.BytesIO(png))
    assert image.size[0] == 1000 and image.size[1] >= 400


@pytest.mark.parametrize("language", ["id", "en"])
def test_labels_exist(language: str) -> None:
    assert t(language, "report.chart_expected").format(pct=50)
