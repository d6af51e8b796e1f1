"""Buttons of the demand report (admins): the table, its coverage and its workbook."""

from __future__ import annotations

from dataclasses import dataclass

from bot.presentation.buttons import Audience, Button


@dataclass(frozen=True)
class DemandTable(Button, prefix="demand", audience=Audience.ADMIN):
    year: int


@dataclass(frozen=True)
class DemandCoverage(Button, prefix="demand.cover", audience=Audience.ADMIN):
    year: int


@dataclass(frozen=True)
class DemandWorkbook(Button, prefix="demand.xlsx", audience=Audience.ADMIN):
    year: int
