"""/verifikasi through process_update: scope, the card, approve / adjust / reject, the
employee's notice with the new balance, and buttons in the wrong hands."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.context import AppContext
from bot.i18n import t
from bot.sender import drain_once
from bot.settings import Settings
from models import AdminRole, AuditLog, Dialog, JpClaim, JpRecord, OutboxMessage
from models.db import Database
from models.enums import AdminRoleKind, JpStatus
from tests.factories import NOW, link_account, make_employee, make_opd
from tests.handlers.claim_helpers import alert, data_of, press, report_seminar, track
from tests.handlers.conftest import BotHarness

ANDI, BUDI, SUPER, HEALTH_ADMIN, WORKS_ADMIN, NOBODY = 6400001, 6400002, 6400003, 6400004, 6400005, 6400006


@pytest.fixture
def bot(harness: BotHarness) -> BotHarness:
    return track(harness)


async def _world(bot: BotHarness, db: Database) -> dict[str, int]:
    """Andi (Dinas Kesehatan) and Budi (Dinas PU) each report a seminar; admins of both."""
    async with db.transaction() as s:
        health, works = await make_opd(s, "Dinas Kesehatan"), await make_opd(s, "Dinas PU")
        for tg, name, opd in ((ANDI, "Andi Makkawaru", health), (BUDI, "Budi Santoso", works)):
            await link_account(s, await make_employee(s, opd=opd, name=name, phone=None), tg)
        s.add(AdminRole(telegram_user_id=SUPER, role=AdminRoleKind.SUPERADMIN, created_at=NOW))
        s.add(AdminRole(telegram_user_id=HEALTH_ADMIN, role=AdminRoleKind.OPD_ADMIN,
                        opd_id=health.id, created_at=NOW))
        s.add(AdminRole(telegram_user_id=WORKS_ADMIN, role=AdminRoleKind.OPD_ADMIN,
                        opd_id=works.id, created_at=NOW))
    for user, title in ((ANDI, "Seminar Kesehatan Masyarakat"), (BUDI, "Seminar Jalan dan Jembatan")):
        await report_seminar(bot, user, title=title)
        await press(bot, user, "Kirim")
    async with db.read() as s:
        claims = list(await s.scalars(select(JpClaim).order_by(JpClaim.id)))
    return {"andi": claims[0].id, "budi": claims[1].id,
            "andi_record": claims[0].jp_record_id, "budi_record": claims[1].jp_record_id}


async def _status(db: Database, record_id: int) -> tuple[str, str]:
    async with db.read() as s:
        record = await s.get(JpRecord, record_id)
    assert record is not None
    return record.status, str(record.jp.normalize())


async def _drain(bot: BotHarness, settings: Settings, db: Database, clock: FixedClock) -> list[str]:
    bot.request.clear()
    await drain_once(bot.app.bot, AppContext(settings, db, clock))
    return [str(m["text"]) for m in bot.request.sent()]


async def _decisions(db: Database) -> int:
    async with db.read() as s:
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
    assert "duplikat" not in card

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
    async with db.read() as s:
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
    assert "sudah diputuskan lebih dulu oleh admin lain (ditolak)" in answer
    assert (await _status(db, ids["andi_record"]))[0] == JpStatus.REJECTED
    assert await _decisions(db) == 1


async def test_an_opd_admin_outside_their_opd_is_refused(bot: BotHarness, db: Database) -> None:
    ids = await _world(bot, db)
    mine = await bot.text(HEALTH_ADMIN, "/verifikasi")
    assert "Andi Makkawaru" in mine and "(1 menunggu)" in mine and "Budi" not in mine
    budi = ids["budi"]
    await bot.send(bot.updates.callback(HEALTH_ADMIN, f"v1:vfa:{budi}"))
    assert alert(bot) == t("id", "verify.not_allowed")
    for action in ("vfj", "vfr", "vfe"):
        await bot.send(bot.updates.callback(HEALTH_ADMIN, f"v1:{action}:{budi}"))
        assert alert(bot) == t("id", "verify.gone")
        assert bot.request.sent("sendPhoto") == []
    async with db.read() as s:
        assert await s.get(Dialog, HEALTH_ADMIN) is None  # no typed answer awaited
    assert await _status(db, ids["budi_record"]) == (JpStatus.PENDING, "8")
    assert await _decisions(db) == 0


async def test_non_admins_get_help_and_their_presses_do_nothing(bot: BotHarness, db: Database) -> None:
    ids = await _world(bot, db)
    assert await bot.text(NOBODY, "/verifikasi") == t("id", "help.text")
    assert await bot.text(ANDI, "/verify") == t("id", "help.text")
    for user in (NOBODY, ANDI):
        for action in ("vfa", "vfj", "vfr", "vfe", "vfn"):
            await bot.send(bot.updates.callback(user, f"v1:{action}:{ids['andi']}"))
            assert alert(bot) == t("id", "verify.not_allowed")
    assert await _status(db, ids["andi_record"]) == (JpStatus.PENDING, "8")
    assert await _decisions(db) == 0
    async with db.read() as s:
        assert int(await s.scalar(select(func.count()).select_from(OutboxMessage)) or 0) == 0


async def test_a_role_withdrawn_mid_way_stops_the_typed_answer(bot: BotHarness, db: Database) -> None:
    ids = await _world(bot, db)
    await bot.text(HEALTH_ADMIN, "/verifikasi")
    await press(bot, HEALTH_ADMIN, "ubah JP")
    async with db.transaction() as s:
        role = await s.scalar(select(AdminRole).where(AdminRole.telegram_user_id == HEALTH_ADMIN))
        await s.delete(role)
    assert await bot.text(HEALTH_ADMIN, "5") == t("id", "verify.not_allowed")
    assert await _status(db, ids["andi_record"]) == (JpStatus.PENDING, "8")


async def test_an_empty_queue(bot: BotHarness, db: Database) -> None:
    async with db.transaction() as s:
        s.add(AdminRole(telegram_user_id=SUPER, role=AdminRoleKind.SUPERADMIN, created_at=NOW))
    assert t("id", "verify.empty") in await bot.text(SUPER, "/verifikasi")
