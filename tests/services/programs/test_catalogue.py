"""Who may see a program's card and calendar file: checked on every view, not only in the
list and at enrollment."""

from __future__ import annotations

from sqlalchemy import update

from bot.clock import FixedClock
from bot.services.identity.roles import grant
from bot.services.programs.catalogue import load_member, program_calendar, program_card
from models import Employee, Enrollment, Program
from models.db import Database
from models.enums import AdminRoleKind, EnrollmentStatus, PositionType, ProgramStatus
from tests.factories import NOW, make_employee, make_opd, make_program

MEETING = "https://zoom.example/j/8123?pwd=RAHASIA-OPD-B"
SUPER, ADMIN_B, ADMIN_A = 7710001, 7710002, 7710003


async def _world(db: Database, clock: FixedClock) -> dict[str, int]:
    async with db.writing() as s:
        opd_a, opd_b = await make_opd(s, "Dinas A"), await make_opd(s, "Dinas B")
        ids = {
            "opd_a": opd_a.id,
            "opd_b": opd_b.id,
            "andi": (await make_employee(s, opd=opd_a, phone=None,
                                         position_type=PositionType.PELAKSANA)).id,
            "for_b": (await make_program(s, title="Rahasia OPD B", opds=[opd_b])).id,
            "for_struktural": (await make_program(
                s, title="Khusus Struktural", position_types=[PositionType.STRUKTURAL])).id,
            "draft": (await make_program(s, title="Masih Draf", status=ProgramStatus.DRAFT)).id,
            "open": (await make_program(s, title="Untuk Semua")).id,
        }
        await s.execute(update(Program).values(online_url=MEETING,
                                               description="Passcode rapat: 998877"))
        await grant(s, SUPER, AdminRoleKind.SUPERADMIN, None, "test", clock)
        await grant(s, ADMIN_B, AdminRoleKind.OPD_ADMIN, opd_b.id, "test", clock)
        await grant(s, ADMIN_A, AdminRoleKind.OPD_ADMIN, opd_a.id, "test", clock)
    return ids


async def _card(db: Database, clock: FixedClock, employee_id: int, program_id: int,
                telegram_id: int | None = None):  # type: ignore[no-untyped-def]
    async with db.reading() as s:
        member = await load_member(s, employee_id)
        assert member is not None
        return await program_card(s, program_id, member, clock.now(), telegram_id)


async def _calendar(db: Database, clock: FixedClock, employee_id: int, program_id: int,
                    telegram_id: int | None = None):  # type: ignore[no-untyped-def]
    async with db.reading() as s:
        member = await load_member(s, employee_id)
        assert member is not None
        return await program_calendar(s, program_id, member, clock.now(), telegram_id)


async def test_a_program_for_another_opd_shows_neither_card_nor_calendar(
    db: Database, clock: FixedClock
) -> None:
    ids = await _world(db, clock)
    assert await _card(db, clock, ids["andi"], ids["for_b"]) is None
    assert await _calendar(db, clock, ids["andi"], ids["for_b"]) is None
    # The same for a position type the employee does not hold, and for a draft.
    assert await _card(db, clock, ids["andi"], ids["for_struktural"]) is None
    assert await _calendar(db, clock, ids["andi"], ids["for_struktural"]) is None
    assert await _card(db, clock, ids["andi"], ids["draft"]) is None
    assert await _calendar(db, clock, ids["andi"], ids["draft"]) is None
    # What is meant for everyone stays visible, link included.
    card = await _card(db, clock, ids["andi"], ids["open"])
    assert card is not None and card.online_url == MEETING
    assert await _calendar(db, clock, ids["andi"], ids["open"]) is not None


async def test_an_enrolled_employee_who_moved_opd_still_sees_the_program(
    db: Database, clock: FixedClock
) -> None:
    ids = await _world(db, clock)
    async with db.writing() as s:
        s.add(Enrollment(program_id=ids["for_b"], employee_id=ids["andi"],
                         status=EnrollmentStatus.ENROLLED, queue_no=1, created_at=NOW,
                         updated_at=NOW))
    card = await _card(db, clock, ids["andi"], ids["for_b"])
    assert card is not None and card.my_status == EnrollmentStatus.ENROLLED
    assert card.online_url == MEETING
    assert await _calendar(db, clock, ids["andi"], ids["for_b"]) is not None


async def test_admins_see_programs_within_their_scope_only(db: Database, clock: FixedClock) -> None:
    ids = await _world(db, clock)
    async with db.writing() as s:  # each admin is an employee of OPD A as well
        await s.execute(update(Employee).values(opd_id=ids["opd_a"]))
    assert await _card(db, clock, ids["andi"], ids["for_b"], SUPER) is not None
    assert await _card(db, clock, ids["andi"], ids["for_b"], ADMIN_B) is not None
    assert await _calendar(db, clock, ids["andi"], ids["for_b"], ADMIN_B) is not None
    assert await _card(db, clock, ids["andi"], ids["for_b"], ADMIN_A) is None
    assert await _calendar(db, clock, ids["andi"], ids["for_b"], ADMIN_A) is None
    # Drafts are the admin menu's business, never an employee card.
    assert await _card(db, clock, ids["andi"], ids["draft"], SUPER) is None
