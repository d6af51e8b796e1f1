"""When a role changes, the person is told at once through the outbox, with their new
main menu (built when the notice is sent) and their chat's command list: OPD admins and
heads of OPD granted and revoked in Telegram, roles from the console, and a roster
import that makes someone a supervisor or takes their last report away."""

from __future__ import annotations

import argparse
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.cli.admin import cmd_add_admin, cmd_remove_admin
from bot.cli.console import Console
from bot.cli.imports import cmd_import_roster
from bot.clock import FixedClock
from bot.context import app_context
from bot.i18n import t
from bot.jobs.outbox import OutboxSender
from bot.presentation.buttons.admin import (
    AddOpdAdmin,
    GrantKepalaOpd,
    GrantOpdAdmin,
    RevokeKepalaOpd,
    RevokeOpdAdmin,
)
from bot.presentation.menus import command_list
from bot.services.identity.nip import compose_nip
from bot.services.identity.roles import grant
from bot.services.menus import MenuRole
from bot.services.outbox.queue import Notice, notify_chat
from bot.settings import Settings
from models import AdminRole, Employee, OutboxMessage, TelegramAccount
from models.db import Database
from models.enums import AdminRoleKind
from tests.bot_harness import BotHarness
from tests.conftest import WITA
from tests.factories import link_account, make_admin, make_employee, make_opd
from tests.services.imports.test_roster import write_csv

SUPER, PERSON, BOSS = 5680001, 5680002, 5680003
ADMIN_KEYS = ("menu.review", "menu.compliance", "menu.announce", "menu.admin")


async def _world(db: Database) -> dict[str, Any]:
    async with db.writing() as s:
        await make_admin(s, SUPER)
        opd = await make_opd(s, "Dinas Kesehatan")
        person = await make_employee(s, opd=opd, name="Sitti Aminah", phone=None)
        await link_account(s, person, PERSON)
        return {"id": person.id, "nip": person.nip, "opd": opd.id, "code": opd.code}


async def _drain(harness: BotHarness) -> int:
    """Send what is due, as the bot's sender would over a few seconds (a second message
    to one chat waits its second: the clock moves on between rounds); how many were sent."""
    harness.request.clear()
    ctx = app_context(harness.app)
    clock = ctx.clock
    assert isinstance(clock, FixedClock)
    sent = 0
    for _ in range(3):
        sent += await OutboxSender().drain_once(harness.app.bot, ctx)
        clock.set(clock.now() + timedelta(seconds=2))
    return sent


def _told(harness: BotHarness, chat_id: int) -> list[dict[str, Any]]:
    return [m for m in harness.request.sent() if m["chat_id"] == chat_id]


def _rows(message: dict[str, Any]) -> list[list[str]]:
    """The reply keyboard a message carries, row by row."""
    return [[b["text"] if isinstance(b, dict) else b for b in row]
            for row in message["reply_markup"]["keyboard"]]


def _labels(message: dict[str, Any]) -> list[str]:
    return [label for row in _rows(message) for label in row]


def _commands_of(harness: BotHarness, chat_id: int) -> list[str] | None:
    """The command list the sender published for the chat (None: back to everyone's)."""
    for call in harness.request.calls:
        if call.params.get("scope", {}).get("chat_id") == chat_id:
            if call.method == "deleteMyCommands":
                return None
            return [c["command"] for c in call.params["commands"]]
    raise AssertionError(f"no command list published for {chat_id}")


def _names(lang: str, role: MenuRole) -> list[str]:
    return [c.command for c in command_list(lang, role)]


async def _grant_in_telegram(harness: BotHarness, w: dict[str, Any], kind: Any) -> None:
    await harness.send(harness.updates.callback(SUPER, AddOpdAdmin()))
    await harness.text(SUPER, w["nip"])
    await harness.send(harness.updates.callback(SUPER, kind(w["id"])))


async def _role_id(db: Database, role: str) -> int:
    async with db.reading() as s:
        found = await s.scalar(select(AdminRole.id).where(AdminRole.telegram_user_id == PERSON,
                                                          AdminRole.role == role))
    assert found is not None
    return found


async def test_a_new_opd_admin_gets_the_admin_menu_and_commands_and_loses_them_on_revoke(
    harness: BotHarness, db: Database
) -> None:
    w = await _world(db)
    await _grant_in_telegram(harness, w, GrantOpdAdmin)
    assert await _drain(harness) == 1
    (told,) = _told(harness, PERSON)
    assert t("id", "notice.role_granted", opd="Dinas Kesehatan") in told["text"]
    assert t("id", "menu.changed") in told["text"]
    added = ", ".join(t("id", key) for key in ADMIN_KEYS)
    assert t("id", "menu.changed.added", items=added) in told["text"]
    assert all(t("id", key) in _labels(told) for key in ADMIN_KEYS)
    assert _commands_of(harness, PERSON) == _names("id", MenuRole.OPD_ADMIN)

    role_id = await _role_id(db, "opd_admin")
    await harness.send(harness.updates.callback(SUPER, RevokeOpdAdmin(role_id, True)))
    assert await _drain(harness) == 1
    (told,) = _told(harness, PERSON)
    assert told["text"].startswith(t("id", "notice.role_revoked", opd="Dinas Kesehatan"))
    assert t("id", "menu.changed.removed", items=added) in told["text"]
    assert not any(t("id", key) in _labels(told) for key in ADMIN_KEYS)
    assert t("id", "menu.balance") in _labels(told)
    assert _commands_of(harness, PERSON) is None  # back to everyone's list
    # Nothing else is left to send: one notice per change.
    assert await _drain(harness) == 0


async def test_a_head_of_opd_gets_the_team_button_and_loses_it_on_revoke(
    harness: BotHarness, db: Database
) -> None:
    w = await _world(db)
    await _grant_in_telegram(harness, w, GrantKepalaOpd)
    assert await _drain(harness) == 1
    (told,) = _told(harness, PERSON)
    assert t("id", "notice.kepala_granted", opd="Dinas Kesehatan") in told["text"]
    assert t("id", "menu.changed.added", items=t("id", "menu.team")) in told["text"]
    assert t("id", "menu.team") in _labels(told)
    assert _commands_of(harness, PERSON) == _names("id", MenuRole.SUPERVISOR)

    role_id = await _role_id(db, "kepala_opd")
    await harness.send(harness.updates.callback(SUPER, RevokeKepalaOpd(role_id, True)))
    assert await _drain(harness) == 1
    (told,) = _told(harness, PERSON)
    assert told["text"].startswith(t("id", "notice.kepala_revoked", opd="Dinas Kesehatan"))
    assert t("id", "menu.changed.removed", items=t("id", "menu.team")) in told["text"]
    assert t("id", "menu.team") not in _labels(told)
    assert _commands_of(harness, PERSON) is None


async def test_two_quick_changes_end_with_the_right_menu(harness: BotHarness, db: Database) -> None:
    """Granted and revoked before the first notice went out: only the revocation is
    told, with the employee's menu; granted again meanwhile, the admin menu."""
    w = await _world(db)
    await _grant_in_telegram(harness, w, GrantOpdAdmin)
    role_id = await _role_id(db, "opd_admin")
    await harness.send(harness.updates.callback(SUPER, RevokeOpdAdmin(role_id, True)))
    assert await _drain(harness) == 1
    (told,) = _told(harness, PERSON)
    assert told["text"].startswith(t("id", "notice.role_revoked", opd="Dinas Kesehatan"))
    assert t("id", "menu.admin") not in _labels(told)
    assert _commands_of(harness, PERSON) is None
    async with db.reading() as s:
        statuses = sorted((await s.scalars(select(OutboxMessage.status))).all())
    assert statuses == ["sent", "skipped"]  # the grant, no longer true, was not sent

    # Revoked (told), then made head of OPD and OPD admin again in quick succession:
    # both notices go out, each with the menu of that moment, the admin's.
    await _grant_in_telegram(harness, w, GrantKepalaOpd)
    await _grant_in_telegram(harness, w, GrantOpdAdmin)
    assert await _drain(harness) == 2
    first, second = _told(harness, PERSON)
    assert t("id", "notice.kepala_granted", opd="Dinas Kesehatan") in first["text"]
    assert t("id", "notice.role_granted", opd="Dinas Kesehatan") in second["text"]
    assert _labels(first) == _labels(second)
    assert t("id", "menu.admin") in _labels(second)


async def test_a_person_who_blocked_the_bot_is_marked_and_their_commands_left_alone(
    harness: BotHarness, db: Database
) -> None:
    w = await _world(db)
    await _grant_in_telegram(harness, w, GrantOpdAdmin)
    harness.request.fail_methods["sendMessage"] = (403, "Forbidden: bot was blocked by the user")
    assert await _drain(harness) == 0
    assert not any(c.method in ("setMyCommands", "deleteMyCommands") for c in harness.request.calls)
    async with db.reading() as s:
        assert (await s.scalars(select(OutboxMessage.status))).all() == ["blocked"]
        account = await s.scalar(select(TelegramAccount).where(TelegramAccount.telegram_user_id == PERSON))
    assert account is not None and account.blocked_at is not None
    assert await _drain(harness) == 0  # not tried again


def _args(**values: Any) -> argparse.Namespace:
    return argparse.Namespace(**values)


def _after_the_console(clock: FixedClock) -> None:
    """The console stamps its rows with the real time: the bot's clock goes to a
    working morning after it (outside quiet hours)."""
    tomorrow = datetime.now(WITA).date() + timedelta(days=1)
    clock.set(datetime.combine(tomorrow, time(10, 0), WITA))


async def test_roles_from_the_console_are_told_by_the_bot(
    harness: BotHarness, db: Database, settings: Settings, clock: FixedClock
) -> None:
    """The console has no Bot: the outbox row carries the notice, and the bot's sender
    publishes the chat's command list with it."""
    w = await _world(db)
    _after_the_console(clock)
    console = Console("id")
    assert await cmd_add_admin(console, settings, _args(telegram_id=PERSON, opd=None, super=True,
                                                         kepala_opd=None)) == 0
    assert await _drain(harness) == 1
    (told,) = _told(harness, PERSON)
    assert t("id", "notice.superadmin_granted") in told["text"]
    assert [t("id", "menu.admin"), t("id", "menu.announce")] in _rows(told)
    assert _commands_of(harness, PERSON) == _names("id", MenuRole.SUPERADMIN)

    assert await cmd_add_admin(console, settings, _args(telegram_id=PERSON, opd=None, super=False,
                                                         kepala_opd=w["code"])) == 0
    assert await _drain(harness) == 1  # a head of OPD and a superadmin: the same menu
    assert t("id", "notice.kepala_granted", opd="Dinas Kesehatan") in _told(harness, PERSON)[0]["text"]

    # Every role taken at once: one notice, saying how the menu changed.
    assert await cmd_remove_admin(console, settings, _args(telegram_id=PERSON, opd=None)) == 0
    assert await _drain(harness) == 1
    (told,) = _told(harness, PERSON)
    assert told["text"].startswith(t("id", "menu.changed"))
    assert t("id", "menu.admin") not in _labels(told) and t("id", "menu.team") not in _labels(told)
    assert _commands_of(harness, PERSON) is None


HEADER = ["NIP", "Nama", "Jenis Pegawai", "OPD", "NIP Atasan"]
STAFF = compose_nip(date(1990, 7, 8), 2015, 3, 1, 13)
OTHER = compose_nip(date(1991, 7, 8), 2016, 3, 1, 14)


async def _import(settings: Settings, path: Path) -> int:
    return await cmd_import_roster(Console("id"), settings,
                                   _args(file=path, dry_run=False, skip_invalid=False))


async def test_a_roster_import_that_makes_someone_a_supervisor_or_takes_it_away_tells_them(
    harness: BotHarness, db: Database, settings: Settings, clock: FixedClock, tmp_path: Path
) -> None:
    _after_the_console(clock)
    async with db.writing() as s:
        opd = await make_opd(s, "Dinas Kesehatan")
        boss = await make_employee(s, opd=opd, name="Pak Kabid", phone=None)
        await link_account(s, boss, BOSS, "en")
    people = [[STAFF, "Staf Satu", "PNS", "Dinas Kesehatan", boss.nip],
              [OTHER, "Staf Dua", "PNS", "Dinas Kesehatan", boss.nip]]
    assert await _import(settings, write_csv(tmp_path / "a.csv", [HEADER, *people])) == 0
    assert await _drain(harness) == 1  # two new reports, one notice
    (told,) = _told(harness, BOSS)
    assert told["text"].startswith(t("en", "menu.changed"))
    assert t("en", "menu.changed.added", items=t("en", "menu.team")) in told["text"]
    assert t("en", "menu.team") in _labels(told)
    assert _commands_of(harness, BOSS) == _names("en", MenuRole.SUPERVISOR)
    assert t("en", "menu.team") in str(harness.request.sent()[-1]["reply_markup"])
    await harness.text(BOSS, "/help")  # the next answer agrees
    assert t("en", "menu.team") in str(harness.request.sent()[-1]["reply_markup"])

    # The same file again changes nothing and tells nobody; one report leaving does not
    # take the team away; the last one does.
    assert await _import(settings, write_csv(tmp_path / "b.csv", [HEADER, *people])) == 0
    assert await _import(settings, write_csv(tmp_path / "c.csv", [HEADER, people[0][:4] + [""]])) == 0
    assert await _drain(harness) == 0
    assert await _import(settings, write_csv(tmp_path / "d.csv", [HEADER, people[1][:4] + [""]])) == 0
    assert await _drain(harness) == 1
    (told,) = _told(harness, BOSS)
    assert t("en", "menu.changed.removed", items=t("en", "menu.team")) in told["text"]
    assert t("en", "menu.team") not in _labels(told)
    assert _commands_of(harness, BOSS) is None


async def test_a_dry_run_tells_nobody_and_a_move_that_suspends_an_opd_admin_tells_them(
    harness: BotHarness, db: Database, settings: Settings, clock: FixedClock, tmp_path: Path
) -> None:
    _after_the_console(clock)
    async with db.writing() as s:
        opd = await make_opd(s, "Dinas Kesehatan")
        role = await make_admin(s, PERSON, opd, name="Admin Dinkes")
        admin = await s.get(Employee, role.employee_id)
        assert admin is not None
        nip = admin.nip
    moved = write_csv(tmp_path / "m.csv", [HEADER[:4], [nip, "Admin Dinkes", "PNS", "Dinas Pendidikan"]])
    assert await cmd_import_roster(Console("id"), settings,
                                   _args(file=moved, dry_run=True, skip_invalid=False)) == 0
    assert await _drain(harness) == 0
    assert await _import(settings, moved) == 0
    assert await _drain(harness) == 1
    (told,) = _told(harness, PERSON)
    assert t("id", "menu.admin") not in _labels(told)
    assert _commands_of(harness, PERSON) is None


async def test_a_notice_queued_before_menus_were_told_still_goes_out_with_the_menu_now(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    """Rows of the previous version hold only the OPD's name: sent as before, with the
    menu and the command list of the moment (no "added/removed": nothing to compare)."""
    w = await _world(db)
    async with db.writing() as s:
        await grant(s, PERSON, AdminRoleKind.OPD_ADMIN, w["opd"], "test", clock)
        await notify_chat(s, PERSON, w["id"], Notice.ROLE_GRANTED, {"opd": "Dinas Kesehatan"},
                          "role:old", clock.now())
    assert await _drain(harness) == 1
    (told,) = _told(harness, PERSON)
    assert told["text"] == t("id", "notice.role_granted", opd="Dinas Kesehatan")
    assert t("id", "menu.admin") in _labels(told)
    assert _commands_of(harness, PERSON) == _names("id", MenuRole.OPD_ADMIN)
