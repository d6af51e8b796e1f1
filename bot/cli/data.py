"""Console commands that produce data: the compliance report and the demo set."""

from __future__ import annotations

import argparse

from sqlalchemy import func, select

from bot.cli.console import (
    EXIT_OK,
    EXIT_USAGE,
    Console,
    with_db,
)
from bot.clock import SystemClock
from bot.services.demo.data import DEMO_NAME, seed_demo
from bot.settings import Settings
from models import Opd
from models.db import Database


async def cmd_report(console: Console, settings: Settings, args: argparse.Namespace) -> int:
    from bot.services.compliance.summary import Targets, employee_rows, report_year, summary
    from bot.services.compliance.files import render_chart, write_workbook

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
        async with db.writing() as session:
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

    written = await with_db(settings, work)
    if written < 0:
        return EXIT_USAGE
    console.say("report.written", year=year_number, path=args.out, employees=written)
    if args.chart:
        console.say("report.chart_written", path=args.chart)
    return EXIT_OK


async def cmd_demo_data(console: Console, settings: Settings, employees: int) -> int:
    if not 1 <= employees <= 100_000:
        console.warn("cli.demo_size")
        return EXIT_USAGE

    async def work(db: Database):  # type: ignore[no-untyped-def]
        async with db.writing() as session:
            return await seed_demo(session, SystemClock(), employees=employees)

    summary = await with_db(settings, work)
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
