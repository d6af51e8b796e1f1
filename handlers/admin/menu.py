"""/admin: superadmins get program management; OPD admins their menu; everyone else help."""

from __future__ import annotations

from telegram import Update

from handlers.admin.programs import show_program_list
from handlers.core.context import BotContext
from handlers.core.routes import command, menu
from handlers.self_service.help import show_help
from handlers.needs.demand import demand_button


@command("admin", admin=True)
@menu("menu.admin", admin=True)
async def admin_command(update: Update, context: BotContext) -> None:
    scope = context.admin
    if scope is None:
        await show_help(context)
    elif scope.superadmin:
        await show_program_list(context, 0)  # its buttons include the demand (issue 14)
    else:
        context.replies.message(context.text("admin.opd_menu"),
                                demand_button(context.lang, context.today().year))
