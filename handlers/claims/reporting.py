"""/lapor (/report): an employee reports training done elsewhere, step by step.

The flow is the table `CLAIM` below over a typed draft kept in the dialog row, so a
restart loses nothing. Steps: category → title → organiser → start → end → scope →
quantity (not for per-activity rules) → evidence → confirm. Buttons carry the draft's
nonce and count only at their own step; anything else is "no longer valid" and changes
nothing.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import date
from decimal import Decimal
from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError
from telegram.ext import filters

from bot.i18n import fmt_jp
from bot.presentation.buttons.claims import ClaimCategory, ClaimConfirm, ClaimGroup, ClaimScope
from bot.services.claims.reporting import (
    CLAIM_FLOW,
    ClaimError,
    Evidence,
    Invalid,
    JpChanged,
    Submitted,
    assess,
    check_end,
    check_evidence,
    check_evidence_content,
    check_start,
    clean_organiser,
    clean_title,
    find_same_evidence,
    parse_day,
    parse_quantity,
    steps_to_json,
    submit,
    unit_of,
)
from bot.services.claims.rules import Unit
from handlers.claims.draft import ClaimDraft, EvidenceRef
from handlers.claims.views import (
    category_choice,
    confirm_choice,
    error_text,
    group_choice,
    proposal_text,
    scope_choice,
    summary_text,
)
from handlers.core.context import BotContext, message_of
from handlers.core.flows import DOCUMENT, PHOTO, Flow, Step
from handlers.core.keyboards import share_contact
from handlers.core.routes import Work, button, command, menu, prefetch
from models.enums import EvidenceKind

log = logging.getLogger(__name__)


async def _gone(context: BotContext) -> str | None:
    return None if context.viewer.linked else context.text("link.needed")


# ---------------------------------------------------------------- start and buttons


@command("lapor", "report", "trainingreport", work=Work.WRITE)
@menu("menu.claim", work=Work.WRITE)
async def claim_command(update: Update, context: BotContext) -> None:
    """Start (or start over) a report."""
    lang = context.lang
    if not context.viewer.linked:
        context.replies.message(context.text("link.needed"), share_contact(lang))
        return
    nonce = secrets.token_hex(3)
    await CLAIM.save(context, "category", ClaimDraft(n=nonce))
    context.replies.message(context.text("claim.start"), group_choice(lang, nonce))


async def _pressed(context: BotContext, nonce: str, step: str) -> ClaimDraft | None:
    """The open draft when this button belongs to its current step, else None (told)."""
    if not context.viewer.linked:
        context.replies.toast(context.text("link.needed_short"), alert=True)
        return None
    found = await CLAIM.current(context)
    if found is None or found[0] != step or found[1].n != nonce:
        context.replies.toast(context.text("claim.stale"), alert=True)
        return None
    return found[1]


@button(ClaimGroup)
async def group_pressed(update: Update, context: BotContext, pressed: ClaimGroup) -> None:
    draft = await _pressed(context, pressed.nonce, "category")
    if draft is None:
        return
    lang = context.lang
    if pressed.group == "back":
        context.replies.show(context.text("claim.start"), group_choice(lang, draft.n))
    else:
        context.replies.show(context.text(f"claim.choose.{pressed.group}"),
                             category_choice(lang, draft.n, pressed.group))


@button(ClaimCategory, work=Work.WRITE)
async def category_pressed(update: Update, context: BotContext, pressed: ClaimCategory) -> None:
    draft = await _pressed(context, pressed.nonce, "category")
    if draft is None:
        return
    category = pressed.category.value
    unit = await unit_of(context.session, category)
    await CLAIM.save(context, "title", draft.model_copy(update={"category": category, "unit": unit}))
    context.replies.show(context.text("claim.chosen", category=context.text(f"category.{category}")))
    context.replies.message(context.text("claim.ask_title"))


@button(ClaimScope, work=Work.WRITE)
async def scope_pressed(update: Update, context: BotContext, pressed: ClaimScope) -> None:
    draft = await _pressed(context, pressed.nonce, "scope")
    if draft is None:
        return
    draft = draft.model_copy(update={"international": pressed.international})
    scope = "international" if pressed.international else "national"
    context.replies.show(context.text("claim.scope_chosen", scope=context.text(f"claim.scope.{scope}")))
    if draft.unit == Unit.ACTIVITY:
        await _propose(context, draft.model_copy(update={"quantity": Decimal(1)}))
        return
    await CLAIM.save(context, "quantity", draft)
    context.replies.message(context.text(f"claim.ask_quantity.{draft.unit}", days=draft.days))


@button(ClaimConfirm, work=Work.WRITE)
async def confirm_pressed(update: Update, context: BotContext, pressed: ClaimConfirm) -> None:
    draft = await _pressed(context, pressed.nonce, "confirm")
    if draft is None:
        return
    if not pressed.send:
        await CLAIM.end(context)
        context.replies.show(context.text("dialog.cancelled"))
        return
    viewer = context.viewer
    assert viewer.employee_id is not None and draft.jp is not None
    result = await submit(
        context.session, context.user_id, viewer.employee_id, draft.to_draft(), context.now(),
        context.today(), context.settings.jp_year_start_month, shown_jp=draft.jp,
    )
    if isinstance(result, JpChanged):
        await _propose_again(context, draft, result)
    elif result is None:
        context.replies.toast(context.text("claim.stale"), alert=True)
    elif isinstance(result, Invalid):
        await CLAIM.end(context)
        context.replies.show(f"{error_text(context.lang, result)}\n\n{context.text('claim.not_sent')}")
    else:
        context.replies.show(_submitted_text(context, result))


async def _propose_again(context: BotContext, draft: ClaimDraft, changed: JpChanged) -> None:
    """The rules changed between the summary and "Kirim": nothing was sent. Show the new
    JP with its working and ask again. A new nonce makes the old buttons stale, so a
    second press of the old "Kirim" cannot send a JP the employee has not seen; it is
    derived from the old one and the new JP, so two quick presses agree on it."""
    assessed = changed.assessment
    nonce = hashlib.sha256(f"{draft.n}:{assessed.proposal.jp}".encode()).hexdigest()[:6]
    draft = draft.model_copy(update={
        "n": nonce, "jp": assessed.proposal.jp, "steps": steps_to_json(assessed.proposal.steps),
        "duplicate_of": assessed.duplicate_of, "same_evidence_as": assessed.same_evidence_as,
    })
    await CLAIM.save(context, "confirm", draft)
    lang = context.lang
    notice = context.text("claim.jp_changed", jp=fmt_jp(lang, assessed.proposal.jp),
                          shown=fmt_jp(lang, changed.shown))
    context.replies.show(f"{notice}\n\n{summary_text(lang, draft, with_working=True)}",
                         confirm_choice(lang, nonce))


def _submitted_text(context: BotContext, result: Submitted) -> str:
    text = context.text("claim.submitted", jp=fmt_jp(context.lang, result.jp))
    if result.flagged:
        text += "\n\n" + context.text("claim.submitted_duplicate")
    return text


# ---------------------------------------------------------------- typed answers


def _reply(context: BotContext, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    context.replies.message(text, markup)


async def _title(update: Update, context: BotContext, draft: ClaimDraft, message: Message) -> None:
    title = clean_title(message.text)
    if isinstance(title, Invalid):
        _reply(context, error_text(context.lang, title))
        return
    await CLAIM.save(context, "organiser", draft.model_copy(update={"title": title}))
    _reply(context, context.text("claim.ask_organiser"))


async def _organiser(update: Update, context: BotContext, draft: ClaimDraft, message: Message) -> None:
    organiser = clean_organiser(message.text)
    if isinstance(organiser, Invalid):
        _reply(context, error_text(context.lang, organiser))
        return
    await CLAIM.save(context, "start", draft.model_copy(update={"organiser": organiser}))
    _reply(context, context.text("claim.ask_start"))


async def _start(update: Update, context: BotContext, draft: ClaimDraft, message: Message) -> None:
    start = parse_day(message.text)
    problem = start if isinstance(start, Invalid) else check_start(start, context.today())
    if problem is not None:
        _reply(context, error_text(context.lang, problem))
        return
    assert isinstance(start, date)
    await CLAIM.save(context, "end", draft.model_copy(update={"start": start}))
    _reply(context, context.text("claim.ask_end"))


async def _end(update: Update, context: BotContext, draft: ClaimDraft, message: Message) -> None:
    end = parse_day(message.text)
    assert draft.start is not None
    problem = end if isinstance(end, Invalid) else check_end(
        draft.start, end, context.today(), context.settings.jp_year_start_month
    )
    if problem is not None:
        _reply(context, error_text(context.lang, problem))
        return
    assert isinstance(end, date)
    await CLAIM.save(context, "scope", draft.model_copy(update={"end": end}))
    _reply(context, context.text("claim.ask_scope"), scope_choice(context.lang, draft.n))


async def _quantity(update: Update, context: BotContext, draft: ClaimDraft, message: Message) -> None:
    assert draft.unit is not None
    quantity = parse_quantity(message.text, draft.unit, draft.days)
    if isinstance(quantity, Invalid):
        _reply(context, error_text(context.lang, quantity))
        return
    await _propose(context, draft.model_copy(update={"quantity": quantity}))


async def _propose(context: BotContext, draft: ClaimDraft) -> None:
    """Show the JP the rules give, with the working, and ask for the evidence."""
    lang = context.lang
    assert context.viewer.employee_id is not None
    assessed = await assess(context.session, context.viewer.employee_id, draft.to_draft())
    if isinstance(assessed, Invalid):
        if draft.unit == Unit.ACTIVITY or assessed.error == ClaimError.RULE_CHANGED:
            await CLAIM.end(context)
            _reply(context, f"{error_text(lang, assessed)}\n\n{context.text('claim.not_sent')}")
        else:
            _reply(context, error_text(lang, assessed))  # stays at the quantity step
        return
    proposal = assessed.proposal
    await CLAIM.save(context, "evidence", draft.model_copy(update={
        "jp": proposal.jp, "steps": steps_to_json(proposal.steps),
        "duplicate_of": assessed.duplicate_of,
    }))
    _reply(context, proposal_text(lang, proposal.jp, proposal.steps, assessed.duplicate_of is not None,
                                  context.settings.evidence_max_mb))


async def _evidence(update: Update, context: BotContext, draft: ClaimDraft, message: Message) -> None:
    max_mb = context.settings.evidence_max_mb
    if message.photo:
        photo = message.photo[-1]  # the largest size
        found: Evidence | Invalid = check_evidence(
            EvidenceKind.PHOTO, photo.file_id, photo.file_unique_id, photo.file_size, max_mb)
    else:
        assert message.document is not None
        doc = message.document
        found = check_evidence(EvidenceKind.DOCUMENT, doc.file_id, doc.file_unique_id,
                               doc.file_size, max_mb, mime_type=doc.mime_type,
                               file_name=doc.file_name)
    lang = context.lang
    if isinstance(found, Invalid):
        _reply(context, error_text(lang, found))
        return
    if found.kind == EvidenceKind.DOCUMENT:
        # What the file really is: its first bytes, downloaded before this unit of work.
        head = context.prefetched.get(found.unique_id)
        if head is None:
            _reply(context, error_text(lang, Invalid(ClaimError.EVIDENCE_UNREAD, {"max": max_mb})))
            return
        if (problem := check_evidence_content(found, head, max_mb)) is not None:
            _reply(context, error_text(lang, problem))
            return
    same_evidence_as = await find_same_evidence(context.session, found.unique_id)
    draft = draft.model_copy(update={
        "evidence": EvidenceRef(kind=found.kind, file_id=found.file_id, unique_id=found.unique_id),
        "same_evidence_as": same_evidence_as,
    })
    await CLAIM.save(context, "confirm", draft)
    _reply(context, summary_text(lang, draft), confirm_choice(lang, draft.n))


@prefetch(filters.Document.ALL)
async def read_evidence_head(update: Update, context: BotContext) -> None:
    """A PDF offered as evidence is checked by its first bytes. They are downloaded here,
    before the update's write unit begins (a download is a network round trip; no
    transaction waits for it), for any private document declared a PDF within the size
    limit; the evidence step reads them from `context.prefetched`."""
    document = message_of(update).document
    if document is None:
        return
    declared = check_evidence(EvidenceKind.DOCUMENT, document.file_id, document.file_unique_id,
                              document.file_size, context.settings.evidence_max_mb,
                              mime_type=document.mime_type, file_name=document.file_name)
    if isinstance(declared, Invalid):
        return
    try:
        data = await (await document.get_file()).download_as_bytearray()
    except TelegramError as exc:
        log.warning("evidence not downloaded: %s", type(exc).__name__)
        return
    context.prefetched[document.file_unique_id] = bytes(data[:8])


def _not_evidence(context: BotContext) -> str:
    invalid = Invalid(ClaimError.EVIDENCE_TYPE, {"max": context.settings.evidence_max_mb})
    return error_text(context.lang, invalid)


_TEXT = "claim.expect_text"
CLAIM: Flow[ClaimDraft] = Flow(CLAIM_FLOW, ClaimDraft, {
    "category": Step(),
    "title": Step(_title, wrong_input=_TEXT),
    "organiser": Step(_organiser, wrong_input=_TEXT),
    "start": Step(_start, wrong_input=_TEXT),
    "end": Step(_end, wrong_input=_TEXT),
    "scope": Step(),
    "quantity": Step(_quantity, wrong_input=_TEXT),
    "evidence": Step(_evidence, accepts=frozenset({PHOTO, DOCUMENT}), wrong_input=_not_evidence),
    "confirm": Step(),
}, gone=_gone)
