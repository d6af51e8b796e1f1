"""The greeting's shortcuts after linking (📊 Saldo JP, 🎓 Program, 📝 Lapor pelatihan):
each press is answered by the command's own handler, so it says exactly what /saldo,
/program or /lapor say, the link-needed answer to someone not linked included."""

from __future__ import annotations

from telegram import Update

from bot.presentation.buttons.self_service import OpenBalance, OpenClaim, OpenPrograms
from handlers.claims.reporting import claim_command
from handlers.core.context import BotContext
from handlers.core.routes import Work, button
from handlers.programs.browse import programs_command
from handlers.self_service.balance import balance


@button(OpenBalance)
async def balance_pressed(update: Update, context: BotContext, pressed: OpenBalance) -> None:
    await balance(update, context)


@button(OpenPrograms)
async def programs_pressed(update: Update, context: BotContext, pressed: OpenPrograms) -> None:
    await programs_command(update, context)


@button(OpenClaim, work=Work.WRITE)  # /lapor opens a report: its draft is written
async def claim_pressed(update: Update, context: BotContext, pressed: OpenClaim) -> None:
    await claim_command(update, context)
