"""/dataku (/mydata) and /hapusakun (/deleteaccount) through process_update: the file
holds exactly the sender's data, the erasure keeps the JP ledger, both are audited
without personal data, and forged or cancelled presses change nothing."""

from __future__ import annotations

import io
import json
from datetime import date

from openpyxl import load_workbook
from sqlalchemy import func, select

from bot.i18n import t
from bot.presentation.buttons.self_service import ConfirmErase
from models import AccountLink, AuditLog, Enrollment, JpRecord, LinkAttempt, TelegramAccount
from models.db import Database
from tests.bot_harness import BotHarness
from tests.factories import NOW, link_account, make_employee, make_opd, make_program, make_record

ANDI, BUDI, STRANGER = 5570001, 5570002, 5570003


async def _world(db: Database) -> dict[str, str]:
    async with db.writing() as s:
        opd = await make_opd(s, "Dinas Kesehatan")
        andi = await make_employee(s, opd=opd, name="Andi Tenri Ajeng", phone="+6281200000001")
        budi = await make_employee(s, opd=opd, name="Budi Santoso", phone="+6281200000002")
        await link_account(s, andi, ANDI)
        await link_account(s, budi, BUDI)
        s.add(AccountLink(telegram_user_id=ANDI, employee_id=andi.id, linked_at=NOW))
        await make_record(s, andi, "12.5", date(2026, 3, 1), title="Bimtek Andi")
        await make_record(s, budi, "8", date(2026, 4, 1), title="Diklat Budi")
        program = await make_program(s, title="Pelatihan Bersama")
        for n, who in enumerate((andi, budi), start=1):
            s.add(Enrollment(program_id=program.id, employee_id=who.id, status="enrolled",
                             queue_no=n, created_at=NOW, updated_at=NOW))
        s.add_all([LinkAttempt(telegram_user_id=ANDI, created_at=NOW),
                   LinkAttempt(telegram_user_id=BUDI, created_at=NOW)])
        return {"andi_nip": andi.nip, "budi_nip": budi.nip}


async def test_my_data_holds_exactly_the_senders_data_as_json_and_xlsx(
    harness: BotHarness, db: Database
) -> None:
    people = await _world(db)
    await harness.text(ANDI, "/dataku")
    json_doc, xlsx_doc = harness.request.sent("sendDocument")
    name, raw = json_doc["_files"]["document"]
    assert name == "data-saya.json"
    data = json.loads(raw)
    assert data["telegram_user_id"] == ANDI
    assert [row["nip"] for row in data["employee"]] == [people["andi_nip"]]
    assert [row["title"] for row in data["jp_records"]] == ["Bimtek Andi"]
    assert data["jp_records"][0]["jp"] == "12.50"
    assert [row["program_title"] for row in data["enrollments"]] == ["Pelatihan Bersama"]
    assert len(data["link_attempts"]) == 1 and len(data["account_links"]) == 1
    text = raw.decode()
    for other in (people["budi_nip"], "Budi", "Diklat Budi", str(BUDI), "6281200000002"):
        assert other not in text
    assert "12.50" in text and t("id", "mydata.caption_json", rows=sum(
        len(v) for k, v in data.items() if isinstance(v, list))) == json_doc["caption"]

    name, raw = xlsx_doc["_files"]["document"]
    assert name == "data-saya.xlsx"
    book = load_workbook(io.BytesIO(raw))
    assert book.sheetnames[0] == "Akun Telegram" and "Catatan JP" in book.sheetnames
    cells = [str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert people["andi_nip"] in cells and "Bimtek Andi" in cells
    assert not any("Budi" in c or people["budi_nip"] in c for c in cells)

    async with db.reading() as s:
        audit = await s.scalar(select(AuditLog).where(AuditLog.action == "export_personal_data"))
    assert audit is not None and audit.actor == f"tg:{ANDI}"
    assert set(audit.details) == {"rows", "linked"}
    assert people["andi_nip"] not in json.dumps(audit.details)


async def test_my_data_in_english_for_someone_not_linked(harness: BotHarness, db: Database) -> None:
    async with db.writing() as s:
        s.add(TelegramAccount(telegram_user_id=STRANGER, language="en", created_at=NOW))
    await harness.text(STRANGER, "/mydata")
    json_doc, xlsx_doc = harness.request.sent("sendDocument")
    assert json_doc["_files"]["document"][0] == "my-data.json"
    data = json.loads(json_doc["_files"]["document"][1])
    assert data["employee"] == [] and data["telegram_account"][0]["language"] == "en"
    assert "Telegram account" in load_workbook(io.BytesIO(xlsx_doc["_files"]["document"][1])).sheetnames


async def _count(db: Database, model: type, *where: object) -> int:
    async with db.reading() as s:
        return int(await s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


async def test_erasing_asks_first_then_keeps_the_jp_ledger_and_says_so(
    harness: BotHarness, db: Database
) -> None:
    people = await _world(db)
    ask = await harness.text(ANDI, "/hapusakun")
    assert ask == t("id", "erase.confirm") and "Catatan JP" in ask
    assert await _count(db, TelegramAccount) == 2  # asking erases nothing

    cancelled = await harness.send(harness.updates.callback(ANDI, ConfirmErase(False)))
    assert cancelled == t("id", "erase.cancelled")
    assert await _count(db, TelegramAccount, TelegramAccount.telegram_user_id == ANDI) == 1

    await harness.send(harness.updates.callback(ANDI, ConfirmErase(True)))
    edited = [c.params["text"] for c in harness.request.calls if c.method == "editMessageText"]
    assert edited == [t("id", "erase.done")]
    assert await _count(db, TelegramAccount, TelegramAccount.telegram_user_id == ANDI) == 0
    assert await _count(db, LinkAttempt, LinkAttempt.telegram_user_id == ANDI) == 0
    # Budi's account and attempts, and Andi's JP ledger and enrollments, stay.
    assert await _count(db, TelegramAccount, TelegramAccount.telegram_user_id == BUDI) == 1
    assert await _count(db, LinkAttempt, LinkAttempt.telegram_user_id == BUDI) == 1
    assert await _count(db, JpRecord) == 2 and await _count(db, Enrollment) == 2

    async with db.reading() as s:
        audit = await s.scalar(select(AuditLog).where(AuditLog.action == "erase_account"))
    assert audit is not None and audit.actor == f"tg:{ANDI}"
    assert audit.details == {"was_linked": True, "link_attempts": 1, "checkin_attempts": 0,
                             "queued_messages": 0}
    assert people["andi_nip"] not in json.dumps(audit.details)

    # Pressed again (a double press, or a forged button from a stranger): nothing to erase.
    again = await harness.send(harness.updates.callback(ANDI, ConfirmErase(True)))
    assert again == t("id", "erase.nothing")
    forged = await harness.send(harness.updates.callback(STRANGER, ConfirmErase(True)))
    assert forged == t("id", "erase.nothing")
    assert await _count(db, TelegramAccount) == 1
    assert await _count(db, AuditLog, AuditLog.action == "erase_account") == 1
