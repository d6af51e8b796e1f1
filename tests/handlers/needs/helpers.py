"""Shared setup of the needs tests: a catalogue, an open planning window, a linked employee."""

from __future__ import annotations

from datetime import date, datetime

from bot.services.needs.window import set_window
from models import Competency, Employee
from models.db import Database
from tests.bot_harness import BotHarness
from tests.factories import NOW, link_account, make_competency, make_employee, make_opd

CATALOGUE = [
    ("PK-01", "Pengelolaan Keuangan Daerah", "teknis"),
    ("AK-01", "Analisis Kebijakan", "manajerial"),
    ("PP-01", "Pelayanan Publik", "sosial_kultural"),
    ("LD-01", "Literasi Digital", "teknis"),
    ("PBJ-01", "Pengadaan Barang/Jasa", "teknis"),
]


async def open_window(db: Database, opens: date = date(2026, 11, 1), closes: date = date(2026, 12, 31)) -> None:
    async with db.writing() as s:
        await set_window(s, 2026, opens, closes, "test", NOW)


async def catalogue(db: Database, *, retired: tuple[str, ...] = ()) -> dict[str, Competency]:
    async with db.writing() as s:
        return {code: await make_competency(s, code, name, kind, retired=code in retired)
                for code, name, kind in CATALOGUE}


async def employee(db: Database, user: int, **kwargs: object) -> Employee:
    async with db.writing() as s:
        found = await make_employee(s, opd=await make_opd(s), phone=None, **kwargs)  # type: ignore[arg-type]
        await link_account(s, found, user)
        return found


def alert(bot: BotHarness) -> str:
    (answer,) = bot.request.sent("answerCallbackQuery")
    return str(answer.get("text", ""))


__all__ = ["CATALOGUE", "alert", "catalogue", "employee", "open_window", "datetime"]
