"""What /kebutuhan shows: the overview of one's needs and the choosing steps."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.i18n import Html, fmt_date, t
from bot.presentation.buttons.needs import (
    NeedAdd,
    NeedDrop,
    NeedForm,
    NeedKind,
    NeedPick,
    NeedSkipReason,
    NeedsHome,
    NeedUp,
)
from bot.services.needs.catalogue import CompetencyLine
from bot.services.needs.declaring import MyNeeds
from handlers.core.keyboards import button, paging, rows
from models.enums import CompetencyKind, LearningForm


def overview(lang: str, mine: MyNeeds) -> tuple[str, InlineKeyboardMarkup]:
    window = mine.window
    lines = [t(lang, "needs.title", year=window.year), t(lang, "needs.intro")]
    if mine.is_open:
        lines.append(t(lang, "needs.open_until", date=fmt_date(lang, window.closes_on)))
    else:
        lines.append(t(lang, "needs.closed", opens=fmt_date(lang, window.opens_on),
                       closes=fmt_date(lang, window.closes_on)))
    lines.append("")
    if not mine.lines:
        lines.append(t(lang, "needs.none"))
    for need in mine.lines:
        head = t(lang, "needs.line", priority=need.priority, name=need.name, code=need.code)
        lines.append(head + (t(lang, "needs.retired") if need.retired else ""))
        if need.form:
            lines.append(t(lang, "needs.line_form", form=t(lang, f"form.{need.form}")))
        if need.reason:
            lines.append(t(lang, "needs.line_reason", reason=need.reason))
    buttons: list[list] = []  # type: ignore[type-arg]
    if mine.is_open:
        for need in mine.lines:
            line = [button(t(lang, "needs.drop", priority=need.priority), NeedDrop(need.competency_id))]
            if need.priority > 1:
                line.insert(0, button(t(lang, "needs.up", priority=need.priority), NeedUp(need.competency_id)))
            buttons.append(line)
        if not mine.full:
            buttons.append([button(t(lang, "needs.add"), NeedAdd())])
    return Html("\n".join(lines)), rows(*buttons)


def kinds(lang: str) -> list[list]:  # type: ignore[type-arg]
    return [[button(t(lang, f"competency_kind.{k.value}"), NeedKind(k, 0))] for k in CompetencyKind]


def choose(lang: str) -> tuple[str, InlineKeyboardMarkup]:
    return t(lang, "needs.choose"), rows(*kinds(lang), [button(t(lang, "needs.back"), NeedsHome())])


def _picks(found: list[CompetencyLine]) -> list[list]:  # type: ignore[type-arg]
    return [[button(f"{c.name} ({c.code})"[:60], NeedPick(c.id))] for c in found]


def kind_page(lang: str, kind: CompetencyKind, found: list[CompetencyLine], page: int,
              pages: int) -> tuple[str, InlineKeyboardMarkup]:
    label = t(lang, f"competency_kind.{kind.value}")
    text = (t(lang, "needs.kind_page", kind=label, page=page + 1, pages=pages) if found
            else t(lang, "needs.kind_empty", kind=label))
    return text, rows(*_picks(found), paging(page, pages, lambda p: NeedKind(kind, p)),
                      [button(t(lang, "needs.back"), NeedAdd())])


def search_results(lang: str, words: str, found: list[CompetencyLine]) -> tuple[str, InlineKeyboardMarkup]:
    if not found:
        return t(lang, "needs.not_found", words=words), rows(*kinds(lang))
    return t(lang, "needs.found", words=words), rows(*_picks(found), [button(t(lang, "needs.back"), NeedAdd())])


def form_choice(lang: str, competency_id: int, name: str) -> tuple[str, InlineKeyboardMarkup]:
    forms = [[button(t(lang, f"form.{f.value}"), NeedForm(competency_id, f))] for f in LearningForm]
    return t(lang, "needs.ask_form", name=name), rows(
        *forms, [button(t(lang, "needs.no_preference"), NeedForm(competency_id, None))],
        [button(t(lang, "needs.back"), NeedAdd())])


def ask_reason(lang: str, competency_id: int, name: str) -> tuple[str, InlineKeyboardMarkup]:
    return t(lang, "needs.ask_reason", name=name), rows(
        [button(t(lang, "needs.skip"), NeedSkipReason(competency_id))])
