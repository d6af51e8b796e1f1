"""Small text helpers every message shares: Telegram's length limit, short labels, moments."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.i18n import Html, fmt_date, fmt_time, t

MAX_TEXT = 4000  # Telegram's limit is 4096 characters; leave room for the tail line
BUTTON_TITLE_MAX = 40


def fit(lang: str, parts: list[str]) -> str:
    """Join lines, cutting at a line boundary so a message never exceeds Telegram's limit."""
    out: list[str] = []
    size = 0
    for part in parts:
        if size + len(part) + 1 > MAX_TEXT:
            out.append(t(lang, "history.truncated"))
            break
        out.append(part)
        size += len(part) + 1
    return Html("\n".join(out))


def short(text: str, limit: int = BUTTON_TITLE_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def when(lang: str, moment: datetime, tz: ZoneInfo) -> str:
    """`Senin, 7 Desember 2026, 08.00 WITA`."""
    local = moment.astimezone(tz)
    return f"{fmt_date(lang, local.date())}, {fmt_time(lang, local, tz)}"
