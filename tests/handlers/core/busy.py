"""Busy-database scenarios of the shared routes: free input and /batal (see tests/busy.py)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.i18n import t
from bot.services import dialogs
from bot.services.dialogs import DialogState
from bot.services.identity.linking import issue_link_code
from models import Dialog, LinkAttempt
from models.db import Database
from tests.bot_harness import BotHarness
from tests.busy import Busy, scenario
from tests.factories import LINK_KEY, make_employee

USER = 6610002


@scenario("core.flows.on_input", table="link_attempt")
async def typed_wrong_code(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    """Free text outside a flow that looks like a link code: a failed attempt is counted."""
    async with db.writing() as s:
        employee = await make_employee(s, phone=None)
        await issue_link_code(s, employee.nip, clock, timedelta(days=7), "test", key=LINK_KEY)

    async def check(answer: str) -> None:
        assert answer == t("id", "link.code_unknown", attempts_left=4)
        async with db.reading() as s:
            assert await s.scalar(select(func.count()).select_from(LinkAttempt)) == 1

    return Busy(lambda: bot.text(USER, "ABCDE-FGHJK"), check)


@scenario("core.flows.cancel_command", table="dialog")
async def cancel_a_flow(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    async with db.writing() as s:
        await dialogs.save(s, USER, DialogState("claim", "title", {"n": "abc123"}), clock.now(),
                           timedelta(hours=1))

    async def check(answer: str) -> None:
        assert answer == t("id", "dialog.cancelled")
        async with db.reading() as s:
            assert await s.scalar(select(func.count()).select_from(Dialog)) == 0

    return Busy(lambda: bot.text(USER, "/batal"), check)
