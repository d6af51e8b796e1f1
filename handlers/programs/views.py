"""Program lists, cards and 'my activities' as text and inline keyboards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import fmt_date, fmt_jp, fmt_short_date, fmt_time, t
from bot.services.programs.catalogue import Activity, ProgramCard, ProgramPage, ProgramSummary
from handlers.core.keyboards import button
from handlers.self_service.balance_views import fit

MAX_SESSIONS_SHOWN = 10
DESCRIPTION_MAX = 600
BUTTON_TITLE_MAX = 40


@dataclass(frozen=True, slots=True)
class ListState:
    page: int = 0
    category: str | None = None
    month: str | None = None

    @classmethod
    def parse(cls, parts: list[str]) -> ListState:
        page, category, month = parts
        return cls(int(page), None if category == "-" else category, None if month == "-" else month)

    def encode(self) -> str:
        return f"{min(self.page, 999)}.{self.category or '-'}.{self.month or '-'}"

    def with_(self, **changes: object) -> ListState:
        values = {"page": self.page, "category": self.category, "month": self.month}
        values.update(changes)
        return ListState(**values)  # type: ignore[arg-type]


def _short(text: str, limit: int = BUTTON_TITLE_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def month_label(lang: str, month: str) -> str:
    return format_date(date(int(month[:4]), int(month[4:]), 1), "MMMM y", locale=lang)


def when(lang: str, moment: datetime, tz: ZoneInfo) -> str:
    local = moment.astimezone(tz)
    return f"{fmt_date(lang, local.date())}, {fmt_time(lang, local, tz)}"


def summary_button(lang: str, item: ProgramSummary, tz: ZoneInfo, state: ListState) -> InlineKeyboardButton:
    day = fmt_short_date(lang, item.starts_at.astimezone(tz).date())
    label = f"{day} · {_short(item.title)} · {fmt_jp(lang, item.jp)} JP"
    return button(label, "pc", f"{item.id}.{state.encode()}")


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
        lines.append(t(lang, "programs.page", page=page.page + 1))
    rows = [[summary_button(lang, item, tz, state)] for item in page.items]
    nav = []
    if page.page > 0:
        nav.append(button("◀️", "pl", state.with_(page=page.page - 1).encode()))
    if page.has_next:
        nav.append(button("▶️", "pl", state.with_(page=page.page + 1).encode()))
    if nav:
        rows.append(nav)
    filter_row = [
        button(t(lang, "programs.filter_category"), "pfc", state.with_(page=0).encode()),
        button(t(lang, "programs.filter_month"), "pfm", state.with_(page=0).encode()),
    ]
    if filters:
        filter_row.append(button(t(lang, "programs.filter_clear"), "pl", ListState().encode()))
    rows.append(filter_row)
    return fit(lang, lines), InlineKeyboardMarkup(rows)


def category_choices(lang: str, categories: list[str], state: ListState) -> InlineKeyboardMarkup:
    rows = [
        [button(t(lang, f"category.{c}"), "pl", state.with_(category=c, page=0).encode())]
        for c in categories
    ]
    rows.append([button(t(lang, "programs.filter_all"), "pl", state.with_(category=None).encode())])
    return InlineKeyboardMarkup(rows)


def month_choices(lang: str, months: list[str], state: ListState) -> InlineKeyboardMarkup:
    rows = [
        [button(month_label(lang, m), "pl", state.with_(month=m, page=0).encode())] for m in months
    ]
    rows.append([button(t(lang, "programs.filter_all"), "pl", state.with_(month=None).encode())])
    return InlineKeyboardMarkup(rows)


def render_card(
    lang: str, card: ProgramCard, tz: ZoneInfo, now: datetime, state: ListState | None
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
    else:
        lines.append(t(lang, "program.full", waiting=card.waitlist_length))
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
        rows.append([button(t(lang, "program.cancel_button"), "cx", str(card.id))])
    elif card.refusal is None and card.my_status != "completed":
        label = "program.enroll_button" if card.seats_left > 0 else "program.waitlist_button"
        rows.append([button(t(lang, label), "en", str(card.id))])
    if card.sessions:
        rows.append([button(t(lang, "program.calendar_button"), "ics", str(card.id))])
    back = state.encode() if state else ListState().encode()
    rows.append([button(t(lang, "program.back_button"), "pl", back)])
    return fit(lang, lines), InlineKeyboardMarkup(rows)


def render_mine(lang: str, activities: list[Activity], tz: ZoneInfo) -> tuple[str, InlineKeyboardMarkup]:
    if not activities:
        return t(lang, "mine.none"), InlineKeyboardMarkup(
            [[button(t(lang, "mine.browse_button"), "pl", ListState().encode())]]
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
            [button(f"{day} · {_short(item.title)}", "pc", f"{item.program_id}.{ListState().encode()}")]
        )
    return fit(lang, lines), InlineKeyboardMarkup(rows)
