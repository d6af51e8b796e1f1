"""Issue 13.8: a file that only claims to be a PDF is not evidence. The handler reads the
document's first bytes (the offline Bot API serves the fixture as the uploaded file) and
refuses what is not a PDF, saying which formats are accepted; a Telegram photo needs no
check (Telegram recompresses photos to JPEG)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.i18n import t
from bot.services.claims.reporting import PDF_MAGIC, Evidence, check_evidence_content
from models import JpClaim, JpRecord
from models.db import Database
from models.enums import EvidenceKind
from tests.bot_harness import BotHarness
from tests.factories import link_account, make_employee, make_opd
from tests.fixtures.hostile.xlsx import HERE
from tests.handlers.claims.helpers import PDF_BYTES, pdf, press, track

ANDI = 6310001


@pytest.fixture
def bot(harness: BotHarness) -> BotHarness:
    return track(harness)


async def _at_the_evidence_step(bot: BotHarness, db: Database) -> None:
    async with db.writing() as s:
        employee = await make_employee(s, opd=await make_opd(s, "Dinas Kesehatan"), phone=None)
        await link_account(s, employee, ANDI, "id")
    await bot.text(ANDI, "/lapor")
    await press(bot, ANDI, "Klasikal")
    await press(bot, ANDI, "Seminar")
    await bot.text(ANDI, "Seminar Nasional Kebijakan Publik")
    await bot.text(ANDI, "LAN RI")
    await bot.text(ANDI, "02/11/2026")
    await bot.text(ANDI, "03/11/2026")
    await press(bot, ANDI, "Nasional")
    assert "JP" in await bot.text(ANDI, "2")


async def _claims(db: Database) -> int:
    async with db.reading() as s:
        return int(await s.scalar(select(func.count()).select_from(JpClaim)) or 0)


@pytest.mark.parametrize("fixture", ["sertifikat.pdf.html", "setup.exe.pdf"])
@pytest.mark.parametrize("name", ["sertifikat.pdf", "sertifikat.pdf.html"])
async def test_a_disguised_pdf_is_refused_with_the_accepted_formats(
    bot: BotHarness, db: Database, fixture: str, name: str
) -> None:
    await _at_the_evidence_step(bot, db)
    content = (HERE / fixture).read_bytes()
    reply = await bot.send(pdf(bot, ANDI, size=len(content), name=name, mime="application/pdf",
                               file_id=f"hostile-{fixture}", content=content))
    assert "bukan PDF" in reply and "foto" in reply and "PDF" in reply and "10 MB" in reply
    # Still at the evidence step: a genuine PDF goes through.
    summary = await bot.send(pdf(bot, ANDI, size=len(PDF_BYTES), file_id="real"))
    assert "Bukti: PDF ✓" in summary
    await press(bot, ANDI, "Kirim")
    assert await _claims(db) == 1


def test_the_refusal_names_the_accepted_formats_in_english() -> None:
    text = t("en", "claim.error.evidence_content", max=10)
    assert "not really a PDF" in text and "photo" in text and "10 MB" in text


async def test_a_photo_needs_no_download(bot: BotHarness, db: Database) -> None:
    await _at_the_evidence_step(bot, db)
    summary = await bot.send(bot.updates.photo(ANDI, "photo-no-file", 300_000))
    assert "Bukti: foto ✓" in summary
    assert not any(c.method == "getFile" for c in bot.request.calls)
    async with db.reading() as s:
        assert await s.scalar(select(func.count()).select_from(JpRecord)) == 0


@pytest.mark.parametrize(("head", "ok"), [
    (PDF_MAGIC + b"1.4\n", True), (b"<!DOCTYPE html>", False), (b"MZ\x90\x00", False),
    (b"", False), (b"%PDF", False), (b"\xff\xd8\xff\xe0", False), (b"PK\x03\x04", False),
])
def test_only_pdf_bytes_make_a_document_evidence(head: bytes, ok: bool) -> None:
    document = Evidence(EvidenceKind.DOCUMENT, "f", "u")
    assert (check_evidence_content(document, head, 10) is None) is ok
    assert check_evidence_content(Evidence(EvidenceKind.PHOTO, "p", "u"), head, 10) is None


async def test_no_write_lock_is_held_while_the_evidence_downloads(
    bot: BotHarness, db: Database, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file's first bytes are fetched before the update's write unit begins (found in
    review: the whole file was downloaded under SQLite's write lock)."""
    import sqlite3

    from sqlalchemy.engine import make_url
    from telegram import File

    if not db_url.startswith("sqlite"):
        pytest.skip("SQLite's database-wide write lock")
    await _at_the_evidence_step(bot, db)
    path, seen, real = make_url(db_url).database, [], File.download_as_bytearray

    async def download(self: File, *args: object, **kwargs: object) -> bytearray:
        other = sqlite3.connect(str(path), timeout=0)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.rollback()
            seen.append("free")
        except sqlite3.OperationalError as exc:
            seen.append(str(exc))
        finally:
            other.close()
        return await real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(File, "download_as_bytearray", download)
    summary = await bot.send(pdf(bot, ANDI, size=len(PDF_BYTES), file_id="real"))
    assert seen == ["free"]
    assert "Kirim" in summary or "Ringkasan" in summary or "JP" in summary


async def test_a_pdf_that_cannot_be_downloaded_just_now_is_asked_again(
    bot: BotHarness, db: Database
) -> None:
    await _at_the_evidence_step(bot, db)
    bot.request.fail_methods["getFile"] = (500, "Internal Server Error")
    reply = await bot.send(pdf(bot, ANDI, size=len(PDF_BYTES), file_id="real"))
    assert reply == t("id", "claim.error.evidence_unread")
    bot.request.fail_methods.clear()
    assert "Kirim" in await bot.send(pdf(bot, ANDI, size=len(PDF_BYTES), file_id="real"))
