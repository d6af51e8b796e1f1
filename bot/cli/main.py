"""`asn-corpu-bot`: the operator's console. Every outcome is a sentence, never a traceback.

Exit codes: 0 done, 1 the input had problems (nothing saved unless said so), 2 usage or
configuration problem, 3 the database is unreachable or out of date."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from alembic.script import ScriptDirectory
from pydantic import ValidationError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from bot.cli.admin import cmd_add_admin, cmd_audit, cmd_link_code, cmd_list_admins, cmd_remove_admin
from bot.cli.console import (
    EXIT_DATABASE,
    EXIT_INPUT,
    EXIT_OK,
    EXIT_USAGE,
    Console,
)
from bot.cli.data import cmd_demo_data, cmd_report
from bot.cli.needs import add_commands as add_needs_commands
from bot.cli.needs import cmd_import_competencies, cmd_needs_report, cmd_needs_window
from bot.cli.operations import cmd_backup, cmd_restore
from bot.cli.imports import (
    cmd_import_holidays,
    cmd_import_jp_rules,
    cmd_import_jp,
    cmd_import_programs,
    cmd_import_roster,
)
from bot.logs import configure_logging
from bot.settings import Settings
from models.schema import alembic_config, upgrade


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
        ("import-jp-rules", "aturan konversi JP"),
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
    who.add_argument("--kepala-opd", metavar="KODE",
                     help="kepala OPD dengan kode ini (hanya melihat; menerima ringkasan bulanan)")
    remove_admin = sub.add_parser("remove-admin", help="cabut peran admin sebuah akun Telegram")
    remove_admin.add_argument("telegram_id", type=int, metavar="ID_TELEGRAM")
    remove_admin.add_argument("--opd", metavar="KODE", help="hanya peran admin OPD ini")
    sub.add_parser("admins", help="daftar admin")
    audit = sub.add_parser("audit", help="jejak audit tindakan admin, terbaru dahulu")
    audit.add_argument("--limit", type=int, default=100, metavar="N")

    backup = sub.add_parser(
        "backup", help="cadangkan basis data SQLite ke BERKAS (aman saat bot berjalan)"
    )
    backup.add_argument("file", type=Path, metavar="BERKAS")
    restore = sub.add_parser(
        "restore", help="pulihkan basis data SQLite dari BERKAS cadangan (hentikan bot dahulu)"
    )
    restore.add_argument("file", type=Path, metavar="BERKAS")

    link = sub.add_parser("link-code", help="buat kode tautan sekali pakai untuk seorang pegawai")
    link.add_argument("nip", metavar="NIP")

    add_needs_commands(sub)  # issue 14: import-competencies, needs-window, needs-report

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
    # Before anything can fail: an unexpected error is logged through the masking handler.
    configure_logging(settings.log_level)

    if args.command == "run":
        from bot.runner import run  # PTB's application stack loads only when needed

        return _guard_database(console, settings, lambda: run(settings))

    # Console commands report through the console; library chatter stays out of the way.
    logging.getLogger().setLevel(logging.WARNING)
    commands: dict[str, Callable[[], Awaitable[int]]] = {
        "db": lambda: cmd_db_upgrade(console, settings),
        "import-roster": lambda: cmd_import_roster(console, settings, args),
        "import-jp": lambda: cmd_import_jp(console, settings, args),
        "import-programs": lambda: cmd_import_programs(console, settings, args),
        "import-holidays": lambda: cmd_import_holidays(console, settings, args),
        "import-jp-rules": lambda: cmd_import_jp_rules(console, settings, args),
        "link-code": lambda: cmd_link_code(console, settings, args.nip),
        "report": lambda: cmd_report(console, settings, args),
        "add-admin": lambda: cmd_add_admin(console, settings, args),
        "remove-admin": lambda: cmd_remove_admin(console, settings, args),
        "admins": lambda: cmd_list_admins(console, settings),
        "audit": lambda: cmd_audit(console, settings, args.limit),
        "import-competencies": lambda: cmd_import_competencies(console, settings, args),
        "needs-window": lambda: cmd_needs_window(console, settings, args),
        "needs-report": lambda: cmd_needs_report(console, settings, args),
        "demo-data": lambda: cmd_demo_data(console, settings, args.employees),
        "backup": lambda: cmd_backup(console, settings, args.file),
        "restore": lambda: cmd_restore(console, settings, args.file),
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
        # Tracebacks can carry cell values (NIPs, phones): only when asked for, and only
        # through the log handler, which masks them (a bare traceback would not).
        if settings.log_level.upper() == "DEBUG":
            logging.getLogger(__name__).error("unexpected error", exc_info=exc)
        console.warn("cli.unexpected", kind=type(exc).__name__)
        return EXIT_INPUT


async def cmd_db_upgrade(console: Console, settings: Settings) -> int:
    await upgrade(settings.database_url)
    head = ScriptDirectory.from_config(alembic_config(settings.database_url)).get_current_head()
    console.say("cli.db_upgraded", revision=head)
    return EXIT_OK
