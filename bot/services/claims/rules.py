"""Turning a reported activity into JP, by the conversion rules, showing the working.

Defaults follow the LAN guidance in ../shared/DOMAIN.md; superadmins change them with
`asn-corpu-bot import-jp-rules`. A rule change never alters JP already approved: the
ledger stores the JP, not the rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from models.enums import JpCategory


class Unit(StrEnum):
    PROGRAM = "program"  # the JP the program itself states (on the certificate)
    DAY = "day"
    SESSION = "session"
    ACTIVITY = "activity"
    HOUR = "hour"  # a lesson hour: 45 minutes


@dataclass(frozen=True, slots=True)
class Rule:
    category: str
    unit: Unit
    jp_national: Decimal  # per unit; for PROGRAM the factor on the stated JP (1)
    jp_international: Decimal  # per unit; for PROGRAM the factor (1.2: +20%)
    max_jp_per_day: Decimal | None = None
    max_sessions_per_month: int | None = None


_CENT = Decimal("0.01")
_ONE = Decimal(1)
STRUCTURED = (
    JpCategory.KEPEMIMPINAN, JpCategory.MANAJERIAL, JpCategory.TEKNIS, JpCategory.FUNGSIONAL,
    JpCategory.SOSIAL_KULTURAL, JpCategory.KURSUS, JpCategory.BIMTEK, JpCategory.SOSIALISASI,
    JpCategory.PELATIHAN_JARAK_JAUH, JpCategory.BENCHMARKING, JpCategory.OUTBOUND,
    JpCategory.LAINNYA,
)

DEFAULT_RULES: dict[str, Rule] = {
    **{c.value: Rule(c.value, Unit.PROGRAM, _ONE, Decimal("1.2")) for c in STRUCTURED},
    JpCategory.SEMINAR.value: Rule(JpCategory.SEMINAR.value, Unit.DAY, Decimal(4), Decimal(6)),
    JpCategory.WORKSHOP.value: Rule(JpCategory.WORKSHOP.value, Unit.DAY, Decimal(5), Decimal(7)),
    **{
        c.value: Rule(c.value, Unit.ACTIVITY, Decimal(20), Decimal(24))
        for c in (JpCategory.MAGANG, JpCategory.DETASERING, JpCategory.PERTUKARAN)
    },
    JpCategory.BIMBINGAN_KERJA.value: Rule(
        JpCategory.BIMBINGAN_KERJA.value, Unit.SESSION, Decimal(2), Decimal(2),
        max_sessions_per_month=2,
    ),
    JpCategory.KOMUNITAS_BELAJAR.value: Rule(
        JpCategory.KOMUNITAS_BELAJAR.value, Unit.HOUR, _ONE, _ONE, max_jp_per_day=Decimal(2)
    ),
    JpCategory.E_LEARNING.value: Rule(
        JpCategory.E_LEARNING.value, Unit.HOUR, _ONE, _ONE, max_jp_per_day=Decimal(3)
    ),
    **{
        c.value: Rule(c.value, Unit.HOUR, _ONE, _ONE)
        for c in (JpCategory.COACHING, JpCategory.MENTORING, JpCategory.BELAJAR_MANDIRI)
    },
}


class ProposalError(StrEnum):
    QUANTITY = "quantity_invalid"  # not positive, or not a whole number of days/sessions
    TOO_MANY_SESSIONS = "too_many_sessions"


@dataclass(frozen=True, slots=True)
class Proposal:
    jp: Decimal
    steps: list[tuple[str, dict[str, str]]]  # catalogue keys and values: the working
    capped: bool


def plain(value: Decimal) -> str:
    """A plain decimal string without trailing zeros: `20`, `1.2`, `28.8`.

    Never an exponent: `str(Decimal(20).normalize())` is `2E+1`. The working stores
    these (language-neutral); handlers/claim_views.py formats them for the reader.
    """
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def propose(
    rule: Rule, quantity: Decimal, *, international: bool, days: int, months: int = 1
) -> Proposal | ProposalError:
    """JP for `quantity` units (the program's stated JP, days, sessions, activities or
    lesson hours) of an activity spanning `days` calendar days over `months` months."""
    whole = rule.unit in (Unit.DAY, Unit.SESSION, Unit.ACTIVITY)
    if quantity <= 0 or (whole and quantity != quantity.to_integral_value()) or days < 1:
        return ProposalError.QUANTITY
    if rule.unit == Unit.DAY and quantity > days:
        return ProposalError.QUANTITY  # more days of seminar than the dates span
    if rule.max_sessions_per_month is not None and quantity > rule.max_sessions_per_month * months:
        return ProposalError.TOO_MANY_SESSIONS
    rate = rule.jp_international if international else rule.jp_national
    steps: list[tuple[str, dict[str, str]]] = []
    jp = (quantity * rate).quantize(_CENT, rounding=ROUND_HALF_UP)
    steps.append((f"rule.step.{rule.unit.value}", {
        "quantity": plain(quantity), "rate": plain(rate), "jp": plain(jp),
    }))
    capped = False
    if rule.max_jp_per_day is not None:
        cap = (rule.max_jp_per_day * days).quantize(_CENT)
        if jp > cap:
            jp, capped = cap, True
            steps.append(("rule.step.cap", {
                "cap": plain(rule.max_jp_per_day), "days": str(days), "jp": plain(jp),
            }))
    return Proposal(jp, steps, capped)


async def load_rules(session) -> dict[str, Rule]:  # type: ignore[no-untyped-def]
    """The defaults with the superadmins' changes (table jp_rule) laid over them."""
    from sqlalchemy import select

    from models import JpRule

    rules = dict(DEFAULT_RULES)
    for row in (await session.scalars(select(JpRule))).all():
        rules[row.category] = Rule(
            row.category, Unit(row.unit), Decimal(row.jp_national), Decimal(row.jp_international),
            Decimal(row.max_jp_per_day) if row.max_jp_per_day is not None else None,
            row.max_sessions_per_month,
        )
    return rules
