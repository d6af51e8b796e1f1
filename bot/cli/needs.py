"""Console commands of planning from needs: the competency catalogue import, a year's
planning window (audited) and the demand report as files."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from bot.cli.console import EXIT_OK, EXIT_USAGE, Console, with_db
from bot.cli.imports import _run_import
from bot.clock import SystemClock
from bot.services.audit import CLI
from bot.services.compliance.summary import Targets, report_year
from bot.services.needs.catalogue import import_competencies
from bot.services.needs.demand import coverage, demand, need_rows
from bot.services.needs.files import render_chart, write_workbook
from bot.services.needs.window import set_window
from bot.settings import Settings
from models import Opd
from models.db import Database


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = sub.add_parser("import-competencies", help="impor katalog kompetensi dari berkas CSV atau XLSX")
    cmd.add_argument("file", type=Path, metavar="BERKAS")
    cmd.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan")
    window = sub.add_parser("needs-window", help="atur masa pengisian kebutuhan belajar satu tahun JP")
    window.add_argument("--year", type=int, required=True)
    window.add_argument("--opens", type=date.fromisoformat, required=True, metavar="YYYY-MM-DD")
    window.add_argument("--closes", type=date.fromisoformat, required=True, metavar="YYYY-MM-DD")
    report = sub.add_parser("needs-report", help="permintaan kompetensi ke berkas XLSX (dan grafik PNG)")
    report.add_argument("--year", type=int, default=None, help="tahun JP (bawaan: tahun ini)")
    report.add_argument("--out", type=Path, required=True, metavar="BERKAS.xlsx")
    report.add_argument("--opd", default=None, metavar="KODE", help="hanya kebutuhan yang diisi di satu OPD")
    report.add_argument("--chart", type=Path, default=None, metavar="BERKAS.png")


async def cmd_import_competencies(console: Console, settings: Settings, args: argparse.Namespace) -> int:
    return await _run_import(
        console, settings, args, "import_competencies",
        lambda session, table: import_competencies(session, table, SystemClock(), dry_run=args.dry_run),
        "import.summary_competencies", ("rows", "created", "updated", "unchanged"),
    )


async def cmd_needs_window(console: Console, settings: Settings, args: argparse.Namespace) -> int:
    if args.closes < args.opens:
        console.warn("needs.window_invalid")
        return EXIT_USAGE

    async def work(db: Database) -> None:
        async with db.writing() as session:
            await set_window(session, args.year, args.opens, args.closes, CLI, SystemClock().now())

    await with_db(settings, work)
    console.say("needs.window_set", year=args.year, opens=args.opens.isoformat(), closes=args.closes.isoformat())
    return EXIT_OK


async def cmd_needs_report(console: Console, settings: Settings, args: argparse.Namespace) -> int:
    now = SystemClock().now()
    today = now.astimezone(settings.tz).date()
    year_number = args.year or today.year
    if not 2000 <= year_number <= 2100:
        console.warn("report.year_invalid")
        return EXIT_USAGE
    targets = Targets(settings.jp_target_pns, settings.jp_target_pppk, settings.jp_year_start_month)
    year = report_year(year_number, today, targets)

    async def work(db: Database) -> int:
        opd_id = None
        async with db.reading(long=True) as session:
            if args.opd:
                opd_id = await session.scalar(select(Opd.id).where(func.lower(Opd.code) == args.opd.lower()))
                if opd_id is None:
                    console.warn("report.opd_unknown", code=args.opd)
                    return -1
            found = await demand(session, year, targets, opd_id=opd_id,
                                 min_opds=settings.needs_candidate_min_opds)
            written = await write_workbook(args.out, found, await coverage(session, found, now),
                                           need_rows(session, year, targets, opd_id=opd_id), console.text)
        if args.chart:
            args.chart.write_bytes(render_chart(found, console.text))
        return written

    written = await with_db(settings, work)
    if written < 0:
        return EXIT_USAGE
    console.say("demand.written", year=year_number, path=args.out, needs=written)
    if args.chart:
        console.say("report.chart_written", path=args.chart)
    return EXIT_OK
