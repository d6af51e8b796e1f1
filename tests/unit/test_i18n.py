"""The message catalogues and the formatting helpers of bot/i18n.py.

- both languages have the same keys and, per key, the same {placeholders};
- every message is Telegram HTML (tags b, i, u, s, code, pre, a only; balanced; `<`,
  `>` and `&` escaped) except `cli.*` and `import.*`, which are plain text for
  terminals; `import.error.*` is also wrapped in Html() by the admin handlers, so it
  must be plain text that is HTML-safe at the same time;
- t() escapes values unless they are Html;
- every error code the import services can produce has a message in both catalogues.
"""

from __future__ import annotations

import html
import re
import string
from datetime import date, datetime, timezone
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.i18n import _FEATURES, CATALOGUES, Html, fmt_date, fmt_short_date, fmt_time, t, zone_label
from bot.locales import admin, announce, claims, en, id as id_

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ROOT / "bot" / "services"
PLAIN_PREFIXES = ("cli.", "import.")
ALLOWED_TAGS = frozenset({"b", "i", "u", "s", "code", "pre", "a"})
ALLOWED_ENTITIES = frozenset({"lt", "gt", "amp", "quot"})
WIB, WITA, WIT = (ZoneInfo(z) for z in ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"))


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def html_keys(language: str) -> list[str]:
    return [k for k in CATALOGUES[language] if not k.startswith(PLAIN_PREFIXES)]


# --- a small Telegram-HTML checker -----------------------------------------------------


class TelegramHtml(HTMLParser):
    """Collects every way a text would be refused by Telegram's HTML parse mode."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.open: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = [name for name, _ in attrs]
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        elif tag == "a" and names != ["href"]:
            self.problems.append("<a> needs exactly href")
        elif tag == "code" and names not in ([], ["class"]):
            self.problems.append("<code> attributes")
        elif tag not in ("a", "code") and names:
            self.problems.append(f"<{tag}> attributes")
        self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"self-closing <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open.pop() != tag:
            self.problems.append(f"unbalanced </{tag}>")

    def handle_data(self, data: str) -> None:
        for ch in "<>&":
            if ch in data:
                self.problems.append(f"bare {ch!r}")

    def handle_entityref(self, name: str) -> None:
        if name not in ALLOWED_ENTITIES:
            self.problems.append(f"entity &{name};")

    def handle_comment(self, data: str) -> None:
        self.problems.append("comment")

    def handle_decl(self, decl: str) -> None:
        self.problems.append("declaration")

    def handle_pi(self, data: str) -> None:
        self.problems.append("processing instruction")


def html_problems(text: str) -> list[str]:
    checker = TelegramHtml()
    checker.feed(text)
    checker.close()
    problems = list(checker.problems)
    if checker.rawdata:  # something the parser could not even tokenise, e.g. "<b"
        problems.append(f"unparsed {checker.rawdata!r}")
    problems.extend(f"unclosed <{tag}>" for tag in checker.open)
    return problems


@pytest.mark.parametrize(
    "text",
    ["<b>bold", "x</b>", "<i>a</b></i>", "<div>x</div>", "<br/>", "a & b", "a < b", "a > b",
     "&nbsp;", "<a>x</a>", '<b class="x">y</b>', "<!-- c -->", "<b"],
)
def test_the_checker_catches_bad_html(text: str) -> None:
    assert html_problems(text) != []


@pytest.mark.parametrize(
    "text",
    ["plain", "<b>x</b> and <i>y</i>", '<a href="https://t.me">t</a>', "<b><i>n</i></b>",
     "1 &lt; 2 &amp;&amp; 3 &gt; 2", "<code>x</code><pre>y</pre><u>z</u><s>w</s>", "{name}"],
)
def test_the_checker_accepts_telegram_html(text: str) -> None:
    assert html_problems(text) == []


# --- the catalogues --------------------------------------------------------------------


def test_i18n_uses_every_locale_module_without_collisions() -> None:
    features = [(f.ID, f.EN) for f in _FEATURES]
    assert {announce, claims, admin} <= set(_FEATURES)
    for language, main, index in (("id", id_.MESSAGES, 0), ("en", en.MESSAGES, 1)):
        parts = [main] + [pair[index] for pair in features]
        assert sum(len(part) for part in parts) == len(CATALOGUES[language])  # no key twice
        for part in parts:
            assert all(CATALOGUES[language][key] == text for key, text in part.items())
    assert len(id_.MESSAGES) > 100


def test_same_keys_in_both_languages() -> None:
    assert sorted(set(CATALOGUES["id"]) - set(CATALOGUES["en"])) == []
    assert sorted(set(CATALOGUES["en"]) - set(CATALOGUES["id"])) == []


def test_same_placeholders_per_key() -> None:
    english = CATALOGUES["en"]
    mismatched = {
        key: (placeholders(text), placeholders(english[key]))
        for key, text in CATALOGUES["id"].items()
        if key in english and placeholders(text) != placeholders(english[key])
    }
    assert mismatched == {}


@pytest.mark.parametrize("language", ["id", "en"])
def test_placeholders_are_plain_names(language: str) -> None:
    # t() passes every value as a str: a format spec or conversion would break or lie.
    odd = []
    for key, text in CATALOGUES[language].items():
        for _, name, spec, conversion in string.Formatter().parse(text):
            if name is not None and (not name.isidentifier() or spec or conversion):
                odd.append((key, name))
    assert odd == []


@pytest.mark.parametrize("language", ["id", "en"])
def test_messages_are_valid_telegram_html(language: str) -> None:
    bad = {key: html_problems(CATALOGUES[language][key]) for key in html_keys(language)}
    assert {k: v for k, v in bad.items() if v} == {}


@pytest.mark.parametrize("language", ["id", "en"])
def test_import_errors_are_plain_text_and_html_safe(language: str) -> None:
    # Printed on the terminal by the CLI and embedded as Html() in Telegram replies.
    bad = [
        key for key, text in CATALOGUES[language].items()
        if key.startswith("import.error.") and any(ch in text for ch in "<>&")
    ]
    assert bad == []


@pytest.mark.parametrize("language", ["id", "en"])
def test_values_cannot_inject_markup_into_any_message(language: str) -> None:
    nasty = '<b>&amp; "x" </i>'
    for key in html_keys(language):
        names = placeholders(CATALOGUES[language][key])
        if not names:
            continue
        rendered = t(language, key, **dict.fromkeys(names, nasty))
        assert html_problems(rendered) == [], key
        assert html.unescape(rendered).count(nasty) >= len(names), key


# --- t() -------------------------------------------------------------------------------


WELCOME_BACK = "start.welcome_back"  # has {name} and {opd}


def test_welcome_back_has_the_placeholders_these_tests_use() -> None:
    assert placeholders(CATALOGUES["id"][WELCOME_BACK]) == {"name", "opd"}


@pytest.mark.parametrize("language", ["id", "en"])
def test_t_escapes_lt_gt_and_amp_but_not_quotes(language: str) -> None:
    template = CATALOGUES[language][WELCOME_BACK]
    rendered = t(language, WELCOME_BACK, name='"Andi" & <Co>', opd=7)
    assert rendered == template.replace("{name}", '"Andi" &amp; &lt;Co&gt;').replace("{opd}", "7")


@pytest.mark.parametrize("language", ["id", "en"])
def test_t_leaves_html_values_alone(language: str) -> None:
    template = CATALOGUES[language][WELCOME_BACK]
    rendered = t(language, WELCOME_BACK, name=Html("<b>Andi</b> &amp; co"), opd="<x>")
    assert rendered == template.replace("{name}", "<b>Andi</b> &amp; co").replace(
        "{opd}", "&lt;x&gt;"
    )


@settings(max_examples=200, deadline=None)
@given(value=st.text(max_size=40))
def test_t_round_trips_any_value_through_html_unescape(value: str) -> None:
    template = CATALOGUES["id"][WELCOME_BACK]
    rendered = t("id", WELCOME_BACK, name=value, opd="OPD")
    assert html.unescape(rendered) == html.unescape(template).format(name=value, opd="OPD")
    assert rendered.count("<") == template.count("<")  # the value added no tag


def test_t_without_values_returns_the_template_and_falls_back_to_indonesian() -> None:
    assert t("id", "menu.balance") == id_.MESSAGES["menu.balance"]
    assert t("en", "menu.balance") == en.MESSAGES["menu.balance"]
    assert t("jv", "menu.balance") == id_.MESSAGES["menu.balance"]
    with pytest.raises(KeyError):
        t("id", "no.such.key")


# --- dates and times ---------------------------------------------------------------------


def test_fmt_date_examples() -> None:
    assert fmt_date("id", date(2026, 12, 7)) == "Senin, 7 Desember 2026"
    assert fmt_date("en", date(2026, 12, 7)) == "Monday, 7 December 2026"
    assert fmt_date("id", date(2026, 12, 11)) == "Jumat, 11 Desember 2026"
    assert fmt_date("id", date(2028, 2, 29)) == "Selasa, 29 Februari 2028"
    assert fmt_date("xx", date(2026, 12, 7)) == "Senin, 7 Desember 2026"
    assert fmt_short_date("id", date(2026, 8, 17)) == "17 Agu 2026"
    assert fmt_short_date("en", date(2026, 8, 17)) == "17 Aug 2026"


ID_DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
ID_MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember"]
EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)))
def test_fmt_date_names_the_right_weekday_and_month(day: date) -> None:
    assert fmt_date("id", day) == (
        f"{ID_DAYS[day.weekday()]}, {day.day} {ID_MONTHS[day.month - 1]} {day.year}"
    )
    assert fmt_date("en", day) == (
        f"{EN_DAYS[day.weekday()]}, {day.day} {EN_MONTHS[day.month - 1]} {day.year}"
    )


def test_fmt_time_examples() -> None:
    moment = datetime(2026, 12, 7, 3, 0, tzinfo=timezone.utc)
    assert fmt_time("id", moment, WITA) == "11.00 WITA"
    assert fmt_time("en", moment, WITA) == "11:00 WITA"
    assert fmt_time("id", moment, WIB) == "10.00 WIB"
    assert fmt_time("id", moment, WIT) == "12.00 WIT"
    assert fmt_time("id", moment, ZoneInfo("Asia/Pontianak")) == "10.00 WIB"
    # Past midnight locally; the zone keeps its IANA name when it has no Indonesian one.
    late = datetime(2026, 12, 6, 16, 5, tzinfo=timezone.utc)
    assert fmt_time("id", late, WIT) == "01.05 WIT"
    assert fmt_time("en", late, ZoneInfo("UTC")) == "16:05 UTC"
    assert zone_label(ZoneInfo("Europe/Amsterdam")) == "Europe/Amsterdam"


@settings(max_examples=200, deadline=None)
@given(moment=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                           timezones=st.just(timezone.utc)),
       zone=st.sampled_from([(WIB, "WIB"), (WITA, "WITA"), (WIT, "WIT")]))
def test_fmt_time_is_the_local_hour_and_minute(
    moment: datetime, zone: tuple[ZoneInfo, str]
) -> None:
    tz, label = zone
    local = moment.astimezone(tz)
    assert fmt_time("id", moment, tz) == f"{local:%H}.{local:%M} {label}"
    assert fmt_time("en", moment, tz) == f"{local:%H}:{local:%M} {label}"


# --- every import error code has a message ---------------------------------------------

def all_error_codes() -> set[str]:
    """Every code an import can produce: each import's sheet declares its columns, whose
    parsers declare their codes, and the import's own checks (bot/services/imports)."""
    from bot.services.identity.nip import NIP_CODES
    from bot.services.imports.attendance import ATTENDANCE
    from bot.services.imports.holidays import HOLIDAYS
    from bot.services.imports.jp_history import JP_SHEET
    from bot.services.imports.jp_rules import RULES
    from bot.services.imports.programs import PROGRAMS
    from bot.services.imports.roster import ROSTER
    from bot.services.needs.catalogue import COMPETENCIES

    sheets = (ATTENDANCE, HOLIDAYS, JP_SHEET, RULES, PROGRAMS, ROSTER, COMPETENCIES)
    return set().union(*(sheet.error_codes() for sheet in sheets)) | set(NIP_CODES)


def test_the_sheets_declare_the_known_codes() -> None:
    codes = all_error_codes()
    assert {
        "file_type", "file_too_large", "file_unreadable", "file_empty", "missing_columns",
        "ambiguous_columns", "nip_empty", "nip_numeric_cell", "nip_length", "nip_birth_date",
        "nip_tmt", "nip_sex", "nip_duplicate", "phone_invalid", "type_unknown", "jp_empty",
        "jp_invalid", "jp_not_positive", "jp_too_large", "jp_precision", "date_format",
        "date_invalid", "date_empty", "category_empty", "category_unknown", "time_invalid",
        "not_a_participant", "attended_unknown", "program_conflict", "unit_unknown",
    } <= codes
    assert all(re.fullmatch(r"[a-z][a-z_]*", c) for c in codes), codes


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_error_code_has_a_message(language: str) -> None:
    missing = sorted(c for c in all_error_codes()
                     if f"import.error.{c}" not in CATALOGUES[language])
    assert missing == []
