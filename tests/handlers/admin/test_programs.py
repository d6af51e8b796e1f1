"""/admin for superadmins: publish, close, cancel, participants XLSX and attendance."""

from __future__ import annotations

from bot.presentation.buttons.admin import (
    AdminProgram,
    AdminPrograms,
    AuditWorkbook,
    MarkAttendance,
    ParticipantsWorkbook,
    ProgramAction,
)
from bot.services.programs.administration import AdminAction
from datetime import datetime
from io import BytesIO

import openpyxl
from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.i18n import t
from bot.presentation.menus import help_text
from bot.services.programs.enrollment import enroll
from models import AdminRole, Enrollment, JpRecord, Opd, OutboxMessage, Program
from models.db import Database
from models.enums import AdminRoleKind, ProgramStatus
from tests.units import in_unit
from tests.factories import NOW, WITA, link_account, make_employee, make_opd, make_program
from tests.bot_harness import BotHarness
from tests.ptb_offline import to_update

ADMIN, ANDI, BUDI = 6200001, 6200002, 6200003


async def _setup(db: Database, clock: FixedClock, *, status: str = ProgramStatus.PUBLISHED) -> dict[str, int]:
    async with db.writing() as s:
        s.add(AdminRole(telegram_user_id=ADMIN, role=AdminRoleKind.SUPERADMIN, created_at=NOW))
        opd = await make_opd(s, "Dinas Kesehatan")
        ids: dict[str, int] = {}
        for tg, name in ((ANDI, "Andi"), (BUDI, "Budi")):
            employee = await make_employee(s, opd=opd, name=name, phone=None)
            await link_account(s, employee, tg)
            ids[name] = employee.id
        program = await make_program(s, code="LATSAR-01", title="Latsar", quota=1, jp="12.5",
                                     status=status, start=datetime(2026, 12, 1, 8, tzinfo=WITA))
        ids["program"] = program.id
    return ids


async def _cb(harness: BotHarness, user: int, data: str) -> str:
    return await harness.send(harness.updates.callback(user, data))


async def test_only_superadmins_and_forged_admin_buttons_do_nothing(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    ids = await _setup(db, clock)
    assert await harness.text(ANDI, "/admin") == help_text("id")  # the ordinary help
    await _cb(harness, ANDI, ProgramAction(ids['program'], AdminAction.CANCEL, True))
    (answer,) = harness.request.sent("answerCallbackQuery")
    assert answer["show_alert"] is True and "khusus admin" in answer["text"]
    async with db.writing() as s:
        assert (await s.get(Program, ids["program"])).status == ProgramStatus.PUBLISHED  # type: ignore[union-attr]


async def test_publish_close_and_cancel_with_notices(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    ids = await _setup(db, clock, status=ProgramStatus.DRAFT)
    listing = await harness.text(ADMIN, "/admin")
    assert "Kelola program" in listing
    card = await _cb(harness, ADMIN, AdminProgram(ids['program']))
    assert "LATSAR-01" in card and "draf" in card
    published = await _cb(harness, ADMIN, ProgramAction(ids['program'], AdminAction('publish')))
    assert "diterbitkan" in published
    await in_unit(db, enroll, ids["Andi"], ids["program"], clock.now())
    await in_unit(db, enroll, ids["Budi"], ids["program"], clock.now())  # waitlisted

    closed = await _cb(harness, ADMIN, ProgramAction(ids['program'], AdminAction('close')))
    assert "Pendaftaran ditutup" in closed
    assert "tidak berlaku" in await _cb(harness, ADMIN, ProgramAction(ids['program'], AdminAction('close')))

    assert "Batalkan program ini?" in await _cb(harness, ADMIN, ProgramAction(ids['program'], AdminAction('cancel')))
    done = await _cb(harness, ADMIN, ProgramAction(ids['program'], AdminAction.CANCEL, True))
    assert "2 orang diberi tahu" in done
    async with db.writing() as s:
        kinds = (await s.scalars(select(OutboxMessage.kind))).all()
    assert sorted(kinds) == ["program_cancelled", "program_cancelled"]


async def test_download_mark_and_upload_attendance(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    ids = await _setup(db, clock)
    async with db.writing() as s:
        (await s.get(Program, ids["program"])).quota = 2  # type: ignore[union-attr]
    await in_unit(db, enroll, ids["Andi"], ids["program"], clock.now())
    await in_unit(db, enroll, ids["Budi"], ids["program"], clock.now())

    harness.request.clear()
    await harness.app.process_update(
        to_update(harness.updates.callback(ADMIN, ParticipantsWorkbook(ids['program'])), harness.app.bot)
    )
    (doc,) = harness.request.sent("sendDocument")
    name, data = doc["_files"]["document"]
    assert name == "peserta-LATSAR-01.xlsx"
    sheet = openpyxl.load_workbook(BytesIO(data)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Kode program", "NIP", "Nama", "OPD", "Status", "Urutan", "Hadir")  # the catalogue's
    assert [r[2] for r in rows[1:]] == ["Andi", "Budi"]
    assert all(isinstance(r[1], str) and len(r[1]) == 18 for r in rows[1:])

    # Too early: the program starts on 1 December.
    async with db.writing() as s:
        andi_enrollment = await s.scalar(select(Enrollment.id).where(Enrollment.employee_id == ids["Andi"]))
    assert "belum dimulai" in await _cb(harness, ADMIN, MarkAttendance(andi_enrollment, True))

    clock.set(datetime(2026, 12, 1, 17, tzinfo=WITA))
    assert "JP peserta dicatat" in await _cb(harness, ADMIN, MarkAttendance(andi_enrollment, True))
    assert "Sudah tercatat" in await _cb(harness, ADMIN, MarkAttendance(andi_enrollment, True))

    # The downloaded list, filled in and sent back (twice): Budi completes once.
    workbook = openpyxl.load_workbook(BytesIO(data))
    sheet = workbook.active
    assert sheet is not None
    sheet["G2"], sheet["G3"] = "ya", "Ya"
    out = BytesIO()
    workbook.save(out)
    harness.request.files["att-1"] = out.getvalue()
    upload = harness.updates.document(ADMIN, "att-1", "peserta-LATSAR-01.xlsx", len(out.getvalue()))
    first = await harness.send(upload)
    assert "1 selesai" in first and "1 sudah tercatat" in first
    again = await harness.send(harness.updates.document(ADMIN, "att-1", "x.xlsx", 10))
    assert "0 selesai" in again and "2 sudah tercatat" in again
    async with db.writing() as s:
        assert await s.scalar(select(func.count()).select_from(JpRecord)) == 2

    # A bad file: nothing recorded, rows named.
    sheet["G2"] = "mungkin"
    out = BytesIO()
    workbook.save(out)
    harness.request.files["att-2"] = out.getvalue()
    bad = await harness.send(harness.updates.document(ADMIN, "att-2", "p.xlsx", len(out.getvalue())))
    assert "Baris 2, kolom hadir" in bad

    # Employees sending files get a pointer, not an error.
    harness.request.files["att-3"] = b"x"
    assert "tidak dapat diproses" in await harness.send(
        harness.updates.document(ANDI, "att-3", "sertifikat.pdf", 1)
    )


async def test_finish_after_the_last_session(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    ids = await _setup(db, clock)
    assert "tidak berlaku" in await _cb(harness, ADMIN, ProgramAction(ids['program'], AdminAction('finish')))
    clock.set(datetime(2026, 12, 2, 9, tzinfo=WITA))
    await _cb(harness, ADMIN, AdminProgram(ids['program']))
    assert "Tandai program selesai" in str(harness.request.sent("editMessageText")[-1]["reply_markup"])
    assert "ditandai selesai" in await _cb(harness, ADMIN, ProgramAction(ids['program'], AdminAction('finish')))
    async with db.writing() as s:
        assert (await s.get(Program, ids["program"])).status == ProgramStatus.COMPLETED  # type: ignore[union-attr]


async def test_admin_actions_are_on_the_audit_trail(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    ids = await _setup(db, clock, status=ProgramStatus.DRAFT)
    await _cb(harness, ADMIN, ProgramAction(ids['program'], AdminAction('publish')))
    await _cb(harness, ANDI, ProgramAction(ids['program'], AdminAction('close')))  # refused: not on the trail
    harness.request.clear()
    await harness.send(harness.updates.callback(ADMIN, AuditWorkbook()))
    (doc,) = harness.request.sent("sendDocument")
    rows = list(openpyxl.load_workbook(BytesIO(doc["_files"]["document"][1])).active.iter_rows(values_only=True))
    assert rows[0] == ("Waktu", "Oleh", "Tindakan", "Sasaran", "Rincian")
    assert [(r[1], r[2], r[3]) for r in rows[1:]] == [
        (f"tg:{ADMIN}", "program_publish", f"program:{ids['program']}")
    ]
    harness.request.clear()
    await harness.send(harness.updates.callback(ANDI, AuditWorkbook()))
    assert harness.request.sent("sendDocument") == []


async def test_opd_admin_gets_their_menu(harness: BotHarness, db: Database, clock: FixedClock) -> None:
    await _setup(db, clock)
    async with db.writing() as s:
        dinas = (await s.scalars(select(Opd))).first()
        assert dinas is not None
        s.add(AdminRole(telegram_user_id=BUDI, role=AdminRoleKind.OPD_ADMIN, opd_id=dinas.id,
                        created_at=NOW))
    text = await harness.text(BUDI, "/admin")
    assert "Menu admin OPD" in text and "/rekap" in text


async def test_the_program_list_says_the_page_and_the_total(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    await _setup(db, clock)
    async with db.writing() as s:
        for n in range(8):  # 9 in all: 2 pages of 8
            await make_program(s, title=f"Program {n}")
    assert "Halaman 1 dari 2." in await _cb(harness, ADMIN, AdminPrograms(0).encode())
    assert "Halaman 2 dari 2." in await _cb(harness, ADMIN, AdminPrograms(1).encode())
