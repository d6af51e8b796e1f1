"""The working of a JP proposal ("2 hari × 4 JP = 8 JP"): stored as plain decimals,
shown with the reader's decimal mark, never in scientific notation, also for claims
stored before (their working may hold `2E+1`)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.i18n import fmt_jp
from bot.services.claims.reporting import steps_from_json, steps_to_json
from bot.services.claims.rules import DEFAULT_RULES, Proposal, Rule, Unit, plain, propose
from handlers.claims.views import working

D = Decimal


@pytest.mark.parametrize("value, expected", [
    (D(20), "20"),
    (D("20.00"), "20"),  # as a Numeric(7, 2) column gives it back
    (D("2E+1"), "20"),
    (D("1E+2"), "100"),
    (D("1.20"), "1.2"),
    (D("28.80"), "28.8"),
    (D("0.05"), "0.05"),
    (D("0.00"), "0"),
    (D("12345.67"), "12345.67"),
])
def test_plain_has_no_exponent_and_no_trailing_zeros(value: Decimal, expected: str) -> None:
    assert plain(value) == expected


def _shown(lang: str, steps: list[tuple[str, dict[str, str]]]) -> str:
    return "\n".join(working(lang, steps))


def test_a_per_activity_rule_of_20_jp_reads_20() -> None:
    result = propose(DEFAULT_RULES["magang"], D(1), international=False, days=30)
    assert isinstance(result, Proposal)
    assert result.steps == [("rule.step.activity", {"quantity": "1", "rate": "20", "jp": "20"})]
    assert _shown("id", result.steps) == "• 1 kegiatan × 20 JP = 20 JP"
    assert _shown("en", result.steps) == "• 1 × 20 JP an activity = 20 JP"


def test_an_international_program_in_both_languages() -> None:
    result = propose(DEFAULT_RULES["teknis"], D(24), international=True, days=5)
    assert isinstance(result, Proposal) and result.jp == D("28.8")
    assert result.steps == [("rule.step.program", {"quantity": "24", "rate": "1.2", "jp": "28.8"})]
    assert _shown("id", result.steps) == "• 24 JP program × 1,2 = 28,8 JP"
    assert _shown("en", result.steps) == "• 24 program JP × 1.2 = 28.8 JP"


def test_a_working_stored_with_exponents_still_reads_right() -> None:
    old = steps_from_json([
        ["rule.step.activity", {"quantity": "1", "rate": "2E+1", "jp": "2E+1"}],
        ["rule.step.cap", {"cap": "1E+1", "days": "3", "jp": "3E+1"}],
    ])
    assert _shown("id", old) == (
        "• 1 kegiatan × 20 JP = 20 JP\n• dibatasi 10 JP per hari × 3 hari = 30 JP")
    # Not a number (never written so, but never a crash either): shown as it is.
    assert _shown("id", [("rule.step.day", {"quantity": "x", "rate": "4", "jp": "8"})]) == (
        "• x hari × 4 JP = 8 JP")


_HUNDREDTHS = st.integers(1, 99_999).map(lambda n: D(n).scaleb(-2))  # 0.01 … 999.99


@st.composite
def _rules(draw: st.DrawFn) -> Rule:
    """Any rule an import could store: Numeric(7, 2) values, as the database returns
    them (with their trailing zeros: 20.00, 1.20)."""
    return Rule(
        "lainnya", draw(st.sampled_from(list(Unit))), draw(_HUNDREDTHS), draw(_HUNDREDTHS),
        draw(st.none() | _HUNDREDTHS), None,
    )


@settings(max_examples=400, deadline=None)
@given(rule=_rules(), quantity=st.one_of(st.integers(1, 366).map(D), _HUNDREDTHS),
       days=st.integers(1, 366), international=st.booleans(),
       lang=st.sampled_from(["id", "en"]))
def test_the_working_never_shows_an_exponent(
    rule: Rule, quantity: Decimal, days: int, international: bool, lang: str
) -> None:
    result = propose(rule, quantity, international=international, days=days)
    if not isinstance(result, Proposal):
        return
    stored = steps_to_json(result.steps)
    for _, values in stored:
        for text in values.values():
            assert "E" not in text.upper()
            assert "." not in text or not text.endswith("0")  # no trailing zeros
    shown = _shown(lang, steps_from_json(stored))
    assert "E+" not in shown and "E-" not in shown
    assert shown.endswith(f"= {fmt_jp(lang, result.jp)} JP")  # in the reader's decimal mark


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(_HUNDREDTHS, st.integers(1, 10**6).map(D)),
       lang=st.sampled_from(["id", "en"]))
def test_old_and_new_stored_forms_read_the_same(value: Decimal, lang: str) -> None:
    """Whatever str(x.normalize()) wrote before (`2E+1`) reads as the plain form does."""
    old = [("rule.step.day", {"quantity": str(value.normalize()), "rate": "4", "jp": "8"})]
    new = [("rule.step.day", {"quantity": plain(value), "rate": "4", "jp": "8"})]
    assert _shown(lang, old) == _shown(lang, new)
    assert "E+" not in _shown(lang, old) and "E-" not in _shown(lang, old)
