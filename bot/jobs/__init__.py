"""The bot's own work, beside answering updates: every job is registered here.

- `outbox`: drains the outbox to Telegram, paced (every second);
- `announcements`: the live delivery report of running announcements (every 5 s);
- `planner`: plans reminders when due, and sweeps old drafts (every 5 minutes).

Jobs are callers like the handlers' unit of work: each opens the transactions it needs.
"""

from __future__ import annotations

from typing import Any

from bot.jobs import announcements, outbox, planner


def register(app: Any) -> None:
    queue = app.job_queue
    if queue is None:
        return
    queue.run_repeating(outbox.run, interval=outbox.INTERVAL_SECONDS, first=1.0, name="outbox")
    queue.run_repeating(announcements.run, interval=announcements.STATUS_INTERVAL,
                        first=announcements.STATUS_INTERVAL, name="announcement-status")
    queue.run_repeating(planner.run, interval=planner.TICK_SECONDS, first=3.0, name="planner")
