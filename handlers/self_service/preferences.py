"""/pengaturan: pause the behind-target reminders, switch session reminders, language."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Update

from bot.i18n import fmt_date, t
from bot.presentation.buttons.self_service import SetPreference
from bot.services.digest.access import gets_digest
from bot.services.identity.accounts import PAUSED_FOREVER, Preferences, get_preferences, set_reminders
from handlers.core.context import BotContext
from handlers.core.keyboards import button, language_choice, rows
from handlers.core.routes import Work, button as on_button, command


def render(lang: str, prefs: Preferences, now: datetime, tz: ZoneInfo,
           leader: bool = False) -> tuple[str, InlineKeyboardMarkup]:
    """`leader`: the account gets the monthly digest (head of OPD, admin): its switch too."""
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
    lines = [t(lang, "prefs.title"), "", behind, sessions]
    digest_row = None
    if leader:
        on = prefs.monthly_digest
        lines.append(t(lang, "prefs.digest_on" if on else "prefs.digest_off"))
        digest_row = [button(t(lang, "prefs.digest_turn_off" if on else "prefs.digest_turn_on"),
                             SetPreference("digest_off" if on else "digest_on"))]
    text = "\n".join(lines)
    return text, rows(*behind_buttons, [session_button], digest_row,
                      [button(t(lang, "prefs.language"), SetPreference("language"))])


@command("pengaturan", "settings")
async def preferences_command(update: Update, context: BotContext) -> None:
    prefs = await get_preferences(context.session, context.user_id, context.settings.default_language)
    leader = await gets_digest(context.session, context.user_id)
    context.replies.message(*render(prefs.language, prefs, context.now(), context.tz, leader))


_CHANGES: dict[str, dict[str, object]] = {
    "pause30": {"behind": "pause30"},
    "pause": {"behind": "pause"},
    "resume": {"behind": "on"},
    "sessions_off": {"sessions": False},
    "sessions_on": {"sessions": True},
    "digest_off": {"digest": False},
    "digest_on": {"digest": True},
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
    leader = await gets_digest(context.session, context.user_id)
    text, markup = render(prefs.language, prefs, context.now(), context.tz, leader)
    context.replies.show(text, markup, toast=t(prefs.language, "prefs.saved"))
