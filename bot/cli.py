"""`asn-corpu-bot`: the operator's console. Every outcome is a sentence, never a traceback.

Exit codes: 0 done, 1 the input had problems (nothing saved unless said so), 2 usage or
configuration problem, 3 the database is unreachable or out of date.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

from alembic.script import ScriptDirectory
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.exc import DBAPIError, OperationalError

from bot.clock import SystemClock
from bot.i18n import Html, fmt_date, fmt_time, t, zone_label
from bot.logs import configure_logging
from bot.services.demo_data import DEMO_NAME, seed_demo
from bot.services.jp_import import JpImportReport, import_jp
from bot.services.admins import grant, revoke
from bot.services.audit import CLI, entries, record
from bot.services.holiday_import import HolidayReport, import_holidays
from bot.services.linking import issue_link_code
from bot.services.program_import import ProgramImportReport, import_programs
from bot.services.nip import clean_nip
from bot.services.roster_import import RosterReport, import_roster
from bot.services.tabular import RowError, TableError
from bot.settings import Settings
from models import AdminRole, Opd
from models.db import Database
from models.enums import AdminRoleKind
from models.schema import alembic_config, pending_revisions, upgrade

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_DATABASE = 0, 1, 2, 3
MAX_ERROR_LINES = 50
_T = TypeVar("_T")


class Console:
    """Prints catalogue messages in the operator's language, as plain text."""

    def __init__(self, language: str) -> None:
        self.language = language

    def text(self, key: str, **values: object) -> str:
        # Terminal output is not HTML: values go in as they are.
        return t(self.language, key, **{k: Html(str(v)) for k, v in values.items()})

    def say(self, key: str, **values: object) -> None:
        print(self.text(key, **values), file=sys.stdout)

    def warn(self, key: str, **values: object) -> None:
        print(self.text(key, **values), file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="asn-corpu-bot",
        description="Bot Telegram JP ASN Corpu: jalankan bot dan kelola datanya.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="PERINTAH")
    sub.add_parser("run", help="jalankan bot (long polling, atau webhook bila WEBHOOK_URL diisi)")

    db = sub.add_parser("db", help="basis data")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="PERINTAH")
    db_sub.add_parser("upgrade", help="terapkan migrasi yang belum dijalankan")

    for name, what in (
        ("import-roster", "data pegawai"),
        ("import-jp", "riwayat JP"),
        ("import-programs", "program pelatihan"),
        ("import-holidays", "hari libur nasional dan cuti bersama"),
    ):
        cmd = sub.add_parser(name, help=f"impor {what} dari berkas CSV atau XLSX")
        cmd.add_argument("file", type=Path, metavar="BERKAS")
        cmd.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan")
        if name in ("import-roster", "import-jp"):  # elsewhere rows only make sense together
            cmd.add_argument(
                "--skip-invalid",
                action="store_true",
                help="simpan baris yang benar dan lewati baris bermasalah",
            )

    report = sub.add_parser("report", help="rekap pemenuhan 20 JP ke berkas XLSX (dan grafik PNG)")
    report.add_argument("--year", type=int, default=None, help="tahun JP (bawaan: tahun ini)")
    report.add_argument("--out", type=Path, required=True, metavar="BERKAS.xlsx")
    report.add_argument("--opd", default=None, metavar="KODE", help="hanya satu OPD (per unit kerja)")
    report.add_argument("--chart", type=Path, default=None, metavar="BERKAS.png")

    add_admin = sub.add_parser("add-admin", help="jadikan akun Telegram admin (superadmin atau admin OPD)")
    add_admin.add_argument("telegram_id", type=int, metavar="ID_TELEGRAM")
    who = add_admin.add_mutually_exclusive_group(required=True)
    who.add_argument("--super", action="store_true", help="superadmin BPSDM")
    who.add_argument("--opd", metavar="KODE", help="admin untuk OPD dengan kode ini")
    remove_admin = sub.add_parser("remove-admin", help="cabut peran admin sebuah akun Telegram")
    remove_admin.add_argument("telegram_id", type=int, metavar="ID_TELEGRAM")
    remove_admin.add_argument("--opd", metavar="KODE", help="hanya peran admin OPD ini")
    sub.add_parser("admins", help="daftar admin")
    audit = sub.add_parser("audit", help="jejak audit tindakan admin, terbaru dahulu")
    audit.add_argument("--limit", type=int, default=100, metavar="N")

    link = sub.add_parser("link-code", help="buat kode tautan sekali pakai untuk seorang pegawai")
    link.add_argument("nip", metavar="NIP")

    demo = sub.add_parser("demo-data", help="isi basis data dengan data contoh")
    demo.add_argument(
        "--employees", type=int, default=300, metavar="N", help="jumlah pegawai (bawaan 300)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as exc:
        fields = ", ".join(str(e["loc"][0]).upper() for e in exc.errors() if e["loc"])
        print(f"Pengaturan tidak valid di .env atau lingkungan: {fields}", file=sys.stderr)
        return EXIT_USAGE
    console = Console(settings.default_language)

    if args.command == "run":
        from bot.runner import run  # PTB's application stack loads only when needed

        return _guard_database(console, settings, lambda: run(settings))

    configure_logging(settings.log_level)
    # Console commands report through the console; library chatter stays out of the way.
    logging.getLogger().setLevel(logging.WARNING)
    commands: dict[str, Callable[[], Awaitable[int]]] = {
        "db": lambda: _db_upgrade(console, settings),
        "import-roster": lambda: _import_roster(console, settings, args),
        "import-jp": lambda: _import_jp(console, settings, args),
        "import-programs": lambda: _import_programs(console, settings, args),
        "import-holidays": lambda: _import_holidays(console, settings, args),
        "link-code": lambda: _link_code(console, settings, args.nip),
        "report": lambda: _report(console, settings, args),
        "add-admin": lambda: _add_admin(console, settings, args),
        "remove-admin": lambda: _remove_admin(console, settings, args),
        "admins": lambda: _list_admins(console, settings),
        "audit": lambda: _print_audit(console, settings, args.limit),
        "demo-data": lambda: _demo_data(console, settings, args.employees),
    }
    return _guard_database(console, settings, lambda: asyncio.run(commands[args.command]()))


def _guard_database(console: Console, settings: Settings, action: Callable[[], int]) -> int:
    try:
        return action()
    except KeyboardInterrupt:
        console.warn("cli.interrupted")
        return EXIT_INPUT
    except (OperationalError, DBAPIError, OSError) as exc:
        if isinstance(exc, FileNotFoundError) and exc.filename:
            console.warn("cli.file_not_found", path=exc.filename)
            return EXIT_USAGE
        backend = make_url(settings.database_url).get_backend_name()
        console.warn("cli.db_unreachable", backend=backend)
        return EXIT_DATABASE
    except Exception as exc:
        # Tracebacks can carry cell values (NIPs, phones): show them only when asked for.
        if settings.log_level.upper() == "DEBUG":
            raise
        console.warn("cli.unexpected", kind=type(exc).__name__)
        return EXIT_INPUT


async def _with_db(settings: Settings, work: Callable[[Database], Awaitable[_T]]) -> _T:
    """Bring the schema to head (the console may be the first thing run), then work."""
    if await pending_revisions(settings.database_url):
        await upgrade(settings.database_url)
    db = Database(settings.database_url)
    try:
        return await work(db)
    finally:
        await db.dispose()


async def _db_upgrade(console: Console, settings: Settings) -> int:
    await upgrade(settings.database_url)
    head = ScriptDirectory.from_config(alembic_config(settings.database_url)).get_current_head()
    console.say("cli.db_upgraded", revision=head)
    return EXIT_OK


async def _audit_import(session: AsyncSession, action: str, path: Path, report: Any) -> None:
    """Imports that changed something are on the audit trail (counts only)."""
    if not getattr(report, "applied", False):
        return
    counts = {
        key: getattr(report, key)
        for key in ("rows", "created", "updated", "unchanged", "skipped", "opds_created")
        if hasattr(report, key)
    }
    await record(session, CLI, action, SystemClock().now(), target=path.name, **counts)


def _check_file(console: Console, path: Path) -> bool:
    if not path.is_file():
        console.warn("cli.file_not_found", path=path)
        return False
    return True


def _print_errors(console: Console, errors: list[RowError], columns: dict[str, str]) -> None:
    for error in errors[:MAX_ERROR_LINES]:
        console.warn(
            "import.error_line",
            row=error.row,
            column=columns.get(error.column, error.column),
            message=console.text(f"import.error.{error.code}"),
        )
    if len(errors) > MAX_ERROR_LINES:
        console.warn("import.more_errors", count=len(errors) - MAX_ERROR_LINES)


def _table_problem(console: Console, exc: TableError) -> int:
    reason = console.text(f"import.error.{exc.code}", columns=", ".join(exc.columns))
    console.warn("import.file_problem", reason=reason)
    return EXIT_INPUT


def _finish(
    console: Console,
    report: RosterReport | JpImportReport | ProgramImportReport | HolidayReport,
) -> int:
    """The closing lines every import prints; the exit code says whether it was clean."""
    if report.errors:
        if report.applied or report.dry_run and getattr(report, "skipped", 0):
            console.warn("import.errors_found", count=len(report.errors))
        else:
            console.warn("import.rejected", count=len(report.errors))
        _print_errors(console, report.errors, report.columns)
    skipped = getattr(report, "skipped", 0)
    if skipped:
        console.say("import.skipped", count=skipped)
    if report.dry_run:
        console.say("import.dry_run_done")
    elif report.applied:
        console.say("import.applied")
    return EXIT_INPUT if report.errors else EXIT_OK


async def _import_roster(console: Console, settings: Settings, args: argparse.Namespace) -> int:
    if not _check_file(console, args.file):
        return EXIT_USAGE

    async def work(db: Database) -> RosterReport:
        async with db.transaction() as session:
            report = await import_roster(
                session,
                args.file,
                SystemClock(),
                dry_run=args.dry_run,
                skip_invalid=args.skip_invalid,
            )
            await _audit_import(session, "import_roster", args.file, report)
            return report

    try:
        report = await _with_db(settings, work)
    except TableError as exc:
        return _table_problem(console, exc)
    if not report.errors or report.skipped:
        console.say(
            "import.summary_roster",
            rows=report.rows,
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
            opds=report.opds_created,
        )
    return _finish(console, report)


async def _import_jp(console: Console, settings: Settings, args: argparse.Namespace) -> int:
    if not _check_file(console, args.file):
        return EXIT_USAGE

    async def work(db: Database) -> JpImportReport:
        async with db.transaction() as session:
            report = await import_jp(
                session,
                args.file,
                SystemClock(),
                dry_run=args.dry_run,
                skip_invalid=args.skip_invalid,
                tz=settings.tz,
            )
            await _audit_import(session, "import_jp", args.file, report)
            return report

    try:
        report = await _with_db(settings, work)
    except TableError as exc:
        return _table_problem(console, exc)
    if not report.errors or report.skipped:
        console.say(
            "import.summary_jp",
            rows=report.rows,
            created=report.created,
            unchanged=report.unchanged,
            duplicates=report.duplicates,
        )
    return _finish(console, report)


async def _import_programs(console: Console, settings: Settings, args: argparse.Namespace) -> int:
    if not _check_file(console, args.file):
        return EXIT_USAGE

    async def work(db: Database) -> ProgramImportReport:
        async with db.transaction(write=True, heavy=True) as session:
            report = await import_programs(
                session, args.file, SystemClock(), settings.tz, dry_run=args.dry_run
            )
            await _audit_import(session, "import_programs", args.file, report)
            return report

    try:
        report = await _with_db(settings, work)
    except TableError as exc:
        return _table_problem(console, exc)
    if not report.errors:
        console.say(
            "import.summary_programs",
            rows=report.rows,
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
        )
    return _finish(console, report)


async def _import_holidays(console: Console, settings: Settings, args: argparse.Namespace) -> int:
    if not _check_file(console, args.file):
        return EXIT_USAGE

    async def work(db: Database) -> HolidayReport:
        async with db.transaction(write=True, heavy=True) as session:
            report = await import_holidays(session, args.file, dry_run=args.dry_run)
            await _audit_import(session, "import_holidays", args.file, report)
            return report

    try:
        report = await _with_db(settings, work)
    except TableError as exc:
        return _table_problem(console, exc)
    if not report.errors:
        console.say(
            "import.summary_holidays", rows=report.rows, created=report.created,
            updated=report.updated, unchanged=report.unchanged,
        )
    return _finish(console, report)


async def _report(console: Console, settings: Settings, args: argparse.Namespace) -> int:
    from bot.services.compliance import Targets, employee_rows, report_year, summary
    from bot.services.compliance_files import render_chart, write_workbook

    today = SystemClock().now().astimezone(settings.tz).date()
    year_number = args.year or today.year
    if not 2000 <= year_number <= 2100:
        console.warn("report.year_invalid")
        return EXIT_USAGE
    targets = Targets(settings.jp_target_pns, settings.jp_target_pppk, settings.jp_year_start_month)
    year = report_year(year_number, today, targets)
    label = console.text

    async def work(db: Database) -> int:
        opd_id = None
        async with db.transaction() as session:
            if args.opd:
                opd_id = await session.scalar(select(Opd.id).where(func.lower(Opd.code) == args.opd.lower()))
                if opd_id is None:
                    console.warn("report.opd_unknown", code=args.opd)
                    return -1
            rows = await summary(session, year, targets, opd_id=opd_id)
            written = await write_workbook(
                args.out, year, rows, employee_rows(session, year, opd_id=opd_id), label,
                (targets.pns, targets.pppk),
            )
        if args.chart:
            args.chart.write_bytes(render_chart(rows, year, label))
        return written

    written = await _with_db(settings, work)
    if written < 0:
        return EXIT_USAGE
    console.say("report.written", year=year_number, path=args.out, employees=written)
    if args.chart:
        console.say("report.chart_written", path=args.chart)
    return EXIT_OK


async def _opd_by_code(session: AsyncSession, code: str) -> Opd | None:
    return await session.scalar(select(Opd).where(func.lower(Opd.code) == code.lower()))


async def _add_admin(console: Console, settings: Settings, args: argparse.Namespace) -> int:
    async def work(db: Database) -> int:
        async with db.transaction() as session:
            opd = None
            if args.opd:
                opd = await _opd_by_code(session, args.opd)
                if opd is None:
                    console.warn("report.opd_unknown", code=args.opd)
                    return EXIT_USAGE
            role = AdminRoleKind.SUPERADMIN if args.super else AdminRoleKind.OPD_ADMIN
            added = await grant(session, args.telegram_id, role, opd.id if opd else None,
                                CLI, SystemClock())
            if added:
                await record(session, CLI, "grant_role", SystemClock().now(),
                             target=f"tg:{args.telegram_id}", role=role.value,
                             opd=opd.code if opd else None)
            console.say("cli.admin_added" if added else "cli.admin_exists",
                        id=args.telegram_id, opd=opd.name if opd else "BPSDM")
            return EXIT_OK

    return await _with_db(settings, work)


async def _remove_admin(console: Console, settings: Settings, args: argparse.Namespace) -> int:
    async def work(db: Database) -> int:
        async with db.transaction() as session:
            opd = None
            if args.opd:
                opd = await _opd_by_code(session, args.opd)
                if opd is None:
                    console.warn("report.opd_unknown", code=args.opd)
                    return EXIT_USAGE
            removed = await revoke(session, args.telegram_id, opd.id if opd else None)
            if removed:
                await record(session, CLI, "revoke_role", SystemClock().now(),
                             target=f"tg:{args.telegram_id}", removed=removed,
                             opd=opd.code if opd else None)
            console.say("cli.admin_removed", id=args.telegram_id, count=removed)
            return EXIT_OK if removed else EXIT_INPUT

    return await _with_db(settings, work)


async def _list_admins(console: Console, settings: Settings) -> int:
    async def work(db: Database) -> int:
        async with db.transaction() as session:
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

    return await _with_db(settings, work)


async def _print_audit(console: Console, settings: Settings, limit: int) -> int:
    async def work(db: Database) -> int:
        count = 0
        async with db.transaction() as session:
            async for entry in entries(session, limit=max(1, min(limit, 100_000))):
                when = entry.at.astimezone(settings.tz).strftime("%Y-%m-%d %H:%M")
                details = ", ".join(f"{k}={v}" for k, v in entry.details.items() if v is not None)
                print(f"{when} {zone_label(settings.tz)} · {entry.actor} · {entry.action}"
                      f" · {entry.target or '-'}" + (f" · {details}" if details else ""))
                count += 1
        if not count:
            console.say("cli.audit_empty")
        return EXIT_OK

    return await _with_db(settings, work)


async def _link_code(console: Console, settings: Settings, raw_nip: str) -> int:
    nip = clean_nip(raw_nip)
    if len(nip) != 18 or not nip.isdigit():
        console.warn("cli.nip_invalid", reason=console.text("import.error.nip_length"))
        return EXIT_USAGE

    async def work(db: Database):  # type: ignore[no-untyped-def]
        async with db.transaction() as session:
            issued = await issue_link_code(
                session,
                nip,
                SystemClock(),
                timedelta(days=settings.link_code_ttl_days),
                issued_by="cli",
            )
            if issued is not None:
                await record(session, CLI, "link_code", SystemClock().now(),
                             target=f"employee:{issued.employee_id}")
            return issued

    issued = await _with_db(settings, work)
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


async def _demo_data(console: Console, settings: Settings, employees: int) -> int:
    if not 1 <= employees <= 100_000:
        console.warn("cli.demo_size")
        return EXIT_USAGE

    async def work(db: Database):  # type: ignore[no-untyped-def]
        async with db.transaction() as session:
            return await seed_demo(session, SystemClock(), employees=employees)

    summary = await _with_db(settings, work)
    if summary.already_present:
        console.say("cli.demo_present")
    else:
        console.say(
            "cli.demo_seeded",
            opds=summary.opds_created,
            employees=summary.employees_created,
            records=summary.jp_records_created,
            name=DEMO_NAME,
            nip=summary.demo_nip,
            phone=summary.demo_phone,
        )
    return EXIT_OK

