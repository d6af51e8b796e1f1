"""Demo data: a plausible Sulawesi Selatan provincial roster with a JP history, to try the bot.

Everything is fictional and deterministic for a seed (and the clock's date). One fixed
employee, Andi Tenri Ajeng, is always there with a known balance, so a demo can link to
her by phone and show 12.5 approved JP this year plus one pending claim.

The pure generators (`iter_people`, `OPD_NAMES`) are shared with the benchmark data
generator, which writes 100,000 employees without the ORM.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services.demo.programs import seed_demo_programs
from bot.services.identity.nip import compose_nip
from bot.services.imports.roster import chunked, opd_key
from models import Employee, JpRecord, Opd
from models.enums import EmployeeType, JpCategory, JpSource, JpStatus

log = logging.getLogger(__name__)

WITA = ZoneInfo("Asia/Makassar")

# (name, short code) of perangkat daerah of the Sulawesi Selatan provincial government.
OPDS: tuple[tuple[str, str], ...] = (
    ("Badan Pengembangan Sumber Daya Manusia", "BPSDM"),
    ("Dinas Pendidikan", "DISDIK"),
    ("Dinas Kesehatan", "DINKES"),
    (
        "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah",
        "BAPPELITBANGDA",
    ),
    ("Badan Kepegawaian Daerah", "BKD"),
    ("Inspektorat Daerah", "INSPEKTORAT"),
    ("Dinas Pekerjaan Umum dan Tata Ruang", "PUTR"),
    ("Dinas Sosial", "DINSOS"),
    ("RSUD Haji Makassar", "RSUDHAJI"),
    ("RSUD Labuang Baji", "RSUDLB"),
    ("Sekretariat DPRD", "SETWAN"),
    ("Biro Umum", "BIROUMUM"),
    ("Biro Organisasi", "BIROORG"),
    ("Biro Hukum", "BIROHUKUM"),
    ("Dinas Komunikasi, Informatika, Statistik dan Persandian", "DISKOMINFO"),
    ("Dinas Tanaman Pangan, Hortikultura dan Perkebunan", "DTPHBUN"),
    ("Dinas Kelautan dan Perikanan", "DKP"),
    ("Dinas Perhubungan", "DISHUB"),
    ("Badan Pendapatan Daerah", "BAPENDA"),
    ("Badan Pengelola Keuangan Daerah", "BPKD"),
    ("Dinas Pariwisata", "DISPAR"),
    ("Dinas Lingkungan Hidup", "DLH"),
    ("Badan Penanggulangan Bencana Daerah", "BPBD"),
    ("Satuan Polisi Pamong Praja", "SATPOLPP"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP"),
    ("Dinas Tenaga Kerja dan Transmigrasi", "DISNAKERTRANS"),
    ("Dinas Perpustakaan dan Kearsipan", "DISPUSIP"),
)
OPD_NAMES: tuple[str, ...] = tuple(name for name, _ in OPDS)

# Big OPDs (schools, hospitals) hold most of a provincial roster.
_OPD_WEIGHTS: dict[str, int] = {
    "Dinas Pendidikan": 8,
    "Dinas Kesehatan": 2,
    "RSUD Haji Makassar": 3,
    "RSUD Labuang Baji": 3,
    "Dinas Pekerjaan Umum dan Tata Ruang": 2,
}

DEMO_NAME = "Andi Tenri Ajeng"
DEMO_PHONE = "+6281234567890"
DEMO_OPD = "Badan Pengembangan Sumber Daya Manusia"
DEMO_NIP = compose_nip(date(1992, 4, 17), 2017, 3, 2, 7)
DEMO_UNIT = "Bidang Pengembangan Kompetensi Teknis"
DEMO_POSITION = "Analis Sumber Daya Manusia Aparatur Ahli Pertama"

_MALE_FIRST = (
    "Muhammad", "Ahmad", "Abdul Rahman", "Syamsul", "Haerul", "Irwan", "Baso", "Hasanuddin",
    "Syahrir", "Sulaiman", "Ikhsan", "Muliadi", "Hamka", "Ilham", "Kurniawan", "Rahmat",
    "Arifin", "Muh. Yusuf", "Sahabuddin", "Ridwan", "Fadli", "Aswar", "Akbar", "Firman",
    "Jumadi", "Zainal", "Mustari", "Asri", "Takdir", "Bahar", "Sudirman", "Anwar",
    "La Ode", "Daeng Sikki", "Amiruddin", "Nasrullah", "Iqbal", "Fachruddin",
)
_FEMALE_FIRST = (
    "Sitti Aisyah", "Nurhayati", "Hasnah", "Rahmawati", "Besse", "Nurul Fadhilah",
    "Jumriah", "Rosmiati", "Hasmawati", "Ramlah", "Nurhaedah", "St. Fatimah", "Irma",
    "Wahyuni", "Fitriani", "Asriani", "Sri Wahyuni", "Nurjannah", "Hardianti", "Masita",
    "Sumarni", "Musdalifah", "Rosdiana", "Syamsiah", "Kartini", "Indah", "Nur Aeni",
    "Tenri", "Marwah", "Hajrah", "Satriani", "Suryani",
)
_LAST = (
    "Mappaseng", "Pawelloi", "Makkawaru", "Rahman", "Hamzah", "Syam", "Tahir", "Latief",
    "Mappangara", "Sanusi", "Mallarangeng", "Pananrangi", "Wahid", "Amir", "Basri", "Nur",
    "Alimuddin", "Patunru", "Massikki", "Paturusi", "Bahtiar", "Jufri", "Ramli", "Karim",
    "Arsyad", "Saleh", "Mustafa", "Tenriawaru", "Sompa", "Parawansa", "Mattalitti",
    "Nompo", "Ashari", "Daeng Ngalle", "Daeng Tala", "Lamatta", "Tjambolang", "Ismail",
    "Yunus", "Hasyim", "Kadir", "Halim", "Sultan", "Baharuddin", "Mahmud",
)
_TITLES = ("S.E.", "S.H.", "S.Pd.", "S.Sos.", "S.Kom.", "S.T.", "M.Si.", "S.Kep., Ns.", "S.IP.")

_UNITS_GENERIC = (
    "Sekretariat",
    "Subbagian Umum dan Kepegawaian",
    "Subbagian Keuangan",
    "Subbagian Perencanaan dan Pelaporan",
    "Bidang Program",
    "Bidang Pelayanan",
    "Bidang Pengendalian dan Evaluasi",
    "UPT Daerah",
)
_POSITIONS_GENERIC = (
    "Pengadministrasi Perkantoran",
    "Penata Layanan Operasional",
    "Pengolah Data dan Informasi",
    "Pengelola Umum Operasional",
    "Analis Kebijakan Ahli Muda",
    "Analis Kebijakan Ahli Pertama",
    "Pranata Komputer Ahli Pertama",
    "Perencana Ahli Muda",
    "Arsiparis Terampil",
    "Analis Keuangan Pusat dan Daerah Ahli Pertama",
    "Analis Sumber Daya Manusia Aparatur Ahli Muda",
    "Kepala Subbagian Umum dan Kepegawaian",
    "Kepala Bidang",
)
# Keyword in the OPD name -> (units, positions) typical of it.
_OPD_FLAVOUR: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "Pendidikan",
        (
            "Bidang Pembinaan SMA",
            "Bidang Pembinaan SMK",
            "Bidang Pembinaan PKLK",
            "Cabang Dinas Pendidikan Wilayah I",
        ),
        ("Guru Ahli Pertama", "Guru Ahli Muda", "Guru Ahli Madya", "Pengawas Sekolah Ahli Madya"),
    ),
    (
        "Kesehatan",
        (
            "Bidang Pelayanan Kesehatan",
            "Bidang Pencegahan dan Pengendalian Penyakit",
            "Bidang Kesehatan Masyarakat",
        ),
        (
            "Epidemiolog Kesehatan Ahli Muda",
            "Administrator Kesehatan Ahli Pertama",
            "Sanitarian Terampil",
        ),
    ),
    (
        "RSUD",
        (
            "Instalasi Gawat Darurat",
            "Instalasi Rawat Inap",
            "Instalasi Farmasi",
            "Bidang Keperawatan",
        ),
        (
            "Perawat Ahli Pertama",
            "Perawat Terampil",
            "Dokter Ahli Muda",
            "Bidan Terampil",
            "Apoteker Ahli Pertama",
        ),
    ),
    (
        "Inspektorat",
        (
            "Inspektur Pembantu Wilayah I",
            "Inspektur Pembantu Wilayah II",
            "Inspektur Pembantu Khusus",
        ),
        (
            "Auditor Ahli Muda",
            "Auditor Ahli Pertama",
            "Pengawas Penyelenggaraan Urusan Pemerintahan Daerah Ahli Muda",
        ),
    ),
    (
        "Sumber Daya Manusia",
        (
            "Bidang Pengembangan Kompetensi Teknis",
            "Bidang Pengembangan Kompetensi Manajerial",
            "Bidang Sertifikasi Kompetensi",
        ),
        (
            "Widyaiswara Ahli Madya",
            "Widyaiswara Ahli Muda",
            "Analis Sumber Daya Manusia Aparatur Ahli Pertama",
        ),
    ),
    (
        "Kepegawaian",
        ("Bidang Mutasi dan Promosi", "Bidang Pengadaan dan Informasi Kepegawaian"),
        (
            "Analis Sumber Daya Manusia Aparatur Ahli Muda",
            "Asesor Sumber Daya Manusia Aparatur Ahli Pertama",
        ),
    ),
    (
        "Perencanaan",
        ("Bidang Perencanaan Ekonomi", "Bidang Penelitian dan Pengembangan"),
        ("Perencana Ahli Muda", "Perencana Ahli Madya", "Peneliti Ahli Pertama"),
    ),
    (
        "Pekerjaan Umum",
        ("Bidang Bina Marga", "Bidang Sumber Daya Air", "Bidang Tata Ruang"),
        (
            "Teknik Jalan dan Jembatan Ahli Pertama",
            "Teknik Pengairan Ahli Muda",
            "Penata Ruang Ahli Pertama",
        ),
    ),
)


class _Activity(NamedTuple):
    category: JpCategory
    jp_choices: str  # space-separated Decimal literals
    organiser: str
    title: str


_BPSDM = "BPSDM Provinsi Sulawesi Selatan"
_CORPU = "ASN Corpu Sulawesi Selatan"
_LAN = "Lembaga Administrasi Negara"
_OWN_UNIT = "Unit kerja sendiri"
_C = JpCategory
# Activities an ASN of Sulsel plausibly follows, with JP in line with the LAN conversion
# rules (seminar 4 per day, workshop 5 per day, e-learning at most 3 per day...).
_ACTIVITIES: tuple[_Activity, ...] = (
    _Activity(_C.TEKNIS, "24 32 40", _BPSDM, "Pelatihan Teknis Pengelolaan Barang Milik Daerah"),
    _Activity(_C.TEKNIS, "24 32", _BPSDM, "Pelatihan Penyusunan Standar Operasional Prosedur"),
    _Activity(_C.FUNGSIONAL, "32 40", _LAN, "Pelatihan Fungsional Analis Kebijakan"),
    _Activity(_C.FUNGSIONAL, "32", "Pusbindiklatren Bappenas", "Pelatihan Fungsional Perencana"),
    _Activity(_C.KEPEMIMPINAN, "40 80", _BPSDM, "Pelatihan Kepemimpinan Pengawas"),
    _Activity(_C.MANAJERIAL, "16 24", _BPSDM, "Pelatihan Manajemen Kinerja ASN"),
    _Activity(
        _C.SOSIAL_KULTURAL, "8 12.5 16", _BPSDM, "Pelatihan Wawasan Kebangsaan dan Moderasi"
    ),
    _Activity(
        _C.SEMINAR,
        "4 8",
        "Dinas Komunikasi, Informatika, Statistik dan Persandian",
        "Seminar Nasional Transformasi Digital Pemerintahan",
    ),
    _Activity(_C.SEMINAR, "2 4", "Kementerian PANRB", "Webinar Reformasi Birokrasi Tematik"),
    _Activity(
        _C.WORKSHOP,
        "5 10",
        "Bappelitbangda Provinsi Sulawesi Selatan",
        "Workshop Penyusunan Rencana Strategis Perangkat Daerah",
    ),
    _Activity(_C.WORKSHOP, "5", "Inspektorat Daerah", "Lokakarya Manajemen Risiko"),
    _Activity(_C.KURSUS, "12.5 24", "UPT Bahasa Unhas", "Kursus Bahasa Inggris untuk ASN"),
    _Activity(
        _C.BIMTEK, "8 12.5 16", "Badan Kepegawaian Daerah", "Bimtek Penyusunan Sasaran Kinerja"
    ),
    _Activity(_C.BIMTEK, "8 12.5 24", "BPSDM Kemendagri", "Bimtek Aplikasi SIPD"),
    _Activity(_C.BIMTEK, "16 24 32", "LKPP", "Bimtek Pengadaan Barang/Jasa Pemerintah"),
    _Activity(
        _C.SOSIALISASI, "2 4", "Badan Kepegawaian Negara", "Sosialisasi Undang-Undang ASN 2023"
    ),
    _Activity(_C.SOSIALISASI, "2 3", _BPSDM, "Sosialisasi Pelindungan Data Pribadi"),
    _Activity(_C.E_LEARNING, "2 3 6", _CORPU, "E-Learning Literasi Digital ASN"),
    _Activity(_C.E_LEARNING, "3 6", "Komisi Pemberantasan Korupsi", "E-Learning Antikorupsi"),
    _Activity(
        _C.PELATIHAN_JARAK_JAUH, "12.5 24", _LAN, "Pelatihan Jarak Jauh Analisis Beban Kerja"
    ),
    _Activity(_C.COACHING, "2 4", _OWN_UNIT, "Coaching Kinerja oleh Atasan Langsung"),
    _Activity(_C.MENTORING, "2 4", _OWN_UNIT, "Mentoring Penyusunan Karya Tulis Ilmiah"),
    _Activity(_C.KOMUNITAS_BELAJAR, "2", _CORPU, "Komunitas Belajar: Berbagi Praktik Baik"),
    _Activity(_C.BENCHMARKING, "8 16", _BPSDM, "Patok Banding Pelayanan Publik ke Jawa Timur"),
    _Activity(_C.MAGANG, "20", "Arsip Nasional Republik Indonesia", "Magang Tata Kelola Arsip"),
    _Activity(_C.BELAJAR_MANDIRI, "2 4", _CORPU, "Belajar Mandiri: Kebijakan Berbasis Bukti"),
    _Activity(_C.BIMBINGAN_KERJA, "2", _OWN_UNIT, "Bimbingan di Tempat Kerja: Tata Naskah Dinas"),
    _Activity(_C.OUTBOUND, "8", _OWN_UNIT, "Outbound Pembangunan Tim"),
)

# A working day holds 8 JP of 45 minutes in these programs.
_JP_PER_DAY = 8


class PersonRow(NamedTuple):
    """One generated employee; `opd_index` points into the caller's OPD list."""

    name: str
    nip: str
    employee_type: str
    opd_index: int
    unit: str
    position: str
    phone: str


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What `seed_demo` added; `already_present` when an earlier run had seeded it."""

    opds_created: int
    employees_created: int
    jp_records_created: int
    demo_nip: str
    demo_phone: str
    already_present: bool
    programs_created: int = 0


def iter_people(
    rng: random.Random,
    count: int,
    opd_count: int,
    *,
    reference_year: int = 2026,
    reserved_nips: Collection[str] = (),
    reserved_phones: Collection[str] = (),
) -> Iterator[PersonRow]:
    """`count` fictional employees with unique, valid NIPs and unique +62812… phones.

    Pure and deterministic for the state of `rng`: no database, no clock (ages and
    appointment years are relative to `reference_year`). About 15% are PPPK, appointed
    from 2019 on. OPD indexes follow `OPD_NAMES` for the first len(OPD_NAMES) OPDs
    (schools and hospitals are bigger); further indexes get generic units.
    """
    if opd_count < 1:
        raise ValueError("opd_count must be at least 1")
    weights = [
        _OPD_WEIGHTS.get(OPD_NAMES[i], 1) if i < len(OPD_NAMES) else 1 for i in range(opd_count)
    ]
    cumulative: list[int] = []
    total = 0
    for weight in weights:
        total += weight
        cumulative.append(total)
    indexes = range(opd_count)
    flavours = [_flavour(OPD_NAMES[i] if i < len(OPD_NAMES) else "") for i in indexes]
    used_nips = set(reserved_nips)
    used_phones = set(reserved_phones)

    for _ in range(count):
        sex = 1 if rng.random() < 0.5 else 2
        first = rng.choice(_MALE_FIRST if sex == 1 else _FEMALE_FIRST)
        name = f"{first} {rng.choice(_LAST)}"
        if rng.random() < 0.12 and not first.startswith(("La Ode", "Daeng", "Andi")):
            name = f"Andi {name}"  # the Bugis noble title, common in Sulsel rosters
        if rng.random() < 0.35:
            name = f"{name}, {rng.choice(_TITLES)}"

        employee_type = EmployeeType.PPPK if rng.random() < 0.15 else EmployeeType.PNS
        while True:
            born_year = rng.randint(reference_year - 58, reference_year - 22)
            born = date(born_year, rng.randint(1, 12), rng.randint(1, 28))
            if employee_type == EmployeeType.PPPK:
                low = min(max(2019, born_year + 20), reference_year)
            else:
                low = born_year + 19
            tmt_year = rng.randint(low, max(low, min(reference_year - 1, born_year + 40)))
            nip = compose_nip(born, tmt_year, rng.randint(1, 12), sex, rng.randint(1, 999))
            if nip not in used_nips:
                used_nips.add(nip)
                break
        while True:
            phone = f"+62812{rng.randrange(10**8):08d}"
            if phone not in used_phones:
                used_phones.add(phone)
                break

        opd_index = rng.choices(indexes, cum_weights=cumulative)[0]
        units, positions = flavours[opd_index]
        yield PersonRow(
            name=name,
            nip=nip,
            employee_type=employee_type.value,
            opd_index=opd_index,
            unit=rng.choice(units),
            position=rng.choice(positions),
            phone=phone,
        )


def _flavour(opd_name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    for keyword, units, positions in _OPD_FLAVOUR:
        if keyword in opd_name:
            # The OPD's own work dominates, but every OPD has a secretariat.
            return units + _UNITS_GENERIC[:3], positions * 2 + _POSITIONS_GENERIC
    return _UNITS_GENERIC, _POSITIONS_GENERIC


async def seed_demo(
    session: AsyncSession,
    clock: Clock,
    *,
    employees: int = 300,
    seed: int = 20261128,
) -> DemoSummary:
    """Add the demo OPDs, `employees` employees (the fixed demo employee first) and their
    JP records of this year and the two before.

    Idempotent: when the demo employee's NIP is already on the roster nothing is added
    and the summary says `already_present`. OPDs that already exist (same name, any
    case) are reused; generated people whose NIP or phone is already taken are left out,
    so seeding next to a real roster never creates look-alikes for linking.
    """
    if await session.scalar(select(Employee.id).where(Employee.nip == DEMO_NIP)) is not None:
        return DemoSummary(0, 0, 0, DEMO_NIP, DEMO_PHONE, already_present=True)

    rng = random.Random(seed)
    now = clock.now()
    today = now.astimezone(WITA).date()

    opd_ids, opds_created = await _ensure_opds(session)
    people = list(
        iter_people(
            rng,
            max(employees - 1, 0),
            len(OPD_NAMES),
            reference_year=today.year,
            reserved_nips={DEMO_NIP},
            reserved_phones={DEMO_PHONE},
        )
    )
    taken_nips, taken_phones = await _taken(session, people)
    people = [p for p in people if p.nip not in taken_nips and p.phone not in taken_phones]

    def employee(person: PersonRow, phone: str | None) -> Employee:
        return Employee(
            nip=person.nip,
            name=person.name,
            employee_type=person.employee_type,
            opd_id=opd_ids[opd_key(OPD_NAMES[person.opd_index])],
            unit=person.unit,
            position=person.position,
            phone=phone,
            is_active=True,
            created_at=now,
            updated_at=now,
        )

    demo_person = PersonRow(
        name=DEMO_NAME,
        nip=DEMO_NIP,
        employee_type=EmployeeType.PNS.value,
        opd_index=OPD_NAMES.index(DEMO_OPD),
        unit=DEMO_UNIT,
        position=DEMO_POSITION,
        phone=DEMO_PHONE,
    )
    # The demo's phone may belong to a real roster entry; then she links by code only.
    demo = employee(demo_person, DEMO_PHONE if DEMO_PHONE not in taken_phones else None)
    rows = [demo] + [employee(p, p.phone) for p in people]
    session.add_all(rows)
    await session.flush()  # one flush for all: the records need the ids

    records = _demo_records(demo.id, today, now)
    for person in rows[1:]:
        records.extend(_random_records(rng, person.id, today, now))
    if records:
        await session.execute(insert(JpRecord), records)

    programs = await seed_demo_programs(session, now, WITA, [r.id for r in rows[1:3]])
    await seed_demo_competencies(session, now)  # issue 14: the competency catalogue
    summary = DemoSummary(
        opds_created, len(rows), len(records), DEMO_NIP, DEMO_PHONE, False, programs
    )
    log.info(
        "demo data seeded opds=%d employees=%d jp_records=%d",
        summary.opds_created,
        summary.employees_created,
        summary.jp_records_created,
    )
    return summary


DEMO_COMPETENCIES = (
    ("MNJ-PP", "Pelayanan Publik", "sosial_kultural"),
    ("MNJ-AK", "Analisis Kebijakan", "manajerial"),
    ("TEK-KD", "Pengelolaan Keuangan Daerah", "teknis"),
    ("TEK-LD", "Literasi Digital", "teknis"),
    ("MNJ-MR", "Manajemen Risiko", "manajerial"),
    ("TEK-PBJ", "Pengadaan Barang/Jasa Pemerintah", "teknis"),
    ("MNJ-KP", "Kepemimpinan", "manajerial"),
    ("TEK-ND", "Penulisan Naskah Dinas", "teknis"),
    ("SK-INT", "Integritas dan Antikorupsi", "sosial_kultural"),
    ("SK-KB", "Wawasan Kebangsaan", "sosial_kultural"),
    ("TEK-DA", "Analisis Data dan Statistik", "teknis"),
    ("MNJ-KS", "Komunikasi dan Kerja Sama", "manajerial"),
)


async def seed_demo_competencies(session: AsyncSession, now: datetime) -> int:
    """A realistic competency catalogue (codes already present are left alone)."""
    from models import Competency

    present = set((await session.scalars(select(Competency.code))).all())
    added = [Competency(code=code, name=name, kind=kind, description=None, retired_at=None,
                        created_at=now, updated_at=now)
             for code, name, kind in DEMO_COMPETENCIES if code not in present]
    session.add_all(added)
    await session.flush()
    return len(added)


async def _ensure_opds(session: AsyncSession) -> tuple[dict[str, int], int]:
    result = await session.execute(select(Opd.id, Opd.name, Opd.code).order_by(Opd.id))
    ids: dict[str, int] = {}
    codes: set[str] = set()
    for opd_id, name, code in result:
        ids.setdefault(opd_key(name), opd_id)
        if code:
            codes.add(code.casefold())
    new = [
        Opd(name=name, code=code if code.casefold() not in codes else None)
        for name, code in OPDS
        if opd_key(name) not in ids
    ]
    if new:
        session.add_all(new)
        await session.flush()
        ids.update({opd_key(opd.name): opd.id for opd in new})
    return ids, len(new)


async def _taken(session: AsyncSession, people: list[PersonRow]) -> tuple[set[str], set[str]]:
    taken_nips: set[str] = set()
    taken_phones: set[str] = set()
    for chunk in chunked([p.nip for p in people] + [DEMO_NIP]):
        found_nips = await session.scalars(select(Employee.nip).where(Employee.nip.in_(chunk)))
        taken_nips.update(found_nips)
    for chunk in chunked([p.phone for p in people] + [DEMO_PHONE]):
        found = await session.scalars(select(Employee.phone).where(Employee.phone.in_(chunk)))
        taken_phones.update(phone for phone in found if phone is not None)
    return taken_nips, taken_phones


def _demo_records(employee_id: int, today: date, now: datetime) -> list[dict[str, object]]:
    """The demo employee's fixed history: 12.5 JP approved this year, 4 JP pending."""
    start_of_year = date(today.year, 1, 1)
    span = (today - start_of_year).days

    def day(fraction: float) -> date:
        return start_of_year + timedelta(days=int(span * fraction))

    last_year = today.year - 1
    approved, pending = JpStatus.APPROVED, JpStatus.PENDING
    plan = (
        (_C.E_LEARNING, "2", day(0.2), approved, JpSource.SELF_REPORT, "Literasi Digital ASN"),
        (_C.SEMINAR, "4", day(0.45), approved, JpSource.PROGRAM, "Seminar Nasional ASN Corpu"),
        (_C.BIMTEK, "6.5", day(0.7), approved, JpSource.PROGRAM, "Bimtek Penyusunan SKP"),
        (_C.COACHING, "4", day(0.95), pending, JpSource.SELF_REPORT, "Coaching Kinerja"),
        (
            _C.TEKNIS,
            "24",
            date(last_year, 9, 16),
            approved,
            JpSource.IMPORT,
            "Pelatihan Teknis Analisis Kebijakan",
        ),
        (_C.E_LEARNING, "3", date(last_year, 5, 20), approved, JpSource.IMPORT, "Antikorupsi"),
    )
    return [
        _record(employee_id, category, title, Decimal(jp), end, status, source, _BPSDM, None, now)
        for category, jp, end, status, source, title in plan
    ]


def _random_records(
    rng: random.Random, employee_id: int, today: date, now: datetime
) -> list[dict[str, object]]:
    """0 to 12 records over this year and the two before; this year's may still be pending."""
    records: list[dict[str, object]] = []
    for _ in range(rng.randint(0, 12)):
        year = today.year - rng.randint(0, 2)
        first = date(year, 1, 1)
        last = min(date(year, 12, 31), today)
        end = first + timedelta(days=rng.randint(0, (last - first).days))
        if end.weekday() >= 5 and end - timedelta(days=end.weekday() - 4) >= first:
            end -= timedelta(days=end.weekday() - 4)  # trainings end on a working day
        activity = rng.choice(_ACTIVITIES)
        jp = Decimal(rng.choice(activity.jp_choices.split()))
        roll = rng.random()
        if year == today.year:
            if roll < 0.8:
                status = JpStatus.APPROVED
            else:
                status = JpStatus.PENDING if roll < 0.94 else JpStatus.REJECTED
        else:
            # Verification of earlier years is long done: nothing is still pending.
            status = JpStatus.APPROVED if roll < 0.95 else JpStatus.REJECTED
        if year < today.year:
            source = JpSource.IMPORT
        elif status == JpStatus.APPROVED and rng.random() < 0.4:
            source = JpSource.PROGRAM
        else:
            source = JpSource.SELF_REPORT
        certificate = (
            f"{rng.randint(1, 9999):04d}/CORPU-SS/{year}"
            if status == JpStatus.APPROVED and jp >= 8
            else None
        )
        records.append(
            _record(
                employee_id,
                activity.category,
                activity.title,
                jp,
                end,
                status,
                source,
                activity.organiser,
                certificate,
                now,
            )
        )
    return records


def _record(
    employee_id: int,
    category: JpCategory,
    title: str,
    jp: Decimal,
    end: date,
    status: JpStatus,
    source: JpSource,
    organiser: str,
    certificate: str | None,
    now: datetime,
) -> dict[str, object]:
    days = max(1, -(-int(jp) // _JP_PER_DAY))
    return {
        "employee_id": employee_id,
        "title": title,
        "category": category.value,
        "source": source.value,
        "status": status.value,
        "jp": jp,
        "start_date": end - timedelta(days=days - 1),
        "end_date": end,
        "organiser": organiser,
        "certificate_number": certificate,
        "external_key": None,
        "created_at": now,
    }
