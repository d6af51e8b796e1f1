"""Busy-database scenarios of /lapor (see tests/busy.py)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.i18n import t
from models import Dialog, JpClaim
from models.db import Database
from tests.bot_harness import BotHarness
from tests.busy import Busy, scenario
from tests.factories import link_account, make_employee
from tests.handlers.claims.helpers import data_of, report_seminar, track

USER = 6610201


async def _linked(bot: BotHarness, db: Database) -> BotHarness:
    async with db.writing() as s:
        await link_account(s, await make_employee(s, phone=None), USER)
    return track(bot)


async def _step(db: Database) -> str | None:
    async with db.reading() as s:
        row = await s.get(Dialog, USER)
        return row.step if row else None


def _press(bot: BotHarness, label: str) -> Callable[[], Awaitable[str]]:
    """Pressing the button of that label on the keyboard shown last (found now)."""
    data = data_of(bot, label)
    return lambda: bot.send(bot.updates.callback(USER, data))


@scenario("claims.reporting.claim_command", table="dialog")
async def start_a_report(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    bot = await _linked(bot, db)

    async def check(answer: str) -> None:
        assert answer == t("id", "claim.start")
        assert await _step(db) == "category"

    return Busy(lambda: bot.text(USER, "/lapor"), check)


@scenario("claims.reporting.category_pressed", table="dialog")
async def choose_the_type(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    bot = await _linked(bot, db)
    await bot.text(USER, "/lapor")
    await bot.send(bot.updates.callback(USER, data_of(bot, "Klasikal")))
    act = _press(bot, "Seminar")

    async def check(answer: str) -> None:
        assert answer == t("id", "claim.ask_title")
        assert await _step(db) == "title"

    return Busy(act, check)


@scenario("claims.reporting.scope_pressed", table="dialog")
async def national_or_international(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    bot = await _linked(bot, db)
    await bot.text(USER, "/lapor")
    for label in ("Klasikal", "Seminar"):
        await bot.send(bot.updates.callback(USER, data_of(bot, label)))
    for text in ("Seminar Nasional Kebijakan Publik", "LAN RI", "02/11/2026", "03/11/2026"):
        await bot.text(USER, text)
    act = _press(bot, "Nasional")

    async def check(answer: str) -> None:
        assert await _step(db) == "quantity"
        assert "hari" in answer

    return Busy(act, check)


@scenario("claims.reporting.confirm_pressed", table="jp_record")
async def send_the_report(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    bot = await _linked(bot, db)
    await report_seminar(bot, USER)
    act = _press(bot, "Kirim")

    async def check(answer: str) -> None:
        assert answer.startswith(t("id", "claim.submitted", jp="8").split("<")[0])
        async with db.reading() as s:
            assert await s.scalar(select(func.count()).select_from(JpClaim)) == 1
        assert await _step(db) is None

    return Busy(act, check)


@scenario("core.flows.on_input#claim_step", table="dialog")
async def answer_a_step(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    """A typed answer inside /lapor (the title) moves the draft on."""
    bot = await _linked(bot, db)
    await bot.text(USER, "/lapor")
    for label in ("Klasikal", "Seminar"):
        await bot.send(bot.updates.callback(USER, data_of(bot, label)))

    async def check(answer: str) -> None:
        assert answer == t("id", "claim.ask_organiser")
        assert await _step(db) == "organiser"

    return Busy(lambda: bot.text(USER, "Seminar Nasional Kebijakan Publik"), check)
