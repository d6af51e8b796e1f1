"""Buttons of the program catalogue: lists, filters, cards, enrolling, calendar files."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from bot.presentation.buttons import Audience, Button, Match
from models.enums import JpCategory

Month = Annotated[str, Match(r"\d{6}")]  # YYYYMM


@dataclass(frozen=True, slots=True)
class ListState:
    """Where the reader is in the program list (kept in the buttons, not in memory)."""

    page: int = 0
    category: JpCategory | None = None
    month: str | None = None


@dataclass(frozen=True)
class ProgramList(Button, prefix="prog.list", audience=Audience.EMPLOYEE):
    page: int = 0
    category: JpCategory | None = None
    month: Month | None = None

    @classmethod
    def of(cls, state: ListState) -> ProgramList:
        return cls(min(state.page, 999), state.category, state.month)

    @property
    def state(self) -> ListState:
        return ListState(self.page, self.category, self.month)


@dataclass(frozen=True)
class ProgramFilter(Button, prefix="prog.filter", audience=Audience.EMPLOYEE):
    by: Literal["category", "month"]
    category: JpCategory | None = None
    month: Month | None = None


@dataclass(frozen=True)
class ProgramCard(Button, prefix="prog.card", audience=Audience.EMPLOYEE):
    """One program's card, remembering the list to go back to."""

    program_id: int
    page: int = 0
    category: JpCategory | None = None
    month: Month | None = None

    @classmethod
    def of(cls, program_id: int, state: ListState | None = None) -> ProgramCard:
        state = state or ListState()
        return cls(program_id, min(state.page, 999), state.category, state.month)

    @property
    def state(self) -> ListState:
        return ListState(self.page, self.category, self.month)


@dataclass(frozen=True)
class Enroll(Button, prefix="enroll", audience=Audience.EMPLOYEE):
    program_id: int
    despite_clash: bool = False  # the employee saw the overlap and goes ahead


@dataclass(frozen=True)
class CancelEnrollment(Button, prefix="unenroll", audience=Audience.EMPLOYEE):
    program_id: int
    confirmed: bool = False


@dataclass(frozen=True)
class ProgramCalendar(Button, prefix="prog.ics", audience=Audience.EMPLOYEE):
    program_id: int


@dataclass(frozen=True)
class MyActivities(Button, prefix="mine", audience=Audience.EMPLOYEE):
    pass
