"""Finishing a program by minimum attendance, the evaluation and the certificate, at the
service level (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from decimal import Decimal

import pypdf
import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.i18n import fmt_date, fmt_jp, t
from bot.services.attendance.checkin import check_in, session_code
from bot.services.attendance.completion import sessions_required
from bot.services.certificates.document import certificate_pdf
from bot.services.certificates.issuing import (
    RevokeOutcome,
    Validity,
    certificate_facts,
    issue_certificate,
    revoke,
    verify,
)
from bot.services.certificates.numbers import number_of, verified_serial
from bot.services.evaluation.answers import RateOutcome, add_comment, rate
from bot.services.evaluation.results import evaluation_summary, evaluation_workbook
from bot.services.identity.roles import grant
from bot.services.programs.administration import AdminAction, apply_action, mark_attendance
from bot.services.programs.enrollment import enroll
from models import Certificate, Enrollment, Evaluation, JpRecord, OutboxMessage, Program, ProgramSession
from models.db import Database
from models.enums import AdminRoleKind
from tests.factories import CERTIFICATE_KEY, WITA, make_employee, make_opd, make_program

SUPER = 7150101
START = datetime(2026, 12, 7, 8, 0, tzinfo=WITA)
AFTER = datetime(2026, 12, 9, 17, 0, tzinfo=WITA)  # after the third (last) session


async def _world(db: Database, clock: FixedClock, *, pct: int = 100, evaluation: bool = True,
                 people: int = 3):  # type: ignore[no-untyped-def]
    clock.set(datetime(2026, 11, 20, 10, tzinfo=WITA))
    async with db.writing() as s:
        await grant(s, SUPER, AdminRoleKind.SUPERADMIN, None, "test", clock)
        opd = await make_opd(s)
        program = await make_program(s, jp="24", days=3, start=START)
        program.min_attendance_pct, program.evaluation_required = pct, evaluation
        employees = [await make_employee(s, opd=opd, name=f"Peserta Ke {i}", phone=None)
                     for i in range(people)]
        for e in employees:
            await enroll(s, e.id, program.id, clock.now())
        sessions = list(await s.scalars(select(ProgramSession.id).where(
            ProgramSession.program_id == program.id).order_by(ProgramSession.starts_at)))
        codes = [(await session_code(s, SUPER, i)).code for i in sessions]  # type: ignore[union-attr]
    return program.id, [e.id for e in employees], codes


async def _attend(db: Database, employee: int, codes: list[str], which: list[int]) -> None:
    for day in which:
        async with db.writing() as s:
            result = await check_in(s, 9000 + employee, employee, codes[day],
                                    START + timedelta(days=day, hours=1), opens_minutes=30,
                                    attempts_per_hour=5)
            assert result.outcome == "recorded"


async def _finish(db: Database, program: int):  # type: ignore[no-untyped-def]
    async with db.writing() as s:
        return await apply_action(s, SUPER, program, AdminAction.FINISH, AFTER, WITA)


async def _statuses(db: Database, program: int) -> dict[int, str]:
    async with db.reading() as s:
        rows = await s.execute(select(Enrollment.employee_id, Enrollment.status)
                               .where(Enrollment.program_id == program))
        return dict(rows.all())  # type: ignore[arg-type]


def test_sessions_required_rounds_up() -> None:
    assert [sessions_required(3, p) for p in (100, 67, 66, 60, 34, 33, 0)] == [3, 3, 2, 2, 2, 1, 0]


async def test_finishing_completes_by_minimum_attendance_once(db: Database, clock: FixedClock) -> None:
    program, (full, two, none), codes = await _world(db, clock, pct=60)
    await _attend(db, full, codes, [0, 1, 2])
    await _attend(db, two, codes, [0, 2])
    result = await _finish(db, program)
    assert (result.completed, result.absent) == (2, 1)
    assert await _statuses(db, program) == {full: "completed", two: "completed", none: "no_show"}
    async with db.reading() as s:
        credited = (await s.execute(select(JpRecord.employee_id, JpRecord.jp))).all()
    assert sorted(credited) == sorted([(full, Decimal("24.00")), (two, Decimal("24.00"))])
    # Finishing again is refused and credits nothing more.
    assert (await _finish(db, program)).outcome == "not_allowed"
    # The admin overrides the absent one (audited): credited once, like the others.
    async with db.writing() as s:
        enrollment = await s.scalar(select(Enrollment.id).where(Enrollment.employee_id == none))
        assert (await mark_attendance(s, SUPER, enrollment, True, AFTER, WITA)).outcome == "completed"
        assert (await mark_attendance(s, SUPER, enrollment, True, AFTER, WITA)).outcome == "already"
    async with db.reading() as s:
        assert await s.scalar(select(func.count()).select_from(JpRecord)) == 3


async def test_default_minimum_is_every_session(db: Database, clock: FixedClock) -> None:
    program, (full, two, _), codes = await _world(db, clock)
    await _attend(db, full, codes, [0, 1, 2])
    await _attend(db, two, codes, [0, 1])
    await _finish(db, program)
    statuses = await _statuses(db, program)
    assert statuses[full] == "completed" and statuses[two] == "no_show"


async def test_evaluation_once_reminder_once_then_certificate(db: Database, clock: FixedClock) -> None:
    program, (person, *_), codes = await _world(db, clock)
    await _attend(db, person, codes, [0, 1, 2])
    await _finish(db, program)
    async with db.reading() as s:
        enrollment = await s.scalar(select(Enrollment.id).where(Enrollment.employee_id == person))
        rows = (await s.execute(select(OutboxMessage.kind, OutboxMessage.due_at)
                                .where(OutboxMessage.employee_id == person)
                                .order_by(OutboxMessage.id))).all()
        assert await s.scalar(select(func.count()).select_from(Certificate)) == 0
    # No linked account in this world: notices are queued only for linked employees.
    assert rows == []
    assert enrollment is not None
    # Ratings: three steps carried in the buttons, the fourth records; values outside 1-5 refused.
    async with db.writing() as s:
        assert (await rate(s, person, enrollment, "", 6, AFTER, WITA)).outcome == RateOutcome.INVALID
        assert (await rate(s, person, enrollment, "45", 0, AFTER, WITA)).outcome == RateOutcome.INVALID
        assert (await rate(s, person + 1, enrollment, "", 4, AFTER, WITA)).outcome == RateOutcome.NOT_FOUND
        assert (await rate(s, person, enrollment, "", 4, AFTER, WITA)).answers == "4"
        done = await rate(s, person, enrollment, "453", 5, AFTER, WITA)
        assert done.outcome == RateOutcome.RECORDED and done.certificate_issued
    async with db.writing() as s:
        again = await rate(s, person, enrollment, "111", 1, AFTER, WITA)
        assert again.outcome == RateOutcome.ALREADY
        assert await add_comment(s, person, enrollment, "  Materi <b>bagus</b>  ")
        assert not await add_comment(s, person, enrollment, "kedua")
    async with db.reading() as s:
        evaluation = await s.scalar(select(Evaluation))
        assert evaluation is not None
        assert (evaluation.material, evaluation.speakers, evaluation.organisation,
                evaluation.usefulness, evaluation.comment) == (4, 5, 3, 5, "Materi <b>bagus</b>")
        assert await s.scalar(select(func.count()).select_from(Certificate)) == 1


async def test_reminder_and_invite_are_queued_once_and_skip_when_answered(
    db: Database, clock: FixedClock
) -> None:
    from bot.services.outbox import content
    from bot.services.outbox.delivery import Claimed
    from tests.factories import link_account
    from bot.settings import Settings

    program, (person, *_), codes = await _world(db, clock, people=1)
    async with db.writing() as s:
        from models import Employee
        employee = await s.get(Employee, person)
        await link_account(s, employee, 7150200)  # type: ignore[arg-type]
    await _attend(db, person, codes, [0, 1, 2])
    await _finish(db, program)
    async with db.reading() as s:
        rows = (await s.execute(select(OutboxMessage.id, OutboxMessage.kind, OutboxMessage.due_at,
                                       OutboxMessage.payload)
                                .where(OutboxMessage.employee_id == person).order_by(OutboxMessage.id))).all()
    kinds = [r[1] for r in rows]
    assert kinds == ["jp_credited", "evaluation_invite", "evaluation_reminder"]
    assert rows[2][2] == AFTER + timedelta(days=3)
    settings = Settings(_env_file=None, telegram_bot_token="1:T")  # type: ignore[call-arg]
    reminder = Claimed(rows[2][0], 7150200, rows[2][1], dict(rows[2][3]), "id", 0)
    async with db.reading() as s:
        found = await content.load(s, reminder, settings, AFTER.date(), AFTER)
    assert isinstance(found, content.EvaluationAsk) and found.reminder
    async with db.writing() as s:
        enrollment = rows[2][3]["enrollment_id"]
        assert (await rate(s, person, enrollment, "123", 4, AFTER, WITA)).outcome == "recorded"
    async with db.reading() as s:
        assert await content.load(s, reminder, settings, AFTER.date(), AFTER) is None


async def test_averages_against_a_fixture(db: Database, clock: FixedClock) -> None:
    program, people, codes = await _world(db, clock, people=4)
    for p in people:
        await _attend(db, p, codes, [0, 1, 2])
    await _finish(db, program)
    answers = {people[0]: "5432", people[1]: "4433", people[2]: "3524"}  # people[3]: no answer
    async with db.writing() as s:
        for person, given in answers.items():
            enrollment = await s.scalar(select(Enrollment.id).where(Enrollment.employee_id == person))
            assert (await rate(s, person, enrollment, given[:3], int(given[3]), AFTER, WITA)).outcome == "recorded"
            await add_comment(s, person, enrollment, f"komentar {given}")
    async with db.reading() as s:
        summary = await evaluation_summary(s, SUPER, program)
    assert summary is not None
    assert (summary.responses, summary.completed) == (3, 4)
    # material 5,4,3; speakers 4,4,5; organisation 3,3,2; usefulness 2,3,4 (people[3] silent)
    assert summary.averages == {"material": Decimal("4.00"), "speakers": Decimal("4.33"),
                                "organisation": Decimal("2.67"), "usefulness": Decimal("3.00")}
    assert summary.distribution["organisation"] == [0, 1, 2, 0, 0]
    assert summary.distribution["speakers"] == [0, 0, 0, 2, 1]
    assert summary.comments == ["komentar 5432", "komentar 4433", "komentar 3524"]
    workbook = evaluation_workbook(summary, lambda key, **v: t("id", key, **v))
    assert workbook[:2] == b"PK"


async def test_certificate_pdf_number_qr_verification_and_revocation(
    db: Database, clock: FixedClock
) -> None:
    program, (person, *_), codes = await _world(db, clock, evaluation=False, people=1)
    async with db.writing() as s:
        from models import Employee
        employee = await s.get(Employee, person)
        employee.name = "Andi Makkawaru"  # type: ignore[union-attr]
        nip = employee.nip  # type: ignore[union-attr]
    await _attend(db, person, codes, [0, 1, 2])
    await _finish(db, program)  # no evaluation required: issued at completion
    async with db.writing() as s:
        certificate = await s.scalar(select(Certificate))
        assert certificate is not None
        enrollment = await s.get(Enrollment, certificate.enrollment_id)
        prog = await s.get(Program, program)
        assert not await issue_certificate(s, enrollment, prog, AFTER, WITA)  # once  # type: ignore[arg-type]
        found = await certificate_facts(s, certificate.id, CERTIFICATE_KEY, "BPSDM Provinsi Sulawesi Selatan",
                                        "asn_corpu_bot", WITA)
    assert found is not None and found[1] is False
    facts = found[0]
    number = number_of(CERTIFICATE_KEY, certificate.serial)
    assert facts.number == number and number.startswith("2026-")
    pdf = certificate_pdf(facts, lambda key, **v: t("id", key, **v),
                          lambda d: fmt_date("id", d), lambda v: fmt_jp("id", v))
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    assert round(float(page.mediabox.width)) == 842 and round(float(page.mediabox.height)) == 595
    text = page.extract_text()
    for expected in ("Andi Makkawaru", nip, "24 JP", number, "Pelatihan Analisis Kebijakan"):
        assert expected in text
    fonts = {str(f["/BaseFont"]) for f in (page["/Resources"]["/Font"][k].get_object()
                                           for k in page["/Resources"]["/Font"])}
    assert all("+" in f for f in fonts)  # subset-embedded TrueType fonts
    (image,) = page.images
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(image.data)))
    assert [d.text for d in decoded] == [f"https://t.me/asn_corpu_bot?start=cek_{number}"]

    # HMAC: one changed character is refused without a lookup; the genuine number is valid.
    assert verified_serial(CERTIFICATE_KEY, number) == certificate.serial
    for i, c in enumerate(number):
        if c == "-":
            continue
        changed = number[:i] + ("3" if c != "3" else "4") + number[i + 1:]
        assert verified_serial(CERTIFICATE_KEY, changed) is None
    async with db.reading() as s:
        valid = await verify(s, CERTIFICATE_KEY, f"cek_{number.lower()}", WITA)
        assert valid.validity == Validity.VALID and valid.holder == "Andi Makkawaru"
        assert valid.nip_masked != nip and valid.nip_masked[-4:] == nip[-4:] and valid.jp == Decimal(24)
        tampered = await verify(s, CERTIFICATE_KEY, number[:-1] + ("A" if number[-1] != "A" else "B"), WITA)
        assert tampered.validity == Validity.NOT_FOUND
        # A well-signed number of a certificate that does not exist: not found either.
        assert (await verify(s, CERTIFICATE_KEY, number_of(CERTIFICATE_KEY, "2026-999999"), WITA)
                ).validity == Validity.NOT_FOUND
    async with db.writing() as s:
        assert await revoke(s, SUPER, CERTIFICATE_KEY, number, "  ", AFTER) == RevokeOutcome.NO_REASON
        assert await revoke(s, SUPER, CERTIFICATE_KEY, number, "Data peserta keliru", AFTER) == RevokeOutcome.REVOKED
        assert await revoke(s, SUPER, CERTIFICATE_KEY, number, "lagi", AFTER) == RevokeOutcome.ALREADY
    async with db.reading() as s:
        revoked = await verify(s, CERTIFICATE_KEY, number, WITA)
        assert revoked.validity == Validity.REVOKED and revoked.revoked_at == AFTER
