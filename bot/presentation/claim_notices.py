"""The employee's news about a reported training, rendered when the outbox sends it, so
the balance in it is the balance at that moment."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from bot.context import AppContext
from bot.i18n import fmt_jp, t
from bot.services.ledger.balance import get_balance
from bot.services.outbox.queue import Notice
from bot.services.outbox.delivery import Claimed
from bot.services.ledger.period import period_for
from models import Employee, JpClaim, JpRecord


async def render_claim_notice(ctx: AppContext, message: Claimed) -> str:
    lang, p = message.language, message.payload
    if message.kind == Notice.CLAIM_REJECTED:
        return t(lang, "claim.notice.rejected", title=p["title"], reason=p["reason"])
    jp = fmt_jp(lang, Decimal(p["jp"]))
    key = "claim.notice.adjusted" if p.get("adjusted") else "claim.notice.approved"
    settings = ctx.settings
    async with ctx.db.read() as session:
        row = (
            await session.execute(
                select(JpRecord.employee_id, JpRecord.end_date, Employee.employee_type)
                .join(JpClaim, JpClaim.jp_record_id == JpRecord.id)
                .join(Employee, Employee.id == JpRecord.employee_id)
                .where(JpClaim.id == int(p["claim_id"]))
            )
        ).first()
        if row is None:
            return t(lang, "claim.notice.approved_short", title=p["title"], jp=jp)
        employee_id, end, employee_type = row
        today = ctx.today()
        period = period_for(end, settings.jp_year_start_month)
        # An activity of a year that has ended since: that year's balance, as it closed.
        day = today if period.contains(today) else period.end
        balance = await get_balance(
            session, employee_id, day, settings.jp_target(employee_type),
            settings.jp_year_start_month,
        )
    return t(lang, key, title=p["title"], jp=jp, year=period.label,
             total=fmt_jp(lang, balance.approved), target=fmt_jp(lang, balance.target))
