"""Buttons of /lapor. Each carries the draft's nonce, so a button of an older draft (or
of an earlier step) is stale and changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from bot.presentation.buttons import Audience, Button, Match
from models.enums import JpCategory

Nonce = Annotated[str, Match(r"[0-9a-f]{6}")]


@dataclass(frozen=True)
class ClaimGroup(Button, prefix="claim.group", audience=Audience.EMPLOYEE):
    nonce: Nonce
    group: Literal["k", "n", "back"]  # classical, non-classical, back to the groups


@dataclass(frozen=True)
class ClaimCategory(Button, prefix="claim.kind", audience=Audience.EMPLOYEE):
    nonce: Nonce
    category: JpCategory


@dataclass(frozen=True)
class ClaimScope(Button, prefix="claim.scope", audience=Audience.EMPLOYEE):
    nonce: Nonce
    international: bool


@dataclass(frozen=True)
class ClaimConfirm(Button, prefix="claim.send", audience=Audience.EMPLOYEE):
    nonce: Nonce
    send: bool  # False: cancel the report
