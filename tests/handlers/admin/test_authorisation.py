"""Every admin button and command, tried by someone who is not an admin and by an OPD
admin outside their scope: refused, and nothing in the database changes.

The buttons come from the button kinds themselves (bot/presentation/buttons: every kind
whose audience is ADMIN or SUPERADMIN), each field filled from the world below and every
choice of a choice field tried, so a new admin button is pressed here the day it exists.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from decimal import Decimal
from enum import Enum
from typing import Any, Literal, get_args, get_origin, get_type_hints

from sqlalchemy import func, select

import handlers
from bot.clock import FixedClock
from bot.i18n import t
from bot.presentation.menus import help_text
from bot.presentation.buttons import Audience, Button, all_kinds
from bot.services.identity.roles import grant
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
from tests.bot_harness import BotHarness
from tests.factories import link_account, make_admin, make_employee, make_opd, make_program, make_record

SUPER, OTHER_OPD_ADMIN, STRANGER, EMPLOYEE, CANDIDATE = 910, 911, 912, 913, 914
REFUSALS = {t("id", key) for key in ("admin.not_allowed", "report.not_allowed",
                                    "verify.not_allowed", "verify.gone", "callback.expired")}
# Fields naming an object of the world (the rest: pages, years, flags, nonces, choices).
OBJECT_FIELDS = {"program_id": "program", "claim_id": "claim", "enrollment_id": "enrollment",
                 "announcement_id": "announcement", "employee_id": "candidate",
                 "role_id": "role", "opd_id": "opd_a"}
# Admin kinds acting on an object that belongs to one OPD (an OPD admin of another OPD
# must be refused those, while the kinds of their own menu stay theirs).
SCOPED_OBJECTS = {"claim_id", "announcement_id"}

handlers.load_routes()


def admin_kinds() -> list[type[Button]]:
    return sorted((k for k in all_kinds().values()
                   if k.audience in (Audience.ADMIN, Audience.SUPERADMIN)
                   and not k.prefix.startswith("test.")), key=lambda k: k.prefix)


def _choices(hint: Any) -> list[Any] | None:
    if get_origin(hint) in (typing.Union, types.UnionType):
        hint = next(a for a in get_args(hint) if a is not type(None))
    if get_origin(hint) is Literal:
        return list(get_args(hint))
    if isinstance(hint, type) and issubclass(hint, Enum):
        return list(hint)
    if hint is bool:
        return [True, False]
    return None


def presses(kind: type[Button], ids: dict[str, int]) -> list[Button]:
    """Instances of `kind` aimed at the world: every choice of every choice field."""
    hints = get_type_hints(kind, include_extras=True)
    base: dict[str, Any] = {}
    varied: dict[str, list[Any]] = {}
    for f in dataclasses.fields(kind):
        if f.name in OBJECT_FIELDS:
            base[f.name] = ids[OBJECT_FIELDS[f.name]]
        elif (choices := _choices(hints[f.name])) is not None:
            base[f.name], varied[f.name] = choices[0], choices
        elif f.name == "year":
            base[f.name] = 2026
        elif f.name == "nonce":
            base[f.name] = "abc123"
        else:
            base[f.name] = 0  # pages, "after" ids
    made = [kind(**base)]
    for name, choices in varied.items():
        made += [kind(**{**base, name: choice}) for choice in choices[1:]]
    return made


def test_every_admin_kind_can_be_pressed() -> None:
    ids = {name: 1 for name in OBJECT_FIELDS.values()}
    kinds = admin_kinds()
    assert len(kinds) >= 20  # programs, attendance, roles, audit, rekap, announcements, verify
    for kind in kinds:
        for pressed in presses(kind, ids):
            assert kind.parse(pressed.encode()) == pressed


async def _world(db: Database, clock: FixedClock) -> dict[str, int]:
    """In Dinas A: an employee with an enrollment and a pending claim; a superadmin's
    announcement; an OPD admin of Dinas B; a linked candidate who is OPD admin of A."""
    now = clock.now()
    async with db.writing() as session:
        a, b = await make_opd(session, "Dinas A"), await make_opd(session, "Dinas B")
        person = await make_employee(session, opd=a, phone=None)
        await link_account(session, person, EMPLOYEE)
        program = await make_program(session, status="draft")
        session.add(Enrollment(program_id=program.id, employee_id=person.id, status="enrolled",
                               queue_no=1, created_at=now, updated_at=now))
        await grant(session, SUPER, AdminRoleKind.SUPERADMIN, None, "test", clock)
        await make_admin(session, OTHER_OPD_ADMIN, b, name="Admin B")
        candidate = await make_employee(session, opd=a, phone=None, name="Calon Admin")
        await link_account(session, candidate, CANDIDATE)
        await grant(session, CANDIDATE, AdminRoleKind.OPD_ADMIN, a.id, "test", clock)
        record = await make_record(session, person, "4", now.date(), status="pending",
                                   source="self_report", category="seminar")
        claim = JpClaim(jp_record_id=record.id, evidence_file_id="f", evidence_unique_id="u",
                        evidence_kind="photo", international=False, unit="day",
                        quantity=Decimal(1), proposed_jp=Decimal(4), working=[], submitted_at=now)
        announcement = Announcement(
            actor=f"tg:{SUPER}", admin_chat_id=SUPER, text="Halo", entities=[],
            audience={"kind": "all"}, scope_opd_id=None, status="scheduled", recipients=0,
            unlinked=0, send_at=now.replace(year=2027), created_at=now,
        )
        session.add_all([claim, announcement])
        await session.flush()
        role = await session.scalar(select(AdminRole.id).where(AdminRole.telegram_user_id == CANDIDATE))
        enrollment = await session.scalar(select(Enrollment.id))
        ids = {"program": program.id, "candidate": candidate.id, "announcement": announcement.id,
               "enrollment": int(enrollment or 0), "role": int(role or 0), "claim": claim.id,
               "opd_a": a.id}
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


async def _press_all(bot: BotHarness, user: int, kinds: list[type[Button]], ids: dict[str, int]) -> None:
    for kind in kinds:
        for pressed in presses(kind, ids):
            bot.request.clear()
            await bot.send(bot.updates.callback(user, pressed))
            answers = bot.request.sent("answerCallbackQuery")
            assert answers and answers[-1].get("show_alert"), pressed
            assert answers[-1].get("text") in REFUSALS, (pressed, answers[-1].get("text"))
            assert not bot.request.sent("sendDocument"), pressed  # no file leaked
            assert not bot.request.sent("sendPhoto"), pressed


async def test_someone_who_is_not_an_admin_is_refused_everywhere(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    ids = await _world(db, clock)
    before = await _fingerprint(db)
    await _press_all(harness, STRANGER, admin_kinds(), ids)
    await _press_all(harness, EMPLOYEE, admin_kinds(), ids)  # linked, still not an admin
    for command, expected in (("/admin", help_text("id")), ("/umumkan", help_text("id")),
                              ("/rekap", t("id", "report.not_allowed")),
                              ("/verifikasi", help_text("id"))):
        assert await harness.text(STRANGER, command) == expected, command
    assert await _fingerprint(db) == before


async def test_an_opd_admin_is_refused_outside_their_scope(
    harness: BotHarness, db: Database, clock: FixedClock
) -> None:
    ids = await _world(db, clock)
    before = await _fingerprint(db)
    # BPSDM's own buttons, and the buttons on a superadmin's announcement and on a claim
    # from another OPD.
    outside = [k for k in admin_kinds() if k.audience == Audience.SUPERADMIN
               or SCOPED_OBJECTS & set(k.fields())]
    assert len(outside) >= 15
    await _press_all(harness, OTHER_OPD_ADMIN, outside, ids)
    assert await _fingerprint(db) == before

