"""Buttons of /kebutuhan: an employee's learning needs."""

from __future__ import annotations

from dataclasses import dataclass

from bot.presentation.buttons import Audience, Button
from models.enums import CompetencyKind, LearningForm


@dataclass(frozen=True)
class NeedsHome(Button, prefix="needs", audience=Audience.EMPLOYEE):
    """Back to the overview of one's needs."""


@dataclass(frozen=True)
class NeedAdd(Button, prefix="needs.add", audience=Audience.EMPLOYEE):
    """Start choosing a competency: by kind, or by typing a few letters."""


@dataclass(frozen=True)
class NeedKind(Button, prefix="needs.kind", audience=Audience.EMPLOYEE):
    kind: CompetencyKind
    page: int


@dataclass(frozen=True)
class NeedPick(Button, prefix="needs.pick", audience=Audience.EMPLOYEE):
    competency: int


@dataclass(frozen=True)
class NeedForm(Button, prefix="needs.form", audience=Audience.EMPLOYEE):
    competency: int
    form: LearningForm | None  # None: no preference


@dataclass(frozen=True)
class NeedSkipReason(Button, prefix="needs.skip", audience=Audience.EMPLOYEE):
    competency: int


@dataclass(frozen=True)
class NeedUp(Button, prefix="needs.up", audience=Audience.EMPLOYEE):
    competency: int


@dataclass(frozen=True)
class NeedDrop(Button, prefix="needs.drop", audience=Audience.EMPLOYEE):
    competency: int
