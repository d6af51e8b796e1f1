"""Busy-database scenarios of the employee's own account (see tests/busy.py)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.clock import FixedClock
from bot.i18n import t
from bot.presentation.buttons.self_service import (
    ChooseLanguage,
    ConfirmErase,
    ConfirmUnlink,
    OpenClaim,
    SetPreference,
)
from bot.services.identity.linking import issue_link_code
from models import AuditLog, Dialog, TelegramAccount
from models.db import Database
from models.enums import Language
from tests.bot_harness import BotHarness
from tests.busy import Busy, scenario
from tests.factories import LINK_KEY, link_account, make_employee

USER = 6610001


async def _account(db: Database) -> TelegramAccount | None:
    async with db.reading() as s:
        return await s.scalar(select(TelegramAccount).where(TelegramAccount.telegram_user_id == USER))


@scenario("self_service.linking.contact", table="telegram_account")
async def link_by_contact(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    async with db.writing() as s:
        employee = await make_employee(s, phone="+6281234567890", name="Andi Tenri Ajeng")

    async def check(answer: str) -> None:
        assert answer == t("id", "link.start_here")  # below the greeting
        assert bot.texts()[0] == t("id", "link.linked", name="Andi Tenri Ajeng")
        account = await _account(db)
        assert account is not None and account.employee_id == employee.id

    return Busy(lambda: bot.send(bot.updates.contact(USER, "081234567890", contact_user_id=USER)), check)


@scenario("self_service.linking.start", table="telegram_account")
async def link_by_deep_link(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    async with db.writing() as s:
        employee = await make_employee(s, phone=None, name="Besse Daeng")
        code = await issue_link_code(s, employee.nip, clock, timedelta(days=7), "test", key=LINK_KEY)
    assert code is not None

    async def check(answer: str) -> None:
        assert answer == t("id", "link.start_here")  # below the greeting
        assert bot.texts()[0] == t("id", "link.linked", name="Besse Daeng")
        account = await _account(db)
        assert account is not None and account.employee_id == employee.id

    return Busy(lambda: bot.text(USER, f"/start {code.code.replace('-', '')}"), check)


@scenario("self_service.language.language_chosen", table="telegram_account")
async def choose_english(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    async def check(answer: str) -> None:
        assert answer == t("en", "menu.placeholder")
        account = await _account(db)
        assert account is not None and account.language == "en"

    return Busy(lambda: bot.send(bot.updates.callback(USER, ChooseLanguage(Language.EN))), check)


@scenario("self_service.preferences.preference_chosen", table="telegram_account")
async def pause_reminders(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    async def check(answer: str) -> None:
        assert t("id", "prefs.title") in answer
        account = await _account(db)
        assert account is not None and account.behind_paused_until is not None

    return Busy(lambda: bot.send(bot.updates.callback(USER, SetPreference("pause30"))), check)


@scenario("self_service.unlink.unlink_answered", table="telegram_account")
async def unlink(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    async with db.writing() as s:
        await link_account(s, await make_employee(s, phone=None), USER)

    async def check(answer: str) -> None:
        assert answer == t("id", "link.needed")
        account = await _account(db)
        assert account is not None and account.employee_id is None

    return Busy(lambda: bot.send(bot.updates.callback(USER, ConfirmUnlink(True))), check)


@scenario("self_service.own_data.my_data", table="audit_log")
async def export_own_data(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    """/dataku writes its audit line; the files follow the commit."""
    async with db.writing() as s:
        await link_account(s, await make_employee(s, phone=None), USER)

    async def check(answer: str) -> None:
        assert answer == ""  # documents only, with captions
        (json_doc, _) = bot.request.sent("sendDocument")
        assert json_doc["_files"]["document"][0] == "data-saya.json"
        async with db.reading() as s:
            assert await s.scalar(select(AuditLog.action)) == "export_personal_data"

    return Busy(lambda: bot.text(USER, "/dataku"), check)


@scenario("self_service.own_data.erase_answered", table="telegram_account")
async def erase_own_account(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    async with db.writing() as s:
        await link_account(s, await make_employee(s, phone=None), USER)

    async def check(answer: str) -> None:
        assert answer == t("id", "link.needed")
        assert await _account(db) is None

    return Busy(lambda: bot.send(bot.updates.callback(USER, ConfirmErase(True))), check)


@scenario("self_service.start_here.claim_pressed", table="dialog")
async def start_a_report_from_the_greeting(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    """📝 Lapor pelatihan below the greeting opens a report (its draft is written)."""
    async with db.writing() as s:
        await link_account(s, await make_employee(s, phone=None), USER)

    async def check(answer: str) -> None:
        assert answer == t("id", "claim.start")
        async with db.reading() as s:
            dialog = await s.get(Dialog, USER)
        assert dialog is not None and dialog.step == "category"

    return Busy(lambda: bot.send(bot.updates.callback(USER, OpenClaim())), check)
