"""Busy-database scenarios of check-in, evaluation and certificates."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.i18n import t
from bot.presentation.buttons.attendance import CheckinQr, Rate
from bot.services.certificates.numbers import number_of
from bot.services.programs.administration import AdminAction, apply_action
from models import Certificate, Evaluation, ProgramSession, SessionCheckin
from models.db import Database
from tests.bot_harness import BotHarness
from tests.busy import Busy, scenario
from tests.factories import CERTIFICATE_KEY, WITA
from tests.handlers.attendance.world import AFTER, ANDI, DURING, SUPER, World, world


async def _completed(db: Database, clock: FixedClock, **kw: bool) -> World:
    w = await world(db, clock, **kw)
    async with db.writing() as s:
        s.add(SessionCheckin(session_id=w.session, enrollment_id=w.andi_enrollment,
                             checked_in_at=DURING))
    clock.set(AFTER)
    async with db.writing() as s:
        await apply_action(s, SUPER, w.program, AdminAction.FINISH, AFTER, WITA)
    return w


@scenario("attendance.checkin.checkin_command", table="session_checkin")
async def check_in(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    w = await world(db, clock)
    clock.set(DURING)

    async def check(answer: str) -> None:
        assert answer.startswith("✅")
        async with db.reading() as s:
            assert await s.scalar(select(func.count()).select_from(SessionCheckin)) == 1

    return Busy(lambda: bot.text(ANDI, f"/hadir {w.code}"), check)


@scenario("attendance.admin.checkin_qr_pressed", table="program_session")
async def give_a_code(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    w = await world(db, clock, with_code=False)

    async def check(answer: str) -> None:
        (photo,) = bot.request.sent("sendPhoto")
        async with db.reading() as s:
            code = await s.scalar(select(ProgramSession.checkin_code).where(ProgramSession.id == w.session))
        assert code and code in photo["caption"]

    return Busy(lambda: bot.send(bot.updates.callback(SUPER, CheckinQr(w.session))), check)


@scenario("attendance.evaluation.rate_pressed", table="evaluation")
async def last_rating(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    w = await _completed(db, clock)

    async def check(answer: str) -> None:
        assert answer.startswith(t("id", "evaluation.recorded").split("\n")[0])
        async with db.reading() as s:
            assert await s.scalar(select(func.count()).select_from(Evaluation)) == 1
            assert await s.scalar(select(func.count()).select_from(Certificate)) == 1

    return Busy(lambda: bot.send(bot.updates.callback(ANDI, Rate(w.andi_enrollment, "r454", 3))),
                check)


@scenario("attendance.evaluation.skip_command", table="dialog")
async def skip_the_comment(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    w = await _completed(db, clock)
    await bot.send(bot.updates.callback(ANDI, Rate(w.andi_enrollment, "r454", 3)))

    async def check(answer: str) -> None:
        assert answer == t("id", "evaluation.comment_skipped")

    return Busy(lambda: bot.text(ANDI, "/lewati"), check)


@scenario("attendance.certificates.revoke_command", table="certificate")
async def revoke(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    await _completed(db, clock, evaluation=False)
    async with db.reading() as s:
        serial = await s.scalar(select(Certificate.serial))
    assert serial is not None
    number = number_of(CERTIFICATE_KEY, serial)

    async def check(answer: str) -> None:
        assert answer == t("id", "revoke.revoked", number=number)
        async with db.reading() as s:
            assert await s.scalar(select(Certificate.revoked_reason)) == "Salah nama"

    return Busy(lambda: bot.text(SUPER, f"/cabut {number} Salah nama"), check)


