"""The Telegram layer: turns updates into service calls and results into replies."""

from __future__ import annotations

import re

from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.i18n import all_translations
from handlers.admin import programs as admin_programs
from handlers.admin import roles as admin_roles
from handlers.announcements import compose as announce
from handlers.self_service import balance
from handlers.claims import reporting as claims
from handlers.core import flows as dialog
from handlers.self_service import groups as group
from handlers.self_service import help
from handlers.self_service import preferences
from handlers.programs import browse as programs
from handlers.compliance import rekap as report
from handlers.self_service import language as settings
from handlers.self_service import linking as start
from handlers.self_service import unlink
from handlers.verification import review as verify
from handlers.core.callbacks import on_callback
from handlers.core.errors import on_error


def _menu(key: str) -> filters.BaseFilter:
    """Matches a main-menu button's label in any language."""
    labels = "|".join(re.escape(label) for label in all_translations(key))
    return filters.Regex(f"^(?:{labels})$")


def register(app: Application) -> None:  # type: ignore[type-arg]
    dialog.FLOWS["announce"] = dialog.Flow(announce.on_input)
    dialog.FLOWS["roles"] = dialog.Flow(admin_roles.on_input)
    dialog.FLOWS["claim"] = dialog.Flow(claims.on_input)
    dialog.FLOWS["verify"] = dialog.Flow(verify.on_input)
    private = filters.ChatType.PRIVATE
    app.add_handler(MessageHandler(filters.ChatType.GROUPS & filters.COMMAND, group.private_only))
    app.add_handlers(
        [
            CommandHandler("start", start.start, filters=private),
            CommandHandler(["saldo", "balance"], balance.balance, filters=private),
            CommandHandler(["riwayat", "history"], balance.history, filters=private),
            CommandHandler(["program", "programs"], programs.programs_command, filters=private),
            CommandHandler(["kegiatanku", "mine"], programs.mine_command, filters=private),
            CommandHandler(["bahasa", "language"], settings.choose_language, filters=private),
            CommandHandler(["pengaturan", "settings"], preferences.preferences_command, filters=private),
            CommandHandler(["bantuan", "help"], help.help_command, filters=private),
            CommandHandler(["putus", "unlink"], unlink.ask_unlink, filters=private),
            CommandHandler("admin", admin_programs.admin_command, filters=private),
            CommandHandler(["rekap", "compliance"], report.report_command, filters=private),
            CommandHandler(["batal", "cancel"], dialog.cancel_command, filters=private),
            CommandHandler(["umumkan", "announce"], announce.announce_command, filters=private),
            CommandHandler(["lapor", "report"], claims.claim_command, filters=private),
            CommandHandler(["verifikasi", "verify"], verify.verify_command, filters=private),
            MessageHandler(private & filters.CONTACT, start.contact),
            MessageHandler(private & _menu("menu.balance"), balance.balance),
            MessageHandler(private & _menu("menu.history"), balance.history),
            MessageHandler(private & _menu("menu.programs"), programs.programs_command),
            MessageHandler(private & _menu("menu.mine"), programs.mine_command),
            MessageHandler(private & _menu("menu.language"), settings.choose_language),
            MessageHandler(private & _menu("menu.help"), help.help_command),
            MessageHandler(
                # New messages only: an edited message is not the answer to a later step.
                private & filters.UpdateType.MESSAGE & ~filters.COMMAND
                & ~filters.StatusUpdate.ALL,
                dialog.on_input,
            ),
            MessageHandler(private & filters.COMMAND, help.help_command),
            CallbackQueryHandler(on_callback),
        ]
    )
    app.add_error_handler(on_error)
