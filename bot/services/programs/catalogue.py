"""Programs as employees see them: who may join, what is coming, one program's card."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, bindparam, exists, func, not_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import fmt_jp
from bot.services.identity.roles import admin_scope
from bot.services.ledger.balance import Balance, Standing
from bot.services.programs.ical import program_ics
from models import (
    Employee,
    Enrollment,
    LearningNeed,
    Program,
    ProgramCompetency,
    ProgramOpd,
    ProgramPositionType,
    ProgramSession,
)
from models.enums import EnrollmentStatus, ProgramStatus

PAGE_SIZE = 5
MAX_PAGE = 999  # what the callback payload can carry
# Suggestions are picked among the soonest open programs: enough choice, a bounded query.
SUGGESTION_POOL = 12
ACTIVE_ENROLLMENT = (EnrollmentStatus.ENROLLED, EnrollmentStatus.WAITLISTED)


@dataclass(frozen=True, slots=True)
class Member:
    """The employee facts eligibility depends on."""

    employee_id: int
    opd_id: int
    position_type: str | None
    is_active: bool


class Refusal(StrEnum):
    """Why an employee cannot (or can no longer) take a seat; each has a message."""

    NOT_AVAILABLE = "not_available"  # missing, draft, or a payload we cannot trust
    CANCELLED = "cancelled"
    STARTED = "started"
    NOT_ELIGIBLE = "not_eligible"
    NOT_OPEN_YET = "not_open_yet"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class SessionTime:
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True, slots=True)
class ProgramSummary:
    id: int
    title: str
    category: str
    jp: Decimal
    starts_at: datetime
    seats_left: int
    matches_need: bool = False  # carries a competency the employee declared they need


@dataclass(frozen=True, slots=True)
class ProgramPage:
    """One page and the page count ("Halaman 1 dari 7"): the count is one indexed
    count of the upcoming programs the member may join."""

    items: list[ProgramSummary]
    page: int
    pages: int

    @property
    def has_next(self) -> bool:
        return self.page + 1 < self.pages


@dataclass(frozen=True, slots=True)
class ProgramCard:
    id: int
    code: str
    title: str
    description: str | None
    category: str
    method: str
    jp: Decimal
    place: str | None
    online_url: str | None
    organiser: str | None
    quota: int
    seats_left: int
    registration_opens_at: datetime
    registration_closes_at: datetime
    starts_at: datetime
    ends_at: datetime
    status: str
    sessions: list[SessionTime]
    my_status: str | None  # the viewer's enrollment status, if any
    waitlist_position: int | None
    waitlist_length: int
    refusal: Refusal | None  # why the viewer cannot enroll now, None when they can


# Hot statements are built once with bind parameters: building a statement and its
# cache key on every call cost far more than SQLite's work (bench/README.md).
_MEMBER = select(Employee.opd_id, Employee.position_type, Employee.is_active).where(
    Employee.id == bindparam("employee_id")
)


async def load_member(session: AsyncSession, employee_id: int) -> Member | None:
    connection = await session.connection()
    row = (await connection.execute(_MEMBER, {"employee_id": employee_id})).first()
    return Member(employee_id, *row) if row else None


def audience_clause(member: Member) -> ColumnElement[bool]:
    """SQL: the program's audience includes the member (no rows of a kind = everyone)."""
    opd_rows = ProgramOpd.program_id == Program.id
    type_rows = ProgramPositionType.program_id == Program.id
    return and_(
        or_(
            not_(exists().where(opd_rows)),
            exists().where(opd_rows, ProgramOpd.opd_id == member.opd_id),
        ),
        or_(
            not_(exists().where(type_rows)),
            exists().where(type_rows, ProgramPositionType.position_type == member.position_type),
        ),
    )


_OPD_ROWS = ProgramOpd.program_id == Program.id
_TYPE_ROWS = ProgramPositionType.program_id == Program.id
# audience_clause() with the member as bind parameters (opd_id, position_type).
_AUDIENCE = and_(
    or_(
        not_(exists().where(_OPD_ROWS)),
        exists().where(_OPD_ROWS, ProgramOpd.opd_id == bindparam("opd_id")),
    ),
    or_(
        not_(exists().where(_TYPE_ROWS)),
        exists().where(_TYPE_ROWS, ProgramPositionType.position_type == bindparam("position_type")),
    ),
)


def refusal_for(program: Program, eligible: bool, now: datetime) -> Refusal | None:
    """The first rule that stops an enrollment now, in the order a user would ask."""
    if program.status == ProgramStatus.CANCELLED:
        return Refusal.CANCELLED
    if program.status != ProgramStatus.PUBLISHED:
        return Refusal.NOT_AVAILABLE
    if now >= program.starts_at:
        return Refusal.STARTED
    if not eligible:
        return Refusal.NOT_ELIGIBLE
    if now < program.registration_opens_at:
        return Refusal.NOT_OPEN_YET
    if now >= program.registration_closes_at:
        return Refusal.CLOSED
    return None


def month_bounds(month: str, tz: ZoneInfo) -> tuple[datetime, datetime] | None:
    """`YYYYMM` as an aware [start, end) range in the business time zone."""
    if len(month) != 6 or not month.isdigit():
        return None
    year, number = int(month[:4]), int(month[4:])
    if not 1 <= number <= 12 or not 2000 <= year <= 2100:
        return None
    start = datetime.combine(date(year, number, 1), time(), tz)
    following = date(year + number // 12, number % 12 + 1, 1)
    return start, datetime.combine(following, time(), tz)


def _upcoming(member: Member, now: datetime) -> list[ColumnElement[bool]]:
    return [
        Program.status == ProgramStatus.PUBLISHED,
        Program.starts_at > now,
        audience_clause(member),
    ]


async def list_programs(
    session: AsyncSession,
    member: Member,
    now: datetime,
    tz: ZoneInfo,
    *,
    page: int = 0,
    category: str | None = None,
    month: str | None = None,
) -> ProgramPage:
    """Upcoming published programs the member may join, soonest first, one page."""
    conditions = _upcoming(member, now)
    if category:
        conditions.append(Program.category == category)
    if month:
        bounds = month_bounds(month, tz)
        if bounds is not None:
            conditions += [Program.starts_at >= bounds[0], Program.starts_at < bounds[1]]
    page = min(max(page, 0), MAX_PAGE)
    rows = (
        await session.execute(
            select(
                Program.id,
                Program.title,
                Program.category,
                Program.jp,
                Program.starts_at,
                Program.quota - Program.seats_taken,
            )
            .where(*conditions)
            .order_by(Program.starts_at, Program.id)
            .offset(page * PAGE_SIZE)
            .limit(PAGE_SIZE + 1)
        )
    ).all()
    if not rows and page > 0:  # a stale page number past the end: show the first page
        return await list_programs(session, member, now, tz, category=category, month=month)
    items = [ProgramSummary(*row[:5], seats_left=max(row[5], 0)) for row in rows[:PAGE_SIZE]]
    if len(rows) > PAGE_SIZE:
        total = await session.scalar(select(func.count()).select_from(Program).where(*conditions)) or 0
        pages = max(page + 2, -(-total // PAGE_SIZE))
    else:
        pages = page + 1
    return ProgramPage(items, page, min(pages, MAX_PAGE + 1))


async def upcoming_months(
    session: AsyncSession, member: Member, now: datetime, tz: ZoneInfo, limit: int = 6
) -> list[str]:
    """`YYYYMM` of the next months that have programs for the member (for the filter)."""
    starts = (
        await session.scalars(
            select(Program.starts_at)
            .where(*_upcoming(member, now))
            .order_by(Program.starts_at)
            .limit(500)
        )
    ).all()
    months: list[str] = []
    for moment in starts:
        key = moment.astimezone(tz).strftime("%Y%m")
        if key not in months:
            months.append(key)
            if len(months) == limit:
                break
    return months


async def upcoming_categories(session: AsyncSession, member: Member, now: datetime) -> list[str]:
    return list(
        (
            await session.scalars(
                select(Program.category)
                .where(*_upcoming(member, now))
                .group_by(Program.category)
                .order_by(Program.category)
            )
        ).all()
    )


async def program_card(
    session: AsyncSession, program_id: int, member: Member, now: datetime,
    telegram_id: int | None = None,
) -> ProgramCard | None:
    """One program as the member sees it; None when they may not see it: it does not
    exist, is a draft, or is meant for others (OPDs, position types) and they neither
    hold an enrollment in it (they may have moved OPD since) nor, with `telegram_id`, an
    admin role whose scope reaches its audience. Checked on every view, so a guessed
    card or calendar button shows nothing of another OPD's program."""
    program = await session.get(Program, program_id)
    if program is None or program.status == ProgramStatus.DRAFT:
        return None
    eligible = bool(
        await session.scalar(select(audience_clause(member)).where(Program.id == program_id))
    )
    mine = (
        await session.execute(
            select(Enrollment.status, Enrollment.queue_no).where(
                Enrollment.program_id == program_id, Enrollment.employee_id == member.employee_id
            )
        )
    ).first()
    if not eligible and mine is None and not await _admin_reaches(session, program_id, telegram_id):
        return None
    sessions = [
        SessionTime(s, e)
        for s, e in (
            await session.execute(
                select(ProgramSession.starts_at, ProgramSession.ends_at)
                .where(ProgramSession.program_id == program_id)
                .order_by(ProgramSession.starts_at)
            )
        ).all()
    ]
    waitlisted = (
        Enrollment.program_id == program_id,
        Enrollment.status == EnrollmentStatus.WAITLISTED,
    )
    waitlist_length = await session.scalar(select(func.count()).where(*waitlisted)) or 0
    position = None
    if mine is not None and mine.status == EnrollmentStatus.WAITLISTED:
        ahead = await session.scalar(
            select(func.count()).where(*waitlisted, Enrollment.queue_no < mine.queue_no)
        )
        position = (ahead or 0) + 1
    return ProgramCard(
        id=program.id,
        code=program.code,
        title=program.title,
        description=program.description,
        category=program.category,
        method=program.method,
        jp=program.jp,
        place=program.place,
        online_url=program.online_url,
        organiser=program.organiser,
        quota=program.quota,
        seats_left=max(program.quota - program.seats_taken, 0),
        registration_opens_at=program.registration_opens_at,
        registration_closes_at=program.registration_closes_at,
        starts_at=program.starts_at,
        ends_at=program.ends_at,
        status=program.status,
        sessions=sessions,
        my_status=mine.status if mine else None,
        waitlist_position=position,
        waitlist_length=waitlist_length,
        refusal=refusal_for(program, eligible, now),
    )


async def _admin_reaches(session: AsyncSession, program_id: int, telegram_id: int | None) -> bool:
    """Whether the viewer's admin role covers the program: a superadmin every program, an
    OPD admin those open to every OPD or to theirs."""
    scope = await admin_scope(session, telegram_id) if telegram_id is not None else None
    if scope is None:
        return False
    if scope.superadmin:
        return True
    audience = set((await session.scalars(
        select(ProgramOpd.opd_id).where(ProgramOpd.program_id == program_id)
    )).all())
    return not audience or scope.opd_id in audience


# Open for registration, for this employee, not taken yet: what suggestions pick from.
_OPEN_FOR_THEM = and_(
    Program.status == ProgramStatus.PUBLISHED,
    Program.starts_at > bindparam("now"),
    _AUDIENCE,
    Program.registration_opens_at <= bindparam("now"),
    Program.registration_closes_at > bindparam("now"),
    not_(
        exists().where(
            Enrollment.program_id == Program.id,
            Enrollment.employee_id == bindparam("employee_id"),
            Enrollment.status.in_([*ACTIVE_ENROLLMENT, EnrollmentStatus.COMPLETED]),
        )
    ),
)
_SUGGESTED_COLUMNS = (Program.id, Program.title, Program.category, Program.jp,
                      Program.starts_at, Program.quota - Program.seats_taken)
# The soonest: read in start order, so the search stops after SUGGESTION_POOL rows.
_SUGGEST = (
    select(*_SUGGESTED_COLUMNS).where(_OPEN_FOR_THEM)
    .order_by(Program.starts_at, Program.id).limit(SUGGESTION_POOL)
)
# Those carrying a competency the employee declared as a need this JP year, found from
# the needs (at most three), not by testing every open program: one query ordered by
# "matches a need" first had to test them all, and doubled /saldo for those behind
# (p99 4.6 -> 8.8 ms on the bench's data set). Without needs it reads nothing.
_SUGGEST_NEEDED = (
    select(*_SUGGESTED_COLUMNS)
    .where(
        Program.id.in_(
            select(ProgramCompetency.program_id)
            .join(LearningNeed, LearningNeed.competency_id == ProgramCompetency.competency_id)
            .where(LearningNeed.employee_id == bindparam("employee_id"),
                   LearningNeed.year == bindparam("need_year"))
        ),
        _OPEN_FOR_THEM,
    )
    .order_by(Program.starts_at, Program.id).limit(SUGGESTION_POOL)
)


async def suggest_programs(
    session: AsyncSession, member: Member, now: datetime, gap: Decimal, limit: int = 3,
    need_year: int | None = None,
) -> list[ProgramSummary]:
    """Up to `limit` programs open for registration that would close the JP gap: those
    matching a need the employee declared for `need_year` first, then those worth at
    least the gap (soonest first), then the largest others."""
    connection = await session.connection()
    values = {"now": now, "opd_id": member.opd_id, "position_type": member.position_type,
              "employee_id": member.employee_id}
    needed = []
    if need_year is not None:
        needed = (await connection.execute(_SUGGEST_NEEDED, {**values, "need_year": need_year})).all()
    matched = {row[0] for row in needed}
    soonest = [row for row in (await connection.execute(_SUGGEST, values)).all()
               if row[0] not in matched]
    candidates = [ProgramSummary(*row[:5], seats_left=max(row[5], 0), matches_need=row[0] in matched)
                  for row in (*needed, *soonest)]
    ordered = []
    for is_match in (True, False):
        group = [p for p in candidates if p.matches_need is is_match]
        ordered += [p for p in group if p.jp >= gap]
        ordered += sorted((p for p in group if p.jp < gap), key=lambda p: (-p.jp, p.starts_at))
    return ordered[:limit]


async def program_calendar(
    session: AsyncSession, program_id: int, member: Member, now: datetime,
    telegram_id: int | None = None, *, language: str = "id",
) -> tuple[bytes, str, str] | None:
    """The program's sessions as an .ics file: (data, code, title); None when the member
    may not see the program (the card's rule) or it has no sessions."""
    card = await program_card(session, program_id, member, now, telegram_id)
    if card is None or not card.sessions:
        return None
    data = program_ics(
        uid_base=f"program-{card.id}", title=card.title, description=f"{card.code} · {fmt_jp(language, card.jp)} JP",
        location=card.place, url=card.online_url, sessions=card.sessions, stamp=now,
    )
    return data, card.code, card.title


async def suggestions_for(
    session: AsyncSession, employee_id: int, balance: Balance, now: datetime
) -> list[ProgramSummary]:
    """The programs to offer someone with this balance: only when they are behind the
    pro-rated target, up to three open programs, those matching the needs they declared
    for this JP year first, then those that would close the gap (the balance answer and
    the weekly reminder offer the same)."""
    if balance.standing != Standing.BEHIND:
        return []
    member = await load_member(session, employee_id)
    if member is None:
        return []
    return await suggest_programs(session, member, now, balance.behind_by,
                                  need_year=balance.period.label)


def overlapping(a: list[SessionTime], b: list[SessionTime]) -> bool:
    return any(x.starts_at < y.ends_at and y.starts_at < x.ends_at for x in a for y in b)



@dataclass(frozen=True, slots=True)
class Activity:
    program_id: int
    title: str
    starts_at: datetime
    jp: Decimal
    status: str
    waitlist_position: int | None


async def my_activities(
    session: AsyncSession, employee_id: int, now: datetime, limit: int = 20
) -> list[Activity]:
    """Upcoming seats and waitlist places (soonest first), then finished programs."""
    rows = (
        await session.execute(
            select(
                Program.id, Program.title, Program.starts_at, Program.jp, Enrollment.status,
                Enrollment.queue_no,
            )
            .join(Enrollment, Enrollment.program_id == Program.id)
            .where(
                Enrollment.employee_id == employee_id,
                or_(
                    and_(
                        Enrollment.status.in_(ACTIVE_ENROLLMENT),
                        Program.status == ProgramStatus.PUBLISHED,
                        Program.ends_at > now,
                    ),
                    Enrollment.status == EnrollmentStatus.COMPLETED,
                ),
            )
            .order_by(Program.starts_at)
        )
    ).all()
    upcoming = [r for r in rows if r.status != EnrollmentStatus.COMPLETED]
    finished = sorted(
        (r for r in rows if r.status == EnrollmentStatus.COMPLETED),
        key=lambda r: r.starts_at,
        reverse=True,
    )
    activities = []
    for r in [*upcoming, *finished][:limit]:
        position = None
        if r.status == EnrollmentStatus.WAITLISTED:
            ahead = await session.scalar(
                select(func.count()).where(
                    Enrollment.program_id == r.id,
                    Enrollment.status == EnrollmentStatus.WAITLISTED,
                    Enrollment.queue_no < r.queue_no,
                )
            )
            position = (ahead or 0) + 1
        activities.append(Activity(r.id, r.title, r.starts_at, r.jp, r.status, position))
    return activities
