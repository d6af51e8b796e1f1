"""Buttons of /tim: a supervisor's team and the nudge."""

from __future__ import annotations

from dataclasses import dataclass

from bot.presentation.buttons import Audience, Button
from bot.services.team.members import Reach


@dataclass(frozen=True)
class TeamList(Button, prefix="team", audience=Audience.EMPLOYEE):
    reach: Reach
    page: int = 0


@dataclass(frozen=True)
class TeamNudge(Button, prefix="team.nudge", audience=Audience.EMPLOYEE):
    """Ingatkan: the id is only a hint; the service checks the member is below the presser."""

    employee_id: int
    reach: Reach
    page: int = 0

