"""What each person can do, as Telegram shows it: the main menu (reply keyboard) and
the command lists, per role (employee, supervisor, OPD admin, superadmin).

One place for both, used by the handlers (every answer carries the menu) and by the
outbox sender (a notice about a changed role carries the new menu and publishes the
chat's command list when it is sent)."""

from __future__ import annotations

import logging
from functools import lru_cache

from telegram import Bot, BotCommand, BotCommandScopeChat, KeyboardButton, ReplyKeyboardMarkup
from telegram.error import TelegramError

from bot.i18n import t
from bot.services.menus import Audience, Menu, MenuRole
from models.enums import Language

log = logging.getLogger(__name__)

# ------------------------------------------------------------------ the main menu

_EVERYONE_TOP = (("menu.balance", "menu.history"), ("menu.programs", "menu.mine"),
                 ("menu.claim", "menu.needs"))
_EVERYONE_BOTTOM = (("menu.language", "menu.help"),)
_TEAM = (("menu.team",),)
_ADMIN_ROWS = {
    MenuRole.OPD_ADMIN: (("menu.review", "menu.compliance"), ("menu.announce", "menu.admin")),
    MenuRole.SUPERADMIN: (("menu.admin", "menu.announce"), ("menu.review", "menu.compliance")),
}


def menu_rows(role: MenuRole = MenuRole.EMPLOYEE, team: bool = False) -> tuple[tuple[str, ...], ...]:
    """The catalogue keys of the main menu, row by row: every employee's rows, 👥 Tim Saya
    for a supervisor (`team`) or head of OPD, the admin rows for OPD admins and
    superadmins."""
    return (*_EVERYONE_TOP,
            *(_TEAM if team or role == MenuRole.SUPERVISOR else ()),
            *_ADMIN_ROWS.get(role, ()),
            *_EVERYONE_BOTTOM)


def menu_keys(menu: Menu) -> list[str]:
    """The buttons of `menu` (catalogue keys), in reading order."""
    return [key for row in menu_rows(menu.role, menu.team) for key in row]


@lru_cache(maxsize=32)
def main_menu(lang: str, role: MenuRole = MenuRole.EMPLOYEE, team: bool = False) -> ReplyKeyboardMarkup:
    """The menu of what this person can do (see `menu_rows`)."""
    return ReplyKeyboardMarkup(
        [[t(lang, key) for key in row] for row in menu_rows(role, team)],
        resize_keyboard=True,
        is_persistent=True,
        input_field_placeholder=t(lang, "menu.placeholder"),
    )


@lru_cache(maxsize=8)
def share_contact(lang: str) -> ReplyKeyboardMarkup:
    """The keyboard of someone not linked yet: share their phone number, language, help."""
    return ReplyKeyboardMarkup(
        [
            [KeyboardButton(t(lang, "link.share_button"), request_contact=True)],
            [t(lang, "menu.language"), t(lang, "menu.help")],
        ],
        resize_keyboard=True,
        is_persistent=True,
        input_field_placeholder=t(lang, "link.placeholder"),
    )


def keyboard_of(lang: str, menu: Menu, linked: bool) -> ReplyKeyboardMarkup:
    """The reply keyboard someone should have now: their menu once linked."""
    return main_menu(lang, menu.role, menu.team) if linked else share_contact(lang)


# ------------------------------------------------------------------ the command lists

EVERYONE = frozenset(MenuRole)
LEADERS = frozenset({MenuRole.SUPERVISOR, MenuRole.OPD_ADMIN, MenuRole.SUPERADMIN})
ADMINS = frozenset({MenuRole.OPD_ADMIN, MenuRole.SUPERADMIN})

# (Indonesian command, English alias, catalogue key of the description, who sees it)
COMMANDS: tuple[tuple[str, str, str, frozenset[MenuRole]], ...] = (
    ("start", "start", "cmd.start", EVERYONE),
    ("saldo", "balance", "cmd.balance", EVERYONE),
    ("riwayat", "history", "cmd.history", EVERYONE),
    ("program", "programs", "cmd.programs", EVERYONE),
    ("kegiatanku", "mine", "cmd.mine", EVERYONE),
    ("lapor", "trainingreport", "cmd.claim", EVERYONE),
    ("kebutuhan", "needs", "cmd.needs", EVERYONE),
    ("hadir", "checkin", "cmd.checkin", EVERYONE),
    ("evaluasi", "evaluate", "cmd.evaluate", EVERYONE),
    ("sertifikat", "certificate", "cmd.certificate", EVERYONE),
    ("cek", "checkcert", "cmd.verify", EVERYONE),
    ("tim", "team", "cmd.team", LEADERS),
    ("admin", "admin", "cmd.admin", ADMINS),
    ("verifikasi", "reviewreports", "cmd.review", ADMINS),
    ("rekap", "compliance", "cmd.report", ADMINS),
    ("umumkan", "announce", "cmd.announce", ADMINS),
    ("batal", "cancel", "cmd.cancel", EVERYONE),
    ("pengaturan", "settings", "cmd.settings", EVERYONE),
    ("bahasa", "language", "cmd.language", EVERYONE),
    ("bantuan", "help", "cmd.help", EVERYONE),
    ("privasi", "privacy", "cmd.privacy", EVERYONE),
    ("dataku", "mydata", "cmd.mydata", EVERYONE),
    ("hapusakun", "deleteaccount", "cmd.erase", EVERYONE),
    ("putus", "unlink", "cmd.unlink", EVERYONE),
)


def command_list(lang: str, role: MenuRole = MenuRole.EMPLOYEE) -> list[BotCommand]:
    index = 0 if lang == Language.ID else 1
    return [BotCommand(names[index], t(lang, names[2])) for names in COMMANDS if role in names[3]]


def help_text(lang: str, role: MenuRole = MenuRole.EMPLOYEE) -> str:
    """/bantuan: the commands this person can use, from the same table as their command
    list (so neither can miss one; /start and /bantuan itself aside), those of their
    role under a heading of their own."""
    index = 0 if lang == Language.ID else 1

    def lines(names: list[tuple[str, str, str, frozenset[MenuRole]]]) -> list[str]:
        return [f"/{entry[index]} — {t(lang, entry[2])}" for entry in names]

    everyone = [c for c in COMMANDS if c[3] == EVERYONE and c[0] not in ("start", "bantuan")]
    own = [c for c in COMMANDS if c[3] != EVERYONE and role in c[3]]
    parts = [t(lang, "help.title"), "\n".join(lines(everyone))]
    if own:
        parts.append(t(lang, f"help.role.{role.value}") + "\n" + "\n".join(lines(own)))
    parts.append(t(lang, "help.footer"))
    return "\n\n".join(parts)


async def publish_commands(bot: Bot) -> bool:
    """setMyCommands for everyone, in both languages; a failure is logged and never
    stops the bot."""
    try:
        await bot.set_my_commands(command_list(Language.ID))
        await bot.set_my_commands(command_list(Language.ID), language_code="id")
        await bot.set_my_commands(command_list(Language.EN), language_code="en")
    except TelegramError as exc:
        log.warning("setMyCommands failed (%s); the bot works without the command menu", exc)
        return False
    return True


async def publish_role_commands(bot: Bot, audiences: list[Audience]) -> int:
    """At start: the command list of every chat whose person holds a role (the roles may
    have changed from the console while the bot was down). How many were published."""
    published = 0
    for audience in audiences:
        published += await publish_chat_commands(bot, audience)
    return published


async def publish_chat_commands(bot: Bot, audience: Audience) -> bool:
    """The command list of one private chat, in the language the person chose in the bot
    (the chat scope outranks the per-language default lists). An employee's chat goes
    back to the list for everyone. A failure is logged (no personal data) and ignored."""
    scope = BotCommandScopeChat(audience.telegram_user_id)
    try:
        if audience.menu.role == MenuRole.EMPLOYEE:
            await bot.delete_my_commands(scope=scope)
        else:
            await bot.set_my_commands(command_list(audience.language, audience.menu.role), scope=scope)
    except TelegramError as exc:
        log.warning("setMyCommands for one chat failed (%s)", exc)
        return False
    return True
