"""Plural forms through the catalogue: `key#one` / `key#other`, chosen by `count` with
CLDR's rules (Babel), in both languages; never "problem(s)"."""

from __future__ import annotations

import pytest

from bot.i18n import CATALOGUES, t


def test_english_says_one_problem_and_two_problems() -> None:
    assert t("en", "import.errors_found", count=1) == "1 problem found:"
    assert t("en", "import.errors_found", count=2) == "2 problems found:"
    assert t("en", "import.errors_found", count=0) == "0 problems found:"
    assert t("en", "program.more_sessions", count=1) == "• …and 1 more session"
    assert t("en", "cli.admin_removed", count=3, id=7) == "3 admin roles taken from Telegram account 7."


def test_indonesian_has_one_form_for_every_count() -> None:
    assert t("id", "import.errors_found", count=1) == "Ditemukan 1 kesalahan:"
    assert t("id", "import.errors_found", count=5) == "Ditemukan 5 kesalahan:"
    assert t("id", "history.more", count=1) == "   … dan 1 catatan lainnya"


def test_no_message_writes_a_plural_with_parentheses() -> None:
    for language, catalogue in CATALOGUES.items():
        for key, text in catalogue.items():
            assert "(s)" not in text, (language, key)


def test_a_plural_message_needs_a_count_and_every_plural_has_its_other_form() -> None:
    with pytest.raises(KeyError):
        t("en", "import.errors_found")
    with pytest.raises(KeyError):
        t("en", "no.such.key", count=1)
    for catalogue in CATALOGUES.values():
        bases = {key.split("#")[0] for key in catalogue if "#" in key}
        assert all(f"{base}#other" in catalogue for base in bases)
