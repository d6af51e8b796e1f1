"""JP conversion: the LAN defaults, caps, the working shown, and rules changed by file."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.services.claims.rules import DEFAULT_RULES, Proposal, ProposalError, load_rules, propose
from bot.services.imports.jp_rules import import_rules
from bot.clock import FixedClock
from models.db import Database
from models.enums import JpCategory
from tests.services.imports.test_roster import write_csv

D = Decimal


def jp(category: str, quantity: str, *, international: bool = False, days: int = 1,
       months: int = 1) -> Decimal | ProposalError:
    result = propose(DEFAULT_RULES[category], D(quantity), international=international,
                     days=days, months=months)
    return result.jp if isinstance(result, Proposal) else result


def test_every_category_has_a_default_rule() -> None:
    assert set(DEFAULT_RULES) == {c.value for c in JpCategory}


def test_the_table_in_domain_md() -> None:
    assert jp("teknis", "30") == D(30)
    assert jp("teknis", "30", international=True) == D(36)  # +20%
    assert jp("seminar", "2", days=2) == D(8)
    assert jp("seminar", "2", international=True, days=3) == D(12)
    assert jp("workshop", "3", days=3) == D(15)
    assert jp("workshop", "1", international=True) == D(7)
    assert jp("magang", "1", days=60) == D(20)
    assert jp("pertukaran", "1", international=True, days=30) == D(24)
    assert jp("bimbingan_kerja", "2") == D(4)
    assert jp("bimbingan_kerja", "3") == ProposalError.TOO_MANY_SESSIONS
    assert jp("bimbingan_kerja", "4", months=2) == D(8)
    assert jp("komunitas_belajar", "5", days=2) == D(4)  # at most 2 JP a day
    assert jp("e_learning", "10", days=2) == D(6)  # at most 3 JP a day
    assert jp("e_learning", "2.5") == D("2.5")


def test_bad_quantities() -> None:
    assert jp("seminar", "0") == ProposalError.QUANTITY
    assert jp("seminar", "1.5", days=2) == ProposalError.QUANTITY  # whole days
    assert jp("seminar", "3", days=2) == ProposalError.QUANTITY  # more days than dates
    assert jp("teknis", "-4") == ProposalError.QUANTITY


def test_the_working_is_shown() -> None:
    result = propose(DEFAULT_RULES["e_learning"], D(10), international=False, days=2)
    assert isinstance(result, Proposal) and result.capped
    assert [key for key, _ in result.steps] == ["rule.step.hour", "rule.step.cap"]
    assert result.steps[1][1] == {"cap": "3", "days": "2", "jp": "6"}


@settings(max_examples=300, deadline=None)
@given(category=st.sampled_from(sorted(DEFAULT_RULES)), quantity=st.integers(1, 40),
       days=st.integers(1, 60), international=st.booleans())
def test_never_negative_never_above_a_cap_and_international_never_less(
    category: str, quantity: int, days: int, international: bool
) -> None:
    rule = DEFAULT_RULES[category]
    national = propose(rule, D(quantity), international=False, days=days, months=12)
    abroad = propose(rule, D(quantity), international=True, days=days, months=12)
    if isinstance(national, ProposalError):
        assert isinstance(abroad, ProposalError)
        return
    assert isinstance(abroad, Proposal)
    assert national.jp > 0 and abroad.jp >= national.jp
    assert national.jp == national.jp.quantize(D("0.01"))
    if rule.max_jp_per_day is not None:
        assert national.jp <= rule.max_jp_per_day * days


async def test_rules_changed_by_file_apply_to_new_proposals(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "aturan.csv", [
        ["Kategori", "Satuan", "JP Nasional", "JP Internasional", "Batas JP per Hari"],
        ["Seminar", "hari", "5", "8", ""],
        ["E-Learning", "jam", "1", "1", "3"],  # the same as the default: nothing to store
    ])
    async with db.writing() as session:
        report = await import_rules(session, path, clock.now(), "cli")
    assert (report.created, report.unchanged, report.errors) == (1, 1, [])
    async with db.writing() as session:
        again = await import_rules(session, path, clock.now(), "cli")
        rules = await load_rules(session)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    result = propose(rules["seminar"], D(2), international=False, days=2)
    assert isinstance(result, Proposal) and result.jp == D(10)

    bad = write_csv(tmp_path / "salah.csv", [
        ["Kategori", "Satuan", "JP Nasional"], ["Sulap", "menit", "-1"],
    ])
    async with db.writing() as session:
        report = await import_rules(session, bad, clock.now(), "cli")
    assert {e.code for e in report.errors} == {"category_unknown", "unit_unknown", "jp_not_positive"}
