"""The demand report against a hand-computed fixture: four OPDs (a candidate needs 2),
a retired competency, an employee who moved OPD between two needs, a need of another
year; the coverage by programs; the workbook read back cell by cell."""

from __future__ import annotations

import io
from datetime import date, datetime, timezone
from decimal import Decimal

import openpyxl

from bot.clock import FixedClock
from bot.i18n import t
from bot.services.compliance.summary import Targets, report_year
from bot.services.needs.catalogue import set_program_competencies
from bot.services.needs.declaring import declare
from bot.services.needs.demand import coverage, demand, need_rows
from bot.services.needs.files import render_chart, write_workbook
from bot.services.needs.window import WindowRule, set_window
from models import Competency, Employee
from models.db import Database
from models.enums import LearningForm, ProgramStatus
from tests.factories import NOW, make_competency, make_employee, make_opd, make_program, make_record

TODAY = date(2026, 11, 28)
RULE = WindowRule()
TARGETS = Targets(Decimal(20), Decimal(20))


async def _fixture(db: Database) -> dict[str, object]:
    async with db.writing() as s:
        await set_window(s, 2026, date(2026, 1, 1), date(2026, 12, 31), "test", NOW)
        await set_window(s, 2025, date(2025, 1, 1), date(2025, 12, 31), "test", NOW)
        a, b, c, d = [await make_opd(s, name) for name in ("Dinas A", "Dinas B", "Dinas C", "Dinas D")]
        pk = await make_competency(s, "PK-01", "Pengelolaan Keuangan Daerah", "teknis")
        ak = await make_competency(s, "AK-01", "Analisis Kebijakan", "manajerial")
        old = await make_competency(s, "OLD-01", "Tata Naskah Lama", "teknis")
        e1 = await make_employee(s, opd=a, name="Andi", phone=None, nip="198503142010031001")
        e2 = await make_employee(s, opd=b, name="Besse", phone=None, nip="198601012011012002")
        e3 = await make_employee(s, opd=c, name="Cakra", phone=None, nip="198702022012011003")
        e4 = await make_employee(s, opd=a, name="Dewi", phone=None, nip="198803032013012004")
        await make_record(s, e2, "20", date(2026, 6, 1))  # met: not behind
        await make_record(s, e1, "5", date(2026, 6, 1))   # 5 < 18.2 expected: behind
        at = datetime(2026, 11, 28, 2, tzinfo=timezone.utc)
        await declare(s, e1.id, pk.id, LearningForm.E_LEARNING, TODAY, at, RULE)
        await declare(s, e1.id, ak.id, None, TODAY, at, RULE)
        await declare(s, e2.id, pk.id, LearningForm.KLASIKAL, TODAY, at, RULE)
        await declare(s, e3.id, pk.id, None, TODAY, at, RULE)  # in Dinas C
        e3.opd_id = d.id  # moved to Dinas D, then declares again
        await s.flush()
        await declare(s, e3.id, ak.id, None, TODAY, at, RULE)
        await declare(s, e4.id, old.id, LearningForm.WEBINAR, TODAY, at, RULE)
        await declare(s, e1.id, old.id, None, date(2025, 3, 1), at, RULE)  # another year
        old.retired_at = NOW  # retired after being asked for
        published = await make_program(s, code="P-PK", title="Bimtek Keuangan", quota=10,
                                       start=datetime(2026, 12, 7, 8, tzinfo=timezone.utc))
        published.seats_taken = 3
        draft = await make_program(s, code="P-AK", status=ProgramStatus.DRAFT)
        past = await make_program(s, code="P-OLD", start=datetime(2026, 2, 1, 8, tzinfo=timezone.utc))
        await set_program_competencies(s, published.id, [pk.id])
        await set_program_competencies(s, draft.id, [ak.id])
        await set_program_competencies(s, past.id, [pk.id])
        return {"a": a.id, "pk": pk.id, "ak": ak.id, "old": old.id}


async def test_demand_numbers_by_hand(db: Database, clock: FixedClock) -> None:
    ids = await _fixture(db)
    year = report_year(2026, TODAY, TARGETS)
    async with db.reading() as s:
        found = await demand(s, year, TARGETS)
        lines = [(d.code, d.employees, d.opds, d.behind, d.forms, d.candidate, d.retired) for d in found.lines]
        assert found.min_opds == 2 and found.opds_total == 4
        assert lines == [
            ("PK-01", 3, 3, 2, {"e_learning": 1, "klasikal": 1, "": 1}, True, False),
            ("AK-01", 2, 2, 2, {"": 2}, True, False),  # Dinas A and Dinas D (after the move)
            ("OLD-01", 1, 1, 1, {"webinar": 1}, False, True),
        ]
        mine = await demand(s, year, TARGETS, opd_id=ids["a"])  # type: ignore[arg-type]
        assert [(d.code, d.employees, d.opds, d.behind, d.candidate) for d in mine.lines] == [
            ("AK-01", 1, 1, 1, False), ("PK-01", 1, 1, 1, False), ("OLD-01", 1, 1, 1, False)]  # by name
        high = await demand(s, year, TARGETS, min_opds=3)
        assert [d.candidate for d in high.lines] == [True, False, False]
        supply = await coverage(s, found, clock.now())
        assert [(x.code, x.programs, x.seats) for x in supply] == [
            ("PK-01", [("P-PK", "Bimtek Keuangan", 7)], 7), ("AK-01", [], 0), ("OLD-01", [], 0)]
        last_year = await demand(s, report_year(2025, TODAY, TARGETS), TARGETS)
        assert [(d.code, d.employees) for d in last_year.lines] == [("OLD-01", 1)]


async def test_workbook_read_back_cell_by_cell(db: Database, clock: FixedClock) -> None:
    await _fixture(db)
    year = report_year(2026, TODAY, TARGETS)
    label = lambda key: t("id", key)  # noqa: E731
    out = io.BytesIO()
    async with db.reading() as s:
        found = await demand(s, year, TARGETS)
        written = await write_workbook(out, found, await coverage(s, found, clock.now()),
                                       need_rows(s, year, TARGETS), label)
        assert render_chart(found, label).startswith(b"\x89PNG")
    assert written == 6
    book = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
    summary, cover, needs = (book[name] for name in ("Ringkasan", "Ketersediaan", "Kebutuhan"))
    rows = [list(r) for r in summary.iter_rows(values_only=True)]
    assert rows[0] == ["Kode", "Kompetensi", "Jenis", "Pegawai", "OPD", "Tertinggal", "Klasikal",
                       "E-learning", "Webinar", "Coaching/mentoring", "Tidak ada preferensi",
                       "Calon massal", "Dihentikan"]
    assert rows[1] == ["PK-01", "Pengelolaan Keuangan Daerah", "Teknis", 3, 3, 2, 1, 1, 0, 0, 1, "ya", None]
    assert rows[3] == ["OLD-01", "Tata Naskah Lama", "Teknis", 1, 1, 1, 0, 0, 1, 0, 0, None, "ya"]
    assert [list(r) for r in cover.iter_rows(min_row=2, values_only=True)] == [
        ["PK-01", "Pengelolaan Keuangan Daerah", 3, "P-PK Bimtek Keuangan", 7],
        ["AK-01", "Analisis Kebijakan", 2, None, 0], ["OLD-01", "Tata Naskah Lama", 1, None, 0]]
    people = [list(r) for r in needs.iter_rows(min_row=2, values_only=True)]
    assert people[0] == ["198503142010031001", "Andi", "Dinas A", "Bidang Uji", "PK-01",
                         "Pengelolaan Keuangan Daerah", "Teknis", 1, "E-learning", None, 5, "ya"]
    assert needs["A2"].data_type == "s"  # text, never a number
    assert [(r[0][-4:], r[2], r[4], r[7]) for r in people] == [
        ("1001", "Dinas A", "PK-01", 1), ("1001", "Dinas A", "AK-01", 2),
        ("2004", "Dinas A", "OLD-01", 1), ("2002", "Dinas B", "PK-01", 1),
        ("1003", "Dinas C", "PK-01", 1), ("1003", "Dinas D", "AK-01", 2)]
    assert people[2][5] == "Tata Naskah Lama (dihentikan)"
    assert people[3][10:] == [20, None]  # met: not behind


__all__ = ["Competency", "Employee"]
