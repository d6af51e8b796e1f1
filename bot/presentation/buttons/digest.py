"""Buttons of the leaders' monthly digest."""

from __future__ import annotations

from dataclasses import dataclass

from bot.presentation.buttons import Audience, Button


@dataclass(frozen=True)
class DigestWorkbook(Button, prefix="digest.xlsx", audience=Audience.EMPLOYEE):
    """Unduh XLSX under a monthly digest: heads of OPD are no admins, so the service
    checks the presser's role (OPD admin, head of that OPD, or superadmin)."""

    year: int
    opd_id: int | None = None
