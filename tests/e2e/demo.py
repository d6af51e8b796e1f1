"""`make demo`: the real bot, demo data and a short scripted conversation, no token needed.

Starts the fake Bot API on 127.0.0.1, seeds a fresh SQLite database with the demo roster,
runs `python -m bot run` against it, plays a conversation of two simulated employees and
prints what each sent and what the bot answered (with its buttons).
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from sqlalchemy import select

from bot.clock import SystemClock
from bot.services.demo.data import DEMO_NAME
from bot.services.identity.roles import grant
from models import Employee
from models.db import Database
from models.enums import AdminRoleKind
from tests.e2e.harness import TOKEN, BotProcess, seed_demo_database, sqlite_url
from tests.fake_telegram import FakeBotApi

REPLY_TIMEOUT = 20.0


def button_with(reply: dict, words: str) -> str:
    """The label of the reply's inline button that contains `words`."""
    for row in reply.get("buttons") or []:
        for label in row:
            if words in label:
                return str(label)
    raise AssertionError(f"no button with {words!r} in {reply.get('buttons')}")


ADMIN_USER = 1003


async def make_opd_admin(url: str, demo_nip: str) -> tuple[str, str]:
    """A colleague of Andi's in the same OPD made its admin before they ever open the bot
    (the role binds to their roster entry when they link): their phone and first name."""
    db = Database(url)
    try:
        async with db.writing() as session:
            andi = await session.scalar(select(Employee).where(Employee.nip == demo_nip))
            assert andi is not None
            colleague = await session.scalar(
                select(Employee).where(Employee.opd_id == andi.opd_id, Employee.id != andi.id,
                                       Employee.phone.is_not(None)).order_by(Employee.id).limit(1))
            assert colleague is not None and colleague.phone is not None
            await grant(session, ADMIN_USER, AdminRoleKind.OPD_ADMIN, andi.opd_id, "demo", SystemClock())
            return colleague.phone, colleague.name.split()[0]
    finally:
        await db.dispose()


async def conversation(api: FakeBotApi, demo_phone: str, admin: tuple[str, str]) -> None:
    andi = api.user(1001, first_name="Andi", phone=demo_phone)
    andi.drain()
    await andi.send_command("/start")
    await andi.wait_for_reply(REPLY_TIMEOUT)
    await andi.press("📱 Bagikan nomor HP")
    _, shortcuts = await andi.wait_for_replies(2, REPLY_TIMEOUT)  # the greeting, then where to start
    await andi.press("📊 Saldo JP", message_id=shortcuts["message_id"])  # the inline shortcut
    await andi.wait_for_reply(REPLY_TIMEOUT)
    await andi.wait_for_reply(REPLY_TIMEOUT)  # programs that would close the gap
    await andi.press("📜 Riwayat JP")
    await andi.wait_for_reply(REPLY_TIMEOUT)
    await andi.press("🎓 Program")
    listing = await andi.wait_for_reply(REPLY_TIMEOUT)
    await andi.press(button_with(listing, "Bimtek Penyusunan SKP"))
    card = await andi.wait_for_reply(REPLY_TIMEOUT)
    await andi.press("✍️ Daftar", message_id=card["message_id"])
    await andi.wait_for_reply(REPLY_TIMEOUT)
    await andi.press("⬅️ Kembali ke daftar", message_id=card["message_id"])
    listing = await andi.wait_for_reply(REPLY_TIMEOUT)
    await andi.press(button_with(listing, "Seminar Transformasi"), message_id=listing["message_id"])
    card = await andi.wait_for_reply(REPLY_TIMEOUT)
    await andi.press("⏳ Masuk daftar tunggu", message_id=card["message_id"])
    await andi.wait_for_reply(REPLY_TIMEOUT)
    await andi.press("🗂 Kegiatanku")
    await andi.wait_for_reply(REPLY_TIMEOUT)
    await andi.send_command("/bahasa")
    await andi.wait_for_reply(REPLY_TIMEOUT)
    await andi.press("🇬🇧 English")
    await andi.wait_for_replies(2, REPLY_TIMEOUT)  # "Language set", then the English menu
    await andi.send_command("/balance")
    await andi.wait_for_replies(2, REPLY_TIMEOUT)  # the balance, then programs to catch up

    # A colleague who is not on the roster, then one who forwards someone else's contact.
    rina = api.user(1002, first_name="Rina", phone="+6285211112222")
    await rina.share_contact()
    await rina.wait_for_reply(REPLY_TIMEOUT)
    await rina.share_contact(phone=demo_phone, user_id=1001, first_name="Andi")
    await rina.wait_for_reply(REPLY_TIMEOUT)

    # Their OPD's admin: the menu and the help show what an admin can do besides.
    admin_phone, admin_name = admin
    colleague = api.user(ADMIN_USER, first_name=admin_name, phone=admin_phone)
    await colleague.share_contact()
    await colleague.wait_for_replies(2, REPLY_TIMEOUT)  # the greeting, then where to start
    await colleague.press("❓ Bantuan")
    await colleague.wait_for_reply(REPLY_TIMEOUT)


async def main() -> int:
    with tempfile.TemporaryDirectory(prefix="asn-corpu-demo-") as tmp:
        workdir = Path(tmp)
        url = sqlite_url(workdir)
        print("Menyiapkan data contoh dan Bot API tiruan di 127.0.0.1 …", file=sys.stderr)
        demo = await seed_demo_database(url, employees=300)
        admin = await make_opd_admin(url, demo.demo_nip)
        async with FakeBotApi(token=TOKEN, bot_username="asn_corpu_bot") as api:
            bot = BotProcess(api, workdir, url)
            await bot.start()
            try:
                await conversation(api, demo.demo_phone, admin)
            except AssertionError as exc:
                print(api.format_transcript(), file=sys.stderr)
                print(f"\nDemo gagal: {exc}\n\nLog bot:\n{bot.log()}", file=sys.stderr)
                return 1
            finally:
                await bot.stop()
            print(f"\nPercakapan dengan bot (pegawai contoh: {DEMO_NAME})\n")
            print(api.format_transcript())
            print("\nSelesai. Jalankan `make run` dengan TELEGRAM_BOT_TOKEN untuk bot sungguhan.")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
