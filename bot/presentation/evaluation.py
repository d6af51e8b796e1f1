"""The evaluation's questions as messages with rating buttons (sent by the outbox and by
the rating handler alike)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import t
from bot.presentation.buttons.attendance import Rate
from bot.services.evaluation.answers import QUESTIONS


def question(lang: str, enrollment_id: int, title: str, given: str) -> tuple[str, InlineKeyboardMarkup]:
    """The next question after the ratings `given` ("" for the first)."""
    index = len(given)
    text = "\n".join([
        t(lang, "evaluation.header", title=title),
        "",
        t(lang, "evaluation.progress", n=index + 1, total=len(QUESTIONS)),
        t(lang, f"evaluation.q.{QUESTIONS[index]}"),
        t(lang, "evaluation.scale"),
    ])
    buttons = [InlineKeyboardButton(str(v), callback_data=Rate(enrollment_id, "r" + given, v).encode())
               for v in range(1, 6)]
    return text, InlineKeyboardMarkup([buttons])
