"""Linking a Telegram account to a roster entry: by shared contact or by one-time code.

Codes are stored as HMAC-SHA-256 keyed with a server secret kept outside the database
(bot/link_secret.py), so a leaked database does not give them away. Codes issued before
the key was introduced were stored as plain SHA-256; they are still accepted until they
expire (LINK_CODE_TTL_DAYS, 7 days by default), and no new code is stored that way.

Wrong guesses are limited per Telegram account and, against many accounts guessing
together, for all accounts at once (a WARNING is logged when that limit trips).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services.identity.accounts import close_link, get_or_create_account
from bot.services.identity.nip import clean_nip
from bot.services.identity.phone import normalize_phone
from bot.services.identity.roles import bind_roles, suspended_by_unlink
from models import AccountLink, Employee, LinkAttempt, LinkCode, TelegramAccount

# No 0/O, 1/I/L: codes are read aloud and copied from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10  # 31**10 ≈ 2**49.5 possibilities
RATE_WINDOW = timedelta(hours=1)

log = logging.getLogger(__name__)


class LinkOutcome(StrEnum):
    LINKED = "linked"
    ALREADY_LINKED = "already_linked"  # this account is linked to this very employee
    ACCOUNT_HAS_OTHER = "account_has_other"  # this account is linked to someone else
    EMPLOYEE_TAKEN = "employee_taken"  # the employee is linked to another account
    NOT_OWN_CONTACT = "not_own_contact"
    INVALID_PHONE = "invalid_phone"
    NOT_FOUND = "not_found"
    AMBIGUOUS = "ambiguous"  # several roster entries share the phone number
    CODE_UNKNOWN = "code_unknown"
    CODE_EXPIRED = "code_expired"
    CODE_USED = "code_used"
    RATE_LIMITED = "rate_limited"
    RATE_LIMITED_GLOBAL = "rate_limited_global"  # too many wrong guesses from everyone
    NOT_A_CODE = "not_a_code"  # not shaped like a code (a stale or foreign link): no attempt used


@dataclass(frozen=True, slots=True)
class LinkResult:
    outcome: LinkOutcome
    employee_name: str | None = None
    retry_at: datetime | None = None
    attempts_left: int | None = None


@dataclass(frozen=True, slots=True)
class IssuedCode:
    code: str
    expires_at: datetime
    employee_name: str
    employee_id: int = 0


def normalize_code(raw: str) -> str | None:
    """The canonical form of a typed code, or None when it cannot be one."""
    text = "".join(ch for ch in raw.upper() if ch not in " -_\t")
    if len(text) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in text):
        return None
    return text


def looks_like_code(text: str) -> bool:
    return normalize_code(text) is not None


def hash_code(code: str, key: bytes) -> str:
    """What is stored for a code: HMAC-SHA-256 with the server's secret `key`."""
    return hmac.new(key, code.encode("ascii"), hashlib.sha256).hexdigest()


def legacy_hash(code: str) -> str:
    """How codes issued before the key were stored (plain SHA-256); read, never written."""
    return hashlib.sha256(code.encode("ascii")).hexdigest()


def format_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


async def issue_link_code(
    session: AsyncSession, nip: str, clock: Clock, ttl: timedelta, issued_by: str | None,
    *, key: bytes,
) -> IssuedCode | None:
    """Create a one-time code for the employee with this NIP; None if no such employee.
    `key`: the server secret the stored hash is keyed with."""
    employee = await session.scalar(select(Employee).where(Employee.nip == clean_nip(nip)))
    if employee is None:
        return None
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    now = clock.now()
    session.add(
        LinkCode(
            employee_id=employee.id,
            code_hash=hash_code(code, key),
            created_at=now,
            expires_at=now + ttl,
            issued_by=issued_by,
        )
    )
    await session.flush()
    return IssuedCode(format_code(code), now + ttl, employee.name, employee.id)


async def link_by_contact(
    session: AsyncSession,
    telegram_user_id: int,
    contact_user_id: int | None,
    phone_number: str,
    clock: Clock,
    default_language: str,
) -> LinkResult:
    """Link through Telegram's "share my phone number": only the sender's own contact counts."""
    if contact_user_id != telegram_user_id:
        return LinkResult(LinkOutcome.NOT_OWN_CONTACT)
    phone = normalize_phone(phone_number)
    if phone is None:
        return LinkResult(LinkOutcome.INVALID_PHONE)
    matches = (
        await session.scalars(
            select(Employee).where(Employee.phone == phone, Employee.is_active.is_(True)).limit(2)
        )
    ).all()
    if not matches:
        return LinkResult(LinkOutcome.NOT_FOUND)
    if len(matches) > 1:
        return LinkResult(LinkOutcome.AMBIGUOUS)
    return await _attach(
        session, telegram_user_id, matches[0], clock, default_language, take_over=False
    )


async def link_by_code(
    session: AsyncSession,
    telegram_user_id: int,
    raw_code: str,
    clock: Clock,
    default_language: str,
    attempts_per_hour: int,
    *,
    key: bytes,
    global_attempts_per_hour: int = 200,
) -> LinkResult:
    """Link with a code an admin issued. Wrong guesses are counted and limited per hour,
    per account (`attempts_per_hour`) and for all accounts together
    (`global_attempts_per_hour`: past it, every code is refused until the hour is over).

    A valid code moves the employee to this account even if another account held it:
    the admin who issued the code vouches for the person (e.g. a new phone).

    A payload that cannot be a code at all (a stale deep link of another kind, a typo in
    the link) is no guess: it is answered without using up an attempt.
    """
    if normalize_code(raw_code) is None:
        return LinkResult(LinkOutcome.NOT_A_CODE)
    now = clock.now()
    window_start = now - RATE_WINDOW
    failures = (
        await session.execute(
            select(func.count(), func.min(LinkAttempt.created_at)).where(
                LinkAttempt.telegram_user_id == telegram_user_id,
                LinkAttempt.created_at > window_start,
            )
        )
    ).one()
    if failures[0] >= attempts_per_hour:
        return LinkResult(LinkOutcome.RATE_LIMITED, retry_at=failures[1] + RATE_WINDOW)
    everyone = await session.scalar(
        select(func.count()).select_from(LinkAttempt).where(LinkAttempt.created_at > window_start)
    ) or 0
    if everyone >= global_attempts_per_hour:
        return LinkResult(LinkOutcome.RATE_LIMITED_GLOBAL,
                          retry_at=await _global_retry_at(session, window_start, everyone,
                                                          global_attempts_per_hour))

    code = normalize_code(raw_code)
    link_code = None
    if code is not None:
        # Both forms during the transition (see the module docstring); they never collide.
        link_code = await session.scalar(
            select(LinkCode)
            .where(LinkCode.code_hash.in_((hash_code(code, key), legacy_hash(code))))
            .with_for_update()
        )
    problem: LinkOutcome | None = None
    if link_code is None:
        problem = LinkOutcome.CODE_UNKNOWN
    elif link_code.used_at is not None:
        problem = LinkOutcome.CODE_USED
    elif link_code.expires_at <= now:
        problem = LinkOutcome.CODE_EXPIRED
    if problem is not None:
        session.add(LinkAttempt(telegram_user_id=telegram_user_id, created_at=now))
        if everyone + 1 >= global_attempts_per_hour:
            # Counts only: who guessed is no business of the log.
            log.warning("link codes: %d wrong guesses from all accounts within an hour; every "
                        "code is refused until the hour has passed (LINK_ATTEMPTS_GLOBAL_PER_HOUR)",
                        everyone + 1)
        return LinkResult(problem, attempts_left=max(attempts_per_hour - failures[0] - 1, 0))

    assert link_code is not None
    employee = await session.get_one(Employee, link_code.employee_id)
    result = await _attach(
        session, telegram_user_id, employee, clock, default_language, take_over=True
    )
    if result.outcome == LinkOutcome.LINKED:
        link_code.used_at = now
        link_code.used_by_telegram_id = telegram_user_id
    return result


async def _global_retry_at(
    session: AsyncSession, window_start: datetime, count: int, limit: int
) -> datetime:
    """When the count of wrong guesses in the window drops below `limit` again: an hour
    after the guess that has to age out for that."""
    aging = await session.scalar(
        select(LinkAttempt.created_at).where(LinkAttempt.created_at > window_start)
        .order_by(LinkAttempt.created_at).offset(count - limit).limit(1)
    )
    assert aging is not None
    return aging + RATE_WINDOW


async def _attach(
    session: AsyncSession,
    telegram_user_id: int,
    employee: Employee,
    clock: Clock,
    default_language: str,
    *,
    take_over: bool,
) -> LinkResult:
    account = await session.scalar(
        select(TelegramAccount).where(TelegramAccount.telegram_user_id == telegram_user_id)
    )
    if account is not None and account.employee_id == employee.id:
        return LinkResult(LinkOutcome.ALREADY_LINKED, employee.name)
    if account is not None and account.employee_id is not None:
        return LinkResult(LinkOutcome.ACCOUNT_HAS_OTHER)
    holder = await session.scalar(
        select(TelegramAccount).where(TelegramAccount.employee_id == employee.id)
    )
    if holder is not None:
        if not take_over:
            return LinkResult(LinkOutcome.EMPLOYEE_TAKEN)
        await close_link(session, holder.telegram_user_id, employee.id, clock.now())
        holder.employee_id = None
        holder.linked_at = None
        await session.flush()
        await suspended_by_unlink(session, holder.telegram_user_id, employee.id, clock.now())
    if account is None:
        account = await get_or_create_account(session, telegram_user_id, clock, default_language)
    try:
        # A savepoint: a concurrent link of the same employee loses cleanly, nothing half-written.
        async with session.begin_nested():
            account.employee_id = employee.id
            account.linked_at = clock.now()
            await session.flush()
    except IntegrityError:
        return LinkResult(LinkOutcome.EMPLOYEE_TAKEN)
    session.add(AccountLink(telegram_user_id=telegram_user_id, employee_id=employee.id,
                            linked_at=clock.now()))
    await bind_roles(session, telegram_user_id, employee.id, clock.now())
    return LinkResult(LinkOutcome.LINKED, employee.name)
