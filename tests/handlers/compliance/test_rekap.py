"""/rekap: superadmins see every OPD, OPD admins their units, others nothing."""

from __future__ import annotations

from bot.presentation.buttons.compliance import ComplianceTable, ComplianceWorkbook
from datetime import date
from io import BytesIO

import openpyxl

from models import AdminRole
from models.db import Database
from models.enums import AdminRoleKind
from tests.factories import NOW, make_employee, make_opd, make_record
from tests.bot_harness import BotHarness
from tests.ptb_offline import to_update

SUPER, OPD_ADMIN, STRANGER = 6400001, 6400002, 6400003


async def _setup(db: Database) -> None:
    async with db.writing() as s:
        a, b = await make_opd(s, "Dinas A"), await make_opd(s, "Dinas B")
        for name, opd, jp in (("Andi", a, "20"), ("Besse", a, "2"), ("Citra", b, "25")):
            employee = await make_employee(s, opd=opd, name=name, phone=None)
            employee.unit = "Sekretariat" if name != "Besse" else "Bidang Umum"
            await make_record(s, employee, jp, date(2026, 5, 5))
        s.add(AdminRole(telegram_user_id=SUPER, role=AdminRoleKind.SUPERADMIN, created_at=NOW))
        s.add(AdminRole(telegram_user_id=OPD_ADMIN, role=AdminRoleKind.OPD_ADMIN, opd_id=a.id,
                        created_at=NOW))


async def test_superadmin_sees_every_opd_with_chart_and_file(harness: BotHarness, db: Database) -> None:
    await _setup(db)
    text = await harness.text(SUPER, "/rekap")
    assert "Rekap pemenuhan JP 2026" in text and "Dinas A" in text and "Dinas B" in text
    assert "Total: 3 pegawai, 2 memenuhi target (67%)" in text
    (photo,) = harness.request.sent("sendPhoto")
    assert photo["_files"]["photo"][1][:4] == b"\x89PNG"

    by_name = await harness.send(harness.updates.callback(SUPER, ComplianceTable(2026, False)))
    assert by_name.index("Dinas A") < by_name.index("Dinas B")
    harness.request.clear()
    await harness.send(harness.updates.callback(SUPER, ComplianceWorkbook(2026)))
    (doc,) = harness.request.sent("sendDocument")
    book = openpyxl.load_workbook(BytesIO(doc["_files"]["document"][1]))
    assert book["Pegawai"].max_row == 4  # header and three employees


async def test_opd_admin_sees_only_their_units(harness: BotHarness, db: Database) -> None:
    await _setup(db)
    text = await harness.text(OPD_ADMIN, "/rekap")
    assert "Dinas A" in text and "Sekretariat" in text and "Bidang Umum" in text
    assert "Dinas B" not in text and "Citra" not in text
    harness.request.clear()
    await harness.send(harness.updates.callback(OPD_ADMIN, ComplianceWorkbook(2026)))
    (doc,) = harness.request.sent("sendDocument")
    book = openpyxl.load_workbook(BytesIO(doc["_files"]["document"][1]))
    names = [r[1] for r in book["Pegawai"].iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == ["Andi", "Besse"]


async def test_others_are_refused(harness: BotHarness, db: Database) -> None:
    await _setup(db)
    assert "hanya untuk admin" in await harness.text(STRANGER, "/rekap")
    await harness.send(harness.updates.callback(STRANGER, ComplianceWorkbook(2026)))
    assert harness.request.sent("sendDocument") == []
    await harness.send(harness.updates.callback(SUPER, ComplianceTable(2099, True)))  # a year not yet
    assert harness.request.sent("editMessageText") == []
