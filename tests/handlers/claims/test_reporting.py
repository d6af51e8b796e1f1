"""/lapor through process_update: the whole flow (across a restart), every refusal,
/batal, expiry, old and forged buttons."""

from __future__ import annotations

from bot.presentation.buttons.claims import ClaimCategory, ClaimGroup, ClaimScope
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from bot.app import build_application
from bot.clock import FixedClock
from bot.i18n import t
from bot.services import dialogs
from bot.settings import Settings
from models import Dialog, Employee, JpClaim, JpRecord, JpRule, TelegramAccount
from models.db import Database
from models.enums import JpCategory, JpSource, JpStatus
from bot.services.claims.reporting import ClaimError, Invalid
from handlers.claims.views import error_text
from tests.factories import NOW, link_account, make_employee, make_opd, make_record
from tests.handlers.claims.helpers import (
    MB,
    alert,
    buttons,
    data_of,
    pdf,
    press,
    report_seminar,
    track,
)
from tests.bot_harness import BotHarness
from tests.ptb_offline import RecordingRequest

ANDI, STRANGER = 6300001, 6300002


@pytest.fixture
def bot(harness: BotHarness) -> BotHarness:
    return track(harness)


async def _andi(db: Database, language: str = "id") -> int:
    async with db.writing() as s:
        employee = await make_employee(s, opd=await make_opd(s, "Dinas Kesehatan"), phone=None)
        await link_account(s, employee, ANDI, language)
        return employee.id


async def _counts(db: Database) -> tuple[int, int]:
    async with db.reading() as s:
        records = await s.scalar(select(func.count()).select_from(JpRecord))
        claims = await s.scalar(select(func.count()).select_from(JpClaim))
    return int(records or 0), int(claims or 0)


async def _step(db: Database, user: int = ANDI) -> str | None:
    async with db.reading() as s:
        row = await s.get(Dialog, user)
        return row.step if row else None


async def test_the_whole_flow_survives_a_restart(
    bot: BotHarness, settings: Settings, db: Database, clock: FixedClock
) -> None:
    employee_id = await _andi(db)
    start = await bot.text(ANDI, "/lapor")
    assert "Lapor pengembangan kompetensi" in start and "/batal" in start
    await press(bot, ANDI, "Klasikal")
    assert "Seminar/konferensi" in buttons(bot) and "Coaching" not in buttons(bot)
    await press(bot, ANDI, "Kembali")
    await press(bot, ANDI, "Nonklasikal")
    assert "Coaching" in buttons(bot)
    await press(bot, ANDI, "Kembali")
    await press(bot, ANDI, "Klasikal")
    assert "nama kegiatan" in await press(bot, ANDI, "Seminar")
    assert "penyelenggara" in await bot.text(ANDI, "  Seminar Nasional   Kebijakan Publik ")
    assert "dimulai" in await bot.text(ANDI, "LAN RI")
    assert "selesai" in await bot.text(ANDI, "2 November 2026")
    assert await _step(db) == "end"

    # The bot restarts: a new Application (and engine) on the same database.
    await bot.app.shutdown()
    request = RecordingRequest()
    database = Database(db.url)
    app = build_application(settings, database, clock, request=request, rate_limit=False)
    await app.initialize()
    try:
        restarted = track(BotHarness(app, request))
        assert "nasional atau internasional" in await restarted.text(ANDI, "03/11/2026")
        await press(restarted, ANDI, "Nasional")
        proposal = await restarted.text(ANDI, "2")
        assert "Usulan: <b>8 JP</b>" in proposal
        assert "2 hari × 4 JP = 8 JP" in proposal
        assert "10 MB" in proposal and "⚠️" not in proposal
        summary = await restarted.send(restarted.updates.photo(ANDI, "photo-1", 300_000))
        assert "Kegiatan: <b>Seminar Nasional Kebijakan Publik</b>" in summary
        assert "Tanggal: 2 Nov 2026 – 3 Nov 2026" in summary and "Usulan JP: <b>8 JP</b>" in summary
        done = await press(restarted, ANDI, "Kirim")
        assert "menunggu verifikasi" in done and "/saldo" in done
        balance = await restarted.text(ANDI, "/saldo")
        assert "Menunggu verifikasi (belum dihitung): 8 JP dari 1 catatan" in balance
        assert "Disetujui: <b>0 JP</b>" in balance
    finally:
        await app.shutdown()
        await database.dispose()
    async with db.reading() as s:
        record = await s.scalar(select(JpRecord))
        claim = await s.scalar(select(JpClaim))
    assert record is not None and claim is not None
    assert (record.employee_id, record.status, record.source) == (employee_id, JpStatus.PENDING,
                                                                  JpSource.SELF_REPORT)
    assert (record.title, record.organiser, record.category) == (
        "Seminar Nasional Kebijakan Publik", "LAN RI", JpCategory.SEMINAR)
    assert (record.start_date, record.end_date) == (date(2026, 11, 2), date(2026, 11, 3))
    assert (claim.jp_record_id, claim.evidence_file_id, claim.evidence_kind) == (record.id, "photo-1", "photo")
    assert await _step(db) is None


async def test_only_linked_employees(bot: BotHarness, db: Database) -> None:
    assert await bot.text(STRANGER, "/lapor") == t("id", "link.needed")
    assert await _step(db, STRANGER) is None


async def test_batal_at_any_step_leaves_nothing(bot: BotHarness, db: Database) -> None:
    await _andi(db)
    summary = await report_seminar(bot, ANDI)
    assert "Periksa laporan Anda" in summary
    send = data_of(bot, "Kirim")
    assert await bot.text(ANDI, "/batal") == t("id", "dialog.cancelled")
    assert await _counts(db) == (0, 0) and await _step(db) is None
    # The old "send" button does nothing now.
    await bot.send(bot.updates.callback(ANDI, send))
    assert alert(bot) == t("id", "claim.stale")
    assert await _counts(db) == (0, 0)

    # The summary's own cancel button ends it too.
    await report_seminar(bot, ANDI)
    assert await press(bot, ANDI, "Batal") == t("id", "dialog.cancelled")
    assert await _counts(db) == (0, 0) and await _step(db) is None


async def test_a_draft_left_alone_expires(
    bot: BotHarness, settings: Settings, db: Database, clock: FixedClock
) -> None:
    await _andi(db)
    await bot.text(ANDI, "/lapor")
    await press(bot, ANDI, "Klasikal")
    await press(bot, ANDI, "Seminar")
    clock.set(clock.now() + timedelta(hours=settings.draft_expiry_hours, seconds=1))
    assert await bot.text(ANDI, "Seminar Nasional") == t("id", "dialog.expired")
    assert await _step(db) is None and await _counts(db) == (0, 0)
    # Before the limit the draft is kept: every answer moves the expiry on.
    await bot.text(ANDI, "/lapor")
    await press(bot, ANDI, "Klasikal")
    await press(bot, ANDI, "Seminar")
    clock.set(clock.now() + timedelta(hours=settings.draft_expiry_hours - 1))
    assert "penyelenggara" in await bot.text(ANDI, "Seminar Nasional")


async def test_every_refusal_says_what_to_do_and_keeps_the_step(
    bot: BotHarness, db: Database
) -> None:
    await _andi(db)
    await bot.text(ANDI, "/lapor")
    assert await bot.text(ANDI, "seminar") == t("id", "dialog.use_buttons")  # buttons here
    await press(bot, ANDI, "Klasikal")
    await press(bot, ANDI, "Seminar")
    photo = await bot.send(bot.updates.photo(ANDI, "early", 1000))
    assert photo == t("id", "claim.expect_text")
    assert "paling sedikit 3 karakter" in await bot.text(ANDI, "ab")
    assert "paling banyak 300 karakter" in await bot.text(ANDI, "x" * 301)
    await bot.text(ANDI, "Seminar Nasional Kebijakan Publik")
    assert "paling banyak 200" in await bot.text(ANDI, "y" * 201)
    await bot.text(ANDI, "LAN RI")
    assert "tidak dikenali" in await bot.text(ANDI, "minggu lalu")
    assert "tidak ada di kalender" in await bot.text(ANDI, "31/02/2026")
    assert "setelah hari ini" in await bot.text(ANDI, "29/11/2026")
    await bot.text(ANDI, "03/11/2026")
    assert "sebelum tanggal mulai" in await bot.text(ANDI, "02/11/2026")
    assert "setelah hari ini" in await bot.text(ANDI, "1 Desember 2026")
    await bot.text(ANDI, "04/11/2026")
    assert await bot.text(ANDI, "nasional") == t("id", "dialog.use_buttons")
    await press(bot, ANDI, "Internasional")
    assert "Paling banyak 2:" in await bot.text(ANDI, "3")
    assert "angka bulat" in await bot.text(ANDI, "1,5")
    assert "lebih dari 0" in await bot.text(ANDI, "0")
    assert "Tulis sebuah angka" in await bot.text(ANDI, "dua")
    proposal = await bot.text(ANDI, "2")
    assert "2 hari × 6 JP = 12 JP" in proposal  # international seminar
    assert await _step(db) == "evidence"
    text = await bot.text(ANDI, "sudah saya kirim")
    assert "foto" in text and "PDF" in text and "10 MB" in text
    word = await bot.send(pdf(bot, ANDI, name="sertifikat.docx", mime="application/msword"))
    assert "10 MB" in word and "PDF" in word
    big = await bot.send(pdf(bot, ANDI, size=10 * MB + 1))
    assert "terlalu besar" in big and "10 MB" in big
    assert await _step(db) == "evidence" and await _counts(db) == (0, 0)
    summary = await bot.send(pdf(bot, ANDI))
    assert "Bukti: PDF ✓" in summary and "Skala: 🌏 Internasional" in summary
    await press(bot, ANDI, "Kirim")
    async with db.reading() as s:
        claim = await s.scalar(select(JpClaim))
    assert claim is not None and claim.evidence_kind == "document" and claim.international


async def test_a_closed_year_is_refused_with_the_reason(bot: BotHarness, db: Database) -> None:
    await _andi(db)
    await bot.text(ANDI, "/lapor")
    await press(bot, ANDI, "Klasikal")
    await press(bot, ANDI, "Seminar")
    await bot.text(ANDI, "Seminar Akhir Tahun")
    await bot.text(ANDI, "LAN RI")
    await bot.text(ANDI, "2025-12-01")
    closed = await bot.text(ANDI, "2025-12-02")
    assert "tahun JP berjalan (Kamis, 1 Januari 2026 – Kamis, 31 Desember 2026)" in closed
    assert "admin OPD" in closed and await _step(db) == "end"


async def test_units_other_than_days(bot: BotHarness, db: Database) -> None:
    await _andi(db)
    # E-learning: lesson hours, at most 3 JP a day.
    await bot.text(ANDI, "/lapor")
    await press(bot, ANDI, "Nonklasikal")
    await press(bot, ANDI, "E-learning")
    for answer in ("Kursus Daring Manajemen ASN", "Platform ASN Unggul", "2/11/2026", "3/11/2026"):
        await bot.text(ANDI, answer)
    asked = await press(bot, ANDI, "Nasional")
    assert "jam pelajaran" in asked and "45 menit" in asked
    proposal = await bot.text(ANDI, "10")
    assert "Usulan: <b>6 JP</b>" in proposal and "dibatasi 3 JP per hari × 2 hari = 6 JP" in proposal
    # Internship: per activity, no quantity asked.
    await bot.text(ANDI, "/lapor")
    await press(bot, ANDI, "Nonklasikal")
    await press(bot, ANDI, "Magang")
    for answer in ("Magang di Kementerian PANRB", "KemenPANRB", "1/10/2026", "31/10/2026"):
        await bot.text(ANDI, answer)
    proposal = await press(bot, ANDI, "Internasional")
    assert "Usulan: <b>24 JP</b>" in proposal and await _step(db) == "evidence"
    # Structured training: the JP on the certificate, +20% abroad.
    await bot.text(ANDI, "/lapor")
    await press(bot, ANDI, "Klasikal")
    await press(bot, ANDI, "Teknis")
    for answer in ("Pelatihan Analis Kebijakan", "LAN RI", "2/11/2026", "6/11/2026"):
        await bot.text(ANDI, answer)
    assert "tertulis di sertifikat" in await press(bot, ANDI, "Internasional")
    assert "paling banyak 120" in await bot.text(ANDI, "121")
    assert "Usulan: <b>36 JP</b>" in await bot.text(ANDI, "30")


async def test_guidance_sessions_count_the_month(bot: BotHarness, db: Database) -> None:
    employee_id = await _andi(db)
    async with db.writing() as s:
        employee = await s.get(Employee, employee_id)
        assert employee is not None
        await make_record(s, employee, "2", date(2026, 11, 5), category=JpCategory.BIMBINGAN_KERJA,
                          title="Bimbingan SKP")
    await bot.text(ANDI, "/lapor")
    await press(bot, ANDI, "Nonklasikal")
    await press(bot, ANDI, "Bimbingan di tempat kerja")
    for answer in ("Bimbingan penyusunan laporan", "Kepala Bidang", "10/11/2026", "11/11/2026"):
        await bot.text(ANDI, answer)
    await press(bot, ANDI, "Nasional")
    refused = await bot.text(ANDI, "2")
    assert "paling banyak 2 sesi per bulan" in refused and "sudah tercatat 1 sesi" in refused
    assert await _step(db) == "quantity"
    assert "Usulan: <b>2 JP</b>" in await bot.text(ANDI, "1")


async def test_a_likely_duplicate_is_flagged_but_may_be_sent(bot: BotHarness, db: Database) -> None:
    employee_id = await _andi(db)
    async with db.writing() as s:
        employee = await s.get(Employee, employee_id)
        assert employee is not None
        existing = await make_record(s, employee, "8", date(2026, 11, 3), category=JpCategory.SEMINAR,
                                     title="SEMINAR NASIONAL KEBIJAKAN PUBLIK")
    summary = await report_seminar(bot, ANDI)
    assert "sudah tercatat" in summary
    done = await press(bot, ANDI, "Kirim")
    assert "kemungkinan duplikat" in done
    async with db.reading() as s:
        claim = await s.scalar(select(JpClaim))
    assert claim is not None and claim.duplicate_of_id == existing.id


async def test_old_forged_and_foreign_buttons_change_nothing(bot: BotHarness, db: Database) -> None:
    await _andi(db)
    await bot.text(ANDI, "/lapor")
    group = data_of(bot, "Klasikal")
    pressed = ClaimGroup.parse(group)
    assert pressed is not None
    nonce = pressed.nonce
    await bot.send(bot.updates.callback(ANDI, f"claim.kind:{nonce}:tidak_ada"))  # no such type
    assert alert(bot) == t("id", "callback.expired")
    await bot.send(bot.updates.callback(ANDI, ClaimScope(nonce, False)))  # not this step
    assert alert(bot) == t("id", "claim.stale")
    other = "000000" if nonce != "000000" else "111111"
    await bot.send(bot.updates.callback(ANDI, ClaimCategory(other, JpCategory.SEMINAR)))  # another draft
    assert alert(bot) == t("id", "claim.stale")
    await bot.send(bot.updates.callback(ANDI, "claim.kind:zz:seminar"))  # malformed
    assert alert(bot) == t("id", "callback.expired")
    await bot.send(bot.updates.callback(STRANGER, ClaimCategory(nonce, JpCategory.SEMINAR)))
    assert alert(bot) == t("id", "link.needed_short")
    assert await _step(db) == "category"
    # A new /lapor starts a new draft: the first draft's buttons are dead.
    await bot.text(ANDI, "/lapor")
    await bot.send(bot.updates.callback(ANDI, group))
    assert alert(bot) == t("id", "claim.stale")
    await press(bot, ANDI, "Klasikal")
    await press(bot, ANDI, "Seminar")
    assert await _step(db) == "title"


async def test_in_english(bot: BotHarness, db: Database) -> None:
    await _andi(db, "en")
    assert "Report competency development" in await bot.text(ANDI, "/report")
    await press(bot, ANDI, "Classroom")
    assert "name of the activity" in await press(bot, ANDI, "Seminar")
    await bot.text(ANDI, "National Public Policy Seminar")
    await bot.text(ANDI, "LAN RI")
    assert "cannot be after today" in await bot.text(ANDI, "2026-12-01")
    await bot.text(ANDI, "2026-11-02")
    await bot.text(ANDI, "2026-11-02")
    await press(bot, ANDI, "National")
    assert "Proposed: <b>4 JP</b>" in await bot.text(ANDI, "1")
    assert "Check your report" in await bot.send(bot.updates.photo(ANDI, "p", 1000))
    assert "waiting for verification" in await press(bot, ANDI, "Send")


async def test_dialog_rows_are_only_this_users(db: Database, clock: FixedClock) -> None:
    """The draft is keyed by the Telegram user: someone else's answers never mix in."""
    async with db.writing() as s:
        await dialogs.save(s, ANDI, dialogs.DialogState("claim", "title", {"n": "abcdef"}),
                           clock.now(), timedelta(hours=1))
        assert (await dialogs.current(s, STRANGER, clock.now())).state is None


async def _program_abroad(bot: BotHarness, language: str) -> str:
    """/lapor an international managerial training of 24 JP, up to the proposal."""
    classical, technical, abroad = (
        ("Klasikal", "Manajerial", "Internasional") if language == "id"
        else ("Classroom", "Managerial", "International"))
    await bot.text(ANDI, "/lapor")
    await press(bot, ANDI, classical)
    await press(bot, ANDI, technical)
    for answer in ("Data Analytics for Public Policy", "NUS Singapore", "2/11/2026", "6/11/2026"):
        await bot.text(ANDI, answer)
    await press(bot, ANDI, abroad)
    return await bot.text(ANDI, "24")


async def test_the_working_uses_the_readers_decimal_mark(bot: BotHarness, db: Database) -> None:
    await _andi(db)
    proposal = await _program_abroad(bot, "id")
    assert "Usulan: <b>28,8 JP</b>" in proposal
    assert "24 JP program × 1,2 = 28,8 JP" in proposal and "1.2" not in proposal
    async with db.writing() as s:
        account = await s.scalar(
            select(TelegramAccount).where(TelegramAccount.telegram_user_id == ANDI))
        assert account is not None
        account.language = "en"
    proposal = await _program_abroad(bot, "en")
    assert "Proposed: <b>28.8 JP</b>" in proposal
    assert "24 program JP × 1.2 = 28.8 JP" in proposal and "1,2" not in proposal


async def test_a_rule_changed_before_send_asks_again(
    bot: BotHarness, db: Database, clock: FixedClock
) -> None:
    """The summary said 8 JP; a superadmin then made seminars 5 JP a day. "Kirim" sends
    nothing, shows 10 JP with the working and asks again; the old button is dead."""
    await _andi(db)
    summary = await report_seminar(bot, ANDI)
    assert "Usulan JP: <b>8 JP</b>" in summary
    old_send = data_of(bot, "Kirim")
    async with db.writing() as s:
        s.add(JpRule(category=JpCategory.SEMINAR, unit="day", jp_national=Decimal(5),
                     jp_international=Decimal(8), max_jp_per_day=None,
                     max_sessions_per_month=None, updated_at=clock.now(), updated_by="cli"))
    again = await press(bot, ANDI, "Kirim")
    assert "Aturan konversi JP berubah" in again and "belum dikirim" in again
    assert "Usulan sekarang <b>10 JP</b> (sebelumnya 8 JP)" in again
    assert "2 hari × 5 JP = 10 JP" in again and "Usulan JP: <b>10 JP</b>" in again
    assert await _counts(db) == (0, 0) and await _step(db) == "confirm"
    await bot.send(bot.updates.callback(ANDI, old_send))  # a second press of the old button
    assert alert(bot) == t("id", "claim.stale")
    assert await _counts(db) == (0, 0)
    done = await press(bot, ANDI, "Kirim")
    assert "Usulan 10 JP" in done and "menunggu verifikasi" in done
    async with db.reading() as s:
        record = await s.scalar(select(JpRecord))
        claim = await s.scalar(select(JpClaim))
    assert record is not None and record.jp == Decimal(10)
    assert claim is not None and claim.proposed_jp == Decimal(10)
    assert claim.working == [["rule.step.day", {"quantity": "2", "rate": "5", "jp": "10"}]]


async def test_a_session_cap_on_another_activity_names_it(bot: BotHarness, db: Database) -> None:
    await _andi(db, "en")
    async with db.writing() as s:
        s.add(JpRule(category=JpCategory.COACHING, unit="session", jp_national=Decimal(2),
                     jp_international=Decimal(2), max_jp_per_day=None, max_sessions_per_month=1,
                     updated_at=NOW, updated_by="cli"))
    await bot.text(ANDI, "/report")
    await press(bot, ANDI, "Non-classroom")
    await press(bot, ANDI, "Coaching")
    for answer in ("Performance coaching", "Head of division", "9/11/2026", "10/11/2026"):
        await bot.text(ANDI, answer)
    await press(bot, ANDI, "National")
    refused = await bot.text(ANDI, "2")
    assert "Sessions of Coaching count up to 1 a month" in refused
    assert "guidance" not in refused and await _step(db) == "quantity"
    values = {"category": JpCategory.COACHING, "max": 1, "used": 0, "left": 1}
    indonesian = error_text("id", Invalid(ClaimError.TOO_MANY_SESSIONS, values))
    assert indonesian.startswith("Coaching dihitung paling banyak 1 sesi per bulan")
    assert "Bimbingan" not in indonesian
