"""Scenarios for the busy-database test (tests/handlers/test_busy_database.py).

Every route declared with `work=Work.WRITE` needs a scenario here, registered under the
route's name (`feature.module.function`, as `handlers.core.routes.ROUTES` lists it): the
test fails for a writing route without one. A scenario sets up its world, then returns
the action (the update or updates a real user sends) and the check of its normal answer
and its effect. The test runs the action while another connection holds the database's
write lock (SQLite) or a lock on `table` (PostgreSQL) for a few seconds; the action must
finish only after the lock is let go, with the same answer as on an idle database.

Scenarios of a feature live in `tests/handlers/<feature>/busy.py`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.clock import FixedClock
from models.db import Database
from tests.bot_harness import BotHarness


@dataclass(frozen=True, slots=True)
class Busy:
    act: Callable[[], Awaitable[str]]  # sends the update(s); returns the bot's last text
    check: Callable[[str], Awaitable[None]]  # asserts on that text and on the database


Prepare = Callable[[BotHarness, Database, FixedClock], Awaitable[Busy]]


@dataclass(frozen=True, slots=True)
class Scenario:
    route: str
    table: str  # a table the action writes: locked (EXCLUSIVE) on PostgreSQL
    prepare: Prepare


SCENARIOS: dict[str, Scenario] = {}


def scenario(route: str, *, table: str) -> Callable[[Prepare], Prepare]:
    def register(prepare: Prepare) -> Prepare:
        assert route not in SCENARIOS, f"two scenarios for {route}"
        SCENARIOS[route] = Scenario(route, table, prepare)
        return prepare

    return register
