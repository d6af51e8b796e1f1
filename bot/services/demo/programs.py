"""Demo programs for `demo-data`: a realistic ASN Corpu calendar of the coming weeks."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from models import Enrollment, Program, ProgramPositionType, ProgramSession
from models.enums import (
    EnrollmentStatus,
    JpCategory,
    PositionType,
    ProgramMethod,
    ProgramStatus,
)

ORGANISER = "BPSDM Provinsi Sulawesi Selatan"
CAMPUS = "Kampus BPSDM Sulsel, Jl. Urip Sumoharjo No. 269, Makassar"
# (code, title, category, method, JP, days from today, number of daily sessions, hours
#  per session, quota, struktural only)
CALENDAR: tuple[tuple[str, str, str, str, str, int, int, int, int, bool], ...] = (
    ("DEMO-BERAKHLAK", "Sosialisasi Budaya Kerja BerAKHLAK", JpCategory.SOSIALISASI,
     ProgramMethod.E_LEARNING, "4", 9, 1, 4, 200, False),
    ("DEMO-SKP", "Bimtek Penyusunan SKP dan Ekspektasi Kinerja", JpCategory.BIMTEK,
     ProgramMethod.KLASIKAL, "12", 12, 2, 6, 40, False),
    ("DEMO-DIGITAL", "Seminar Transformasi Digital Pelayanan Publik", JpCategory.SEMINAR,
     ProgramMethod.BLENDED, "6", 16, 1, 6, 2, False),
    ("DEMO-ANGGARAN", "Workshop Anggaran Berbasis Kinerja", JpCategory.WORKSHOP,
     ProgramMethod.KLASIKAL, "16", 23, 2, 8, 30, False),
    ("DEMO-PENGAWAS", "Pelatihan Kepemimpinan Pengawas (Modul Inti)", JpCategory.KEPEMIMPINAN,
     ProgramMethod.BLENDED, "40", 30, 5, 8, 30, True),
    ("DEMO-KEBIJAKAN", "Pelatihan Dasar Analisis Kebijakan", JpCategory.TEKNIS,
     ProgramMethod.KLASIKAL, "24", 44, 3, 8, 35, False),
    ("DEMO-KARIER", "Coaching Pengembangan Karier ASN", JpCategory.COACHING,
     ProgramMethod.NONKLASIKAL, "8", 58, 2, 4, 20, False),
)


async def seed_demo_programs(
    session: AsyncSession, now: datetime, tz: ZoneInfo, fillers: list[int]
) -> int:
    """Add the demo calendar (published); the small seminar is filled by `fillers` so
    the demo shows a waiting list. Returns how many programs were added."""
    today = now.astimezone(tz).date()
    for code, title, category, method, jp, offset, days, hours, quota, struktural in CALENDAR:
        first = datetime.combine(today + timedelta(days=offset), time(8), tz)
        sessions = [(first + timedelta(days=d), first + timedelta(days=d, hours=hours))
                    for d in range(days)]
        online = method in (ProgramMethod.E_LEARNING, ProgramMethod.BLENDED)
        program = Program(
            code=code,
            title=title,
            description=(
                f"{title} untuk ASN Pemerintah Provinsi Sulawesi Selatan. Peserta yang "
                "menyelesaikan seluruh sesi memperoleh sertifikat dan JP sesuai bobot."
            ),
            category=category,
            method=method,
            jp=Decimal(jp),
            place=None if method == ProgramMethod.E_LEARNING else CAMPUS,
            online_url="https://belajar.bpsdm.sulselprov.go.id/kelas/" + code.lower() if online else None,
            organiser=ORGANISER,
            quota=quota,
            registration_opens_at=now - timedelta(days=7),
            registration_closes_at=first - timedelta(days=2),
            starts_at=sessions[0][0],
            ends_at=sessions[-1][1],
            status=ProgramStatus.PUBLISHED,
            seats_taken=0,
            queue_counter=0,
            created_at=now,
            updated_at=now,
        )
        session.add(program)
        await session.flush()
        session.add_all(
            ProgramSession(program_id=program.id, starts_at=s, ends_at=e) for s, e in sessions
        )
        if struktural:
            session.add(
                ProgramPositionType(program_id=program.id, position_type=PositionType.STRUKTURAL)
            )
        if quota <= len(fillers):
            for employee_id in fillers[:quota]:
                program.queue_counter += 1
                program.seats_taken += 1
                session.add(
                    Enrollment(
                        program_id=program.id, employee_id=employee_id,
                        status=EnrollmentStatus.ENROLLED, queue_no=program.queue_counter,
                        created_at=now, updated_at=now,
                    )
                )
    await session.flush()
    return len(CALENDAR)
