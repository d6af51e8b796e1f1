"""The command list Telegram shows, in Indonesian (default) and English."""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand
from telegram.error import TelegramError

from bot.i18n import t
from models.enums import Language

log = logging.getLogger(__name__)

# (Indonesian command, English alias, catalogue key of the description)
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("start", "start", "cmd.start"),
    ("saldo", "balance", "cmd.balance"),
    ("riwayat", "history", "cmd.history"),
    ("program", "programs", "cmd.programs"),
    ("kegiatanku", "mine", "cmd.mine"),
    ("lapor", "report", "cmd.claim"),
    ("kebutuhan", "needs", "cmd.needs"),
    ("hadir", "checkin", "cmd.checkin"),
    ("evaluasi", "evaluate", "cmd.evaluate"),
    ("sertifikat", "certificate", "cmd.certificate"),
    ("cek", "checkcert", "cmd.verify"),
    ("tim", "team", "cmd.team"),
    ("pengaturan", "settings", "cmd.settings"),
    ("bahasa", "language", "cmd.language"),
    ("bantuan", "help", "cmd.help"),
    ("putus", "unlink", "cmd.unlink"),
    ("privasi", "privacy", "cmd.privacy"),
    ("dataku", "mydata", "cmd.mydata"),
    ("hapusakun", "deleteaccount", "cmd.erase"),
)


def command_list(lang: str) -> list[BotCommand]:
    index = 0 if lang == Language.ID else 1
    return [BotCommand(names[index], t(lang, names[2])) for names in COMMANDS]


async def publish_commands(bot: Bot) -> bool:
    """setMyCommands for both languages; a failure is logged and never stops the bot."""
    try:
        await bot.set_my_commands(command_list(Language.ID))
        await bot.set_my_commands(command_list(Language.ID), language_code="id")
        await bot.set_my_commands(command_list(Language.EN), language_code="en")
    except TelegramError as exc:
        log.warning("setMyCommands failed (%s); the bot works without the command menu", exc)
        return False
    return True
