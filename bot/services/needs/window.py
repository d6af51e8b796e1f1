"""The planning window of a JP year: when employees may declare, change and withdraw
their needs. Set per year from the console (audited), else from settings
(NEEDS_WINDOW_OPENS / NEEDS_WINDOW_CLOSES as MM-DD), else the first quarter of the JP
year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.audit import record
from bot.services.ledger.period import JpPeriod, period_for, period_starting
from models import NeedsWindow


@dataclass(frozen=True, slots=True)
class WindowRule:
    """The settings: the JP year's first month and the default window (MM-DD or None)."""

    year_start_month: int = 1
    opens: str | None = None
    closes: str | None = None


@dataclass(frozen=True, slots=True)
class Window:
    year: int  # the JP year's label
    opens_on: date
    closes_on: date

    def is_open(self, today: date) -> bool:
        return self.opens_on <= today <= self.closes_on


def _in_period(period: JpPeriod, month_day: str) -> date:
    month, day = (int(part) for part in month_day.split("-"))
    year = period.start.year if month >= period.start.month else period.start.year + 1
    return date(year, month, day)


def default_window(year: int, rule: WindowRule) -> Window:
    period = period_starting(year, rule.year_start_month)
    opens = _in_period(period, rule.opens) if rule.opens else period.start
    if rule.closes:
        closes = _in_period(period, rule.closes)
    else:  # the last day of the JP year's third month
        month = period.start.month + 3
        after = date(period.start.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
        closes = after - timedelta(days=1)
    return Window(year, opens, max(closes, opens))


async def window_of(session: AsyncSession, year: int, rule: WindowRule) -> Window:
    stored = await session.get(NeedsWindow, year)
    if stored is not None:
        return Window(year, stored.opens_on, stored.closes_on)
    return default_window(year, rule)


async def current_window(session: AsyncSession, today: date, rule: WindowRule) -> Window:
    """The window of the JP year `today` is in."""
    return await window_of(session, period_for(today, rule.year_start_month).label, rule)


async def set_window(
    session: AsyncSession, year: int, opens_on: date, closes_on: date, actor: str, now: datetime
) -> Window:
    """Set a year's window (console); audited with the old and new dates."""
    if closes_on < opens_on:
        raise ValueError("closes before it opens")
    stored = await session.get(NeedsWindow, year)
    before = (stored.opens_on.isoformat(), stored.closes_on.isoformat()) if stored else None
    if stored is None:
        session.add(NeedsWindow(year=year, opens_on=opens_on, closes_on=closes_on, updated_at=now))
    else:
        stored.opens_on, stored.closes_on, stored.updated_at = opens_on, closes_on, now
    await record(session, actor, "needs_window", now, target=str(year),
                 opens=opens_on.isoformat(), closes=closes_on.isoformat(),
                 before=list(before) if before else None)
    await session.flush()
    return Window(year, opens_on, closes_on)
