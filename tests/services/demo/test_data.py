"""Demo data: a fixed demo employee with a known balance, and plausible generated people."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.services.demo.data import (
    DEMO_NAME,
    DEMO_OPD,
    DEMO_PHONE,
    OPD_NAMES,
    PersonRow,
    iter_people,
    seed_demo,
)
from bot.services.identity.nip import validate_nip
from bot.services.identity.phone import normalize_phone
from models import Employee, JpRecord, Opd
from models.db import Database
from models.enums import JpCategory, JpStatus
from tests.conftest import WITA
from tests.factories import make_employee


async def test_seeds_the_demo_employee_with_known_balance(db: Database, clock: FixedClock) -> None:
    async with db.writing() as session:
        summary = await seed_demo(session, clock, employees=40)

    assert summary.already_present is False
    year = clock.now().astimezone(WITA).year
    async with db.writing() as session:
        demo = await session.scalar(select(Employee).where(Employee.nip == summary.demo_nip))
        assert demo is not None
        opd = await session.get_one(Opd, demo.opd_id)
        mine = list(await session.scalars(select(JpRecord).where(JpRecord.employee_id == demo.id)))
        counts = (
            await session.scalar(select(func.count()).select_from(Employee)),
            await session.scalar(select(func.count()).select_from(JpRecord)),
            await session.scalar(select(func.count()).select_from(Opd)),
        )

    assert (demo.name, demo.phone, demo.employee_type) == (DEMO_NAME, DEMO_PHONE, "PNS")
    assert opd.name == DEMO_OPD
    validate_nip(demo.nip, "PNS")
    this_year = [r for r in mine if r.end_date.year == year]
    approved = [r for r in this_year if r.status == JpStatus.APPROVED]
    pending = [r for r in this_year if r.status == JpStatus.PENDING]
    assert len(approved) >= 2
    assert sum((r.jp for r in approved), Decimal(0)) == Decimal("12.5")
    assert [r.jp for r in pending] == [Decimal(4)]
    assert all(r.end_date <= clock.now().astimezone(WITA).date() for r in mine)
    assert counts == (40, summary.jp_records_created, summary.opds_created)
    assert summary.employees_created == 40 and 20 <= summary.opds_created <= 30


async def test_seeding_twice_adds_nothing(db: Database, clock: FixedClock) -> None:
    async with db.writing() as session:
        first = await seed_demo(session, clock, employees=20)
    async with db.writing() as session:
        second = await seed_demo(session, clock, employees=20)
        employees = await session.scalar(select(func.count()).select_from(Employee))
        records = await session.scalar(select(func.count()).select_from(JpRecord))

    assert second.already_present is True
    assert second.demo_nip == first.demo_nip
    assert (second.employees_created, second.jp_records_created, second.opds_created) == (0, 0, 0)
    assert (employees, records) == (20, first.jp_records_created)


async def test_generated_roster_is_plausible(db: Database, clock: FixedClock) -> None:
    async with db.writing() as session:
        await seed_demo(session, clock, employees=150)
    today = clock.now().astimezone(WITA).date()
    async with db.writing() as session:
        people = list(await session.scalars(select(Employee)))
        records = list(await session.scalars(select(JpRecord)))

    assert len({p.phone for p in people}) == len(people) == 150
    assert {p.employee_type for p in people} == {"PNS", "PPPK"}
    for person in people:
        validate_nip(person.nip, person.employee_type)
        assert person.phone is not None and person.phone.startswith("+62812")
        assert normalize_phone(person.phone) == person.phone
    per_employee: dict[int, int] = {}
    for record in records:
        per_employee[record.employee_id] = per_employee.get(record.employee_id, 0) + 1
        assert today.year - 2 <= record.end_date.year <= today.year
        assert record.start_date <= record.end_date <= today
        assert record.category in set(JpCategory)
        assert Decimal(0) < record.jp <= Decimal(100)
    assert max(per_employee.values()) <= 12
    assert {r.status for r in records} == {"approved", "pending", "rejected"}


async def test_seeding_next_to_a_real_roster_reuses_opds_and_keeps_phones_unique(
    db: Database, clock: FixedClock
) -> None:
    async with db.writing() as session:
        opd = Opd(name="DINAS  PENDIDIKAN", code="DISDIK")
        session.add(opd)
        await session.flush()
        await make_employee(session, opd=opd, phone=DEMO_PHONE)
    async with db.writing() as session:
        summary = await seed_demo(session, clock, employees=30)
        names = list(await session.scalars(select(Opd.name)))
        with_demo_phone = await session.scalar(
            select(func.count()).select_from(Employee).where(Employee.phone == DEMO_PHONE)
        )

    assert summary.opds_created == len(OPD_NAMES) - 1
    assert "Dinas Pendidikan" not in names
    # A real employee holds the demo phone: the demo employee links by code instead.
    assert with_demo_phone == 1


def test_iter_people_is_deterministic_and_unique() -> None:
    def people(seed: int) -> list[PersonRow]:
        return list(iter_people(random.Random(seed), 3000, len(OPD_NAMES)))

    first, again, other = people(7), people(7), people(8)

    assert first == again
    assert first != other
    assert len({p.nip for p in first}) == len({p.phone for p in first}) == 3000
    assert {p.opd_index for p in first} == set(range(len(OPD_NAMES)))
    for person in first:
        assert validate_nip(person.nip, person.employee_type) == person.nip
        assert int(person.nip[:4]) >= 2026 - 58
        if person.employee_type == "PPPK":
            assert int(person.nip[8:12]) >= 2019


def test_iter_people_honours_reserved_values_and_extra_opds() -> None:
    rng = random.Random(1)
    reserved = {p.nip for p in iter_people(random.Random(1), 50, 5)}

    fresh = list(iter_people(rng, 50, 40, reserved_nips=reserved, reference_year=2030))

    assert not reserved & {p.nip for p in fresh}
    assert all(0 <= p.opd_index < 40 for p in fresh)
    assert all(date(2030 - 58, 1, 1) <= date(int(p.nip[:4]), 1, 1) for p in fresh)
