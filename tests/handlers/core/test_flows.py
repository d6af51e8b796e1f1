"""Free input inside and outside a guided flow: what reaches the flow, and what does not."""

from __future__ import annotations

from sqlalchemy import select

from bot.clock import FixedClock
from bot.i18n import t
from bot.services.identity.roles import grant
from models import Dialog
from models.db import Database
from models.enums import AdminRoleKind
from tests.bot_harness import BotHarness

ADMIN = 930


async def _step(db: Database) -> str | None:
    async with db.reading() as session:
        return await session.scalar(select(Dialog.step).where(Dialog.telegram_user_id == ADMIN))


def _sticker(harness: BotHarness, user: int) -> dict[str, object]:
    update = harness.updates.message(user)
    update["message"]["sticker"] = {"file_id": "st-1", "file_unique_id": "ust-1", "width": 512,
                                    "height": 512, "is_animated": False, "is_video": False,
                                    "type": "regular"}
    return update


async def test_an_edited_message_is_not_the_next_answer(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    async with db.writing() as session:
        await grant(session, ADMIN, AdminRoleKind.SUPERADMIN, None, "test", clock)
    await harness.text(ADMIN, "/umumkan")
    assert await _step(db) == "compose"
    edited = harness.updates.message(ADMIN, "teks yang diperbaiki")
    edited["edited_message"] = edited.pop("message")
    harness.request.clear()
    await harness.send(edited)
    assert await _step(db) == "compose" and harness.request.sent() == []


async def test_a_sticker_inside_a_flow_is_answered_and_changes_nothing(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    async with db.writing() as session:
        await grant(session, ADMIN, AdminRoleKind.SUPERADMIN, None, "test", clock)
    await harness.text(ADMIN, "/umumkan")
    assert await harness.send(_sticker(harness, ADMIN)) == t("id", "dialog.unsupported")
    assert await _step(db) == "compose"
    # Outside any flow a sticker gets the ordinary "not understood" answer.
    await harness.text(ADMIN, "/batal")
    assert await harness.send(_sticker(harness, 931)) == t("id", "link.needed")
