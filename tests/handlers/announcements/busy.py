"""Busy-database scenarios of /umumkan and the status message (see tests/busy.py)."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.i18n import t
from bot.presentation.buttons.announcements import (
    ChooseAudience,
    ChoosePosition,
    ChooseProgram,
    ManageAnnouncement,
    OpdsChosen,
    PreviewChoice,
    ToggleOpd,
)
from bot.services.announcements.lifecycle import AudienceKind
from models import AdminRole, Announcement, Dialog
from models.db import Database
from models.enums import AdminRoleKind, PositionType
from tests.bot_harness import BotHarness
from tests.busy import Busy, scenario
from tests.factories import link_account, make_employee, make_opd, make_program

ADMIN = 6610401


async def _admin_with_audience(db: Database) -> int:
    """A superadmin, and one linked employee in an OPD; returns the OPD's id."""
    async with db.writing() as s:
        opd = await make_opd(s, "Dinas Uji Sibuk")
        await link_account(s, await make_employee(s, opd=opd, phone=None, position_type="fungsional"), 6610499)
        s.add(AdminRole(telegram_user_id=ADMIN, role=AdminRoleKind.SUPERADMIN,
                        created_at=datetime(2026, 1, 1, tzinfo=timezone.utc)))
        return opd.id


async def _draft(db: Database) -> tuple[str | None, dict[str, object]]:
    async with db.reading() as s:
        row = await s.get(Dialog, ADMIN)
        return (row.step, dict(row.data)) if row else (None, {})


async def _composed(bot: BotHarness, db: Database) -> int:
    opd_id = await _admin_with_audience(db)
    await bot.text(ADMIN, "/umumkan")
    await bot.text(ADMIN, "Rapat koordinasi Senin")
    return opd_id


def _press(bot: BotHarness, data: object):  # type: ignore[no-untyped-def]
    return lambda: bot.send(bot.updates.callback(ADMIN, data))


@scenario("announcements.compose.announce_command", table="dialog")
async def start(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    await _admin_with_audience(db)

    async def check(answer: str) -> None:
        assert answer == t("id", "announce.compose")
        assert (await _draft(db))[0] == "compose"

    return Busy(lambda: bot.text(ADMIN, "/umumkan"), check)


@scenario("announcements.compose.audience_pressed", table="dialog")
async def everyone(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    await _composed(bot, db)

    async def check(answer: str) -> None:
        assert t("id", "announce.preview_title") in answer
        assert (await _draft(db))[0] == "preview"

    return Busy(_press(bot, ChooseAudience(AudienceKind.ALL)), check)


@scenario("announcements.compose.opd_toggled", table="dialog")
async def toggle_an_opd(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    opd_id = await _composed(bot, db)
    await bot.send(bot.updates.callback(ADMIN, ChooseAudience(AudienceKind.OPD)))

    async def check(answer: str) -> None:
        assert answer == t("id", "announce.choose_opds")
        assert (await _draft(db))[1]["audience"] == {"kind": "opd", "opd_ids": [opd_id]}

    return Busy(_press(bot, ToggleOpd(opd_id, 0)), check)


@scenario("announcements.compose.opds_chosen", table="dialog")
async def opds_chosen(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    opd_id = await _composed(bot, db)
    await bot.send(bot.updates.callback(ADMIN, ChooseAudience(AudienceKind.OPD)))
    await bot.send(bot.updates.callback(ADMIN, ToggleOpd(opd_id, 0)))

    async def check(answer: str) -> None:
        assert "Dinas Uji Sibuk" in answer and (await _draft(db))[0] == "preview"

    return Busy(_press(bot, OpdsChosen()), check)


@scenario("announcements.compose.program_chosen", table="dialog")
async def a_programs_participants(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    await _composed(bot, db)
    async with db.writing() as s:
        program_id = (await make_program(s, title="Latsar Sibuk")).id
    await bot.send(bot.updates.callback(ADMIN, ChooseAudience(AudienceKind.PROGRAM)))

    async def check(answer: str) -> None:
        assert "Latsar Sibuk" in answer and (await _draft(db))[0] == "preview"

    return Busy(_press(bot, ChooseProgram(program_id)), check)


@scenario("announcements.compose.position_chosen", table="dialog")
async def a_position_type(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    await _composed(bot, db)
    await bot.send(bot.updates.callback(ADMIN, ChooseAudience(AudienceKind.POSITION)))

    async def check(answer: str) -> None:
        assert t("id", "announce.preview_title") in answer and (await _draft(db))[0] == "preview"

    return Busy(_press(bot, ChoosePosition(PositionType.FUNGSIONAL)), check)


async def _previewed(bot: BotHarness, db: Database) -> str:
    await _composed(bot, db)
    await bot.send(bot.updates.callback(ADMIN, ChooseAudience(AudienceKind.ALL)))
    nonce = (await _draft(db))[1]["nonce"]
    assert isinstance(nonce, str)
    return nonce


@scenario("announcements.compose.preview_chosen", table="announcement")
async def send_now(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    nonce = await _previewed(bot, db)

    async def check(answer: str) -> None:
        assert "sedang dikirim" in answer
        async with db.reading() as s:
            assert await s.scalar(select(func.count()).select_from(Announcement)) == 1

    return Busy(_press(bot, PreviewChoice(nonce, "send")), check)


@scenario("announcements.status.manage_pressed", table="announcement")
async def stop(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    nonce = await _previewed(bot, db)
    await bot.send(bot.updates.callback(ADMIN, PreviewChoice(nonce, "schedule")))
    await bot.text(ADMIN, "01/12/2026 08:00")
    nonce = (await _draft(db))[1]["nonce"]
    await bot.send(bot.updates.callback(ADMIN, PreviewChoice(nonce, "send")))  # type: ignore[arg-type]
    async with db.reading() as s:
        announcement_id = await s.scalar(select(Announcement.id))
    assert announcement_id is not None

    async def check(answer: str) -> None:
        async with db.reading() as s:
            assert (await s.get(Announcement, announcement_id)).status == "cancelled"  # type: ignore[union-attr]
        assert bot.request.sent("answerCallbackQuery")[-1]["text"] == t("id", "announce.stopped")

    return Busy(_press(bot, ManageAnnouncement(announcement_id, "cancel")), check)
