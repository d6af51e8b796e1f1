"""Buttons of the employee's own account: language, unlinking, reminder preferences."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.presentation.buttons import Button
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
