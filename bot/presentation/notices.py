"""The wording of every message the outbox sends, from the facts read at sending time
(bot/services/outbox/content.py): notices, reminders and announcement copies."""

from __future__ import annotations

import base64
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, MessageEntity

from bot.i18n import Html, fmt_date, fmt_jp, fmt_time, t
from bot.presentation.buttons.digest import DigestWorkbook
from bot.presentation.delivery import Rendered
from bot.presentation.evaluation import question
from bot.presentation.menus import keyboard_of, menu_keys
from bot.presentation.programs import suggestion_buttons, suggestion_heading
from bot.presentation.text import when
from bot.services.outbox.content import (
    AnnouncementCopy,
    BehindReminder,
    CertificateCopy,
    ClaimDecided,
    Content,
    Credited,
    NeedMatch,
    NeedsCall,
    EvaluationAsk,
    MenuNews,
    ProgramNews,
    SessionReminder,
    SupervisorNudge,
    MonthlyDigest,
)
from bot.services.outbox.queue import Notice
from models.enums import AdminRoleKind


def render(lang: str, content: Content, tz: ZoneInfo) -> Rendered:
    if isinstance(content, ProgramNews):
        return Rendered(t(lang, f"notice.{content.kind}", title=content.title,
                          when=when(lang, content.starts_at, tz)))
    if isinstance(content, Credited):
        return Rendered(_credited(lang, content))
    if isinstance(content, MenuNews):
        return menu_news(lang, content)
    if isinstance(content, ClaimDecided):
        return Rendered(_claim_decided(lang, content))
    if isinstance(content, BehindReminder):
        return _behind(lang, content, tz)
    if isinstance(content, SessionReminder):
        return Rendered(_session(lang, content, tz))
    if isinstance(content, NeedsCall):
        key = "needs.notice.reminder" if content.reminder else "needs.notice.invite"
        return Rendered(t(lang, key, year=content.year, closes=fmt_date(lang, content.closes_on)))
    if isinstance(content, NeedMatch):
        return Rendered(t(lang, "needs.notice.program", title=content.program.title,
                          needs=", ".join(content.competencies)),
                        suggestion_buttons(lang, [content.program], tz))
    if isinstance(content, EvaluationAsk):
        text, markup = question(lang, content.enrollment_id, content.title, "")
        intro = t(lang, "evaluation.reminder" if content.reminder else "evaluation.invite",
                  title=content.title)
        return Rendered(intro + "\n\n" + text, markup)
    if isinstance(content, CertificateCopy):
        return Rendered(t(lang, "cert.caption", title=content.title, number=content.number),
                        document=(f"sertifikat-{content.number}.pdf", content.pdf))
    if isinstance(content, SupervisorNudge):
        return _nudge(lang, content, tz)
    if isinstance(content, MonthlyDigest):
        return digest(lang, content)
    return announcement(content)


# What happened, by notice and role (a roster change says only how the menu changed).
_MENU_EVENTS = {
    (Notice.ROLE_GRANTED, AdminRoleKind.OPD_ADMIN): "notice.role_granted",
    (Notice.ROLE_GRANTED, AdminRoleKind.SUPERADMIN): "notice.superadmin_granted",
    (Notice.KEPALA_GRANTED, AdminRoleKind.KEPALA_OPD): "notice.kepala_granted",
    (Notice.ROLE_REVOKED, AdminRoleKind.OPD_ADMIN): "notice.role_revoked",
    (Notice.ROLE_REVOKED, AdminRoleKind.KEPALA_OPD): "notice.kepala_revoked",
    (Notice.ROLE_REVOKED, AdminRoleKind.SUPERADMIN): "notice.superadmin_revoked",
}


def menu_news(lang: str, c: MenuNews) -> Rendered:
    """What changed, what the menu gained or lost since, the menu itself (as a reply
    keyboard) and, once delivered, the chat's command list."""
    lines = []
    event = _MENU_EVENTS.get((Notice(c.kind), AdminRoleKind(c.role) if c.role else None))
    if event is not None:
        lines.append(t(lang, event, opd=c.opd or ""))
    now = menu_keys(c.menu) if c.linked else []
    then = menu_keys(c.before) if c.before is not None and c.linked else now
    added = [key for key in now if key not in then]
    removed = [key for key in then if key not in now]
    if added or removed or event is None:
        changed = [t(lang, "menu.changed")]
        if added:
            changed.append(t(lang, "menu.changed.added", items=", ".join(t(lang, k) for k in added)))
        if removed:
            changed.append(t(lang, "menu.changed.removed",
                             items=", ".join(t(lang, k) for k in removed)))
        lines.append(" ".join(changed))
    return Rendered("\n\n".join(lines), keyboard_of(lang, c.menu, c.linked),
                    commands=(lang, c.menu))


def _credited(lang: str, c: Credited) -> str:
    jp = fmt_jp(lang, c.jp)
    if c.balance is None:
        return t(lang, "notice.jp_credited_short", title=c.title, jp=jp)
    return t(lang, "notice.jp_credited", title=c.title, jp=jp,
             total=fmt_jp(lang, c.balance.approved), target=fmt_jp(lang, c.balance.target))


def _claim_decided(lang: str, c: ClaimDecided) -> str:
    if c.rejected:
        return t(lang, "claim.notice.rejected", title=c.title, reason=c.reason)
    jp = fmt_jp(lang, c.jp)
    if c.balance is None:
        return t(lang, "claim.notice.approved_short", title=c.title, jp=jp)
    key = "claim.notice.adjusted" if c.adjusted else "claim.notice.approved"
    return t(lang, key, title=c.title, jp=jp, year=c.year,
             total=fmt_jp(lang, c.balance.approved), target=fmt_jp(lang, c.balance.target))


def _behind(lang: str, c: BehindReminder, tz: ZoneInfo) -> Rendered:
    b = c.balance
    text = t(
        lang, "reminder.last_chance" if c.last_chance else "reminder.behind",
        name=c.name, approved=fmt_jp(lang, b.approved), target=fmt_jp(lang, b.target),
        behind=fmt_jp(lang, b.behind_by), remaining=fmt_jp(lang, b.remaining),
        end=fmt_date(lang, b.period.end),
    )
    if c.suggestions:
        return Rendered(text + "\n\n" + suggestion_heading(lang, c.suggestions),
                        suggestion_buttons(lang, c.suggestions, tz))
    return Rendered(text + "\n\n" + t(lang, "reminder.browse"))


def _nudge(lang: str, c: SupervisorNudge, tz: ZoneInfo) -> Rendered:
    b = c.balance
    text = t(lang, "team.nudge.notice", supervisor=c.supervisor, approved=fmt_jp(lang, b.approved),
             target=fmt_jp(lang, b.target), behind=fmt_jp(lang, b.behind_by))
    if c.suggestions:
        return Rendered(text + "\n\n" + t(lang, "balance.suggest"),
                        suggestion_buttons(lang, c.suggestions, tz))
    return Rendered(text + "\n\n" + t(lang, "reminder.browse"))


def _session(lang: str, c: SessionReminder, tz: ZoneInfo) -> str:
    starts = c.starts_at.astimezone(tz)
    key = "reminder.session_morning" if c.morning else "reminder.session_eve"
    lines = [t(lang, key, title=c.title, date=fmt_date(lang, starts.date()),
               time=fmt_time(lang, starts, tz))]
    if c.place:
        lines.append(t(lang, "program.place", place=c.place))
    if c.online_url:
        lines.append(t(lang, "program.online", url=c.online_url))
    return "\n".join(lines)


def announcement(c: AnnouncementCopy) -> Rendered:
    """An admin's announcement exactly as written: its entities carry the formatting."""
    return Rendered(
        c.text,
        entities=[MessageEntity.de_json(e, None) for e in c.entities],  # type: ignore[misc]
        media_kind=c.media_kind,
        media_file_id=c.media_file_id,
    )


def _plain(lang: str, key: str, **values: object) -> str:
    """A catalogue text for a photo caption, sent without parse mode: values unescaped."""
    return t(lang, key, **{k: Html(str(v)) for k, v in values.items()})


def digest(lang: str, c: MonthlyDigest) -> Rendered:
    """The monthly digest: its chart as a photo, the figures in the caption (plain text,
    at most 1,024 characters), and Unduh XLSX."""
    f = c.facts
    as_of = date.fromisoformat(f["as_of"])
    scope = f["scope"] or t(lang, "digest.province")
    lines = [_plain(lang, "digest.title", scope=scope, date=fmt_date(lang, as_of)),
             _plain(lang, "digest.met", employees=f["employees"], met=f["met"],
                    met_pct=fmt_jp(lang, Decimal(str(f["met_pct"]))),
                    on_track_pct=fmt_jp(lang, Decimal(str(f["on_track_pct"]))))]
    if f["rank"] is not None:
        lines.append(_plain(lang, "digest.rank", rank=f["rank"], of=f["of"]))
    if f["before_pct"] is not None:
        change = Decimal(str(f["met_pct"])) - Decimal(str(f["before_pct"]))
        sign = "+" if change >= 0 else "−"
        lines.append(_plain(lang, "digest.change", change=sign + fmt_jp(lang, abs(change))))
    lines.append(_plain(lang, "digest.behind", behind=f["behind"],
                        behind_jp=fmt_jp(lang, Decimal(f["behind_jp"]))))
    if f["units"]:
        lines.append(_plain(lang, "digest.units" if f["scope"] else "digest.opds"))
        lines += [_plain(lang, "digest.unit", name=fit_name(name), behind=behind, employees=employees)
                  for name, behind, employees in f["units"]]
    if f["programs"]:
        lines.append(_plain(lang, "digest.programs"))
        lines += [_plain(lang, "digest.program", title=fit_name(title), free=free)
                  for title, free in f["programs"]]
    caption = "\n".join(lines)[:1024]
    # Drawn when the digest was planned, in the reader's language (never in the sender).
    png = base64.b64decode(f["chart_png"]) if f.get("chart_png") else None
    markup = InlineKeyboardMarkup([[InlineKeyboardButton(
        t(lang, "report.download"), callback_data=DigestWorkbook(int(f["year"]), f.get("opd_id")).encode())]])
    if png is None:
        return Rendered(caption, markup, entities=[])
    return Rendered(caption, markup, entities=[], media_kind="photo", media_file_id=png)


def fit_name(name: str, width: int = 60) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"
