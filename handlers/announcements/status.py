"""The buttons on an announcement's status message: stop, retry the failed, and the
audience members who have not linked Telegram (XLSX). The status message itself is kept
up to date by the job in bot/jobs/announcements.py."""

from __future__ import annotations

from telegram import Update

from bot.jobs.announcements import last_texts, refresh_status, send_status
from bot.presentation.buttons.announcements import ManageAnnouncement
from bot.services.announcements import desk
from bot.services.announcements.lifecycle import UnlinkedPerson
from bot.services.reminders.planning import BehindRule
from handlers.core.context import BotContext
from handlers.core.routes import Work, button


def send_unlinked(context: BotContext, people: list[UnlinkedPerson]) -> None:
    """The audience members who have not linked Telegram yet, as XLSX for their OPDs."""
    labels = tuple(context.text(f"announce.col.{c}") for c in ("nip", "name", "opd", "unit"))
    data = desk.unlinked_workbook(people, context.text("announce.sheet"), labels)  # type: ignore[arg-type]
    context.replies.document(data, "belum-tertaut.xlsx",
                             context.text("announce.unlinked_caption", count=len(people)))


@button(ManageAnnouncement, work=Work.WRITE)
async def manage_pressed(update: Update, context: BotContext, pressed: ManageAnnouncement) -> None:
    """Stop, retry the failed, or download the unlinked: by an admin whose scope covers it."""
    announcement_id, now = pressed.announcement_id, context.now()
    if pressed.action == "unlinked":
        rule = BehindRule.from_settings(context.settings, context.today())
        people = await desk.unlinked_of(context.session, context.user_id, announcement_id, rule)
        context.replies.toast()
        send_unlinked(context, people)
        return
    bot, app, lang = context.bot, context.app, context.lang
    if pressed.action == "cancel":
        result = await desk.stop(context.session, context.user_id, announcement_id, now)
        stopped = result.outcome == desk.Managed.STOPPED
        context.replies.toast(context.text("announce.stopped" if stopped else "announce.already_over"),
                              alert=not stopped)
        last_texts(context.application).pop(announcement_id, None)
        context.replies.later(lambda: refresh_status(bot, app, announcement_id, lang))
        return
    result = await desk.retry(context.session, context.user_id, announcement_id, now)
    context.replies.toast(context.text("announce.retrying", count=result.count) if result.count
                          else context.text("announce.nothing_to_retry"), alert=not result.count)
    if result.count:
        last_texts(context.application).pop(announcement_id, None)
        context.replies.later(lambda: send_status(bot, app, announcement_id, lang))
