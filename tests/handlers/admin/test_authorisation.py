"""Every admin entry point, tried by someone who is not an admin and by an OPD admin
outside their scope: refused, and nothing in the database changes.

The table below must name every admin callback action: a new admin button without an
entry here fails `test_every_admin_action_is_in_the_table`.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.i18n import t
from bot.services.announcements import lifecycle as ann
from bot.services.identity.roles import grant
from bot.services.announcements.lifecycle import Audience, AudienceKind, Content
from bot.services.reminders.planning import BehindRule
from handlers.core.callbacks import ROUTES
from models import (
    AdminRole,
    Announcement,
    AuditLog,
    Dialog,
    Enrollment,
    JpClaim,
    JpRecord,
    OutboxMessage,
    Program,
)
from models.db import Database
from models.enums import AdminRoleKind
from tests.factories import link_account, make_employee, make_opd, make_program
from tests.handlers.claims.helpers import press, report_seminar, track
from tests.bot_harness import BotHarness

SUPER, OTHER_OPD_ADMIN, STRANGER, EMPLOYEE = 910, 911, 912, 913
EMPLOYEE_ACTIONS = {
    "lang", "unlink", "pl", "pfc", "pfm", "pc", "en", "enc", "cx", "cxy", "ics", "mine",
    "pref", "clg", "clc", "cls", "clk",
}
ADMIN_ACTIONS = {  # action → argument; {names} come from the world below
    "rk": "2026.p", "rx": "2026",
    "aud": "0", "ap": "0", "ac": "{program}", "aa": "{program}.publish", "ax": "{program}",
    "at": "{program}.0", "am": "{enrollment}.y.0",
    "ana": "all", "ano": "done", "anp": "{program}", "anj": "pelaksana", "anc": "abc123.send",
    "anm": "{announcement}.cancel",
    "ar": "0", "arn": "0", "arg": "{employee}", "ard": "{role}", "ary": "{role}",
    "vfa": "{claim}", "vfj": "{claim}", "vfr": "{claim}", "vfn": "0", "vfe": "{claim}",
}
# What an OPD admin may use at all (always narrowed to their OPD); the rest is BPSDM's.
OPD_ADMIN_USES = {"rk", "rx", "ana", "anp", "anj", "anc", "anm", "vfa", "vfj", "vfr", "vfn", "vfe"}
REFUSALS = {t("id", key) for key in ("admin.not_allowed", "report.not_allowed",
                                    "verify.not_allowed", "verify.gone", "callback.expired")}


def test_every_admin_action_is_in_the_table() -> None:
    assert set(ADMIN_ACTIONS) | EMPLOYEE_ACTIONS == set(ROUTES)
    assert not set(ADMIN_ACTIONS) & EMPLOYEE_ACTIONS


@pytest.fixture
def bot(harness: BotHarness) -> BotHarness:
    return track(harness)


async def _world(bot: BotHarness, db: Database, clock: FixedClock) -> dict[str, int]:
    """In Dinas A: an employee with an enrollment and a pending claim; a superadmin's
    announcement; an OPD admin of Dinas B."""
    async with db.writing() as session:
        a, b = await make_opd(session, "Dinas A"), await make_opd(session, "Dinas B")
        person = await make_employee(session, opd=a, phone=None)
        await link_account(session, person, EMPLOYEE)
        program = await make_program(session, status="draft")
        session.add(Enrollment(program_id=program.id, employee_id=person.id, status="enrolled",
                               queue_no=1, created_at=clock.now(), updated_at=clock.now()))
        await grant(session, SUPER, AdminRoleKind.SUPERADMIN, None, "test", clock)
        await grant(session, OTHER_OPD_ADMIN, AdminRoleKind.OPD_ADMIN, b.id, "test", clock)
        candidate = await make_employee(session, opd=a, phone=None, name="Calon Admin")
        await link_account(session, candidate, 914)
        await grant(session, 914, AdminRoleKind.OPD_ADMIN, a.id, "test", clock)
        rule = BehindRule(clock.now().date(), *(20, 20, 2, 1, 6))  # type: ignore[arg-type]
        made = await ann.create(
            session, actor=f"tg:{SUPER}", admin_chat_id=SUPER, content=Content("Halo"),
            audience=Audience(AudienceKind.ALL), scope_opd_id=None, send_at=clock.now(),
            now=clock.now(), rule=rule,
        )
        ids = {"program": program.id, "employee": candidate.id, "announcement": made.id}
        ids["enrollment"] = int(await session.scalar(select(Enrollment.id)) or 0)
        ids["role"] = int(await session.scalar(
            select(AdminRole.id).where(AdminRole.telegram_user_id == 914)) or 0)
    await report_seminar(bot, EMPLOYEE)
    await press(bot, EMPLOYEE, "Kirim")
    async with db.reading() as session:
        ids["claim"] = int(await session.scalar(select(JpClaim.id)) or 0)
    assert all(ids.values()), ids
    return ids


async def _fingerprint(db: Database) -> dict[str, Any]:
    async with db.reading() as session:
        async def count(model: Any) -> int:
            return int(await session.scalar(select(func.count()).select_from(model)) or 0)

        return {
            "audit": await count(AuditLog),
            "roles": await count(AdminRole),
            "announcements": list(await session.scalars(select(Announcement.status))),
            "outbox": list(await session.scalars(select(OutboxMessage.status).order_by(OutboxMessage.id))),
            "programs": list(await session.scalars(select(Program.status))),
            "enrollments": list(await session.scalars(select(Enrollment.status))),
            "records": list(await session.scalars(select(JpRecord.status))),
            "dialogs": await count(Dialog),
        }


async def _press_all(bot: BotHarness, user: int, actions: set[str], ids: dict[str, int]) -> None:
    for action in sorted(actions):
        bot.request.clear()
        data = f"v1:{action}:{ADMIN_ACTIONS[action].format(**ids)}"
        await bot.send(bot.updates.callback(user, data))
        answers = bot.request.sent("answerCallbackQuery")
        assert answers and answers[-1].get("show_alert"), data
        assert answers[-1].get("text") in REFUSALS, (data, answers[-1].get("text"))
        assert not bot.request.sent("sendDocument"), data  # no file leaked


async def test_someone_who_is_not_an_admin_is_refused_everywhere(
    bot: BotHarness, db: Database, clock: FixedClock
) -> None:
    ids = await _world(bot, db, clock)
    before = await _fingerprint(db)
    await _press_all(bot, STRANGER, set(ADMIN_ACTIONS), ids)
    await _press_all(bot, EMPLOYEE, set(ADMIN_ACTIONS), ids)  # linked, still not an admin
    for command, key in (("/admin", "help.text"), ("/umumkan", "help.text"),
                         ("/rekap", "report.not_allowed"), ("/verifikasi", "help.text")):
        assert await bot.text(STRANGER, command) == t("id", key), command
    assert await _fingerprint(db) == before


async def test_an_opd_admin_is_refused_outside_their_scope(
    bot: BotHarness, db: Database, clock: FixedClock
) -> None:
    ids = await _world(bot, db, clock)
    before = await _fingerprint(db)
    # BPSDM's own buttons, and the buttons on a superadmin's announcement and on a claim
    # from another OPD.
    outside = (set(ADMIN_ACTIONS) - OPD_ADMIN_USES) | {"anm", "vfa", "vfj", "vfr", "vfe"}
    await _press_all(bot, OTHER_OPD_ADMIN, outside, ids)
    assert await _fingerprint(db) == before
