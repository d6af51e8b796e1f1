"""/umumkan (/announce): an admin composes a message, picks the audience, sees the counts
and a preview exactly as recipients will get it, then sends, schedules or discards.

The draft lives in the database (flow "announce", see handlers/dialog.py), so a restart
loses nothing. The admin's role and OPD are read again on every step and every press:
a forwarded or hand-made button from someone else changes nothing.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from telegram import InlineKeyboardMarkup, Message, MessageEntity, Update
from telegram.ext import ContextTypes

from bot.presentation.delivery import Rendered
from bot.i18n import Html, fmt_date, fmt_time, t, zone_label
from bot.services.announcements import lifecycle as ann
from bot.services import dialogs
from bot.services.identity.roles import AdminScope
from bot.services.announcements.lifecycle import Audience, AudienceKind, Content
from bot.services.audit import telegram_actor
from bot.services.dialogs import DialogState
from bot.services.imports.programs import parse_datetime_cell
from handlers.core import flows as dialog
from handlers.core.access import admin_of, refuse
from handlers.announcements.status import behind_rule, send_status, send_unlinked
from handlers.core.callback_data import Callback
from handlers.core.common import app_ctx, show, user_id
from handlers.self_service.help import help_command
from handlers.core.keyboards import button
from models import Opd, Program
from models.enums import PositionType, ProgramStatus

FLOW = "announce"
PAGE = 8
MAX_SCHEDULE_AHEAD = timedelta(days=60)
MAX_CAPTION = 1024  # what the Bot API lets a bot send under a photo or document
COMPOSE, AUDIENCE, OPDS, PROGRAM, POSITION, PREVIEW, SCHEDULE = (
    "compose", "audience", "opds", "program", "position", "preview", "schedule"
)


async def announce_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang, scope = await admin_of(update, context)
    if scope is None:
        await help_command(update, context)
        return
    await dialog.save_state(update, context, DialogState(FLOW, COMPOSE))
    assert update.effective_message is not None
    where = scope.opd_name if scope.opd_id is not None else None
    text = t(lang, "announce.compose")
    if where:
        text += "\n\n" + t(lang, "announce.scope_note", opd=where)
    await update.effective_message.reply_text(text)


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


async def on_input(update: Update, context: ContextTypes.DEFAULT_TYPE, state: DialogState) -> None:
    """Typed input inside the flow: the message itself, or a schedule time."""
    message = update.effective_message
    assert message is not None
    lang, scope = await admin_of(update, context)
    if scope is None:  # the role was withdrawn mid-draft
        await dialog.end_flow(update, context)
        await refuse(update, lang)
        return
    if state.step == COMPOSE:
        content = _content_of(message)
        if content is None:
            await message.reply_text(t(lang, "announce.compose"))
            return
        if content.media_kind is not None and len(content.text) > MAX_CAPTION:
            # Premium users may write longer captions than a bot may send.
            await message.reply_text(t(lang, "announce.caption_too_long", max=MAX_CAPTION,
                                       length=len(content.text)))
            return
        data = {"content": content.to_json()}
        await dialog.save_state(update, context, DialogState(FLOW, AUDIENCE, data))
        await _audience_menu(update, context, lang, scope)
    elif state.step == SCHEDULE:
        await _schedule_typed(update, context, lang, scope, state)
    else:
        await message.reply_text(t(lang, "dialog.use_buttons"))


# --- choosing the audience -------------------------------------------------------------


async def _audience_menu(
    update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str, scope: AdminScope
) -> None:
    kinds = [AudienceKind.ALL, AudienceKind.BEHIND, AudienceKind.PROGRAM, AudienceKind.POSITION]
    if scope.opd_id is None:
        kinds.insert(1, AudienceKind.OPD)
    rows = [[button(t(lang, f"announce.kind.{k.value}"), "ana", k.value)] for k in kinds]
    await show(update, t(lang, "announce.choose_audience"), InlineKeyboardMarkup(rows))


async def _state_for_press(
    update: Update, context: ContextTypes.DEFAULT_TYPE, steps: tuple[str, ...]
) -> tuple[str, AdminScope, DialogState] | None:
    """The admin, their scope and draft, if this press belongs to the draft's step."""
    lang, scope = await admin_of(update, context)
    if scope is None:
        await refuse(update, lang)
        return None
    state = await dialog.load_state(update, context, FLOW)
    if state is None or state.step not in steps:
        await refuse(update, lang, "callback.expired")
        return None
    return lang, scope, state


async def audience_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    found = await _state_for_press(update, context, (AUDIENCE,))
    if found is None:
        return
    lang, scope, state = found
    kind = AudienceKind(cb.argument)
    if kind == AudienceKind.OPD and scope.opd_id is not None:
        await refuse(update, lang)
        return
    data = {**state.data, "audience": Audience(kind).to_json()}
    next_step = {AudienceKind.OPD: OPDS, AudienceKind.PROGRAM: PROGRAM,
                 AudienceKind.POSITION: POSITION}.get(kind, PREVIEW)
    await dialog.save_state(update, context, DialogState(FLOW, next_step, data))
    if next_step == OPDS:
        await _opd_page(update, context, lang, data, 0)
    elif next_step == PROGRAM:
        await _program_page(update, context, lang, 0)
    elif next_step == POSITION:
        rows = [[button(t(lang, f"announce.position.{p.value}"), "anj", p.value)] for p in PositionType]
        await show(update, t(lang, "announce.choose_position"), InlineKeyboardMarkup(rows))
    else:
        await _preview(update, context, lang, scope, DialogState(FLOW, PREVIEW, data))


async def _opd_page(
    update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str, data: dict[str, Any], page: int
) -> None:
    async with app_ctx(context).db.read() as session:
        opds = await ann.opd_choices(session)
    pages = max(1, -(-len(opds) // PAGE))
    page = min(max(page, 0), pages - 1)
    chosen = set(data["audience"].get("opd_ids", []))
    rows = [
        [button(("✅ " if opd_id in chosen else "▫️ ") + name, "ano", f"t.{opd_id}.{page}")]
        for opd_id, name in opds[page * PAGE:(page + 1) * PAGE]
    ]
    nav = []
    if page > 0:
        nav.append(button("◀️", "ano", f"p.{page - 1}"))
    if page + 1 < pages:
        nav.append(button("▶️", "ano", f"p.{page + 1}"))
    if nav:
        rows.append(nav)
    rows.append([button(t(lang, "announce.opds_done", count=len(chosen)), "ano", "done")])
    await show(update, t(lang, "announce.choose_opds"), InlineKeyboardMarkup(rows))


async def opd_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    found = await _state_for_press(update, context, (OPDS,))
    if found is None:
        return
    lang, scope, state = found
    if scope.opd_id is not None:
        await refuse(update, lang)
        return
    data = dict(state.data)
    audience = dict(data["audience"])
    chosen: list[int] = list(audience.get("opd_ids", []))
    parts = cb.parts
    if parts[0] == "done":
        if not chosen:
            assert update.callback_query is not None
            await update.callback_query.answer(t(lang, "announce.opds_none"), show_alert=True)
            return
        await dialog.save_state(update, context, DialogState(FLOW, PREVIEW, data))
        await _preview(update, context, lang, scope, DialogState(FLOW, PREVIEW, data))
        return
    page = int(parts[-1])
    if parts[0] == "t":
        opd_id = int(parts[1])
        async with app_ctx(context).db.read() as session:
            if await session.get(Opd, opd_id) is None:
                await refuse(update, lang, "callback.expired")
                return
        if opd_id in chosen:
            chosen.remove(opd_id)
        elif len(chosen) >= ann.MAX_OPDS:
            assert update.callback_query is not None
            await update.callback_query.answer(
                t(lang, "announce.opds_max", max=ann.MAX_OPDS), show_alert=True)
            return
        else:
            chosen.append(opd_id)
        audience["opd_ids"] = chosen
        data["audience"] = audience
        await dialog.save_state(update, context, DialogState(FLOW, OPDS, data))
    await _opd_page(update, context, lang, data, page)


async def _program_page(
    update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str, page: int
) -> None:
    ctx = app_ctx(context)
    async with ctx.db.read() as session:
        programs = await ann.program_choices(session, page * PAGE, PAGE + 1)
    rows = [
        [button(f"{code} · {title}"[:60], "anp", str(program_id))]
        for program_id, code, title in programs[:PAGE]
    ]
    nav = []
    if page > 0:
        nav.append(button("◀️", "anp", f"p.{page - 1}"))
    if len(programs) > PAGE:
        nav.append(button("▶️", "anp", f"p.{page + 1}"))
    if nav:
        rows.append(nav)
    key = "announce.choose_program" if programs else "announce.no_programs"
    await show(update, t(lang, key), InlineKeyboardMarkup(rows))


async def program_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    found = await _state_for_press(update, context, (PROGRAM,))
    if found is None:
        return
    lang, scope, state = found
    if cb.parts[0] == "p":
        await _program_page(update, context, lang, int(cb.parts[1]))
        return
    async with app_ctx(context).db.read() as session:
        program = await session.get(Program, int(cb.argument))
    if program is None or program.status not in (ProgramStatus.PUBLISHED, ProgramStatus.COMPLETED):
        await refuse(update, lang, "callback.expired")
        return
    data = {**state.data, "audience": Audience(AudienceKind.PROGRAM, program_id=program.id).to_json()}
    await dialog.save_state(update, context, DialogState(FLOW, PREVIEW, data))
    await _preview(update, context, lang, scope, DialogState(FLOW, PREVIEW, data))


async def position_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    found = await _state_for_press(update, context, (POSITION,))
    if found is None:
        return
    lang, scope, state = found
    audience = Audience(AudienceKind.POSITION, position_type=cb.argument)
    data = {**state.data, "audience": audience.to_json()}
    await dialog.save_state(update, context, DialogState(FLOW, PREVIEW, data))
    await _preview(update, context, lang, scope, DialogState(FLOW, PREVIEW, data))


# --- preview, schedule, confirm ----------------------------------------------------------


async def audience_label(
    context: ContextTypes.DEFAULT_TYPE, lang: str, audience: Audience, scope_opd_id: int | None
) -> str:
    async with app_ctx(context).db.read() as session:
        if audience.kind == AudienceKind.OPD:
            names = await ann.opd_names(session, audience.opd_ids)
            shown = ", ".join(names[:5]) + (f" (+{len(names) - 5})" if len(names) > 5 else "")
            label = t(lang, "announce.label.opd", opds=shown)
        elif audience.kind == AudienceKind.PROGRAM:
            program = await session.get(Program, audience.program_id)
            label = t(lang, "announce.label.program",
                      program=f"{program.code} · {program.title}" if program else "?")
        elif audience.kind == AudienceKind.POSITION:
            label = t(lang, "announce.label.position",
                      position=t(lang, f"announce.position.{audience.position_type}"))
        else:
            label = t(lang, f"announce.label.{audience.kind.value}")
        if scope_opd_id is not None:
            opd = await session.get(Opd, scope_opd_id)
            label += t(lang, "announce.label.within", opd=opd.name if opd else "?")
    return label


def _when(lang: str, moment: datetime, tz: Any) -> str:
    local = moment.astimezone(tz)
    return f"{fmt_date(lang, local.date())}, {fmt_time(lang, local, tz)}"


async def _preview(
    update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str, scope: AdminScope,
    state: DialogState,
) -> None:
    """The message exactly as recipients get it, then the counts and the choices. The
    choices carry a fresh nonce: the buttons of an older preview (before a schedule was
    set, say) no longer act."""
    ctx = app_ctx(context)
    nonce = secrets.token_hex(3)
    state = DialogState(FLOW, PREVIEW, {**state.data, "nonce": nonce})
    await dialog.save_state(update, context, state)
    content = Content.from_json(state.data["content"])
    audience = Audience.from_json(state.data["audience"])
    async with ctx.db.read() as session:
        count = await ann.count_audience(session, audience, scope.opd_id, behind_rule(context))
    if update.callback_query is not None:
        await update.callback_query.answer()
    chat_id = update.effective_chat.id if update.effective_chat else user_id(update)
    await _rendered(content).send(context.bot, chat_id)
    lines = [
        t(lang, "announce.preview_title"),
        t(lang, "announce.audience",
          label=Html(await audience_label(context, lang, audience, scope.opd_id))),
        t(lang, "announce.count", linked=count.linked),
        t(lang, "announce.unlinked", unlinked=count.unlinked),
    ]
    send_at = state.data.get("send_at")
    if send_at:
        lines.append(t(lang, "announce.scheduled_for",
                       when=_when(lang, datetime.fromisoformat(send_at), ctx.settings.tz),
                       zone=zone_label(ctx.settings.tz)))
    rows = []
    if count.linked:
        rows.append([button(t(lang, "announce.send_scheduled" if send_at else "announce.send_now"),
                            "anc", f"{nonce}.send")])
    rows.append([button(t(lang, "announce.schedule"), "anc", f"{nonce}.schedule")])
    if count.unlinked:
        rows.append([button(t(lang, "announce.unlinked_file"), "anc", f"{nonce}.unlinked")])
    rows.append([button(t(lang, "announce.change_audience"), "anc", f"{nonce}.audience"),
                 button(t(lang, "announce.discard"), "anc", f"{nonce}.discard")])
    if not count.linked:
        lines.append(t(lang, "announce.nobody"))
    await context.bot.send_message(chat_id, "\n".join(lines), reply_markup=InlineKeyboardMarkup(rows))


def _rendered(content: Content) -> Rendered:
    return Rendered(
        content.text,
        entities=[MessageEntity.de_json(e, None) for e in content.entities],  # type: ignore[misc]
        media_kind=content.media_kind,
        media_file_id=content.media_file_id,
    )


async def confirm_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    nonce, choice = cb.parts
    steps = (PREVIEW, SCHEDULE) if choice in ("discard", "audience") else (PREVIEW,)
    found = await _state_for_press(update, context, steps)
    if found is None:
        return
    lang, scope, state = found
    if state.data.get("nonce") != nonce:  # a button of an older preview
        await refuse(update, lang, "callback.expired")
        return
    query = update.callback_query
    assert query is not None
    if choice == "discard":
        await dialog.end_flow(update, context)
        await show(update, t(lang, "announce.discarded"), None)
    elif choice == "audience":
        data = {k: v for k, v in state.data.items() if k not in ("audience", "nonce")}
        await dialog.save_state(update, context, DialogState(FLOW, AUDIENCE, data))
        await _audience_menu(update, context, lang, scope)
    elif choice == "schedule":
        await dialog.save_state(update, context, DialogState(FLOW, SCHEDULE, state.data))
        await query.answer()
        assert query.message is not None
        await context.bot.send_message(
            query.message.chat.id,
            t(lang, "announce.ask_time", zone=zone_label(app_ctx(context).settings.tz)),
        )
    elif choice == "unlinked":
        await query.answer()
        await send_unlinked(update, context, lang, Audience.from_json(state.data["audience"]),
                            scope.opd_id)
    else:
        await _create(update, context, lang, scope, state)


async def _schedule_typed(
    update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str, scope: AdminScope,
    state: DialogState,
) -> None:
    message = update.effective_message
    assert message is not None
    ctx = app_ctx(context)
    now = ctx.clock.now()
    zone = zone_label(ctx.settings.tz)
    moment, error = parse_datetime_cell(message.text, ctx.settings.tz, day=now) if message.text else (None, "date_format")
    if moment is None or error:
        await message.reply_text(t(lang, "announce.time_invalid", zone=zone))
        return
    if moment <= now + timedelta(minutes=1):
        await message.reply_text(t(lang, "announce.time_past", zone=zone))
        return
    if moment > now + MAX_SCHEDULE_AHEAD:
        await message.reply_text(t(lang, "announce.time_far", days=MAX_SCHEDULE_AHEAD.days))
        return
    data = {**state.data, "send_at": moment.isoformat()}
    await dialog.save_state(update, context, DialogState(FLOW, PREVIEW, data))
    await _preview(update, context, lang, scope, DialogState(FLOW, PREVIEW, data))


async def _create(
    update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str, scope: AdminScope,
    state: DialogState,
) -> None:
    """Create it exactly once: the draft is deleted in the same transaction, so a second
    press (or a second device) finds no draft and creates nothing."""
    ctx = app_ctx(context)
    query = update.callback_query
    assert query is not None and query.message is not None
    if "content" not in state.data or not Audience.from_json(state.data.get("audience") or
                                                              {"kind": "opd"}).is_complete():
        await refuse(update, lang, "callback.expired")  # a draft missing a part: start again
        return
    now = ctx.clock.now()
    send_at_text = state.data.get("send_at")
    send_at = datetime.fromisoformat(send_at_text) if send_at_text else now
    if send_at < now:
        send_at = now  # a schedule that passed while the admin hesitated: send now
    async with ctx.db.transaction(write=True) as session:
        if not await dialogs.take(session, user_id(update), FLOW, PREVIEW):
            made = None
        else:
            made = await ann.create(
                session, actor=telegram_actor(user_id(update)), admin_chat_id=query.message.chat.id,
                content=Content.from_json(state.data["content"]),
                audience=Audience.from_json(state.data["audience"]),
                scope_opd_id=scope.opd_id, send_at=send_at, now=now, rule=behind_rule(context),
            )
            announcement_id = made.id
    if made is None:
        await refuse(update, lang, "callback.expired")
        return
    await query.answer(t(lang, "announce.created"))
    await query.edit_message_reply_markup(None)
    await send_status(context.bot, ctx, announcement_id, lang)
