"""Saldo JP and Riwayat through Application.process_update."""

from __future__ import annotations

from bot.presentation.buttons.self_service import ChooseLanguage
from models.enums import Language

from datetime import date

from bot.clock import Clock
from models.db import Database
from models.enums import JpCategory, JpSource, JpStatus
from tests.factories import make_employee, make_record
from tests.bot_harness import BotHarness

USER = 5550001


async def _linked_employee(db: Database, clock: Clock) -> int:
    from models import TelegramAccount

    async with db.writing() as s:
        employee = await make_employee(s, name="Andi Tenri Ajeng")
        await make_record(s, employee, "8", date(2026, 3, 10), category=JpCategory.TEKNIS)
        await make_record(
            s, employee, "4.5", date(2026, 8, 17), category=JpCategory.SEMINAR,
            source=JpSource.SELF_REPORT, title="Seminar Nasional SAKIP",
        )
        await make_record(s, employee, "3", date(2026, 11, 2), status=JpStatus.PENDING,
                          title="E-learning ASN Unggul")
        await make_record(s, employee, "50", date(2026, 6, 1), status=JpStatus.REJECTED)
        await make_record(s, employee, "24", date(2025, 5, 5), title="Latsar CPNS")
        s.add(TelegramAccount(telegram_user_id=USER, employee_id=employee.id, language="id",
                              created_at=clock.now(), linked_at=clock.now()))
        return employee.id


async def test_balance_shows_approved_target_and_pending_apart(
    harness: BotHarness, db: Database, clock: Clock
) -> None:
    await _linked_employee(db, clock)
    text = await harness.text(USER, "/saldo")
    assert "Saldo JP 2026" in text
    assert "Disetujui: <b>12,5 JP</b>" in text  # 8 + 4.5; pending and rejected not counted
    assert "Target tahunan: 20 JP" in text
    assert "Sisa menuju target: 7,5 JP" in text
    # 28 Nov 2026 is day 332 of 365: 20 * 332 / 365 = 18.19 -> 18,2
    assert "Seharusnya tercapai s.d. Sabtu, 28 November 2026: 18,2 JP" in text
    assert "Tertinggal 5,7 JP" in text
    assert "• Teknis: 8 JP" in text and "• Seminar/konferensi: 4,5 JP" in text
    assert "• Laporan mandiri: 4,5 JP" in text
    assert "Menunggu verifikasi (belum dihitung): 3 JP dari 1 catatan" in text
    assert "Latsar CPNS" not in text  # last year's record belongs to /riwayat


async def test_balance_menu_button_and_english(harness: BotHarness, db: Database, clock: Clock) -> None:
    await _linked_employee(db, clock)
    assert "Saldo JP 2026" in await harness.text(USER, "📊 Saldo JP")
    await harness.send(harness.updates.callback(USER, ChooseLanguage(Language.EN)))
    # The answer to the press is already in English, with the English menu.
    assert harness.texts() == ["Language set to English.", "Choose from the menu below…"]
    assert harness.request.sent()[-1]["reply_markup"]["keyboard"][0][0]["text"] == "📊 JP balance"
    text = await harness.text(USER, "/balance")
    assert "JP balance 2026" in text
    assert "Approved: <b>12.5 JP</b>" in text
    assert "Saturday, 28 November 2026" in text


async def test_history_lists_earlier_years(harness: BotHarness, db: Database, clock: Clock) -> None:
    await _linked_employee(db, clock)
    text = await harness.text(USER, "/riwayat")
    assert "<b>2025</b>: 24 JP disetujui (target 20 JP) ✅" in text
    assert "Latsar CPNS" in text
    assert "Seminar Nasional" not in text


async def test_balance_needs_a_link(harness: BotHarness) -> None:
    text = await harness.text(USER, "/saldo")
    assert "belum tertaut" in text
    markup = harness.request.sent()[-1]["reply_markup"]
    assert markup["keyboard"][0][0]["request_contact"] is True


async def test_group_chat_shows_no_personal_data(
    harness: BotHarness, db: Database, clock: Clock
) -> None:
    await _linked_employee(db, clock)
    text = await harness.send(
        harness.updates.message(USER, "/saldo", chat_type="group", chat_id=-100123)
    )
    assert "percakapan pribadi" in text
    assert "JP" not in text.replace("Bot JP", "")
    assert "Andi" not in text
