"""Buttons of /rekap."""

from __future__ import annotations

from dataclasses import dataclass

from bot.presentation.buttons import Audience, Button


@dataclass(frozen=True)
class ComplianceTable(Button, prefix="rekap", audience=Audience.ADMIN):
    year: int
    by_share: bool  # sorted by % met (else by name)


@dataclass(frozen=True)
class ComplianceWorkbook(Button, prefix="rekap.xlsx", audience=Audience.ADMIN):
    year: int
