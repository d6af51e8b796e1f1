"""Heavy work that must not hold up anyone's answer: reading an uploaded spreadsheet,
writing a large workbook, rendering a chart or a PDF.

A handler answers at once ("sedang disiapkan") and hands the work over here; it runs
after the handler's unit of work committed, in a task of its own, at most
`BACKGROUND_WORKERS` at a time (the rest queue), with its CPU-bound parts in worker
threads (`asyncio.to_thread`) so the event loop keeps answering everyone else. The
work opens its own units of work, short ones: the lock of a write is taken only once the
file has been read. It sends its own result; a failure is logged (no personal data) and
the work itself tells the user what to do.

On shutdown the running work is awaited (bounded), so a deploy does not cut an
import in half: each import is one transaction anyway, so at worst it did not happen.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)
Work = Callable[[], Awaitable[None]]


class Background:
    def __init__(self, workers: int) -> None:
        self._slots = asyncio.Semaphore(workers)
        self._tasks: set[asyncio.Task[None]] = set()

    def start(self, name: str, work: Work) -> None:
        """Run `work` as soon as a worker is free; returns at once."""
        task = asyncio.get_running_loop().create_task(self._run(name, work), name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, name: str, work: Work) -> None:
        async with self._slots:
            try:
                await work()
            except Exception:  # one failed job must not take others down; the log says which
                log.exception("background work %s failed", name)

    @property
    def pending(self) -> int:
        """Work started and not finished (waiting or running)."""
        return len(self._tasks)

    async def join(self, timeout: float = 300.0) -> None:
        """Wait until no work is left (work started meanwhile included), at most `timeout`
        seconds; for shutdown and tests."""
        async with asyncio.timeout(timeout):
            while self._tasks:
                await asyncio.gather(*list(self._tasks), return_exceptions=True)
