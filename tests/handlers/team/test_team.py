"""/tim and Ingatkan through the bot: a supervisor sees their reports, nudges the one
behind (once a week), and never reaches anyone outside their team."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.context import AppContext
from bot.i18n import t
from bot.jobs.outbox import OutboxSender
from bot.presentation.buttons.team import TeamList, TeamNudge
from bot.services.team.members import Reach
from bot.settings import Settings
from models import Employee, Enrollment, OutboxMessage
from models.db import Database
from tests.bot_harness import BotHarness
from tests.factories import NOW, WITA, link_account, make_employee, make_opd, make_program, make_record

BOSS, ANI, BUDI, STRANGER = 6810001, 6810002, 6810003, 6810004


async def team_of_two(db: Database) -> dict[str, int]:
    async with db.writing() as s:
        opd = await make_opd(s, "Dinas Pendidikan")
        boss = await make_employee(s, opd=opd, name="Ibu Kabid", phone="+6281200000001")
        ani = await make_employee(s, opd=opd, name="Ani", phone="+6281200000002")
        budi = await make_employee(s, opd=opd, name="Budi", phone="+6281200000003")
        other = await make_employee(s, opd=opd, name="Orang Lain", phone=None)
        for e in (ani, budi):
            e.supervisor_id = boss.id
        await make_record(s, ani, "20", date(2026, 5, 5))
        await make_record(s, budi, "3", date(2026, 5, 5))
        await make_record(s, other, "1", date(2026, 5, 5))
        await link_account(s, boss, BOSS)
        await link_account(s, ani, ANI)
        await link_account(s, budi, BUDI)
        await link_account(s, other, STRANGER)
        program = await make_program(s, title="Pelatihan Kepemimpinan Pengawas",
                                     start=datetime(2026, 12, 10, 8, tzinfo=WITA),
                                     opens=datetime(2026, 11, 1, tzinfo=WITA))
        await make_program(s, title="Pelatihan Kepemimpinan Pengawas Angkatan II",
                           start=datetime(2026, 12, 14, 8, tzinfo=WITA),
                           opens=datetime(2026, 11, 1, tzinfo=WITA))
        s.add(Enrollment(program_id=program.id, employee_id=budi.id, status="enrolled", queue_no=1,
                         created_at=NOW, updated_at=NOW))
        return {"boss": boss.id, "ani": ani.id, "budi": budi.id, "other": other.id}


async def nudges(db: Database) -> int:
    async with db.reading() as s:
        return int(await s.scalar(select(func.count()).select_from(OutboxMessage)
                                  .where(OutboxMessage.kind == "supervisor_nudge")) or 0)


async def test_supervisor_sees_reports_and_nudges_the_one_behind(
    harness: BotHarness, db: Database, settings: Settings, clock: FixedClock
) -> None:
    ids = await team_of_two(db)
    text = await harness.text(BOSS, "/tim")
    assert "Budi" in text and "Ani" in text and "Orang Lain" not in text
    assert text.index("Budi") < text.index("Ani")  # furthest behind first
    assert "2 pegawai: 1 memenuhi target, 0 sesuai jadwal, 1 tertinggal" in text
    assert "📚 Pelatihan Kepemimpinan Pengawas" in text  # Budi's seat, by title
    assert "+62812" not in text and "0812" not in text  # never phone numbers
    (sent,) = harness.request.sent("sendMessage")
    markup = str(sent["reply_markup"])
    assert TeamNudge(ids["budi"], Reach.DIRECT, 0).encode() in markup
    assert TeamNudge(ids["ani"], Reach.DIRECT, 0).encode() not in markup  # Ani is not behind

    answer = await harness.send(harness.updates.callback(BOSS, TeamNudge(ids["budi"], Reach.DIRECT, 0)))
    assert answer == t("id", "team.nudge.queued", name="Budi")
    assert await nudges(db) == 1

    # The nudge goes out through the outbox: the supervisor's name, the gap, programs.
    harness.request.clear()
    ctx = AppContext(settings, db, clock)
    assert await OutboxSender().drain_once(harness.app.bot, ctx) == 1
    (delivered,) = harness.request.sent("sendMessage")
    assert delivered["chat_id"] == BUDI
    assert "Ibu Kabid" in delivered["text"] and "3 JP" in delivered["text"]
    assert "Pelatihan Kepemimpinan Pengawas" in str(delivered.get("reply_markup"))

    # Once a week: a second press (the same day, or five days later) is refused with the date.
    again = await harness.send(harness.updates.callback(BOSS, TeamNudge(ids["budi"], Reach.DIRECT, 0)))
    assert again == t("id", "team.nudge.too_soon", name="Budi", date="Sabtu, 28 November 2026")
    clock.set(clock.now() + timedelta(days=5))
    await harness.send(harness.updates.callback(BOSS, TeamNudge(ids["budi"], Reach.DIRECT, 0)))
    assert await nudges(db) == 1
    clock.set(clock.now() + timedelta(days=3))
    later = await harness.send(harness.updates.callback(BOSS, TeamNudge(ids["budi"], Reach.DIRECT, 0)))
    assert later == t("id", "team.nudge.queued", name="Budi") and await nudges(db) == 2


async def test_forged_and_refused_nudges_send_nothing(harness: BotHarness, db: Database) -> None:
    ids = await team_of_two(db)
    for forged in (ids["other"], ids["boss"], 999_999):
        answer = await harness.send(harness.updates.callback(BOSS, TeamNudge(forged, Reach.DIRECT, 0)))
        assert answer == t("id", "team.nudge.not_in_team")
    # A report who is not behind, and a report pressing about a colleague.
    assert await harness.send(harness.updates.callback(BOSS, TeamNudge(ids["ani"], Reach.ALL, 0))) == \
        t("id", "team.nudge.not_behind", name="Ani")
    assert await harness.send(harness.updates.callback(ANI, TeamNudge(ids["budi"], Reach.DIRECT, 0))) == \
        t("id", "team.nudge.not_in_team")
    assert await nudges(db) == 0
    # Someone who supervises no one has no team.
    assert await harness.text(STRANGER, "/tim") == t("id", "team.none")
    assert await harness.send(harness.updates.callback(STRANGER, TeamList(Reach.ALL, 0))) == t("id", "team.none")


async def test_an_unlinked_press_is_answered_by_a_plain_alert(harness: BotHarness, db: Database) -> None:
    # A button's alert is not parsed as HTML: link.needed's <b> would show as it is.
    ids = await team_of_two(db)
    for pressed in (TeamList(Reach.ALL, 0), TeamNudge(ids["budi"], Reach.DIRECT, 0)):
        answer = await harness.send(harness.updates.callback(6810099, pressed))
        assert answer == t("id", "link.needed_short") and "<" not in answer
    assert await nudges(db) == 0


async def test_removed_supervisor_loses_the_view_at_once(harness: BotHarness, db: Database) -> None:
    ids = await team_of_two(db)
    assert "Budi" in await harness.text(BOSS, "/team")
    async with db.writing() as s:  # what a roster import with an empty nip_atasan does
        for key in ("ani", "budi"):
            employee = await s.get(Employee, ids[key])
            assert employee is not None
            employee.supervisor_id = None
    assert await harness.text(BOSS, "/tim") == t("id", "team.none")
    answer = await harness.send(harness.updates.callback(BOSS, TeamNudge(ids["budi"], Reach.DIRECT, 0)))
    assert answer == t("id", "team.nudge.not_in_team") and await nudges(db) == 0


async def test_nudge_to_someone_who_blocked_the_bot_is_marked_not_retried(
    harness: BotHarness, db: Database, settings: Settings, clock: FixedClock
) -> None:
    ids = await team_of_two(db)
    await harness.send(harness.updates.callback(BOSS, TeamNudge(ids["budi"], Reach.DIRECT, 0)))
    harness.request.fail_methods["sendMessage"] = (403, "Forbidden: bot was blocked by the user")
    ctx = AppContext(settings, db, clock)
    assert await OutboxSender().drain_once(harness.app.bot, ctx) == 0
    clock.set(clock.now() + timedelta(hours=1))
    assert await OutboxSender().drain_once(harness.app.bot, ctx) == 0
    async with db.reading() as s:
        (status, attempts) = (await s.execute(select(OutboxMessage.status, OutboxMessage.attempts))).one()
    assert status == "blocked"


async def test_menu_shows_my_team_to_supervisors_only(harness: BotHarness, db: Database) -> None:
    await team_of_two(db)
    await harness.text(BOSS, "/saldo")
    assert t("id", "menu.team") in str(harness.request.sent("sendMessage")[0]["reply_markup"])
    await harness.text(ANI, "/saldo")
    assert t("id", "menu.team") not in str(harness.request.sent("sendMessage")[0]["reply_markup"])
    assert "Budi" in await harness.text(BOSS, t("id", "menu.team"))


async def test_whole_subtree_one_tap_further(harness: BotHarness, db: Database) -> None:
    ids = await team_of_two(db)
    async with db.writing() as s:
        opd = await make_opd(s)
        deep = await make_employee(s, opd=opd, name="Cucu Bawahan", phone=None)
        deep.supervisor_id = ids["budi"]
    direct = await harness.text(BOSS, "/tim")
    assert "Cucu Bawahan" not in direct
    whole = await harness.send(harness.updates.callback(BOSS, TeamList(Reach.ALL, 0)))
    assert "Cucu Bawahan" in whole and "tingkat 2" in whole


async def test_two_supervisors_pressing_at_once_queue_one_nudge(harness: BotHarness, db: Database) -> None:
    import asyncio

    from tests.ptb_offline import to_update

    ids = await team_of_two(db)
    head_user = 6810009
    async with db.writing() as s:
        head = await make_employee(s, name="Kepala Dinas", phone=None)
        boss = await s.get(Employee, ids["boss"])
        assert boss is not None
        boss.supervisor_id = head.id
        await link_account(s, head, head_user)
    presses = [to_update(harness.updates.callback(user, TeamNudge(ids["budi"], Reach.ALL, 0)), harness.app.bot)
               for user in (BOSS, head_user, BOSS)]
    await asyncio.wait_for(asyncio.gather(*(harness.app.process_update(u) for u in presses)), 60)
    assert await nudges(db) == 1
    answers = [c.params.get("text") for c in harness.request.calls if c.params.get("text")]
    assert sum(a == t("id", "team.nudge.queued", name="Budi") for a in answers) == 2  # toast + message
    assert sum(str(a).startswith("Pengingat untuk Budi sudah dikirim") for a in answers) == 2


async def test_a_supervisor_who_links_finds_my_team_in_the_menu(harness: BotHarness, db: Database) -> None:
    async with db.writing() as s:
        opd = await make_opd(s)
        boss = await make_employee(s, opd=opd, name="Atasan Baru", phone="+6281299990001")
        staff = await make_employee(s, opd=opd, name="Staf", phone=None)
        staff.supervisor_id = boss.id
    await harness.send(harness.updates.contact(6810020, "081299990001", contact_user_id=6810020))
    linked, _shortcuts = harness.request.sent("sendMessage")
    assert "Atasan Baru" in linked["text"] and t("id", "menu.team") in str(linked["reply_markup"])
