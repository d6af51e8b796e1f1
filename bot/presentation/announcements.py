"""How an announcement's delivery is reported to its admin: the live status message, its
buttons, and the final report (used by the status job and by the announcement handlers)."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from babel.dates import format_timedelta
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import fmt_time, t
from bot.presentation.buttons.announcements import ManageAnnouncement
from bot.presentation.delivery import in_quiet_hours, quiet_hours_end
from bot.presentation.text import when
from bot.services.announcements.lifecycle import AnnouncementStatus, Progress
from bot.settings import Settings
from models import Announcement


def _button(text: str, data: ManageAnnouncement) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=data.encode())


def _eta(lang: str, settings: Settings, remaining: int, rate: float | None) -> str:
    """From the rate the sender measured (all its messages, flood pauses included), or
    the configured one before it has measured any."""
    seconds = max(1, math.ceil(remaining / (rate or settings.send_rate_per_second)))
    return format_timedelta(timedelta(seconds=seconds), threshold=1.1, locale=lang)


def status_text(lang: str, settings: Settings, now: datetime, item: Announcement,
                progress: Progress, rate: float | None = None) -> str:
    """`rate`: the sender's measured messages per second, for the time left."""
    tz = settings.tz
    lines = [t(lang, f"announce.status.{item.status}", id=item.id)]
    if item.status == AnnouncementStatus.SCHEDULED:
        lines.append(t(lang, "announce.status.when", when=when(lang, item.send_at, tz)))
    lines.append(t(lang, "announce.status.counts", sent=progress.sent, failed=progress.failed,
                   blocked=progress.blocked, remaining=progress.remaining,
                   total=item.recipients))
    if item.status == AnnouncementStatus.CANCELLED and progress.skipped:
        lines.append(t(lang, "announce.status.not_sent", count=progress.skipped))
    if item.status == AnnouncementStatus.SENDING and progress.remaining:
        s = settings
        if in_quiet_hours(now, s.quiet_hours_start, s.quiet_hours_end, tz):
            resume = quiet_hours_end(now, s.quiet_hours_end, tz)
            lines.append(t(lang, "announce.status.quiet", time=fmt_time(lang, resume, tz)))
        else:
            lines.append(t(lang, "announce.status.eta", eta=_eta(lang, settings, progress.remaining, rate)))
    if item.unlinked:
        lines.append(t(lang, "announce.status.unlinked", count=item.unlinked))
    return "\n".join(lines)


def status_markup(lang: str, item: Announcement, progress: Progress) -> InlineKeyboardMarkup | None:
    rows = []
    if item.status in (AnnouncementStatus.SCHEDULED, AnnouncementStatus.SENDING):
        rows.append([_button(t(lang, "announce.stop"), ManageAnnouncement(item.id, "cancel"))])
    elif item.status == AnnouncementStatus.DONE and progress.failed:
        rows.append([_button(t(lang, "announce.retry", count=progress.failed),
                             ManageAnnouncement(item.id, "retry"))])
    if item.unlinked:
        rows.append([_button(t(lang, "announce.unlinked_file"),
                             ManageAnnouncement(item.id, "unlinked"))])
    return InlineKeyboardMarkup(rows) if rows else None


def final_report(lang: str, item: Announcement, progress: Progress) -> tuple[str, InlineKeyboardMarkup | None]:
    markup = None
    if progress.failed:
        markup = InlineKeyboardMarkup([[_button(t(lang, "announce.retry", count=progress.failed),
                                                ManageAnnouncement(item.id, "retry"))]])
    text = t(lang, "announce.final", id=item.id, sent=progress.sent, failed=progress.failed,
             blocked=progress.blocked, total=item.recipients, unlinked=item.unlinked)
    return text, markup
