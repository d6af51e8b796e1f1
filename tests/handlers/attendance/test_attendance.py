"""Check-in, evaluation and certificates through process_update, bad input included."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.i18n import t
from bot.presentation.buttons.attendance import Rate, SendCertificate
from bot.services.certificates.numbers import number_of
from models import Certificate, Evaluation, SessionCheckin
from models.db import Database
from tests.bot_harness import BotHarness
from tests.factories import CERTIFICATE_KEY
from tests.handlers.attendance.busy import _completed
from tests.handlers.attendance.world import ANDI, BUDI, DURING, STRANGER, SUPER, world


def _alert(bot: BotHarness) -> str:
    (answer,) = bot.request.sent("answerCallbackQuery")
    return str(answer.get("text"))


async def _checkins(db: Database) -> int:
    async with db.reading() as s:
        return await s.scalar(select(func.count()).select_from(SessionCheckin)) or 0


async def test_check_in_by_deep_link_and_command(harness: BotHarness, db: Database, clock: FixedClock) -> None:
    bot = harness
    w = await world(db, clock)
    clock.set(DURING)
    assert await bot.text(ANDI, "/hadir") == t("id", "checkin.usage")
    answer = await bot.text(ANDI, f"/start hadir_{w.code}")
    assert answer.startswith("✅") and "Pelatihan Presensi Mandiri" in answer and "1 dari 1" in answer
    again = await bot.text(ANDI, f"/hadir {w.code.lower()}")
    assert again.startswith(t("id", "checkin.already").split("\n")[0])
    # Budi is not enrolled; a stranger is not linked; a made-up code is counted.
    assert "tidak terdaftar" in await bot.text(BUDI, f"/hadir {w.code}")
    assert await bot.text(STRANGER, f"/hadir {w.code}") == t("id", "checkin.not_linked")
    assert await bot.text(BUDI, "/hadir ZZZZZZ") == t("id", "checkin.unknown", attempts_left=4)
    assert await _checkins(db) == 1


async def test_evaluation_buttons_and_bad_input(harness: BotHarness, db: Database, clock: FixedClock) -> None:
    bot = harness
    w = await _completed(db, clock)
    e = w.andi_enrollment
    assert await bot.text(BUDI, "/evaluasi") == t("id", "evaluation.none_pending")
    pending = await bot.text(ANDI, "/evaluasi")
    assert "Pelatihan Presensi Mandiri" in pending and t("id", "evaluation.q.material") in pending
    # Someone else pressing Andi's rating button, or a value outside 1-5: refused, nothing kept.
    await bot.send(bot.updates.callback(BUDI, Rate(e, "r", 4)))
    assert _alert(bot) == t("id", "evaluation.not_found")
    await bot.send(bot.updates.callback(ANDI, Rate(e, "r45", 9)))
    assert _alert(bot) == t("id", "evaluation.invalid")
    await bot.send(bot.updates.callback(ANDI, "eval:99:r9:1"))  # forged shape: stale button
    first = await bot.send(bot.updates.callback(ANDI, Rate(e, "r", 4)))
    assert t("id", "evaluation.q.speakers") in first
    await bot.send(bot.updates.callback(ANDI, Rate(e, "r4", 5)))
    await bot.send(bot.updates.callback(ANDI, Rate(e, "r45", 3)))
    done = await bot.send(bot.updates.callback(ANDI, Rate(e, "r453", 5)))
    assert done.startswith(t("id", "evaluation.recorded").split("\n")[0])
    assert t("id", "evaluation.certificate_follows") in done
    assert await bot.text(ANDI, "Materinya  sangat relevan") == t("id", "evaluation.comment_saved")
    # A second evaluation (an old button pressed again): refused, the first stays.
    await bot.send(bot.updates.callback(ANDI, Rate(e, "r111", 1)))
    assert _alert(bot) == t("id", "evaluation.already")
    assert await bot.text(ANDI, "/lewati") == t("id", "evaluation.nothing_to_skip")
    assert await bot.text(ANDI, "/evaluasi") == t("id", "evaluation.none_pending")
    async with db.reading() as s:
        row = await s.scalar(select(Evaluation))
        assert row is not None and (row.material, row.usefulness, row.comment) == (4, 5, "Materinya sangat relevan")


async def test_certificates_list_resend_verify_and_revoke(harness: BotHarness, db: Database, clock: FixedClock) -> None:
    bot = harness
    await _completed(db, clock, evaluation=False)
    async with db.reading() as s:
        certificate = await s.scalar(select(Certificate))
    assert certificate is not None
    number = number_of(CERTIFICATE_KEY, certificate.serial)
    listing = await bot.text(ANDI, "/sertifikat")
    assert number in listing and "Pelatihan Presensi Mandiri" in listing
    assert await bot.text(BUDI, "/sertifikat") == t("id", "cert.none")
    await bot.send(bot.updates.callback(ANDI, SendCertificate(certificate.id)))
    (document,) = bot.request.sent("sendDocument")
    assert number in document["caption"]
    # Budi pressing a forged button for Andi's certificate gets nothing.
    await bot.send(bot.updates.callback(BUDI, SendCertificate(certificate.id)))
    assert _alert(bot) == t("id", "cert.not_found") and bot.request.sent("sendDocument") == []
    # Anyone verifies: valid with the NIP masked; one changed character is not found.
    valid = await bot.text(STRANGER, f"/start cek_{number}")
    assert "Andi Makkawaru" in valid and number in valid
    tampered = number[:-1] + ("B" if number[-1] != "B" else "C")
    assert await bot.text(STRANGER, f"/cek {tampered}") == t("id", "verify.not_found")
    # Revocation: superadmins only, a reason required; then verification says so and
    # the certificate is not sent again.
    assert await bot.text(ANDI, f"/cabut {number} saya sendiri") == t("id", "admin.not_allowed")
    assert await bot.text(SUPER, f"/cabut {number}") == t("id", "revoke.no_reason")
    assert await bot.text(SUPER, f"/cabut {number} Nama salah") == t("id", "revoke.revoked", number=number)
    assert (await bot.text(STRANGER, f"/cek {number}")).startswith("⛔")
    await bot.send(bot.updates.callback(ANDI, SendCertificate(certificate.id)))
    assert _alert(bot) == t("id", "cert.revoked") and bot.request.sent("sendDocument") == []
