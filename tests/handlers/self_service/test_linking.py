"""Linking through a shared contact, a deep link or a typed code; unlinking."""

from __future__ import annotations

import hashlib
import hmac
import logging
from datetime import datetime, timedelta

import pytest
from bot.presentation.menus import help_text
from bot.presentation.buttons.self_service import ConfirmUnlink
from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.services.identity.linking import LinkOutcome, issue_link_code, link_by_code, normalize_code
from bot.settings import Settings
from models import LinkAttempt, LinkCode, TelegramAccount
from models.db import Database
from tests.factories import LINK_KEY, WITA, make_employee
from tests.bot_harness import BotHarness

USER = 5550002
OTHER = 5550003


async def _accounts(db: Database) -> list[tuple[int, int | None]]:
    async with db.writing() as s:
        rows = await s.execute(
            select(TelegramAccount.telegram_user_id, TelegramAccount.employee_id).order_by(
                TelegramAccount.telegram_user_id
            )
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


@pytest.mark.parametrize("phone", ["6281234567890", "+6281234567890", "081234567890"])
async def test_own_contact_links(harness: BotHarness, db: Database, phone: str) -> None:
    async with db.writing() as s:
        employee = await make_employee(s, phone="+6281234567890", name="Andi Tenri Ajeng")
    await harness.send(harness.updates.contact(USER, phone, contact_user_id=USER))
    text = harness.texts()[0]
    assert "berhasil ditautkan" in text and "Andi Tenri Ajeng" in text
    assert await _accounts(db) == [(USER, employee.id)]
    menu = harness.request.sent()[0]["reply_markup"]  # the greeting carries the menu
    assert menu["keyboard"][0][0]["text"] == "📊 Saldo JP"


@pytest.mark.parametrize("contact_user_id", [None, OTHER])
async def test_forwarded_or_typed_contact_is_refused(
    harness: BotHarness, db: Database, contact_user_id: int | None
) -> None:
    async with db.writing() as s:
        await make_employee(s, phone="+6281234567890")
    text = await harness.send(
        harness.updates.contact(USER, "6281234567890", contact_user_id=contact_user_id)
    )
    assert "bukan milik akun Anda" in text
    assert await _accounts(db) == []


async def test_unknown_phone_stores_nothing(harness: BotHarness, db: Database) -> None:
    async with db.writing() as s:
        await make_employee(s, phone="+6281234567890")
    text = await harness.send(harness.updates.contact(USER, "6289999999999", contact_user_id=USER))
    assert "belum terdaftar" in text and "kode tautan" in text
    assert await _accounts(db) == []


async def test_employee_linked_elsewhere_is_not_taken_by_contact(
    harness: BotHarness, db: Database
) -> None:
    async with db.writing() as s:
        employee = await make_employee(s, phone="+6281234567890")
    await harness.send(harness.updates.contact(USER, "6281234567890", contact_user_id=USER))
    text = await harness.send(harness.updates.contact(OTHER, "6281234567890", contact_user_id=OTHER))
    assert "akun Telegram lain" in text
    assert await _accounts(db) == [(USER, employee.id)]


async def test_account_cannot_hold_two_employees(harness: BotHarness, db: Database, clock: FixedClock) -> None:
    async with db.writing() as s:
        first = await make_employee(s, phone="+6281234567890")
        second = await make_employee(s, phone="+6281200000002")
        code = await issue_link_code(s, second.nip, clock, timedelta(days=7), "test", key=LINK_KEY)
    assert code is not None
    await harness.send(harness.updates.contact(USER, "6281234567890", contact_user_id=USER))
    text = await harness.text(USER, code.code)
    assert "/putus" in text
    assert await _accounts(db) == [(USER, first.id)]


async def test_deep_link_code_links_once(harness: BotHarness, db: Database, clock: FixedClock) -> None:
    async with db.writing() as s:
        employee = await make_employee(s, phone=None, name="Besse Daeng")
        code = await issue_link_code(s, employee.nip, clock, timedelta(days=7), "test", key=LINK_KEY)
    assert code is not None
    await harness.text(USER, f"/start {code.code}")
    text = harness.texts()[0]
    assert "berhasil ditautkan" in text and "Besse Daeng" in text
    await harness.text(USER, "/putus")
    await harness.send(harness.updates.callback(USER, ConfirmUnlink(True)))
    # Single use: the same code does not work a second time, for anyone.
    text = await harness.text(OTHER, code.code.lower().replace("-", " "))
    assert "sudah pernah dipakai" in text
    assert await _accounts(db) == [(USER, None)]


async def test_expired_code_is_refused(harness: BotHarness, db: Database, clock: FixedClock) -> None:
    async with db.writing() as s:
        employee = await make_employee(s)
        code = await issue_link_code(s, employee.nip, clock, timedelta(days=7), "test", key=LINK_KEY)
    assert code is not None
    clock.set(clock.now() + timedelta(days=7, seconds=1))
    assert "kedaluwarsa" in await harness.text(USER, code.code)
    assert await _accounts(db) == []


async def test_code_moves_employee_from_lost_account(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    async with db.writing() as s:
        employee = await make_employee(s, phone="+6281234567890")
    await harness.send(harness.updates.contact(OTHER, "6281234567890", contact_user_id=OTHER))
    async with db.writing() as s:
        code = await issue_link_code(s, employee.nip, clock, timedelta(days=7), "admin", key=LINK_KEY)
    assert code is not None
    await harness.text(USER, code.code)
    assert "berhasil ditautkan" in harness.texts()[0]
    assert await _accounts(db) == [(USER, employee.id), (OTHER, None)]


async def test_wrong_codes_are_rate_limited(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    async with db.writing() as s:
        employee = await make_employee(s)
        code = await issue_link_code(s, employee.nip, clock, timedelta(days=7), "test", key=LINK_KEY)
    assert code is not None
    for left in (4, 3, 2, 1, 0):
        assert f"sisa percobaan: {left}" in await harness.text(USER, "ABCDE-FGHJK")
    # Even the right code is refused while the limit holds: guessing must not go on.
    text = await harness.text(USER, code.code)
    assert "Terlalu banyak percobaan" in text and "pukul 11.00 WITA" in text
    assert await _accounts(db) == []
    # Another user is not affected; an hour later the first one may try again.
    assert "sisa percobaan: 4" in await harness.text(OTHER, "ABCDE-FGHJK")
    clock.set(clock.now() + timedelta(hours=1, seconds=1))
    await harness.text(USER, code.code)
    assert "berhasil ditautkan" in harness.texts()[0]
    async with db.writing() as s:
        assert await s.scalar(select(func.count()).select_from(LinkAttempt)) == 6


async def test_unlink_says_what_is_kept(harness: BotHarness, db: Database) -> None:
    async with db.writing() as s:
        employee = await make_employee(s)
    await harness.send(harness.updates.contact(USER, "081234567890", contact_user_id=USER))
    text = await harness.text(USER, "/putus")
    assert "tetap disimpan" in text
    assert await _accounts(db) == [(USER, employee.id)]
    text = await harness.send(harness.updates.callback(USER, ConfirmUnlink(False)))
    assert await _accounts(db) == [(USER, employee.id)]
    await harness.send(harness.updates.callback(USER, ConfirmUnlink(True)))
    assert await _accounts(db) == [(USER, None)]
    edits = harness.request.sent("editMessageText")
    assert "Catatan JP Anda tetap tersimpan" in edits[-1]["text"]


@pytest.mark.parametrize("data", ["unlink:2", "v1:lang:id", "x" * 80, "lang:fr", ":::", "lang:id:x"])
async def test_forged_callback_data_is_answered_politely(
    harness: BotHarness, db: Database, data: str
) -> None:
    await harness.send(harness.updates.callback(USER, data))
    answers = harness.request.sent("answerCallbackQuery")
    assert answers and "tidak berlaku" in answers[-1]["text"]
    assert await _accounts(db) == []


async def test_handler_error_apologises_and_logs_no_personal_data(
    harness: BotHarness, db: Database, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.logs import RedactingFilter
    from bot.services.identity import linking

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database exploded for phone 081234567890 nip 198503142010031001")

    monkeypatch.setattr(linking, "link_by_contact", broken)
    caplog.handler.addFilter(RedactingFilter())
    update = harness.updates.contact(USER, "6281234567890", contact_user_id=USER)
    with caplog.at_level(logging.ERROR):
        text = await harness.send(update)
    assert "terjadi kesalahan" in text
    assert f"update_id={update['update_id']}" in caplog.text
    assert "081234567890" not in caplog.text and "198503142010031001" not in caplog.text
    assert "[disamarkan]" in caplog.text
    # The bot keeps going.
    assert "Bantuan" in await harness.text(USER, "/bantuan")


async def test_set_my_commands_failure_is_not_fatal(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.presentation.menus import publish_commands

    harness.request.fail_methods["setMyCommands"] = (400, "Bad Request: boom")
    with caplog.at_level(logging.WARNING):
        assert await publish_commands(harness.app.bot) is False
    assert "setMyCommands failed" in caplog.text


async def test_commands_registered_in_both_languages(harness: BotHarness) -> None:
    from bot.presentation.menus import publish_commands

    harness.request.clear()
    assert await publish_commands(harness.app.bot)
    calls = harness.request.sent("setMyCommands")
    by_lang = {c.get("language_code"): [cmd["command"] for cmd in c["commands"]] for c in calls}
    assert by_lang["id"][:3] == ["start", "saldo", "riwayat"]
    assert by_lang["en"][:3] == ["start", "balance", "history"]


# --- issue 13.10: codes keyed with a server secret; a limit for all accounts together ---


async def test_codes_are_stored_as_an_hmac_with_the_server_secret(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    async with db.writing() as s:
        employee = await make_employee(s)
        code = await issue_link_code(s, employee.nip, clock, timedelta(days=7), "test", key=LINK_KEY)
    assert code is not None
    plain = normalize_code(code.code)
    assert plain is not None
    async with db.reading() as s:
        stored = await s.scalar(select(LinkCode.code_hash))
    assert stored == hmac.new(LINK_KEY, plain.encode(), hashlib.sha256).hexdigest()
    assert stored != hashlib.sha256(plain.encode()).hexdigest()  # what a leaked database held
    # With another secret the stored value means nothing: the code is unknown.
    async with db.writing() as s:
        result = await link_by_code(s, USER, code.code, clock, "id", 5, key=b"another-secret-" * 3)
    assert result.outcome == LinkOutcome.CODE_UNKNOWN


async def test_a_code_issued_before_the_upgrade_links_until_it_expires(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    """Codes stored as plain SHA-256 before the key existed are honoured for their TTL."""
    async with db.writing() as s:
        employee = await make_employee(s, name="Besse Daeng")
        s.add(LinkCode(employee_id=employee.id, code_hash=hashlib.sha256(b"ABCDEFGHJK").hexdigest(),
                       created_at=clock.now(), expires_at=clock.now() + timedelta(days=7)))
    await harness.text(USER, "ABCDE-FGHJK")
    assert "berhasil ditautkan" in harness.texts()[0]


async def test_many_accounts_guessing_trip_the_global_limit(
    harness: BotHarness, db: Database, clock: FixedClock, settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings.link_attempts_global_per_hour = 3
    async with db.writing() as s:
        employee = await make_employee(s)
        code = await issue_link_code(s, employee.nip, clock, timedelta(days=7), "test", key=LINK_KEY)
    assert code is not None
    guessers = [5570001, 5570002, 5570003]
    with caplog.at_level(logging.WARNING, logger="bot.services.identity.linking"):
        for n, guesser in enumerate(guessers):
            clock.set(clock.now() + timedelta(minutes=n))
            assert "sisa percobaan: 4" in await harness.text(guesser, "ABCDE-FGHJK")
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "3 wrong guesses" in warnings[0].getMessage()
    assert not any(str(g) in caplog.text for g in guessers)  # counts only, nobody named
    # Now every code is refused, the right one too, for everyone: with a clear message.
    text = await harness.text(USER, code.code)
    assert "terlalu banyak percobaan kode tautan" in text and "pukul 11.00 WITA" in text
    assert await _accounts(db) == []
    # When the first guess is an hour old, codes work again.
    clock.set(datetime(2026, 11, 28, 11, 0, 1, tzinfo=WITA))
    await harness.text(USER, code.code)
    assert "berhasil ditautkan" in harness.texts()[0]


async def test_a_deep_link_not_shaped_like_a_code_uses_no_attempt(
    harness: BotHarness, db: Database
) -> None:
    from bot.i18n import t
    for payload in ("promo2026", "x" * 40, "ABCDE"):
        assert await harness.text(USER, f"/start {payload}") == t("id", "link.not_a_code")
    async with db.reading() as s:
        assert await s.scalar(select(func.count()).select_from(LinkAttempt)) == 0
    # A code-shaped payload still counts, with all five attempts left before it.
    assert "sisa percobaan: 4" in await harness.text(USER, "/start ABCDEFGHJK")


async def test_an_unknown_command_says_so_before_the_help(harness: BotHarness) -> None:
    from bot.i18n import t
    reply = await harness.text(USER, "/saldoo@asn_bot 12")
    assert reply.startswith("Perintah /saldoo tidak dikenal.") and reply.endswith(help_text("id"))
