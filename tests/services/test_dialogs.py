"""Flow state in the database: saved, advanced, expired, cleared."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import FixedClock
from bot.services import dialogs
from bot.services.dialogs import DialogState
from models.db import Database

DAY = timedelta(hours=24)


async def test_a_saved_flow_is_found_until_it_expires(db: Database, clock: FixedClock) -> None:
    now = clock.now()
    await dialogs.save(db, 7, DialogState("claim", "title", {"category": "seminar"}), now, DAY)
    found = await dialogs.current(db, 7, now + DAY - timedelta(seconds=1))
    assert found.state == DialogState("claim", "title", {"category": "seminar"})

    # Every save pushes the expiry forward.
    later = now + timedelta(hours=20)
    await dialogs.save(db, 7, DialogState("claim", "organiser", {"category": "seminar"}), later, DAY)
    assert (await dialogs.current(db, 7, now + DAY + timedelta(hours=1))).state is not None

    expired = await dialogs.current(db, 7, later + DAY)
    assert expired.state is None and expired.expired_flow == "claim"
    assert await dialogs.current(db, 7, later + DAY) == dialogs.Lookup(None)  # dropped


async def test_a_new_flow_replaces_the_old_one_and_clear_says_which(
    db: Database, clock: FixedClock
) -> None:
    now = clock.now()
    await dialogs.save(db, 7, DialogState("claim", "title"), now, DAY)
    await dialogs.save(db, 7, DialogState("announce", "compose"), now, DAY)
    assert (await dialogs.current(db, 7, now)).state == DialogState("announce", "compose")
    assert await dialogs.clear(db, 7) == "announce"
    assert await dialogs.clear(db, 7) is None


async def test_drop_expired_sweeps_only_old_drafts(db: Database, clock: FixedClock) -> None:
    now = clock.now()
    await dialogs.save(db, 1, DialogState("claim", "title"), now - 2 * DAY, DAY)
    await dialogs.save(db, 2, DialogState("claim", "title"), now, DAY)
    assert await dialogs.drop_expired(db, now) == 1
    assert (await dialogs.current(db, 2, now)).state is not None
