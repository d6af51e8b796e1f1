"""Inline keyboards from typed button data, and the reply keyboards (the main menu, built
in bot/presentation/menus.py) as the handlers use them."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import t
from bot.presentation.buttons import Button
from bot.presentation.buttons.self_service import (
    ChooseLanguage,
    ConfirmUnlink,
    OpenBalance,
    OpenClaim,
    OpenPrograms,
)
# The main menu is built in one place, for the handlers and the outbox sender alike.
from bot.presentation.menus import main_menu, share_contact
from models.enums import Language

__all__ = ["button", "rows", "paging", "main_menu", "share_contact", "language_choice", "unlink_confirm",
           "open_private_chat", "start_here"]


def button(text: str, data: Button) -> InlineKeyboardButton:
    """An inline button carrying typed, checked data."""
    return InlineKeyboardButton(text, callback_data=data.encode())


def rows(*lines: list[InlineKeyboardButton] | None) -> InlineKeyboardMarkup:
    """An inline keyboard from rows of buttons; empty rows (None or []) are left out."""
    return InlineKeyboardMarkup([line for line in lines if line])


def paging(page: int, pages: int, at: object) -> list[InlineKeyboardButton]:
    """◀️ ▶️ for a paged list; `at(page)` gives the button data of a page."""
    nav = []
    if page > 0:
        nav.append(button("◀️", at(page - 1)))  # type: ignore[operator]
    if page + 1 < pages:
        nav.append(button("▶️", at(page + 1)))  # type: ignore[operator]
    return nav


def language_choice() -> InlineKeyboardMarkup:
    return rows([
        button("🇮🇩 Bahasa Indonesia", ChooseLanguage(Language.ID)),
        button("🇬🇧 English", ChooseLanguage(Language.EN)),
    ])


def unlink_confirm(lang: str) -> InlineKeyboardMarkup:
    return rows([
        button(t(lang, "unlink.yes"), ConfirmUnlink(True)),
        button(t(lang, "unlink.no"), ConfirmUnlink(False)),
    ])


def open_private_chat(lang: str, bot_username: str) -> InlineKeyboardMarkup:
    return rows([InlineKeyboardButton(t(lang, "group.open_button"), url=f"https://t.me/{bot_username}")])


def start_here(lang: str) -> InlineKeyboardMarkup:
    """After linking: the three things most people open first, one a row."""
    return rows([button(t(lang, "menu.balance"), OpenBalance())],
                [button(t(lang, "menu.programs"), OpenPrograms())],
                [button(t(lang, "menu.claim"), OpenClaim())])
