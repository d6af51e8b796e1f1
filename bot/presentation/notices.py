"""The wording of every message the outbox sends, from the facts read at sending time
(bot/services/outbox/content.py): notices, reminders and announcement copies."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from telegram import MessageEntity

from bot.i18n import fmt_date, fmt_jp, fmt_time, t
from bot.presentation.delivery import Rendered
from bot.presentation.programs import suggestion_buttons
from bot.presentation.text import when
from bot.services.outbox.content import (
    AnnouncementCopy,
    BehindReminder,
    ClaimDecided,
    Content,
    Credited,
    ProgramNews,
    RoleGranted,
    SessionReminder,
    SupervisorNudge,
)


def render(lang: str, content: Content, tz: ZoneInfo) -> Rendered:
    if isinstance(content, ProgramNews):
        return Rendered(t(lang, f"notice.{content.kind}", title=content.title,
                          when=when(lang, content.starts_at, tz)))
    if isinstance(content, Credited):
        return Rendered(_credited(lang, content))
    if isinstance(content, RoleGranted):
        return Rendered(t(lang, "notice.role_granted", opd=content.opd))
    if isinstance(content, ClaimDecided):
        return Rendered(_claim_decided(lang, content))
    if isinstance(content, BehindReminder):
        return _behind(lang, content, tz)
    if isinstance(content, SessionReminder):
        return Rendered(_session(lang, content, tz))
    if isinstance(content, SupervisorNudge):
        return _nudge(lang, content, tz)
    return announcement(content)


def _credited(lang: str, c: Credited) -> str:
    jp = fmt_jp(lang, c.jp)
    if c.balance is None:
        return t(lang, "notice.jp_credited_short", title=c.title, jp=jp)
    return t(lang, "notice.jp_credited", title=c.title, jp=jp,
             total=fmt_jp(lang, c.balance.approved), target=fmt_jp(lang, c.balance.target))


def _claim_decided(lang: str, c: ClaimDecided) -> str:
    if c.rejected:
        return t(lang, "claim.notice.rejected", title=c.title, reason=c.reason)
    jp = fmt_jp(lang, c.jp)
    if c.balance is None:
        return t(lang, "claim.notice.approved_short", title=c.title, jp=jp)
    key = "claim.notice.adjusted" if c.adjusted else "claim.notice.approved"
    return t(lang, key, title=c.title, jp=jp, year=c.year,
             total=fmt_jp(lang, c.balance.approved), target=fmt_jp(lang, c.balance.target))


def _behind(lang: str, c: BehindReminder, tz: ZoneInfo) -> Rendered:
    b = c.balance
    text = t(
        lang, "reminder.last_chance" if c.last_chance else "reminder.behind",
        name=c.name, approved=fmt_jp(lang, b.approved), target=fmt_jp(lang, b.target),
        behind=fmt_jp(lang, b.behind_by), remaining=fmt_jp(lang, b.remaining),
        end=fmt_date(lang, b.period.end),
    )
    if c.suggestions:
        return Rendered(text + "\n\n" + t(lang, "balance.suggest"),
                        suggestion_buttons(lang, c.suggestions, tz))
    return Rendered(text + "\n\n" + t(lang, "reminder.browse"))


def _nudge(lang: str, c: SupervisorNudge, tz: ZoneInfo) -> Rendered:
    b = c.balance
    text = t(lang, "team.nudge.notice", supervisor=c.supervisor, approved=fmt_jp(lang, b.approved),
             target=fmt_jp(lang, b.target), behind=fmt_jp(lang, b.behind_by))
    if c.suggestions:
        return Rendered(text + "\n\n" + t(lang, "balance.suggest"),
                        suggestion_buttons(lang, c.suggestions, tz))
    return Rendered(text + "\n\n" + t(lang, "reminder.browse"))


def _session(lang: str, c: SessionReminder, tz: ZoneInfo) -> str:
    starts = c.starts_at.astimezone(tz)
    key = "reminder.session_morning" if c.morning else "reminder.session_eve"
    lines = [t(lang, key, title=c.title, date=fmt_date(lang, starts.date()),
               time=fmt_time(lang, starts, tz))]
    if c.place:
        lines.append(t(lang, "program.place", place=c.place))
    if c.online_url:
        lines.append(t(lang, "program.online", url=c.online_url))
    return "\n".join(lines)


def announcement(c: AnnouncementCopy) -> Rendered:
    """An admin's announcement exactly as written: its entities carry the formatting."""
    return Rendered(
        c.text,
        entities=[MessageEntity.de_json(e, None) for e in c.entities],  # type: ignore[misc]
        media_kind=c.media_kind,
        media_file_id=c.media_file_id,
    )
