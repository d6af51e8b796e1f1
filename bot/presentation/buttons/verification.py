"""Buttons of /verifikasi, on the card of one pending claim."""

from __future__ import annotations

from dataclasses import dataclass

from bot.presentation.buttons import Audience, Button


@dataclass(frozen=True)
class Approve(Button, prefix="verify.ok", audience=Audience.ADMIN):
    claim_id: int


@dataclass(frozen=True)
class ApproveOther(Button, prefix="verify.jp", audience=Audience.ADMIN):
    """Approve with other JP, typed next."""

    claim_id: int


@dataclass(frozen=True)
class Reject(Button, prefix="verify.no", audience=Audience.ADMIN):
    """Reject, with the reason typed next."""

    claim_id: int


@dataclass(frozen=True)
class NextClaim(Button, prefix="verify.next", audience=Audience.ADMIN):
    after_id: int  # 0: from the oldest


@dataclass(frozen=True)
class Evidence(Button, prefix="verify.file", audience=Audience.ADMIN):
    claim_id: int
