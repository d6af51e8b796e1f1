"""What the whole application shares: settings, the database and the clock, in one object.

The wiring (`bot/app.py`) keeps it in the Application's `bot_data`; handlers reach it
through their typed context (`handlers/core/context.py`), jobs through `app_context()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bot.clock import Clock
from bot.background import Background
from bot.settings import Settings
from models.db import Database

APP_KEY = "app"


@dataclass(frozen=True, slots=True)
class AppContext:
    settings: Settings
    db: Database
    clock: Clock
    # Heavy work after the answer (bot/background.py).
    background: Background = field(default_factory=lambda: Background(2))

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        return self.clock.now().astimezone(self.settings.tz).date()


def app_context(application: Any) -> AppContext:
    """The AppContext of a PTB Application (for jobs and wiring)."""
    ctx: AppContext = application.bot_data[APP_KEY]
    return ctx
