"""Reports too big to build on the event loop: each in a worker thread with a loop and a
database engine of its own, so the bot keeps answering while it is written."""

from __future__ import annotations

import asyncio
import io
from datetime import datetime

from zoneinfo import ZoneInfo

from bot.i18n import t
from bot.services.audit_trail import trail_workbook
from bot.services.compliance.files import write_workbook
from bot.services.compliance.summary import ReportYear, Targets, employee_rows, summary
from models.db import Database


async def compliance_workbook(url: str, year: ReportYear, targets: Targets, opd_id: int | None,
                              lang: str) -> bytes:
    """The full compliance workbook (summary and one row per employee), built off the loop."""
    return await asyncio.to_thread(_compliance_workbook, url, year, targets, opd_id, lang)


def _compliance_workbook(url: str, year: ReportYear, targets: Targets, opd_id: int | None,
                         lang: str) -> bytes:
    async def build() -> bytes:
        db = Database(url)
        try:
            async with db.reading(long=True) as session:
                lines = await summary(session, year, targets, opd_id=opd_id)
                out = io.BytesIO()
                await write_workbook(out, year, lines, employee_rows(session, year, opd_id=opd_id),
                                     lambda key: t(lang, key), (targets.pns, targets.pppk))
            return out.getvalue()
        finally:
            await db.dispose()

    return asyncio.run(build())


async def audit_workbook(url: str, caller: int, tz: ZoneInfo, lang: str) -> tuple[bytes, int]:
    """The whole audit trail as XLSX (superadmins only: checked again in its own
    transaction), built off the loop; with how many entries it holds."""
    return await asyncio.to_thread(_audit_workbook, url, caller, tz, lang)


def _audit_workbook(url: str, caller: int, tz: ZoneInfo, lang: str) -> tuple[bytes, int]:
    async def build() -> tuple[bytes, int]:
        db = Database(url)
        try:
            async with db.reading(long=True) as session:
                return await trail_workbook(session, caller, tz, lambda key: t(lang, key))
        finally:
            await db.dispose()

    return asyncio.run(build())


async def needs_workbook(url: str, year: ReportYear, targets: Targets, opd_id: int | None, min_opds: int,
                         now: datetime, lang: str) -> bytes:
    """The demand workbook (summary, coverage, one row per need), built off the loop."""
    return await asyncio.to_thread(_needs_workbook, url, year, targets, opd_id, min_opds, now, lang)


def _needs_workbook(url: str, year: ReportYear, targets: Targets, opd_id: int | None, min_opds: int,
                    now: datetime, lang: str) -> bytes:
    from bot.services.needs import demand as needs_demand
    from bot.services.needs.files import write_workbook as write_needs_workbook

    async def build() -> bytes:
        db = Database(url)
        try:
            async with db.reading(long=True) as session:
                found = await needs_demand.demand(session, year, targets, opd_id=opd_id, min_opds=min_opds)
                supply = await needs_demand.coverage(session, found, now)
                out = io.BytesIO()
                await write_needs_workbook(out, found, supply,
                                           needs_demand.need_rows(session, year, targets, opd_id=opd_id),
                                           lambda key: t(lang, key))
            return out.getvalue()
        finally:
            await db.dispose()

    return asyncio.run(build())
