"""Buttons of /umumkan (composing) and of an announcement's status message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from bot.presentation.buttons import Audience, Button, Match
from bot.services.announcements.lifecycle import AudienceKind
from models.enums import PositionType

Nonce = Annotated[str, Match(r"[0-9a-f]{6}")]


@dataclass(frozen=True)
class ChooseAudience(Button, prefix="ann.to", audience=Audience.ADMIN):
    kind: AudienceKind


@dataclass(frozen=True)
class ToggleOpd(Button, prefix="ann.opd", audience=Audience.SUPERADMIN):
    opd_id: int
    page: int


@dataclass(frozen=True)
class OpdPage(Button, prefix="ann.opds", audience=Audience.SUPERADMIN):
    page: int


@dataclass(frozen=True)
class OpdsChosen(Button, prefix="ann.opdok", audience=Audience.SUPERADMIN):
    pass


@dataclass(frozen=True)
class ChooseProgram(Button, prefix="ann.prog", audience=Audience.ADMIN):
    program_id: int


@dataclass(frozen=True)
class ProgramPage(Button, prefix="ann.progs", audience=Audience.ADMIN):
    page: int


@dataclass(frozen=True)
class ChoosePosition(Button, prefix="ann.pos", audience=Audience.ADMIN):
    position: PositionType


Choice = Literal["send", "schedule", "unlinked", "audience", "discard"]


@dataclass(frozen=True)
class PreviewChoice(Button, prefix="ann.go", audience=Audience.ADMIN):
    """A choice under the preview; the nonce ties it to that very preview."""

    nonce: Nonce
    choice: Choice


@dataclass(frozen=True)
class ManageAnnouncement(Button, prefix="ann.manage", audience=Audience.ADMIN):
    """Stop, retry the failed, or download the unlinked, from the status message."""

    announcement_id: int
    action: Literal["cancel", "retry", "unlinked"]
