"""The wording fixed for one formal voice: the winner's card, e-learning, the calendar
file's JP, a started program, a failure, unlinking twice and an empty admin list."""

from __future__ import annotations

from sqlalchemy import update

from bot.clock import FixedClock
from bot.i18n import t
from bot.presentation.buttons.admin import AdminPrograms
from bot.presentation.buttons.programs import Enroll, ProgramCalendar
from models import AdminRole, Program
from models.db import Database
from models.enums import AdminRoleKind, ProgramMethod
from tests.bot_harness import BotHarness
from tests.factories import NOW, link_account, make_employee, make_opd, make_program
from tests.ptb_offline import to_update

ANDI, BUDI, ADMIN, STRANGER = 6150001, 6150002, 6150003, 6150004


async def _world(db: Database, *, quota: int = 1, jp: str = "24", method: str | None = None) -> int:
    async with db.writing() as s:
        opd = await make_opd(s)
        for tg, name in ((ANDI, "Andi"), (BUDI, "Budi")):
            await link_account(s, await make_employee(s, opd=opd, name=name, phone=None), tg)
        program = await make_program(s, quota=quota, jp=jp)
        if method:
            program.method = method
        return program.id


async def test_the_winner_of_the_last_seat_reads_no_empty_waiting_list(
    harness: BotHarness, db: Database
) -> None:
    program = await _world(db, quota=1)
    card = await harness.send(harness.updates.callback(ANDI, Enroll(program)))
    assert t("id", "enroll.enrolled") in card
    assert "daftar tunggu: 0" not in card and "Kuota sudah terisi penuh." in card
    waiting = await harness.send(harness.updates.callback(BUDI, Enroll(program)))
    assert "Kami akan memberi tahu Anda bila ada kursi yang kosong." in waiting
    assert "Kuota penuh · daftar tunggu: 1 orang" in waiting


async def test_an_e_learning_enrollment_does_not_say_see_you_in_class(
    harness: BotHarness, db: Database
) -> None:
    program = await _world(db, quota=5, method=ProgramMethod.E_LEARNING)
    card = await harness.send(harness.updates.callback(ANDI, Enroll(program)))
    assert "Sampai jumpa di kelas" not in card and t("id", "enroll.enrolled_online") in card


async def test_the_calendar_file_writes_jp_as_the_card_does(harness: BotHarness, db: Database) -> None:
    program = await _world(db, quota=5, jp="12")
    harness.request.clear()
    await harness.app.process_update(
        to_update(harness.updates.callback(ANDI, ProgramCalendar(program)), harness.app.bot))
    (doc,) = harness.request.sent("sendDocument")
    text = doc["_files"]["document"][1].decode()
    assert " · 12 JP" in text and "12.00" not in text


async def test_a_started_program_refuses_in_short_formal_sentences(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    program = await _world(db, quota=5)
    async with db.writing() as s:
        await s.execute(update(Program).where(Program.id == program).values(starts_at=NOW))
    card = await harness.send(harness.updates.callback(ANDI, Enroll(program)))
    assert t("id", "refusal.started") in card and "didaftari" not in card


async def test_unlinking_an_unlinked_account_says_how_to_link(harness: BotHarness) -> None:
    reply = await harness.text(STRANGER, "/putus")
    assert "memang" not in reply and "/start" in reply


async def test_an_empty_admin_program_list_points_to_the_operator(
    harness: BotHarness, db: Database
) -> None:
    async with db.writing() as s:
        s.add(AdminRole(telegram_user_id=ADMIN, role=AdminRoleKind.SUPERADMIN, created_at=NOW))
    reply = await harness.send(harness.updates.callback(ADMIN, AdminPrograms(0)))
    assert "import-programs" not in reply and "operator" in reply


def test_the_generic_error_offers_a_way_out_in_both_languages() -> None:
    assert "admin OPD Anda" in t("id", "error.generic") and t("id", "error.generic").count("lagi") == 1
    assert "OPD admin" in t("en", "error.generic")
    assert "didaftari" not in t("id", "refusal.started")


def test_the_bot_speaks_as_kami_never_saya() -> None:
    from bot.i18n import CATALOGUES
    import re
    # "saya" / "Saya" only where the user speaks (menu labels such as 👥 Tim Saya).
    for key, text in CATALOGUES["id"].items():
        if key.startswith(("cmd.", "menu.", "mydata.filename")):
            continue
        assert not re.search(r"\bsaya\b", text, re.IGNORECASE), key
    for key, text in CATALOGUES["en"].items():  # "t.me" links aside: cli.* is the operator's
        if key.startswith(("cmd.", "menu.", "link.", "cli.")):
            continue
        assert not re.search(r"\b(I|me)\b", text.replace("I/O", "")), key
