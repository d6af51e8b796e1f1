"""Reply keyboards (the main menu), and inline keyboards from typed button data."""

from __future__ import annotations

from functools import lru_cache

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from bot.i18n import t
from bot.presentation.buttons import Button
from bot.presentation.buttons.self_service import ChooseLanguage, ConfirmUnlink
from bot.services.menus import MenuRole
from models.enums import Language


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


@lru_cache(maxsize=32)
def main_menu(lang: str, role: MenuRole = MenuRole.EMPLOYEE, team: bool = False) -> ReplyKeyboardMarkup:
    """The menu of what this person can do: every employee's rows, 👥 Tim Saya for a
    supervisor (`team`) or head of OPD, the admin rows for OPD admins and superadmins."""
    admin_rows = {
        MenuRole.OPD_ADMIN: [["menu.review", "menu.compliance"], ["menu.announce", "menu.admin"]],
        MenuRole.SUPERADMIN: [["menu.admin", "menu.announce"], ["menu.review", "menu.compliance"]],
    }.get(role, [])
    return ReplyKeyboardMarkup(
        [
            [t(lang, "menu.balance"), t(lang, "menu.history")],
            [t(lang, "menu.programs"), t(lang, "menu.mine")],
            [t(lang, "menu.claim"), t(lang, "menu.needs")],
            *([[t(lang, "menu.team")]] if team or role == MenuRole.SUPERVISOR else []),
            *([t(lang, key) for key in line] for line in admin_rows),
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
