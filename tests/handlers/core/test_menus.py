"""The main menu and the command list per role (employee, supervisor, OPD admin,
superadmin), through process_update; each chat's list refreshed when a role is granted
or revoked; /batal listed for everyone (a flow can be open for anyone)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from bot.clock import FixedClock
from bot.i18n import t
from bot.presentation.buttons.admin import GrantOpdAdmin, RevokeOpdAdmin
from bot.presentation.buttons.self_service import ConfirmUnlink, OpenBalance, OpenClaim, OpenPrograms
from bot.services.identity.linking import issue_link_code
from bot.services.identity.roles import grant
from bot.services.menus import MenuRole, role_holders
from bot.presentation.menus import command_list, help_text, publish_role_commands
from models import AdminRole, Dialog, Employee
from models.db import Database
from models.enums import AdminRoleKind
from tests.bot_harness import BotHarness
from tests.factories import LINK_KEY, link_account, make_employee, make_opd, make_program, make_record

EMPLOYEE, BOSS, OPD_ADMIN, SUPER = 5580001, 5580002, 5580003, 5580004


async def _world(db: Database, clock: FixedClock) -> dict[str, Any]:
    async with db.writing() as s:
        opd = await make_opd(s, "Dinas Kesehatan")
        boss = await make_employee(s, opd=opd, name="Bos", phone=None)
        staff = await make_employee(s, opd=opd, name="Staf", phone=None)
        staff.supervisor_id = boss.id
        admin = await make_employee(s, opd=opd, name="Admin", phone=None)
        chief = await make_employee(s, opd=opd, name="Super", phone=None)
        for person, tg in ((staff, EMPLOYEE), (boss, BOSS), (admin, OPD_ADMIN), (chief, SUPER)):
            await link_account(s, person, tg, "en" if tg == SUPER else "id")
        await grant(s, OPD_ADMIN, AdminRoleKind.OPD_ADMIN, opd.id, "test", clock)
        await grant(s, SUPER, AdminRoleKind.SUPERADMIN, None, "test", clock)
        return {"staff": staff.id}


def _keyboard(harness: BotHarness) -> list[list[str]]:
    markup = harness.request.sent("sendMessage")[-1]["reply_markup"]
    return [[b["text"] if isinstance(b, dict) else b for b in row] for row in markup["keyboard"]]


def _commands(lang: str, role: MenuRole) -> list[str]:
    return [c.command for c in command_list(lang, role)]


async def test_each_role_gets_its_own_keyboard(harness: BotHarness, db: Database, clock: FixedClock) -> None:
    await _world(db, clock)
    await harness.text(EMPLOYEE, "/bantuan")
    employee = _keyboard(harness)
    assert [t("id", "menu.claim"), t("id", "menu.needs")] in employee
    assert not any(t("id", "menu.team") in row or t("id", "menu.admin") in row for row in employee)

    await harness.text(BOSS, "/saldo")
    assert [t("id", "menu.team")] in _keyboard(harness)

    await harness.text(OPD_ADMIN, "/start")
    opd_admin = _keyboard(harness)
    assert [t("id", "menu.review"), t("id", "menu.compliance")] in opd_admin
    assert [t("id", "menu.announce"), t("id", "menu.admin")] in opd_admin

    await harness.text(SUPER, "/help")
    superadmin = _keyboard(harness)
    assert [t("en", "menu.admin"), t("en", "menu.announce")] in superadmin
    assert [t("en", "menu.claim"), t("en", "menu.needs")] in superadmin


async def test_the_new_menu_buttons_open_their_features(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    await _world(db, clock)
    assert await harness.text(EMPLOYEE, t("id", "menu.claim")) == t("id", "claim.start")
    await harness.text(EMPLOYEE, "/batal")
    assert "Menu admin" in await harness.text(OPD_ADMIN, t("id", "menu.admin"))
    # A stranger typing an admin label gets no admin screen.
    assert "Menu admin" not in await harness.text(EMPLOYEE, t("id", "menu.admin"))


async def test_help_lists_every_command_of_the_askers_role_in_their_language(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    """/bantuan is made from the command table: every command the person's list shows
    (but /start and the help itself) is in their help, those of their role under its heading, none beyond."""
    await _world(db, clock)
    for user, lang, role in ((EMPLOYEE, "id", MenuRole.EMPLOYEE), (BOSS, "id", MenuRole.SUPERVISOR),
                             (OPD_ADMIN, "id", MenuRole.OPD_ADMIN), (SUPER, "en", MenuRole.SUPERADMIN)):
        answer = await harness.text(user, "/bantuan" if lang == "id" else "/help")
        assert answer == help_text(lang, role), role
        listed = {line.split(" ", 1)[0][1:] for line in answer.splitlines() if line.startswith("/")}
        assert listed == set(_commands(lang, role)) - {"start", "bantuan", "help"}, role
        if role != MenuRole.EMPLOYEE:
            assert t(lang, f"help.role.{role.value}") in answer
    assert "/kebutuhan" in help_text("id") and "/sertifikat" in help_text("id")
    assert "/tim" not in help_text("id") and "/tim" in help_text("id", MenuRole.SUPERVISOR)
    # A typo: said to be unknown, then the same help.
    answer = await harness.text(OPD_ADMIN, "/sald")
    assert answer == t("id", "command.unknown", command="/sald") + "\n\n" + help_text("id", MenuRole.OPD_ADMIN)


def test_command_lists_show_what_each_role_can_do_in_both_languages() -> None:
    employee, boss = _commands("id", MenuRole.EMPLOYEE), _commands("id", MenuRole.SUPERVISOR)
    opd_admin, superadmin = _commands("id", MenuRole.OPD_ADMIN), _commands("en", MenuRole.SUPERADMIN)
    assert "lapor" in employee and "batal" in employee and "tim" not in employee
    assert "rekap" not in employee and "tim" in boss and "rekap" not in boss
    assert {"tim", "admin", "verifikasi", "rekap", "umumkan", "batal"} <= set(opd_admin)
    assert {"team", "admin", "reviewreports", "compliance", "announce", "cancel", "trainingreport"} <= set(superadmin)
    assert "report" not in superadmin  # the old alias still works, but is not offered


async def test_role_holders_get_their_chat_list_at_start(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    await _world(db, clock)
    async with db.reading() as s:
        audiences = await role_holders(s, "id")
    assert {(a.telegram_user_id, a.menu.role) for a in audiences} == {
        (BOSS, MenuRole.SUPERVISOR), (OPD_ADMIN, MenuRole.OPD_ADMIN), (SUPER, MenuRole.SUPERADMIN)}
    harness.request.clear()
    assert await publish_role_commands(harness.app.bot, audiences) == 3
    calls = {c["scope"]["chat_id"]: c for c in harness.request.sent("setMyCommands")}
    assert all(c["scope"]["type"] == "chat" for c in calls.values())
    assert [c["command"] for c in calls[SUPER]["commands"]] == _commands("en", MenuRole.SUPERADMIN)
    assert [c["command"] for c in calls[OPD_ADMIN]["commands"]] == _commands("id", MenuRole.OPD_ADMIN)
    assert [c["command"] for c in calls[BOSS]["commands"]] == _commands("id", MenuRole.SUPERVISOR)


async def test_granting_and_revoking_a_role_refreshes_that_chats_commands(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    w = await _world(db, clock)
    await harness.text(SUPER, "/admin")
    from bot.presentation.buttons.admin import AddOpdAdmin
    from models import Employee
    await harness.send(harness.updates.callback(SUPER, AddOpdAdmin()))
    async with db.reading() as s:
        nip = await s.scalar(select(Employee.nip).where(Employee.id == w["staff"]))
    await harness.text(SUPER, str(nip))
    await harness.send(harness.updates.callback(SUPER, GrantOpdAdmin(w["staff"])))
    (call,) = harness.request.sent("setMyCommands")
    assert call["scope"] == {"type": "chat", "chat_id": EMPLOYEE}
    assert [c["command"] for c in call["commands"]] == _commands("id", MenuRole.OPD_ADMIN)
    # Their keyboard follows at the next answer.
    await harness.text(EMPLOYEE, "/bantuan")
    assert [t("id", "menu.review"), t("id", "menu.compliance")] in _keyboard(harness)

    async with db.reading() as s:
        role_id = await s.scalar(select(AdminRole.id).where(AdminRole.telegram_user_id == EMPLOYEE))
    await harness.send(harness.updates.callback(SUPER, RevokeOpdAdmin(role_id, True)))
    (call,) = harness.request.sent("deleteMyCommands")
    assert call["scope"] == {"type": "chat", "chat_id": EMPLOYEE}
    await harness.text(EMPLOYEE, "/bantuan")
    assert not any(t("id", "menu.review") in row for row in _keyboard(harness))


async def test_english_names_cannot_be_confused_and_old_aliases_still_work(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    await _world(db, clock)
    # The employee's training report and the admins' compliance report have distinct
    # names; the review of reports is not "verify" (the certificate check is /checkcert).
    english = _commands("en", MenuRole.SUPERADMIN)
    assert {"trainingreport", "compliance", "reviewreports", "checkcert"} <= set(english)
    assert "report" not in english and "verify" not in english
    for command in ("/trainingreport", "/report", "/lapor"):
        assert await harness.text(EMPLOYEE, command) == t("id", "claim.start")
        await harness.text(EMPLOYEE, "/batal")
    for command in ("/reviewreports", "/verify", "/verifikasi"):
        assert await harness.text(OPD_ADMIN, command) != help_text("id", MenuRole.OPD_ADMIN)
    assert "/trainingreport" in help_text("en") and "/report " not in help_text("en")


async def test_the_greeting_after_linking_points_to_balance_programs_and_report(
    harness: BotHarness, db: Database
) -> None:
    async with db.writing() as s:
        await make_employee(s, phone="+6281299990000", name="Nur")
    await harness.send(harness.updates.contact(5589999, "081299990000", contact_user_id=5589999))
    greeting, shortcuts = harness.request.sent("sendMessage")
    assert greeting["text"] == t("id", "link.linked", name="Nur")
    keyboard = [[b["text"] if isinstance(b, dict) else b for b in row]
                for row in greeting["reply_markup"]["keyboard"]]
    for key in ("menu.balance", "menu.programs", "menu.claim"):
        assert t("id", key) in greeting["text"] and any(t("id", key) in row for row in keyboard)
    # Below it, the same three as buttons.
    assert shortcuts["text"] == t("id", "link.start_here")
    assert shortcuts["reply_markup"]["inline_keyboard"] == [
        [{"text": t("id", "menu.balance"), "callback_data": OpenBalance().encode()}],
        [{"text": t("id", "menu.programs"), "callback_data": OpenPrograms().encode()}],
        [{"text": t("id", "menu.claim"), "callback_data": OpenClaim().encode()}],
    ]


async def test_each_shortcut_below_the_greeting_answers_like_its_command(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    w = await _world(db, clock)
    async with db.writing() as s:
        await make_program(s, title="Pelatihan Analisis Kebijakan")
        await make_record(s, await s.get(Employee, w["staff"]), "6", date(2026, 3, 2))
    answers = {}
    for pressed, command in ((OpenBalance(), "/saldo"), (OpenPrograms(), "/program"),
                             (OpenClaim(), "/lapor")):
        await harness.text(EMPLOYEE, command)
        expected = harness.texts()
        await harness.text(EMPLOYEE, "/batal")
        await harness.send(harness.updates.callback(EMPLOYEE, pressed))
        assert harness.texts() == expected, command
        assert harness.request.sent("answerCallbackQuery")  # the press is answered
        first = next(c.params for c in harness.request.calls
                     if c.method in ("sendMessage", "editMessageText"))
        answers[command] = (expected[0], str(first.get("reply_markup")))
    assert "6 JP" in answers["/saldo"][0]
    # The program list takes the place of the shortcuts, its programs as buttons.
    assert answers["/program"][0].startswith(t("id", "programs.title"))
    assert "Pelatihan Analisis Kebijakan" in answers["/program"][1]
    assert answers["/lapor"][0] == t("id", "claim.start")
    async with db.reading() as s:
        dialog = await s.get(Dialog, EMPLOYEE)
    assert dialog is not None and dialog.flow == "claim"  # the report was opened


async def test_a_forged_or_stale_shortcut_pressed_by_someone_not_linked_says_to_link(
    harness: BotHarness, db: Database
) -> None:
    stranger = 5589998
    for pressed in (OpenBalance(), OpenClaim()):
        assert await harness.send(harness.updates.callback(stranger, pressed)) == t("id", "link.needed")
    await harness.send(harness.updates.callback(stranger, OpenPrograms()))
    (answer,) = harness.request.sent("answerCallbackQuery")
    assert answer["text"] == t("id", "link.needed_short") and answer["show_alert"] is True
    async with db.reading() as s:
        assert await s.get(Dialog, stranger) is None  # no report opened


async def test_unlinking_suspends_the_roles_command_list_and_linking_back_restores_it(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    await _world(db, clock)
    await harness.send(harness.updates.callback(OPD_ADMIN, ConfirmUnlink(True)))
    (call,) = harness.request.sent("deleteMyCommands")
    assert call["scope"] == {"type": "chat", "chat_id": OPD_ADMIN}
    assert t("id", "link.share_button") in str(harness.request.sent()[-1]["reply_markup"])

    async with db.writing() as s:
        nip = await s.scalar(select(Employee.nip).join(AdminRole, AdminRole.employee_id == Employee.id)
                             .where(AdminRole.telegram_user_id == OPD_ADMIN))
        assert nip is not None
        code = await issue_link_code(s, nip, clock, timedelta(days=7), "test", key=LINK_KEY)
    assert code is not None
    await harness.text(OPD_ADMIN, f"/start {code.code}")
    (call,) = harness.request.sent("setMyCommands")
    assert call["scope"] == {"type": "chat", "chat_id": OPD_ADMIN}
    assert [c["command"] for c in call["commands"]] == _commands("id", MenuRole.OPD_ADMIN)


async def test_an_admin_who_heads_an_opd_has_the_team_button(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    """/tim is in every admin's command list; an OPD admin who also heads an OPD (no
    reports of their own) has 👥 Tim Saya in the menu too."""
    await _world(db, clock)
    await harness.text(OPD_ADMIN, "/bantuan")
    assert not any(t("id", "menu.team") in row for row in _keyboard(harness))
    async with db.writing() as s:
        admin = await s.scalar(select(AdminRole).where(AdminRole.telegram_user_id == OPD_ADMIN))
        assert admin is not None and admin.opd_id is not None
        await grant(s, OPD_ADMIN, AdminRoleKind.KEPALA_OPD, admin.opd_id, "test", clock)
    await harness.text(OPD_ADMIN, "/bantuan")
    keyboard = _keyboard(harness)
    assert any(t("id", "menu.team") in row for row in keyboard)
    assert any(t("id", "menu.admin") in row for row in keyboard)
