"""Who holds a lease on outbox rows: one sending process, named "host:pid:start".

`start` is the process's start time in clock ticks since boot (Linux /proc), so the
name is never reused by a later process with the same pid (a restarted container is
pid 1 again). A process on the same host can thus tell at once that an owner is gone,
without waiting for its heartbeat to age: that is what makes a restart resend the rows
the killed process had claimed right away.
"""

from __future__ import annotations

import os
import socket
from functools import cache


def _start_ticks(pid: int) -> str | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            # The command name (field 2) may hold spaces: count fields after its ")".
            return stat.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


@cache
def _host() -> str:
    return socket.gethostname()[:40] or "host"


def process_owner() -> str:
    pid = os.getpid()
    return f"{_host()}:{pid}:{_start_ticks(pid) or '0'}"


def gone_here(owner: str) -> bool:
    """True when `owner` is a process of this host that no longer runs; False when it
    runs, or lives elsewhere, or this host cannot tell (then only the heartbeat decides)."""
    parts = owner.rsplit(":", 2)
    if len(parts) != 3 or parts[0] != _host() or parts[2] == "0" or not parts[1].isdigit():
        return False
    if not os.path.exists("/proc/self/stat"):
        return False
    return _start_ticks(int(parts[1])) != parts[2]
