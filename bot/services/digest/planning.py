"""Planning the monthly digest: who gets it, and the figures it carries.

The figures are /rekap's (`bot.services.compliance.summary.summary`, the same call and
the same day), computed once per run for the whole province and per OPD, and written
into each outbox row: the digest is a record of where things stood that morning, so the
sender needs no database to word it. One row per person per month (dedupe key
`digest:{YYYY-MM}:{telegram id}`), so a second run, or a catch-up after downtime, adds
nothing. Accounts that switched the digest off in /pengaturan, or blocked the bot, are
left out.
"""

from __future__ import annotations

import asyncio
import base64
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import t
from bot.services.compliance.files import render_chart
from bot.services.compliance.summary import SummaryRow, Targets, report_year, summary
from bot.services.identity.roles import in_force
from bot.services.ledger.period import period_for
from bot.services.outbox.queue import Notice, notify_chat
from bot.services.reminders.planning import next_working_day
from models import AdminRole, Employee, Program, ProgramOpd, TelegramAccount
from models.enums import AdminRoleKind, ProgramStatus

JOB = "monthly_digest"
TOP_UNITS = 3
TOP_PROGRAMS = 3
PROVINCE = "all"


@dataclass(frozen=True, slots=True)
class Recipient:
    telegram_user_id: int
    employee_id: int | None
    opd_id: int | None  # None: the province (superadmins)
    language: str = "id"


@dataclass(slots=True)
class Prepared:
    """This month's digests before they are queued: who, and the facts per scope (with
    the charts, once drawn: {language: base64 PNG} under "charts")."""

    recipients: list[Recipient]
    payloads: dict[int | None, dict[str, Any]]


async def monthly_due_at(session: AsyncSession, today: date, at: time, tz: ZoneInfo) -> datetime:
    """This month's moment: the first working day of the month (weekends and the holiday
    table move it), at `at`."""
    day = await next_working_day(session, today.replace(day=1))
    return datetime.combine(day, at, tz)


async def recipients(session: AsyncSession) -> list[Recipient]:
    """Everyone whose role is in force and who wants the digest: superadmins (the
    province), OPD admins and heads of OPD (their OPD; a head who moved OPD gets none)."""
    rows = await session.execute(
        select(AdminRole.telegram_user_id, AdminRole.employee_id, AdminRole.role, AdminRole.opd_id,
               TelegramAccount.language)
        .join(TelegramAccount, TelegramAccount.telegram_user_id == AdminRole.telegram_user_id)
        .outerjoin(Employee, Employee.id == AdminRole.employee_id)
        .where(
            in_force(),
            or_(AdminRole.role != AdminRoleKind.KEPALA_OPD, Employee.opd_id == AdminRole.opd_id),
            TelegramAccount.monthly_digest.is_(True),
            TelegramAccount.blocked_at.is_(None),
        )
        .order_by(AdminRole.telegram_user_id, AdminRole.id)
    )
    chosen: dict[int, Recipient] = {}
    for telegram_id, employee_id, role, opd_id, language in rows:
        province = role == AdminRoleKind.SUPERADMIN
        current = chosen.get(telegram_id)
        if current is None or (province and current.opd_id is not None):
            chosen[telegram_id] = Recipient(telegram_id, employee_id, None if province else opd_id,
                                            language)
    return list(chosen.values())


def _pct(met: int, employees: int) -> float:
    return round(met * 100 / employees, 1) if employees else 0.0


def _rows(lines: list[SummaryRow]) -> list[list[Any]]:
    """What the chart needs: name, employees, met."""
    return [[r.name, r.employees, r.met] for r in lines]


async def _open_programs(session: AsyncSession, opd_id: int | None, now: datetime) -> list[list[Any]]:
    """Up to three programs open for registration with free seats (for the OPD: those
    meant for every OPD or for it), soonest first: [title, free seats]."""
    statement = (
        select(Program.title, Program.quota - Program.seats_taken)
        .where(
            Program.status == ProgramStatus.PUBLISHED,
            Program.registration_opens_at <= now,
            Program.registration_closes_at > now,
            Program.seats_taken < Program.quota,
        )
        .order_by(Program.starts_at, Program.id)
        .limit(TOP_PROGRAMS)
    )
    if opd_id is not None:
        limited = exists().where(ProgramOpd.program_id == Program.id)
        mine = exists().where(and_(ProgramOpd.program_id == Program.id, ProgramOpd.opd_id == opd_id))
        statement = statement.where(or_(~limited, mine))
    return [[title, int(free)] for title, free in await session.execute(statement)]


async def digest_payloads(session: AsyncSession, today: date, now: datetime, targets: Targets,
                          opd_ids: set[int | None]) -> dict[int | None, dict[str, Any]]:
    """The digest of each scope in `opd_ids` (None: the province), from /rekap's figures
    of `today`, compared with where things stood at the end of last month."""
    label = period_for(today, targets.year_start_month).label
    year = report_year(label, today, targets)
    lines = await summary(session, year, targets)
    month_end = today.replace(day=1) - timedelta(days=1)
    before_label = period_for(month_end, targets.year_start_month).label
    before_year = report_year(before_label, month_end, targets)
    before = {r.key: r for r in await summary(session, before_year, targets, until=month_end)}
    ranked = sorted(lines, key=lambda r: (-r.met_share, r.name))
    rank = {r.key: n for n, r in enumerate(ranked, start=1)}
    common = {"year": label, "month": f"{today:%Y-%m}", "as_of": today.isoformat(),
              "start_month": targets.year_start_month,
              "expected_share": float(year.elapsed_share), "of": len(lines)}
    out: dict[int | None, dict[str, Any]] = {}
    for opd_id in opd_ids:
        if opd_id is None:
            employees = sum(r.employees for r in lines)
            met = sum(r.met for r in lines)
            behind = sum(r.behind for r in lines)
            gap = sum((r.behind_jp for r in lines), Decimal(0))
            was = (sum(r.met for r in before.values()), sum(r.employees for r in before.values()))
            worst = [[r.name, r.behind, r.employees] for r in
                     sorted(lines, key=lambda r: (-(r.behind / r.employees if r.employees else 0), r.name))
                     if r.behind][:TOP_UNITS]
            chart = _rows(lines)
            out[None] = {**common, "scope": None, "employees": employees, "met": met,
                         "behind": behind, "behind_jp": str(gap), "rank": None,
                         "met_pct": _pct(met, employees),
                         "before_pct": _pct(*was) if was[1] else None,
                         "on_track_pct": _pct(employees - met - behind, employees),
                         "units": worst, "chart": chart,
                         "programs": await _open_programs(session, None, now)}
            continue
        row = next((r for r in lines if r.key == opd_id), None)
        if row is None:
            continue  # an OPD with nobody in service
        units = await summary(session, year, targets, opd_id=opd_id)
        worst = [[u.name, u.behind, u.employees] for u in
                 sorted(units, key=lambda u: (-(u.behind / u.employees if u.employees else 0), u.name))
                 if u.behind][:TOP_UNITS]
        old = before.get(opd_id)
        out[opd_id] = {**common, "scope": row.name, "employees": row.employees, "met": row.met,
                       "behind": row.behind, "behind_jp": str(row.behind_jp), "rank": rank[opd_id],
                       "met_pct": _pct(row.met, row.employees),
                       "before_pct": _pct(old.met, old.employees) if old and old.employees else None,
                       "on_track_pct": _pct(row.employees - row.met - row.behind, row.employees),
                       "units": worst, "chart": _rows(units),
                       "programs": await _open_programs(session, opd_id, now)}
    return out


async def prepare_digests(session: AsyncSession, today: date, now: datetime,
                          targets: Targets) -> Prepared:
    """Who gets this month's digest and what it says (a read: no lock is held)."""
    people = await recipients(session)
    if not people:
        return Prepared([], {})
    return Prepared(people, await digest_payloads(session, today, now, targets,
                                                  {p.opd_id for p in people}))


def _chart(payload: dict[str, Any], language: str) -> bytes:
    rows = [SummaryRow(name, name, None, employees, 0, met, Decimal(0), 0)
            for name, employees, met in payload["chart"]]
    year = report_year(int(payload["year"]), date.fromisoformat(payload["as_of"]),
                       Targets(Decimal(0), Decimal(0), int(payload["start_month"])))
    return render_chart(rows, year, lambda key: t(language, key))


async def draw_charts(prepared: Prepared) -> None:
    """One chart per scope and language, drawn in a worker thread (about 0.1 s each,
    0.3 s for the province), never on the event loop and never inside a transaction."""
    for scope, payload in prepared.payloads.items():
        charts: dict[str, str] = payload.setdefault("charts", {})
        for language in sorted({p.language for p in prepared.recipients if p.opd_id == scope}):
            if payload["chart"] and language not in charts:
                png = await asyncio.to_thread(_chart, payload, language)
                charts[language] = base64.b64encode(png).decode("ascii")


async def queue_digests(session: AsyncSession, prepared: Prepared, today: date, now: datetime) -> int:
    """Queue the prepared digests; a person who had this month's gets no second."""
    queued = 0
    for person in prepared.recipients:
        payload = prepared.payloads.get(person.opd_id)
        if payload is None:
            continue
        facts = {k: v for k, v in payload.items() if k != "charts"}
        chart = payload.get("charts", {}).get(person.language)
        key = f"digest:{today:%Y-%m}:{person.telegram_user_id}"
        queued += await notify_chat(session, person.telegram_user_id, person.employee_id,
                                    Notice.MONTHLY_DIGEST,
                                    {**facts, "opd_id": person.opd_id, "chart_png": chart}, key, now)
    return queued


async def plan_digests(session: AsyncSession, today: date, now: datetime, targets: Targets) -> int:
    """Prepare, draw and queue in one unit (the console, tests and the benchmark; the
    planner job splits it so that no transaction waits for the charts)."""
    prepared = await prepare_digests(session, today, now, targets)
    await draw_charts(prepared)
    return await queue_digests(session, prepared, today, now)
