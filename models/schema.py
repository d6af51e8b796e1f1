"""Alembic, driven from code: upgrade to head and tell whether migrations are pending."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade_sync(connection: Connection, url: str, revision: str = "head") -> None:
    cfg = alembic_config(url)
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, revision)


def _wal(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


async def upgrade(url: str, revision: str = "head") -> None:
    """Apply pending migrations on the database at `url`.

    A SQLite file is switched to WAL here, once: readers then never wait for writers,
    which the bot's in-loop readers rely on (models/sqlite_inloop.py).
    """
    engine = create_async_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _wal)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(upgrade_sync, url, revision)
    finally:
        await engine.dispose()


async def pending_revisions(url: str) -> list[str]:
    """Revisions not yet applied (empty when the database is at head)."""
    script = ScriptDirectory.from_config(alembic_config(url))
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            current = await conn.run_sync(
                lambda c: set(MigrationContext.configure(c).get_current_heads())
            )
    finally:
        await engine.dispose()
    heads = script.get_heads()
    if set(heads) == current:
        return []
    pending = []
    for rev in script.walk_revisions():
        if rev.revision in current:
            break
        pending.append(rev.revision)
    return pending


def upgrade_blocking(url: str) -> None:
    asyncio.run(upgrade(url))
