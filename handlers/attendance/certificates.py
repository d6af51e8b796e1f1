"""/sertifikat (/certificate): one's certificates, each sent again on a press; /cek
(/verify) and the deep link t.me/<bot>?start=cek_<number>: anyone verifies a number;
/cabut (/revoke): superadmins revoke one with a reason."""

from __future__ import annotations

import asyncio
from functools import partial

from telegram import Update

from bot.certificate_secret import certificate_key
from bot.i18n import fmt_date, fmt_jp
from bot.presentation.buttons.attendance import SendCertificate
from bot.services.certificates import issuing
from bot.services.certificates.document import certificate_pdf
from bot.services.certificates.issuing import RevokeOutcome, Validity
from handlers.core.context import BotContext
from handlers.core.keyboards import button, rows
from handlers.core.routes import Work, command
from handlers.core.routes import button as on_button


def bot_username(context: BotContext) -> str:
    return context.settings.bot_username or context.bot.username


@command("sertifikat", "certificate")
async def certificates_command(update: Update, context: BotContext) -> None:
    viewer = context.viewer
    if not viewer.linked:
        context.replies.message(context.text("link.needed"))
        return
    assert viewer.employee_id is not None
    own = await issuing.own_certificates(context.session, viewer.employee_id,
                                         certificate_key(context.settings))
    if not own:
        context.replies.message(context.text("cert.none"))
        return
    lang = context.lang
    lines = [context.text("cert.list_title"), ""]
    buttons = []
    for item in own[:20]:
        if item.revoked_at is not None:
            lines.append(context.text("cert.list_revoked", title=item.title, number=item.number))
            continue
        lines.append(context.text("cert.list_line", title=item.title, number=item.number,
                                  jp=fmt_jp(lang, item.jp)))
        buttons.append([button(context.text("cert.send_button", title=item.title[:40]),
                               SendCertificate(item.id))])
    lines += ["", context.text("cert.list_help")]
    context.replies.message("\n".join(lines), rows(*buttons))


@on_button(SendCertificate)
async def send_pressed(update: Update, context: BotContext, pressed: SendCertificate) -> None:
    """The PDF again: only the presser's own, never a revoked one."""
    owned = await issuing.owned_certificate(context.session, context.viewer.employee_id,
                                            pressed.certificate_id)
    if owned is None:
        context.replies.refuse(context.text("cert.not_found"))
        return
    if owned.revoked_at is not None:
        context.replies.refuse(context.text("cert.revoked"))
        return
    settings, lang = context.settings, context.lang
    found = await issuing.certificate_facts(context.session, owned.id, certificate_key(settings),
                                            settings.organisation_name, bot_username(context),
                                            context.tz)
    assert found is not None
    facts = found[0]
    pdf = await asyncio.to_thread(certificate_pdf, facts, context.text, partial(fmt_date, lang),
                                  partial(fmt_jp, lang))
    context.replies.toast()
    context.replies.document(pdf, f"sertifikat-{facts.number}.pdf",
                             context.text("cert.caption", title=facts.program, number=facts.number))


@command("cek", "checkcert")
async def verify_command(update: Update, context: BotContext) -> None:
    if not context.args:
        context.replies.message(context.text("verify.usage"))
        return
    await answer_verify(context, "".join(context.args))


async def answer_verify(context: BotContext, typed: str) -> None:
    """Anyone: valid (masked NIP), revoked (with the date) or not found."""
    lang, tz = context.lang, context.tz
    found = await issuing.verify(context.session, certificate_key(context.settings), typed, tz)
    if found.validity == Validity.VALID:
        assert found.completed_on is not None
        text = context.text("verify.valid", number=found.number, holder=found.holder,
                            nip=found.nip_masked, title=found.title, jp=fmt_jp(lang, found.jp),
                            date=fmt_date(lang, found.completed_on))
    elif found.validity == Validity.REVOKED:
        assert found.revoked_at is not None
        text = context.text("verify.revoked", number=found.number,
                            date=fmt_date(lang, found.revoked_at.astimezone(tz).date()))
    else:
        text = context.text("verify.not_found")
    context.replies.message(text)


@command("cabut", "revoke", work=Work.WRITE, admin=True)
async def revoke_command(update: Update, context: BotContext) -> None:
    """/cabut NOMOR alasan (superadmins; the service checks)."""
    args = context.args or []
    if not args:
        context.replies.message(context.text("revoke.usage"))
        return
    number, reason = args[0], " ".join(args[1:])
    outcome = await issuing.revoke(context.session, context.user_id,
                                   certificate_key(context.settings), number, reason, context.now())
    key = f"revoke.{outcome.value}"
    if outcome == RevokeOutcome.REVOKED:
        context.replies.message(context.text(key, number=number.upper()))
    else:
        context.replies.message(context.text(key))
