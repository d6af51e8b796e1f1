"""How a program is named on a button wherever it is offered (lists, suggestions in the
balance answer and in the weekly reminder)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import fmt_jp, fmt_short_date, t
from bot.presentation.buttons.programs import ListState, ProgramCard
from bot.presentation.text import short
from bot.services.programs.catalogue import ProgramSummary


def summary_button(
    lang: str, item: ProgramSummary, tz: ZoneInfo, state: ListState | None = None
) -> InlineKeyboardButton:
    day = fmt_short_date(lang, item.starts_at.astimezone(tz).date())
    label = f"{day} · {short(item.title)} · {fmt_jp(lang, item.jp)} JP"
    if item.matches_need:  # a competency they said they need
        label = f"🎯 {label}"
    return InlineKeyboardButton(label, callback_data=ProgramCard.of(item.id, state).encode())


def suggestion_heading(lang: str, items: list[ProgramSummary]) -> str:
    """The line above suggested programs; it explains 🎯 when one matches a declared need."""
    heading = t(lang, "balance.suggest")
    if any(item.matches_need for item in items):
        heading += "\n" + t(lang, "balance.suggest_needs")
    return heading


def suggestion_buttons(lang: str, items: list[ProgramSummary], tz: ZoneInfo) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[summary_button(lang, item, tz)] for item in items])
