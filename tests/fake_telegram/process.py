"""The fake Bot API (tests/fake_telegram) in a process of its own, for bench/sender.py and
the sending-rate acceptance test.

In one process the fake, the HTTP client and the sender share one event loop and one
core, and the fake's own work caps what is measured (about 400 messages/s with the limiter
off). Here the fake serves from its own process (its own core on a 2-CPU machine) and
stays the authority: the flood windows are counted and the rate is measured on its clock.

Protocol, one JSON object per line: the child prints {"base_url": ...} once it listens;
each line "report" on its stdin is answered with the figures on its stdout (see
`_report`); "stop" or the end of stdin (the parent gone) stops it, and so does
--max-seconds, whatever happens.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from tests.fake_telegram import FakeBotApi


@dataclass(frozen=True)
class Options:
    token: str
    first_chat: int
    chats: int
    text: str
    latency: float = 0.0
    jitter: float = 0.0
    enforce: bool = False  # Telegram's windows: 1/s per chat, 30/s, 1,000/s paid
    cpu: int | None = None
    max_seconds: float = 1800.0

    def argv(self) -> list[str]:
        args = [sys.executable, "-m", "tests.fake_telegram.process", "--token", self.token,
                "--first-chat", str(self.first_chat), "--chats", str(self.chats),
                "--text", self.text, "--latency", str(self.latency),
                "--jitter", str(self.jitter), "--max-seconds", str(self.max_seconds)]
        if self.enforce:
            args.append("--enforce")
        if self.cpu is not None:
            args += ["--cpu", str(self.cpu)]
        return args


class FakeProcess:
    """The parent's handle: start, read the figures, stop (always, in `finally`)."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.base_url = ""
        self._process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        self._process = await asyncio.create_subprocess_exec(
            *self.options.argv(), stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE, cwd=os.getcwd())
        self.base_url = (await self._line(30.0))["base_url"]

    async def report(self) -> dict[str, Any]:
        assert self._process is not None and self._process.stdin is not None
        self._process.stdin.write(b"report\n")
        await self._process.stdin.drain()
        return await self._line(60.0)

    async def stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.returncode is None and process.stdin is not None:
            process.stdin.write(b"stop\n")
            process.stdin.close()
        try:
            await asyncio.wait_for(process.wait(), 10.0)
        except TimeoutError:
            process.kill()
            await process.wait()

    async def _line(self, timeout: float) -> dict[str, Any]:
        assert self._process is not None and self._process.stdout is not None
        line = await asyncio.wait_for(self._process.stdout.readline(), timeout)
        if not line:
            raise RuntimeError("the fake Bot API process ended")
        answer: dict[str, Any] = json.loads(line)
        return answer


# ------------------------------------------------------------ the child


def _report(api: FakeBotApi, options: Options, cpu_started: float) -> dict[str, Any]:
    """What the fake saw: the rate to the bench's chats on its own clock (first accepted
    send to the last), copies of the text per chat, 429 answers, its own CPU time."""
    chats = range(options.first_chat, options.first_chat + options.chats)
    times = [at for at, chat in api.send_log if chat in chats]
    rate = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0
    received = Counter(m["chat_id"] for m in api.sent
                       if m["chat_id"] in chats and m.get("text") == options.text)
    return {
        "rate": rate,
        "accepted": len(times),
        "seconds": times[-1] - times[0] if len(times) > 1 else 0.0,
        "lost": options.chats - len(received),
        "duplicates": sum(received.values()) - len(received),
        "errors_429": sum(1 for e in api.errors if e[2] == 429),
        "cpu_seconds": time.process_time() - cpu_started,
    }


async def _serve(options: Options) -> None:
    api = FakeBotApi(token=options.token)
    for chat in range(options.first_chat, options.first_chat + options.chats):
        api.user(chat)
    if options.enforce:
        api.enforce_rate(per_chat_per_second=1, global_per_second=30, paid_per_second=1000)
    if options.latency:
        api.latency(options.latency, options.jitter)
    await api.start()
    loop = asyncio.get_running_loop()
    commands = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(commands), sys.stdin)
    _say({"base_url": api.base_url})
    cpu_started = time.process_time()
    deadline = loop.time() + options.max_seconds
    freezer = loop.create_task(_freeze_now_and_then())
    try:
        while (left := deadline - loop.time()) > 0:
            try:
                command = (await asyncio.wait_for(commands.readline(), left)).strip()
            except TimeoutError:
                break
            if command == b"report":
                _say(_report(api, options, cpu_started))
            elif command in (b"stop", b""):  # b"": stdin closed, the parent is gone
                break
    finally:
        freezer.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await freezer
        await api.stop()


async def _freeze_now_and_then() -> None:
    """The fake stamps each request when its loop reads it, so a pause of its own is a
    burst on its clock that the network never sent. What it keeps (every call and
    message, for the report) grows by thousands of objects a second, and the collector's
    full passes over them paused the loop for up to 67 ms at 1,000 messages/s: what is
    kept is moved out of the collector's sight twice a second (this process lives at
    most --max-seconds)."""
    while True:
        await asyncio.sleep(0.5)
        gc.freeze()


def _say(answer: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--token", required=True)
    parser.add_argument("--first-chat", type=int, required=True)
    parser.add_argument("--chats", type=int, required=True)
    parser.add_argument("--text", required=True)
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--jitter", type=float, default=0.0)
    parser.add_argument("--enforce", action="store_true")
    parser.add_argument("--cpu", type=int, default=None)
    parser.add_argument("--max-seconds", type=float, default=1800.0)
    args = parser.parse_args()
    options = Options(args.token, args.first_chat, args.chats, args.text, args.latency,
                      args.jitter, args.enforce, args.cpu, args.max_seconds)
    if options.cpu is not None:
        os.sched_setaffinity(0, {options.cpu})
    asyncio.run(_serve(options))


if __name__ == "__main__":
    main()
