"""/tim (/team): a supervisor sees their direct reports or everyone below them, furthest
behind first, and nudges one who is behind. Who is in the team, and whether a nudge may
go, is decided by the team services on every press."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot.i18n import fmt_date, fmt_jp, t
from bot.presentation.buttons.team import TeamList, TeamNudge
from bot.services.compliance.summary import Targets
from bot.services.ledger.balance import Standing
from bot.services.team.members import PAGE_SIZE, Member, Reach, TeamPage, is_supervisor, team_page
from bot.services.team.nudges import Nudged, nudge
from bot.settings import Settings
from handlers.core.context import BotContext
from handlers.core.keyboards import button, paging, rows, share_contact
from handlers.core.routes import Work, button as on_button, command, menu

SHORT_NAME = 18


def _targets(settings: Settings) -> Targets:
    return Targets(settings.jp_target_pns, settings.jp_target_pppk, settings.jp_year_start_month)


def _short(name: str, width: int = SHORT_NAME) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def _line(lang: str, n: int, m: Member) -> str:
    if m.standing == Standing.BEHIND:
        status = t(lang, "team.status.behind", behind=fmt_jp(lang, m.behind_by))
    else:
        status = t(lang, f"team.status.{m.standing.value}")
    extra = ""
    if m.pending:
        extra += t(lang, "team.pending", count=m.pending)
    if m.enrolled:
        extra += t(lang, "team.enrolled", count=m.enrolled)
        extra += t(lang, "team.programs", titles=", ".join(_short(title, 40) for title in m.programs)
                   + (" …" if m.enrolled > len(m.programs) else ""))
    position = f" — {m.position}" if m.position else ""
    if m.depth > 1:
        position += t(lang, "team.level", depth=m.depth)
    return t(lang, "team.member", n=n, name=m.name, position=position,
             approved=fmt_jp(lang, m.approved), target=fmt_jp(lang, m.target),
             status=status, extra=extra)


def render_team(lang: str, team: TeamPage, size: int) -> tuple[str, InlineKeyboardMarkup]:
    s = team.summary
    lines = [t(lang, f"team.title.{team.reach.value}"),
             t(lang, "team.summary", members=s.members, met=s.met, on_track=s.on_track,
               behind=s.behind, behind_jp=fmt_jp(lang, s.behind_jp)), ""]
    first = team.page * size + 1
    lines += [_line(lang, first + i, m) for i, m in enumerate(team.members)]
    if team.pages > 1:
        lines += ["", t(lang, "team.page", page=team.page + 1, pages=team.pages)]
    nudges = [[button(t(lang, "team.nudge.button", name=_short(m.name)),
                      TeamNudge(m.employee_id, team.reach, team.page))]
              for m in team.members if m.standing == Standing.BEHIND]
    other = Reach.ALL if team.reach == Reach.DIRECT else Reach.DIRECT
    markup = rows(
        *nudges,
        paging(team.page, team.pages, lambda p: TeamList(team.reach, p)),
        [button(t(lang, f"team.show.{other.value}"), TeamList(other, 0))],
    )
    return "\n".join(lines), markup


async def _show(context: BotContext, reach: Reach, page: int) -> None:
    viewer = context.viewer
    if viewer.employee_id is None:
        if context.replies.pressed:  # an alert: plain text, no HTML
            context.replies.refuse(context.text("link.needed_short"))
        else:
            context.replies.message(context.text("link.needed"), share_contact(viewer.language))
        return
    if not await is_supervisor(context.session, viewer.employee_id):
        # Also a supervisor whose staff a new roster took away: the view ends at once.
        context.replies.refuse(context.text("team.none"))
        return
    team = await team_page(context.session, viewer.employee_id, reach, page, context.today(),
                           _targets(context.settings))
    text, markup = render_team(viewer.language, team, PAGE_SIZE)
    context.replies.show(text, markup)


@command("tim", "team")
@menu("menu.team")
async def team(update: Update, context: BotContext) -> None:
    await _show(context, Reach.DIRECT, 0)


@on_button(TeamList)
async def team_list(update: Update, context: BotContext, pressed: TeamList) -> None:
    await _show(context, pressed.reach, pressed.page)


@on_button(TeamNudge, work=Work.WRITE)
async def team_nudge(update: Update, context: BotContext, pressed: TeamNudge) -> None:
    viewer = context.viewer
    if viewer.employee_id is None:  # a pressed button: the alert is plain text
        context.replies.refuse(context.text("link.needed_short"))
        return
    result = await nudge(context.session, viewer.employee_id, pressed.employee_id, context.now(),
                         context.today(), _targets(context.settings))
    lang = viewer.language
    if result.outcome == Nudged.TOO_SOON:
        assert result.last is not None
        when = fmt_date(lang, result.last.astimezone(context.tz).date())
        context.replies.refuse(t(lang, "team.nudge.too_soon", name=result.name, date=when))
    elif result.outcome == Nudged.QUEUED:
        context.replies.toast(t(lang, "team.nudge.queued", name=result.name))
        context.replies.message(t(lang, "team.nudge.queued", name=result.name))
    else:
        context.replies.refuse(t(lang, f"team.nudge.{result.outcome.value}", name=result.name or ""))
