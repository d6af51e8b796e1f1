"""/privasi (/privacy): what is kept, why, how long and who sees it; the help points to it."""

from __future__ import annotations

from bot.i18n import t
from bot.presentation.menus import command_list, help_text
from models.db import Database
from tests.bot_harness import BotHarness
from tests.factories import link_account, make_employee

USER, STRANGER = 5560001, 5560002


async def test_privacy_says_what_why_how_long_and_who_in_both_languages(
    harness: BotHarness, db: Database
) -> None:
    async with db.writing() as s:
        await link_account(s, await make_employee(s, phone=None), USER)
    text = await harness.text(USER, "/privasi")
    assert text == t("id", "privacy.text")
    for part in ("Yang kami simpan", "Untuk apa", "Berapa lama", "Siapa yang melihat",
                 "laporan pelatihan", "sertifikat", "pendaftaran program", "percobaan kode tautan"):
        assert part in text
    # Open before linking too, in English by the alias.
    english = t("en", "privacy.text")
    for part in ("What we keep", "Why", "How long", "Who sees it", "training reports", "certificates"):
        assert part in english
    assert await harness.text(STRANGER, "/privacy") == t("id", "privacy.text")


def test_the_help_points_to_privacy_instead_of_an_inaccurate_line() -> None:
    assert "/privasi" in help_text("id") and "/privacy" in help_text("en")
    assert "hanya menyimpan ID Telegram" not in help_text("id")
    assert "keeps only your Telegram ID" not in help_text("en")
    assert "privasi" in [c.command for c in command_list("id")]
    assert "privacy" in [c.command for c in command_list("en")]
