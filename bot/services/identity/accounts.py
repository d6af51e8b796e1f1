"""Who is talking to the bot: their account, language and linked employee."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services.identity.roles import suspended_by_unlink
from models import AccountLink, Employee, Opd, TelegramAccount
from models.enums import Language


@dataclass(frozen=True, slots=True)
class Viewer:
    telegram_user_id: int
    language: str
    employee_id: int | None = None
    employee_name: str | None = None
    employee_type: str | None = None
    opd_name: str | None = None

    @property
    def linked(self) -> bool:
        return self.employee_id is not None


_VIEWER_QUERY = (
    select(
        TelegramAccount.language,
        TelegramAccount.employee_id,
        Employee.name,
        Employee.employee_type,
        Opd.name,
    )
    .outerjoin(Employee, Employee.id == TelegramAccount.employee_id)
    .outerjoin(Opd, Opd.id == Employee.opd_id)
)


# Built once: the viewer is read on nearly every update.
_VIEWER_BY_USER = _VIEWER_QUERY.where(
    TelegramAccount.telegram_user_id == bindparam("telegram_user_id")
)


async def get_viewer(session: AsyncSession, telegram_user_id: int, default_language: str) -> Viewer:
    """The account behind a Telegram user, in one query; unknown users get the default language."""
    connection = await session.connection()
    row = (await connection.execute(_VIEWER_BY_USER, {"telegram_user_id": telegram_user_id})).first()
    if row is None:
        return Viewer(telegram_user_id, default_language)
    language, employee_id, name, employee_type, opd_name = row
    return Viewer(telegram_user_id, language, employee_id, name, employee_type, opd_name)


async def get_or_create_account(
    session: AsyncSession, telegram_user_id: int, clock: Clock, default_language: str
) -> TelegramAccount:
    account = await session.scalar(
        select(TelegramAccount).where(TelegramAccount.telegram_user_id == telegram_user_id)
    )
    if account is None:
        account = TelegramAccount(
            telegram_user_id=telegram_user_id, language=default_language, created_at=clock.now()
        )
        session.add(account)
        await session.flush()
    return account


async def set_language(
    session: AsyncSession, telegram_user_id: int, language: str, clock: Clock
) -> str:
    """Remember the user's language; unknown codes raise ValueError."""
    lang = Language(language).value
    account = await get_or_create_account(session, telegram_user_id, clock, lang)
    account.language = lang
    await session.flush()  # the viewer is read with a Core statement, which does not autoflush
    return lang


async def unlink(session: AsyncSession, telegram_user_id: int, now: datetime) -> bool:
    """Remove the link to the employee; the roster entry and JP records stay, and so does
    the memory of the link (admins never decide claims of someone they were linked to).
    Admin roles held on that employee's behalf are suspended until the account links
    back. False if there was no link."""
    account = await session.scalar(
        select(TelegramAccount).where(TelegramAccount.telegram_user_id == telegram_user_id)
    )
    if account is None or account.employee_id is None:
        return False
    employee_id = account.employee_id
    await close_link(session, telegram_user_id, employee_id, now)
    account.employee_id = None
    account.linked_at = None
    await session.flush()
    await suspended_by_unlink(session, telegram_user_id, employee_id, now)
    return True


async def close_link(session: AsyncSession, telegram_user_id: int, employee_id: int,
                     now: datetime) -> None:
    """End the account's open link history with the employee."""
    await session.execute(
        update(AccountLink)
        .where(AccountLink.telegram_user_id == telegram_user_id,
               AccountLink.employee_id == employee_id, AccountLink.unlinked_at.is_(None))
        .values(unlinked_at=now)
        .execution_options(synchronize_session=False)
    )


# "Paused until changed" is stored as a date no one will live to see.
PAUSED_FOREVER = datetime(2100, 1, 1, tzinfo=timezone.utc)
PAUSE_DAYS = 30


@dataclass(frozen=True, slots=True)
class Preferences:
    language: str
    behind_paused_until: datetime | None
    session_reminders: bool
    monthly_digest: bool = True


async def get_preferences(
    session: AsyncSession, telegram_user_id: int, default_language: str
) -> Preferences:
    account = await session.scalar(
        select(TelegramAccount).where(TelegramAccount.telegram_user_id == telegram_user_id)
    )
    if account is None:
        return Preferences(default_language, None, True)
    return Preferences(account.language, account.behind_paused_until, account.session_reminders,
                       account.monthly_digest)


async def set_reminders(
    session: AsyncSession,
    telegram_user_id: int,
    clock: Clock,
    default_language: str,
    *,
    behind: str | None = None,
    sessions: bool | None = None,
    digest: bool | None = None,
) -> Preferences:
    """`behind`: "pause30" (for 30 days), "pause" (until changed) or "on"."""
    account = await get_or_create_account(session, telegram_user_id, clock, default_language)
    if behind == "pause30":
        account.behind_paused_until = clock.now() + timedelta(days=PAUSE_DAYS)
    elif behind == "pause":
        account.behind_paused_until = PAUSED_FOREVER
    elif behind == "on":
        account.behind_paused_until = None
    if sessions is not None:
        account.session_reminders = sessions
    if digest is not None:
        account.monthly_digest = digest
    account.blocked_at = None  # they are talking to us: not blocked any more
    return Preferences(account.language, account.behind_paused_until, account.session_reminders,
                       account.monthly_digest)
