"""Participants evaluate a program they completed: four ratings 1-5 and a comment.

Invited through the outbox on completion (recalled once after a few days when still
unanswered), once per participant and program. Ratings travel in the buttons until the
fourth, which records all four at once; the optional comment follows. Answers are never
shown per person: superadmins see counts, averages and comments without names
(bot/services/evaluation/results.py). A program that requires the evaluation issues its
certificate when the ratings are recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.certificates.issuing import issue_certificate
from bot.services.outbox.queue import Notice, notify_employee
from models import Enrollment, Evaluation, Program
from models.enums import EnrollmentStatus

QUESTIONS = ("material", "speakers", "organisation", "usefulness")
COMMENT_MAX = 1000


async def after_completion(
    session: AsyncSession, enrollment: Enrollment, program: Program, now: datetime, tz: ZoneInfo,
    reminder_days: int = 3,
) -> None:
    """A participant was just completed: invite them to evaluate (and recall it once),
    and issue the certificate unless the program waits for the evaluation."""
    payload = {"enrollment_id": enrollment.id, "title": program.title}
    await notify_employee(session, enrollment.employee_id, Notice.EVALUATION_INVITE, payload,
                          f"evaluation:{enrollment.id}", now)
    await notify_employee(session, enrollment.employee_id, Notice.EVALUATION_REMINDER, payload,
                          f"evaluation-reminder:{enrollment.id}", now,
                          due_at=now + timedelta(days=reminder_days))
    if not program.evaluation_required:
        await issue_certificate(session, enrollment, program, now, tz)


class RateOutcome(StrEnum):
    NEXT = "next"  # ask the next question
    RECORDED = "recorded"  # all four recorded: ask for the comment
    ALREADY = "already"  # evaluated before
    INVALID = "invalid"  # a value outside 1-5, or too many answers
    NOT_FOUND = "not_found"  # not the presser's completed enrollment


@dataclass(frozen=True, slots=True)
class RateResult:
    outcome: RateOutcome
    title: str = ""
    answers: str = ""  # the ratings so far, e.g. "45"
    certificate_issued: bool = False


async def _own_completed(session: AsyncSession, employee_id: int | None,
                         enrollment_id: int) -> tuple[Enrollment, Program] | None:
    if employee_id is None:
        return None
    row = (
        await session.execute(
            select(Enrollment, Program).join(Program, Program.id == Enrollment.program_id)
            .where(Enrollment.id == enrollment_id, Enrollment.employee_id == employee_id,
                   Enrollment.status == EnrollmentStatus.COMPLETED)
        )
    ).first()
    return (row[0], row[1]) if row else None


async def already_evaluated(session: AsyncSession, enrollment_id: int) -> bool:
    return await session.scalar(
        select(Evaluation.id).where(Evaluation.enrollment_id == enrollment_id)
    ) is not None


async def rate(
    session: AsyncSession, employee_id: int | None, enrollment_id: int, given: str, value: int,
    now: datetime, tz: ZoneInfo,
) -> RateResult:
    """One more rating (`given`: the earlier ones from the button); the fourth records all."""
    if not 1 <= value <= 5 or len(given) >= len(QUESTIONS) or any(c not in "12345" for c in given):
        return RateResult(RateOutcome.INVALID)
    found = await _own_completed(session, employee_id, enrollment_id)
    if found is None:
        return RateResult(RateOutcome.NOT_FOUND)
    enrollment, program = found
    if await already_evaluated(session, enrollment_id):
        return RateResult(RateOutcome.ALREADY, program.title)
    answers = given + str(value)
    if len(answers) < len(QUESTIONS):
        return RateResult(RateOutcome.NEXT, program.title, answers)
    values = dict(zip(QUESTIONS, (int(c) for c in answers), strict=True))
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    added = await session.execute(
        insert(Evaluation).values(enrollment_id=enrollment_id, program_id=program.id,
                                  submitted_at=now, **values)
        .on_conflict_do_nothing(index_elements=["enrollment_id"])
    )
    if not added.rowcount:  # type: ignore[attr-defined]
        return RateResult(RateOutcome.ALREADY, program.title)
    issued = False
    if program.evaluation_required:
        issued = await issue_certificate(session, enrollment, program, now, tz)
    return RateResult(RateOutcome.RECORDED, program.title, answers, issued)


async def add_comment(session: AsyncSession, employee_id: int | None, enrollment_id: int,
                      text: str) -> bool:
    """The optional comment, once (False when there is no evaluation to add it to)."""
    found = await _own_completed(session, employee_id, enrollment_id)
    if found is None:
        return False
    evaluation = await session.scalar(
        select(Evaluation).where(Evaluation.enrollment_id == enrollment_id).with_for_update()
    )
    comment = " ".join(text.split())[:COMMENT_MAX]
    if evaluation is None or evaluation.comment is not None or not comment:
        return False
    evaluation.comment = comment
    return True


async def pending_evaluations(session: AsyncSession, employee_id: int) -> list[tuple[int, str]]:
    """(enrollment, title) of the employee's completed programs not yet evaluated, newest first."""
    answered = select(Evaluation.id).where(Evaluation.enrollment_id == Enrollment.id).exists()
    rows = await session.execute(
        select(Enrollment.id, Program.title).join(Program, Program.id == Enrollment.program_id)
        .where(Enrollment.employee_id == employee_id,
               Enrollment.status == EnrollmentStatus.COMPLETED, ~answered)
        .order_by(Program.ends_at.desc(), Enrollment.id.desc()).limit(5)
    )
    return [(r[0], r[1]) for r in rows]
