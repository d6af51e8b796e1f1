"""Flow state in the database: saved, advanced, expired, cleared."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, TypeVar

from bot.clock import FixedClock
from bot.services import dialogs
from bot.services.dialogs import DialogState
from models.db import Database

T = TypeVar("T")

DAY = timedelta(hours=24)


async def _in_unit(db: Database, call: Callable[..., Awaitable[T]], *args: Any) -> T:
    """Each step as one update makes it: a write transaction of its own."""
    async with db.writing() as session:
        return await call(session, *args)


async def test_a_saved_flow_is_found_until_it_expires(db: Database, clock: FixedClock) -> None:
    now = clock.now()
    await _in_unit(db, dialogs.save, 7, DialogState("claim", "title", {"category": "seminar"}), now, DAY)
    found = await _in_unit(db, dialogs.current, 7, now + DAY - timedelta(seconds=1))
    assert found.state == DialogState("claim", "title", {"category": "seminar"})

    # Every save pushes the expiry forward.
    later = now + timedelta(hours=20)
    await _in_unit(db, dialogs.save, 7, DialogState("claim", "organiser", {"category": "seminar"}), later, DAY)
    assert (await _in_unit(db, dialogs.current, 7, now + DAY + timedelta(hours=1))).state is not None

    expired = await _in_unit(db, dialogs.current, 7, later + DAY)
    assert expired.state is None and expired.expired_flow == "claim"
    assert await _in_unit(db, dialogs.current, 7, later + DAY) == dialogs.Lookup(None)  # dropped


async def test_a_new_flow_replaces_the_old_one_and_clear_says_which(
    db: Database, clock: FixedClock
) -> None:
    now = clock.now()
    await _in_unit(db, dialogs.save, 7, DialogState("claim", "title"), now, DAY)
    await _in_unit(db, dialogs.save, 7, DialogState("announce", "compose"), now, DAY)
    assert (await _in_unit(db, dialogs.current, 7, now)).state == DialogState("announce", "compose")
    assert await _in_unit(db, dialogs.clear, 7) == "announce"
    assert await _in_unit(db, dialogs.clear, 7) is None


async def test_drop_expired_sweeps_only_old_drafts(db: Database, clock: FixedClock) -> None:
    now = clock.now()
    await _in_unit(db, dialogs.save, 1, DialogState("claim", "title"), now - 2 * DAY, DAY)
    await _in_unit(db, dialogs.save, 2, DialogState("claim", "title"), now, DAY)
    assert await _in_unit(db, dialogs.drop_expired, now) == 1
    assert (await _in_unit(db, dialogs.current, 2, now)).state is not None
