"""Announcements: an admin's message to a chosen audience, delivered through the outbox.

Creating one is a single transaction: the announcement row, one outbox row per linked
recipient (INSERT … SELECT, deduplicated per employee), and the audit line. From then
on the outbox sender delivers it with its usual pacing, flood-control pause and
blocked-user handling; the delivery report is a count of those outbox rows by status,
so a restart of the sender changes nothing in it. Cancelling skips what is still
pending; retrying puts the failed rows back to pending.

An OPD admin's announcement is always narrowed to their own OPD (`scope_opd_id`),
whatever audience they picked; the scope is re-checked by the handler on every press.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Integer,
    Select,
    String,
    cast,
    func,
    literal,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.identity.roles import admin_scope
from bot.services.audit import record
from bot.services.reminders.planning import BehindRule, behind_filter
from models import Announcement, Employee, Enrollment, Opd, OutboxMessage, Program, TelegramAccount
from models.base import UtcDateTime
from models.enums import EnrollmentStatus, OutboxStatus, PositionType, ProgramStatus

KIND = "announcement"
MAX_OPDS = 40  # how many OPDs one announcement may name (a callback-free, sane bound)


class AudienceKind(StrEnum):
    ALL = "all"
    OPD = "opd"
    BEHIND = "behind"
    PROGRAM = "program"
    POSITION = "position"


class AnnouncementStatus(StrEnum):
    SCHEDULED = "scheduled"
    SENDING = "sending"
    DONE = "done"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class Audience:
    kind: AudienceKind
    opd_ids: tuple[int, ...] = ()
    program_id: int | None = None
    position_type: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind.value}
        if self.opd_ids:
            data["opd_ids"] = list(self.opd_ids)
        if self.program_id is not None:
            data["program_id"] = self.program_id
        if self.position_type is not None:
            data["position_type"] = self.position_type
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Audience:
        return cls(
            AudienceKind(data["kind"]),
            tuple(int(i) for i in data.get("opd_ids", ())),
            data.get("program_id"),
            data.get("position_type"),
        )

    def is_complete(self) -> bool:
        if self.kind == AudienceKind.OPD:
            return 0 < len(self.opd_ids) <= MAX_OPDS
        if self.kind == AudienceKind.PROGRAM:
            return self.program_id is not None
        if self.kind == AudienceKind.POSITION:
            return self.position_type in {p.value for p in PositionType}
        return True


@dataclass(frozen=True, slots=True)
class Content:
    """What recipients get: text (or caption) with its Telegram entities, maybe a file."""

    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)
    media_kind: str | None = None  # "photo" | "document"
    media_file_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "entities": self.entities, "media_kind": self.media_kind,
                "media_file_id": self.media_file_id}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Content:
        return cls(data.get("text", ""), list(data.get("entities", [])),
                   data.get("media_kind"), data.get("media_file_id"))


def members(audience: Audience, scope_opd_id: int | None, rule: BehindRule) -> Select[Any]:
    """Active employees in the audience (within the admin's OPD, if they have one)."""
    statement = select(Employee.id).where(Employee.is_active.is_(True))
    if scope_opd_id is not None:
        statement = statement.where(Employee.opd_id == scope_opd_id)
    if audience.kind == AudienceKind.OPD:
        statement = statement.where(Employee.opd_id.in_(audience.opd_ids))
    elif audience.kind == AudienceKind.POSITION:
        statement = statement.where(Employee.position_type == audience.position_type)
    elif audience.kind == AudienceKind.PROGRAM:
        statement = statement.where(
            Employee.id.in_(
                select(Enrollment.employee_id).where(
                    Enrollment.program_id == audience.program_id,
                    Enrollment.status.in_(
                        (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED)
                    ),
                )
            )
        )
    elif audience.kind == AudienceKind.BEHIND:
        behind = behind_filter(rule)
        if behind is None:
            return statement.where(literal(False))
        statement = statement.outerjoin(
            behind.approved, behind.approved.c.employee_id == Employee.id
        ).where(behind.condition)
    return statement


@dataclass(frozen=True, slots=True)
class AudienceCount:
    total: int
    linked: int

    @property
    def unlinked(self) -> int:
        return self.total - self.linked


async def count_audience(
    session: AsyncSession, audience: Audience, scope_opd_id: int | None, rule: BehindRule
) -> AudienceCount:
    people = members(audience, scope_opd_id, rule).subquery()
    row = (
        await session.execute(
            select(func.count(people.c.id), func.count(TelegramAccount.id)).select_from(
                people.outerjoin(TelegramAccount, TelegramAccount.employee_id == people.c.id)
            )
        )
    ).one()
    return AudienceCount(int(row[0]), int(row[1]))


@dataclass(frozen=True, slots=True)
class UnlinkedPerson:
    nip: str
    name: str
    opd: str
    unit: str | None


async def unlinked_members(
    session: AsyncSession, audience: Audience, scope_opd_id: int | None, rule: BehindRule
) -> list[UnlinkedPerson]:
    """Audience members without a linked Telegram account, by OPD and name."""
    people = members(audience, scope_opd_id, rule).subquery()
    rows = await session.execute(
        select(Employee.nip, Employee.name, Opd.name, Employee.unit)
        .join(people, people.c.id == Employee.id)
        .join(Opd, Opd.id == Employee.opd_id)
        .outerjoin(TelegramAccount, TelegramAccount.employee_id == Employee.id)
        .where(TelegramAccount.id.is_(None))
        .order_by(Opd.name, Employee.name)
    )
    return [UnlinkedPerson(*row) for row in rows]


def _insert(session: AsyncSession):  # type: ignore[no-untyped-def]
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


async def create(
    session: AsyncSession,
    *,
    actor: str,
    admin_chat_id: int,
    content: Content,
    audience: Audience,
    scope_opd_id: int | None,
    send_at: datetime,
    now: datetime,
    rule: BehindRule,
) -> Announcement:
    """The announcement and one pending outbox row per linked recipient, due at `send_at`."""
    count = await count_audience(session, audience, scope_opd_id, rule)
    announcement = Announcement(
        actor=actor, admin_chat_id=admin_chat_id, text=content.text, entities=content.entities,
        media_kind=content.media_kind, media_file_id=content.media_file_id,
        audience=audience.to_json(), scope_opd_id=scope_opd_id,
        status=AnnouncementStatus.SCHEDULED if send_at > now else AnnouncementStatus.SENDING,
        recipients=0, unlinked=count.unlinked, send_at=send_at, created_at=now,
    )
    session.add(announcement)
    await session.flush()
    people = members(audience, scope_opd_id, rule).subquery()
    key = literal(f"{KIND}:{announcement.id}:") + cast(people.c.id, String)
    rows = (
        select(
            key,
            people.c.id,
            TelegramAccount.telegram_user_id,
            literal(KIND),
            literal({"announcement_id": announcement.id}, OutboxMessage.payload.type),
            literal(OutboxStatus.PENDING.value),
            literal(0, Integer),
            literal(send_at, UtcDateTime()),
            literal(now, UtcDateTime()),
            literal(announcement.id, Integer),
        )
        .select_from(people)
        .join(TelegramAccount, TelegramAccount.employee_id == people.c.id)
    )
    result = await session.execute(
        _insert(session)(OutboxMessage)
        .from_select(
            ["dedupe_key", "employee_id", "chat_id", "kind", "payload", "status", "attempts",
             "due_at", "created_at", "announcement_id"],
            rows,
        )
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
    )
    announcement.recipients = int(result.rowcount or 0)  # type: ignore[attr-defined]
    await record(
        session, actor, "announcement", now, target=f"announcement:{announcement.id}",
        audience=audience.kind.value, opds=len(audience.opd_ids) or None,
        program=audience.program_id, position=audience.position_type,
        scope_opd=scope_opd_id, recipients=announcement.recipients, unlinked=count.unlinked,
        media=content.media_kind, scheduled=send_at > now,
    )
    return announcement


@dataclass(frozen=True, slots=True)
class Progress:
    sent: int = 0
    failed: int = 0
    blocked: int = 0
    skipped: int = 0
    remaining: int = 0  # pending or being sent

    @property
    def finished(self) -> bool:
        return self.remaining == 0


async def progress(session: AsyncSession, announcement_id: int) -> Progress:
    rows = await session.execute(
        select(OutboxMessage.status, func.count())
        .where(OutboxMessage.announcement_id == announcement_id)
        .group_by(OutboxMessage.status)
    )
    counts = {status: int(n) for status, n in rows}
    return Progress(
        sent=counts.get(OutboxStatus.SENT, 0),
        failed=counts.get(OutboxStatus.FAILED, 0),
        blocked=counts.get(OutboxStatus.BLOCKED, 0),
        skipped=counts.get(OutboxStatus.SKIPPED, 0),
        remaining=counts.get(OutboxStatus.PENDING, 0) + counts.get(OutboxStatus.SENDING, 0),
    )


def may_manage(announcement: Announcement, scope_opd_id: int | None) -> bool:
    """Superadmins (scope None) manage every announcement; OPD admins those of their OPD."""
    return scope_opd_id is None or announcement.scope_opd_id == scope_opd_id


async def cancel(
    session: AsyncSession, announcement: Announcement, actor: str, now: datetime,
    reason: str | None = None,
) -> int | None:
    """Stop what is not sent yet; None when it had already finished or was cancelled."""
    if announcement.status in (AnnouncementStatus.DONE, AnnouncementStatus.CANCELLED):
        return None
    result = await session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.announcement_id == announcement.id,
            OutboxMessage.status == OutboxStatus.PENDING,
        )
        .values(status=OutboxStatus.SKIPPED, last_error="cancelled")
    )
    skipped = int(result.rowcount or 0)  # type: ignore[attr-defined]
    announcement.status = AnnouncementStatus.CANCELLED
    announcement.finished_at = now
    await record(session, actor, "announcement_cancel", now,
                 target=f"announcement:{announcement.id}", not_sent=skipped, reason=reason)
    return skipped


async def retry_failed(
    session: AsyncSession, announcement: Announcement, actor: str, now: datetime
) -> int:
    """Put the failed copies back in the queue (cancelled announcements stay cancelled)."""
    if announcement.status == AnnouncementStatus.CANCELLED:
        return 0
    result = await session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.announcement_id == announcement.id,
            OutboxMessage.status == OutboxStatus.FAILED,
        )
        .values(status=OutboxStatus.PENDING, attempts=0, due_at=now, last_error=None)
    )
    again = int(result.rowcount or 0)  # type: ignore[attr-defined]
    if again:
        announcement.status = AnnouncementStatus.SENDING
        announcement.finished_at = None
        await record(session, actor, "announcement_retry", now,
                     target=f"announcement:{announcement.id}", retried=again)
    return again


async def author_may_still_send(session: AsyncSession, announcement: Announcement) -> bool:
    """Whether whoever wrote it still holds a role covering its audience (checked when a
    scheduled announcement comes due: rights can be withdrawn in the meantime)."""
    prefix, _, raw_id = announcement.actor.partition(":")
    if prefix != "tg" or not raw_id.isdigit():
        return False
    scope = await admin_scope(session, int(raw_id))
    return scope is not None and may_manage(announcement, scope.opd_id)


async def drop_unreachable(session: AsyncSession, announcement_id: int) -> int:
    """Skip the copies whose recipient has since unlinked, moved to another account or
    left service: a scheduled announcement goes to who is still there."""
    still_there = (
        select(TelegramAccount.id)
        .join(Employee, Employee.id == TelegramAccount.employee_id)
        .where(
            TelegramAccount.telegram_user_id == OutboxMessage.chat_id,
            TelegramAccount.employee_id == OutboxMessage.employee_id,
            Employee.is_active.is_(True),
        )
        .exists()
    )
    result = await session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.announcement_id == announcement_id,
            OutboxMessage.status == OutboxStatus.PENDING,
            ~still_there,
        )
        .values(status=OutboxStatus.SKIPPED, last_error="no longer linked")
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def start(session: AsyncSession, announcement: Announcement, now: datetime) -> bool:
    """A scheduled announcement comes due: False (and stopped) when its author may no
    longer send it; otherwise sending, without recipients who are no longer there."""
    if announcement.status != AnnouncementStatus.SCHEDULED:
        return announcement.status == AnnouncementStatus.SENDING
    if not await author_may_still_send(session, announcement):
        await cancel(session, announcement, "system", now, reason="author_no_longer_admin")
        return False
    gone = await drop_unreachable(session, announcement.id)
    announcement.status = AnnouncementStatus.SENDING
    if gone:
        await record(session, "system", "announcement_start", now,
                     target=f"announcement:{announcement.id}", no_longer_linked=gone)
    return True


async def mark_done(
    session: AsyncSession, announcement: Announcement, progress: Progress, now: datetime
) -> bool:
    """Mark it done exactly once, and only if nothing is queued any more (a retry may have
    put copies back since `progress` was read); True for the call that did, audited."""
    result = await session.execute(
        update(Announcement)
        .where(
            Announcement.id == announcement.id,
            Announcement.status == AnnouncementStatus.SENDING,
            ~select(OutboxMessage.id).where(
                OutboxMessage.announcement_id == announcement.id,
                OutboxMessage.status.in_((OutboxStatus.PENDING, OutboxStatus.SENDING)),
            ).exists(),
        )
        .values(status=AnnouncementStatus.DONE, finished_at=now)
    )
    if not result.rowcount:  # type: ignore[attr-defined]
        return False
    await record(session, announcement.actor, "announcement_done", now,
                 target=f"announcement:{announcement.id}", sent=progress.sent,
                 failed=progress.failed, blocked=progress.blocked)
    return True


async def remember_status_message(session: AsyncSession, announcement_id: int, message_id: int) -> None:
    await session.execute(
        update(Announcement).where(Announcement.id == announcement_id)
        .values(status_message_id=message_id)
    )


async def opd_choices(session: AsyncSession) -> list[tuple[int, str]]:
    return [(i, n) for i, n in await session.execute(select(Opd.id, Opd.name).order_by(Opd.name))]


async def opd_names(session: AsyncSession, opd_ids: tuple[int, ...]) -> list[str]:
    return list(await session.scalars(
        select(Opd.name).where(Opd.id.in_(opd_ids)).order_by(Opd.name)
    ))


async def program_choice_count(session: AsyncSession) -> int:
    """How many programs `program_choices` pages through."""
    return await session.scalar(
        select(func.count()).select_from(Program)
        .where(Program.status.in_((ProgramStatus.PUBLISHED, ProgramStatus.COMPLETED)))
    ) or 0


async def program_choices(session: AsyncSession, offset: int, limit: int) -> list[tuple[int, str, str]]:
    """Published or finished programs, newest first: whose participants may be told."""
    rows = await session.execute(
        select(Program.id, Program.code, Program.title)
        .where(Program.status.in_((ProgramStatus.PUBLISHED, ProgramStatus.COMPLETED)))
        .order_by(Program.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return [(i, c, t) for i, c, t in rows]


async def active(session: AsyncSession, now: datetime) -> list[Announcement]:
    """Announcements whose status message needs an update: sending, or just due."""
    rows = await session.scalars(
        select(Announcement).where(
            Announcement.status.in_((AnnouncementStatus.SCHEDULED, AnnouncementStatus.SENDING)),
            Announcement.send_at <= now,
        ).order_by(Announcement.id)
    )
    return list(rows)
