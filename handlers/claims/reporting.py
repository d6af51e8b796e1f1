"""/lapor (/report): an employee reports training done elsewhere, step by step.

The answers so far live in the dialog row (bot/services/dialogs.py), so a restart
loses nothing. Steps: category → title → organiser → start → end → scope → quantity
(not for per-activity rules) → evidence → confirm. Buttons carry the draft's nonce and
count only at their own step; anything else is "no longer valid" and changes nothing.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date
from decimal import Decimal
from typing import Any

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.ext import ContextTypes

from bot.i18n import fmt_jp, t
from bot.services.identity.accounts import Viewer
from bot.services.claims.reporting import (
    CLAIM_FLOW,
    ClaimError,
    Draft,
    Evidence,
    Invalid,
    JpChanged,
    Submitted,
    assess,
    check_end,
    check_evidence,
    check_start,
    clean_organiser,
    clean_title,
    find_same_evidence,
    parse_day,
    parse_quantity,
    span_days,
    steps_to_json,
    submit,
)
from bot.services.dialogs import DialogState
from bot.services.claims.rules import Unit, load_rules
from handlers.core import flows as dialog
from handlers.core.callback_data import Callback
from handlers.claims.views import (
    category_choice,
    confirm_choice,
    error_text,
    group_choice,
    proposal_text,
    scope_choice,
    summary_text,
)
from handlers.core.common import app_ctx, load_viewer, show, user_id
from handlers.core.keyboards import share_contact
from models.enums import EvidenceKind, JpCategory

_CATEGORIES = {c.value for c in JpCategory}


async def claim_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Start (or start over) a report."""
    message = update.effective_message
    assert message is not None
    viewer = await load_viewer(update, context)
    lang = viewer.language
    if not viewer.linked:
        await message.reply_text(t(lang, "link.needed"), reply_markup=share_contact(lang))
        return
    nonce = secrets.token_hex(3)
    await dialog.save_state(update, context, DialogState(CLAIM_FLOW, "category", {"n": nonce}))
    await message.reply_text(t(lang, "claim.start"), reply_markup=group_choice(lang, nonce))


# ---------------------------------------------------------------- buttons


async def _pressed(
    update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback, step: str
) -> tuple[Viewer, DialogState, str] | None:
    """The open draft when this button belongs to its current step, else None (told)."""
    query = update.callback_query
    assert query is not None
    viewer = await load_viewer(update, context)
    if not viewer.linked:
        await query.answer(t(viewer.language, "link.needed_short"), show_alert=True)
        return None
    nonce, _, choice = cb.argument.partition(".")
    state = await dialog.load_state(update, context, CLAIM_FLOW)
    if state is None or state.step != step or state.data.get("n") != nonce:
        await query.answer(t(viewer.language, "claim.stale"), show_alert=True)
        return None
    return viewer, state, choice


async def _advance(
    update: Update, context: ContextTypes.DEFAULT_TYPE, step: str, data: dict[str, Any]
) -> None:
    await dialog.save_state(update, context, DialogState(CLAIM_FLOW, step, data))


async def group_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    found = await _pressed(update, context, cb, "category")
    if found is None:
        return
    viewer, state, group = found
    lang, nonce = viewer.language, state.data["n"]
    markup = group_choice(lang, nonce) if group == "0" else category_choice(lang, nonce, group)
    key = "claim.start" if group == "0" else f"claim.choose.{group}"
    await show(update, t(lang, key), markup)


async def category_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    found = await _pressed(update, context, cb, "category")
    if found is None:
        return
    viewer, state, category = found
    lang = viewer.language
    if category not in _CATEGORIES:
        assert update.callback_query is not None
        await update.callback_query.answer(t(lang, "claim.stale"), show_alert=True)
        return
    async with app_ctx(context).db.read() as session:
        unit = (await load_rules(session))[category].unit
    await _advance(update, context, "title", {**state.data, "category": category, "unit": unit.value})
    await show(update, t(lang, "claim.chosen", category=t(lang, f"category.{category}")), None)
    await _reply(update, t(lang, "claim.ask_title"))


async def scope_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    found = await _pressed(update, context, cb, "scope")
    if found is None:
        return
    viewer, state, choice = found
    lang = viewer.language
    data = {**state.data, "international": choice == "i"}
    scope = t(lang, "claim.scope." + ("international" if choice == "i" else "national"))
    await show(update, t(lang, "claim.scope_chosen", scope=scope), None)
    if data["unit"] == Unit.ACTIVITY:
        await _propose(update, context, viewer, {**data, "quantity": "1"})
        return
    await _advance(update, context, "quantity", data)
    await _reply(update, _ask_quantity(lang, data))


async def confirm_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    found = await _pressed(update, context, cb, "confirm")
    if found is None:
        return
    viewer, state, choice = found
    lang = viewer.language
    if choice == "n":
        await dialog.end_flow(update, context)
        await show(update, t(lang, "dialog.cancelled"), None)
        return
    ctx = app_ctx(context)
    assert viewer.employee_id is not None
    result = await submit(
        ctx.db, user_id(update), viewer.employee_id, _draft(state.data), ctx.clock.now(),
        ctx.today(), ctx.settings.jp_year_start_month, shown_jp=Decimal(state.data["jp"]),
    )
    if isinstance(result, JpChanged):
        await _propose_again(update, context, lang, state.data, result)
        return
    if result is None:
        assert update.callback_query is not None
        await update.callback_query.answer(t(lang, "claim.stale"), show_alert=True)
        return
    if isinstance(result, Invalid):
        await dialog.end_flow(update, context)
        await show(update, f"{error_text(lang, result)}\n\n{t(lang, 'claim.not_sent')}", None)
        return
    await show(update, _submitted_text(lang, result), None)


async def _propose_again(
    update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str, data: dict[str, Any],
    changed: JpChanged,
) -> None:
    """The rules changed between the summary and "Kirim": nothing was sent. Show the new
    JP with its working and ask again. A new nonce makes the old buttons stale, so a
    second press of the old "Kirim" cannot send a JP the employee has not seen; it is
    derived from the old one and the new JP, so two quick presses agree on it."""
    assessed = changed.assessment
    nonce = hashlib.sha256(f"{data['n']}:{assessed.proposal.jp}".encode()).hexdigest()[:6]
    data = {
        **data, "n": nonce, "jp": str(assessed.proposal.jp),
        "steps": steps_to_json(assessed.proposal.steps), "duplicate_of": assessed.duplicate_of,
        "same_evidence_as": assessed.same_evidence_as,
    }
    await _advance(update, context, "confirm", data)
    notice = t(lang, "claim.jp_changed", jp=fmt_jp(lang, assessed.proposal.jp),
               shown=fmt_jp(lang, changed.shown))
    await show(update, f"{notice}\n\n{summary_text(lang, data, with_working=True)}",
               confirm_choice(lang, nonce))


def _submitted_text(lang: str, result: Submitted) -> str:
    text = t(lang, "claim.submitted", jp=fmt_jp(lang, result.jp))
    if result.flagged:
        text += "\n\n" + t(lang, "claim.submitted_duplicate")
    return text


# ---------------------------------------------------------------- typed answers


async def on_input(
    update: Update, context: ContextTypes.DEFAULT_TYPE, state: DialogState
) -> None:
    """Text, photo or document sent while a report is open (see handlers/dialog.py)."""
    message = update.effective_message
    assert message is not None
    viewer = await load_viewer(update, context)
    lang = viewer.language
    if not viewer.linked:
        await dialog.end_flow(update, context)
        await message.reply_text(t(lang, "link.needed"), reply_markup=share_contact(lang))
        return
    if state.step == "evidence":
        await _evidence(update, context, viewer, state, message)
    elif state.step not in _TEXT_STEPS:
        await message.reply_text(t(lang, "dialog.use_buttons"))
    elif message.text is None:
        await message.reply_text(t(lang, "claim.expect_text"))
    else:
        await _TEXT_STEPS[state.step](update, context, viewer, state, message.text)


async def _title(
    update: Update, context: ContextTypes.DEFAULT_TYPE, viewer: Viewer, state: DialogState, text: str
) -> None:
    title = clean_title(text)
    if isinstance(title, Invalid):
        await _reply(update, error_text(viewer.language, title))
        return
    await _advance(update, context, "organiser", {**state.data, "title": title})
    await _reply(update, t(viewer.language, "claim.ask_organiser"))


async def _organiser(
    update: Update, context: ContextTypes.DEFAULT_TYPE, viewer: Viewer, state: DialogState, text: str
) -> None:
    organiser = clean_organiser(text)
    if isinstance(organiser, Invalid):
        await _reply(update, error_text(viewer.language, organiser))
        return
    await _advance(update, context, "start", {**state.data, "organiser": organiser})
    await _reply(update, t(viewer.language, "claim.ask_start"))


async def _start(
    update: Update, context: ContextTypes.DEFAULT_TYPE, viewer: Viewer, state: DialogState, text: str
) -> None:
    start = parse_day(text)
    problem = start if isinstance(start, Invalid) else check_start(start, app_ctx(context).today())
    if problem is not None:
        await _reply(update, error_text(viewer.language, problem))
        return
    assert isinstance(start, date)
    await _advance(update, context, "end", {**state.data, "start": start.isoformat()})
    await _reply(update, t(viewer.language, "claim.ask_end"))


async def _end(
    update: Update, context: ContextTypes.DEFAULT_TYPE, viewer: Viewer, state: DialogState, text: str
) -> None:
    ctx = app_ctx(context)
    end = parse_day(text)
    start = date.fromisoformat(state.data["start"])
    problem = end if isinstance(end, Invalid) else check_end(
        start, end, ctx.today(), ctx.settings.jp_year_start_month
    )
    if problem is not None:
        await _reply(update, error_text(viewer.language, problem))
        return
    assert isinstance(end, date)
    await _advance(update, context, "scope", {**state.data, "end": end.isoformat()})
    await _reply(update, t(viewer.language, "claim.ask_scope"), scope_choice(viewer.language, state.data["n"]))


async def _quantity(
    update: Update, context: ContextTypes.DEFAULT_TYPE, viewer: Viewer, state: DialogState, text: str
) -> None:
    data = state.data
    quantity = parse_quantity(text, data["unit"], _days(data))
    if isinstance(quantity, Invalid):
        await _reply(update, error_text(viewer.language, quantity))
        return
    await _propose(update, context, viewer, {**data, "quantity": str(quantity)})


_TEXT_STEPS = {
    "title": _title,
    "organiser": _organiser,
    "start": _start,
    "end": _end,
    "quantity": _quantity,
}


async def _propose(
    update: Update, context: ContextTypes.DEFAULT_TYPE, viewer: Viewer, data: dict[str, Any]
) -> None:
    """Show the JP the rules give, with the working, and ask for the evidence."""
    ctx = app_ctx(context)
    lang = viewer.language
    assert viewer.employee_id is not None
    async with ctx.db.read() as session:
        assessed = await assess(session, viewer.employee_id, _draft(data))
    if isinstance(assessed, Invalid):
        if data["unit"] == Unit.ACTIVITY or assessed.error == ClaimError.RULE_CHANGED:
            await dialog.end_flow(update, context)
            await _reply(update, f"{error_text(lang, assessed)}\n\n{t(lang, 'claim.not_sent')}")
        else:
            await _reply(update, error_text(lang, assessed))  # stays at the quantity step
        return
    proposal = assessed.proposal
    await _advance(update, context, "evidence", {
        **data, "jp": str(proposal.jp), "steps": steps_to_json(proposal.steps),
        "duplicate_of": assessed.duplicate_of,
    })
    await _reply(update, proposal_text(
        lang, proposal.jp, proposal.steps, assessed.duplicate_of is not None,
        ctx.settings.evidence_max_mb,
    ))


async def _evidence(
    update: Update, context: ContextTypes.DEFAULT_TYPE, viewer: Viewer, state: DialogState,
    message: Message,
) -> None:
    max_mb = app_ctx(context).settings.evidence_max_mb
    if message.photo:
        photo = message.photo[-1]  # the largest size
        found: Evidence | Invalid = check_evidence(EvidenceKind.PHOTO, photo.file_id, photo.file_unique_id,
                               photo.file_size, max_mb)
    elif message.document is not None:
        doc = message.document
        found = check_evidence(EvidenceKind.DOCUMENT, doc.file_id, doc.file_unique_id,
                               doc.file_size, max_mb, mime_type=doc.mime_type,
                               file_name=doc.file_name)
    else:
        found = Invalid(ClaimError.EVIDENCE_TYPE, {"max": max_mb})
    lang = viewer.language
    if isinstance(found, Invalid):
        await _reply(update, error_text(lang, found))
        return
    async with app_ctx(context).db.read() as session:
        same_evidence_as = await find_same_evidence(session, found.unique_id)
    data = {**state.data, "evidence": {
        "kind": found.kind, "file_id": found.file_id, "unique_id": found.unique_id,
    }, "same_evidence_as": same_evidence_as}
    await _advance(update, context, "confirm", data)
    await _reply(update, summary_text(lang, data), confirm_choice(lang, data["n"]))


# ---------------------------------------------------------------- helpers


def _days(data: dict[str, Any]) -> int:
    return span_days(date.fromisoformat(data["start"]), date.fromisoformat(data["end"]))


def _ask_quantity(lang: str, data: dict[str, Any]) -> str:
    return t(lang, f"claim.ask_quantity.{data['unit']}", days=_days(data))


def _draft(data: dict[str, Any]) -> Draft:
    raw = data.get("evidence")
    evidence = Evidence(raw["kind"], raw["file_id"], raw["unique_id"]) if raw else None
    return Draft(
        category=data["category"], unit=data["unit"], title=data["title"],
        organiser=data["organiser"], start=date.fromisoformat(data["start"]),
        end=date.fromisoformat(data["end"]), international=bool(data["international"]),
        quantity=Decimal(data["quantity"]), evidence=evidence,
    )


async def _reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    message = update.effective_message
    assert message is not None
    await message.reply_text(text, reply_markup=markup)

