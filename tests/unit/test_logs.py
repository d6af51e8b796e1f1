"""Issue 13.5: phone numbers and NIPs are masked in every spelling (property-tested)."""

from __future__ import annotations

import logging
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.logs import REDACTED, RedactingFilter, redact

# Random text around the number holds no decimal digit, so any digit left after
# redaction is a leak.
NO_DIGITS = st.text(alphabet=st.characters(blacklist_categories=("Nd", "Cs")), max_size=30)
SEPARATORS = st.sampled_from(["", " ", "-", ".", "  ", " - "])
DIGIT = re.compile(r"\d")


@st.composite
def grouped(draw: st.DrawFn, digits: str) -> str:
    """`digits` cut into groups joined by separators (one separator style or mixed)."""
    cuts = sorted(draw(st.sets(st.integers(1, len(digits) - 1), max_size=len(digits) - 1)))
    groups = [digits[a:b] for a, b in zip([0, *cuts], [*cuts, len(digits)])]
    if draw(st.booleans()):
        sep = draw(SEPARATORS)
        return sep.join(groups)
    return "".join(g + (draw(SEPARATORS) if i < len(groups) - 1 else "") for i, g in enumerate(groups))


@st.composite
def mobile_numbers(draw: st.DrawFn) -> str:
    """An Indonesian mobile number as people write it: +62 / 62 / (+62) / 0 / (0…)."""
    subscriber = "8" + draw(st.text(alphabet="0123456789", min_size=8, max_size=10))
    style = draw(st.sampled_from(["0", "+62", "62", "(+62)", "+62 (", "(0"]))
    space = draw(st.sampled_from(["", " ", "-", "."]))
    if style in ("+62 (", "(0"):
        operator, rest = subscriber[:3], subscriber[3:]
        head = "+62 (" if style == "+62 (" else "(0"
        return f"{head}{operator}){draw(st.sampled_from([' ', '', '-']))}{draw(grouped(rest))}"
    if style == "0":
        return "0" + draw(grouped(subscriber))
    return style + space + draw(grouped(subscriber))


@st.composite
def nips(draw: st.DrawFn) -> str:
    digits = draw(st.text(alphabet="0123456789", min_size=18, max_size=18))
    if draw(st.booleans()):  # the printed form: 8-6-1-3
        return " ".join((digits[:8], digits[8:14], digits[14], digits[15:]))
    return draw(grouped(digits))


@pytest.mark.parametrize("spelling", [
    "+62 812 3456 7890", "+62-812-3456-7890", "(0812) 3456-7890", "0812.3456.7890",
    "+62 (812) 3456 7890", "(+62) 812-3456-7890", "62 812 3456 7890", "081234567890",
    "19850314 201003 1 001", "198503142010031001", "19850314.201003.1.001",
    # A phone cell that lost its leading zero (the roster import reads it), and NIPs
    # grouped with slashes or underscores.
    "81234567890", "812-3456-7890", "812 3456 7890", "19850314/201003/1/001",
    "19850314_201003_1_001",
])
def test_the_issue_s_spellings_are_masked(spelling: str) -> None:
    out = redact(f"kontak {spelling}, terima kasih")
    assert DIGIT.search(out) is None and REDACTED in out


@settings(max_examples=300, deadline=None)
@given(before=NO_DIGITS, phone=mobile_numbers(), after=NO_DIGITS)
@example(before="Andi: ", phone="+62 812 3456 7890", after="")
def test_every_mobile_number_spelling_is_masked(before: str, phone: str, after: str) -> None:
    out = redact(before + phone + after)
    assert DIGIT.search(out) is None, (phone, out)


@settings(max_examples=300, deadline=None)
@given(before=NO_DIGITS, nip=nips(), after=NO_DIGITS)
def test_every_nip_grouping_is_masked(before: str, nip: str, after: str) -> None:
    out = redact(before + nip + after)
    assert DIGIT.search(out) is None, (nip, out)


@settings(max_examples=100, deadline=None)
@given(parts=st.lists(st.one_of(mobile_numbers(), nips()), min_size=1, max_size=4), glue=NO_DIGITS)
def test_several_numbers_in_one_line_are_all_masked(parts: list[str], glue: str) -> None:
    out = redact((glue or " ").join(parts))
    assert DIGIT.search(out) is None, (parts, out)


@pytest.mark.parametrize("kept", ["update_id=812345678", "program 12 of 2026-11-28", "JP 24.5",
                                  "announcement 77 sent to 1200 of 1250"])
def test_ordinary_numbers_stay_readable(kept: str) -> None:
    assert redact(kept) == kept


def test_sql_parameters_are_masked() -> None:
    text = ("(sqlite3.IntegrityError) UNIQUE constraint failed\n"
            "[SQL: INSERT INTO employee (name) VALUES (?)]\n"
            "[parameters: ('Andi Makkawaru', 'Dinas A')]\n(Background on this error at: x)")
    assert "Andi" not in redact(text) and "[SQL: INSERT" in redact(text)


def _record(name: str, level: int, msg: str) -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, msg, None, None)


@pytest.mark.parametrize("name", ["telegram.ext.Application", "telegram.Bot", "telegram._bot",
                                  "telegram.ext.ExtBot", "aiosqlite", "sqlalchemy.engine.Engine"])
def test_libraries_records_below_info_are_dropped(name: str) -> None:
    assert not RedactingFilter().filter(_record(name, logging.DEBUG, "Processing update {...}"))


def test_sqlalchemy_info_is_dropped_but_our_debug_is_kept() -> None:
    assert not RedactingFilter().filter(_record("sqlalchemy.engine.Engine", logging.INFO, "INSERT"))
    assert RedactingFilter().filter(_record("bot.jobs.planner", logging.DEBUG, "planned"))
    assert RedactingFilter().filter(_record("telegram.ext.Application", logging.INFO, "Application started"))
