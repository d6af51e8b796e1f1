"""The outbox sender: quiet hours, pacing, one chat at a time, skips, blocks, crashes."""

from __future__ import annotations

import asyncio

import pytest
from typing import Any
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from bot.clock import FixedClock
from bot.context import AppContext
from bot.jobs.outbox import OutboxSender, in_quiet_hours
from bot.services.outbox.delivery import claim_due
from bot.services.reminders.planning import BehindRule, plan_behind, plan_sessions
from bot.services.programs.enrollment import enroll
from bot.settings import Settings
from models import Employee, OutboxMessage, TelegramAccount
from models.db import Database
from tests.factories import WITA, link_account, make_employee, make_opd, make_program, make_record
from tests.bot_harness import BotHarness


def _ctx(harness: BotHarness, settings: Settings, db: Database, clock: FixedClock, **changes: object) -> AppContext:
    return AppContext(settings.model_copy(update=changes), db, clock)


async def _behind_people(db: Database, count: int, *, chat_base: int = 8_100_000) -> list[int]:
    async with db.writing() as s:
        opd = await make_opd(s)
        ids = []
        for n in range(count):
            employee = await make_employee(s, opd=opd, name=f"Pegawai {n}", phone=None)
            await link_account(s, employee, chat_base + n)
            ids.append(employee.id)
        return ids


async def _plan(db: Database, now: datetime) -> int:
    async with db.writing() as s:
        rule = BehindRule(now.astimezone(WITA).date(), Decimal(20), Decimal(20), Decimal(2), 1, 6)
        return await plan_behind(s, rule, now)


async def _statuses(db: Database) -> list[str]:
    async with db.writing() as s:
        return list((await s.scalars(select(OutboxMessage.status).order_by(OutboxMessage.id))).all())


def test_quiet_hours_across_midnight() -> None:
    from datetime import time as t

    def at(h: int, m: int = 0) -> datetime:
        return datetime(2026, 11, 30, h, m, tzinfo=WITA)

    assert in_quiet_hours(at(21), t(21), t(7), WITA)
    assert in_quiet_hours(at(6, 59), t(21), t(7), WITA)
    assert not in_quiet_hours(at(7), t(21), t(7), WITA)
    assert not in_quiet_hours(at(20, 59), t(21), t(7), WITA)


class VirtualTime:
    """A pacing clock that moves only when the sender sleeps, recording each sleep."""

    def __init__(self) -> None:
        self.at, self.slept = 1000.0, []  # type: ignore[var-annotated]

    def now(self) -> float:
        return self.at

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.at += seconds
        for _ in range(20):  # what is on the (instant) wire meanwhile comes back, as it would
            await asyncio.sleep(0)


async def test_reminders_wait_for_the_morning_then_go_paced(
    harness: BotHarness, settings: Settings, db: Database, clock: FixedClock
) -> None:
    await _behind_people(db, 6)
    clock.set(datetime(2026, 11, 30, 22, 0, tzinfo=WITA))
    assert await _plan(db, clock.now()) == 6
    ctx = _ctx(harness, settings, db, clock, send_rate_per_second=5.0)
    virtual = VirtualTime()
    sender = OutboxSender(monotonic=virtual.now, sleep=virtual.sleep)
    assert await sender.drain_once(harness.app.bot, ctx) == 0  # quiet hours
    assert harness.request.sent() == []

    clock.set(datetime(2026, 12, 1, 7, 0, tzinfo=WITA))
    assert await sender.drain_once(harness.app.bot, ctx) == 5  # one second's worth at 5/s
    # Paced, not a burst: four waits of 1/5 s between the five (virtual time, not the machine's).
    assert virtual.slept == pytest.approx([0.2] * 4)
    assert await sender.drain_once(harness.app.bot, ctx) == 1
    texts = [c["text"] for c in harness.request.sent()]
    assert len(texts) == 6 and all("JP Anda baru <b>0 JP</b>" in text for text in texts)
    assert await _statuses(db) == ["sent"] * 6


async def test_one_message_per_second_per_chat_and_skip_when_caught_up(
    harness: BotHarness, settings: Settings, db: Database, clock: FixedClock
) -> None:
    (andi,) = await _behind_people(db, 1)
    clock.set(datetime(2026, 11, 30, 9, tzinfo=WITA))
    async with db.writing() as s:
        program = await make_program(s, start=datetime(2026, 12, 1, 8, tzinfo=WITA),
                                     closes=datetime(2026, 11, 30, 20, tzinfo=WITA))
    async with db.writing() as s:
        await enroll(s, andi, program.id, clock.now())
    await _plan(db, clock.now())
    async with db.writing() as s:
        await plan_sessions(s, "session_eve", date(2026, 12, 1), WITA, clock.now())
    ctx = _ctx(harness, settings, db, clock)
    sender = OutboxSender()
    assert await sender.drain_once(harness.app.bot, ctx) == 1
    assert sorted(await _statuses(db)) == ["pending", "sent"]  # the second waits its turn
    clock.set(clock.now() + timedelta(seconds=2))
    sender.last_by_chat.clear()
    assert await sender.drain_once(harness.app.bot, ctx) == 1
    texts = [c["text"] for c in harness.request.sent()]
    assert any("besok" in text and "Kampus BPSDM" in text for text in texts)

    # Caught up before next week's reminder went out: it is skipped, not sent.
    clock.set(datetime(2026, 12, 7, 9, tzinfo=WITA))
    await _plan(db, clock.now())
    async with db.writing() as s:
        employee = await s.get(Employee, andi)
        assert employee is not None
        await make_record(s, employee, "20", date(2026, 12, 5))
    harness.request.clear()
    assert await OutboxSender().drain_once(harness.app.bot, ctx) == 0
    assert harness.request.sent() == []
    assert (await _statuses(db))[-1] == "skipped"


async def test_blocked_users_are_marked_and_not_planned_again(
    harness: BotHarness, settings: Settings, db: Database, clock: FixedClock
) -> None:
    await _behind_people(db, 2)
    clock.set(datetime(2026, 11, 30, 9, tzinfo=WITA))
    await _plan(db, clock.now())
    harness.request.fail_methods["sendMessage"] = (403, "Forbidden: bot was blocked by the user")
    ctx = _ctx(harness, settings, db, clock)
    assert await OutboxSender().drain_once(harness.app.bot, ctx) == 0
    assert await _statuses(db) == ["blocked", "blocked"]
    async with db.writing() as s:
        assert all(a.blocked_at is not None for a in (await s.scalars(select(TelegramAccount))).all())
    clock.set(datetime(2026, 12, 7, 9, tzinfo=WITA))
    assert await _plan(db, clock.now()) == 0


async def test_flood_control_pauses_everything_and_loses_nothing(
    harness: BotHarness, settings: Settings, db: Database, clock: FixedClock
) -> None:
    await _behind_people(db, 3)
    clock.set(datetime(2026, 11, 30, 9, tzinfo=WITA))
    await _plan(db, clock.now())
    harness.request.fail_methods["sendMessage"] = (429, "Too Many Requests: retry after 1")
    ctx = _ctx(harness, settings, db, clock)
    # Virtual time: "still paused" must not depend on how fast the machine is.
    virtual = VirtualTime()
    sender = OutboxSender(monotonic=virtual.now, sleep=virtual.sleep)
    assert await sender.drain_once(harness.app.bot, ctx) == 0
    assert await _statuses(db) == ["pending"] * 3
    async with db.writing() as s:
        assert {r.attempts for r in (await s.scalars(select(OutboxMessage))).all()} == {0}
    assert await sender.drain_once(harness.app.bot, ctx) == 0  # still paused
    del harness.request.fail_methods["sendMessage"]
    sender.paused_until = 0
    clock.set(clock.now() + timedelta(seconds=2))
    virtual.at += 2  # the pause asked for has passed
    assert await sender.drain_once(harness.app.bot, ctx) == 3
    calls = harness.request.sent()
    # Those Telegram refused (the sends already on the wire when the first 429 came
    # back: one, or up to all three), then each message exactly once.
    refused = len(calls) - 3
    assert 1 <= refused <= 3
    assert sorted(c["chat_id"] for c in calls[refused:]) == [8_100_000, 8_100_001, 8_100_002]


async def test_a_crash_between_claim_and_mark_loses_nothing(
    harness: BotHarness, settings: Settings, db: Database, clock: FixedClock
) -> None:
    await _behind_people(db, 2)
    clock.set(datetime(2026, 11, 30, 9, tzinfo=WITA))
    await _plan(db, clock.now())
    claimed = await claim_due(db, clock.now(), 10, "id")  # then the process dies
    assert len(claimed) == 2 and await _statuses(db) == ["sending", "sending"]
    ctx = _ctx(harness, settings, db, clock)
    assert await OutboxSender().drain_once(harness.app.bot, ctx) == 0  # not stale yet
    clock.set(clock.now() + timedelta(minutes=11))
    assert await OutboxSender().drain_once(harness.app.bot, ctx) == 2
    assert await OutboxSender().drain_once(harness.app.bot, ctx) == 0
    assert len(harness.request.sent()) == 2


async def test_errors_retry_with_back_off_then_fail_with_the_reason(
    harness: BotHarness, settings: Settings, db: Database, clock: FixedClock
) -> None:
    await _behind_people(db, 1)
    clock.set(datetime(2026, 11, 30, 9, tzinfo=WITA))
    await _plan(db, clock.now())
    harness.request.fail_methods["sendMessage"] = (400, "Bad Request: chat not found")
    ctx = _ctx(harness, settings, db, clock)
    dues = []
    for _ in range(20):  # bounded: MAX_ATTEMPTS is 8
        await OutboxSender().drain_once(harness.app.bot, ctx)
        async with db.writing() as s:
            row = (await s.scalars(select(OutboxMessage))).one()
        if row.status == "failed":
            break
        dues.append(row.due_at)
        clock.set(row.due_at)  # wait exactly as long as the back-off asks
    assert row.status == "failed" and row.attempts == 8 and row.last_error == "BadRequest"
    gaps = [b - a for a, b in zip(dues, dues[1:])]
    assert all(later > earlier for earlier, later in zip(gaps, gaps[1:]))  # growing


async def test_two_senders_never_claim_the_same_row(
    settings: Settings, db: Database, clock: FixedClock
) -> None:
    await _behind_people(db, 40)
    clock.set(datetime(2026, 11, 30, 9, tzinfo=WITA))
    await _plan(db, clock.now())
    import asyncio

    first, second = await asyncio.gather(
        claim_due(db, clock.now(), 25, "id"), claim_due(db, clock.now(), 25, "id")
    )
    ids = [m.id for m in first] + [m.id for m in second]
    assert len(ids) == len(set(ids)) == 40


async def _owners(db: Database) -> dict[str, str | None]:
    async with db.reading() as s:
        rows = (await s.execute(select(OutboxMessage.chat_id, OutboxMessage.lease_owner))).all()
    return {str(chat): owner for chat, owner in rows}


async def test_rows_of_a_process_that_is_gone_are_sent_at_once(
    harness: BotHarness, settings: Settings, db: Database, clock: FixedClock
) -> None:
    from bot.services.outbox.delivery import beat
    from bot.services.outbox.owner import process_owner

    await _behind_people(db, 3)
    clock.set(datetime(2026, 11, 30, 9, tzinfo=WITA))
    await _plan(db, clock.now())
    # A sender on this host that was killed: its pid no longer runs with that start time.
    host = process_owner().split(":")[0]
    killed = f"{host}:{2 ** 22 + 7}:12345"
    await beat(db, killed, clock.now(), 25.0)
    assert len(await claim_due(db, clock.now(), 2, "id", owner=killed)) == 2
    assert set((await _owners(db)).values()) == {killed, None}
    # Its heartbeat is fresh, but the process is gone: no waiting.
    ctx = _ctx(harness, settings, db, clock)
    assert await OutboxSender().drain_once(harness.app.bot, ctx) == 3
    assert await _statuses(db) == ["sent"] * 3
    assert set((await _owners(db)).values()) == {None}
    assert len(harness.request.sent()) == 3


async def test_rows_of_a_silent_sender_elsewhere_come_back_after_its_heartbeat_ages(
    harness: BotHarness, settings: Settings, db: Database, clock: FixedClock
) -> None:
    from bot.jobs.outbox import DEAD_AFTER
    from bot.services.outbox.delivery import beat

    await _behind_people(db, 2)
    clock.set(datetime(2026, 11, 30, 9, tzinfo=WITA))
    await _plan(db, clock.now())
    other = "replica-b:1:777"  # another host: only its heartbeat tells
    await beat(db, other, clock.now(), 25.0)
    assert len(await claim_due(db, clock.now(), 2, "id", owner=other)) == 2
    ctx = _ctx(harness, settings, db, clock)
    clock.set(clock.now() + DEAD_AFTER - timedelta(seconds=1))
    assert await OutboxSender().drain_once(harness.app.bot, ctx) == 0  # alive: its rows
    clock.set(clock.now() + timedelta(seconds=2))  # silent for longer than DEAD_AFTER
    assert await OutboxSender().drain_once(harness.app.bot, ctx) == 2
    assert await _statuses(db) == ["sent", "sent"]


async def test_several_sends_in_flight_each_once_and_marked_in_batches(
    harness: BotHarness, settings: Settings, db: Database, clock: FixedClock
) -> None:
    await _behind_people(db, 30)
    clock.set(datetime(2026, 11, 30, 9, tzinfo=WITA))
    await _plan(db, clock.now())
    ctx = _ctx(harness, settings, db, clock, send_rate_per_second=30.0, send_max_in_flight=8)
    virtual = VirtualTime()
    sender = OutboxSender(monotonic=virtual.now, sleep=virtual.sleep)
    assert await sender.drain_once(harness.app.bot, ctx) == 30
    assert sorted(c["chat_id"] for c in harness.request.sent()) == list(range(8_100_000, 8_100_030))
    assert await _statuses(db) == ["sent"] * 30


def test_the_rate_ceiling_is_telegrams_unless_broadcasts_are_paid() -> None:
    base = {"_env_file": None, "telegram_bot_token": "1:X"}
    assert Settings(**base, send_rate_per_second=30).send_rate_per_second == 30  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="PAID_BROADCAST"):
        Settings(**base, send_rate_per_second=31)  # type: ignore[arg-type]
    paid = Settings(**base, send_rate_per_second=1000, paid_broadcast=True)  # type: ignore[arg-type]
    assert paid.send_rate_per_second == 1000
    with pytest.raises(ValueError):
        Settings(**base, send_rate_per_second=1001, paid_broadcast=True)  # type: ignore[arg-type]


@pytest.mark.slow
async def test_the_worker_resumes_after_a_database_outage_with_sends_in_flight(
    harness: BotHarness, settings: Settings, db: Database, clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Found in review: outcomes that could not be committed were dropped with their
    in-flight slots and the claimed rows stayed leased to a live process, so nothing was
    ever sent again until a restart. Now the outcomes wait for the database, and what an
    interrupted run had claimed goes back to the queue; a stop is heard while waiting."""
    import bot.jobs.outbox as worker

    await _behind_people(db, 4)
    clock.set(datetime(2026, 11, 30, 9, tzinfo=WITA))
    await _plan(db, clock.now())
    ctx = _ctx(harness, settings, db, clock, send_rate_per_second=30.0, send_max_in_flight=1)
    down = {"on": False, "over": False}
    real_claim, real_settle = worker.claim_due, worker.settle

    async def claim_due(*args: Any, **kwargs: Any) -> Any:
        if down["on"]:
            raise ConnectionError("database away")
        found = await real_claim(*args, **kwargs)
        if found and not down["over"]:
            down["on"] = True  # the database goes away right after the first claim
        return found

    async def settle(*args: Any, **kwargs: Any) -> Any:
        if down["on"]:
            raise ConnectionError("database away")
        return await real_settle(*args, **kwargs)

    monkeypatch.setattr(worker, "claim_due", claim_due)
    monkeypatch.setattr(worker, "settle", settle)
    monkeypatch.setattr(worker, "STOP_GRACE", 0.2)
    monkeypatch.setattr(worker, "LOCK_RETRY_SECONDS", 0.2)
    stopping = asyncio.Event()
    task = asyncio.create_task(OutboxSender().run(harness.app.bot, ctx, stopping))
    try:
        await asyncio.sleep(8.0)  # an outage longer than a run's retries of its outcomes
        down["on"], down["over"] = False, True  # back; the process never stopped
        await _behind_people(db, 1, chat_base=8_200_000)
        await _plan(db, clock.now())
        for _ in range(300):  # bounded (30 s): only a failure waits that long
            if await _statuses(db) == ["sent"] * 5:
                break
            await asyncio.sleep(0.1)
        assert await _statuses(db) == ["sent"] * 5
    finally:
        stopping.set()
        done, _ = await asyncio.wait({task}, timeout=10)
        task.cancel()
    assert done  # the stop was heard
    chats = sorted(m["chat_id"] for m in harness.request.sent())
    assert len(set(chats)) == 5  # everyone reached


async def test_a_late_outcome_never_overwrites_another_senders_lease(
    settings: Settings, db: Database, clock: FixedClock
) -> None:
    """Found in review: a sender judged dead whose rows another process took back could
    mark them late. Outcomes now change only rows still leased to their sender."""
    from bot.services.outbox.delivery import Settlement, settle

    await _behind_people(db, 2)
    clock.set(datetime(2026, 11, 30, 9, tzinfo=WITA))
    await _plan(db, clock.now())
    first, second = await claim_due(db, clock.now(), 10, "id", owner="host:1:old")
    async with db.writing() as s:  # the first row was taken back and leased anew
        row = await s.get(OutboxMessage, first.id)
        assert row is not None
        row.lease_owner = "host:2:new"
    await settle(db, [Settlement("sent", first, clock.now()), Settlement("sent", second, clock.now())],
                 owner="host:1:old")
    async with db.reading() as s:
        rows = {r.id: (r.status, r.lease_owner) for r in await s.scalars(select(OutboxMessage))}
    assert rows == {first.id: ("sending", "host:2:new"), second.id: ("sent", None)}


async def test_a_message_that_cannot_be_prepared_goes_back_to_the_queue(
    harness: BotHarness, settings: Settings, db: Database, clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A database blip while a message is prepared (before anything goes out) retries it
    with a back-off; it used to stay leased ('sending') until the process restarted."""
    import bot.jobs.outbox as worker
    from sqlalchemy.exc import OperationalError

    await _behind_people(db, 3)
    clock.set(datetime(2026, 11, 30, 9, tzinfo=WITA))
    await _plan(db, clock.now())
    ctx = _ctx(harness, settings, db, clock, send_rate_per_second=30.0)
    real, failed = worker.render, []

    async def render(*args: Any, **kwargs: Any) -> Any:
        if not failed:
            failed.append(True)
            raise OperationalError("select", {}, Exception("connection reset"))
        return await real(*args, **kwargs)

    monkeypatch.setattr(worker, "render", render)
    virtual = VirtualTime()
    assert await OutboxSender(monotonic=virtual.now, sleep=virtual.sleep).drain_once(
        harness.app.bot, ctx) == 2
    async with db.writing() as s:
        rows = (await s.execute(select(OutboxMessage.status, OutboxMessage.last_error,
                                       OutboxMessage.due_at).order_by(OutboxMessage.id))).all()
    assert [r.status for r in rows].count("sent") == 2
    (retried,) = [r for r in rows if r.status != "sent"]
    assert retried.status == "pending" and retried.last_error == "OperationalError"
    assert retried.due_at > clock.now()  # with a back-off, not at once
