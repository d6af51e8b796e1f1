"""One entry for inline buttons: parse the versioned payload, then dispatch."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import ContextTypes

from bot.i18n import t
from handlers.admin import audit as admin_audit
from handlers.admin import programs as admin_programs
from handlers.admin import roles as admin_roles
from handlers.announcements import compose as announce
from handlers.announcements import status as announce_report
from handlers.core import callback_data
from handlers.claims import reporting as claims
from handlers.self_service import preferences
from handlers.programs import browse as programs
from handlers.compliance import rekap as report
from handlers.verification import review as verify
from handlers.core.common import app_ctx
from handlers.self_service.language import language_chosen
from handlers.self_service.unlink import unlink_answered

Route = Callable[[Update, ContextTypes.DEFAULT_TYPE, callback_data.Callback], Awaitable[None]]
ROUTES: dict[str, Route] = {
    "lang": language_chosen,
    "unlink": unlink_answered,
    "pl": programs.list_page,
    "pfc": programs.filter_menu,
    "pfm": programs.filter_menu,
    "pc": programs.card,
    "en": programs.enroll_pressed,
    "enc": programs.enroll_pressed,
    "cx": programs.cancel_pressed,
    "cxy": programs.cancel_pressed,
    "ics": programs.calendar_pressed,
    "mine": programs.mine_pressed,
    "pref": preferences.preference_chosen,
    "rk": report.report_pressed,
    "rx": report.download_pressed,
    "aud": admin_audit.download_pressed,
    "ap": admin_programs.program_list_pressed,
    "ac": admin_programs.program_card_pressed,
    "aa": admin_programs.action_pressed,
    "ax": admin_programs.download_pressed,
    "at": admin_programs.attendance_pressed,
    "am": admin_programs.mark_pressed,
    "ana": announce.audience_pressed,
    "ano": announce.opd_pressed,
    "anp": announce.program_pressed,
    "anj": announce.position_pressed,
    "anc": announce.confirm_pressed,
    "anm": announce_report.manage_pressed,
    "ar": admin_roles.list_pressed,
    "arn": admin_roles.add_pressed,
    "arg": admin_roles.grant_pressed,
    "ard": admin_roles.revoke_pressed,
    "ary": admin_roles.revoke_pressed,
    "clg": claims.group_pressed,
    "clc": claims.category_pressed,
    "cls": claims.scope_pressed,
    "clk": claims.confirm_pressed,
    "vfa": verify.approve_pressed,
    "vfj": verify.ask_pressed,
    "vfr": verify.ask_pressed,
    "vfn": verify.next_pressed,
    "vfe": verify.evidence_pressed,
}


async def on_callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    parsed = callback_data.parse(query.data)
    if parsed is None or parsed.action not in ROUTES:
        lang = app_ctx(context).settings.default_language
        await query.answer(t(lang, "callback.expired"), show_alert=True)
        return
    await ROUTES[parsed.action](update, context, parsed)
