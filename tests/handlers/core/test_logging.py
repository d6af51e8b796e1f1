"""Issue 13.5 through the bot: at LOG_LEVEL=DEBUG, an update carrying a name, a phone
number and a message text leaves none of them in the log output (PTB's own request and
update logging included)."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from bot.logs import configure_logging
from models.db import Database
from tests.bot_harness import BotHarness
from tests.factories import make_employee

USER = 5560001
NAME = "Andi Tenri Ajeng"
TEXT = "Nama saya Andi Tenri Ajeng, HP saya +62 812-3456-7890, tolong dicek"


@pytest.fixture
def debug_logging() -> Iterator[None]:
    """Restores the logging setup a test changes with configure_logging()."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    loggers = {name: logging.getLogger(name).level
               for name in ("telegram", "aiosqlite", "asyncpg", "tornado", "sqlalchemy", "httpx",
                            "httpcore", "apscheduler")}
    try:
        yield
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
        for name, level in loggers.items():
            logging.getLogger(name).setLevel(level)


async def test_debug_logging_carries_no_name_phone_or_message_text(
    harness: BotHarness, db: Database, capsys: pytest.CaptureFixture[str], debug_logging: None
) -> None:
    async with db.writing() as s:
        await make_employee(s, phone="+6281234567890", name=NAME)
    configure_logging("DEBUG")  # here: its handler writes to the stderr capsys captures
    capsys.readouterr()
    logging.getLogger("bot.probe").debug("probe: our own DEBUG lines still come through")

    await harness.send(harness.updates.contact(USER, "+62 812 3456 7890", contact_user_id=USER))
    assert NAME in harness.texts()[0]  # the bot did say the name, to the user (the greeting)
    await harness.text(USER, TEXT)
    await harness.text(USER, "/saldo")

    err = capsys.readouterr().err
    assert "probe: our own DEBUG lines" in err and "Logging error" not in err
    for secret in (NAME, "Tenri", "Nama saya", "tolong dicek", "3456", "81234567890", "812 3456"):
        assert secret not in err, secret
