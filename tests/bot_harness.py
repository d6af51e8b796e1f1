"""The `harness` fixture: an initialised Application on a migrated database, talking to a
RecordingRequest (used by handler and job tests)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram.ext import Application

from bot.app import build_application
from bot.clock import FixedClock
from bot.context import app_context
from bot.settings import Settings
from models.db import Database
from tests.ptb_offline import RecordingRequest, UpdateFactory, to_update


class BotHarness:
    def __init__(self, app: Application, request: RecordingRequest) -> None:  # type: ignore[type-arg]
        self.app = app
        self.request = request
        self.updates = UpdateFactory()

    async def send(self, data: dict[str, Any]) -> str:
        """Process one update and the background work it started (as a user waiting for
        the result would); returns the last text the bot sent (or '' if none)."""
        self.request.clear()
        await self.app.process_update(to_update(data, self.app.bot))
        await app_context(self.app).background.join(timeout=120)
        texts = [c.params.get("text") for c in self.request.calls if c.params.get("text")]
        return str(texts[-1]) if texts else ""

    async def text(self, user_id: int, text: str) -> str:
        return await self.send(self.updates.message(user_id, text))

    def texts(self) -> list[str]:
        """Every text the bot sent (or edited) for the last update, in order (`send`
        returns the last one: after linking that is the shortcuts below the greeting)."""
        return [str(c.params["text"]) for c in self.request.calls if c.params.get("text")]


@pytest.fixture
async def harness(
    settings: Settings, db: Database, clock: FixedClock
) -> AsyncIterator[BotHarness]:
    request = RecordingRequest()
    app = build_application(settings, db, clock, request=request, rate_limit=False)
    await app.initialize()
    try:
        yield BotHarness(app, request)
    finally:
        await app.shutdown()
