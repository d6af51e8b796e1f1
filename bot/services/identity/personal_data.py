"""A person's own data (UU PDP 27/2022): everything the bot keeps about them and their
Telegram account, as a file they can take away (/dataku); and the erasure of the
Telegram-side part (/hapusakun).

Wrong link and check-in codes are kept ATTEMPT_RETENTION (they slow guessing down for an
hour; a month of them is enough to look into an attack), then purged once a day by the
planner (bot/jobs/planner.py).

Both are audited under the actor `tg:<id>` with counts only: no NIP, name or phone goes
into the audit details. The erasure keeps the JP ledger, reports, enrollments and
certificates: they belong to the employment record (and to the OPD's compliance), not
to the Telegram account. It keeps the account-link history too: it is what stops an
admin from deciding the claims of someone whose account they once held.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.inspection import inspect

from bot.services.audit import record, telegram_actor
from bot.services.identity.accounts import unlink
from bot.services.spreadsheets.writer import Column, WorkbookWriter
from models import (
    AccountLink,
    AdminRole,
    Certificate,
    CheckinAttempt,
    Dialog,
    Employee,
    Enrollment,
    Evaluation,
    JpClaim,
    JpRecord,
    LearningNeed,
    LinkAttempt,
    Opd,
    OutboxMessage,
    Program,
    SessionCheckin,
    TelegramAccount,
)
from models.enums import OutboxStatus

# Sections in the order of the file; the XLSX has one sheet per section.
SECTIONS = (
    "telegram_account", "account_links", "link_attempts", "checkin_attempts", "admin_roles",
    "open_form", "employee", "jp_records", "training_reports", "enrollments", "checkins",
    "evaluations", "certificates", "learning_needs",
)
# Stored references that are not the person's data, or are secrets of the bot.
_LEFT_OUT = {"code_hash"}


@dataclass(frozen=True, slots=True)
class PersonalData:
    """Section -> rows (column -> value), every section present (empty when nothing)."""

    telegram_user_id: int
    sections: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(len(rows) for rows in self.sections.values())


def _row(item: object, **extra: Any) -> dict[str, Any]:
    mapper = inspect(type(item))
    values = {c.key: getattr(item, c.key) for c in mapper.column_attrs if c.key not in _LEFT_OUT}
    return values | extra


async def collect(session: AsyncSession, telegram_user_id: int, now: datetime) -> PersonalData:
    """Everything kept about this Telegram user and the employee their account is linked
    to, and nobody else's. Audited (counts only)."""
    sections: dict[str, list[dict[str, Any]]] = {name: [] for name in SECTIONS}

    async def by_user(name: str, model: Any) -> None:
        found = await session.scalars(
            select(model).where(model.telegram_user_id == telegram_user_id).order_by(model.id))
        sections[name] = [_row(item) for item in found]

    account = await session.scalar(
        select(TelegramAccount).where(TelegramAccount.telegram_user_id == telegram_user_id))
    if account is not None:
        sections["telegram_account"] = [_row(account)]
    await by_user("account_links", AccountLink)
    await by_user("link_attempts", LinkAttempt)
    await by_user("checkin_attempts", CheckinAttempt)
    await by_user("admin_roles", AdminRole)
    form = await session.get(Dialog, telegram_user_id)
    if form is not None:
        sections["open_form"] = [_row(form)]

    employee_id = account.employee_id if account is not None else None
    if employee_id is not None:
        employee, opd_name = (await session.execute(
            select(Employee, Opd.name).join(Opd, Opd.id == Employee.opd_id)
            .where(Employee.id == employee_id))).one()
        sections["employee"] = [_row(employee, opd=opd_name)]
        records = await session.scalars(
            select(JpRecord).where(JpRecord.employee_id == employee_id).order_by(JpRecord.id))
        sections["jp_records"] = [_row(r) for r in records]
        claims = await session.scalars(
            select(JpClaim).join(JpRecord, JpRecord.id == JpClaim.jp_record_id)
            .where(JpRecord.employee_id == employee_id).order_by(JpClaim.id))
        sections["training_reports"] = [_row(c) for c in claims]
        enrollments = await session.execute(
            select(Enrollment, Program.code, Program.title).join(Program, Program.id == Enrollment.program_id)
            .where(Enrollment.employee_id == employee_id).order_by(Enrollment.id))
        sections["enrollments"] = [_row(e, program_code=code, program_title=title)
                                   for e, code, title in enrollments]
        mine = select(Enrollment.id).where(Enrollment.employee_id == employee_id)
        checkins = await session.scalars(
            select(SessionCheckin).where(SessionCheckin.enrollment_id.in_(mine)).order_by(SessionCheckin.id))
        sections["checkins"] = [_row(c) for c in checkins]
        evaluations = await session.scalars(
            select(Evaluation).where(Evaluation.enrollment_id.in_(mine)).order_by(Evaluation.id))
        sections["evaluations"] = [_row(e) for e in evaluations]
        certificates = await session.scalars(
            select(Certificate).where(Certificate.employee_id == employee_id).order_by(Certificate.id))
        sections["certificates"] = [_row(c) for c in certificates]
        needs = await session.scalars(
            select(LearningNeed).where(LearningNeed.employee_id == employee_id).order_by(LearningNeed.id))
        sections["learning_needs"] = [_row(n) for n in needs]

    data = PersonalData(telegram_user_id, sections)
    await record(session, telegram_actor(telegram_user_id), "export_personal_data", now,
                 rows=data.rows, linked=employee_id is not None)
    return data


def _plain(value: Any, tz: ZoneInfo) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(tz).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def as_json(data: PersonalData, tz: ZoneInfo, now: datetime) -> bytes:
    """The whole export as UTF-8 JSON (times in the business time zone)."""
    document = {
        "exported_at": now.astimezone(tz).isoformat(),
        "telegram_user_id": data.telegram_user_id,
        **{name: [{k: _plain(v, tz) for k, v in row.items()} for row in rows]
           for name, rows in data.sections.items()},
    }
    return json.dumps(document, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def as_xlsx(data: PersonalData, tz: ZoneInfo, sheet_titles: dict[str, str]) -> bytes:
    """One sheet per section (titles from the caller's catalogue); empty sections keep a
    header-less sheet so the reader sees that nothing is kept there."""
    book = WorkbookWriter()
    for name, rows in data.sections.items():
        keys = list(rows[0]) if rows else ["-"]
        sheet = book.sheet(sheet_titles.get(name, name), [Column(k, 22, text=True) for k in keys])
        for row in rows:
            sheet.row([_format(row[k], tz) for k in keys])
    return book.save()


def _format(value: Any, tz: ZoneInfo) -> Any:
    plain = _plain(value, tz)
    if isinstance(plain, (dict, list)):
        return json.dumps(plain, ensure_ascii=False, default=str)
    return plain


@dataclass(frozen=True, slots=True)
class Erased:
    existed: bool
    was_linked: bool
    link_attempts: int
    checkin_attempts: int
    queued_messages: int


async def erase_account(session: AsyncSession, telegram_user_id: int, now: datetime) -> Erased:
    """Unlink, then erase the Telegram-side data: the account (language, preferences),
    link and check-in attempts, an open form, and messages still waiting to be sent to
    this chat (skipped). The JP ledger and everything of the employment record stays. Audited."""
    account = await session.scalar(
        select(TelegramAccount).where(TelegramAccount.telegram_user_id == telegram_user_id)
        .with_for_update())
    if account is None:
        return Erased(False, False, 0, 0, 0)
    was_linked = await unlink(session, telegram_user_id, now)

    async def purge(statement: Any) -> int:
        result = await session.execute(statement.execution_options(synchronize_session=False))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    links = await purge(delete(LinkAttempt).where(LinkAttempt.telegram_user_id == telegram_user_id))
    checkins = await purge(delete(CheckinAttempt).where(CheckinAttempt.telegram_user_id == telegram_user_id))
    await purge(delete(Dialog).where(Dialog.telegram_user_id == telegram_user_id))
    # Skipped rather than deleted: their dedupe keys still stop a planner from queueing
    # the same notice again.
    queued = await purge(update(OutboxMessage).where(
        OutboxMessage.chat_id == telegram_user_id, OutboxMessage.status == OutboxStatus.PENDING,
    ).values(status=OutboxStatus.SKIPPED))
    await session.delete(account)
    await session.flush()
    await record(session, telegram_actor(telegram_user_id), "erase_account", now,
                 was_linked=was_linked, link_attempts=links, checkin_attempts=checkins,
                 queued_messages=queued)
    return Erased(True, was_linked, links, checkins, queued)


ATTEMPT_RETENTION = timedelta(days=30)


async def purge_old_attempts(session: AsyncSession, now: datetime) -> int:
    """Delete wrong link and check-in codes older than ATTEMPT_RETENTION; how many."""
    before = now - ATTEMPT_RETENTION
    purged = 0
    for model in (LinkAttempt, CheckinAttempt):
        result = await session.execute(delete(model).where(model.created_at < before)
                                       .execution_options(synchronize_session=False))
        purged += int(result.rowcount or 0)  # type: ignore[attr-defined]
    return purged
