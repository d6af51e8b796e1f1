"""The leaders' monthly digest: who gets it, when, once, and with /rekap's figures."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from bot.clock import FixedClock
from bot.context import AppContext
from bot.jobs.outbox import OutboxSender
from bot.jobs.planner import plan_due
from bot.presentation.buttons.digest import DigestWorkbook
from bot.services.compliance.summary import Targets, report_year, summary
from bot.services.digest.planning import JOB, digest_payloads, monthly_due_at
from bot.services.reminders.schedule import SchedulerLock
from bot.settings import Settings
from models import AdminRole, Employee, Holiday, OutboxMessage, TelegramAccount
from models.db import Database
from models.enums import AdminRoleKind
from tests.bot_harness import BotHarness
from tests.factories import NOW, WITA, link_account, make_admin, make_employee, make_opd, make_program, make_record

TARGETS = Targets(Decimal(20), Decimal(20))
SUPER, OPD_ADMIN, HEAD, QUIET, STRANGER = 6910001, 6910002, 6910003, 6910004, 6910005


async def province(db: Database) -> dict[str, int]:
    """Two OPDs; Dinas A: 4 employees in two units (1 met), its admin, its head and a
    head who switched the digest off; Dinas B: 2 employees (both met); a superadmin."""
    async with db.writing() as s:
        a, b = await make_opd(s, "Dinas A"), await make_opd(s, "Dinas B")
        for name, opd, unit, jp, when in (("A1", a, "Umum", "20", date(2026, 10, 5)),
                                          ("A2", a, "Umum", "2", date(2026, 5, 5)),
                                          ("A3", a, "Teknis", "8", date(2026, 11, 20)),
                                          ("B1", b, "Umum", "25", date(2026, 3, 5)),
                                          ("B2", b, "Umum", "20", date(2026, 11, 10))):
            e = await make_employee(s, opd=opd, name=name, phone=None)
            e.unit = unit
            await make_record(s, e, jp, when)
        await make_admin(s, SUPER)
        await make_admin(s, OPD_ADMIN, a)
        for user, name in ((HEAD, "Kepala A"), (QUIET, "Kepala Diam")):
            head = await make_employee(s, opd=a, name=name, phone=None)
            await link_account(s, head, user)
            s.add(AdminRole(telegram_user_id=user, role=AdminRoleKind.KEPALA_OPD, opd_id=a.id,
                            employee_id=head.id, created_at=NOW))
        quiet = await s.scalar(select(TelegramAccount).where(TelegramAccount.telegram_user_id == QUIET))
        assert quiet is not None
        quiet.monthly_digest = False
        stranger = await make_employee(s, opd=b, name="Orang Biasa", phone=None)
        await link_account(s, stranger, STRANGER)
        await make_program(s, title="Pelatihan Terbuka", start=datetime(2026, 12, 20, 8, tzinfo=WITA),
                           opens=datetime(2026, 11, 1, tzinfo=WITA), quota=10)
        return {"a": a.id, "b": b.id}


async def digests(db: Database) -> dict[int, dict[str, Any]]:
    async with db.reading() as s:
        rows = await s.execute(select(OutboxMessage.chat_id, OutboxMessage.payload)
                               .where(OutboxMessage.kind == "monthly_digest"))
        return {chat: payload for chat, payload in rows}


async def test_first_working_day_moved_by_weekends_and_holidays(db: Database) -> None:
    async with db.writing() as s:
        # November 2026 begins on a Sunday; 2 November is made a holiday.
        s.add(Holiday(day=date(2026, 11, 2), name="Cuti bersama"))
    async with db.reading() as s:
        from datetime import time
        assert await monthly_due_at(s, date(2026, 11, 20), time(8), WITA) == datetime(2026, 11, 3, 8, tzinfo=WITA)
        assert await monthly_due_at(s, date(2026, 12, 9), time(8), WITA) == datetime(2026, 12, 1, 8, tzinfo=WITA)


async def test_planned_once_on_its_day_caught_up_once_opted_out_skipped(
    db: Database, settings: Settings, clock: FixedClock
) -> None:
    ids = await province(db)
    ctx = AppContext(settings, db, clock)
    lock = SchedulerLock(db.engine)
    try:
        clock.set(datetime(2026, 12, 1, 7, 59, tzinfo=WITA))  # Tuesday, the first working day
        assert JOB not in await plan_due(ctx, lock)
        clock.set(datetime(2026, 12, 1, 8, 0, tzinfo=WITA))
        assert (await plan_due(ctx, lock))[JOB] == 3
        clock.set(datetime(2026, 12, 1, 8, 5, tzinfo=WITA))
        assert JOB not in await plan_due(ctx, lock)
        sent = await digests(db)
        assert set(sent) == {SUPER, OPD_ADMIN, HEAD}  # not QUIET (switched off), not STRANGER
        assert sent[SUPER]["scope"] is None and sent[SUPER]["of"] == 3  # with the superadmin's own OPD
        assert sent[HEAD]["scope"] == "Dinas A" and sent[HEAD]["opd_id"] == ids["a"]

        # Down on the first working day of January, back on the 6th: planned once.
        clock.set(datetime(2027, 1, 6, 10, 0, tzinfo=WITA))
        assert (await plan_due(ctx, lock))[JOB] == 3
        assert JOB not in await plan_due(ctx, lock)
        # A lost job record (a restored database) still sends nobody a second digest.
        async with db.writing() as s:
            from models import JobRun
            run = await s.get(JobRun, JOB)
            assert run is not None
            await s.delete(run)
        assert (await plan_due(ctx, lock))[JOB] == 0
    finally:
        await lock.release()


async def test_digest_figures_are_rekaps_of_the_same_day(db: Database) -> None:
    ids = await province(db)
    today, now = date(2026, 12, 1), datetime(2026, 12, 1, 8, tzinfo=WITA)
    async with db.reading() as s:
        payloads = await digest_payloads(s, today, now, TARGETS, {None, ids["a"]})
        rekap = await summary(s, report_year(2026, today, TARGETS), TARGETS)
        units = await summary(s, report_year(2026, today, TARGETS), TARGETS, opd_id=ids["a"])
        last_month = await summary(s, report_year(2026, date(2026, 11, 30), TARGETS), TARGETS,
                                   until=date(2026, 11, 30))
    by_id = {r.key: r for r in rekap}
    a = payloads[ids["a"]]
    assert (a["employees"], a["met"], a["behind"]) == (by_id[ids["a"]].employees, by_id[ids["a"]].met,
                                                       by_id[ids["a"]].behind)
    assert Decimal(a["behind_jp"]) == by_id[ids["a"]].behind_jp > 0
    assert a["rank"] == 2 and a["of"] == 3  # Dinas B: everyone met; BPSDM: nobody
    assert a["chart"] == [[u.name, u.employees, u.met] for u in units]
    assert a["units"][0][0] in {"Umum", "Teknis", "Bidang Uji"}
    assert a["programs"] == [["Pelatihan Terbuka", 10]]
    whole = payloads[None]
    assert whole["employees"] == sum(r.employees for r in rekap)
    assert whole["met"] == sum(r.met for r in rekap)
    # November's records were there at the end of November; the change is against that.
    assert whole["before_pct"] == round(sum(r.met for r in last_month) * 100 / sum(r.employees for r in last_month), 1)


async def test_digest_arrives_with_its_chart_and_the_workbook_is_for_its_leaders_only(
    harness: BotHarness, db: Database, settings: Settings, clock: FixedClock
) -> None:
    ids = await province(db)
    async with db.writing() as s:  # the weekly reminders stay out of this test
        from sqlalchemy import update
        await s.execute(update(TelegramAccount).values(behind_paused_until=datetime(2999, 1, 1, tzinfo=WITA)))
    clock.set(datetime(2026, 12, 1, 8, 0, tzinfo=WITA))
    ctx = AppContext(settings, db, clock)
    lock = SchedulerLock(db.engine)
    try:
        await plan_due(ctx, lock)
    finally:
        await lock.release()
    harness.request.clear()
    assert await OutboxSender().drain_once(harness.app.bot, ctx) == 3
    photos = {p["chat_id"]: p for p in harness.request.sent("sendPhoto")}
    assert set(photos) == {SUPER, OPD_ADMIN, HEAD}
    head = photos[HEAD]
    assert head["_files"]["photo"][1][:4] == b"\x89PNG"
    assert "Dinas A" in head["caption"] and "Peringkat 2 dari 3 OPD" in head["caption"]
    assert "Pelatihan Terbuka (10 kursi)" in head["caption"] and len(head["caption"]) <= 1024
    assert DigestWorkbook(2026, ids["a"]).encode() in str(head["reply_markup"])

    await harness.send(harness.updates.callback(HEAD, DigestWorkbook(2026, ids["a"])))
    (doc,) = harness.request.sent("sendDocument")
    assert doc["chat_id"] == HEAD
    for user, pressed in ((HEAD, DigestWorkbook(2026, ids["b"])), (HEAD, DigestWorkbook(2026, None)),
                          (STRANGER, DigestWorkbook(2026, ids["b"])), (OPD_ADMIN, DigestWorkbook(2026, None))):
        await harness.send(harness.updates.callback(user, pressed))
        assert harness.request.sent("sendDocument") == []
    await harness.send(harness.updates.callback(SUPER, DigestWorkbook(2026, None)))
    assert len(harness.request.sent("sendDocument")) == 1


async def test_head_of_opd_who_moved_gets_no_digest_and_switches_it_in_settings(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    ids = await province(db)
    text = await harness.text(HEAD, "/pengaturan")
    assert "Ringkasan bulanan: aktif" in text
    assert "Ringkasan bulanan" not in await harness.text(STRANGER, "/pengaturan")
    async with db.writing() as s:
        head = await s.scalar(select(Employee).where(Employee.name == "Kepala A"))
        assert head is not None
        head.opd_id = ids["b"]
    async with db.reading() as s:
        from bot.services.digest.planning import recipients
        assert HEAD not in {r.telegram_user_id for r in await recipients(s)}


async def test_switching_the_digest_off_in_settings_leaves_one_out(harness: BotHarness, db: Database) -> None:
    from bot.presentation.buttons.self_service import SetPreference
    from bot.services.digest.planning import recipients

    await province(db)
    answer = await harness.send(harness.updates.callback(HEAD, SetPreference("digest_off")))
    assert "Ringkasan bulanan: nonaktif" in answer
    async with db.reading() as s:
        assert HEAD not in {r.telegram_user_id for r in await recipients(s)}
    answer = await harness.send(harness.updates.callback(HEAD, SetPreference("digest_on")))
    assert "Ringkasan bulanan: aktif" in answer
    async with db.reading() as s:
        assert HEAD in {r.telegram_user_id for r in await recipients(s)}
