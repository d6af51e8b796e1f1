"""One voice in both catalogues (issue 17).

The bot is the BPSDM service and speaks as "kami" / "we"; the reader is "Anda" (always
capitalised); formal Indonesian; the same meaning and placeholders in English. Decisions
kept by these tests:

- "saya" appears only where the *user* speaks, in labels that name the user's own things:
  the menu button "👥 Tim Saya" (matched by its text, so it stays) and the download's file
  name "data-saya". Everything else, command descriptions included, says "Anda".
- Commands (/cek, /batal …), placeholders and <code> samples are not words of the voice
  and are left out before looking for words.
- Console commands and settings (asn-corpu-bot, make run, --dry-run, DATABASE_URL …) appear
  only in the operator's console messages listed in OPERATOR_ONLY, each of which only the
  console uses (bot/cli/, and bot/runner.py when the bot starts); employees and admins are
  pointed to "operator sistem" or "pengelola bot" instead.
- A button's alert (answerCallbackQuery) is plain text of at most 200 characters.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from bot.i18n import CATALOGUES

ROOT = Path(__file__).resolve().parents[2]
ID, EN = CATALOGUES["id"], CATALOGUES["en"]

# The user's own labels: the only places "saya" may stand.
USER_VOICE = {"menu.team", "mydata.filename"}
# The bot speaking as someone else than "kami", or informally. "dulu", "bisa" and "jadi"
# are fine Indonesian but not the formal register ("terlebih dahulu", "dapat",
# "sehingga"); "nggak", "aja", "udah", "kok", "gimana" … are spoken Indonesian.
NOT_OUR_VOICE = (
    "saya", "aku", "kita", "kabari", "nggak", "enggak", "gak", "ga", "aja", "udah", "memang",
    "yuk", "dong", "sih", "kok", "banget", "gimana", "kalo", "cuma", "dulu", "bisa", "jadi",
    "nyalakan",
)
# English words with a standard Indonesian word in government use (unggah, berkas, tautan,
# surel, percakapan). The console messages (cli.*) name tools and their options as they are.
ENGLISH_WORDS = ("upload", "download", "file", "link", "email", "chat", "online", "klik", "click")
CONSOLE = re.compile(
    r"asn-corpu-bot|\bmake (?:run|demo|test)\b|(?<![\w-])--[a-z][a-z-]+|pg_dump|pg_restore|"
    r"DATABASE_URL|AUTO_MIGRATE|LOG_LEVEL|BOT_USERNAME|TELEGRAM_BOT_TOKEN|\.env\b"
)
# Messages printed on the operator's console, which may name console commands.
OPERATOR_ONLY = {
    "cli.no_token", "cli.migrations_pending#one", "cli.migrations_pending#other",
    "cli.db_unreachable", "cli.link_code_no_username", "cli.demo_seeded", "cli.unexpected",
    "cli.restore_outdated", "cli.backup_postgres", "cli.backup_not_a_file", "cli.admins_none",
    "import.dry_run_done", "import.skipped#one", "import.skipped#other",
    "import.rejected#one", "import.rejected#other",
}
CONSOLE_CODE = ("bot/cli/", "bot/runner.py")  # what prints on the operator's terminal
# Texts that may be a button's alert: plain text (no HTML) of at most 200 characters.
ALERTS = {
    "callback.expired", "claim.stale", "link.needed_short", "program.not_for_you",
    "verify.gone", "verify.not_allowed", "verify.own_claim", "admin.not_allowed",
    "report.not_allowed", "admin.identify_first", "audit.preparing", "report.preparing",
    "team.none", "team.nudge.queued", "team.nudge.too_soon", "team.nudge.not_in_team",
    "team.nudge.not_behind", "team.nudge.not_linked", "announce.created", "announce.opds_max",
    "announce.opds_none", "announce.retrying#one", "announce.retrying#other",
    "announce.nothing_to_retry",
    "announce.stopped", "announce.already_over", "prefs.saved", "needs.saved", "needs.moved",
    "needs.withdrawn", "needs.refused.closed", "needs.refused.unknown",
    "needs.refused.retired", "needs.refused.too_many", "needs.refused.not_declared",
    "evaluation.already", "evaluation.invalid", "evaluation.not_found", "cert.not_found",
    "cert.revoked",
}
ALERT_MAX = 200  # Telegram's limit for answerCallbackQuery's text
# An English count names its noun through key#one / key#other; other numbers are written
# "label: number". Configured limits ({max} characters, {days} days ahead) are never 1.
PLURAL_NOUNS = (
    "employees", "people", "rows", "records", "seats", "sessions", "days", "programs",
    "participants", "recipients", "messages", "reports", "claims", "OPDs", "competencies",
    "needs", "problems", "activities", "entries", "roles", "holidays", "rules", "hours",
)
LIMITS = {"max", "min", "days"}
WORDS = {"kind"}  # placeholders that hold a word, not a number


def _words(text: str) -> str:
    """The text without commands, placeholders and <code> samples."""
    text = re.sub(r"<code>.*?</code>", " ", text, flags=re.S)
    text = re.sub(r"\{\w+\}", " ", text)
    return re.sub(r"(?<![\w.])/\w+", " ", text)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_bot_never_speaks_as_saya_or_informally() -> None:
    pattern = re.compile(r"\b(%s)\b" % "|".join(NOT_OUR_VOICE), re.IGNORECASE)
    found = {key: pattern.findall(_words(text)) for key, text in ID.items() if key not in USER_VOICE}
    assert {k: v for k, v in found.items() if v} == {}


def test_saya_stays_in_the_users_own_labels() -> None:
    assert all(re.search(r"\bsaya\b", ID[key], re.IGNORECASE) for key in USER_VOICE)


def test_lagi_at_most_once_in_a_message() -> None:
    assert [key for key, text in ID.items() if len(re.findall(r"\blagi\b", text)) > 1] == []


def test_anda_is_always_capitalised() -> None:
    wrong = {key: found for key, text in ID.items()
             if (found := [w for w in re.findall(r"\banda\b", text, re.IGNORECASE) if w != "Anda"])}
    assert wrong == {}


def test_indonesian_uses_the_indonesian_word() -> None:
    pattern = re.compile(r"\b(%s)\b" % "|".join(ENGLISH_WORDS), re.IGNORECASE)
    found = {key: pattern.findall(_words(text)) for key, text in ID.items() if not key.startswith("cli.")}
    assert {k: v for k, v in found.items() if v} == {}


@pytest.mark.parametrize("language", ["id", "en"])
def test_console_commands_only_in_the_operators_messages(language: str) -> None:
    found = {key for key, text in CATALOGUES[language].items() if CONSOLE.search(text)}
    assert found - OPERATOR_ONLY == set()


def test_the_operator_only_messages_are_used_only_by_the_console() -> None:
    sources = [p for folder in ("bot", "handlers") for p in (ROOT / folder).rglob("*.py")
               if "locales" not in p.parts]
    texts = {p: p.read_text(encoding="utf-8") for p in sources}
    for key in {k.split("#")[0] for k in OPERATOR_ONLY}:
        users = {p.relative_to(ROOT).as_posix() for p, s in texts.items() if f'"{key}"' in s}
        assert users and all(u.startswith(CONSOLE_CODE) for u in users), (key, users)
        assert key in ID or f"{key}#other" in ID


def test_placeholders_are_the_same_in_both_languages() -> None:
    assert ID.keys() == EN.keys()
    differ = {key: (_placeholders(ID[key]), _placeholders(EN[key])) for key in ID
              if _placeholders(ID[key]) != _placeholders(EN[key])}
    assert differ == {}
    for catalogue in (ID, EN):  # every plural form has the placeholders of its #other
        for key, text in catalogue.items():
            base, _, form = key.partition("#")
            if form:
                assert _placeholders(text) == _placeholders(catalogue[f"{base}#other"]), key


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_buttons_alert_is_short_plain_text(language: str) -> None:
    catalogue = CATALOGUES[language]
    assert ALERTS <= catalogue.keys()
    # Each value ({name}, {date}) counted as 30 characters.
    shown = {key: re.sub(r"\{\w+\}", "x" * 30, catalogue[key]) for key in ALERTS}
    bad = {key: len(text) for key, text in shown.items()
           if len(text) > ALERT_MAX or re.search(r"</?\w+>", text)}
    assert bad == {}


def test_english_counts_are_plural_forms() -> None:
    pattern = re.compile(r"\{(\w+)\}\)? (%s)\b" % "|".join(PLURAL_NOUNS))
    found = {key: hits for key, text in EN.items() if "#" not in key
             if (hits := [m.group(0) for m in pattern.finditer(text) if m.group(1) not in LIMITS | WORDS])}
    assert found == {}


def test_one_wording_for_a_family() -> None:
    # "Nothing was changed" / "Tidak ada yang diubah"; the button as it is labelled;
    # buttons are tapped; the activity reports are "laporan" / "reports", never claims.
    assert [k for k, v in ID.items() if re.search(r"tidak ada yang berubah|\bklaim\b", v, re.I)] == []
    assert [k for k, v in EN.items()
            if re.search(r"Nothing changed|Share phone number|\b[Pp]ress\b|\bclaims?\b", _words(v))] == []
