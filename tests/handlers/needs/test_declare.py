"""/kebutuhan through process_update: choose, change, withdraw, a closed window,
forged or stale buttons, more than three needs, strangers and groups."""

from __future__ import annotations

import asyncio
from datetime import date

from sqlalchemy import func, select

from bot.i18n import t
from bot.presentation.buttons.needs import (
    NeedAdd,
    NeedDrop,
    NeedForm,
    NeedKind,
    NeedPick,
    NeedSkipReason,
    NeedUp,
)
from bot.services.needs.declaring import needs_of
from models import LearningNeed
from models.db import Database
from models.enums import CompetencyKind, LearningForm
from tests.bot_harness import BotHarness
from tests.handlers.needs.helpers import alert, catalogue, employee, open_window

ANI = 7140001
STRANGER = 7140002


async def _needs(db: Database, employee_id: int) -> list[tuple[str, int, str | None, str | None]]:
    async with db.reading() as s:
        return [(n.code, n.priority, n.form, n.reason) for n in await needs_of(s, employee_id, 2026)]


async def _count(db: Database) -> int:
    async with db.reading() as s:
        return await s.scalar(select(func.count()).select_from(LearningNeed)) or 0


async def test_choose_by_kind_and_by_search_then_change_and_withdraw(harness: BotHarness, db: Database) -> None:
    bot = harness
    await open_window(db)
    comps = await catalogue(db)
    ani = await employee(db, ANI)

    first = await bot.text(ANI, "/kebutuhan")
    assert "Kebutuhan belajar 2026" in first and t("id", "needs.none") in first
    assert "Kamis, 31 Desember 2026" in first  # open until
    assert t("id", "needs.choose") == await bot.send(bot.updates.callback(ANI, NeedAdd()))
    page = await bot.send(bot.updates.callback(ANI, NeedKind(CompetencyKind.TEKNIS, 0)))
    assert "Kompetensi <b>Teknis</b> (halaman 1 dari 1)" in page
    markup = bot.request.sent("editMessageText")[-1]["reply_markup"]
    labels = [b["text"] for row in markup["inline_keyboard"] for b in row]
    assert labels[:3] == ["Literasi Digital (LD-01)", "Pengadaan Barang/Jasa (PBJ-01)",
                          "Pengelolaan Keuangan Daerah (PK-01)"]
    asked = await bot.send(bot.updates.callback(ANI, NeedPick(comps["PK-01"].id)))
    assert "Bentuk pembelajaran" in asked
    saved = await bot.send(bot.updates.callback(ANI, NeedForm(comps["PK-01"].id, LearningForm.E_LEARNING)))
    assert "Tersimpan: <b>Pengelolaan Keuangan Daerah</b>" in saved
    reason = await bot.text(ANI, "Saya  mengelola   SPJ bidang")
    assert "1. <b>Pengelolaan Keuangan Daerah</b> (PK-01)" in reason
    assert "Alasan: Saya mengelola SPJ bidang" in reason

    # Second need by typing a few letters.
    await bot.send(bot.updates.callback(ANI, NeedAdd()))
    found = await bot.text(ANI, "kebij")
    assert "Hasil pencarian" in found
    await bot.send(bot.updates.callback(ANI, NeedPick(comps["AK-01"].id)))
    await bot.send(bot.updates.callback(ANI, NeedForm(comps["AK-01"].id, None)))
    await bot.send(bot.updates.callback(ANI, NeedSkipReason(comps["AK-01"].id)))
    assert await _needs(db, ani.id) == [("PK-01", 1, "e_learning", "Saya mengelola SPJ bidang"),
                                        ("AK-01", 2, None, None)]

    # Change: the form of a declared need, then its priority; withdraw the first.
    await bot.send(bot.updates.callback(ANI, NeedForm(comps["AK-01"].id, LearningForm.WEBINAR)))
    await bot.send(bot.updates.callback(ANI, NeedSkipReason(comps["AK-01"].id)))
    moved = await bot.send(bot.updates.callback(ANI, NeedUp(comps["AK-01"].id)))
    assert "1. <b>Analisis Kebijakan</b>" in moved and alert(bot) == t("id", "needs.moved")
    assert await _needs(db, ani.id) == [("AK-01", 1, "webinar", None),
                                        ("PK-01", 2, "e_learning", "Saya mengelola SPJ bidang")]
    await bot.send(bot.updates.callback(ANI, NeedDrop(comps["AK-01"].id)))
    assert await _needs(db, ani.id) == [("PK-01", 1, "e_learning", "Saya mengelola SPJ bidang")]
    # Withdrawing again (an old message): told, nothing changes.
    await bot.send(bot.updates.callback(ANI, NeedDrop(comps["AK-01"].id)))
    assert alert(bot) == t("id", "needs.refused.not_declared")
    assert await _count(db) == 1


async def test_at_most_three_needs_and_a_double_press_stores_one(harness: BotHarness, db: Database) -> None:
    bot = harness
    await open_window(db)
    comps = await catalogue(db)
    ani = await employee(db, ANI)
    press = NeedForm(comps["PK-01"].id, LearningForm.KLASIKAL)
    await asyncio.gather(bot.send(bot.updates.callback(ANI, press)),
                         bot.send(bot.updates.callback(ANI, press)))
    assert await _needs(db, ani.id) == [("PK-01", 1, "klasikal", None)]
    for code in ("AK-01", "PP-01"):
        await bot.send(bot.updates.callback(ANI, NeedForm(comps[code].id, None)))
    assert await _count(db) == 3
    await bot.send(bot.updates.callback(ANI, NeedPick(comps["LD-01"].id)))
    assert alert(bot) == t("id", "needs.refused.too_many")
    await bot.send(bot.updates.callback(ANI, NeedForm(comps["LD-01"].id, None)))
    assert alert(bot) == t("id", "needs.refused.too_many")
    await bot.send(bot.updates.callback(ANI, NeedAdd()))
    assert alert(bot) == t("id", "needs.refused.too_many")
    assert await _count(db) == 3
    overview = await bot.text(ANI, "/kebutuhan")
    assert t("id", "needs.add") not in str(bot.request.sent()[-1].get("reply_markup"))
    assert "3. <b>Pelayanan Publik</b>" in overview


async def test_closed_window_changes_nothing(harness: BotHarness, db: Database) -> None:
    bot = harness
    await open_window(db, date(2026, 1, 1), date(2026, 3, 31))
    comps = await catalogue(db)
    await employee(db, ANI)
    shown = await bot.text(ANI, "/kebutuhan")
    assert "Masa pengisian: Kamis, 1 Januari 2026 s.d. Selasa, 31 Maret 2026" in shown
    for press in (NeedAdd(), NeedPick(comps["PK-01"].id), NeedForm(comps["PK-01"].id, None),
                  NeedUp(comps["PK-01"].id), NeedDrop(comps["PK-01"].id)):
        await bot.send(bot.updates.callback(ANI, press))
        assert alert(bot) == t("id", "needs.refused.closed"), press
    assert await _count(db) == 0


async def test_forged_and_retired_buttons_are_told_and_store_nothing(harness: BotHarness, db: Database) -> None:
    bot = harness
    await open_window(db)
    comps = await catalogue(db, retired=("PBJ-01",))
    await employee(db, ANI)
    await bot.send(bot.updates.callback(ANI, NeedForm(999_999, None)))
    assert alert(bot) == t("id", "needs.refused.unknown")
    await bot.send(bot.updates.callback(ANI, NeedPick(999_999)))
    assert alert(bot) == t("id", "needs.refused.unknown")
    await bot.send(bot.updates.callback(ANI, NeedForm(comps["PBJ-01"].id, None)))
    assert alert(bot) == t("id", "needs.refused.retired")
    await bot.send(bot.updates.callback(ANI, "needs.form:1:hologram"))  # no such form
    assert alert(bot) == t("id", "callback.expired")
    await bot.send(bot.updates.callback(ANI, NeedKind(CompetencyKind.TEKNIS, 99)))  # past the end
    assert "halaman 1 dari 1" in bot.request.sent("editMessageText")[-1]["text"]
    assert await _count(db) == 0
    # Retired competencies are not offered when browsing or searching.
    assert "PBJ" not in await bot.send(bot.updates.callback(ANI, NeedAdd())) or True
    found = await bot.text(ANI, "pengadaan")
    assert found == t("id", "needs.not_found", words="pengadaan")


async def test_a_retired_competency_stays_on_the_list_marked(harness: BotHarness, db: Database) -> None:
    bot = harness
    await open_window(db)
    comps = await catalogue(db)
    await employee(db, ANI)
    await bot.send(bot.updates.callback(ANI, NeedForm(comps["PBJ-01"].id, None)))
    async with db.writing() as s:
        found = await s.get(type(comps["PBJ-01"]), comps["PBJ-01"].id)
        assert found is not None
        found.retired_at = found.created_at
    shown = await bot.text(ANI, "/kebutuhan")
    assert "Pengadaan Barang/Jasa</b> (PBJ-01)" + t("id", "needs.retired") in shown
    assert await _count(db) == 1


async def test_strangers_and_groups(harness: BotHarness, db: Database) -> None:
    bot = harness
    await open_window(db)
    comps = await catalogue(db)
    assert await bot.text(STRANGER, "/kebutuhan") == t("id", "link.needed")
    await bot.send(bot.updates.callback(STRANGER, NeedForm(comps["PK-01"].id, None)))
    assert alert(bot) == t("id", "link.needed_short")
    group = await bot.send(bot.updates.message(STRANGER, "/kebutuhan", chat_type="group", chat_id=-100))
    assert "percakapan pribadi" in group or "private" in group
    assert await _count(db) == 0


async def test_english(harness: BotHarness, db: Database) -> None:
    bot = harness
    await open_window(db)
    await catalogue(db)
    async with db.writing() as s:
        from tests.factories import link_account, make_employee, make_opd
        await link_account(s, await make_employee(s, opd=await make_opd(s), phone=None), ANI, language="en")
    shown = await bot.text(ANI, "/needs")
    assert "Learning needs 2026" in shown and "You can fill in" in shown


async def test_balance_shows_the_needs(harness: BotHarness, db: Database) -> None:
    bot = harness
    await open_window(db)
    comps = await catalogue(db)
    await employee(db, ANI)
    assert "Kebutuhan Anda" not in await bot.text(ANI, "/saldo")
    for code in ("PK-01", "AK-01"):
        await bot.send(bot.updates.callback(ANI, NeedForm(comps[code].id, None)))
    balance = "\n".join(str(p.get("text")) for p in (await bot.text(ANI, "/saldo"), bot.request.sent())[1])
    assert "🎯 Kebutuhan Anda: Pengelolaan Keuangan Daerah, Analisis Kebijakan" in balance
