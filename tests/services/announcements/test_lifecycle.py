"""Announcements: who is in the audience, one outbox row per linked recipient, the report,
cancelling and retrying."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.services.announcements import lifecycle as ann
from bot.services.announcements.lifecycle import Audience, AudienceKind, Content
from bot.services.reminders.planning import BehindRule
from models import AuditLog, OutboxMessage
from models.db import Database
from models.enums import EnrollmentStatus, OutboxStatus
from tests.factories import link_account, make_employee, make_opd, make_program, make_record
from models import Enrollment

RULE = BehindRule(date(2026, 11, 28), Decimal(20), Decimal(20), Decimal(2), 1, 6)
CONTENT = Content("Rapat koordinasi Senin", [{"type": "bold", "offset": 0, "length": 5}])


async def _world(db: Database) -> dict[str, int]:
    """Two OPDs; in the first, three linked (one on track) and one unlinked employee."""
    async with db.writing() as session:
        first, second = await make_opd(session), await make_opd(session)
        a = await make_employee(session, opd=first, position_type="fungsional", phone=None)
        b = await make_employee(session, opd=first, position_type="struktural", phone=None)
        c = await make_employee(session, opd=first, position_type="fungsional", phone=None)
        unlinked = await make_employee(session, opd=first, phone=None, name="Belum Tautan")
        other = await make_employee(session, opd=second, phone=None)
        for n, person in enumerate((a, b, c, other), start=1):
            await link_account(session, person, 1000 + n)
        await make_record(session, c, Decimal(20), date(2026, 10, 1))
        return {"first": first.id, "second": second.id, "a": a.id, "b": b.id, "c": c.id,
                "unlinked": unlinked.id, "other": other.id}


async def _count(db: Database, audience: Audience, scope: int | None) -> ann.AudienceCount:
    async with db.reading() as session:
        return await ann.count_audience(session, audience, scope, RULE)


async def test_audiences_and_the_opd_admin_scope(db: Database) -> None:
    w = await _world(db)
    assert await _count(db, Audience(AudienceKind.ALL), None) == ann.AudienceCount(5, 4)
    # An OPD admin asking for everyone gets their own OPD only.
    assert await _count(db, Audience(AudienceKind.ALL), w["first"]) == ann.AudienceCount(4, 3)
    assert await _count(db, Audience(AudienceKind.OPD, (w["second"],)), None) == ann.AudienceCount(1, 1)
    # …and naming another OPD gives nobody.
    assert await _count(db, Audience(AudienceKind.OPD, (w["second"],)), w["first"]) == ann.AudienceCount(0, 0)
    assert await _count(db, Audience(AudienceKind.POSITION, position_type="fungsional"), None) == ann.AudienceCount(2, 2)
    # Behind: c has 20 JP; everyone else has none.
    assert await _count(db, Audience(AudienceKind.BEHIND), None) == ann.AudienceCount(4, 3)


async def test_program_participants_are_the_enrolled_and_completed(db: Database) -> None:
    w = await _world(db)
    async with db.writing() as session:
        program = await make_program(session)
        for n, (key, status) in enumerate((("a", EnrollmentStatus.ENROLLED),
                                          ("b", EnrollmentStatus.CANCELLED),
                                          ("other", EnrollmentStatus.COMPLETED))):
            session.add(Enrollment(program_id=program.id, employee_id=w[key], status=status,
                                   queue_no=n + 1, created_at=program.created_at,
                                   updated_at=program.created_at))
        program_id = program.id
    audience = Audience(AudienceKind.PROGRAM, program_id=program_id)
    assert await _count(db, audience, None) == ann.AudienceCount(2, 2)
    assert await _count(db, audience, w["first"]) == ann.AudienceCount(1, 1)


async def test_create_queues_exactly_one_copy_per_linked_recipient_and_audits(
    db: Database, clock: FixedClock
) -> None:
    w = await _world(db)
    now = clock.now()
    async with db.writing() as session:
        made = await ann.create(
            session, actor="tg:9", admin_chat_id=9, content=CONTENT,
            audience=Audience(AudienceKind.ALL), scope_opd_id=w["first"], send_at=now,
            now=now, rule=RULE,
        )
        announcement_id = made.id
    assert (made.recipients, made.unlinked, made.status) == (3, 1, "sending")
    async with db.reading() as session:
        rows = (await session.scalars(
            select(OutboxMessage).where(OutboxMessage.announcement_id == announcement_id)
        )).all()
        audit = (await session.scalars(select(AuditLog))).one()
    assert sorted(r.chat_id for r in rows) == [1001, 1002, 1003]
    assert {r.kind for r in rows} == {"announcement"}
    assert all(r.payload == {"announcement_id": announcement_id} for r in rows)
    assert audit.action == "announcement" and audit.details["recipients"] == 3
    assert audit.details["unlinked"] == 1 and audit.details["scope_opd"] == w["first"]


async def test_unlinked_members_are_listed_for_the_opd(db: Database) -> None:
    w = await _world(db)
    async with db.reading() as session:
        people = await ann.unlinked_members(session, Audience(AudienceKind.ALL), w["first"], RULE)
        outside = await ann.unlinked_members(session, Audience(AudienceKind.ALL), w["second"], RULE)
    assert [p.name for p in people] == ["Belum Tautan"] and outside == []


async def _set_status(db: Database, announcement_id: int, statuses: list[str]) -> None:
    async with db.writing() as session:
        rows = (await session.scalars(
            select(OutboxMessage).where(OutboxMessage.announcement_id == announcement_id)
            .order_by(OutboxMessage.id)
        )).all()
        for row, status in zip(rows, statuses, strict=True):
            row.status = status


async def test_progress_cancel_and_retry(db: Database, clock: FixedClock) -> None:
    await _world(db)
    now = clock.now()
    async with db.writing() as session:
        made = await ann.create(
            session, actor="tg:9", admin_chat_id=9, content=CONTENT,
            audience=Audience(AudienceKind.ALL), scope_opd_id=None,
            send_at=now + timedelta(hours=2), now=now, rule=RULE,
        )
        announcement_id = made.id
    assert made.status == "scheduled"
    await _set_status(db, announcement_id, ["sent", "failed", "blocked", "pending"])
    async with db.reading() as session:
        assert await ann.progress(session, announcement_id) == ann.Progress(1, 1, 1, 0, 1)

    async with db.writing() as session:
        announcement = await session.get(ann.Announcement, announcement_id)
        assert await ann.retry_failed(session, announcement, "tg:9", now) == 1
    async with db.writing() as session:
        announcement = await session.get(ann.Announcement, announcement_id)
        assert await ann.cancel(session, announcement, "tg:9", now) == 2  # the retried one too
        assert await ann.cancel(session, announcement, "tg:9", now) is None
        assert await ann.retry_failed(session, announcement, "tg:9", now) == 0
    async with db.reading() as session:
        done = await ann.progress(session, announcement_id)
        actions = (await session.scalars(select(AuditLog.action).order_by(AuditLog.id))).all()
        pending = await session.scalar(
            select(func.count()).where(OutboxMessage.status == OutboxStatus.PENDING)
        )
    assert done == ann.Progress(sent=1, failed=0, blocked=1, skipped=2, remaining=0)
    assert done.finished and pending == 0
    assert actions == ["announcement", "announcement_retry", "announcement_cancel"]


def test_may_manage_only_within_scope() -> None:
    item = ann.Announcement(scope_opd_id=5)
    assert ann.may_manage(item, None) and ann.may_manage(item, 5)
    assert not ann.may_manage(item, 6)
    assert not ann.may_manage(ann.Announcement(scope_opd_id=None), 5)
