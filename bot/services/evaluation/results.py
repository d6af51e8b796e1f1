"""What superadmins see of a program's evaluations: counts, averages, the distribution
(a PNG chart) and the comments, never who answered what."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.evaluation.answers import QUESTIONS
from bot.services.identity.roles import require_superadmin
from bot.services.spreadsheets.writer import Column, WorkbookWriter
from models import Enrollment, Evaluation, Program
from models.enums import EnrollmentStatus

Label = Callable[..., str]


@dataclass(frozen=True, slots=True)
class EvaluationSummary:
    program_id: int
    title: str
    completed: int
    responses: int
    averages: dict[str, Decimal]  # per question, two decimals; empty without responses
    distribution: dict[str, list[int]]  # per question: how many gave 1, 2, 3, 4, 5
    comments: list[str] = field(default_factory=list)  # oldest first, without names


async def evaluation_summary(session: AsyncSession, caller: int,
                             program_id: int) -> EvaluationSummary | None:
    """The program's evaluation results (superadmins only); None for no such program."""
    await require_superadmin(session, caller)
    program = await session.get(Program, program_id)
    if program is None:
        return None
    completed = await session.scalar(
        select(func.count()).where(Enrollment.program_id == program_id,
                                   Enrollment.status == EnrollmentStatus.COMPLETED)
    ) or 0
    distribution = {q: [0] * 5 for q in QUESTIONS}
    for column in QUESTIONS:
        rows = await session.execute(
            select(getattr(Evaluation, column), func.count())
            .where(Evaluation.program_id == program_id).group_by(getattr(Evaluation, column))
        )
        for value, count in rows:
            if 1 <= value <= 5:
                distribution[column][value - 1] = count
    responses = sum(distribution[QUESTIONS[0]])
    averages = {}
    if responses:
        for q, counts in distribution.items():
            total = sum((i + 1) * c for i, c in enumerate(counts))
            averages[q] = (Decimal(total) / Decimal(responses)).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP)
    # Shuffled by nothing but submission order; names are never read.
    comments = list(
        await session.scalars(
            select(Evaluation.comment).where(Evaluation.program_id == program_id,
                                             Evaluation.comment.is_not(None))
            .order_by(Evaluation.submitted_at, Evaluation.id)
        )
    )
    return EvaluationSummary(program.id, program.title, completed, responses, averages,
                             distribution, [c for c in comments if c])


def distribution_chart(summary: EvaluationSummary, label: Label) -> bytes:
    """Grouped bars: for each question, how many rated it 1 to 5. PNG (CPU: run it in a
    worker thread)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(10, 5), dpi=100)
    try:
        width = 0.16
        colours = ["#C00000", "#ED7D31", "#FFC000", "#70AD47", "#2E75B6"]
        for value in range(5):
            xs = [i + (value - 2) * width for i in range(len(QUESTIONS))]
            axes.bar(xs, [summary.distribution[q][value] for q in QUESTIONS], width,
                     label=str(value + 1), color=colours[value])
        axes.set_xticks(range(len(QUESTIONS)),
                        [label(f"eval.short.{q}") for q in QUESTIONS])
        axes.set_ylabel(label("eval.chart_ylabel"))
        axes.set_title(label("eval.chart_caption", title=summary.title)[:90])
        axes.legend(title="1–5")
        figure.tight_layout()
        out = io.BytesIO()
        figure.savefig(out, format="png", dpi=100)
        return out.getvalue()
    finally:
        pyplot.close(figure)


def evaluation_workbook(summary: EvaluationSummary, label: Label) -> bytes:
    """Averages and the distribution per question, and the comments, as XLSX."""
    book = WorkbookWriter()
    sheet = book.sheet(label("eval.sheet"), [
        Column(label("eval.col.question"), 30), Column(label("eval.col.average"), 12),
        Column(label("eval.col.responses"), 12),
        *[Column(str(v), 8) for v in range(1, 6)],
    ])
    for q in QUESTIONS:
        average = summary.averages.get(q)
        sheet.row([label(f"eval.short.{q}"), float(average) if average is not None else None,
                   summary.responses, *summary.distribution[q]])
    notes = book.sheet(label("eval.comments_sheet"), [Column(label("eval.col.comment"), 100)])
    for comment in summary.comments:
        notes.row([comment])
    return book.save()
