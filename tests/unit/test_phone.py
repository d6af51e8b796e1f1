"""normalize_phone: every way people write an Indonesian number, and what is not one.

The contract (bot/services/phone.py): separators (whitespace, - . ( ) /) are ignored;
the prefixes `+62`, `0062`, `62`, the trunk `0`, or a bare national number starting
with 8 (a spreadsheet that dropped the 0) are accepted; the national number must be
8 to 12 ASCII digits not starting with 0; anything else gives None (never an exception).
"""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bot.services.identity.phone import normalize_phone

E164 = re.compile(r"\+62[1-9][0-9]{7,11}")
SEPARATOR_CHARS = " \t\u00a0-./()"

# National significant numbers the function accepts: 8 to 12 digits, first not 0.
nationals = st.from_regex(r"[1-9][0-9]{7,11}", fullmatch=True)
# Indonesian mobiles: 8, then 8 to 11 more digits (0812-3456-7890 has 11 in all).
mobiles = st.from_regex(r"8[0-9]{7,11}", fullmatch=True)
separator_runs = st.text(alphabet=SEPARATOR_CHARS, max_size=2)
PREFIXES = ("+62", "0062", "62", "0")


def _scatter(draw: st.DrawFn, text: str) -> str:
    """`text` with a random run of separators (possibly none) after each character."""
    return "".join(ch + draw(separator_runs) for ch in text)


@st.composite
def written_forms(draw: st.DrawFn, numbers: st.SearchStrategy[str] = nationals) -> tuple[str, str]:
    """(national number, that number written with a random prefix and separators)."""
    national = draw(numbers)
    styles = list(PREFIXES) + (["bare"] if national.startswith("8") else [])
    style = draw(st.sampled_from(styles))
    digits = national if style == "bare" else style + national
    written = draw(separator_runs) + _scatter(draw, digits)
    return national, written


# --- the forms from the issue --------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "0812-3456-7890",
        "+62 812 3456 7890",
        "+62-812-3456-7890",
        "6281234567890",
        "62 812 3456 7890",
        "(0812) 3456 7890",
        "(+62) 812 3456 7890",
        "0812.3456.7890",
        "0812 3456 7890",
        "0812/3456/7890",
        "0062 812 3456 7890",
        "81234567890",
        "  0812\u00a03456\t7890\n",
        81234567890,  # an xlsx number cell that lost its leading 0
        6281234567890,
    ],
)
def test_every_usual_form_gives_the_same_e164(raw: str | int) -> None:
    assert normalize_phone(raw) == "+6281234567890"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0812-345-678", "+62812345678"),  # 9-digit national: shortest real mobiles
        ("081234567", "+6281234567"),  # 8-digit national: the lower bound
        ("0812-3456-78901", "+62812345678901"),  # 12 digits: the upper bound
        ("0411 123456", "+62411123456"),  # a Makassar landline
    ],
)
def test_length_bounds_and_landlines(raw: str, expected: str) -> None:
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        "   ",
        "-- ()",
        "+",
        "62",
        "0",
        "0812345",  # 7-digit national
        "0812-3456-789012",  # 13-digit national
        "+62 0812 3456 7890",  # national part may not start with 0
        "6208123456789",
        "00812345678",
        "+1 202 555 0100",
        "+44 20 7946 0958",
        "+60 12-345 6789",  # Malaysia
        "60 12 345 6789",
        "0060 12 345 6789",
        "001 202 555 0100",
        "0812-3456-789O",  # letter O for zero
        "tel 0812 3456 7890",
        "0812 3456 7890 ext 1",
        "0812_3456_7890",  # underscore is not a separator
        "0812,3456,7890",
        "+62+81234567890",
        "\uff10\uff18\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff10",  # fullwidth
        "\u0660\u0668\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660",  # Arabic-Indic
        "+62\u0668\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668",
        "8\u00b2\u00b2\u00b2\u00b2\u00b2\u00b2\u00b2\u00b2",  # superscripts: isdigit(), not ASCII
    ],
)
def test_what_is_not_an_indonesian_number(raw: str | None) -> None:
    assert normalize_phone(raw) is None


# --- properties ----------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(form=written_forms())
def test_any_prefix_and_separators_normalise_to_e164(form: tuple[str, str]) -> None:
    national, written = form
    assert normalize_phone(written) == f"+62{national}"


@settings(max_examples=200, deadline=None)
@given(a=written_forms(mobiles), b_style=st.sampled_from(PREFIXES + ("bare",)), data=st.data())
def test_two_writings_of_one_number_agree(
    a: tuple[str, str], b_style: str, data: st.DataObject
) -> None:
    national, written = a
    digits = national if b_style == "bare" else b_style + national
    runs = data.draw(st.lists(separator_runs, min_size=len(digits), max_size=len(digits)))
    other = "".join(d + r for d, r in zip(digits, runs))
    assert normalize_phone(written) == normalize_phone(other) == f"+62{national}"


@settings(max_examples=200, deadline=None)
@given(form=written_forms())
def test_idempotent_and_round_trips_through_every_prefix(form: tuple[str, str]) -> None:
    _, written = form
    e164 = normalize_phone(written)
    assert e164 is not None and E164.fullmatch(e164)
    assert normalize_phone(e164) == e164
    national = e164[3:]
    for prefix in PREFIXES:
        assert normalize_phone(prefix + national) == e164
    assert normalize_phone(int(e164[1:])) == e164


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=string.digits + SEPARATOR_CHARS + "+", max_size=20))
def test_digit_soup_gives_e164_or_none_and_is_idempotent(text: str) -> None:
    result = normalize_phone(text)
    if result is not None:
        assert E164.fullmatch(result)
        assert normalize_phone(result) == result
        # Same digits in the same order: separators are dropped, never digits invented.
        digits = re.sub(r"\D", "", text)
        assert digits.endswith(result[3:])


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=30))
def test_arbitrary_text_never_raises(text: str) -> None:
    result = normalize_phone(text)
    assert result is None or (E164.fullmatch(result) and normalize_phone(result) == result)


@settings(max_examples=200, deadline=None)
@given(form=written_forms(), junk=st.sampled_from(string.ascii_letters + "+#*,;_:"), data=st.data())
def test_a_foreign_character_anywhere_makes_it_invalid(
    form: tuple[str, str], junk: str, data: st.DataObject
) -> None:
    _, written = form
    at = data.draw(st.integers(0, len(written)))
    spoiled = written[:at] + junk + written[at:]
    if junk == "+" and not written[:at].strip(SEPARATOR_CHARS):
        # A leading + is allowed when 62 follows it.
        return
    assert normalize_phone(spoiled) is None


@settings(max_examples=200, deadline=None)
@given(prefix=st.sampled_from(PREFIXES),
       national=st.one_of(st.from_regex(r"[1-9][0-9]{0,6}", fullmatch=True),
                          st.from_regex(r"[1-9][0-9]{12,18}", fullmatch=True)))
def test_too_short_or_too_long_is_invalid(prefix: str, national: str) -> None:
    assert normalize_phone(prefix + national) is None


@settings(max_examples=200, deadline=None)
@given(country=st.integers(1, 999).map(str).filter(lambda cc: not cc.startswith("62")),
       national=nationals, international=st.sampled_from(["+", "00", "+ ", "(+"]))
def test_other_country_codes_are_refused(country: str, national: str, international: str) -> None:
    # "+6 21…" is +62 1… once the space is gone: not another country.
    assume(not (country + national).startswith("62"))
    assert normalize_phone(f"{international}{country} {national}") is None
