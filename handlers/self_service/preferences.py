"""/pengaturan: pause the behind-target reminders, switch session reminders, language."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.i18n import fmt_date, t
from bot.services.identity.accounts import PAUSED_FOREVER, Preferences, get_preferences, set_reminders
from handlers.core.callback_data import Callback
from handlers.core.common import app_ctx, show, user_id
from handlers.core.keyboards import button, language_choice


def _button(text: str, argument: str) -> InlineKeyboardButton:
    return button(text, "pref", argument)


def render(lang: str, prefs: Preferences, now, tz) -> tuple[str, InlineKeyboardMarkup]:  # type: ignore[no-untyped-def]
    paused = prefs.behind_paused_until
    if paused is None or paused <= now:
        behind = t(lang, "prefs.behind_on")
        behind_buttons = [[_button(t(lang, "prefs.pause30"), "b30")],
                          [_button(t(lang, "prefs.pause"), "boff")]]
    elif paused >= PAUSED_FOREVER:
        behind = t(lang, "prefs.behind_paused")
        behind_buttons = [[_button(t(lang, "prefs.resume"), "bon")]]
    else:
        behind = t(lang, "prefs.behind_paused_until", date=fmt_date(lang, paused.astimezone(tz).date()))
        behind_buttons = [[_button(t(lang, "prefs.resume"), "bon")]]
    sessions = t(lang, "prefs.sessions_on" if prefs.session_reminders else "prefs.sessions_off")
    session_button = _button(
        t(lang, "prefs.sessions_turn_off" if prefs.session_reminders else "prefs.sessions_turn_on"),
        "soff" if prefs.session_reminders else "son",
    )
    text = "\n".join([t(lang, "prefs.title"), "", behind, sessions])
    rows = [*behind_buttons, [session_button], [_button(t(lang, "prefs.language"), "lang")]]
    return text, InlineKeyboardMarkup(rows)


async def preferences_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    ctx = app_ctx(context)
    async with ctx.db.read() as session:
        prefs = await get_preferences(session, user_id(update), ctx.settings.default_language)
    text, markup = render(prefs.language, prefs, ctx.clock.now(), ctx.settings.tz)
    await update.effective_message.reply_text(text, reply_markup=markup)


_CHANGES = {
    "b30": {"behind": "pause30"},
    "boff": {"behind": "pause"},
    "bon": {"behind": "on"},
    "soff": {"sessions": False},
    "son": {"sessions": True},
}


async def preference_chosen(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    query = update.callback_query
    assert query is not None
    ctx = app_ctx(context)
    if cb.argument == "lang":
        await query.answer()
        async with ctx.db.read() as session:
            prefs = await get_preferences(session, user_id(update), ctx.settings.default_language)
        await query.edit_message_text(t(prefs.language, "language.choose"), reply_markup=language_choice())
        return
    async with ctx.db.transaction() as session:
        prefs = await set_reminders(
            session, user_id(update), ctx.clock, ctx.settings.default_language,
            **_CHANGES[cb.argument],  # type: ignore[arg-type]
        )
    text, markup = render(prefs.language, prefs, ctx.clock.now(), ctx.settings.tz)
    await show(update, text, markup, toast=t(prefs.language, "prefs.saved"))
