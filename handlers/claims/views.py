"""Texts and keyboards of /lapor: activity types, questions, the proposal, the summary."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from telegram import InlineKeyboardMarkup

from bot.i18n import Html, fmt_date, fmt_jp, fmt_short_date, t
from bot.services.claims.reporting import Invalid
from bot.presentation.buttons.claims import ClaimCategory, ClaimConfirm, ClaimGroup, ClaimScope
from handlers.claims.draft import ClaimDraft
from handlers.core.keyboards import button
from models.enums import JpCategory

# The forms of DOMAIN.md: classical (training, seminars, workshops …) and non-classical
# (coaching, e-learning, internships …); "other" stands on its own.
CLASSICAL = (
    JpCategory.KEPEMIMPINAN, JpCategory.MANAJERIAL, JpCategory.TEKNIS, JpCategory.FUNGSIONAL,
    JpCategory.SOSIAL_KULTURAL, JpCategory.SEMINAR, JpCategory.WORKSHOP, JpCategory.KURSUS,
    JpCategory.BIMTEK, JpCategory.SOSIALISASI,
)
NON_CLASSICAL = (
    JpCategory.E_LEARNING, JpCategory.PELATIHAN_JARAK_JAUH, JpCategory.COACHING,
    JpCategory.MENTORING, JpCategory.BIMBINGAN_KERJA, JpCategory.KOMUNITAS_BELAJAR,
    JpCategory.BELAJAR_MANDIRI, JpCategory.MAGANG, JpCategory.DETASERING,
    JpCategory.PERTUKARAN, JpCategory.BENCHMARKING, JpCategory.OUTBOUND,
)
GROUPS = {"k": CLASSICAL, "n": NON_CLASSICAL}


def group_choice(lang: str, nonce: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([
        [button(t(lang, "claim.group.k"), ClaimGroup(nonce, "k"))],
        [button(t(lang, "claim.group.n"), ClaimGroup(nonce, "n"))],
        [button(t(lang, "category.lainnya"), ClaimCategory(nonce, JpCategory.LAINNYA))],
    ])


def category_choice(lang: str, nonce: str, group: str) -> InlineKeyboardMarkup:
    buttons = [button(t(lang, f"category.{c.value}"), ClaimCategory(nonce, c)) for c in GROUPS[group]]
    rows = [buttons[i:i + 2] for i in range(0, len(buttons), 2)]
    rows.append([button(t(lang, "claim.back"), ClaimGroup(nonce, "back"))])
    return InlineKeyboardMarkup(rows)


def scope_choice(lang: str, nonce: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[
        button(t(lang, "claim.scope.national"), ClaimScope(nonce, False)),
        button(t(lang, "claim.scope.international"), ClaimScope(nonce, True)),
    ]])


def confirm_choice(lang: str, nonce: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[
        button(t(lang, "claim.confirm.yes"), ClaimConfirm(nonce, True)),
        button(t(lang, "claim.confirm.no"), ClaimConfirm(nonce, False)),
    ]])


def _value(lang: str, value: Any) -> Any:
    if isinstance(value, date):
        return fmt_date(lang, value)
    if isinstance(value, Decimal):
        return fmt_jp(lang, value)
    return value


def error_text(lang: str, invalid: Invalid) -> str:
    values = {
        k: t(lang, f"category.{v}") if k == "category" else _value(lang, v)
        for k, v in invalid.values.items()
    }
    return t(lang, f"claim.error.{invalid.error.value}", **values)


def _step_value(lang: str, raw: str) -> str:
    """A number of the working in the reader's language (`1,2` / `1.2`). The stored text
    is a plain decimal; claims stored before that may hold `2E+1`, which reads the same."""
    try:
        value = Decimal(raw)
    except (InvalidOperation, ValueError):
        return raw
    return fmt_jp(lang, value) if value.is_finite() else raw


def working(lang: str, steps: list[tuple[str, dict[str, str]]]) -> list[str]:
    return [
        t(lang, "claim.step_line", step=Html(t(lang, key, **{
            name: _step_value(lang, raw) for name, raw in values.items()
        })))
        for key, values in steps
    ]


def proposal_text(
    lang: str, jp: Decimal, steps: list[tuple[str, dict[str, str]]], duplicate: bool, max_mb: int
) -> str:
    lines = [t(lang, "claim.proposal", jp=fmt_jp(lang, jp)), *working(lang, steps)]
    if duplicate:
        lines += ["", t(lang, "claim.duplicate_warning")]
    lines += ["", t(lang, "claim.ask_evidence", max=max_mb)]
    return "\n".join(lines)


def dates_text(lang: str, start: date, end: date) -> str:
    if start == end:
        return fmt_short_date(lang, start)
    return f"{fmt_short_date(lang, start)} – {fmt_short_date(lang, end)}"


def summary_text(lang: str, draft: ClaimDraft, *, with_working: bool = False) -> str:
    """The draft as it will be sent; `with_working` adds how the JP is worked out."""
    assert draft.start and draft.end and draft.quantity is not None and draft.jp is not None
    assert draft.evidence is not None
    scope = "international" if draft.international else "national"
    lines = [
        t(lang, "claim.summary.title"),
        t(lang, "claim.summary.category", category=t(lang, f"category.{draft.category}")),
        t(lang, "claim.summary.name", title=draft.title),
        t(lang, "claim.summary.organiser", organiser=draft.organiser),
        t(lang, "claim.summary.dates", dates=dates_text(lang, draft.start, draft.end)),
        t(lang, "claim.summary.scope", scope=t(lang, f"claim.scope.{scope}")),
        t(lang, "claim.summary.quantity", quantity=fmt_jp(lang, draft.quantity),
          unit=t(lang, f"claim.unit.{draft.unit}")),
        t(lang, "claim.summary.jp", jp=fmt_jp(lang, draft.jp)),
        *(working(lang, draft.steps) if with_working else []),
        t(lang, "claim.summary.evidence", kind=t(lang, f"claim.evidence.{draft.evidence.kind}")),
    ]
    if draft.duplicate_of is not None:
        lines.append(t(lang, "claim.duplicate_warning"))
    if draft.same_evidence_as is not None:
        lines.append(t(lang, "claim.same_evidence_warning"))
    lines += ["", t(lang, "claim.summary.confirm")]
    return "\n".join(lines)
