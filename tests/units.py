"""Calling a service the way one update does: in a write transaction of its own."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from models.db import Database

T = TypeVar("T")


async def in_unit(db: Database, call: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T:
    """`call(session, *args, **kwargs)` in one write unit of work (committed)."""
    async with db.writing() as session:
        return await call(session, *args, **kwargs)
