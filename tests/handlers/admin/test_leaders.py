"""Heads of OPD granted and revoked from /admin → 👥 Admin OPD, audited, told; no admin rights."""

from __future__ import annotations

from sqlalchemy import select

from bot.context import AppContext
from bot.i18n import t
from bot.jobs.outbox import OutboxSender
from bot.presentation.buttons.admin import AddOpdAdmin, GrantKepalaOpd, OpdAdmins, RevokeKepalaOpd
from bot.settings import Settings
from bot.clock import FixedClock
from models import AdminRole, AuditLog
from models.db import Database
from tests.bot_harness import BotHarness
from tests.factories import link_account, make_admin, make_employee, make_opd

SUPER, HEAD, OPD_ADMIN = 6920001, 6920002, 6920003


async def test_superadmin_makes_and_unmakes_a_head_of_opd(
    harness: BotHarness, db: Database, settings: Settings, clock: FixedClock
) -> None:
    async with db.writing() as s:
        await make_admin(s, SUPER)
        opd = await make_opd(s, "Dinas Perhubungan")
        head = await make_employee(s, opd=opd, name="Pak Kadis", phone=None)
        await link_account(s, head, HEAD)
        await make_admin(s, OPD_ADMIN, opd)
    await harness.send(harness.updates.callback(SUPER, AddOpdAdmin()))
    confirm = await harness.text(SUPER, head.nip)
    assert "Pak Kadis" in confirm
    # An OPD admin (not a superadmin) cannot make heads.
    await harness.send(harness.updates.callback(OPD_ADMIN, GrantKepalaOpd(head.id)))
    async with db.reading() as s:
        assert await s.scalar(select(AdminRole).where(AdminRole.telegram_user_id == HEAD)) is None

    answer = await harness.send(harness.updates.callback(SUPER, GrantKepalaOpd(head.id)))
    assert t("id", "roles.kepala_granted", opd="Dinas Perhubungan") in answer and "Pak Kadis" in answer
    async with db.reading() as s:
        role = await s.scalar(select(AdminRole).where(AdminRole.telegram_user_id == HEAD))
        assert role is not None and role.role == "kepala_opd" and role.opd_id == opd.id
        details = await s.scalar(select(AuditLog.details).where(AuditLog.action == "grant_role"))
        assert details is not None and details["role"] == "kepala_opd"
        assert "Pak Kadis" not in str(details) and head.nip not in str(details)
    # Told through the bot; still no admin.
    assert await OutboxSender().drain_once(harness.app.bot, AppContext(settings, db, clock)) == 1
    assert "kepala OPD Dinas Perhubungan" in harness.request.sent()[-1]["text"]
    assert "hanya untuk admin" in await harness.text(HEAD, "/rekap")

    listing = await harness.send(harness.updates.callback(SUPER, OpdAdmins(0)))
    assert "Kepala OPD" in listing and "Pak Kadis" in listing
    answer = await harness.send(harness.updates.callback(SUPER, RevokeKepalaOpd(role.id, True)))
    assert answer.startswith(t("id", "roles.kepala_revoked"))
    async with db.reading() as s:
        assert await s.scalar(select(AdminRole).where(AdminRole.telegram_user_id == HEAD)) is None
