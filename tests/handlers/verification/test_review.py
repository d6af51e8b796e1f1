"""/verifikasi through process_update: scope, the card, approve / adjust / reject, the
employee's notice with the new balance, and buttons in the wrong hands."""

from __future__ import annotations

import pytest
from bot.presentation.buttons.verification import Approve, ApproveOther, Evidence, NextClaim, Reject
from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.context import AppContext
from bot.i18n import t
from bot.presentation.menus import help_text
from bot.jobs.outbox import drain_once
from bot.settings import Settings
from models import AdminRole, AuditLog, Dialog, JpClaim, JpRecord, Opd, OutboxMessage
from models.db import Database
from models.enums import AdminRoleKind, JpStatus
from tests.factories import NOW, link_account, make_admin, make_employee, make_opd
from tests.handlers.claims.helpers import alert, data_of, press, report_seminar, track
from tests.bot_harness import BotHarness

ANDI, BUDI, SUPER, HEALTH_ADMIN, WORKS_ADMIN, NOBODY = 6400001, 6400002, 6400003, 6400004, 6400005, 6400006


@pytest.fixture
def bot(harness: BotHarness) -> BotHarness:
    return track(harness)


async def _world(bot: BotHarness, db: Database) -> dict[str, int]:
    """Andi (Dinas Kesehatan) and Budi (Dinas PU) each report a seminar; admins of both."""
    async with db.writing() as s:
        health, works = await make_opd(s, "Dinas Kesehatan"), await make_opd(s, "Dinas PU")
        for tg, name, opd in ((ANDI, "Andi Makkawaru", health), (BUDI, "Budi Santoso", works)):
            await link_account(s, await make_employee(s, opd=opd, name=name, phone=None), tg)
        # Admins are employees too: the superadmin works in Dinas PU.
        await make_admin(s, SUPER, works, name="Dewi Sartika", superadmin=True)
        await make_admin(s, HEALTH_ADMIN, health, name="Citra Lestari")
        await make_admin(s, WORKS_ADMIN, works, name="Eko Prasetyo")
    for user, title, photo in ((ANDI, "Seminar Kesehatan Masyarakat", "photo-1"),
                               (BUDI, "Seminar Jalan dan Jembatan", "photo-2")):
        await report_seminar(bot, user, title=title, photo=photo)
        await press(bot, user, "Kirim")
    async with db.reading() as s:
        claims = list(await s.scalars(select(JpClaim).order_by(JpClaim.id)))
    return {"andi": claims[0].id, "budi": claims[1].id,
            "andi_record": claims[0].jp_record_id, "budi_record": claims[1].jp_record_id}


async def _status(db: Database, record_id: int) -> tuple[str, str]:
    async with db.reading() as s:
        record = await s.get(JpRecord, record_id)
    assert record is not None
    return record.status, str(record.jp.normalize())


async def _drain(bot: BotHarness, settings: Settings, db: Database, clock: FixedClock) -> list[str]:
    bot.request.clear()
    await drain_once(bot.app.bot, AppContext(settings, db, clock))
    return [str(m["text"]) for m in bot.request.sent()]


async def _decisions(db: Database) -> int:
    async with db.reading() as s:
        return int(await s.scalar(
            select(func.count()).select_from(AuditLog).where(AuditLog.action != "claim.submit")
        ) or 0)


async def test_the_card_approve_and_the_employee_told_the_new_balance(
    bot: BotHarness, settings: Settings, db: Database, clock: FixedClock
) -> None:
    ids = await _world(bot, db)
    card = await bot.text(SUPER, "/verifikasi")
    assert f"Verifikasi laporan #{ids['andi']}</b> (2 menunggu)" in card  # oldest first
    assert "Andi Makkawaru · NIP" in card and "Dinas Kesehatan" in card
    assert "<b>Seminar Kesehatan Masyarakat</b>" in card and "Penyelenggara: LAN RI" in card
    assert "Usulan: <b>8 JP</b>" in card and "2 hari × 4 JP = 8 JP" in card
    assert "duplikat" not in card and "Berkas bukti yang sama" not in card

    await press(bot, SUPER, "Bukti")
    (photo,) = bot.request.sent("sendPhoto")
    assert photo["photo"] == "photo-1" and "Seminar Kesehatan Masyarakat" in photo["caption"]

    done = await press(bot, SUPER, "Setujui 8 JP")
    assert "Disetujui: <b>Seminar Kesehatan Masyarakat</b>, 8 JP" in done
    assert f"Verifikasi laporan #{ids['budi']}" in done  # the next one, at once
    assert await _status(db, ids["andi_record"]) == (JpStatus.APPROVED, "8")

    (message,) = await _drain(bot, settings, db, clock)
    assert "Seminar Kesehatan Masyarakat</b> disetujui: <b>8 JP</b>" in message
    assert "Saldo JP 2026 Anda: <b>8 JP</b> dari target 20 JP" in message
    assert "Disetujui: <b>8 JP</b>" in await bot.text(ANDI, "/saldo")


async def test_adjust_with_typed_jp(
    bot: BotHarness, settings: Settings, db: Database, clock: FixedClock
) -> None:
    ids = await _world(bot, db)
    await bot.text(SUPER, "/verifikasi")
    asked = await press(bot, SUPER, "ubah JP")
    assert "usulan 8 JP" in asked
    assert "Tulis sebuah angka" in await bot.text(SUPER, "enam")
    assert "lebih dari 0" in await bot.text(SUPER, "0")
    assert "paling banyak 999,99" in await bot.text(SUPER, "1000")
    assert await _status(db, ids["andi_record"]) == (JpStatus.PENDING, "8")
    done = await bot.text(SUPER, "6,5")
    assert "Disetujui dengan penyesuaian: <b>Seminar Kesehatan Masyarakat</b>, 6,5 JP" in done
    assert await _status(db, ids["andi_record"]) == (JpStatus.APPROVED, "6.5")
    (message,) = await _drain(bot, settings, db, clock)
    assert "penyesuaian" in message and "<b>6,5 JP</b>" in message
    async with db.reading() as s:
        assert await s.get(Dialog, SUPER) is None  # the typed answer ended the flow


async def test_reject_needs_a_reason_and_the_employee_gets_it(
    bot: BotHarness, settings: Settings, db: Database, clock: FixedClock
) -> None:
    ids = await _world(bot, db)
    await bot.text(HEALTH_ADMIN, "/verifikasi")
    asked = await press(bot, HEALTH_ADMIN, "Tolak")
    assert "alasan penolakan" in asked and "300 karakter" in asked
    assert "paling sedikit 3 karakter" in await bot.text(HEALTH_ADMIN, "no")
    assert "paling banyak 300" in await bot.text(HEALTH_ADMIN, "x" * 301)
    assert await bot.send(bot.updates.photo(HEALTH_ADMIN, "p", 10)) == t("id", "verify.expect_text")
    done = await bot.text(HEALTH_ADMIN, "Sertifikat tidak terbaca, kirim ulang yang jelas")
    assert "Ditolak: <b>Seminar Kesehatan Masyarakat</b>" in done
    assert t("id", "verify.empty") in done  # Budi's claim is not in this OPD
    assert (await _status(db, ids["andi_record"]))[0] == JpStatus.REJECTED
    (message,) = await _drain(bot, settings, db, clock)
    assert "tidak disetujui" in message and "Sertifikat tidak terbaca" in message
    assert "/lapor" in message


async def test_skip_goes_round_the_queue(bot: BotHarness, db: Database) -> None:
    ids = await _world(bot, db)
    await bot.text(SUPER, "/verifikasi")
    assert f"#{ids['budi']}" in await press(bot, SUPER, "Lewati")
    assert f"#{ids['andi']}" in await press(bot, SUPER, "Lewati")  # from the oldest again
    assert await _status(db, ids["andi_record"]) == (JpStatus.PENDING, "8")


async def test_the_second_admin_is_told_it_was_decided(bot: BotHarness, db: Database) -> None:
    ids = await _world(bot, db)
    await bot.text(HEALTH_ADMIN, "/verifikasi")
    late_button = data_of(bot, "Setujui 8 JP")
    await bot.text(SUPER, "/verifikasi")
    await press(bot, SUPER, "Tolak")
    await bot.text(SUPER, "Bukan kegiatan pengembangan kompetensi")
    answer = await bot.send(bot.updates.callback(HEALTH_ADMIN, late_button))
    assert "sudah diputuskan lebih dahulu oleh admin lain (ditolak)" in answer
    assert (await _status(db, ids["andi_record"]))[0] == JpStatus.REJECTED
    assert await _decisions(db) == 1


async def test_an_opd_admin_outside_their_opd_is_refused(bot: BotHarness, db: Database) -> None:
    ids = await _world(bot, db)
    mine = await bot.text(HEALTH_ADMIN, "/verifikasi")
    assert "Andi Makkawaru" in mine and "(1 menunggu)" in mine and "Budi" not in mine
    budi = ids["budi"]
    await bot.send(bot.updates.callback(HEALTH_ADMIN, Approve(budi)))
    assert alert(bot) == t("id", "verify.not_allowed")
    for kind in (ApproveOther, Reject, Evidence):
        await bot.send(bot.updates.callback(HEALTH_ADMIN, kind(budi)))
        assert alert(bot) == t("id", "verify.gone")
        assert bot.request.sent("sendPhoto") == []
    async with db.reading() as s:
        assert await s.get(Dialog, HEALTH_ADMIN) is None  # no typed answer awaited
    assert await _status(db, ids["budi_record"]) == (JpStatus.PENDING, "8")
    assert await _decisions(db) == 0


async def test_non_admins_get_help_and_their_presses_do_nothing(bot: BotHarness, db: Database) -> None:
    ids = await _world(bot, db)
    assert await bot.text(NOBODY, "/verifikasi") == help_text("id")
    assert await bot.text(ANDI, "/verify") == help_text("id")
    for user in (NOBODY, ANDI):
        for kind in (Approve, ApproveOther, Reject, Evidence, NextClaim):
            await bot.send(bot.updates.callback(user, kind(ids["andi"])))
            assert alert(bot) == t("id", "verify.not_allowed")
    assert await _status(db, ids["andi_record"]) == (JpStatus.PENDING, "8")
    assert await _decisions(db) == 0
    async with db.reading() as s:
        assert int(await s.scalar(select(func.count()).select_from(OutboxMessage)) or 0) == 0


async def test_a_role_withdrawn_mid_way_stops_the_typed_answer(bot: BotHarness, db: Database) -> None:
    ids = await _world(bot, db)
    await bot.text(HEALTH_ADMIN, "/verifikasi")
    await press(bot, HEALTH_ADMIN, "ubah JP")
    async with db.writing() as s:
        role = await s.scalar(select(AdminRole).where(AdminRole.telegram_user_id == HEALTH_ADMIN))
        await s.delete(role)
    assert await bot.text(HEALTH_ADMIN, "5") == t("id", "verify.not_allowed")
    assert await _status(db, ids["andi_record"]) == (JpStatus.PENDING, "8")


async def test_an_empty_queue(bot: BotHarness, db: Database) -> None:
    async with db.writing() as s:
        await make_admin(s, SUPER)
    assert t("id", "verify.empty") in await bot.text(SUPER, "/verifikasi")


async def _claim_of(db: Database, title: str) -> JpClaim:
    async with db.reading() as s:
        claim = await s.scalar(
            select(JpClaim).join(JpRecord, JpRecord.id == JpClaim.jp_record_id)
            .where(JpRecord.title == title)
        )
    assert claim is not None
    return claim


async def _queue(bot: BotHarness, admin: int) -> list[str]:
    """Every card the admin is shown, going round the queue once with Lewati."""
    cards = [await bot.text(admin, "/verifikasi")]
    while True:
        nxt = await press(bot, admin, "Lewati")
        if nxt.split("Verifikasi laporan")[1][:6] == cards[0].split("Verifikasi laporan")[1][:6]:
            return cards
        cards.append(nxt)


async def test_admins_who_reported_never_see_nor_decide_their_own_claim(
    bot: BotHarness, db: Database
) -> None:
    """The health OPD admin works in Dinas Kesehatan and the superadmin in Dinas PU; both
    report through /lapor. Neither sees their own report, a hand-made button for it is
    refused and changes nothing; the other admin decides it."""
    await _world(bot, db)
    for admin, title, photo in ((HEALTH_ADMIN, "Seminar Gizi Masyarakat", "photo-3"),
                                (SUPER, "Seminar Tata Ruang", "photo-4")):
        await report_seminar(bot, admin, title=title, photo=photo)
        assert "menunggu verifikasi" in await press(bot, admin, "Kirim")
    citra = await _claim_of(db, "Seminar Gizi Masyarakat")
    dewi = await _claim_of(db, "Seminar Tata Ruang")

    health_cards = await _queue(bot, HEALTH_ADMIN)
    assert len(health_cards) == 1 and "Andi Makkawaru" in health_cards[0]
    assert "(1 menunggu)" in health_cards[0] and "Citra" not in health_cards[0]
    super_cards = await _queue(bot, SUPER)
    assert len(super_cards) == 3 and all("(3 menunggu)" in card for card in super_cards)
    assert any("Citra Lestari" in card for card in super_cards)
    assert not any("Dewi" in card for card in super_cards)

    for admin, claim in ((HEALTH_ADMIN, citra), (SUPER, dewi)):
        await bot.send(bot.updates.callback(admin, Approve(claim.id)))
        assert alert(bot) == t("id", "verify.own_claim")
        assert "admin lain" in alert(bot)
        for kind in (ApproveOther, Reject, Evidence):
            await bot.send(bot.updates.callback(admin, kind(claim.id)))
            assert alert(bot) == t("id", "verify.gone")
            assert bot.request.sent("sendPhoto") == []
        async with db.reading() as s:
            assert await s.get(Dialog, admin) is None  # no typed answer awaited
        assert await _status(db, claim.jp_record_id) == (JpStatus.PENDING, "8")
    assert await _decisions(db) == 0
    async with db.reading() as s:
        assert int(await s.scalar(select(func.count()).select_from(OutboxMessage)) or 0) == 0

    # The other admin decides: the superadmin Citra's, the Dinas PU admin Dewi's.
    await bot.send(bot.updates.callback(SUPER, Approve(citra.id)))
    await bot.send(bot.updates.callback(WORKS_ADMIN, Approve(dewi.id)))
    assert await _status(db, citra.jp_record_id) == (JpStatus.APPROVED, "8")
    assert await _status(db, dewi.jp_record_id) == (JpStatus.APPROVED, "8")


async def test_the_working_reads_as_plain_local_numbers(bot: BotHarness, db: Database) -> None:
    """A national internship (20 JP per activity) shows 20, not 2E+1; a claim stored
    before the fix with `2E+1` in its working reads the same."""
    await _world(bot, db)
    await bot.text(ANDI, "/lapor")
    await press(bot, ANDI, "Nonklasikal")
    await press(bot, ANDI, "Magang")
    for answer in ("Magang di Puskesmas Kota", "Dinas Kesehatan Provinsi", "1/10/2026",
                   "31/10/2026"):
        await bot.text(ANDI, answer)
    proposal = await press(bot, ANDI, "Nasional")
    assert "1 kegiatan × 20 JP = 20 JP" in proposal and "E+" not in proposal
    await bot.send(bot.updates.photo(ANDI, "photo-9", 1000))
    await press(bot, ANDI, "Kirim")
    claim = await _claim_of(db, "Magang di Puskesmas Kota")
    assert claim.working == [["rule.step.activity", {"quantity": "1", "rate": "20", "jp": "20"}]]
    async with db.writing() as s:  # as the earlier code stored it
        stored = await s.get(JpClaim, claim.id)
        assert stored is not None
        stored.working = [["rule.step.activity", {"quantity": "1", "rate": "2E+1", "jp": "2E+1"}]]
    cards = await _queue(bot, HEALTH_ADMIN)
    (card,) = [c for c in cards if "Magang di Puskesmas Kota" in c]
    assert "1 kegiatan × 20 JP = 20 JP" in card and "E+" not in card


async def test_the_same_evidence_file_is_flagged_to_both(bot: BotHarness, db: Database) -> None:
    """Budi sends the very certificate Andi sent (same file_unique_id): he is warned and
    may still send it; the verifier sees which report used it first."""
    await _world(bot, db)
    andi = await _claim_of(db, "Seminar Kesehatan Masyarakat")
    summary = await report_seminar(bot, BUDI, title="Seminar Jalan Desa", start="09/11/2026",
                                   end="10/11/2026", photo="photo-1")
    assert t("id", "claim.same_evidence_warning") in summary
    assert "kemungkinan duplikat" in await press(bot, BUDI, "Kirim")
    budi = await _claim_of(db, "Seminar Jalan Desa")
    card = await bot.text(WORKS_ADMIN, "/verifikasi")
    while f"#{budi.id}</b>" not in card:
        card = await press(bot, WORKS_ADMIN, "Lewati")
    assert ("Berkas bukti yang sama juga dipakai di: "
            f"laporan #{andi.id} (pegawai lain, menunggu)") in card
    # A file used once is not flagged.
    first = await _claim_of(db, "Seminar Jalan dan Jembatan")
    card = await bot.text(WORKS_ADMIN, "/verifikasi")
    assert f"#{first.id}</b>" in card and f"laporan #{budi.id}" not in card
