"""/umumkan (/announce): an admin composes a message, picks the audience, sees the counts
and a preview exactly as recipients will get it, then sends, schedules or discards.

The flow is the table `ANNOUNCE` below over a typed draft kept in the dialog row, so a
restart loses nothing. The admin's role and OPD are checked by the announcement service
in every step's unit of work: a forwarded or hand-made button from someone else changes
nothing.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from telegram import Message, MessageEntity, Update

from bot.i18n import Html, fmt_jp, zone_label
from bot.jobs.announcements import send_status
from bot.presentation.buttons.announcements import (
    ChooseAudience,
    ChoosePosition,
    ChooseProgram,
    OpdPage,
    OpdsChosen,
    PreviewChoice,
    ProgramPage,
    ToggleOpd,
)
from bot.presentation.delivery import Rendered
from bot.presentation.text import when
from bot.services.announcements import desk
from bot.services.announcements.lifecycle import MAX_OPDS, Audience, AudienceKind, Content
from bot.services.identity.roles import admin_scope
from bot.services.spreadsheets.cells import parse_datetime_cell
from bot.services.reminders.planning import BehindRule
from handlers.announcements.status import send_unlinked
from handlers.core.context import BotContext
from handlers.core.flows import DOCUMENT, PHOTO, TEXT, Flow, Step
from handlers.core.keyboards import button, paging, rows
from handlers.core.routes import Work, command, menu
from handlers.core.routes import button as on_button
from handlers.self_service.help import show_help
from models.enums import PositionType

MAX_CAPTION = 1024  # what the Bot API lets a bot send under a photo or document
COMPOSE, AUDIENCE, OPDS, PROGRAM, POSITION, PREVIEW, SCHEDULE = (
    "compose", "audience", "opds", "program", "position", "preview", "schedule"
)


class AnnounceDraft(BaseModel):
    content: dict[str, Any] | None = None  # Content.to_json()
    audience: dict[str, Any] | None = None  # Audience.to_json()
    nonce: str | None = None  # of the preview shown last
    send_at: datetime | None = None


def rule_of(context: BotContext) -> BehindRule:
    return BehindRule.from_settings(context.settings, context.today())


@command("umumkan", "announce", work=Work.WRITE, admin=True)
@menu("menu.announce", work=Work.WRITE, admin=True)
async def announce_command(update: Update, context: BotContext) -> None:
    scope = context.admin
    if scope is None:
        await show_help(context)
        return
    await ANNOUNCE.save(context, COMPOSE, AnnounceDraft())
    text = context.text("announce.compose")
    if scope.opd_id is not None:
        text += "\n\n" + context.text("announce.scope_note", opd=scope.opd_name)
    context.replies.message(text)


def _content_of(message: Message) -> Content | None:
    def plain(entities: tuple[MessageEntity, ...]) -> list[dict[str, Any]]:
        return [e.to_dict() for e in entities]

    if message.photo:
        return Content(message.caption or "", plain(message.caption_entities), "photo",
                       message.photo[-1].file_id)
    if message.document is not None:
        return Content(message.caption or "", plain(message.caption_entities), "document",
                       message.document.file_id)
    if message.text:
        return Content(message.text, plain(message.entities))
    return None


async def _composed(update: Update, context: BotContext, draft: AnnounceDraft, message: Message) -> None:
    """The message itself: text with its formatting, or one photo or document."""
    content = _content_of(message)
    if content is None:
        context.replies.message(context.text("announce.compose"))
        return
    if content.media_kind is not None and len(content.text) > MAX_CAPTION:
        # Premium users may write longer captions than a bot may send.
        context.replies.message(context.text("announce.caption_too_long", max=MAX_CAPTION,
                                             length=len(content.text)))
        return
    await ANNOUNCE.save(context, AUDIENCE, AnnounceDraft(content=content.to_json()))
    await _audience_menu(context)


# --- choosing the audience -------------------------------------------------------------


async def _audience_menu(context: BotContext) -> None:
    scope = await desk.composer(context.session, context.user_id)
    kinds = [AudienceKind.ALL, AudienceKind.BEHIND, AudienceKind.PROGRAM, AudienceKind.POSITION]
    if scope.superadmin:
        kinds.insert(1, AudienceKind.OPD)
    markup = rows(*([button(context.text(f"announce.kind.{k.value}"), ChooseAudience(k))] for k in kinds))
    context.replies.show(context.text("announce.choose_audience"), markup)


async def _draft_at(context: BotContext, *steps: str) -> AnnounceDraft | None:
    """The admin's draft when this press belongs to its step (else told, None)."""
    await desk.composer(context.session, context.user_id)  # NotAllowed for non-admins
    found = await ANNOUNCE.current(context)
    if found is None or found[0] not in steps:
        context.replies.refuse(context.text("callback.expired"))
        return None
    return found[1]


@on_button(ChooseAudience, work=Work.WRITE)
async def audience_pressed(update: Update, context: BotContext, pressed: ChooseAudience) -> None:
    draft = await _draft_at(context, AUDIENCE)
    if draft is None:
        return
    kind = pressed.kind
    draft = draft.model_copy(update={"audience": Audience(kind).to_json()})
    if kind == AudienceKind.OPD:
        page = await desk.opd_page(context.session, context.user_id, 0)  # superadmins only
        await ANNOUNCE.save(context, OPDS, draft)
        _show_opds(context, draft, page)
    elif kind == AudienceKind.PROGRAM:
        await ANNOUNCE.save(context, PROGRAM, draft)
        await _program_page(context, 0)
    elif kind == AudienceKind.POSITION:
        await ANNOUNCE.save(context, POSITION, draft)
        markup = rows(*([button(context.text(f"announce.position.{p.value}"), ChoosePosition(p))]
                        for p in PositionType))
        context.replies.show(context.text("announce.choose_position"), markup)
    else:
        await _preview(context, draft)


def _chosen(draft: AnnounceDraft) -> list[int]:
    assert draft.audience is not None
    return list(Audience.from_json(draft.audience).opd_ids)


def _show_opds(context: BotContext, draft: AnnounceDraft, page: desk.Page) -> None:
    chosen = set(_chosen(draft))
    lines = [[button(("✅ " if opd_id in chosen else "▫️ ") + name, ToggleOpd(opd_id, page.page))]
             for opd_id, name in page.items]
    markup = rows(*lines, paging(page.page, page.pages, OpdPage),
                  [button(context.text("announce.opds_done", count=len(chosen)), OpdsChosen())])
    text = context.text("announce.choose_opds")
    if page.pages > 1:
        text += "\n" + context.text("list.page", page=page.page + 1, pages=page.pages)
    context.replies.show(text, markup)


@on_button(ToggleOpd, work=Work.WRITE)
async def opd_toggled(update: Update, context: BotContext, pressed: ToggleOpd) -> None:
    draft = await _draft_at(context, OPDS)
    if draft is None:
        return
    outcome, chosen = await desk.toggle_opd(context.session, context.user_id, _chosen(draft),
                                            pressed.opd_id)
    if outcome == desk.Toggle.UNKNOWN_OPD:
        context.replies.refuse(context.text("callback.expired"))
        return
    if outcome == desk.Toggle.TOO_MANY:
        context.replies.toast(context.text("announce.opds_max", max=MAX_OPDS), alert=True)
        return
    audience = Audience(AudienceKind.OPD, tuple(chosen))
    draft = draft.model_copy(update={"audience": audience.to_json()})
    await ANNOUNCE.save(context, OPDS, draft)
    _show_opds(context, draft, await desk.opd_page(context.session, context.user_id, pressed.page))


@on_button(OpdPage)
async def opd_page_pressed(update: Update, context: BotContext, pressed: OpdPage) -> None:
    draft = await _draft_at(context, OPDS)
    if draft is None:
        return
    _show_opds(context, draft, await desk.opd_page(context.session, context.user_id, pressed.page))


@on_button(OpdsChosen, work=Work.WRITE)
async def opds_chosen(update: Update, context: BotContext, pressed: OpdsChosen) -> None:
    draft = await _draft_at(context, OPDS)
    if draft is None:
        return
    await desk.opd_page(context.session, context.user_id, 0)  # superadmins only
    if not _chosen(draft):
        context.replies.toast(context.text("announce.opds_none"), alert=True)
        return
    await _preview(context, draft)


async def _program_page(context: BotContext, page: int) -> None:
    found = await desk.program_page(context.session, context.user_id, page)
    markup = rows(*([button(label[:60], ChooseProgram(program_id))] for program_id, label in found.items),
                  paging(found.page, found.pages, ProgramPage))
    text = context.text("announce.choose_program" if found.items else "announce.no_programs")
    if found.pages > 1:
        text += "\n" + context.text("list.page", page=found.page + 1, pages=found.pages)
    context.replies.show(text, markup)


@on_button(ProgramPage)
async def program_page_pressed(update: Update, context: BotContext, pressed: ProgramPage) -> None:
    if await _draft_at(context, PROGRAM) is not None:
        await _program_page(context, pressed.page)


@on_button(ChooseProgram, work=Work.WRITE)
async def program_chosen(update: Update, context: BotContext, pressed: ChooseProgram) -> None:
    draft = await _draft_at(context, PROGRAM)
    if draft is None:
        return
    audience = await desk.program_audience(context.session, context.user_id, pressed.program_id)
    if audience is None:
        context.replies.refuse(context.text("callback.expired"))
        return
    await _preview(context, draft.model_copy(update={"audience": audience.to_json()}))


@on_button(ChoosePosition, work=Work.WRITE)
async def position_chosen(update: Update, context: BotContext, pressed: ChoosePosition) -> None:
    draft = await _draft_at(context, POSITION)
    if draft is None:
        return
    audience = Audience(AudienceKind.POSITION, position_type=pressed.position.value)
    await _preview(context, draft.model_copy(update={"audience": audience.to_json()}))


# --- preview, schedule, confirm ----------------------------------------------------------


async def audience_label(context: BotContext, audience: Audience) -> str:
    """The audience in words, for the preview."""
    found = await desk.describe(context.session, context.user_id, audience)
    if found.kind == AudienceKind.OPD:
        names = found.opd_names
        shown = ", ".join(names[:5]) + (f" (+{len(names) - 5})" if len(names) > 5 else "")
        label = context.text("announce.label.opd", opds=shown)
    elif found.kind == AudienceKind.PROGRAM:
        label = context.text("announce.label.program", program=found.program or "?")
    elif found.kind == AudienceKind.POSITION:
        label = context.text("announce.label.position",
                             position=context.text(f"announce.position.{found.position_type}"))
    else:
        label = context.text(f"announce.label.{found.kind.value}")
    if found.within_opd is not None:
        label += context.text("announce.label.within", opd=found.within_opd)
    return label


def _rendered(content: Content) -> Rendered:
    return Rendered(
        content.text,
        entities=[MessageEntity.de_json(e, None) for e in content.entities],  # type: ignore[misc]
        media_kind=content.media_kind,
        media_file_id=content.media_file_id,
    )


async def _preview(context: BotContext, draft: AnnounceDraft) -> None:
    """The message exactly as recipients get it, then the counts and the choices. The
    choices carry a fresh nonce: the buttons of an older preview (before a schedule was
    set, say) no longer act."""
    assert draft.content is not None and draft.audience is not None
    nonce = secrets.token_hex(3)
    draft = draft.model_copy(update={"nonce": nonce})
    await ANNOUNCE.save(context, PREVIEW, draft)
    audience = Audience.from_json(draft.audience)
    count = await desk.preview(context.session, context.user_id, audience, rule_of(context))
    lines = [
        context.text("announce.preview_title"),
        context.text("announce.audience", label=Html(await audience_label(context, audience))),
        context.text("announce.count", linked=count.linked),
        context.text("announce.unlinked", unlinked=count.unlinked),
    ]
    if context.settings.paid_broadcast and count.linked:
        per = context.settings.paid_broadcast_stars_per_message
        lines.append(context.text("announce.paid_cost", per=fmt_jp(context.lang, per),
                                  total=fmt_jp(context.lang, per * count.linked), linked=count.linked))
    if draft.send_at:
        lines.append(context.text("announce.scheduled_for", when=when(context.lang, draft.send_at, context.tz)))

    def choice(key: str, what: str) -> list[Any]:
        return [button(context.text(key), PreviewChoice(nonce, what))]  # type: ignore[arg-type]

    markup = rows(
        choice("announce.send_scheduled" if draft.send_at else "announce.send_now", "send")
        if count.linked else None,
        choice("announce.schedule", "schedule"),
        choice("announce.unlinked_file", "unlinked") if count.unlinked else None,
        [*choice("announce.change_audience", "audience"), *choice("announce.discard", "discard")],
    )
    if not count.linked:
        lines.append(context.text("announce.nobody"))
    rendered, chat_id, bot = _rendered(Content.from_json(draft.content)), context.replies.chat_id, context.bot
    context.replies.toast()
    context.replies.later(lambda: rendered.send(bot, chat_id))
    context.replies.message("\n".join(lines), markup)


@on_button(PreviewChoice, work=Work.WRITE)
async def preview_chosen(update: Update, context: BotContext, pressed: PreviewChoice) -> None:
    steps = (PREVIEW, SCHEDULE) if pressed.choice in ("discard", "audience") else (PREVIEW,)
    draft = await _draft_at(context, *steps)
    if draft is None:
        return
    if draft.nonce != pressed.nonce:  # a button of an older preview
        context.replies.refuse(context.text("callback.expired"))
        return
    if pressed.choice == "discard":
        await ANNOUNCE.end(context)
        context.replies.show(context.text("announce.discarded"))
    elif pressed.choice == "audience":
        await ANNOUNCE.save(context, AUDIENCE, draft.model_copy(update={"audience": None, "nonce": None}))
        await _audience_menu(context)
    elif pressed.choice == "schedule":
        await ANNOUNCE.save(context, SCHEDULE, draft)
        context.replies.toast()
        context.replies.message(context.text("announce.ask_time", zone=zone_label(context.tz)))
    elif pressed.choice == "unlinked":
        assert draft.audience is not None
        people = await desk.unlinked(context.session, context.user_id,
                                     Audience.from_json(draft.audience), rule_of(context))
        context.replies.toast()
        send_unlinked(context, people)
    else:
        await _create(context, draft)


async def _schedule_typed(update: Update, context: BotContext, draft: AnnounceDraft, message: Message) -> None:
    now, zone = context.now(), zone_label(context.tz)
    moment, error = parse_datetime_cell(message.text, context.tz, day=now)
    if moment is None or error:
        context.replies.message(context.text("announce.time_invalid", zone=zone))
        return
    problem = desk.schedule_problem(moment, now)
    if problem == desk.ScheduleProblem.PAST:
        context.replies.message(context.text("announce.time_past", zone=zone))
        return
    if problem == desk.ScheduleProblem.TOO_FAR:
        context.replies.message(context.text("announce.time_far", days=desk.MAX_SCHEDULE_AHEAD.days))
        return
    await _preview(context, draft.model_copy(update={"send_at": moment}))


async def _create(context: BotContext, draft: AnnounceDraft) -> None:
    """Create it exactly once: the draft is deleted in the same transaction, so a second
    press (or a second device) finds no draft and creates nothing."""
    audience = Audience.from_json(draft.audience) if draft.audience else None
    if draft.content is None or audience is None or not audience.is_complete():
        context.replies.refuse(context.text("callback.expired"))  # a draft missing a part
        return
    if not await ANNOUNCE.take(context, PREVIEW):
        context.replies.refuse(context.text("callback.expired"))
        return
    now = context.now()
    # A schedule that passed while the admin hesitated: send now.
    send_at = max(draft.send_at or now, now)
    made = await desk.send(
        context.session, context.user_id, admin_chat_id=context.replies.chat_id,
        content=Content.from_json(draft.content), audience=audience, send_at=send_at, now=now,
        rule=rule_of(context),
    )
    context.replies.toast(context.text("announce.created"))
    context.replies.remove_buttons()
    bot, app, lang, announcement_id = context.bot, context.app, context.lang, made.id
    context.replies.later(lambda: send_status(bot, app, announcement_id, lang))


async def _gone(context: BotContext) -> str | None:
    """The role was withdrawn mid-draft."""
    return context.text("admin.not_allowed") if await admin_scope(context.session, context.user_id) is None else None


ANNOUNCE: Flow[AnnounceDraft] = Flow("announce", AnnounceDraft, {
    COMPOSE: Step(_composed, accepts=frozenset({TEXT, PHOTO, DOCUMENT}), wrong_input="announce.compose"),
    AUDIENCE: Step(),
    OPDS: Step(),
    PROGRAM: Step(),
    POSITION: Step(),
    PREVIEW: Step(),
    SCHEDULE: Step(_schedule_typed,
                   wrong_input=lambda context: context.text("announce.time_invalid", zone=zone_label(context.tz))),
}, gone=_gone)
