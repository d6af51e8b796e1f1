"""What every handler needs from the application, in one typed object."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.clock import Clock
from bot.settings import Settings
from models.db import Database


@dataclass(frozen=True, slots=True)
class AppContext:
    settings: Settings
    db: Database
    clock: Clock

    def today(self) -> date:
        return self.clock.now().astimezone(self.settings.tz).date()
