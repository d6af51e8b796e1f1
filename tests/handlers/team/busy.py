"""Busy-database scenario of Ingatkan (see tests/busy.py)."""

from __future__ import annotations

from bot.clock import FixedClock
from bot.i18n import t
from bot.presentation.buttons.team import TeamNudge
from bot.services.team.members import Reach
from models.db import Database
from tests.bot_harness import BotHarness
from tests.busy import Busy, scenario
from tests.handlers.team.test_team import BOSS, nudges, team_of_two


@scenario("team.members.team_nudge", table="outbox")
async def nudge(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    ids = await team_of_two(db)

    async def check(answer: str) -> None:
        assert answer == t("id", "team.nudge.queued", name="Budi")
        assert await nudges(db) == 1

    return Busy(lambda: bot.send(bot.updates.callback(BOSS, TeamNudge(ids["budi"], Reach.DIRECT, 0))), check)
