"""Busy-database scenarios of /verifikasi (see tests/busy.py)."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select

from bot.clock import FixedClock
from bot.i18n import t
from bot.presentation.buttons.verification import Approve, ApproveOther, NextClaim, Reject
from models import AdminRole, Dialog, JpClaim, JpRecord
from models.db import Database
from models.enums import AdminRoleKind
from tests.bot_harness import BotHarness
from tests.busy import Busy, scenario
from tests.factories import link_account, make_admin, make_employee
from tests.handlers.claims.helpers import press, report_seminar, track

EMPLOYEE, ADMIN = 6610301, 6610302


async def _claim(bot: BotHarness, db: Database) -> int:
    """A pending claim of an employee, and a superadmin to decide it."""
    async with db.writing() as s:
        await link_account(s, await make_employee(s, phone=None), EMPLOYEE)
        await make_admin(s, ADMIN)
    bot = track(bot)
    await report_seminar(bot, EMPLOYEE)
    await press(bot, EMPLOYEE, "Kirim")
    async with db.reading() as s:
        claim_id = await s.scalar(select(JpClaim.id))
    assert claim_id is not None
    return claim_id


async def _record_status(db: Database) -> str | None:
    async with db.reading() as s:
        return await s.scalar(select(JpRecord.status))


async def _step(db: Database) -> str | None:
    async with db.reading() as s:
        row = await s.get(Dialog, ADMIN)
        return row.step if row else None


@scenario("verification.review.approve_pressed", table="jp_record")
async def approve(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    claim_id = await _claim(bot, db)

    async def check(answer: str) -> None:
        assert answer.startswith(t("id", "verify.done.approved", title="Seminar Nasional Kebijakan Publik",
                                   jp="8"))
        assert await _record_status(db) == "approved"

    return Busy(lambda: bot.send(bot.updates.callback(ADMIN, Approve(claim_id))), check)


@scenario("verification.review.adjust_pressed", table="dialog")
async def ask_for_other_jp(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    claim_id = await _claim(bot, db)

    async def check(answer: str) -> None:
        assert "JP" in answer and await _step(db) == "adjust"

    return Busy(lambda: bot.send(bot.updates.callback(ADMIN, ApproveOther(claim_id))), check)


@scenario("verification.review.reject_pressed", table="dialog")
async def ask_for_a_reason(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    claim_id = await _claim(bot, db)

    async def check(answer: str) -> None:
        assert await _step(db) == "reason"

    return Busy(lambda: bot.send(bot.updates.callback(ADMIN, Reject(claim_id))), check)


@scenario("verification.review.next_pressed", table="dialog")
async def skip(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    claim_id = await _claim(bot, db)
    await bot.send(bot.updates.callback(ADMIN, Reject(claim_id)))  # a reason is awaited…

    async def check(answer: str) -> None:
        assert "Seminar Nasional Kebijakan Publik" in answer
        assert await _step(db) is None  # … and dropped by the skip

    return Busy(lambda: bot.send(bot.updates.callback(ADMIN, NextClaim(claim_id))), check)
