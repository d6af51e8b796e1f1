"""The message catalogues: the same keys and placeholders in both languages, valid HTML,
and a message for every code the services can produce."""

from __future__ import annotations

import re
import string
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.i18n import CATALOGUES, Html, fmt_date, fmt_time, t

ROOT = Path(__file__).resolve().parents[2]
ALLOWED_TAGS = {"b", "i", "u", "s", "code", "pre", "a"}
PLAIN_PREFIXES = ("cli.", "import.")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_same_keys_and_placeholders() -> None:
    id_, en = CATALOGUES["id"], CATALOGUES["en"]
    assert set(id_) == set(en)
    mismatched = [k for k in id_ if _fields(id_[k]) != _fields(en[k])]
    assert mismatched == []


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag not in ALLOWED_TAGS:
            self.bad.append(tag)
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.bad.append(f"/{tag}")


@pytest.mark.parametrize("language", ["id", "en"])
def test_messages_are_telegram_html_or_plain(language: str) -> None:
    for key, template in CATALOGUES[language].items():
        if key.startswith(PLAIN_PREFIXES):
            assert "<b>" not in template, key
            continue
        checker = _Checker()
        checker.feed(template)
        assert checker.bad == [] and checker.stack == [], key
        assert not re.search(r"&(?!amp;|lt;|gt;|quot;)", template), key


def test_values_are_escaped_unless_html() -> None:
    assert t("id", "balance.who", name="A & B <x>", opd="OPD") == "A &amp; B &lt;x&gt; · OPD"
    assert t("id", "balance.who", name=Html("<b>A</b>"), opd="OPD") == "<b>A</b> · OPD"


def test_dates_and_times() -> None:
    assert fmt_date("id", date(2026, 12, 7)) == "Senin, 7 Desember 2026"
    assert fmt_date("en", date(2026, 12, 7)) == "Monday, 7 December 2026"
    moment = datetime(2026, 12, 7, 3, 30, tzinfo=ZoneInfo("UTC"))
    assert fmt_time("id", moment, ZoneInfo("Asia/Makassar")) == "11.30 WITA"
    assert fmt_time("en", moment, ZoneInfo("Asia/Jakarta")) == "10:30 WIB"


_CODE_PATTERNS = [
    r'fail\("[a-z_]+", "([a-z_]+)"\)',
    r'TableError\("([a-z_]+)"',
    r'NipError\("([a-z_]+)"\)',
    r'RowError\([^,]+, "[a-z_]+", "([a-z_]+)"\)',
    r'return None, "([a-z_]+)"',
    r'"([a-z_]+)" if [a-z_ ]+ is None else "([a-z_]+)"',
]


def test_every_import_error_code_has_a_message() -> None:
    codes: set[str] = set()
    for name in ("tabular", "roster_import", "jp_import", "nip", "phone", "program_import",
                 "program_admin"):
        source = (ROOT / "bot" / "services" / f"{name}.py").read_text()
        for pattern in _CODE_PATTERNS:
            for match in re.findall(pattern, source):
                codes.update(m for m in (match if isinstance(match, tuple) else (match,)) if m)
    assert len(codes) > 40  # the scan found the codes, not nothing
    for language in ("id", "en"):
        missing = sorted(c for c in codes if f"import.error.{c}" not in CATALOGUES[language])
        assert missing == [], language
