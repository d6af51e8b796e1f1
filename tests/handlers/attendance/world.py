"""A program in progress for the handler tests of check-in, evaluation and certificates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from bot.clock import FixedClock
from bot.services.attendance.checkin import session_code
from bot.services.identity.roles import grant
from bot.services.programs.enrollment import enroll
from models import Enrollment, ProgramSession
from models.db import Database
from models.enums import AdminRoleKind
from tests.factories import WITA, link_account, make_employee, make_opd, make_program

SUPER, ANDI, BUDI, STRANGER = 6615001, 6615002, 6615003, 6615004
START = datetime(2026, 12, 7, 8, 0, tzinfo=WITA)  # one session, 08.00-16.00 WITA
DURING = datetime(2026, 12, 7, 9, 0, tzinfo=WITA)
AFTER = datetime(2026, 12, 7, 17, 0, tzinfo=WITA)


@dataclass(frozen=True, slots=True)
class World:
    program: int
    session: int
    code: str
    andi: int  # employee ids
    budi: int
    andi_enrollment: int


async def world(db: Database, clock: FixedClock, *, with_code: bool = True,
                evaluation: bool = True) -> World:
    """Andi enrolled (linked as ANDI), Budi linked but not enrolled, a superadmin."""
    clock.set(datetime(2026, 11, 20, 10, tzinfo=WITA))
    async with db.writing() as s:
        await grant(s, SUPER, AdminRoleKind.SUPERADMIN, None, "test", clock)
        opd = await make_opd(s)
        program = await make_program(s, start=START, title="Pelatihan Presensi Mandiri")
        program.evaluation_required = evaluation
        andi = await make_employee(s, opd=opd, name="Andi Makkawaru", phone=None)
        budi = await make_employee(s, opd=opd, name="Budi Santoso", phone=None)
        await link_account(s, andi, ANDI)
        await link_account(s, budi, BUDI)
        await enroll(s, andi.id, program.id, clock.now())
        sitting = await s.scalar(select(ProgramSession.id).where(ProgramSession.program_id == program.id))
        assert sitting is not None
        code = (await session_code(s, SUPER, sitting)).code if with_code else ""  # type: ignore[union-attr]
        enrollment = await s.scalar(select(Enrollment.id).where(Enrollment.employee_id == andi.id))
        assert enrollment is not None
    return World(program.id, sitting, code, andi.id, budi.id, enrollment)
