"""The bot's own work, beside answering updates: every job is registered here.

- `outbox`: not a job but a worker that sends the outbox continuously, paced; started
  and stopped with the application (bot/app.py);
- `announcements`: the live delivery report of running announcements (every 5 s);
- `planner`: plans reminders when due, and sweeps old drafts (every 5 minutes).

Jobs are callers like the handlers' unit of work: each opens the transactions it needs.
"""

from __future__ import annotations

from typing import Any

from bot.jobs import announcements, outbox, planner  # noqa: F401 - outbox: bot.jobs.outbox


def register(app: Any) -> None:
    queue = app.job_queue
    if queue is None:
        return
    queue.run_repeating(announcements.run, interval=announcements.STATUS_INTERVAL,
                        first=announcements.STATUS_INTERVAL, name="announcement-status")
    queue.run_repeating(planner.run, interval=planner.TICK_SECONDS, first=3.0, name="planner")
