"""iCalendar (RFC 5545) files for a program's sessions, so they land in any calendar."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Protocol


class SessionTime(Protocol):
    """A session's start and end (the catalogue's SessionTime)."""

    @property
    def starts_at(self) -> datetime: ...

    @property
    def ends_at(self) -> datetime: ...


_PRODID = "-//ASN Corpu//Bot JP//ID"


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    )


def _utc(moment: datetime) -> str:
    # UTC with Z is unambiguous in every calendar; each shows it in its own zone.
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on lines starting with a space."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > (75 if not out else 74):
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return [out[0], *(" " + part for part in out[1:])]


def program_ics(
    *,
    uid_base: str,
    title: str,
    description: str,
    location: str | None,
    url: str | None,
    sessions: Sequence[SessionTime],
    stamp: datetime,
) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{_PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH"]
    for number, session in enumerate(sessions, start=1):
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid_base}-{number}@asn-corpu-bot",
            f"DTSTAMP:{_utc(stamp)}",
            f"DTSTART:{_utc(session.starts_at)}",
            f"DTEND:{_utc(session.ends_at)}",
            f"SUMMARY:{_escape(title if len(sessions) == 1 else f'{title} ({number}/{len(sessions)})')}",
            f"DESCRIPTION:{_escape(description)}",
        ]
        if location:
            lines.append(f"LOCATION:{_escape(location)}")
        if url:
            lines.append(f"URL:{url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    folded = [part for line in lines for part in _fold(line)]
    return ("\r\n".join(folded) + "\r\n").encode("utf-8")
