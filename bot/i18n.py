"""Translation and locale-aware formatting (Babel) for every user-facing string."""

from __future__ import annotations

import html
from datetime import date, datetime, tzinfo
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import parse_pattern

from bot.locales import account, admin, announce, attendance, claims, en, id as id_, menus, needs, team
from models.enums import Language

# The main catalogues, plus one module per large feature holding both languages side by
# side (ID and EN dictionaries); keys never collide (a test checks).
_FEATURES = (account, admin, announce, attendance, claims, menus, needs, team)
CATALOGUES: dict[str, dict[str, str]] = {
    Language.ID: id_.MESSAGES | {k: v for f in _FEATURES for k, v in f.ID.items()},
    Language.EN: en.MESSAGES | {k: v for f in _FEATURES for k, v in f.EN.items()},
}
LANGUAGES = tuple(CATALOGUES)
_JP_PATTERN = parse_pattern("#,##0.##")
_LONG_DATE = {Language.ID: "EEEE, d MMMM y", Language.EN: "EEEE, d MMMM y"}
_SHORT_DATE = {Language.ID: "d MMM y", Language.EN: "d MMM y"}


class Html(str):
    """Text that is already HTML: t() inserts it as it is instead of escaping it."""


def _lang(language: str) -> str:
    return language if language in CATALOGUES else Language.ID


@lru_cache(maxsize=8)
def _locale(language: str) -> Locale:
    return Locale.parse(_lang(language))


def plural_key(language: str, key: str, count: object) -> str:
    """The catalogue key of `key`'s plural form for `count` (CLDR rules through Babel:
    English "1 problem" / "2 problems"; Indonesian has one form). A plural message is
    stored as `key#one`, `key#other` (…) in both catalogues, with the same placeholders."""
    catalogue = CATALOGUES[_lang(language)]
    if count is None or f"{key}#other" not in catalogue:
        raise KeyError(key)
    try:
        number = abs(Decimal(str(count)))  # the CLI passes its values as text
    except ArithmeticError:
        raise KeyError(key) from None
    form = _locale(language).plural_form(int(number) if number == number.to_integral_value() else number)
    return f"{key}#{form}" if f"{key}#{form}" in catalogue else f"{key}#other"


def t(language: str, key: str, **values: object) -> str:
    """The message `key` in `language`; values are HTML-escaped unless wrapped in Html.
    A plural message (`key#one`, `key#other`) is chosen by the value of `count`."""
    catalogue = CATALOGUES[_lang(language)]
    template = catalogue.get(key)
    if template is None:
        template = catalogue[plural_key(language, key, values.get("count"))]
    if not values:
        return template
    safe = {
        k: v if isinstance(v, Html) else html.escape(str(v), quote=False)
        for k, v in values.items()
    }
    return template.format(**safe)


def all_translations(key: str) -> list[str]:
    return [catalogue[key] for catalogue in CATALOGUES.values()]


@lru_cache(maxsize=4096)
def fmt_jp(language: str, value: Decimal | int) -> str:
    """`12,5` in Indonesian, `12.5` in English; no trailing zeros.

    Cached: JP amounts repeat (4, 8, 24 …) and Babel's formatting is the costliest part
    of rendering a balance.
    """
    return _JP_PATTERN.apply(Decimal(value), _locale(language))


def fmt_date(language: str, day: date) -> str:
    """`Senin, 7 Desember 2026` / `Monday, 7 December 2026`."""
    return format_date(day, _LONG_DATE[_lang(language)], locale=_locale(language))  # type: ignore[index]


def fmt_short_date(language: str, day: date) -> str:
    return format_date(day, _SHORT_DATE[_lang(language)], locale=_locale(language))  # type: ignore[index]


_ZONE_LABELS = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


def zone_label(zone: tzinfo) -> str:
    """Indonesian usage names zones WIB/WITA/WIT, not by their IANA name."""
    return _ZONE_LABELS.get(str(zone), str(zone))


def fmt_time(language: str, moment: datetime, zone: tzinfo) -> str:
    """`14.30 WITA` / `14:30 WITA`."""
    pattern = "HH.mm" if _lang(language) == Language.ID else "HH:mm"
    local = moment.astimezone(zone)
    return f"{format_time(local, pattern, locale=_locale(language))} {zone_label(zone)}"
