"""`python -m bench.program_run`: certificates and self check-in at provincial scale.

1. **1,000 certificates**: the PDF of each (A4 landscape, fonts embedded, QR code) made
   one after another in a worker thread, as the outbox sender makes them. Targets
   (issue 15): under 60 s, peak memory (the process's maximum RSS) under 300 MB.
2. **5,000 check-ins in one session window**: 5,000 linked participants of one program
   each send `/hadir CODE` through `Application.process_update` (the real handler, its
   unit of work and its reply), on a fresh SQLite database. Target: p99 < 20 ms.
   A second `/hadir` of the first 500 (already recorded) is timed too.

Nothing here is asserted by pytest; the figures go to bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import resource
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path

from sqlalchemy import func, select

from bot.app import build_application
from bot.clock import FixedClock
from bot.i18n import fmt_date, fmt_jp, t
from bot.services.certificates.document import CertificateFacts, certificate_pdf
from bot.services.certificates.numbers import number_of, serial_for
from bot.services.identity.nip import compose_nip
from bot.settings import Settings
from models import Enrollment, Program, ProgramSession, SessionCheckin
from models.db import Database
from models.schema import upgrade
from tests.factories import WITA, link_account, make_employee, make_opd, make_program
from tests.ptb_offline import RecordingRequest, UpdateFactory, to_update

KEY = b"bench-certificate-secret-0123456789abcdef"
START = datetime(2026, 12, 7, 8, 0, tzinfo=WITA)
FIRST_USER = 5_000_000_001


def _percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def _rss_mb() -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def certificates(count: int) -> dict[str, float]:
    label = partial(t, "id")
    before = _rss_mb()
    sizes = 0

    def make_all() -> int:
        total = 0
        for i in range(count):
            number = number_of(KEY, serial_for(2026, i + 1))
            facts = CertificateFacts(
                number=number, organisation="BPSDM Provinsi Sulawesi Selatan",
                holder=f"Peserta Pelatihan Nomor {i + 1}", nip=f"19850314201003{i % 10000:04d}",
                program="Pelatihan Kepemimpinan Pengawas Angkatan XII", jp=Decimal("40"),
                start=date(2026, 11, 2), end=date(2026, 11, 6),
                organiser="BPSDM Provinsi Sulawesi Selatan", issued=date(2026, 11, 7),
                verify_url=f"https://t.me/asn_corpu_bot?start=cek_{number}")
            total += len(certificate_pdf(facts, label, partial(fmt_date, "id"),
                                         partial(fmt_jp, "id")))
        return total

    started = time.perf_counter()
    sizes = await asyncio.to_thread(make_all)
    elapsed = time.perf_counter() - started
    return {"count": count, "seconds": elapsed, "per_pdf_ms": elapsed / count * 1000,
            "avg_kb": sizes / count / 1024, "rss_before_mb": before, "rss_peak_mb": _rss_mb()}


async def checkins(count: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        await upgrade(url)
        db = Database(url)
        clock = FixedClock(datetime(2026, 11, 20, 10, tzinfo=WITA))
        async with db.writing() as s:
            opd = await make_opd(s)
            program = await make_program(s, quota=count, start=START)
            sitting = await s.scalar(select(ProgramSession)
                                     .where(ProgramSession.program_id == program.id))
            sitting.checkin_code = "K7P2QX"  # type: ignore[union-attr]
            for i in range(count):
                nip = compose_nip(date(1980, 1, 1) + timedelta(days=i // 900), 2010, 3, 1, i % 900 + 1)
                person = await make_employee(s, opd=opd, name=f"Peserta {i}", phone=None, nip=nip)
                await link_account(s, person, FIRST_USER + i)
                s.add(Enrollment(program_id=program.id, employee_id=person.id, status="enrolled",
                                 queue_no=i + 1, created_at=clock.now(), updated_at=clock.now()))
            prog = await s.get(Program, program.id)
            prog.seats_taken = prog.queue_counter = count  # type: ignore[union-attr]
        settings = Settings(_env_file=None, telegram_bot_token="123456:TEST",  # type: ignore[call-arg]
                            database_url=url, certificate_secret=KEY.decode())
        clock.set(START + timedelta(minutes=10))
        app = build_application(settings, db, clock, request=RecordingRequest(), rate_limit=False)
        await app.initialize()
        updates = UpdateFactory()
        try:
            for i in range(50):  # warm-up users outside the program: not recorded
                await app.process_update(to_update(updates.message(4_000_000_000 + i, "/hadir K7P2QX"), app.bot))
            samples: list[float] = []
            for i in range(count):
                update = to_update(updates.message(FIRST_USER + i, "/hadir K7P2QX"), app.bot)
                began = time.perf_counter()
                await app.process_update(update)
                samples.append(time.perf_counter() - began)
            again: list[float] = []
            for i in range(min(500, count)):
                update = to_update(updates.message(FIRST_USER + i, "/hadir K7P2QX"), app.bot)
                began = time.perf_counter()
                await app.process_update(update)
                again.append(time.perf_counter() - began)
        finally:
            await app.shutdown()
        async with db.reading() as s:
            recorded = await s.scalar(select(func.count()).select_from(SessionCheckin))
        await db.dispose()
    assert recorded == count, recorded
    return {"count": count, "recorded": recorded,
            "p50_ms": _percentile(samples, 0.5) * 1000, "p99_ms": _percentile(samples, 0.99) * 1000,
            "max_ms": max(samples) * 1000,
            "again_p50_ms": _percentile(again, 0.5) * 1000, "again_p99_ms": _percentile(again, 0.99) * 1000}


async def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--certificates", type=int, default=1000)
    parser.add_argument("--checkins", type=int, default=5000)
    args = parser.parse_args(argv)
    cert = await certificates(args.certificates)
    print(f"certificates: {cert['count']} PDFs in {cert['seconds']:.1f} s "
          f"({cert['per_pdf_ms']:.1f} ms each, {cert['avg_kb']:.0f} KB each), "
          f"peak RSS {cert['rss_peak_mb']:.0f} MB (before: {cert['rss_before_mb']:.0f} MB)  "
          f"target < 60 s, < 300 MB: {'ok' if cert['seconds'] < 60 and cert['rss_peak_mb'] < 300 else 'MISSED'}")
    sys.stdout.flush()
    seen = await checkins(args.checkins)
    print(f"check-ins: {seen['count']} through process_update, all recorded once; "
          f"p50 {seen['p50_ms']:.2f} ms, p99 {seen['p99_ms']:.2f} ms, max {seen['max_ms']:.1f} ms; "
          f"a second /hadir: p50 {seen['again_p50_ms']:.2f} ms, p99 {seen['again_p99_ms']:.2f} ms  "
          f"target p99 < 20 ms: {'ok' if seen['p99_ms'] < 20 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main(sys.argv[1:])))
