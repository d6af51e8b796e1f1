"""Busy-database scenarios of /admin: program actions, attendance, OPD admins."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from bot.clock import FixedClock
from bot.i18n import t
from bot.presentation.buttons.admin import (
    AddOpdAdmin,
    GrantOpdAdmin,
    MarkAttendance,
    OpdAdmins,
    ProgramAction,
    RevokeOpdAdmin,
)
from bot.services.identity.roles import grant
from bot.services.programs.administration import AdminAction
from bot.services.programs.enrollment import enroll
from models import AdminRole, Dialog, Enrollment, Program
from models.db import Database
from models.enums import AdminRoleKind
from tests.bot_harness import BotHarness
from tests.busy import Busy, scenario
from tests.factories import WITA, link_account, make_employee, make_opd, make_program, xlsx_bytes
from tests.units import in_unit

SUPER, NEWCOMER = 6610501, 6610502


async def _world(db: Database, clock: FixedClock) -> dict[str, int]:
    async with db.writing() as s:
        opd = await make_opd(s, "Dinas Kesehatan Sibuk")
        newcomer = await make_employee(s, opd=opd, name="Sitti Aminah", phone=None)
        await link_account(s, newcomer, NEWCOMER)
        await grant(s, SUPER, AdminRoleKind.SUPERADMIN, None, "test", clock)
        program = await make_program(s, status="draft", start=datetime(2026, 11, 28, 8, tzinfo=WITA))
        return {"newcomer": newcomer.id, "program": program.id, "opd": opd.id}


def _press(bot: BotHarness, data: object):  # type: ignore[no-untyped-def]
    return lambda: bot.send(bot.updates.callback(SUPER, data))


async def _dialog_step(db: Database) -> str | None:
    async with db.reading() as s:
        row = await s.get(Dialog, SUPER)
        return row.step if row else None


@scenario("admin.programs.action_pressed", table="program")
async def publish(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    clock.set(datetime(2026, 11, 20, 10, tzinfo=WITA))
    w = await _world(db, clock)

    async def check(answer: str) -> None:
        assert answer.startswith(t("id", "admin.done.publish", notified=0))
        async with db.reading() as s:
            assert (await s.get(Program, w["program"])).status == "published"  # type: ignore[union-attr]

    return Busy(_press(bot, ProgramAction(w["program"], AdminAction.PUBLISH)), check)


@scenario("admin.attendance.mark_pressed", table="enrollment")
async def mark_completed(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    w = await _world(db, clock)
    async with db.writing() as s:
        (await s.get(Program, w["program"])).status = "published"  # type: ignore[union-attr]
    clock.set(datetime(2026, 11, 1, 10, tzinfo=WITA))
    await in_unit(db, enroll, w["newcomer"], w["program"], clock.now())
    clock.set(datetime(2026, 11, 28, 17, tzinfo=WITA))
    async with db.reading() as s:
        enrollment_id = await s.scalar(select(Enrollment.id))
    assert enrollment_id is not None

    async def check(answer: str) -> None:
        assert answer.startswith(t("id", "admin.mark.completed"))
        async with db.reading() as s:
            assert await s.scalar(select(Enrollment.status)) == "completed"

    return Busy(_press(bot, MarkAttendance(enrollment_id, True)), check)


@scenario("admin.roles.list_pressed", table="dialog")
async def leave_the_add_flow(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    await _world(db, clock)
    await bot.send(bot.updates.callback(SUPER, AddOpdAdmin()))

    async def check(answer: str) -> None:
        assert t("id", "roles.title") in answer and await _dialog_step(db) is None

    return Busy(_press(bot, OpdAdmins(0)), check)


@scenario("admin.roles.add_pressed", table="dialog")
async def ask_for_a_nip(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    await _world(db, clock)

    async def check(answer: str) -> None:
        assert answer == t("id", "roles.ask_nip") and await _dialog_step(db) == "nip"

    return Busy(_press(bot, AddOpdAdmin()), check)


@scenario("admin.roles.grant_pressed", table="admin_role")
async def grant_a_role(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    w = await _world(db, clock)
    await bot.send(bot.updates.callback(SUPER, AddOpdAdmin()))
    async with db.reading() as s:
        from models import Employee

        nip = (await s.get(Employee, w["newcomer"])).nip  # type: ignore[union-attr]
    await bot.text(SUPER, nip)

    async def check(answer: str) -> None:
        assert "Dinas Kesehatan Sibuk" in answer
        async with db.reading() as s:
            assert await s.scalar(select(AdminRole.opd_id).where(AdminRole.telegram_user_id == NEWCOMER)) == w["opd"]

    return Busy(_press(bot, GrantOpdAdmin(w["newcomer"])), check)


@scenario("admin.roles.revoke_pressed", table="admin_role")
async def revoke_a_role(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    w = await _world(db, clock)
    async with db.writing() as s:
        await grant(s, NEWCOMER, AdminRoleKind.OPD_ADMIN, w["opd"], "test", clock)
        role_id = await s.scalar(select(AdminRole.id).where(AdminRole.telegram_user_id == NEWCOMER))
    assert role_id is not None

    async def check(answer: str) -> None:
        assert answer.startswith(t("id", "roles.revoked"))
        async with db.reading() as s:
            assert await s.get(AdminRole, role_id) is None

    return Busy(_press(bot, RevokeOpdAdmin(role_id, True)), check)


@scenario("core.flows.on_input#attendance_file", table="enrollment")
async def attendance_file(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    """The participant list sent back with the attendance filled in."""
    w = await _world(db, clock)
    async with db.writing() as s:
        (await s.get(Program, w["program"])).status = "published"  # type: ignore[union-attr]
    clock.set(datetime(2026, 11, 1, 10, tzinfo=WITA))
    await in_unit(db, enroll, w["newcomer"], w["program"], clock.now())
    clock.set(datetime(2026, 11, 28, 17, tzinfo=WITA))
    async with db.reading() as s:
        from models import Employee

        nip = (await s.get(Employee, w["newcomer"])).nip  # type: ignore[union-attr]
        code = (await s.get(Program, w["program"])).code  # type: ignore[union-attr]
    data = xlsx_bytes([["kode_program", "nip", "hadir"], [code, nip, "ya"]])
    bot.request.files["busy-att"] = data
    upload = bot.updates.document(SUPER, "busy-att", "hadir.xlsx", len(data))

    async def check(answer: str) -> None:
        assert "1 selesai" in answer
        async with db.reading() as s:
            assert await s.scalar(select(Enrollment.status)) == "completed"

    return Busy(lambda: bot.send(upload), check)


@scenario("admin.leaders.kepala_grant_pressed", table="admin_role")
async def grant_head_of_opd(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    from bot.presentation.buttons.admin import GrantKepalaOpd
    from models import Employee

    w = await _world(db, clock)
    await bot.send(bot.updates.callback(SUPER, AddOpdAdmin()))
    async with db.reading() as s:
        nip = (await s.get(Employee, w["newcomer"])).nip  # type: ignore[union-attr]
    await bot.text(SUPER, nip)

    async def check(answer: str) -> None:
        assert "Kepala OPD Dinas Kesehatan Sibuk" in answer
        async with db.reading() as s:
            assert await s.scalar(select(AdminRole.role).where(AdminRole.telegram_user_id == NEWCOMER)) == "kepala_opd"

    return Busy(_press(bot, GrantKepalaOpd(w["newcomer"])), check)


@scenario("admin.leaders.kepala_revoke_pressed", table="admin_role")
async def revoke_head_of_opd(bot: BotHarness, db: Database, clock: FixedClock) -> Busy:
    from bot.presentation.buttons.admin import RevokeKepalaOpd

    w = await _world(db, clock)
    async with db.writing() as s:
        await grant(s, NEWCOMER, AdminRoleKind.KEPALA_OPD, w["opd"], "test", clock)
        role_id = await s.scalar(select(AdminRole.id).where(AdminRole.telegram_user_id == NEWCOMER))
    assert role_id is not None

    async def check(answer: str) -> None:
        assert answer.startswith(t("id", "roles.kepala_revoked"))
        async with db.reading() as s:
            assert await s.get(AdminRole, role_id) is None

    return Busy(_press(bot, RevokeKepalaOpd(role_id, True)), check)
