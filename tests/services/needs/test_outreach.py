"""Reaching employees about their learning needs (issue 14): the invitation when the
planning window opens and the reminder two weeks before it closes (idempotent, once,
caught up once, never to the blocked, paused or departed), and the notice to those who
need what a newly published program teaches (once, only the eligible)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select

from bot.clock import FixedClock
from bot.context import AppContext
from bot.jobs.planner import plan_due
from bot.presentation.notices import render
from bot.services.needs.catalogue import set_program_competencies
from bot.services.needs.declaring import declare
from bot.services.needs.outreach import notify_matching_needs, plan_invitations, plan_reminders
from bot.services.needs.window import Window, WindowRule, set_window
from bot.services.outbox.content import NeedMatch, NeedsCall, load
from bot.services.outbox.delivery import claim_due
from bot.services.programs.administration import AdminAction, apply_action
from bot.services.reminders.schedule import SchedulerLock
from bot.settings import Settings
from models import Employee, Holiday, OutboxMessage
from models.db import Database
from models.enums import ProgramStatus
from tests.conftest import WITA
from tests.factories import (
    NOW,
    link_account,
    make_admin,
    make_competency,
    make_employee,
    make_opd,
    make_program,
)

WINDOW = Window(2027, date(2027, 1, 4), date(2027, 3, 31))
RULE = WindowRule()
AT = datetime(2027, 1, 4, 8, tzinfo=WITA)


async def _people(db: Database) -> dict[str, Employee]:
    """Linked, blocked, paused, departed and unlinked employees of one OPD."""
    async with db.writing() as s:
        opd = await make_opd(s, "Dinas Kesehatan")
        people = {name: await make_employee(s, opd=opd, name=name.title(), phone=None)
                  for name in ("andi", "besse", "blocked", "paused", "gone", "unlinked")}
        for n, name in enumerate(("andi", "besse", "blocked", "paused", "gone")):
            account = await link_account(s, people[name], 7100 + n)
            if name == "blocked":
                account.blocked_at = NOW
            if name == "paused":
                account.behind_paused_until = datetime(2100, 1, 1, tzinfo=timezone.utc)
        people["gone"].is_active = False
    return people


async def _queued(db: Database, kind: str) -> list[int]:
    async with db.reading() as s:
        return sorted(await s.scalars(select(OutboxMessage.employee_id)
                                      .where(OutboxMessage.kind == kind)))


async def test_invitations_and_reminders_reach_whoever_is_reachable_once(db: Database) -> None:
    people = await _people(db)
    reachable = sorted(people[n].id for n in ("andi", "besse"))
    async with db.writing() as s:
        assert await plan_invitations(s, WINDOW, AT) == 2
        assert await plan_invitations(s, WINDOW, AT + timedelta(hours=1)) == 0  # once a year
    assert await _queued(db, "needs_invite") == reachable

    async with db.writing() as s:  # Andi answers; Besse does not
        pk = await make_competency(s, "PK-01", "Pengelolaan Keuangan Daerah")
        await declare(s, people["andi"].id, pk.id, None, date(2027, 1, 10), AT, RULE)
        await set_window(s, 2027, WINDOW.opens_on, WINDOW.closes_on, "test", AT)
    later = datetime(2027, 3, 17, 8, tzinfo=WITA)
    async with db.writing() as s:
        assert await plan_reminders(s, WINDOW, later) == 1
        assert await plan_reminders(s, WINDOW, later) == 0
    assert await _queued(db, "needs_reminder") == [people["besse"].id]


async def test_the_planner_invites_on_the_first_working_day_and_catches_up_once(
    db: Database,
) -> None:
    """The window opens on a holiday (Friday 1 January): the invitation goes out on
    Monday 4 January at the reminder time; a bot that was down plans it when it is back,
    once; the reminder comes two weeks before the close; nothing after the close."""
    people = await _people(db)
    async with db.writing() as s:
        await set_window(s, 2027, date(2027, 1, 1), date(2027, 3, 31), "test", AT)
        s.add(Holiday(day=date(2027, 1, 1), name="Tahun Baru"))
    settings = Settings(_env_file=None, telegram_bot_token="1:T", database_url=db.url)  # type: ignore[call-arg]
    clock = FixedClock(datetime(2027, 1, 1, 9, tzinfo=WITA))
    ctx = AppContext(settings, db, clock)
    lock = SchedulerLock(db.engine)
    try:
        assert "needs_invite" not in await plan_due(ctx, lock)  # a holiday, then a weekend
        clock.set(datetime(2027, 1, 6, 13, tzinfo=WITA))  # down until Wednesday afternoon
        assert (await plan_due(ctx, lock)).get("needs_invite") == 2
        clock.set(datetime(2027, 1, 6, 14, tzinfo=WITA))
        assert "needs_invite" not in await plan_due(ctx, lock)
        clock.set(datetime(2027, 3, 17, 8, 5, tzinfo=WITA))  # Wednesday, 14 days before
        assert (await plan_due(ctx, lock)).get("needs_reminder") == 2
        clock.set(datetime(2028, 1, 2, 8, 5, tzinfo=WITA))  # next year's window (a Sunday)
        assert "needs_invite" not in await plan_due(ctx, lock)
    finally:
        await lock.release()
    assert await _queued(db, "needs_invite") == sorted(people[n].id for n in ("andi", "besse"))


async def test_what_no_longer_makes_sense_is_not_sent(
    db: Database, settings: Settings
) -> None:
    people = await _people(db)
    async with db.writing() as s:
        await plan_invitations(s, WINDOW, AT)
        await plan_reminders(s, WINDOW, AT)
        pk = await make_competency(s, "PK-01", "Pengelolaan Keuangan Daerah")
        await declare(s, people["andi"].id, pk.id, None, date(2027, 1, 10),
                      AT, WindowRule())
    claimed = await claim_due(db, AT, 100, "id", owner="test")
    async with db.reading() as s:
        facts = {(c.kind, c.chat_id): await load(s, c, settings, date(2027, 1, 10), AT)
                 for c in claimed}
        after = {(c.kind, c.chat_id): await load(s, c, settings, date(2027, 4, 1), AT)
                 for c in claimed}
    andi, besse = 7100, 7101  # their chats
    assert isinstance(facts[("needs_invite", andi)], NeedsCall)
    assert facts[("needs_reminder", andi)] is None  # answered since
    reminder = facts[("needs_reminder", besse)]
    assert isinstance(reminder, NeedsCall) and reminder.reminder
    text = render("id", reminder, WITA).text
    assert "/kebutuhan" in text and "31 Maret 2027" in text
    assert set(after.values()) == {None}  # the window has closed


async def test_a_published_program_tells_exactly_who_needs_it_once(
    db: Database, clock: FixedClock, settings: Settings
) -> None:
    """Andi (Dinas A) and Besse (Dinas B) need PK; Cakra (Dinas A) needs AK; the
    program carries PK and is open to Dinas A only: Andi alone is told, once."""
    now = clock.now()
    async with db.writing() as s:
        a, b = await make_opd(s, "Dinas A"), await make_opd(s, "Dinas B")
        pk = await make_competency(s, "PK-01", "Pengelolaan Keuangan Daerah")
        ak = await make_competency(s, "AK-01", "Analisis Kebijakan")
        await set_window(s, 2026, date(2026, 1, 1), date(2026, 12, 31), "test", now)
        people = {}
        for n, (name, opd, need) in enumerate((("Andi", a, pk), ("Besse", b, pk), ("Cakra", a, ak))):
            employee = await make_employee(s, opd=opd, name=name, phone=None)
            await link_account(s, employee, 7200 + n)
            await declare(s, employee.id, need.id, None, now.date(), now, RULE)
            people[name] = employee
        await make_admin(s, 7299)
        program = await make_program(s, status=ProgramStatus.DRAFT, opds=[a], title="Bimtek Keuangan",
                                     start=datetime(2026, 12, 14, 8, tzinfo=WITA),
                                     opens=now - timedelta(days=1), closes=now + timedelta(days=10))
        await set_program_competencies(s, program.id, [pk.id])
    async with db.writing() as s:
        result = await apply_action(s, 7299, program.id, AdminAction.PUBLISH, now)
    assert result.notified == 1
    assert await _queued(db, "needs_program") == [people["Andi"].id]
    async with db.writing() as s:  # again (a retry, a second process): nothing new
        assert await notify_matching_needs(s, program, now, 1) == 0
    (claimed,) = await claim_due(db, now, 10, "id", owner="test")
    async with db.reading() as s:
        found = await load(s, claimed, settings, now.date(), now)
    assert isinstance(found, NeedMatch) and found.competencies == ["Pengelolaan Keuangan Daerah"]
    rendered = render("id", found, WITA)
    assert "Bimtek Keuangan" in rendered.text and "Pengelolaan Keuangan Daerah" in rendered.text
    assert rendered.markup is not None


async def test_reminders_offer_programs_that_match_declared_needs_first(
    db: Database, clock: FixedClock
) -> None:
    from decimal import Decimal

    from bot.services.programs.catalogue import load_member, suggest_programs

    now = clock.now()
    async with db.writing() as s:
        opd = await make_opd(s, "Dinas A")
        pk = await make_competency(s, "PK-01", "Pengelolaan Keuangan Daerah")
        employee = await make_employee(s, opd=opd, phone=None)
        await link_account(s, employee, 7300)
        await set_window(s, 2026, date(2026, 1, 1), date(2026, 12, 31), "test", now)
        await declare(s, employee.id, pk.id, None, now.date(), now, RULE)
        window = dict(opens=now - timedelta(days=1), closes=now + timedelta(days=10))
        soon = await make_program(s, title="Pelatihan Lain", jp="24",
                                  start=datetime(2026, 12, 7, 8, tzinfo=WITA), **window)
        later = await make_program(s, title="Bimtek Keuangan", jp="8",
                                   start=datetime(2026, 12, 20, 8, tzinfo=WITA), **window)
        await set_program_competencies(s, later.id, [pk.id])
        member = await load_member(s, employee.id)
        assert member is not None
        offered = await suggest_programs(s, member, now, Decimal(10), need_year=2026)
        plain = await suggest_programs(s, member, now, Decimal(10))
    assert [(p.id, p.matches_need) for p in offered] == [(later.id, True), (soon.id, False)]
    assert [p.id for p in plain] == [soon.id, later.id]
