"""Nobody decides a claim of the employee they are, were, or are linked to, whatever
they do with their links: the hostile paths of issue 13, through process_update."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.clock import FixedClock
from bot.i18n import t
from bot.presentation.buttons.self_service import ConfirmUnlink
from bot.presentation.buttons.verification import Approve
from bot.services.identity.linking import issue_link_code
from bot.services.identity.roles import admin_scope, bootstrap_superadmins, grant_opd_admin
from bot.services.imports.roster import import_roster
from models import AccountLink, AdminRole, AuditLog, Employee, JpClaim, JpRecord
from models.db import Database
from models.enums import JpStatus
from tests.bot_harness import BotHarness
from tests.factories import LINK_KEY, link_account, make_admin, make_employee, make_opd
from tests.handlers.claims.helpers import alert, press, report_seminar, track

ADMIN, SECOND_ACCOUNT, OTHER_SUPER, SEEDED, COLLEAGUE = 6500001, 6500002, 6500003, 6500004, 6500005
PHONE = "+6281299990001"


@pytest.fixture
def bot(harness: BotHarness) -> BotHarness:
    return track(harness)


async def _status(db: Database) -> list[str]:
    async with db.reading() as s:
        return [str(x) for x in await s.scalars(select(JpRecord.status).order_by(JpRecord.id))]


async def _claim_id(db: Database) -> int:
    async with db.reading() as s:
        claim_id = await s.scalar(select(JpClaim.id).order_by(JpClaim.id.desc()))
    assert claim_id is not None
    return claim_id


async def test_an_opd_admin_who_unlinks_cannot_approve_their_own_claim(
    bot: BotHarness, db: Database
) -> None:
    """The reproduction: /lapor, /putus, /verifikasi, approve, link back by contact,
    /saldo. Unlinking suspends the role; linking back restores it, and the own claim is
    still out of reach. Nothing is approved."""
    async with db.writing() as s:
        health = await make_opd(s, "Dinas Kesehatan")
        role = await make_admin(s, ADMIN, health, name="Admin Sendiri")
        employee = await s.get(Employee, role.employee_id)
        assert employee is not None
        employee.phone = PHONE
    await report_seminar(bot, ADMIN)
    assert "menunggu verifikasi" in await press(bot, ADMIN, "Kirim")
    claim = await _claim_id(db)

    await bot.send(bot.updates.callback(ADMIN, ConfirmUnlink(True)))
    reply = await bot.text(ADMIN, "/verifikasi")
    assert "Admin Sendiri" not in reply and "Verifikasi laporan" not in reply
    await bot.send(bot.updates.callback(ADMIN, Approve(claim)))
    assert alert(bot) == t("id", "verify.not_allowed")
    assert await _status(db) == [JpStatus.PENDING]

    await bot.send(bot.updates.contact(ADMIN, PHONE, ADMIN))  # linked back
    assert "Admin Sendiri" not in await bot.text(ADMIN, "/verifikasi")
    await bot.send(bot.updates.callback(ADMIN, Approve(claim)))
    assert alert(bot) == t("id", "verify.own_claim")
    assert await _status(db) == [JpStatus.PENDING]
    async with db.reading() as s:
        actions = [a for a in await s.scalars(select(AuditLog.action)) if a.startswith("role.")]
    assert actions == ["role.suspended"]


async def test_a_superadmin_with_a_second_account_cannot_approve_their_own_claim(
    bot: BotHarness, db: Database, clock: FixedClock
) -> None:
    """A superadmin seeded from ADMIN_TELEGRAM_IDS, never linked, files a claim from a
    second, linked account: the seeded account decides no claim until it is known as an
    employee; once it links, the roles bind to that employee and their claims are out
    of its reach, from any account."""
    async with db.writing() as s:
        opd = await make_opd(s, "BPSDM")
        me = await make_employee(s, opd=opd, name="Super Sendiri", phone=PHONE)
        await link_account(s, me, SECOND_ACCOUNT)
        await bootstrap_superadmins(s, [SEEDED], clock)
    await report_seminar(bot, SECOND_ACCOUNT)
    await press(bot, SECOND_ACCOUNT, "Kirim")
    claim = await _claim_id(db)

    assert t("id", "admin.identify_first") in await bot.text(SEEDED, "/verifikasi")
    await bot.send(bot.updates.callback(SEEDED, Approve(claim)))
    assert alert(bot) == t("id", "admin.identify_first")
    assert await _status(db) == [JpStatus.PENDING]

    # The seeded account links to the same employee (taking the link over with a code):
    # the role binds to them, and the second account's claim stays theirs.
    async with db.writing() as s:
        code = await issue_link_code(s, me.nip, clock, timedelta(days=7), "test", key=LINK_KEY)
    assert code is not None
    await bot.text(SEEDED, f"/start {code.code}")
    assert "berhasil ditautkan" in bot.texts()[0]
    async with db.reading() as s:
        bound = await s.scalar(select(AdminRole.employee_id).where(AdminRole.telegram_user_id == SEEDED))
    assert bound == me.id
    assert "Super Sendiri" not in await bot.text(SEEDED, "/verifikasi")
    await bot.send(bot.updates.callback(SEEDED, Approve(claim)))
    assert alert(bot) == t("id", "verify.own_claim")
    # Unlinked again, its old link still counts (and the role is suspended anyway).
    await bot.send(bot.updates.callback(SEEDED, ConfirmUnlink(True)))
    await bot.send(bot.updates.callback(SEEDED, Approve(claim)))
    assert alert(bot) in (t("id", "verify.own_claim"), t("id", "verify.not_allowed"))
    assert await _status(db) == [JpStatus.PENDING]

    # Another superadmin decides it.
    async with db.writing() as s:
        await make_admin(s, OTHER_SUPER)
    await bot.send(bot.updates.callback(OTHER_SUPER, Approve(claim)))
    assert await _status(db) == [JpStatus.APPROVED]


async def test_an_account_once_linked_to_a_colleague_never_decides_the_colleague(
    bot: BotHarness, db: Database, clock: FixedClock
) -> None:
    """An account that was linked to someone ("were linked to") keeps them out of its
    queue after it links elsewhere and is made admin."""
    async with db.writing() as s:
        opd = await make_opd(s, "Dinas Kesehatan")
        colleague = await make_employee(s, opd=opd, name="Rekan Lama", phone=None)
        await link_account(s, colleague, COLLEAGUE)
    await report_seminar(bot, COLLEAGUE)
    await press(bot, COLLEAGUE, "Kirim")
    claim = await _claim_id(db)
    # The admin's account was linked to the colleague once (the colleague's account
    # took it over since), then linked to the admin's own entry.
    async with db.writing() as s:
        s.add(AccountLink(telegram_user_id=ADMIN, employee_id=colleague.id,
                          linked_at=clock.now(), unlinked_at=clock.now()))
        await make_admin(s, ADMIN, opd, name="Admin Baru")
    assert "Rekan Lama" not in await bot.text(ADMIN, "/verifikasi")
    await bot.send(bot.updates.callback(ADMIN, Approve(claim)))
    assert alert(bot) == t("id", "verify.own_claim")
    assert await _status(db) == [JpStatus.PENDING]


async def test_a_roster_move_suspends_an_opd_admin_until_a_superadmin_grants_again(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    async with db.writing() as s:
        health, works = await make_opd(s, "Dinas Kesehatan"), await make_opd(s, "Dinas PU")
        role = await make_admin(s, ADMIN, health, name="Admin Pindah")
        employee = await s.get(Employee, role.employee_id)
        assert employee is not None
        nip = employee.nip
        assert (await admin_scope(s, ADMIN)) is not None
    roster = tmp_path / "roster.csv"
    roster.write_text(f"nip,nama,jenis,opd\n{nip},Admin Pindah,PNS,Dinas PU\n", encoding="utf-8")
    async with db.writing() as s:
        report = await import_roster(s, roster, clock)
    assert not report.errors, report.errors
    assert report.roles_suspended == 1
    async with db.reading() as s:
        assert await admin_scope(s, ADMIN) is None
        audit = list(await s.scalars(select(AuditLog).where(AuditLog.action == "role.suspended")))
    assert [a.details["reason"] for a in audit] == ["opd_moved"]
    assert nip not in str(audit[0].details)

    async with db.writing() as s:
        granted = await grant_opd_admin(s, OTHER_SUPER_GRANTER, role.employee_id or 0, clock.now())
    assert granted is not None and granted.opd_id == works.id and granted.replaced == 1
    async with db.reading() as s:
        scope = await admin_scope(s, ADMIN)
    assert scope is not None and scope.opd_id == works.id


OTHER_SUPER_GRANTER = 6500009


@pytest.fixture(autouse=True)
async def _granter(db: Database) -> None:
    async with db.writing() as s:
        await make_admin(s, OTHER_SUPER_GRANTER, name="Pemberi Peran")


async def test_a_link_taken_over_by_code_suspends_the_old_accounts_roles_audited(
    bot: BotHarness, db: Database, clock: FixedClock
) -> None:
    async with db.writing() as s:
        role = await make_admin(s, ADMIN, await make_opd(s, "Dinas Kesehatan"), name="Admin Lama")
        nip = (await s.get(Employee, role.employee_id)).nip  # type: ignore[union-attr]
        code = await issue_link_code(s, nip, clock, timedelta(days=7), "test", key=LINK_KEY)
    assert code is not None
    await bot.text(SECOND_ACCOUNT, f"/start {code.code}")
    assert "berhasil ditautkan" in bot.texts()[0]
    async with db.reading() as s:
        assert await admin_scope(s, ADMIN) is None
        audit = list(await s.scalars(select(AuditLog).where(AuditLog.action == "role.suspended")))
    assert [(a.target, a.details["reason"]) for a in audit] == [(f"tg:{ADMIN}", "unlinked")]
