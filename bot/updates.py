"""Updates processed concurrently, each user's in the order they were sent.

PTB processes one update at a time by default: one slow answer (an admin's 55 KB
attendance file, a 20,000-row workbook) kept everyone else waiting. With this processor
up to `CONCURRENT_UPDATES` updates run at once. Updates of one user still run one after
the other, in arrival order: a guided flow (/lapor, /umumkan) reads the step the
previous message wrote, and two quick presses of one button must not race each other.

A user's later update waits for their earlier one *before* taking one of the shared
slots, so someone pressing a button ten times holds one slot, not ten.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


def _sender(update: object) -> int | None:
    if isinstance(update, Update):
        if update.effective_user is not None:
            return update.effective_user.id
        if update.effective_chat is not None:
            return update.effective_chat.id
    return None


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """At most `max_concurrent_updates` at once; one at a time per user, in order."""

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        # user id -> [lock, updates of theirs waiting or running]; dropped at zero.
        self._users: dict[int, list[Any]] = {}

    async def process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        user = _sender(update)
        if user is None:
            await super().process_update(update, coroutine)
            return
        entry = self._users.setdefault(user, [asyncio.Lock(), 0])
        entry[1] += 1
        try:
            async with entry[0]:
                await super().process_update(update, coroutine)
        finally:
            entry[1] -= 1
            if entry[1] == 0:
                del self._users[user]

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        await coroutine

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    @property
    def users_in_progress(self) -> int:
        """Users with an update waiting or running (for tests and monitoring)."""
        return len(self._users)
