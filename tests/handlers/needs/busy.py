"""Busy-database scenarios of /kebutuhan (see tests/busy.py)."""

from __future__ import annotations

from datetime import date

from bot.clock import FixedClock
from bot.i18n import t
from bot.presentation.buttons.needs import NeedAdd, NeedDrop, NeedForm, NeedSkipReason, NeedUp
from bot.services.dialogs import peek
from bot.services.needs.declaring import declare, needs_of
from bot.services.needs.window import WindowRule
from models.db import Database
from tests.bot_harness import BotHarness
from tests.busy import Busy, scenario
from tests.factories import NOW
from tests.handlers.needs.helpers import catalogue, employee, open_window

USER = 7149001
RULE = WindowRule()
TODAY = date(2026, 11, 28)


async def _world(db: Database, declared: tuple[str, ...] = ()) -> tuple[int, dict[str, int]]:
    await open_window(db)
    comps = {code: c.id for code, c in (await catalogue(db)).items()}
    ani = await employee(db, USER)
    async with db.writing() as s:
        for code in declared:
            await declare(s, ani.id, comps[code], None, TODAY, NOW, RULE)
    return ani.id, comps


async def _codes(db: Database, employee_id: int) -> list[str]:
    async with db.reading() as s:
        return [n.code for n in await needs_of(s, employee_id, 2026)]


@scenario("needs.declare.add_pressed", table="dialog")
async def add(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    await _world(db)

    async def check(answer: str) -> None:
        assert answer == t("id", "needs.choose")
        async with db.reading() as s:
            found = await peek(s, USER, clock.now())
        assert found is not None and found.flow == "needs" and found.step == "search"

    return Busy(lambda: bot.send(bot.updates.callback(USER, NeedAdd())), check)


@scenario("needs.declare.form_pressed", table="learning_need")
async def form(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    ani, comps = await _world(db)

    async def check(answer: str) -> None:
        assert "Tersimpan: <b>Pelayanan Publik</b>" in answer
        assert await _codes(db, ani) == ["PP-01"]

    return Busy(lambda: bot.send(bot.updates.callback(USER, NeedForm(comps["PP-01"], None))), check)


@scenario("needs.declare.skip_pressed", table="dialog")
async def skip(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    ani, comps = await _world(db)
    await bot.send(bot.updates.callback(USER, NeedForm(comps["PP-01"], None)))

    async def check(answer: str) -> None:
        assert "1. <b>Pelayanan Publik</b>" in answer
        async with db.reading() as s:
            assert await peek(s, USER, clock.now()) is None

    return Busy(lambda: bot.send(bot.updates.callback(USER, NeedSkipReason(comps["PP-01"]))), check)


@scenario("needs.declare.up_pressed", table="learning_need")
async def up(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    ani, comps = await _world(db, ("PP-01", "AK-01"))

    async def check(answer: str) -> None:
        assert "1. <b>Analisis Kebijakan</b>" in answer
        assert await _codes(db, ani) == ["AK-01", "PP-01"]

    return Busy(lambda: bot.send(bot.updates.callback(USER, NeedUp(comps["AK-01"]))), check)


@scenario("needs.declare.drop_pressed", table="learning_need")
async def drop(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    ani, comps = await _world(db, ("PP-01", "AK-01"))

    async def check(answer: str) -> None:
        assert "1. <b>Analisis Kebijakan</b>" in answer
        assert await _codes(db, ani) == ["AK-01"]

    return Busy(lambda: bot.send(bot.updates.callback(USER, NeedDrop(comps["PP-01"]))), check)
