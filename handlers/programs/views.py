"""Program lists, cards and 'my activities' as text and inline keyboards."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date
from telegram import InlineKeyboardMarkup

from bot.i18n import fmt_date, fmt_jp, fmt_short_date, fmt_time, t
from bot.presentation.buttons.programs import (
    CancelEnrollment,
    Enroll,
    ListState,
    ProgramCalendar,
    ProgramCard,
    ProgramFilter,
    ProgramList,
)
from bot.presentation.programs import summary_button
from bot.presentation.text import fit, short, when
from bot.services.programs.catalogue import Activity, ProgramPage
from bot.services.programs.catalogue import ProgramCard as CardData
from handlers.core.keyboards import button

MAX_SESSIONS_SHOWN = 10
DESCRIPTION_MAX = 600


def month_label(lang: str, month: str) -> str:
    return format_date(date(int(month[:4]), int(month[4:]), 1), "MMMM y", locale=lang)


def render_list(
    lang: str, page: ProgramPage, tz: ZoneInfo, state: ListState
) -> tuple[str, InlineKeyboardMarkup]:
    lines = [t(lang, "programs.title")]
    filters = []
    if state.category:
        filters.append(t(lang, f"category.{state.category}"))
    if state.month:
        filters.append(month_label(lang, state.month))
    if filters:
        lines.append(t(lang, "programs.filtered", filters=", ".join(filters)))
    if not page.items:
        lines += ["", t(lang, "programs.none")]
    else:
        lines.append(t(lang, "programs.page", page=page.page + 1, pages=page.pages))
    rows = [[summary_button(lang, item, tz, state)] for item in page.items]
    nav = []
    if page.page > 0:
        nav.append(button("◀️", ProgramList.of(replace(state, page=page.page - 1))))
    if page.has_next:
        nav.append(button("▶️", ProgramList.of(replace(state, page=page.page + 1))))
    if nav:
        rows.append(nav)
    filter_row = [
        button(t(lang, "programs.filter_category"), ProgramFilter("category", state.category, state.month)),
        button(t(lang, "programs.filter_month"), ProgramFilter("month", state.category, state.month)),
    ]
    if filters:
        filter_row.append(button(t(lang, "programs.filter_clear"), ProgramList()))
    rows.append(filter_row)
    return fit(lang, lines), InlineKeyboardMarkup(rows)


def category_choices(lang: str, categories: list[str], state: ListState) -> InlineKeyboardMarkup:
    rows = [
        [button(t(lang, f"category.{c}"), ProgramList.of(replace(state, category=c, page=0)))]
        for c in categories
    ]
    rows.append([button(t(lang, "programs.filter_all"), ProgramList.of(replace(state, category=None)))])
    return InlineKeyboardMarkup(rows)


def month_choices(lang: str, months: list[str], state: ListState) -> InlineKeyboardMarkup:
    rows = [
        [button(month_label(lang, m), ProgramList.of(replace(state, month=m, page=0)))] for m in months
    ]
    rows.append([button(t(lang, "programs.filter_all"), ProgramList.of(replace(state, month=None)))])
    return InlineKeyboardMarkup(rows)


def render_card(
    lang: str, card: CardData, tz: ZoneInfo, now: datetime, state: ListState | None
) -> tuple[str, InlineKeyboardMarkup]:
    lines = [
        t(lang, "program.title", title=card.title),
        t(
            lang,
            "program.meta",
            code=card.code,
            category=t(lang, f"category.{card.category}"),
            method=t(lang, f"method.{card.method}"),
        ),
        t(lang, "program.jp", jp=fmt_jp(lang, card.jp)),
        "",
        t(lang, "program.schedule"),
    ]
    for session in card.sessions[:MAX_SESSIONS_SHOWN]:
        start, end = session.starts_at.astimezone(tz), session.ends_at.astimezone(tz)
        lines.append(
            t(
                lang,
                "program.session",
                date=fmt_date(lang, start.date()),
                start=fmt_time(lang, start, tz).split(" ")[0],
                end=fmt_time(lang, end, tz),
            )
        )
    if len(card.sessions) > MAX_SESSIONS_SHOWN:
        lines.append(t(lang, "program.more_sessions", count=len(card.sessions) - MAX_SESSIONS_SHOWN))
    if card.place:
        lines.append(t(lang, "program.place", place=card.place))
    if card.online_url:
        lines.append(t(lang, "program.online", url=card.online_url))
    if card.organiser:
        lines.append(t(lang, "program.organiser", organiser=card.organiser))
    lines.append("")
    if card.seats_left > 0:
        lines.append(t(lang, "program.seats", left=card.seats_left, quota=card.quota))
    elif card.waitlist_length:
        lines.append(t(lang, "program.full", waiting=card.waitlist_length))
    else:
        lines.append(t(lang, "program.full_no_queue"))
    if now < card.registration_opens_at:
        lines.append(t(lang, "program.registration_opens", when=when(lang, card.registration_opens_at, tz)))
    elif now < card.registration_closes_at:
        lines.append(t(lang, "program.registration_until", when=when(lang, card.registration_closes_at, tz)))
    else:
        lines.append(t(lang, "program.registration_closed"))
    if card.my_status:
        lines.append(
            t(lang, "program.mine.waitlisted", position=card.waitlist_position)
            if card.waitlist_position
            else t(lang, f"program.mine.{card.my_status}")
        )
    elif card.refusal is not None:
        lines.append(t(lang, f"refusal.{card.refusal.value}"))
    if card.description:
        description = card.description.strip()
        if len(description) > DESCRIPTION_MAX:
            description = description[: DESCRIPTION_MAX - 1] + "…"
        lines += ["", description]

    rows = []
    if card.my_status in ("enrolled", "waitlisted"):
        rows.append([button(t(lang, "program.cancel_button"), CancelEnrollment(card.id))])
    elif card.refusal is None and card.my_status != "completed":
        label = "program.enroll_button" if card.seats_left > 0 else "program.waitlist_button"
        rows.append([button(t(lang, label), Enroll(card.id))])
    if card.sessions:
        rows.append([button(t(lang, "program.calendar_button"), ProgramCalendar(card.id))])
    rows.append([button(t(lang, "program.back_button"), ProgramList.of(state or ListState()))])
    return fit(lang, lines), InlineKeyboardMarkup(rows)


def render_mine(lang: str, activities: list[Activity], tz: ZoneInfo) -> tuple[str, InlineKeyboardMarkup]:
    if not activities:
        return t(lang, "mine.none"), InlineKeyboardMarkup(
            [[button(t(lang, "mine.browse_button"), ProgramList())]]
        )
    lines = [t(lang, "mine.title")]
    rows = []
    for item in activities:
        day = fmt_short_date(lang, item.starts_at.astimezone(tz).date())
        if item.status == "waitlisted":
            status = t(lang, "mine.status.waitlisted", position=item.waitlist_position)
        else:
            status = t(lang, f"mine.status.{item.status}")
        lines.append(
            t(lang, "mine.line", date=day, title=item.title, jp=fmt_jp(lang, item.jp), status=status)
        )
        rows.append(
            [button(f"{day} · {short(item.title)}", ProgramCard.of(item.program_id))]
        )
    return fit(lang, lines), InlineKeyboardMarkup(rows)
