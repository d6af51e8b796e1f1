"""Issue 13.4: no download turns text from users or imports into a formula.

Every XLSX the bot writes (the compliance workbook, the participants file, the list of the
unlinked, the audit trail) goes through bot/services/spreadsheets/writer.py; each is fed
the hostile texts of tests/fixtures/hostile/formula_text.json wherever user data lands
(names, OPDs, units, positions, program titles, audit details) and read back from the
sheet XML itself: no `<f>` element anywhere, and every hostile text in a string cell.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from xml.etree import ElementTree

from bot.i18n import t
from bot.services.announcements.desk import unlinked_workbook
from bot.services.announcements.lifecycle import UnlinkedPerson
from bot.services.audit import record
from bot.services.audit_trail import trail_workbook
from bot.services.compliance.files import write_workbook
from bot.services.compliance.summary import Targets, employee_rows, report_year, summary
from bot.services.programs.administration import participants, participants_workbook
from models import AdminRole, Enrollment, Program
from models.db import Database
from models.enums import AdminRoleKind
from tests.factories import NOW, make_employee, make_opd, make_program
from tests.fixtures.hostile.xlsx import HERE

HOSTILE: list[str] = json.loads((HERE / "formula_text.json").read_text())["values"]
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
ADMIN = 6400001


def label(key: str) -> str:
    return t("id", key)


def cells(data: bytes) -> dict[str, list[tuple[str | None, str]]]:
    """Per sheet part: (cell type, text) of every cell; asserts that no cell is a formula."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    shared: list[str] = []
    if "xl/sharedStrings.xml" in archive.namelist():
        root = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))
        shared = ["".join(t.text or "" for t in si.iter(f"{_NS}t")) for si in root.iter(f"{_NS}si")]
    found: dict[str, list[tuple[str | None, str]]] = {}
    for name in archive.namelist():
        if not name.startswith("xl/worksheets/") or not name.endswith(".xml"):
            continue
        raw = archive.read(name)
        assert b"<f>" not in raw and b"<f " not in raw, name
        root = ElementTree.fromstring(raw)
        assert root.find(f".//{_NS}f") is None, name
        found[name] = []
        for cell in root.iter(f"{_NS}c"):
            kind = cell.get("t")
            if kind == "inlineStr":
                value = "".join(t.text or "" for t in cell.iter(f"{_NS}t"))
            elif kind == "s":
                value = shared[int(cell.findtext(f"{_NS}v") or "0")]
            else:
                value = cell.findtext(f"{_NS}v") or ""
            found[name].append((kind, value))
    return found


def expected(value: str) -> str:
    """The text as it reads back: characters XML cannot carry are dropped by the writer
    (a CR is kept, escaped as `&#13;`)."""
    return _XML_ILLEGAL.sub("", value)


def assert_all_strings(data: bytes, values: list[str]) -> None:
    every = [cell for sheet in cells(data).values() for cell in sheet]
    for value in values:
        kinds = {kind for kind, text in every if text == expected(value)}
        assert kinds, f"{value!r} not in the workbook"
        assert kinds <= {"s", "inlineStr"}, (value, kinds)


async def test_the_compliance_workbook_writes_names_opds_units_and_positions_as_text(db: Database) -> None:
    async with db.writing() as s:
        for n, hostile in enumerate(HOSTILE):
            opd = await make_opd(s, f"{hostile} #{n}")
            person = await make_employee(s, opd=opd, name=hostile)
            person.unit, person.position = hostile, hostile
    targets = Targets(Decimal(20), Decimal(24))
    year = report_year(2026, date(2026, 7, 2), targets)
    async with db.reading() as s:
        rows = await summary(s, year, targets)
    out = io.BytesIO()
    async with db.reading() as s:
        await write_workbook(out, year, rows, employee_rows(s, year), label, (targets.pns, targets.pppk))
    assert_all_strings(out.getvalue(), HOSTILE + [f"{h} #{n}" for n, h in enumerate(HOSTILE)])


async def test_the_participants_file_writes_names_opds_and_the_program_title_as_text(db: Database) -> None:
    async with db.writing() as s:
        program = await make_program(s, code="P-HOSTILE", title=HOSTILE[0])
        for n, hostile in enumerate(HOSTILE):
            person = await make_employee(s, opd=await make_opd(s, f"{hostile} #{n}"), name=hostile, phone=None)
            s.add(Enrollment(program_id=program.id, employee_id=person.id, status="enrolled",
                             queue_no=n + 1, created_at=NOW, updated_at=NOW))
    for title in HOSTILE:  # the title heads a column of the notes sheet
        async with db.writing() as s:
            found = await s.get(Program, program.id)
            assert found is not None
            found.title = title
            people = await participants(s, program.id)
        data = participants_workbook(found, people, label)
        assert_all_strings(data, HOSTILE + [title])


def test_the_unlinked_list_writes_every_field_as_text() -> None:
    people = [UnlinkedPerson(nip=h, name=h, opd=h, unit=h) for h in HOSTILE]
    data = unlinked_workbook(people, "Belum tertaut", (HOSTILE[0], HOSTILE[1], HOSTILE[2], HOSTILE[3]))
    assert_all_strings(data, HOSTILE)


async def test_the_audit_trail_writes_actors_targets_and_details_as_text(db: Database) -> None:
    async with db.writing() as s:
        s.add(AdminRole(telegram_user_id=ADMIN, role=AdminRoleKind.SUPERADMIN, created_at=NOW))
        for hostile in HOSTILE:  # actor and action are short columns (40 characters)
            await record(s, hostile[:40], hostile[:40], datetime(2026, 11, 1, tzinfo=NOW.tzinfo),
                         target=hostile[:40], note=hostile)
    async with db.reading() as s:
        data, count = await trail_workbook(s, ADMIN, NOW.tzinfo, label)  # type: ignore[arg-type]
    assert count == len(HOSTILE)
    assert_all_strings(data, [h[:40] for h in HOSTILE] + [f"note={h}" for h in HOSTILE])


def test_genuine_numbers_stay_numbers() -> None:
    from bot.services.spreadsheets.writer import Column, single_sheet

    data, _ = single_sheet("JP", [Column("Nama"), Column("JP")], [["-5", Decimal("-12.5")], ["+5", 3]])
    sheet = cells(data)["xl/worksheets/sheet1.xml"]
    assert ("n", "-12.5") in sheet and ("n", "3") in sheet
    assert ("inlineStr", "-5") in sheet and ("inlineStr", "+5") in sheet
