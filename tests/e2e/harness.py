"""The real bot as a separate process, talking to the fake Bot API on 127.0.0.1.

Used by the end-to-end tests and by `make demo`: the same code path a production
deployment takes (`python -m bot run`), with Telegram replaced by tests/fake_telegram.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from bot.clock import Clock, SystemClock
from bot.services.demo.data import DemoSummary, seed_demo
from models.db import Database
from models.schema import upgrade
from tests.fake_telegram import FakeBotApi

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456:TEST"
START_TIMEOUT = 60.0
STOP_TIMEOUT = 20.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def sqlite_url(workdir: Path) -> str:
    return f"sqlite+aiosqlite:///{workdir / 'bot.db'}"


async def seed_demo_database(url: str, employees: int = 30, clock: Clock | None = None) -> DemoSummary:
    """A migrated database with the demo roster, as `asn-corpu-bot demo-data` makes it."""
    await upgrade(url)
    db = Database(url)
    try:
        async with db.writing() as session:
            return await seed_demo(session, clock or SystemClock(), employees=employees)
    finally:
        await db.dispose()


@dataclass
class BotProcess:
    """`python -m bot run` pointed at the fake API; stderr goes to a log file for failures."""

    api: FakeBotApi
    workdir: Path
    database_url: str
    extra_env: dict[str, str] | None = None
    process: asyncio.subprocess.Process | None = None

    @property
    def log_path(self) -> Path:
        return self.workdir / "bot.log"

    def env(self) -> dict[str, str]:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.workdir),
            "PYTHONPATH": str(ROOT),
            "PYTHONUNBUFFERED": "1",
            "TELEGRAM_BOT_TOKEN": self.api.token,
            "TELEGRAM_API_BASE_URL": self.api.base_url,
            "DATABASE_URL": self.database_url,
            "LOG_LEVEL": "INFO",
        }
        env.update(self.extra_env or {})
        return env

    async def start(self, *, wait_for: str = "getUpdates") -> None:
        """Start the bot and wait until it calls `wait_for` on the fake (it is then serving)."""
        since = len(self.api.calls)
        with self.log_path.open("ab") as log:
            # cwd is the work directory so that no developer's .env leaks into the run.
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run",
                cwd=self.workdir, env=self.env(),
                stdout=log, stderr=log,
            )
        waiter = asyncio.ensure_future(
            self.api.wait_for_call(wait_for, START_TIMEOUT, since=since)
        )
        exited = asyncio.ensure_future(self.process.wait())
        done, _ = await asyncio.wait({waiter, exited}, return_when=asyncio.FIRST_COMPLETED)
        if exited in done:
            waiter.cancel()
            raise AssertionError(f"the bot exited early ({self.process.returncode}):\n{self.log()}")
        exited.cancel()
        try:
            waiter.result()
        except AssertionError as exc:
            await self.stop()
            raise AssertionError(f"{exc}\nbot log:\n{self.log()}") from None

    async def stop(self) -> int | None:
        """Ctrl+C, as an operator would; killed if it does not finish in time."""
        if self.process is None or self.process.returncode is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(signal.SIGINT)
        try:
            return await asyncio.wait_for(self.process.wait(), STOP_TIMEOUT)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()
            return None

    async def kill(self) -> None:
        """kill -9: no clean-up of any kind."""
        if self.process is not None and self.process.returncode is None:
            self.process.kill()
            await self.process.wait()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
