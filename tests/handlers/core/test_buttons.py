"""Typed button data: built and parsed by one class per kind, forged data refused."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

import pytest

import handlers
from bot.presentation.buttons import MAX_BYTES, Button, Match, all_kinds, parse_any
from bot.presentation.buttons.programs import Enroll, ListState, ProgramCard
from handlers.core.routes import ROUTES
from models.enums import JpCategory

handlers.load_routes()


@dataclass(frozen=True)
class Sample(Button, prefix="test.sample"):
    item_id: int
    choice: Literal["a", "bb"]
    flag: bool
    category: JpCategory | None = None
    token: Annotated[str, Match(r"[0-9a-f]{6}")] | None = None


def test_a_kind_round_trips_every_field_type() -> None:
    pressed = Sample(42, "bb", True, JpCategory.SEMINAR, "00ff11")
    data = pressed.encode()
    assert data == "test.sample:42:bb:1:seminar:00ff11"
    assert Sample.parse(data) == pressed == parse_any(data)
    assert Sample.parse("test.sample:42:a:0:-:-") == Sample(42, "a", False)


@pytest.mark.parametrize("data", [
    "test.sample:42:c:1:-:-",  # not a choice
    "test.sample:-1:a:1:-:-",  # not an id
    "test.sample:42:a:yes:-:-",
    "test.sample:42:a:1:-",  # a field missing
    "test.sample:42:a:1:-:-:extra",
    "test.sample:42:a:1:-:ZZZZZZ",
    "test.sample:1234567890:a:1:-:-",  # ten digits: not an id of ours
    "v1:en:12",  # the old format
    "", None, ":::", "x" * 80,
])
def test_forged_or_old_data_parses_to_nothing(data: str | None) -> None:
    assert Sample.parse(data) is None
    assert parse_any(data) is None


def test_data_over_telegrams_limit_is_refused_when_built() -> None:
    @dataclass(frozen=True)
    class Long(Button, prefix="test.long"):
        a: int
        b: int
        c: int
        d: int
        e: int
        f: int
        g: int

    with pytest.raises(ValueError):
        Long(*([999_999_999] * 7)).encode()
    assert len(ProgramCard.of(999_999_999, ListState(999, JpCategory.PELATIHAN_JARAK_JAUH,
                                                     "202612")).encode()) <= MAX_BYTES


def test_two_kinds_cannot_share_a_prefix() -> None:
    with pytest.raises(ValueError):
        @dataclass(frozen=True)
        class Again(Button, prefix="enroll"):
            program_id: int


@pytest.mark.parametrize("prefix", sorted(p for p in all_kinds() if not p.startswith("test.")))
def test_every_kind_has_exactly_one_route(prefix: str) -> None:
    kind = Button.KINDS[prefix]
    assert [r.name for r in ROUTES if r.button is kind] != [], prefix
    assert len([r for r in ROUTES if r.button is kind]) == 1, prefix


def test_enroll_pattern_is_what_ptb_routes_on() -> None:
    assert Enroll.pattern().match(Enroll(7).encode())
    assert not Enroll.pattern().match(Enroll(7).encode() + "x")
