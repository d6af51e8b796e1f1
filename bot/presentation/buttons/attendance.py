"""Buttons of running a program end to end: check-in codes, evaluations, certificates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from bot.presentation.buttons import Audience, Button, Match


@dataclass(frozen=True)
class CheckinQr(Button, prefix="adm.qr", audience=Audience.SUPERADMIN):
    """A session's check-in code and QR (given on first press)."""

    session_id: int


@dataclass(frozen=True)
class EvaluationResults(Button, prefix="adm.eval", audience=Audience.SUPERADMIN):
    program_id: int


@dataclass(frozen=True)
class EvaluationWorkbook(Button, prefix="adm.evalx", audience=Audience.SUPERADMIN):
    program_id: int


@dataclass(frozen=True)
class Rate(Button, prefix="eval", audience=Audience.EMPLOYEE):
    """One rating of the evaluation; `given` carries the earlier ones ("r", "r4", "r45"…)."""

    enrollment_id: int
    given: Annotated[str, Match(r"r[1-5]{0,3}")]
    value: int


@dataclass(frozen=True)
class SendCertificate(Button, prefix="cert", audience=Audience.EMPLOYEE):
    certificate_id: int
