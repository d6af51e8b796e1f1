"""One slow request never stalls everyone (issue 13, point 2).

Heavy work (an admin's workbook, an uploaded attendance file) is held inside its worker
by an event the test controls, so "everyone else is answered meanwhile" is a fact about
order and completion, never about time. On the old design these tests could not get past
the admin's update: it held the loop (and, for the attendance file, the write lock)
until its work was done, so they fail by their bounded waits.
"""

from __future__ import annotations

import asyncio
import threading
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select
from telegram import Chat, Message, Update, User

from bot.clock import FixedClock
from bot.context import app_context
from bot.i18n import t
from bot.jobs import attendance as attendance_job
from bot.jobs import reports
from bot.presentation.buttons.compliance import ComplianceWorkbook
from bot.services.spreadsheets import reader
from bot.updates import PerUserUpdateProcessor
from models import Employee, Enrollment, TelegramAccount
from models.db import Database
from models.enums import EnrollmentStatus
from tests.bot_harness import BotHarness
from tests.conftest import WITA
from tests.factories import link_account, make_admin, make_employee, make_opd, make_program, xlsx_bytes
from tests.ptb_offline import to_update

SUPER = 6600001
FIRST_EMPLOYEE = 6600100
PEOPLE = 50
BOUND = 60.0  # seconds: only reached when the design stalls (a failure, never a pass)


async def _world(db: Database) -> None:
    async with db.writing() as s:
        opd = await make_opd(s, "Dinas Uji")
        await make_admin(s, SUPER)
        for n in range(PEOPLE):
            employee = await make_employee(s, opd=opd, name=f"Pegawai {n}", phone=None)
            await link_account(s, employee, FIRST_EMPLOYEE + n)


def _held(function: Any, started: threading.Event, release: threading.Event) -> Any:
    """`function`, stopping in its worker thread until the test lets it go on."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started.set()
        assert release.wait(BOUND), "never released"
        return function(*args, **kwargs)

    return wrapper


async def _everyone_asks_their_balance(bot: BotHarness) -> None:
    updates = [to_update(bot.updates.message(FIRST_EMPLOYEE + n, "/saldo"), bot.app.bot)
               for n in range(PEOPLE)]
    await asyncio.wait_for(asyncio.gather(*(bot.app.process_update(u) for u in updates)), BOUND)
    answered = {m["chat_id"] for m in bot.request.sent() if "JP" in str(m.get("text"))}
    assert answered == {FIRST_EMPLOYEE + n for n in range(PEOPLE)}


async def test_fifty_balances_are_answered_while_a_workbook_is_built(
    harness: BotHarness, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _world(db)
    started, release = threading.Event(), threading.Event()
    monkeypatch.setattr(reports, "_compliance_workbook",
                        _held(reports._compliance_workbook, started, release))
    harness.request.clear()
    press = to_update(harness.updates.callback(SUPER, ComplianceWorkbook(2026)), harness.app.bot)
    await asyncio.wait_for(harness.app.process_update(press), BOUND)
    (toast,) = harness.request.sent("answerCallbackQuery")
    assert toast["text"] == t("id", "report.preparing")  # told at once
    assert await asyncio.to_thread(started.wait, BOUND)  # the workbook is being written

    await _everyone_asks_their_balance(harness)
    assert harness.request.sent("sendDocument") == []  # the workbook is still held
    release.set()
    await app_context(harness.app).background.join(BOUND)
    (document,) = harness.request.sent("sendDocument")
    assert document["chat_id"] == SUPER
    order = [c.method for c in harness.request.calls if c.method in ("sendMessage", "sendDocument")]
    assert order[-1] == "sendDocument" and order.count("sendMessage") == PEOPLE


async def test_an_attendance_file_is_read_without_holding_anyone_up(
    harness: BotHarness, db: Database, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the file is read, balances are answered and other writes (a language
    change) go through: no write transaction is open during the reading. Then the
    attendance is written and the admin gets the result."""
    await _world(db)
    async with db.writing() as s:
        program = await make_program(s, jp="8", start=datetime(2026, 11, 2, 8, tzinfo=WITA))
        employee = await s.scalar(
            select(Employee).join(TelegramAccount, TelegramAccount.employee_id == Employee.id)
            .where(TelegramAccount.telegram_user_id == FIRST_EMPLOYEE)
        )
        assert employee is not None
        s.add(Enrollment(program_id=program.id, employee_id=employee.id, status="enrolled",
                         queue_no=1, created_at=clock.now(), updated_at=clock.now()))
        nip, code = employee.nip, program.code
    upload_bytes = xlsx_bytes([["kode_program", "nip", "hadir"], [code, nip, "ya"]])
    harness.request.files["att-1"] = upload_bytes

    started, release = threading.Event(), threading.Event()
    monkeypatch.setattr(attendance_job, "read_table",
                        _held(reader.read_table, started, release))
    harness.request.clear()
    upload = to_update(harness.updates.document(SUPER, "att-1", "hadir.xlsx", len(upload_bytes)),
                       harness.app.bot)
    await asyncio.wait_for(harness.app.process_update(upload), BOUND)
    assert harness.request.sent()[0]["text"] == t("id", "admin.attendance_preparing")
    assert await asyncio.to_thread(started.wait, BOUND)

    await _everyone_asks_their_balance(harness)
    # Someone else's free text: a write unit (it takes SQLite's write lock at BEGIN).
    harness.request.clear()
    chat = to_update(harness.updates.message(FIRST_EMPLOYEE + 1, "halo"), harness.app.bot)
    await asyncio.wait_for(harness.app.process_update(chat), BOUND)
    assert [m["chat_id"] for m in harness.request.sent()] == [FIRST_EMPLOYEE + 1]
    async with db.reading() as s:
        assert await s.scalar(select(Enrollment.status)) == EnrollmentStatus.ENROLLED

    release.set()
    await app_context(harness.app).background.join(BOUND)
    assert "1 selesai" in harness.request.last_text()
    async with db.reading() as s:
        assert await s.scalar(select(Enrollment.status)) == EnrollmentStatus.COMPLETED


def _update(user: int, n: int) -> Update:
    sender = User(user, "U", False)
    return Update(n, message=Message(n, datetime(2026, 1, 1), Chat(user, "private"),
                                     from_user=sender, text=str(n)))


async def test_one_users_updates_run_in_order_and_others_are_not_kept_waiting() -> None:
    processor = PerUserUpdateProcessor(4)
    log: list[str] = []
    first_may_end = asyncio.Event()

    async def work(name: str, hold: asyncio.Event | None = None) -> None:
        log.append(f"{name} start")
        if hold is not None:
            await hold.wait()
        log.append(f"{name} end")

    a1 = asyncio.create_task(processor.process_update(_update(1, 1), work("a1", first_may_end)))
    a2 = asyncio.create_task(processor.process_update(_update(1, 2), work("a2")))
    b1 = asyncio.create_task(processor.process_update(_update(2, 3), work("b1")))
    await asyncio.wait_for(b1, BOUND)  # another user: not behind a1
    assert "a2 start" not in log  # the same user: waits for a1
    first_may_end.set()
    await asyncio.wait_for(asyncio.gather(a1, a2), BOUND)
    assert log.index("a1 end") < log.index("a2 start")
    assert processor.users_in_progress == 0  # nothing kept per user afterwards


async def test_a_users_waiting_updates_take_no_shared_slot() -> None:
    """Ten presses of one user behind a slow one leave the other slot free for others."""
    processor = PerUserUpdateProcessor(2)
    hold = asyncio.Event()

    async def work(event: asyncio.Event | None = None) -> None:
        if event is not None:
            await event.wait()

    spam = [asyncio.create_task(processor.process_update(_update(1, n), work(hold if n == 0 else None)))
            for n in range(10)]
    await asyncio.sleep(0)
    other = asyncio.create_task(processor.process_update(_update(2, 99), work()))
    await asyncio.wait_for(other, BOUND)
    hold.set()
    await asyncio.wait_for(asyncio.gather(*spam), BOUND)


async def test_the_application_processes_updates_concurrently(harness: BotHarness) -> None:
    processor = harness.app.update_processor
    assert isinstance(processor, PerUserUpdateProcessor)
    assert processor.max_concurrent_updates == app_context(harness.app).settings.concurrent_updates > 1
