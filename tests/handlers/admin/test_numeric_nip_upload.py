"""Issue 13.3 through the bot: the attendance file with a NIP stored as a number is
refused with the row, the column and how to fix it; nobody is credited."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.services.programs.enrollment import enroll
from models import AdminRole, JpRecord
from models.db import Database
from models.enums import AdminRoleKind
from tests.bot_harness import BotHarness
from tests.factories import NOW, WITA, make_employee, make_program
from tests.fixtures.hostile.xlsx import HERE
from tests.units import in_unit

ADMIN = 6300001


async def test_attendance_upload_with_a_numeric_nip_is_refused_with_row_and_fix(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    async with db.writing() as s:
        s.add(AdminRole(telegram_user_id=ADMIN, role=AdminRoleKind.SUPERADMIN, created_at=NOW))
        await make_employee(s, phone=None, nip="198503142010031002", name="Andi")
        budi = await make_employee(s, phone=None, nip="198503142010031008", name="Budi")
        program = await make_program(s, code="LATSAR-9", jp="24",
                                     start=datetime(2026, 11, 20, 8, tzinfo=WITA))
        program.registration_opens_at = datetime(2026, 11, 1, tzinfo=WITA)
        program.registration_closes_at = datetime(2026, 11, 19, tzinfo=WITA)
        ids = (budi.id, program.id)
    clock.set(datetime(2026, 11, 10, tzinfo=WITA))
    await in_unit(db, enroll, *ids, clock.now())
    clock.set(datetime(2026, 11, 28, tzinfo=WITA))

    data = (HERE / "attendance_numeric_nip.xlsx").read_bytes()
    harness.request.files["hostile-att"] = data
    reply = await harness.send(harness.updates.document(ADMIN, "hostile-att", "hadir.xlsx", len(data)))

    assert "Baris 2, kolom nip" in reply and "format kolom NIP sebagai Teks" in reply
    async with db.reading() as s:
        assert await s.scalar(select(func.count()).select_from(JpRecord)) == 0
