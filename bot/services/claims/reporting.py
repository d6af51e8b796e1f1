"""Reporting training done elsewhere (/lapor): checking each answer, proposing the JP,
spotting a likely duplicate, and submitting the claim as a pending ledger record.

Every check returns `Invalid` (a code and the values its message needs) rather than
raising, so the flow can say exactly what to fix and stay at the same step. `submit`
checks the whole draft again: a draft may be a day old when it is confirmed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import audit, dialogs
from bot.services.imports.jp_history import ORGANISER_MAX, TITLE_MAX
from bot.services.spreadsheets.cells import JP_MAX, parse_date_cell, parse_jp_amount
from bot.services.claims.rules import Proposal, ProposalError, Rule, Unit, load_rules, propose
from bot.services.ledger.period import JpPeriod, period_for
from models import JpClaim, JpRecord
from models.enums import EvidenceKind, JpSource, JpStatus

TEXT_MIN = 3
MAX_SPAN_DAYS = 366
# A JP is 45 minutes: 24 in a day is already 18 hours of learning.
MAX_JP_PER_DAY = Decimal(24)
PDF_MIME = "application/pdf"
# What a PDF starts with. A document's name and type are only what the sender says: a page
# saved as `sertifikat.pdf.html`, or a program renamed `.pdf`, declares itself a PDF too.
PDF_MAGIC = b"%PDF-"
CLAIM_FLOW = "claim"


class ClaimError(StrEnum):
    """Why an answer was refused; each has a message `claim.error.<value>`."""

    TEXT_TOO_SHORT = "text_too_short"
    TEXT_TOO_LONG = "text_too_long"
    DATE_FORMAT = "date_format"
    DATE_INVALID = "date_invalid"
    DATE_FUTURE = "date_future"
    END_BEFORE_START = "end_before_start"
    SPAN_TOO_LONG = "span_too_long"
    YEAR_CLOSED = "year_closed"
    QUANTITY_FORMAT = "quantity_format"
    QUANTITY_NOT_POSITIVE = "quantity_not_positive"
    QUANTITY_NOT_WHOLE = "quantity_not_whole"
    QUANTITY_TOO_LARGE = "quantity_too_large"
    MORE_THAN_DAYS = "more_than_days"
    TOO_MANY_SESSIONS = "too_many_sessions"
    EVIDENCE_TYPE = "evidence_type"
    EVIDENCE_TOO_LARGE = "evidence_too_large"
    EVIDENCE_CONTENT = "evidence_content"  # declared a PDF, but its bytes are not one
    EVIDENCE_UNREAD = "evidence_unread"  # Telegram did not let us download it just now
    RULE_CHANGED = "rule_changed"


@dataclass(frozen=True, slots=True)
class Invalid:
    error: ClaimError
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Evidence:
    kind: str  # EvidenceKind
    file_id: str
    unique_id: str


@dataclass(frozen=True, slots=True)
class Draft:
    """A complete claim as the employee answered it."""

    category: str
    unit: str  # the rule's unit when the category was chosen
    title: str
    organiser: str
    start: date
    end: date
    international: bool
    quantity: Decimal
    evidence: Evidence | None = None

    @property
    def days(self) -> int:
        return span_days(self.start, self.end)


@dataclass(frozen=True, slots=True)
class Assessment:
    proposal: Proposal
    duplicate_of: int | None  # a record this claim probably repeats
    # A claim (of anyone, not rejected) backed by the very same evidence file; only
    # known once the draft has its evidence.
    same_evidence_as: int | None = None

    @property
    def flagged(self) -> bool:
        """Shown to the employee and the verifier as a likely duplicate (never refused)."""
        return self.duplicate_of is not None or self.same_evidence_as is not None


# ---------------------------------------------------------------- single answers


def clean_text(text: str | None, max_length: int) -> str | Invalid:
    """Spaces collapsed; at least TEXT_MIN and at most `max_length` characters."""
    cleaned = " ".join((text or "").split())
    if len(cleaned) < TEXT_MIN:
        return Invalid(ClaimError.TEXT_TOO_SHORT, {"min": TEXT_MIN})
    if len(cleaned) > max_length:
        return Invalid(ClaimError.TEXT_TOO_LONG, {"max": max_length, "length": len(cleaned)})
    return cleaned


def clean_title(text: str | None) -> str | Invalid:
    return clean_text(text, TITLE_MAX)


def clean_organiser(text: str | None) -> str | Invalid:
    return clean_text(text, ORGANISER_MAX)


_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("januari", "january", "jan"),
        ("februari", "february", "pebruari", "feb", "peb"),
        ("maret", "march", "mar"),
        ("april", "apr"),
        ("mei", "may"),
        ("juni", "june", "jun"),
        ("juli", "july", "jul"),
        ("agustus", "august", "agu", "agt", "ags", "aug"),
        ("september", "sep", "sept"),
        ("oktober", "october", "okt", "oct"),
        ("november", "nopember", "nov", "nop"),
        ("desember", "december", "des", "dec"),
    ),
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _number
_WORDY_DATE = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$")


def parse_day(text: str | None) -> date | Invalid:
    """`31/12/2026`, `31-12-2026`, `2026-12-31` or `31 Desember 2026` (also `31 Des 2026`,
    English month names)."""
    raw = " ".join((text or "").replace(",", " ").split()).casefold()
    if match := _WORDY_DATE.match(raw):
        month = _MONTHS.get(match[2])
        if month is None:
            return Invalid(ClaimError.DATE_FORMAT)
        try:
            return date(int(match[3]), month, int(match[1]))
        except ValueError:
            return Invalid(ClaimError.DATE_INVALID)
    day, error = parse_date_cell(raw)
    if day is None:
        return Invalid(ClaimError.DATE_INVALID if error == "date_invalid" else ClaimError.DATE_FORMAT)
    return day


def open_period(today: date, year_start_month: int) -> JpPeriod:
    """The JP year claims may still be reported for: the current one only. (There is no
    setting for a grace period after the year ends; earlier years go through the OPD
    admin and `import-jp`.)"""
    return period_for(today, year_start_month)


def check_start(start: date, today: date) -> Invalid | None:
    if start > today:
        return Invalid(ClaimError.DATE_FUTURE, {"today": today})
    return None


def check_end(start: date, end: date, today: date, year_start_month: int) -> Invalid | None:
    """Not in the future, not before the start, within a year of it, in the open JP year
    (an activity counts in the year it ended, as the balance does)."""
    if end > today:
        return Invalid(ClaimError.DATE_FUTURE, {"today": today})
    if end < start:
        return Invalid(ClaimError.END_BEFORE_START, {"start": start})
    if span_days(start, end) > MAX_SPAN_DAYS:
        return Invalid(ClaimError.SPAN_TOO_LONG, {"max": MAX_SPAN_DAYS})
    period = open_period(today, year_start_month)
    if not period.contains(end):
        return Invalid(ClaimError.YEAR_CLOSED, {"start": period.start, "end": period.end})
    return None


def span_days(start: date, end: date) -> int:
    return (end - start).days + 1


def months_spanned(start: date, end: date) -> int:
    return (end.year * 12 + end.month) - (start.year * 12 + start.month) + 1


_AMOUNT_ERRORS = {
    "jp_not_positive": ClaimError.QUANTITY_NOT_POSITIVE,
    "jp_too_large": ClaimError.QUANTITY_TOO_LARGE,
}


def parse_amount(text: str | None) -> Decimal | Invalid:
    """A positive amount up to 999.99 with at most two decimals; `12,5` or `12.5`."""
    if text is not None and text.strip().startswith("-"):
        return Invalid(ClaimError.QUANTITY_NOT_POSITIVE)
    amount, error = parse_jp_amount(text)
    if amount is None:
        code = _AMOUNT_ERRORS.get(error or "", ClaimError.QUANTITY_FORMAT)
        return Invalid(code, {"max": JP_MAX} if code == ClaimError.QUANTITY_TOO_LARGE else {})
    return amount


def parse_quantity(text: str | None, unit: str, days: int) -> Decimal | Invalid:
    """Days or sessions (whole, at most one a day of the dates), lesson hours or the
    certificate's JP (at most MAX_JP_PER_DAY a day of the dates)."""
    amount = parse_amount(text)
    if isinstance(amount, Invalid):
        return amount
    if unit in (Unit.DAY, Unit.SESSION, Unit.ACTIVITY):
        if amount != amount.to_integral_value():
            return Invalid(ClaimError.QUANTITY_NOT_WHOLE)
        if amount > days:
            return Invalid(ClaimError.MORE_THAN_DAYS, {"days": days})
        return amount
    limit = MAX_JP_PER_DAY * days
    if amount > limit:
        return Invalid(ClaimError.QUANTITY_TOO_LARGE, {"max": limit})
    return amount


def check_evidence(
    kind: str, file_id: str, unique_id: str, size: int | None, max_mb: int,
    *, mime_type: str | None = None, file_name: str | None = None,
) -> Evidence | Invalid:
    """A photo, or a document that is a PDF; at most `max_mb` megabytes."""
    if kind == EvidenceKind.DOCUMENT:
        is_pdf = mime_type == PDF_MIME or (file_name or "").casefold().endswith(".pdf")
        if not is_pdf:
            return Invalid(ClaimError.EVIDENCE_TYPE, {"max": max_mb})
    elif kind != EvidenceKind.PHOTO:
        return Invalid(ClaimError.EVIDENCE_TYPE, {"max": max_mb})
    if size is not None and size > max_mb * 1024 * 1024:
        return Invalid(ClaimError.EVIDENCE_TOO_LARGE, {"max": max_mb})
    return Evidence(kind, file_id, unique_id)


def check_evidence_content(evidence: Evidence, head: bytes, max_mb: int) -> Invalid | None:
    """A document's first bytes must be a PDF's (`head`: at least its first 8 bytes, read
    after `check_evidence` accepted the declared type and size). A photo needs no check:
    Telegram recompresses photos itself, they are always JPEG."""
    if evidence.kind == EvidenceKind.DOCUMENT and not head.startswith(PDF_MAGIC):
        return Invalid(ClaimError.EVIDENCE_CONTENT, {"max": max_mb})
    return None


# ---------------------------------------------------------------- the whole draft


def normalise_title(title: str) -> str:
    return " ".join(title.split()).casefold()


async def find_duplicate(
    session: AsyncSession, employee_id: int, category: str, title: str, start: date, end: date
) -> int | None:
    """A record of the same employee and category, not rejected, whose dates overlap and
    whose title is the same apart from case and spaces: the oldest such, if any."""
    rows = await session.execute(
        select(JpRecord.id, JpRecord.title)
        .where(
            JpRecord.employee_id == employee_id,
            JpRecord.category == category,
            JpRecord.status != JpStatus.REJECTED,
            JpRecord.start_date <= end,
            JpRecord.end_date >= start,
        )
        .order_by(JpRecord.id)
    )
    wanted = normalise_title(title)
    return next((rid for rid, other in rows if normalise_title(other) == wanted), None)


def _same_evidence_query(unique_id: str) -> Any:
    """Claims, of anyone, whose evidence is the same Telegram file (its file_unique_id is
    the same whoever sends it again), their records not rejected; oldest first."""
    return (
        select(JpClaim.id, JpRecord.employee_id, JpRecord.status)
        .join(JpRecord, JpRecord.id == JpClaim.jp_record_id)
        .where(JpClaim.evidence_unique_id == unique_id, JpRecord.status != JpStatus.REJECTED)
        .order_by(JpClaim.id)
    )


async def find_same_evidence(session: AsyncSession, unique_id: str) -> int | None:
    """The oldest claim (of anyone, not rejected) backed by the same evidence file."""
    return await session.scalar(
        _same_evidence_query(unique_id).with_only_columns(JpClaim.id).limit(1)
    )


@dataclass(frozen=True, slots=True)
class SameEvidence:
    """Another claim backed by the same evidence file, as the verifier sees it."""

    claim_id: int
    same_employee: bool
    status: str  # JpStatus of its record


async def claims_with_same_evidence(
    session: AsyncSession, claim_id: int, employee_id: int, unique_id: str, limit: int = 3
) -> list[SameEvidence]:
    """Other claims than `claim_id` (not rejected) backed by the same evidence file."""
    rows = await session.execute(
        _same_evidence_query(unique_id).where(JpClaim.id != claim_id).limit(limit)
    )
    return [SameEvidence(cid, eid == employee_id, status) for cid, eid, status in rows]


async def sessions_used(
    session: AsyncSession, employee_id: int, rule: Rule, start: date, end: date
) -> int:
    """Sessions of `rule`'s category already recorded or claimed (not rejected) in the
    months from `start` to `end`. A claim says how many; an imported record is counted
    from its JP at the national rate."""
    first = date(start.year, start.month, 1)
    after = date(end.year + end.month // 12, end.month % 12 + 1, 1)
    rows = await session.execute(
        select(JpRecord.jp, JpClaim.quantity)
        .outerjoin(JpClaim, JpClaim.jp_record_id == JpRecord.id)
        .where(
            JpRecord.employee_id == employee_id,
            JpRecord.category == rule.category,
            JpRecord.status != JpStatus.REJECTED,
            JpRecord.start_date < after,
            JpRecord.end_date >= first,
        )
    )
    used = 0
    for jp, quantity in rows:
        if quantity is not None:
            used += int(quantity)
        elif rule.jp_national > 0:
            used += math.ceil(jp / rule.jp_national)
    return used


async def assess(
    session: AsyncSession, employee_id: int, draft: Draft
) -> Assessment | Invalid:
    """The JP the rules give this draft (with the working) and a likely duplicate."""
    rule = (await load_rules(session))[draft.category]
    if rule.unit != draft.unit:
        return Invalid(ClaimError.RULE_CHANGED)
    months = months_spanned(draft.start, draft.end)
    if rule.max_sessions_per_month is not None:
        used = await sessions_used(session, employee_id, rule, draft.start, draft.end)
        allowed = rule.max_sessions_per_month * months
        if used + draft.quantity > allowed:
            return Invalid(ClaimError.TOO_MANY_SESSIONS, {
                "category": rule.category, "max": rule.max_sessions_per_month, "used": used,
                "left": max(allowed - used, 0),
            })
    result = propose(
        rule, draft.quantity, international=draft.international, days=draft.days, months=months
    )
    if isinstance(result, ProposalError):
        # The checks above catch both first (the session count is stricter); this keeps
        # the two in step should the rules ever say more than they check.
        return Invalid(ClaimError.QUANTITY_FORMAT)
    duplicate = await find_duplicate(
        session, employee_id, draft.category, draft.title, draft.start, draft.end
    )
    same_evidence = (
        await find_same_evidence(session, draft.evidence.unique_id)
        if draft.evidence is not None else None
    )
    return Assessment(result, duplicate, same_evidence)


def check_draft(draft: Draft, today: date, year_start_month: int) -> Invalid | None:
    """Every check on the answers that does not need the database."""
    for text, limit in ((draft.title, TITLE_MAX), (draft.organiser, ORGANISER_MAX)):
        cleaned = clean_text(text, limit)
        if isinstance(cleaned, Invalid):
            return cleaned
    problem = check_start(draft.start, today) or check_end(
        draft.start, draft.end, today, year_start_month
    )
    if problem is not None:
        return problem
    if draft.unit != Unit.ACTIVITY:
        quantity = parse_quantity(str(draft.quantity), draft.unit, draft.days)
        if isinstance(quantity, Invalid):
            return quantity
    return None


@dataclass(frozen=True, slots=True)
class Submitted:
    claim_id: int
    record_id: int
    jp: Decimal
    duplicate_of: int | None
    same_evidence_as: int | None = None

    @property
    def flagged(self) -> bool:
        return self.duplicate_of is not None or self.same_evidence_as is not None


@dataclass(frozen=True, slots=True)
class JpChanged:
    """The rules give another JP than the employee was shown and confirmed: nothing was
    written and the draft is still waiting; show `assessment` and ask again."""

    shown: Decimal
    assessment: Assessment


async def submit(
    session: AsyncSession, telegram_user_id: int, employee_id: int, draft: Draft,
    now: datetime, today: date, year_start_month: int, *, shown_jp: Decimal,
) -> Submitted | JpChanged | Invalid | None:
    """Write the pending record and its claim, and end the draft, in the caller's write
    transaction.

    None when the draft is no longer waiting for confirmation (confirmed already,
    cancelled, expired): consuming the dialog row in the same transaction is what makes
    a double press submit once. `shown_jp` is the JP the employee saw in the summary:
    if the rules (changed by a superadmin meanwhile) now give another, JpChanged and
    nothing is written, so what is stored is always what the employee confirmed.
    """
    assert draft.evidence is not None
    problem = check_draft(draft, today, year_start_month)
    if problem is not None:
        return problem
    assessed = await assess(session, employee_id, draft)
    if isinstance(assessed, Invalid):
        return assessed
    if assessed.proposal.jp != shown_jp:
        waiting = await dialogs.peek(session, telegram_user_id, now)
        still = waiting is not None and waiting.flow == CLAIM_FLOW and waiting.step == "confirm"
        return JpChanged(shown_jp, assessed) if still else None
    if not await dialogs.take(session, telegram_user_id, CLAIM_FLOW, "confirm", now):
        return None
    record = JpRecord(
        employee_id=employee_id, title=draft.title, category=draft.category,
        source=JpSource.SELF_REPORT, status=JpStatus.PENDING, jp=assessed.proposal.jp,
        start_date=draft.start, end_date=draft.end, organiser=draft.organiser,
        certificate_number=None, external_key=None, created_at=now,
    )
    session.add(record)
    await session.flush()
    claim = JpClaim(
        jp_record_id=record.id, evidence_file_id=draft.evidence.file_id,
        evidence_unique_id=draft.evidence.unique_id, evidence_kind=draft.evidence.kind,
        international=draft.international, unit=draft.unit, quantity=draft.quantity,
        proposed_jp=assessed.proposal.jp, working=steps_to_json(assessed.proposal.steps),
        duplicate_of_id=assessed.duplicate_of, submitted_at=now,
    )
    session.add(claim)
    await session.flush()
    await audit.record(
        session, audit.telegram_actor(telegram_user_id), "claim.submit", now,
        f"claim:{claim.id}", category=draft.category, jp=str(assessed.proposal.jp),
        duplicate=assessed.duplicate_of is not None,
        same_evidence=assessed.same_evidence_as is not None,
    )
    return Submitted(claim.id, record.id, assessed.proposal.jp, assessed.duplicate_of,
                     assessed.same_evidence_as)


async def unit_of(session: AsyncSession, category: str) -> str:
    """The unit the conversion rule of `category` counts in (days, sessions, …)."""
    return (await load_rules(session))[category].unit.value


def steps_to_json(steps: list[tuple[str, dict[str, str]]]) -> list[Any]:
    return [[key, dict(values)] for key, values in steps]


def steps_from_json(raw: list[Any]) -> list[tuple[str, dict[str, str]]]:
    return [(str(key), {str(k): str(v) for k, v in values.items()}) for key, values in raw]
