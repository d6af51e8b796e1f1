"""Buttons of the employee's own account: language, unlinking, reminder preferences, and
the greeting's shortcuts after linking."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.presentation.buttons import Audience, Button
from models.enums import Language


@dataclass(frozen=True)
class ChooseLanguage(Button, prefix="lang"):
    language: Language


@dataclass(frozen=True)
class ConfirmUnlink(Button, prefix="unlink"):
    sure: bool


@dataclass(frozen=True)
class ConfirmErase(Button, prefix="erase"):
    """/hapusakun's answer; it only ever acts on the presser's own account."""

    sure: bool


PreferenceChoice = Literal["pause30", "pause", "resume", "sessions_off", "sessions_on", "language",
                           "digest_off", "digest_on"]


@dataclass(frozen=True)
class SetPreference(Button, prefix="pref"):
    choice: PreferenceChoice


# The greeting after linking: where most people start. Each press is answered by the
# command's own handler (/saldo, /program, /lapor), someone not linked included.


@dataclass(frozen=True)
class OpenBalance(Button, prefix="go.saldo", audience=Audience.EMPLOYEE):
    pass


@dataclass(frozen=True)
class OpenPrograms(Button, prefix="go.program", audience=Audience.EMPLOYEE):
    pass


@dataclass(frozen=True)
class OpenClaim(Button, prefix="go.lapor", audience=Audience.EMPLOYEE):
    pass
