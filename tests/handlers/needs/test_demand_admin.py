"""The demand in /admin: superadmins see every OPD with candidates, OPD admins theirs;
the coverage and the workbook; strangers are refused (also in test_authorisation)."""

from __future__ import annotations

import io

import openpyxl

from bot.i18n import t
from bot.presentation.buttons.demand import DemandCoverage, DemandTable, DemandWorkbook
from bot.presentation.buttons.needs import NeedForm
from models.db import Database
from tests.bot_harness import BotHarness
from tests.factories import make_admin
from tests.handlers.needs.helpers import catalogue, employee, open_window

ANI, BESSE, BOSS, OPD_BOSS = 7141001, 7141002, 7141003, 7141004


async def test_superadmin_and_opd_admin_see_the_demand(harness: BotHarness, db: Database) -> None:
    bot = harness
    await open_window(db)
    comps = await catalogue(db)
    ani = await employee(db, ANI)
    await employee(db, BESSE)
    async with db.writing() as s:
        await make_admin(s, BOSS)
        from models import Opd
        opd = await s.get(Opd, ani.opd_id)
        await make_admin(s, OPD_BOSS, opd)
    await bot.send(bot.updates.callback(ANI, NeedForm(comps["PK-01"].id, None)))
    await bot.send(bot.updates.callback(ANI, NeedForm(comps["AK-01"].id, None)))
    await bot.send(bot.updates.callback(BESSE, NeedForm(comps["PK-01"].id, None)))

    await bot.text(BOSS, "/admin")  # the demand is one of the program list's buttons
    (listing,) = bot.request.sent()
    labels = [b["text"] for row in listing["reply_markup"]["inline_keyboard"] for b in row]
    assert t("id", "demand.open") in labels
    table = await bot.send(bot.updates.callback(BOSS, DemandTable(2026)))
    assert bot.request.sent("sendPhoto")
    assert "★ <b>Pengelolaan Keuangan Daerah</b> (PK-01): 2 pegawai · 2 OPD · 2 tertinggal" in table
    assert "<b>Analisis Kebijakan</b> (AK-01): 1 pegawai · 1 OPD" in table
    cover = await bot.send(bot.updates.callback(BOSS, DemandCoverage(2026)))
    assert "❗ <b>Pengelolaan Keuangan Daerah</b>: 2 peminat; belum ada program" in cover

    mine = await bot.send(bot.updates.callback(OPD_BOSS, DemandTable(2026)))
    assert "PK-01): 1 pegawai · 1 OPD" in mine and "★" not in mine
    assert "Unit: Bidang Uji 1" in mine  # an OPD admin sees their OPD by unit
    assert "Unit:" not in table

    await bot.send(bot.updates.callback(BOSS, DemandWorkbook(2026)))
    (document,) = bot.request.sent("sendDocument")
    name, data = document["_files"]["document"]
    assert name == "kebutuhan-2026.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book["Kebutuhan"].max_row == 4  # header and three needs

    await bot.send(bot.updates.callback(ANI, DemandTable(2026)))
    (answer,) = bot.request.sent("answerCallbackQuery")
    assert answer.get("show_alert") and "tidak" in str(answer.get("text")).lower() or answer.get("text")
