"""Answers to a pressed button edit its message; when that message is gone (deleted by
the user, or too old to edit), the answer comes as a new message instead of an error."""

from __future__ import annotations

import pytest

from bot.i18n import t
from bot.presentation.buttons.self_service import ConfirmUnlink
from tests.bot_harness import BotHarness

USER = 6700001


@pytest.mark.parametrize("reason", ["Bad Request: message to edit not found",
                                    "Bad Request: message can't be edited"])
async def test_an_answer_to_a_gone_message_is_sent_anew(harness: BotHarness, reason: str) -> None:
    harness.request.fail_methods["editMessageText"] = (400, reason)
    answer = await harness.send(harness.updates.callback(USER, ConfirmUnlink(False)))
    assert answer == t("id", "unlink.cancelled")
    assert [m["chat_id"] for m in harness.request.sent()] == [USER]
    assert "kesalahan" not in answer


async def test_other_edit_errors_still_reach_the_error_handler(harness: BotHarness) -> None:
    harness.request.fail_methods["editMessageText"] = (400, "Bad Request: can't parse entities")
    answer = await harness.send(harness.updates.callback(USER, ConfirmUnlink(False)))
    assert answer == t("id", "error.generic")
