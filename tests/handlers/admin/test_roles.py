"""Superadmins grant and revoke OPD admins in Telegram; nobody else can."""

from __future__ import annotations

from bot.presentation.buttons.admin import AddOpdAdmin, GrantOpdAdmin, OpdAdmins, RevokeOpdAdmin
from sqlalchemy import select

from bot.clock import FixedClock
from bot.context import AppContext
from bot.i18n import t
from bot.jobs.outbox import OutboxSender
from bot.services.identity.roles import admin_scope, grant
from bot.context import app_context
from models import AdminRole, AuditLog, Dialog
from models.db import Database
from models.enums import AdminRoleKind
from tests.factories import link_account, make_employee, make_opd
from tests.bot_harness import BotHarness

SUPER, OPD_ADMIN, NEWCOMER, STRANGER = 900, 901, 903, 902
NOT_ALLOWED = t("id", "admin.not_allowed")


async def _world(db: Database, clock: FixedClock) -> dict[str, object]:
    async with db.writing() as session:
        opd = await make_opd(session, "Dinas Kesehatan")
        newcomer = await make_employee(session, opd=opd, name="Sitti Aminah", phone=None)
        unlinked = await make_employee(session, opd=opd, name="Belum Tautan", phone=None)
        await link_account(session, newcomer, NEWCOMER)
        await grant(session, SUPER, AdminRoleKind.SUPERADMIN, None, "test", clock)
        await grant(session, OPD_ADMIN, AdminRoleKind.OPD_ADMIN, opd.id, "test", clock)
        return {"opd": opd.id, "nip": newcomer.nip, "unlinked_nip": unlinked.nip,
                "newcomer": newcomer.id}


async def _press(harness: BotHarness, user: int, data: str) -> str:
    harness.request.clear()
    await harness.send(harness.updates.callback(user, data))
    alerts = [str(c.params["text"]) for c in harness.request.calls
              if c.method == "answerCallbackQuery" and c.params.get("text")]
    edits = [str(c.params["text"]) for c in harness.request.calls
             if c.method in ("editMessageText", "sendMessage")]
    return alerts[-1] if alerts else edits[-1] if edits else ""


async def _roles(db: Database) -> list[tuple[int, str]]:
    async with db.reading() as session:
        rows = await session.execute(select(AdminRole.telegram_user_id, AdminRole.role)
                                     .order_by(AdminRole.telegram_user_id))
        return [(a, b) for a, b in rows]


async def test_superadmin_adds_an_opd_admin_by_nip_and_revokes_them(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    w = await _world(db, clock)
    assert "/umumkan" in await harness.text(SUPER, "/admin")
    assert OpdAdmins(0).encode() in str(harness.request.sent()[-1]["reply_markup"])
    listing = await _press(harness, SUPER, OpdAdmins(0).encode())
    assert "Dinas Kesehatan" in listing
    await _press(harness, SUPER, AddOpdAdmin().encode())
    assert "NIP" in harness.request.last_text()
    assert "18 digit angka" in await harness.text(SUPER, "1234")
    assert "Tidak ada pegawai aktif" in await harness.text(SUPER, "198503142010031999")
    assert "belum menautkan" in await harness.text(SUPER, str(w["unlinked_nip"]))
    confirm = await harness.text(SUPER, str(w["nip"]))
    assert "Sitti Aminah" in confirm and "Dinas Kesehatan" in confirm

    # A forged confirmation for another employee does nothing.
    assert await _press(harness, SUPER, GrantOpdAdmin(999).encode()) == t("id", "callback.expired")
    assert (NEWCOMER, "opd_admin") not in await _roles(db)
    assert "ditambahkan" in await _press(harness, SUPER, GrantOpdAdmin(w['newcomer']).encode())
    assert (NEWCOMER, "opd_admin") in await _roles(db)
    assert await _press(harness, SUPER, GrantOpdAdmin(w['newcomer']).encode()) == t("id", "callback.expired")
    async with db.reading() as session:
        scope = await admin_scope(session, NEWCOMER)
    assert scope is not None and scope.opd_id == w["opd"]

    # The new admin is told, through the outbox.
    ctx: AppContext = app_context(harness.app)
    harness.request.clear()
    assert await OutboxSender().drain_once(harness.app.bot, ctx) == 1
    told = harness.request.sent()[-1]
    assert told["chat_id"] == NEWCOMER and "admin OPD Dinas Kesehatan" in told["text"]

    async with db.reading() as session:
        role_id = await session.scalar(select(AdminRole.id).where(AdminRole.telegram_user_id == NEWCOMER))
    assert "Cabut" in await _press(harness, SUPER, RevokeOpdAdmin(role_id).encode())
    assert (NEWCOMER, "opd_admin") in await _roles(db)  # asking changes nothing
    assert "dicabut" in await _press(harness, SUPER, RevokeOpdAdmin(role_id, True).encode())
    assert (NEWCOMER, "opd_admin") not in await _roles(db)
    assert "sudah tidak ada" in await _press(harness, SUPER, RevokeOpdAdmin(role_id, True).encode())
    async with db.reading() as session:
        actions = (await session.scalars(select(AuditLog.action).order_by(AuditLog.id))).all()
        details = (await session.scalars(select(AuditLog.details).order_by(AuditLog.id))).all()
    assert actions == ["grant_role", "revoke_role"]
    assert all("Sitti" not in str(d) and str(w["nip"]) not in str(d) for d in details)


async def test_opd_admins_and_strangers_cannot_manage_roles(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    w = await _world(db, clock)
    async with db.reading() as session:
        role_id = await session.scalar(select(AdminRole.id).where(AdminRole.telegram_user_id == OPD_ADMIN))
        super_role = await session.scalar(select(AdminRole.id).where(AdminRole.telegram_user_id == SUPER))
    before = await _roles(db)
    for user in (OPD_ADMIN, STRANGER):
        for data in (OpdAdmins(0).encode(), AddOpdAdmin().encode(), GrantOpdAdmin(w['newcomer']).encode(), RevokeOpdAdmin(role_id).encode(),
                     RevokeOpdAdmin(role_id, True).encode()):
            assert await _press(harness, user, data) == NOT_ALLOWED, (user, data)
    # Superadmin roles are not revocable from Telegram, even by a superadmin.
    assert "sudah tidak ada" in await _press(harness, SUPER, RevokeOpdAdmin(super_role, True).encode())
    assert await _roles(db) == before


async def test_a_withdrawn_superadmin_cannot_finish_a_grant(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    w = await _world(db, clock)
    await _press(harness, SUPER, AddOpdAdmin().encode())
    await harness.text(SUPER, str(w["nip"]))
    async with db.writing() as session:
        for role in (await session.scalars(select(AdminRole).where(AdminRole.telegram_user_id == SUPER))).all():
            await session.delete(role)
    assert await _press(harness, SUPER, GrantOpdAdmin(w['newcomer']).encode()) == NOT_ALLOWED
    assert (NEWCOMER, "opd_admin") not in await _roles(db)


async def test_cancel_ends_the_add_flow_and_a_move_replaces_the_old_opd(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    w = await _world(db, clock)
    await _press(harness, SUPER, AddOpdAdmin().encode())
    await harness.text(SUPER, str(w["nip"]))
    await _press(harness, SUPER, OpdAdmins(0).encode())  # ↩️ Batal
    async with db.reading() as session:
        assert await session.scalar(select(Dialog)) is None  # input is free again

    # Sitti already administers another OPD (granted from the console); she now works in
    # Dinas Kesehatan: granting it there replaces the old one.
    async with db.writing() as session:
        old = await make_opd(session, "Dinas Lama")
        await grant(session, NEWCOMER, AdminRoleKind.OPD_ADMIN, old.id, "cli", clock)
    await _press(harness, SUPER, AddOpdAdmin().encode())
    await harness.text(SUPER, str(w["nip"]))
    await _press(harness, SUPER, GrantOpdAdmin(w['newcomer']).encode())
    async with db.reading() as session:
        opds = (await session.scalars(
            select(AdminRole.opd_id).where(AdminRole.telegram_user_id == NEWCOMER))).all()
        audit = await session.scalar(select(AuditLog).where(AuditLog.action == "grant_role"))
    assert opds == [w["opd"]]
    assert audit is not None and audit.details["replaced_roles"] == 1


async def test_many_opd_admins_are_paged_and_names_are_plain_on_buttons(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    await _world(db, clock)
    async with db.writing() as session:
        opd = await make_opd(session, "Dinas P&K")
        for n in range(20):
            person = await make_employee(session, opd=opd, phone=None, name=f"Admin {n:02d} & Co")
            await link_account(session, person, 7700 + n)
            await grant(session, 7700 + n, AdminRoleKind.OPD_ADMIN, opd.id, "test", clock)
    await _press(harness, SUPER, OpdAdmins(0).encode())
    markup = str(harness.request.calls[-1].params["reply_markup"])
    assert OpdAdmins(1).encode() in markup and "& Co" in markup and "&amp;" not in markup
    page_two = await _press(harness, SUPER, OpdAdmins(1).encode())
    assert "16. Admin 14 &amp; Co" in page_two and "21. Admin 19" in page_two  # 21 in all
    assert "Halaman 2 dari 2." in page_two
    assert "Admin 00" not in page_two
