"""Busy-database scenarios of enrolling and cancelling (see tests/busy.py)."""

from __future__ import annotations

from sqlalchemy import select

from bot.clock import FixedClock
from bot.i18n import t
from bot.presentation.buttons.programs import CancelEnrollment, Enroll
from models import Enrollment
from models.db import Database
from tests.bot_harness import BotHarness
from tests.busy import Busy, scenario
from tests.factories import link_account, make_employee, make_opd, make_program

USER = 6610101


async def _world(db: Database) -> tuple[int, int]:
    async with db.writing() as s:
        opd = await make_opd(s)
        employee = await make_employee(s, opd=opd, phone=None)
        await link_account(s, employee, USER)
        program = await make_program(s, quota=5)
        return employee.id, program.id


async def _status(db: Database, employee_id: int) -> str | None:
    async with db.reading() as s:
        return await s.scalar(select(Enrollment.status).where(Enrollment.employee_id == employee_id))


@scenario("programs.enrollment.enroll_pressed", table="enrollment")
async def enroll(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    employee_id, program_id = await _world(db)

    async def check(answer: str) -> None:
        assert answer.startswith(t("id", "enroll.enrolled"))
        assert await _status(db, employee_id) == "enrolled"

    return Busy(lambda: bot.send(bot.updates.callback(USER, Enroll(program_id))), check)


@scenario("programs.enrollment.cancel_pressed", table="enrollment")
async def cancel(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    employee_id, program_id = await _world(db)
    await bot.send(bot.updates.callback(USER, Enroll(program_id)))

    async def check(answer: str) -> None:
        assert answer.startswith(t("id", "cancel.cancelled"))
        assert await _status(db, employee_id) == "cancelled"

    return Busy(lambda: bot.send(bot.updates.callback(USER, CancelEnrollment(program_id, True))), check)
