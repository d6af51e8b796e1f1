"""E-certificates of completed programs: issued once, listed, sent again, verified by
anyone, revoked by superadmins.

Only the bot's own programs get one (JP imported or reported from elsewhere have their
own certificates). A certificate is issued when its holder is completed, or, for a
program that requires the evaluation, when they have answered it; it reaches them as a
PDF through the outbox (rendered when sent, so a revoked one is never sent)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.audit import record, telegram_actor
from bot.services.certificates.document import CertificateFacts
from bot.services.certificates.numbers import DEEP_LINK_PREFIX, number_of, serial_for, verified_serial
from bot.services.identity.roles import require_superadmin
from bot.services.outbox.queue import Notice, notify_employee
from models import Certificate, Employee, Enrollment, Program
from models.enums import EnrollmentStatus


def verify_link(bot_username: str, number: str) -> str:
    return f"https://t.me/{bot_username}?start={DEEP_LINK_PREFIX}{number}"


def mask_nip(nip: str) -> str:
    """`1985••••••••••1001`: enough to tell two holders apart, not enough to copy."""
    return nip[:4] + "•" * max(len(nip) - 8, 0) + nip[-4:] if len(nip) > 8 else "•" * len(nip)


async def issue_certificate(
    session: AsyncSession, enrollment: Enrollment, program: Program, now: datetime, tz: ZoneInfo
) -> bool:
    """The participant's certificate, once, queued to them; False when it existed."""
    if enrollment.status != EnrollmentStatus.COMPLETED:
        return False
    existing = await session.scalar(
        select(Certificate.id).where(Certificate.enrollment_id == enrollment.id)
    )
    if existing is not None:
        return False
    year = program.ends_at.astimezone(tz).year
    certificate = Certificate(serial=serial_for(year, enrollment.id), enrollment_id=enrollment.id,
                              employee_id=enrollment.employee_id, program_id=program.id,
                              issued_at=now)
    session.add(certificate)
    await session.flush()
    await notify_employee(session, enrollment.employee_id, Notice.CERTIFICATE_ISSUED,
                          {"certificate_id": certificate.id, "title": program.title},
                          f"certificate:{enrollment.id}", now)
    return True


async def certificate_facts(
    session: AsyncSession, certificate_id: int, key: bytes, organisation: str,
    bot_username: str, tz: ZoneInfo,
) -> tuple[CertificateFacts, bool] | None:
    """What the PDF of a certificate shows, and whether it is revoked; None if unknown."""
    row = (
        await session.execute(
            select(Certificate, Employee, Program)
            .join(Employee, Employee.id == Certificate.employee_id)
            .join(Program, Program.id == Certificate.program_id)
            .where(Certificate.id == certificate_id)
        )
    ).first()
    if row is None:
        return None
    certificate, employee, program = row
    number = number_of(key, certificate.serial)
    facts = CertificateFacts(
        number=number, organisation=organisation, holder=employee.name, nip=employee.nip,
        program=program.title, jp=program.jp, start=program.starts_at.astimezone(tz).date(),
        end=program.ends_at.astimezone(tz).date(), organiser=program.organiser or organisation,
        issued=certificate.issued_at.astimezone(tz).date(),
        verify_url=verify_link(bot_username, number),
    )
    return facts, certificate.revoked_at is not None


@dataclass(frozen=True, slots=True)
class OwnCertificate:
    id: int
    number: str
    title: str
    jp: Decimal
    end: datetime
    revoked_at: datetime | None


async def own_certificates(session: AsyncSession, employee_id: int, key: bytes) -> list[OwnCertificate]:
    """The employee's certificates, newest first."""
    rows = (
        await session.execute(
            select(Certificate.id, Certificate.serial, Program.title, Program.jp, Program.ends_at,
                   Certificate.revoked_at)
            .join(Program, Program.id == Certificate.program_id)
            .where(Certificate.employee_id == employee_id)
            .order_by(Program.ends_at.desc(), Certificate.id.desc())
        )
    ).all()
    return [OwnCertificate(r[0], number_of(key, r[1]), r[2], r[3], r[4], r[5]) for r in rows]


async def owned_certificate(session: AsyncSession, employee_id: int | None,
                            certificate_id: int) -> Certificate | None:
    """The certificate if it is the employee's (a forged button's id gives None)."""
    if employee_id is None:
        return None
    return await session.scalar(
        select(Certificate).where(Certificate.id == certificate_id,
                                  Certificate.employee_id == employee_id)
    )


class Validity(StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    NOT_FOUND = "not_found"  # malformed, tampered or unknown: the same answer


@dataclass(frozen=True, slots=True)
class Verification:
    validity: Validity
    number: str = ""
    holder: str = ""
    nip_masked: str = ""
    title: str = ""
    jp: Decimal = Decimal(0)
    completed_on: date | None = None
    revoked_at: datetime | None = None


async def verify(session: AsyncSession, key: bytes, typed: str, tz: ZoneInfo) -> Verification:
    """Anyone may check a number: valid (holder, masked NIP, program, JP, date), revoked
    (with its date) or not found. A number whose HMAC fails is not looked up."""
    serial = verified_serial(key, typed)
    if serial is None:
        return Verification(Validity.NOT_FOUND)
    row = (
        await session.execute(
            select(Certificate, Employee.name, Employee.nip, Program.title, Program.jp,
                   Program.ends_at)
            .join(Employee, Employee.id == Certificate.employee_id)
            .join(Program, Program.id == Certificate.program_id)
            .where(Certificate.serial == serial)
        )
    ).first()
    if row is None:
        return Verification(Validity.NOT_FOUND)
    certificate, name, nip, title, jp, ends_at = row
    validity = Validity.REVOKED if certificate.revoked_at is not None else Validity.VALID
    return Verification(validity, number_of(key, serial), name, mask_nip(nip), title, jp,
                        ends_at.astimezone(tz).date(), certificate.revoked_at)


class RevokeOutcome(StrEnum):
    REVOKED = "revoked"
    ALREADY = "already"
    NOT_FOUND = "not_found"
    NO_REASON = "no_reason"


async def revoke(session: AsyncSession, caller: int, key: bytes, typed: str, reason: str,
                 now: datetime) -> RevokeOutcome:
    """Revoke one certificate with a reason (superadmins only, audited; the reason is
    kept on the certificate, not in the audit trail)."""
    await require_superadmin(session, caller)
    serial = verified_serial(key, typed)
    if serial is None:
        return RevokeOutcome.NOT_FOUND
    reason = " ".join(reason.split())[:500]
    if not reason:
        return RevokeOutcome.NO_REASON
    certificate = await session.scalar(
        select(Certificate).where(Certificate.serial == serial).with_for_update()
    )
    if certificate is None:
        return RevokeOutcome.NOT_FOUND
    if certificate.revoked_at is not None:
        return RevokeOutcome.ALREADY
    certificate.revoked_at, certificate.revoked_reason = now, reason
    await record(session, telegram_actor(caller), "certificate_revoked", now,
                 target=f"certificate:{certificate.id}")
    return RevokeOutcome.REVOKED
