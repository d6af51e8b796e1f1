"""Reply and inline keyboards, built from the message catalogue."""

from __future__ import annotations

from functools import lru_cache

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from bot.i18n import t
from handlers.core.callback_data import Callback


@lru_cache(maxsize=8)
def main_menu(lang: str) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        [
            [t(lang, "menu.balance"), t(lang, "menu.history")],
            [t(lang, "menu.programs"), t(lang, "menu.mine")],
            [t(lang, "menu.language"), t(lang, "menu.help")],
        ],
        resize_keyboard=True,
        is_persistent=True,
        input_field_placeholder=t(lang, "menu.placeholder"),
    )


@lru_cache(maxsize=8)
def share_contact(lang: str) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        [
            [KeyboardButton(t(lang, "link.share_button"), request_contact=True)],
            [t(lang, "menu.language"), t(lang, "menu.help")],
        ],
        resize_keyboard=True,
        is_persistent=True,
        input_field_placeholder=t(lang, "link.placeholder"),
    )


def menu_for(lang: str, linked: bool) -> ReplyKeyboardMarkup:
    return main_menu(lang) if linked else share_contact(lang)


def language_choice() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("🇮🇩 Bahasa Indonesia", callback_data=Callback("lang", "id").encode()),
                InlineKeyboardButton("🇬🇧 English", callback_data=Callback("lang", "en").encode()),
            ]
        ]
    )


def unlink_confirm(lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(t(lang, "unlink.yes"), callback_data=Callback("unlink", "yes").encode()),
                InlineKeyboardButton(t(lang, "unlink.no"), callback_data=Callback("unlink", "no").encode()),
            ]
        ]
    )


def open_private_chat(lang: str, bot_username: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(t(lang, "group.open_button"), url=f"https://t.me/{bot_username}")]]
    )


def button(text: str, action: str, argument: str) -> InlineKeyboardButton:
    """An inline button carrying a checked, versioned payload."""
    return InlineKeyboardButton(text, callback_data=Callback(action, argument).encode())
