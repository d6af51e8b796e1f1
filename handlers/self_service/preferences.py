"""/pengaturan: pause the behind-target reminders, switch session reminders, language."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Update

from bot.i18n import fmt_date, t
from bot.presentation.buttons.self_service import SetPreference
from bot.services.identity.accounts import PAUSED_FOREVER, Preferences, get_preferences, set_reminders
from handlers.core.context import BotContext
from handlers.core.keyboards import button, language_choice, rows
from handlers.core.routes import Work, button as on_button, command


def render(lang: str, prefs: Preferences, now: datetime, tz: ZoneInfo) -> tuple[str, InlineKeyboardMarkup]:
    paused = prefs.behind_paused_until
    if paused is None or paused <= now:
        behind = t(lang, "prefs.behind_on")
        behind_buttons = [[button(t(lang, "prefs.pause30"), SetPreference("pause30"))],
                          [button(t(lang, "prefs.pause"), SetPreference("pause"))]]
    else:
        behind = (t(lang, "prefs.behind_paused") if paused >= PAUSED_FOREVER else
                  t(lang, "prefs.behind_paused_until", date=fmt_date(lang, paused.astimezone(tz).date())))
        behind_buttons = [[button(t(lang, "prefs.resume"), SetPreference("resume"))]]
    on = prefs.session_reminders
    sessions = t(lang, "prefs.sessions_on" if on else "prefs.sessions_off")
    session_button = button(t(lang, "prefs.sessions_turn_off" if on else "prefs.sessions_turn_on"),
                            SetPreference("sessions_off" if on else "sessions_on"))
    text = "\n".join([t(lang, "prefs.title"), "", behind, sessions])
    return text, rows(*behind_buttons, [session_button],
                      [button(t(lang, "prefs.language"), SetPreference("language"))])


@command("pengaturan", "settings")
async def preferences_command(update: Update, context: BotContext) -> None:
    prefs = await get_preferences(context.session, context.user_id, context.settings.default_language)
    context.replies.message(*render(prefs.language, prefs, context.now(), context.tz))


_CHANGES: dict[str, dict[str, object]] = {
    "pause30": {"behind": "pause30"},
    "pause": {"behind": "pause"},
    "resume": {"behind": "on"},
    "sessions_off": {"sessions": False},
    "sessions_on": {"sessions": True},
}


@on_button(SetPreference, work=Work.WRITE)
async def preference_chosen(update: Update, context: BotContext, pressed: SetPreference) -> None:
    if pressed.choice == "language":
        context.replies.show(context.text("language.choose"), language_choice())
        return
    prefs = await set_reminders(
        context.session, context.user_id, context.app.clock, context.settings.default_language,
        **_CHANGES[pressed.choice],  # type: ignore[arg-type]
    )
    text, markup = render(prefs.language, prefs, context.now(), context.tz)
    context.replies.show(text, markup, toast=t(prefs.language, "prefs.saved"))
