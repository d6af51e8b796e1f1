"""A supervisor's team: direct reports, the whole subtree, standing and order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bot.clock import FixedClock
from bot.services.compliance.summary import Targets, report_year, summary
from bot.services.ledger.balance import Standing
from bot.services.team.members import Reach, in_subtree, is_supervisor, team_page, team_summary
from models import Employee, Enrollment
from models.db import Database
from models.enums import EnrollmentStatus, JpStatus
from tests.factories import NOW, make_employee, make_opd, make_program, make_record

TARGETS = Targets(Decimal(20), Decimal(20))


@dataclass
class Tree:
    head: int
    mid1: int
    mid2: int
    staff: dict[str, int]


async def three_levels(db: Database) -> Tree:
    """Kadis -> two Kabid -> staff: Ani (met), Budi (on track), Cici (behind 13+),
    Dedi (behind, under Kabid 2), and Eka (behind a little, under Kabid 2)."""
    async with db.writing() as s:
        opd = await make_opd(s, "Dinas Kesehatan")

        async def person(name: str, boss: Employee | None, jp: str | None = None) -> Employee:
            e = await make_employee(s, opd=opd, name=name, phone=None)
            e.supervisor_id = boss.id if boss else None
            if jp:
                await make_record(s, e, jp, date(2026, 5, 5))
            return e

        head = await person("Kadis", None, "20")
        mid1 = await person("Kabid Satu", head, "20")
        mid2 = await person("Kabid Dua", head, "20")
        ani = await person("Ani", mid1, "20")
        budi = await person("Budi", mid1, "19")
        cici = await person("Cici", mid1, "5")
        dedi = await person("Dedi", mid2, "2")
        eka = await person("Eka", mid2, "17")
        await make_record(s, cici, "4", date(2026, 11, 1), status=JpStatus.PENDING)
        program = await make_program(s)
        s.add(Enrollment(program_id=program.id, employee_id=cici.id, status=EnrollmentStatus.ENROLLED,
                         queue_no=1, created_at=NOW, updated_at=NOW))
        gone = await person("Pensiun", mid1, None)
        gone.is_active = False
        return Tree(head.id, mid1.id, mid2.id,
                    {e.name: e.id for e in (ani, budi, cici, dedi, eka)})


async def test_direct_reports_furthest_behind_first_with_their_figures(db: Database, clock: FixedClock) -> None:
    tree = await three_levels(db)
    async with db.reading() as s:
        page = await team_page(s, tree.mid1, Reach.DIRECT, 0, clock.now().date(), TARGETS)
    assert [m.name for m in page.members] == ["Cici", "Budi", "Ani"]  # the retired one left out
    cici, budi, ani = page.members
    assert (cici.standing, budi.standing, ani.standing) == (Standing.BEHIND, Standing.ON_TRACK, Standing.MET)
    assert cici.approved == Decimal("5.00") and cici.pending == 1 and cici.enrolled == 1
    assert cici.programs == ("Pelatihan Analisis Kebijakan",) and budi.programs == ()
    assert cici.behind_by == cici.expected - 5 and cici.behind_by > 13
    assert (page.summary.members, page.summary.met, page.summary.on_track, page.summary.behind) == (3, 1, 1, 1)
    assert page.summary.behind_jp == cici.behind_by.quantize(Decimal("0.01"))


async def test_subtree_reaches_every_level_and_head_sees_all(db: Database, clock: FixedClock) -> None:
    tree = await three_levels(db)
    async with db.reading() as s:
        page = await team_page(s, tree.head, Reach.ALL, 0, clock.now().date(), TARGETS, size=50)
        direct = await team_page(s, tree.head, Reach.DIRECT, 0, clock.now().date(), TARGETS)
        assert await in_subtree(s, tree.head, tree.staff["Dedi"])
        assert await in_subtree(s, tree.mid1, tree.staff["Ani"])
        assert not await in_subtree(s, tree.mid1, tree.staff["Dedi"])  # a sibling's team
        assert not await in_subtree(s, tree.staff["Ani"], tree.mid1)  # upwards
        assert not await in_subtree(s, tree.mid1, tree.mid1)
        assert await is_supervisor(s, tree.mid2) and not await is_supervisor(s, tree.staff["Ani"])
    assert [m.name for m in page.members][:2] == ["Dedi", "Cici"]
    assert {m.name: m.depth for m in page.members}["Eka"] == 2
    assert len(page.members) == 7 and page.summary.members == 7
    assert sorted(m.name for m in direct.members) == ["Kabid Dua", "Kabid Satu"]


async def test_moved_employee_changes_team_at_once(db: Database, clock: FixedClock) -> None:
    tree = await three_levels(db)
    async with db.writing() as s:
        cici = await s.get(Employee, tree.staff["Cici"])
        assert cici is not None
        cici.supervisor_id = tree.mid2
    async with db.reading() as s:
        one = await team_page(s, tree.mid1, Reach.DIRECT, 0, clock.now().date(), TARGETS)
        two = await team_page(s, tree.mid2, Reach.DIRECT, 0, clock.now().date(), TARGETS)
        assert not await in_subtree(s, tree.mid1, tree.staff["Cici"])
        assert await in_subtree(s, tree.mid2, tree.staff["Cici"])
        assert await in_subtree(s, tree.head, tree.staff["Cici"])
    assert [m.name for m in one.members] == ["Budi", "Ani"]
    assert [m.name for m in two.members] == ["Dedi", "Cici", "Eka"]


async def test_pages(db: Database, clock: FixedClock) -> None:
    tree = await three_levels(db)
    async with db.reading() as s:
        first = await team_page(s, tree.head, Reach.ALL, 0, clock.now().date(), TARGETS, size=3)
        last = await team_page(s, tree.head, Reach.ALL, 2, clock.now().date(), TARGETS, size=3)
        beyond = await team_page(s, tree.head, Reach.ALL, 9, clock.now().date(), TARGETS, size=3)
    assert (first.pages, len(first.members), len(last.members)) == (3, 3, 1)
    assert beyond.page == 2 and beyond.members == last.members


async def test_team_figures_agree_with_rekap(db: Database, clock: FixedClock) -> None:
    """The head of an OPD whose whole OPD is below them sees /rekap's numbers."""
    tree = await three_levels(db)
    today = clock.now().date()
    async with db.reading() as s:
        team = await team_summary(s, tree.head, Reach.ALL, today, TARGETS)
        (opd,) = await summary(s, report_year(2026, today, TARGETS), TARGETS)
    # /rekap counts the head too (and the retired employee not at all).
    assert opd.employees == team.members + 1
    assert opd.met == team.met + 1
    assert opd.behind == team.behind
