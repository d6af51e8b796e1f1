"""Console commands for admins: roles, the audit trail, link codes."""

from __future__ import annotations

import argparse
import asyncio
from datetime import timedelta

from sqlalchemy import select

from bot.cli.console import (
    EXIT_INPUT,
    EXIT_OK,
    EXIT_USAGE,
    Console,
    opd_by_code,
    with_db,
)
from bot.clock import SystemClock
from bot.i18n import fmt_date, fmt_time, zone_label
from bot.services.identity.roles import grant_and_tell, revoke_and_tell
from bot.services.audit import CLI, entries, record
from bot.link_secret import link_code_key
from bot.services.identity.linking import issue_link_code
from bot.services.identity.nip import clean_nip
from bot.settings import Settings
from models import AdminRole, Opd
from models.db import Database
from models.enums import AdminRoleKind


async def cmd_add_admin(console: Console, settings: Settings, args: argparse.Namespace) -> int:
    async def work(db: Database) -> int:
        async with db.writing() as session:
            opd = None
            code = args.opd or getattr(args, "kepala_opd", None)
            if code:
                opd = await opd_by_code(session, code)
                if opd is None:
                    console.warn("report.opd_unknown", code=code)
                    return EXIT_USAGE
            role = AdminRoleKind.SUPERADMIN if args.super else AdminRoleKind.OPD_ADMIN
            if getattr(args, "kepala_opd", None):
                role = AdminRoleKind.KEPALA_OPD
            # The holder is told through the outbox: the bot sends it, with their new menu.
            added = await grant_and_tell(session, args.telegram_id, role, opd.id if opd else None,
                                         opd.name if opd else None, CLI, SystemClock().now())
            if added:
                await record(session, CLI, "grant_role", SystemClock().now(),
                             target=f"tg:{args.telegram_id}", role=role.value,
                             opd=opd.code if opd else None)
            if role == AdminRoleKind.KEPALA_OPD:
                console.say("cli.kepala_added" if added else "cli.kepala_exists",
                            id=args.telegram_id, opd=opd.name if opd else "")
                return EXIT_OK
            console.say("cli.admin_added" if added else "cli.admin_exists",
                        id=args.telegram_id, opd=opd.name if opd else "BPSDM")
            return EXIT_OK

    return await with_db(settings, work)


async def cmd_remove_admin(console: Console, settings: Settings, args: argparse.Namespace) -> int:
    async def work(db: Database) -> int:
        async with db.writing() as session:
            opd = None
            if args.opd:
                opd = await opd_by_code(session, args.opd)
                if opd is None:
                    console.warn("report.opd_unknown", code=args.opd)
                    return EXIT_USAGE
            removed = await revoke_and_tell(session, args.telegram_id, opd.id if opd else None,
                                            SystemClock().now())
            if removed:
                await record(session, CLI, "revoke_role", SystemClock().now(),
                             target=f"tg:{args.telegram_id}", removed=removed,
                             opd=opd.code if opd else None)
            console.say("cli.admin_removed", id=args.telegram_id, count=removed)
            return EXIT_OK if removed else EXIT_INPUT

    return await with_db(settings, work)


async def cmd_list_admins(console: Console, settings: Settings) -> int:
    async def work(db: Database) -> int:
        async with db.writing() as session:
            rows = (
                await session.execute(
                    select(AdminRole.telegram_user_id, AdminRole.role, Opd.name)
                    .outerjoin(Opd, Opd.id == AdminRole.opd_id)
                    .order_by(AdminRole.role.desc(), Opd.name, AdminRole.telegram_user_id)
                )
            ).all()
        if not rows:
            console.say("cli.admins_none")
        for telegram_id, role, opd in rows:
            console.say("cli.admin_line", id=telegram_id, role=role, opd=opd or "BPSDM")
        return EXIT_OK

    return await with_db(settings, work)


async def cmd_audit(console: Console, settings: Settings, limit: int) -> int:
    async def work(db: Database) -> int:
        count = 0
        async with db.writing() as session:
            async for entry in entries(session, limit=max(1, min(limit, 100_000))):
                when = entry.at.astimezone(settings.tz).strftime("%Y-%m-%d %H:%M")
                details = ", ".join(f"{k}={v}" for k, v in entry.details.items() if v is not None)
                print(f"{when} {zone_label(settings.tz)} · {entry.actor} · {entry.action}"
                      f" · {entry.target or '-'}" + (f" · {details}" if details else ""))
                count += 1
        if not count:
            console.say("cli.audit_empty")
        return EXIT_OK

    return await with_db(settings, work)


async def cmd_link_code(console: Console, settings: Settings, raw_nip: str) -> int:
    nip = clean_nip(raw_nip)
    if len(nip) != 18 or not nip.isdigit():
        console.warn("cli.nip_invalid", reason=console.text("import.error.nip_length"))
        return EXIT_USAGE

    async def work(db: Database):  # type: ignore[no-untyped-def]
        async with db.writing() as session:
            issued = await issue_link_code(
                session,
                nip,
                SystemClock(),
                timedelta(days=settings.link_code_ttl_days),
                issued_by="cli",
                key=link_code_key(settings),
            )
            if issued is not None:
                await record(session, CLI, "link_code", SystemClock().now(),
                             target=f"employee:{issued.employee_id}")
            return issued

    issued = await with_db(settings, work)
    if issued is None:
        console.warn("cli.nip_not_found")
        return EXIT_INPUT
    lang = settings.default_language
    expires_local = issued.expires_at.astimezone(settings.tz)
    expires = f"{fmt_date(lang, expires_local.date())} {fmt_time(lang, expires_local, settings.tz)}"
    username = settings.bot_username or await _bot_username(settings)
    if username:
        link = f"https://t.me/{username}?start={issued.code.replace('-', '')}"
        console.say("cli.link_code", name=issued.employee_name, code=issued.code, expires=expires, link=link)
    else:
        console.say("cli.link_code_no_username", name=issued.employee_name, code=issued.code, expires=expires)
    return EXIT_OK


async def _bot_username(settings: Settings) -> str | None:
    """Ask Telegram (getMe) for the username when a token is set; None when unknown."""
    if settings.telegram_bot_token is None:
        return None
    from telegram import Bot
    from telegram.error import TelegramError
    from telegram.request import HTTPXRequest

    bot = Bot(
        settings.telegram_bot_token.get_secret_value(),
        base_url=settings.bot_api_base_url or "https://api.telegram.org/bot",
        request=HTTPXRequest(connect_timeout=5, read_timeout=5),
    )
    try:
        async with asyncio.timeout(10):
            me = await bot.get_me()
        return me.username
    except (TelegramError, TimeoutError, OSError):
        return None
