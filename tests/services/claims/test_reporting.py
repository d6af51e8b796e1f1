"""Reported training: every check on the answers, the proposal, duplicates, submission,
and verification (scope, exactly-once decisions, audit, the employee's notice)."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.services import dialogs
from bot.services.ledger.balance import get_balance
from bot.services.claims.review import Decided, Outcome, approve, next_claim, pending_claim, reject
from bot.services.identity.roles import NotAllowed
from bot.services.claims.reporting import (
    MAX_SPAN_DAYS,
    Assessment,
    ClaimError,
    Draft,
    Evidence,
    Invalid,
    JpChanged,
    SameEvidence,
    Submitted,
    assess,
    check_end,
    check_evidence,
    check_start,
    clean_text,
    clean_title,
    parse_amount,
    parse_day,
    parse_quantity,
    submit,
)
from bot.services.dialogs import DialogState
from bot.services.claims.rules import DEFAULT_RULES, Proposal, Unit, propose
from models import AdminRole, AuditLog, Employee, JpClaim, JpRecord, JpRule, Opd, OutboxMessage
from models.db import Database
from models.enums import AdminRoleKind, JpCategory, JpSource, JpStatus
from tests.factories import NOW, link_account, make_admin, make_employee, make_opd, make_record

D = Decimal
TODAY = date(2026, 11, 28)  # the `clock` fixture's day
PHOTO = Evidence("photo", "file-1", "u-file-1")
EMPLOYEE_TG, SUPER_TG, OPD_ADMIN_TG, OTHER_ADMIN_TG, NOBODY_TG = 5101, 5102, 5103, 5104, 5105


def draft(**changes: object) -> Draft:
    base = Draft(
        category=JpCategory.SEMINAR, unit=Unit.DAY, title="Seminar Nasional Kebijakan Publik",
        organiser="LAN RI", start=date(2026, 11, 2), end=date(2026, 11, 3),
        international=False, quantity=D(2), evidence=PHOTO,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def error_of(result: object) -> ClaimError | None:
    return result.error if isinstance(result, Invalid) else None


# ---------------------------------------------------------------- single answers


@pytest.mark.parametrize("text, expected", [
    ("03/11/2026", date(2026, 11, 3)),
    ("3-11-2026", date(2026, 11, 3)),
    ("2026-11-03", date(2026, 11, 3)),
    ("3.11.2026", date(2026, 11, 3)),
    ("3 November 2026", date(2026, 11, 3)),
    ("3 Nopember 2026", date(2026, 11, 3)),
    (" 17  agustus 2026 ", date(2026, 8, 17)),
    ("17 Agt. 2026", date(2026, 8, 17)),
    ("1 Mei 2026", date(2026, 5, 1)),
    ("1 May, 2026", date(2026, 5, 1)),
    ("25 Des 2025", date(2025, 12, 25)),
])
def test_dates_in_the_forms_people_write(text: str, expected: date) -> None:
    assert parse_day(text) == expected


@pytest.mark.parametrize("text, error", [
    ("kemarin", ClaimError.DATE_FORMAT),
    ("11/2026", ClaimError.DATE_FORMAT),
    ("3 Brumaire 2026", ClaimError.DATE_FORMAT),
    ("", ClaimError.DATE_FORMAT),
    ("31/02/2026", ClaimError.DATE_INVALID),
    ("31 April 2026", ClaimError.DATE_INVALID),
    ("2026-13-01", ClaimError.DATE_INVALID),
])
def test_dates_that_are_refused(text: str, error: ClaimError) -> None:
    assert error_of(parse_day(text)) == error


def test_titles_and_organisers_are_trimmed_and_limited() -> None:
    assert clean_title("  Bimtek   SAKIP \n 2026 ") == "Bimtek SAKIP 2026"
    assert error_of(clean_title("  ab ")) == ClaimError.TEXT_TOO_SHORT
    assert error_of(clean_title(None)) == ClaimError.TEXT_TOO_SHORT
    too_long = clean_title("x" * 301)
    assert isinstance(too_long, Invalid) and too_long.values == {"max": 300, "length": 301}
    assert clean_title("x" * 300) == "x" * 300
    assert error_of(clean_text("y" * 201, 200)) == ClaimError.TEXT_TOO_LONG


def test_no_future_dates_no_end_before_start_and_only_the_open_year() -> None:
    assert check_start(TODAY, TODAY) is None
    assert error_of(check_start(TODAY + timedelta(days=1), TODAY)) == ClaimError.DATE_FUTURE
    start = date(2026, 11, 2)
    assert check_end(start, start, TODAY, 1) is None
    assert error_of(check_end(start, TODAY + timedelta(days=1), TODAY, 1)) == ClaimError.DATE_FUTURE
    assert error_of(check_end(start, date(2026, 11, 1), TODAY, 1)) == ClaimError.END_BEFORE_START
    closed = check_end(date(2025, 12, 1), date(2025, 12, 31), TODAY, 1)
    assert isinstance(closed, Invalid) and closed.error == ClaimError.YEAR_CLOSED
    assert closed.values == {"start": date(2026, 1, 1), "end": date(2026, 12, 31)}
    # An activity across New Year counts in the year it ended, like the balance.
    assert check_end(date(2025, 12, 29), date(2026, 1, 3), TODAY, 1) is None
    # A JP year starting in July: 2026-06-30 belongs to the year that ended.
    assert error_of(check_end(date(2026, 6, 1), date(2026, 6, 30), TODAY, 7)) == ClaimError.YEAR_CLOSED
    long_ago = TODAY - timedelta(days=MAX_SPAN_DAYS)
    assert error_of(check_end(long_ago, TODAY, TODAY, 1)) == ClaimError.SPAN_TOO_LONG


@pytest.mark.parametrize("text, unit, days, expected", [
    ("2", Unit.DAY, 2, D(2)),
    ("3", Unit.DAY, 2, ClaimError.MORE_THAN_DAYS),
    ("1,5", Unit.DAY, 2, ClaimError.QUANTITY_NOT_WHOLE),
    ("2", Unit.SESSION, 5, D(2)),
    ("6", Unit.SESSION, 5, ClaimError.MORE_THAN_DAYS),
    ("2,5", Unit.HOUR, 1, D("2.5")),
    ("2.5 JP", Unit.HOUR, 1, D("2.5")),
    ("24", Unit.HOUR, 1, D(24)),
    ("24,5", Unit.HOUR, 1, ClaimError.QUANTITY_TOO_LARGE),
    ("48", Unit.HOUR, 2, D(48)),
    ("32", Unit.PROGRAM, 2, D(32)),
    ("100", Unit.PROGRAM, 2, ClaimError.QUANTITY_TOO_LARGE),
    ("1000", Unit.PROGRAM, 366, ClaimError.QUANTITY_TOO_LARGE),
    ("0", Unit.HOUR, 1, ClaimError.QUANTITY_NOT_POSITIVE),
    ("-3", Unit.HOUR, 1, ClaimError.QUANTITY_NOT_POSITIVE),
    ("dua", Unit.DAY, 2, ClaimError.QUANTITY_FORMAT),
    ("1,234", Unit.HOUR, 1, ClaimError.QUANTITY_FORMAT),
    ("", Unit.HOUR, 1, ClaimError.QUANTITY_FORMAT),
])
def test_quantities(text: str, unit: Unit, days: int, expected: object) -> None:
    result = parse_quantity(text, unit, days)
    assert (error_of(result) if isinstance(expected, ClaimError) else result) == expected


def test_an_adjusted_jp_accepts_a_decimal_comma_and_stays_sane() -> None:
    assert parse_amount("7,5") == D("7.5")
    assert error_of(parse_amount("0")) == ClaimError.QUANTITY_NOT_POSITIVE
    assert error_of(parse_amount("1000")) == ClaimError.QUANTITY_TOO_LARGE
    assert error_of(parse_amount("banyak")) == ClaimError.QUANTITY_FORMAT


@settings(max_examples=300, deadline=None)
@given(category=st.sampled_from(sorted(DEFAULT_RULES)), days=st.integers(1, 40),
       hundredths=st.integers(1, 99_999), international=st.booleans())
def test_whatever_the_checks_accept_the_rules_can_convert(
    category: str, days: int, hundredths: int, international: bool
) -> None:
    """parse_quantity and propose agree: an accepted amount always gets a proposal, never
    above the per-day cap, and a whole number of days/sessions converts exactly."""
    rule = DEFAULT_RULES[category]
    quantity = parse_quantity(str(D(hundredths) / 100), rule.unit, days)
    if isinstance(quantity, Invalid) or rule.unit == Unit.SESSION:
        return  # sessions also depend on the month's count (tested with the database)
    result = propose(rule, quantity, international=international, days=days)
    assert isinstance(result, Proposal)
    rate = rule.jp_international if international else rule.jp_national
    if rule.max_jp_per_day is None:
        assert result.jp == (quantity * rate).quantize(D("0.01"))
    else:
        assert result.jp == min((quantity * rate).quantize(D("0.01")), rule.max_jp_per_day * days)


def test_evidence_is_a_photo_or_a_pdf_within_the_limit() -> None:
    mb = 1024 * 1024
    assert check_evidence("photo", "f", "u", 2 * mb, 10) == Evidence("photo", "f", "u")
    assert isinstance(check_evidence("document", "f", "u", mb, 10, mime_type="application/pdf"), Evidence)
    assert isinstance(check_evidence("document", "f", "u", mb, 10, file_name="SERTIFIKAT.PDF"), Evidence)
    refused = check_evidence("document", "f", "u", mb, 10, mime_type="application/msword",
                             file_name="sertifikat.docx")
    assert isinstance(refused, Invalid) and refused.error == ClaimError.EVIDENCE_TYPE
    assert error_of(check_evidence("text", "", "", None, 10)) == ClaimError.EVIDENCE_TYPE
    assert check_evidence("photo", "f", "u", 10 * mb, 10) == Evidence("photo", "f", "u")
    big = check_evidence("document", "f", "u", 10 * mb + 1, 10, mime_type="application/pdf")
    assert isinstance(big, Invalid) and big.error == ClaimError.EVIDENCE_TOO_LARGE
    assert big.values == {"max": 10}


# ---------------------------------------------------------------- with the database


async def _employee(db: Database, tg: int = EMPLOYEE_TG) -> int:
    async with db.writing() as s:
        employee = await make_employee(s, phone=None)
        await link_account(s, employee, tg)
        return employee.id


async def _assess(db: Database, employee_id: int, d: Draft) -> object:
    async with db.reading() as s:
        return await assess(s, employee_id, d)


async def test_the_proposal_shows_the_working_and_the_daily_cap(db: Database) -> None:
    employee_id = await _employee(db)
    result = await _assess(db, employee_id, draft(
        category=JpCategory.E_LEARNING, unit=Unit.HOUR, quantity=D(10),
        start=date(2026, 11, 2), end=date(2026, 11, 3)))
    assert not isinstance(result, Invalid)
    assert result.proposal.jp == D(6) and result.proposal.capped  # type: ignore[attr-defined]
    seminar = await _assess(db, employee_id, draft(international=True))
    assert seminar.proposal.jp == D(12)  # type: ignore[attr-defined]  # 2 days × 6 JP


async def test_guidance_sessions_count_what_the_month_already_has(db: Database) -> None:
    employee_id = await _employee(db)
    guidance = dict(category=JpCategory.BIMBINGAN_KERJA, unit=Unit.SESSION, quantity=D(1),
                    title="Bimbingan penyusunan SKP", start=date(2026, 11, 10), end=date(2026, 11, 10))
    async with db.writing() as s:
        employee = await s.get(Employee, employee_id)
        await make_record(s, employee, "2", date(2026, 11, 3), category=JpCategory.BIMBINGAN_KERJA)
        # Rejected records and other months do not count.
        await make_record(s, employee, "2", date(2026, 11, 4), category=JpCategory.BIMBINGAN_KERJA,
                          status=JpStatus.REJECTED)
        await make_record(s, employee, "4", date(2026, 10, 30), category=JpCategory.BIMBINGAN_KERJA)
    ok = await _assess(db, employee_id, draft(**guidance))  # type: ignore[arg-type]
    assert ok.proposal.jp == D(2)  # type: ignore[attr-defined]
    too_many = await _assess(db, employee_id, draft(**{**guidance, "quantity": D(2)}))  # type: ignore[arg-type]
    assert isinstance(too_many, Invalid) and too_many.error == ClaimError.TOO_MANY_SESSIONS
    assert too_many.values == {"category": JpCategory.BIMBINGAN_KERJA, "max": 2, "used": 1,
                               "left": 1}

    # A pending claim of one session fills the month.
    await _submit(db, employee_id, draft(**guidance))  # type: ignore[arg-type]
    full = await _assess(db, employee_id, draft(**{**guidance, "start": date(2026, 11, 20),  # type: ignore[arg-type]
                                                   "end": date(2026, 11, 20)}))
    assert isinstance(full, Invalid) and full.values["left"] == 0
    two_days = await _assess(db, employee_id, draft(**{**guidance, "start": date(2026, 11, 27),  # type: ignore[arg-type]
                                                       "end": date(2026, 11, 28)}))
    assert isinstance(two_days, Invalid)  # the same month, whatever the days


async def test_a_likely_duplicate_is_flagged(db: Database) -> None:
    employee_id = await _employee(db)
    async with db.writing() as s:
        employee = await s.get(Employee, employee_id)
        record = await make_record(s, employee, "8", date(2026, 11, 3), category=JpCategory.SEMINAR,
                                   title="seminar nasional  KEBIJAKAN publik")
        record_id = record.id
    same = await _assess(db, employee_id, draft())
    assert same.duplicate_of == record_id  # type: ignore[attr-defined]
    for changes in ({"category": JpCategory.WORKSHOP}, {"title": "Seminar Daerah Kebijakan Publik"},
                    {"start": date(2026, 11, 4), "end": date(2026, 11, 5)}):
        other = await _assess(db, employee_id, draft(**changes))  # type: ignore[arg-type]
        assert other.duplicate_of is None, changes  # type: ignore[attr-defined]


async def _submit(
    db: Database, employee_id: int, d: Draft, tg: int = EMPLOYEE_TG, today: date = TODAY,
    shown_jp: Decimal | None = None,
) -> object:
    """Submit as the handler does: the JP shown is what the rules gave at the summary."""
    if shown_jp is None:
        assessed = await _assess(db, employee_id, d)
        shown_jp = D(0) if isinstance(assessed, Invalid) else assessed.proposal.jp  # type: ignore[attr-defined]
    async with db.writing() as s:
        await dialogs.save(s, tg, DialogState("claim", "confirm", {}), NOW, timedelta(days=3650))
    return await _submit_now(db, tg, employee_id, d, today, shown_jp)


async def _submit_now(db: Database, tg: int, employee_id: int, d: Draft, today: date,
                      shown_jp: Decimal) -> object:
    """One press of "Kirim": a unit of work of its own."""
    async with db.writing() as s:
        return await submit(s, tg, employee_id, d, NOW, today, 1, shown_jp=shown_jp)


async def _approve(db: Database, *args: object, **options: object) -> Decided:
    async with db.writing() as s:
        return await approve(s, *args, **options)  # type: ignore[arg-type]


async def _reject(db: Database, *args: object) -> Decided:
    async with db.writing() as s:
        return await reject(s, *args)  # type: ignore[arg-type]


async def _draft_of(db: Database, tg: int) -> object:
    async with db.writing() as s:
        return (await dialogs.current(s, tg, NOW)).state


async def _counts(db: Database) -> tuple[int, int]:
    async with db.reading() as s:
        records = await s.scalar(select(func.count()).select_from(JpRecord))
        claims = await s.scalar(select(func.count()).select_from(JpClaim))
    return int(records or 0), int(claims or 0)


async def test_submit_writes_a_pending_record_and_its_claim_once(db: Database) -> None:
    employee_id = await _employee(db)
    result = await _submit(db, employee_id, draft())
    assert isinstance(result, Submitted) and result.jp == D(8)
    async with db.reading() as s:
        record = await s.get(JpRecord, result.record_id)
        claim = await s.get(JpClaim, result.claim_id)
        balance = await get_balance(s, employee_id, TODAY, D(20))
    assert record is not None and claim is not None
    assert (record.status, record.source, record.jp) == (JpStatus.PENDING, JpSource.SELF_REPORT, D(8))
    assert (claim.evidence_file_id, claim.evidence_kind, claim.quantity) == ("file-1", "photo", D(2))
    assert claim.working == [["rule.step.day", {"quantity": "2", "rate": "4", "jp": "8"}]]
    assert claim.decision is None and claim.duplicate_of_id is None
    assert balance.approved == 0 and balance.pending_total == D(8)
    assert (await _draft_of(db, EMPLOYEE_TG)) is None  # the draft is consumed

    # Pressing "send" again (the draft is gone) writes nothing more.
    assert await _submit_now(db, EMPLOYEE_TG, employee_id, draft(), TODAY, D(8)) is None
    assert await _counts(db) == (1, 1)


async def test_submit_checks_again_and_writes_nothing_when_invalid(db: Database) -> None:
    employee_id = await _employee(db)
    # Confirmed on 2 January: the activity's year has closed since it was entered.
    late = await _submit(db, employee_id, draft(), today=date(2027, 1, 2))
    assert error_of(late) == ClaimError.YEAR_CLOSED
    assert error_of(await _submit(db, employee_id, draft(title="ab"))) == ClaimError.TEXT_TOO_SHORT
    assert error_of(await _submit(db, employee_id, draft(quantity=D(3)))) == ClaimError.MORE_THAN_DAYS
    changed = await _submit(db, employee_id, draft(unit=Unit.HOUR))
    assert error_of(changed) == ClaimError.RULE_CHANGED
    assert await _counts(db) == (0, 0)
    assert (await _draft_of(db, EMPLOYEE_TG)) is not None  # left for the handler


# ---------------------------------------------------------------- verification


async def _world(db: Database) -> dict[str, int]:
    """Two OPDs, an employee in each with a claim, a superadmin and an OPD admin of the first."""
    async with db.writing() as s:
        health, works = await make_opd(s, "Dinas Kesehatan"), await make_opd(s, "Dinas PU")
        ids: dict[str, int] = {"health": health.id, "works": works.id}
        for key, opd, tg in (("andi", health, EMPLOYEE_TG), ("budi", works, EMPLOYEE_TG + 50)):
            employee = await make_employee(s, opd=opd, name=key.title(), phone=None)
            await link_account(s, employee, tg)
            ids[key] = employee.id
        # Admins are employees too, both of Dinas Kesehatan.
        await make_admin(s, SUPER_TG, health, name="Super", superadmin=True)
        await make_admin(s, OPD_ADMIN_TG, health, name="Admin Kesehatan")
        await make_admin(s, OTHER_ADMIN_TG, works, name="Admin PU")
    andi = await _submit(db, ids["andi"], draft())
    budi = await _submit(db, ids["budi"], draft(title="Workshop SPBE", category=JpCategory.WORKSHOP),
                         tg=EMPLOYEE_TG + 50)
    assert isinstance(andi, Submitted) and isinstance(budi, Submitted)
    ids["andi_claim"], ids["budi_claim"] = andi.claim_id, budi.claim_id
    ids["andi_record"] = andi.record_id
    return ids


async def _record(db: Database, record_id: int) -> JpRecord:
    async with db.reading() as s:
        record = await s.get(JpRecord, record_id)
    assert record is not None
    return record


async def _audit_and_outbox(db: Database) -> tuple[list[AuditLog], list[OutboxMessage]]:
    async with db.reading() as s:
        entries = list(await s.scalars(select(AuditLog).where(AuditLog.action != "claim.submit")))
        outbox = list(await s.scalars(select(OutboxMessage)))
    return entries, outbox


async def test_each_admin_sees_their_scope_oldest_first(db: Database) -> None:
    ids = await _world(db)
    async with db.reading() as s:
        first = await next_claim(s, SUPER_TG)
        assert first is not None and first.claim_id == ids["andi_claim"] and first.waiting == 2
        assert first.working[0][0] == "rule.step.day" and first.employee_name == "Andi"
        second = await next_claim(s, SUPER_TG, first.claim_id)
        assert second is not None and second.claim_id == ids["budi_claim"]
        # After the last one, the oldest again.
        assert (await next_claim(s, SUPER_TG, second.claim_id)).claim_id == first.claim_id  # type: ignore[union-attr]
        # The OPD admin of Dinas Kesehatan sees only Andi's (their OPD).
        mine = await next_claim(s, OPD_ADMIN_TG)
        assert mine is not None and mine.claim_id == ids["andi_claim"] and mine.waiting == 1
        assert (await next_claim(s, OPD_ADMIN_TG, mine.claim_id)).claim_id == mine.claim_id  # type: ignore[union-attr]
        assert await pending_claim(s, OPD_ADMIN_TG, ids["budi_claim"]) is None
        with pytest.raises(NotAllowed):
            await next_claim(s, NOBODY_TG)


async def test_approve_flips_the_record_audits_and_queues_the_notice(
    db: Database, clock: FixedClock
) -> None:
    ids = await _world(db)
    result = await _approve(db, ids["andi_claim"], OPD_ADMIN_TG, clock.now())
    assert (result.outcome, result.decision, result.jp) == (Outcome.DONE, "approved", D(8))
    assert (await _record(db, ids["andi_record"])).status == JpStatus.APPROVED
    async with db.reading() as s:
        claim = await s.get(JpClaim, ids["andi_claim"])
        # Budi's is left.
        assert await next_claim(s, SUPER_TG) is not None
    assert claim is not None and claim.reviewed_by == f"tg:{OPD_ADMIN_TG}"
    assert claim.decision == "approved" and claim.reviewed_at is not None
    (entry,), (notice,) = await _audit_and_outbox(db)
    assert (entry.action, entry.actor, entry.target) == ("claim.approved", f"tg:{OPD_ADMIN_TG}",
                                                         f"claim:{ids['andi_claim']}")
    assert entry.details == {"decision": "approved", "proposed_jp": "8.00", "jp": "8.00"}
    assert "Andi" not in str(entry.details) and "Seminar" not in str(entry.details)
    assert notice.kind == "claim_approved" and notice.chat_id == EMPLOYEE_TG
    assert notice.payload["adjusted"] is False


async def test_adjust_and_reject(db: Database, clock: FixedClock) -> None:
    ids = await _world(db)
    adjusted = await _approve(db, ids["andi_claim"], SUPER_TG, clock.now(), jp=D("6.5"))
    assert (adjusted.outcome, adjusted.decision) == (Outcome.DONE, "adjusted")
    assert (await _record(db, ids["andi_record"])).jp == D("6.5")
    same = await _approve(db, ids["budi_claim"], SUPER_TG, clock.now(), jp=D(10))  # = proposed
    assert same.decision == "approved"
    third = await _submit(db, ids["andi"], draft(
        title="Kursus Bahasa Inggris", category=JpCategory.KURSUS, unit=Unit.PROGRAM, quantity=D(16)))
    assert isinstance(third, Submitted)
    ids["third"] = third.claim_id
    rejected = await _reject(db, ids["third"], SUPER_TG, clock.now(), "Sertifikat tidak terbaca")
    assert (rejected.outcome, rejected.decision) == (Outcome.DONE, "rejected")
    async with db.reading() as s:
        claim = await s.get(JpClaim, ids["third"])
        record = await s.get(JpRecord, claim.jp_record_id)  # type: ignore[union-attr]
    assert claim is not None and claim.reject_reason == "Sertifikat tidak terbaca"
    assert record is not None and record.status == JpStatus.REJECTED
    entries, outbox = await _audit_and_outbox(db)
    assert [e.action for e in entries] == ["claim.adjusted", "claim.approved", "claim.rejected"]
    assert "Sertifikat" not in str(entries[-1].details)
    assert outbox[-1].kind == "claim_rejected"
    assert outbox[-1].payload["reason"] == "Sertifikat tidak terbaca"


async def test_two_admins_at_the_same_moment_write_the_jp_once(
    db: Database, clock: FixedClock
) -> None:
    ids = await _world(db)
    results = await asyncio.gather(
        _approve(db, ids["andi_claim"], SUPER_TG, clock.now()),
        _approve(db, ids["andi_claim"], OPD_ADMIN_TG, clock.now(), jp=D(5)),
    )
    outcomes = sorted(r.outcome for r in results)
    assert outcomes == [Outcome.ALREADY_DECIDED, Outcome.DONE]
    winner = next(r for r in results if r.outcome == Outcome.DONE)
    loser = next(r for r in results if r.outcome == Outcome.ALREADY_DECIDED)
    assert loser.decision == winner.decision  # the loser is told what was decided
    record = await _record(db, ids["andi_record"])
    assert record.status == JpStatus.APPROVED and record.jp == winner.jp
    entries, outbox = await _audit_and_outbox(db)
    assert len(entries) == 1 and len(outbox) == 1
    # A rejection after the approval changes nothing either.
    late = await _reject(db, ids["andi_claim"], SUPER_TG, clock.now(), "terlambat")
    assert late.outcome == Outcome.ALREADY_DECIDED
    assert (await _record(db, ids["andi_record"])).status == JpStatus.APPROVED


async def test_outside_the_scope_or_not_an_admin_changes_nothing(
    db: Database, clock: FixedClock
) -> None:
    ids = await _world(db)
    assert (await _approve(db, ids["andi_claim"], OTHER_ADMIN_TG, clock.now())).outcome == Outcome.NOT_ALLOWED
    assert (await _reject(db, ids["andi_claim"], OTHER_ADMIN_TG, clock.now(), "x" * 5)).outcome == Outcome.NOT_ALLOWED
    assert (await _approve(db, ids["andi_claim"], NOBODY_TG, clock.now())).outcome == Outcome.NOT_ALLOWED
    assert (await _approve(db, ids["andi_claim"], EMPLOYEE_TG, clock.now())).outcome == Outcome.NOT_ALLOWED
    assert (await _approve(db, 999_999, SUPER_TG, clock.now())).outcome == Outcome.NOT_FOUND
    assert (await _record(db, ids["andi_record"])).status == JpStatus.PENDING
    assert await _audit_and_outbox(db) == ([], [])


# ---------------------------------------------------------------- review findings


async def _state(db: Database, claim_id: int) -> tuple[str, str | None, str | None]:
    async with db.reading() as s:
        claim = await s.get(JpClaim, claim_id)
        assert claim is not None
        record = await s.get(JpRecord, claim.jp_record_id)
        assert record is not None
    return record.status, claim.decision, claim.reviewed_by


async def test_an_admin_never_sees_nor_decides_their_own_claim(
    db: Database, clock: FixedClock
) -> None:
    """The OPD admin of Dinas Kesehatan works there too; so does a superadmin. Neither
    sees their own report in the queue, neither may decide it; the other admin can."""
    ids = await _world(db)
    async with db.reading() as s:
        for key, tg in (("opd_admin", OPD_ADMIN_TG), ("super", SUPER_TG)):
            employee_id = await s.scalar(select(AdminRole.employee_id)
                                         .where(AdminRole.telegram_user_id == tg))
            assert employee_id is not None
            ids[key] = employee_id
    for key, tg in (("opd_admin", OPD_ADMIN_TG), ("super", SUPER_TG)):
        own = await _submit(db, ids[key], draft(title=f"Seminar {key}"), tg=tg)
        assert isinstance(own, Submitted)
        ids[f"{key}_claim"] = own.claim_id

    async def queue(tg: int) -> tuple[list[int], set[int]]:
        """Every card the admin is shown, once round (the queue starts over at the end)."""
        seen: list[int] = []
        waiting: set[int] = set()
        after = 0
        async with db.reading() as s:
            for _ in range(10):  # bounded
                card = await next_claim(s, tg, after)
                if card is None or card.claim_id in seen:
                    break
                seen.append(card.claim_id)
                waiting.add(card.waiting)
                after = card.claim_id
        return seen, waiting

    assert await queue(OPD_ADMIN_TG) == ([ids["andi_claim"], ids["super_claim"]], {2})  # not their own
    assert await queue(SUPER_TG) == (
        [ids["andi_claim"], ids["budi_claim"], ids["opd_admin_claim"]], {3})
    async with db.reading() as s:
        assert await pending_claim(s, OPD_ADMIN_TG, ids["opd_admin_claim"]) is None
        assert await pending_claim(s, SUPER_TG, ids["super_claim"]) is None

    # Hand-made decisions on their own claims: refused, nothing written.
    for tg, key in ((OPD_ADMIN_TG, "opd_admin_claim"), (SUPER_TG, "super_claim")):
        for decided in (
            await _approve(db, ids[key], tg, clock.now()),
            await _approve(db, ids[key], tg, clock.now(), jp=D(40)),
            await _reject(db, ids[key], tg, clock.now(), "tidak jadi"),
        ):
            assert decided.outcome == Outcome.OWN_CLAIM and decided.decision is None
        assert await _state(db, ids[key]) == (JpStatus.PENDING, None, None)
    assert await _audit_and_outbox(db) == ([], [])

    # The other admin decides each of them.
    for key, tg in (("opd_admin_claim", SUPER_TG), ("super_claim", OPD_ADMIN_TG)):
        assert (await _approve(db, ids[key], tg, clock.now())).outcome == Outcome.DONE
        assert await _state(db, ids[key]) == (JpStatus.APPROVED, "approved", f"tg:{tg}")


async def test_submit_refuses_a_jp_other_than_the_one_shown(db: Database) -> None:
    """A superadmin changes the seminar rule between the summary (8 JP) and "Kirim": the
    claim is not written, the draft waits, and the new proposal comes back to be shown."""
    employee_id = await _employee(db)
    async with db.writing() as s:
        s.add(JpRule(category=JpCategory.SEMINAR, unit=Unit.DAY, jp_national=D(5),
                     jp_international=D(8), max_jp_per_day=None, max_sessions_per_month=None,
                     updated_at=NOW, updated_by="cli"))
    changed = await _submit(db, employee_id, draft(), shown_jp=D(8))
    assert isinstance(changed, JpChanged)
    assert changed.shown == D(8) and changed.assessment.proposal.jp == D(10)
    assert changed.assessment.proposal.steps == [
        ("rule.step.day", {"quantity": "2", "rate": "5", "jp": "10"})]
    assert await _counts(db) == (0, 0)
    assert (await _draft_of(db, EMPLOYEE_TG)) is not None  # still waiting
    # A draft no longer waiting (sent by a first press, cancelled): nothing, as usual.
    async with db.writing() as s:
        await dialogs.clear(s, EMPLOYEE_TG)
    assert await _submit_now(db, EMPLOYEE_TG, employee_id, draft(), TODAY, D(8)) is None
    confirmed = await _submit(db, employee_id, draft(), shown_jp=D("10.00"))
    assert isinstance(confirmed, Submitted) and confirmed.jp == D(10)
    assert await _counts(db) == (1, 1)


async def test_the_same_evidence_file_flags_a_likely_duplicate(db: Database) -> None:
    """One certificate (Telegram's file_unique_id) behind two claims, of anyone: flagged,
    not refused; a rejected claim no longer counts."""
    ids = await _world(db)  # Andi and Budi both sent PHOTO (u-file-1)
    async with db.reading() as s:
        budi = await pending_claim(s, SUPER_TG, ids["budi_claim"])
        andi = await pending_claim(s, SUPER_TG, ids["andi_claim"])
    assert budi is not None and andi is not None
    assert budi.same_evidence == [SameEvidence(ids["andi_claim"], False, JpStatus.PENDING)]
    assert andi.same_evidence == [SameEvidence(ids["budi_claim"], False, JpStatus.PENDING)]

    # Andi again, same photo, another activity: flagged (the oldest such claim).
    again = draft(title="Workshop Penulisan Laporan", category=JpCategory.WORKSHOP,
                  start=date(2026, 11, 9), end=date(2026, 11, 9), quantity=D(1))
    assessed = await _assess(db, ids["andi"], again)
    assert isinstance(assessed, Assessment) and assessed.duplicate_of is None
    assert assessed.same_evidence_as == ids["andi_claim"] and assessed.flagged
    other_file = await _assess(db, ids["andi"],
                               replace(again, evidence=Evidence("photo", "f2", "u-2")))
    assert isinstance(other_file, Assessment) and not other_file.flagged
    no_file_yet = await _assess(db, ids["andi"], replace(again, evidence=None))
    assert isinstance(no_file_yet, Assessment) and no_file_yet.same_evidence_as is None
    submitted = await _submit(db, ids["andi"], again)
    assert isinstance(submitted, Submitted) and submitted.flagged
    assert submitted.same_evidence_as == ids["andi_claim"] and submitted.duplicate_of is None
    async with db.reading() as s:
        card = await pending_claim(s, SUPER_TG, submitted.claim_id)
        entry = await s.scalar(
            select(AuditLog).where(AuditLog.target == f"claim:{submitted.claim_id}"))
    assert card is not None and card.same_evidence == [
        SameEvidence(ids["andi_claim"], True, JpStatus.PENDING),
        SameEvidence(ids["budi_claim"], False, JpStatus.PENDING),
    ]
    assert entry is not None and entry.details["same_evidence"] is True

    # Once the other claims are rejected, the file is free again.
    for key in ("andi_claim", "budi_claim"):
        await _reject(db, ids[key], SUPER_TG, NOW, "Bukti dipakai ganda")
    async with db.reading() as s:
        card = await pending_claim(s, SUPER_TG, submitted.claim_id)
    assert card is not None and card.same_evidence == []
    assessed = await _assess(db, ids["budi"], replace(again, start=date(2026, 11, 10),
                                                      end=date(2026, 11, 10)))
    assert isinstance(assessed, Assessment) and assessed.same_evidence_as == submitted.claim_id


async def test_the_session_cap_names_the_rules_category(db: Database) -> None:
    """An imported rule caps coaching sessions too: the refusal carries that category."""
    employee_id = await _employee(db)
    async with db.writing() as s:
        s.add(JpRule(category=JpCategory.COACHING, unit=Unit.SESSION, jp_national=D(2),
                     jp_international=D(2), max_jp_per_day=None, max_sessions_per_month=1,
                     updated_at=NOW, updated_by="cli"))
    refused = await _assess(db, employee_id, draft(
        category=JpCategory.COACHING, unit=Unit.SESSION, title="Coaching kinerja",
        start=date(2026, 11, 9), end=date(2026, 11, 10), quantity=D(2)))
    assert isinstance(refused, Invalid) and refused.error == ClaimError.TOO_MANY_SESSIONS
    assert refused.values == {"category": JpCategory.COACHING, "max": 1, "used": 0, "left": 1}
