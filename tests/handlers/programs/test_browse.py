"""/program, cards, enroll, waitlist, cancel, calendar files and /kegiatanku, offline."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.context import AppContext
from bot.jobs.outbox import drain_once
from bot.context import app_context
from bot.i18n import t
from bot.presentation.buttons.admin import MarkAttendance
from bot.presentation.buttons.programs import (
    CancelEnrollment,
    Enroll,
    ProgramCalendar,
    ProgramCard,
    ProgramFilter,
    ProgramList,
)
from models import Employee, Enrollment, OutboxMessage
from models.db import Database
from models.enums import JpCategory, OutboxStatus, ProgramStatus
from tests.factories import WITA, link_account, make_employee, make_opd, make_program, make_record
from tests.bot_harness import BotHarness
from tests.ptb_offline import to_update

ANDI, BUDI, CITRA = 6100001, 6100002, 6100003


async def _setup(db: Database, *, quota: int = 10) -> dict[str, int]:
    async with db.writing() as s:
        opd = await make_opd(s)
        ids = {}
        for tg, name in ((ANDI, "Andi"), (BUDI, "Budi"), (CITRA, "Citra")):
            employee = await make_employee(s, opd=opd, name=name, phone=None)
            await link_account(s, employee, tg)
            ids[name] = employee.id
        ids["latsar"] = (await make_program(s, title="Pelatihan Analisis Kebijakan", quota=quota,
                                            start=datetime(2026, 12, 7, 8, tzinfo=WITA), days=2)).id
        ids["other_opd"] = (await make_program(s, title="Khusus OPD Lain",
                                               opds=[await make_opd(s)])).id
        return ids


async def test_list_card_enroll_and_calendar(harness: BotHarness, db: Database) -> None:
    ids = await _setup(db)
    listing = await harness.text(ANDI, "/program")
    assert "Program ASN Corpu" in listing and "Halaman 1 dari 1." in listing
    markup = harness.request.sent()[-1]["reply_markup"]
    buttons = [b for row in markup["inline_keyboard"] for b in row]
    assert any("Pelatihan Analisis Kebijakan" in b["text"] for b in buttons)
    assert not any("Khusus OPD Lain" in b["text"] for b in buttons)  # not for Andi's OPD

    card = await harness.send(harness.updates.callback(ANDI, ProgramCard(ids['latsar'])))
    assert "Bobot: <b>24 JP</b>" in card
    assert "Senin, 7 Desember 2026, 08.00–16.00 WITA" in card
    assert "Kursi tersisa: <b>10</b> dari 10" in card

    enrolled = await harness.send(harness.updates.callback(ANDI, Enroll(ids['latsar'])))
    assert "Pendaftaran berhasil" in enrolled and "Anda terdaftar" in enrolled
    assert "Kursi tersisa: <b>9</b>" in enrolled
    again = await harness.send(harness.updates.callback(ANDI, Enroll(ids['latsar'])))
    assert "sudah terdaftar" in again

    harness.request.clear()
    await harness.app.process_update(
        to_update(harness.updates.callback(ANDI, ProgramCalendar(ids['latsar'])), harness.app.bot)
    )
    (doc,) = harness.request.sent("sendDocument")
    file_name, data = doc["_files"]["document"]
    assert file_name.endswith(".ics")
    text = data.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.count("BEGIN:VEVENT") == 2
    assert "DTSTART:20261207T000000Z" in text  # 08:00 WITA is 00:00 UTC
    assert "DTSTART:20261208T000000Z" in text

    mine = await harness.text(ANDI, "/kegiatanku")
    assert "Pelatihan Analisis Kebijakan" in mine and "terdaftar" in mine


async def test_full_program_waitlist_and_promotion_notice(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    ids = await _setup(db, quota=1)
    assert "Pendaftaran berhasil" in await harness.send(
        harness.updates.callback(ANDI, Enroll(ids['latsar']))
    )
    waiting = await harness.send(harness.updates.callback(BUDI, Enroll(ids['latsar'])))
    assert "daftar tunggu, urutan ke-1" in waiting

    ask = await harness.send(harness.updates.callback(ANDI, CancelEnrollment(ids['latsar'])))
    assert "Batalkan pendaftaran" in ask
    done = await harness.send(harness.updates.callback(ANDI, CancelEnrollment(ids['latsar'], True)))
    assert "dibatalkan" in done

    # Budi's seat notice goes out through the outbox, once.
    ctx: AppContext = app_context(harness.app)
    harness.request.clear()
    assert await drain_once(harness.app.bot, ctx) == 1
    assert await drain_once(harness.app.bot, ctx) == 0
    (sent,) = harness.request.sent()
    assert sent["chat_id"] == BUDI and "Ada kursi untuk Anda" in sent["text"]


async def test_blocked_user_and_retry_after(harness: BotHarness, db: Database) -> None:
    ids = await _setup(db, quota=1)
    await harness.send(harness.updates.callback(ANDI, Enroll(ids['latsar'])))
    await harness.send(harness.updates.callback(BUDI, Enroll(ids['latsar'])))
    await harness.send(harness.updates.callback(CITRA, Enroll(ids['latsar'])))
    await harness.send(harness.updates.callback(ANDI, CancelEnrollment(ids['latsar'], True)))
    ctx: AppContext = app_context(harness.app)

    harness.request.fail_methods["sendMessage"] = (429, "Too Many Requests: retry after 30")
    assert await drain_once(harness.app.bot, ctx) == 0
    async with db.writing() as s:
        (row,) = (await s.scalars(select(OutboxMessage))).all()
        assert row.status == OutboxStatus.PENDING and row.due_at > ctx.clock.now()

    harness.request.fail_methods["sendMessage"] = (403, "Forbidden: bot was blocked by the user")
    async with db.writing() as s:
        row = (await s.scalars(select(OutboxMessage))).one()
        row.due_at = ctx.clock.now()
    assert await drain_once(harness.app.bot, ctx) == 0
    async with db.writing() as s:
        assert (await s.scalars(select(OutboxMessage))).one().status == OutboxStatus.BLOCKED


async def test_forged_and_stale_callbacks_change_nothing(harness: BotHarness, db: Database) -> None:
    ids = await _setup(db)
    for data in (
        Enroll(999999),  # a program that does not exist
        Enroll(ids['other_opd']),  # not meant for Andi (refused, not enrolled)
        CancelEnrollment(ids['latsar'], True),  # cancelling an enrollment Andi does not have
        "prog.card:abc:0:-:-",  # hand-made payload
        f"enroll:{ids['latsar']}:0;DROP",
        MarkAttendance(1, True),  # an admin action from an employee
    ):
        await harness.send(harness.updates.callback(ANDI, data))
    async with db.writing() as s:
        assert await s.scalar(select(func.count()).select_from(Enrollment)) == 0
    answers = harness.request.sent("answerCallbackQuery")
    assert answers  # every press is answered

    refused = await harness.send(harness.updates.callback(ANDI, Enroll(ids['other_opd'])))
    assert "tidak ditujukan untuk Anda" in refused and "Khusus OPD Lain" not in refused


async def test_a_forged_card_or_calendar_button_shows_nothing_of_another_opds_program(
    harness: BotHarness, db: Database
) -> None:
    ids = await _setup(db)
    async with db.writing() as s:
        other = await make_opd(s)
        secret = await make_program(s, title="Rapat Rahasia OPD B", opds=[other])
        secret.online_url = "https://zoom.example/j/8123?pwd=RAHASIA"
        secret.description = "Passcode: 998877"
        draft = await make_program(s, title="Draf Belum Terbit", status=ProgramStatus.DRAFT)
        draft.online_url = "https://zoom.example/j/999?pwd=DRAF"
    for program_id in (secret.id, draft.id):
        for pressed in (ProgramCard(program_id), ProgramCalendar(program_id)):
            harness.request.clear()
            await harness.app.process_update(
                to_update(harness.updates.callback(ANDI, pressed), harness.app.bot)
            )
            calls = harness.request.calls
            everything = " ".join(str(c.params) for c in calls)
            for leak in ("zoom.example", "RAHASIA", "998877", "Rapat Rahasia", "Draf Belum", "DRAF"):
                assert leak not in everything
            assert not harness.request.sent("sendDocument")
            (answer,) = harness.request.sent("answerCallbackQuery")
            assert answer["text"] == t("id", "program.not_for_you")
            assert answer["show_alert"] is True


async def test_unlinked_user_is_asked_to_link(harness: BotHarness, db: Database) -> None:
    await _setup(db)
    assert "Bagikan nomor HP" in await harness.text(7777777, "/program")
    assert "Bagikan nomor HP" in await harness.text(7777777, "/kegiatanku")


async def test_balance_behind_suggests_programs(harness: BotHarness, db: Database) -> None:
    ids = await _setup(db)
    async with db.writing() as s:
        andi = await s.get(Employee, ids["Andi"])
        assert andi is not None
        await make_record(s, andi, "4", date(2026, 5, 1))
    await harness.text(ANDI, "/saldo")
    texts = [c["text"] for c in harness.request.sent()]
    assert "Tertinggal" in texts[0]
    assert "Program yang dapat menutup kekurangan JP Anda" in texts[1]
    buttons = harness.request.sent()[1]["reply_markup"]["inline_keyboard"]
    assert "Pelatihan Analisis Kebijakan" in buttons[0][0]["text"]
    assert buttons[0][0]["callback_data"].startswith(f"prog.card:{ids['latsar']}:")


async def test_pages_filters_and_a_stale_page(harness: BotHarness, db: Database) -> None:
    async with db.writing() as s:
        opd = await make_opd(s)
        await link_account(s, await make_employee(s, opd=opd, phone=None), ANDI)
        for day in range(1, 8):
            await make_program(s, title=f"Program {day}", start=datetime(2026, 12, day + 1, 8, tzinfo=WITA),
                               category="seminar" if day == 7 else "teknis")
        await make_program(s, title="Januari", start=datetime(2027, 1, 12, 8, tzinfo=WITA))

    def labels() -> list[str]:
        markup = harness.request.calls[-1].params["reply_markup"]
        return [b["text"] for row in markup["inline_keyboard"] for b in row]

    first = await harness.text(ANDI, "/program")
    assert sum("Program" in label for label in labels()) == 5 and "▶️" in labels()
    assert "Halaman 1 dari 2." in first
    second = await harness.send(harness.updates.callback(ANDI, ProgramList(1)))
    assert "Halaman 2 dari 2." in second and "▶️" not in labels() and "◀️" in labels()
    await harness.send(harness.updates.callback(ANDI, ProgramList(1, JpCategory.SEMINAR)))  # stale page
    assert [label for label in labels() if "·" in label] == [labels()[0]]
    assert "Program 7" in labels()[0]
    await harness.send(harness.updates.callback(ANDI, ProgramList(0, None, "202701")))
    assert "Januari" in labels()[0] and not any("Program" in label for label in labels())
    await harness.send(harness.updates.callback(ANDI, ProgramFilter("month")))
    assert labels()[:2] == ["Desember 2026", "Januari 2027"]
