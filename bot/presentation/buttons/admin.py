"""Buttons of /admin: programs, participants and attendance, OPD admins, the audit trail."""

from __future__ import annotations

from dataclasses import dataclass

from bot.presentation.buttons import Audience, Button
from bot.services.programs.administration import AdminAction


@dataclass(frozen=True)
class AdminPrograms(Button, prefix="adm.progs", audience=Audience.SUPERADMIN):
    page: int = 0


@dataclass(frozen=True)
class AdminProgram(Button, prefix="adm.prog", audience=Audience.SUPERADMIN):
    program_id: int


@dataclass(frozen=True)
class ProgramAction(Button, prefix="adm.act", audience=Audience.SUPERADMIN):
    program_id: int
    action: AdminAction
    confirmed: bool = False  # cancelling asks first


@dataclass(frozen=True)
class ParticipantsWorkbook(Button, prefix="adm.people", audience=Audience.SUPERADMIN):
    program_id: int


@dataclass(frozen=True)
class Attendance(Button, prefix="adm.att", audience=Audience.SUPERADMIN):
    program_id: int
    page: int = 0


@dataclass(frozen=True)
class MarkAttendance(Button, prefix="adm.mark", audience=Audience.SUPERADMIN):
    enrollment_id: int
    attended: bool
    page: int = 0


@dataclass(frozen=True)
class OpdAdmins(Button, prefix="roles", audience=Audience.SUPERADMIN):
    """The OPD admins (a page); also leaves the add flow."""

    page: int = 0


@dataclass(frozen=True)
class AddOpdAdmin(Button, prefix="roles.add", audience=Audience.SUPERADMIN):
    pass


@dataclass(frozen=True)
class GrantOpdAdmin(Button, prefix="roles.grant", audience=Audience.SUPERADMIN):
    employee_id: int


@dataclass(frozen=True)
class RevokeOpdAdmin(Button, prefix="roles.revoke", audience=Audience.SUPERADMIN):
    role_id: int
    confirmed: bool = False


@dataclass(frozen=True)
class AuditWorkbook(Button, prefix="audit.xlsx", audience=Audience.SUPERADMIN):
    pass


@dataclass(frozen=True)
class GrantKepalaOpd(Button, prefix="roles.kepala", audience=Audience.SUPERADMIN):
    employee_id: int


@dataclass(frozen=True)
class RevokeKepalaOpd(Button, prefix="roles.unkepala", audience=Audience.SUPERADMIN):
    role_id: int
    confirmed: bool = False
