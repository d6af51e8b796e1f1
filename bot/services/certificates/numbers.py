"""Certificate numbers: a serial and a short HMAC of it, checked without the database.

`2026-000123-K7QF3M2A`: the JP year of the program's end, the enrollment (unique, so one
certificate per participant and program), and 8 base32 characters of HMAC-SHA-256 over
the serial keyed with the server secret (bot/certificate_secret.py): 40 bits, so a
made-up or altered number is refused at once; only a well-formed, signed number costs a
lookup."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

MAC_LENGTH = 8
DEEP_LINK_PREFIX = "cek_"
_NUMBER = re.compile(r"^(\d{4}-\d{6,9})-([A-Z2-7]{8})$")


def serial_for(year: int, enrollment_id: int) -> str:
    return f"{year}-{enrollment_id:06d}"


def _mac(key: bytes, serial: str) -> str:
    digest = hmac.new(key, serial.encode("ascii"), hashlib.sha256).digest()
    return base64.b32encode(digest).decode("ascii")[:MAC_LENGTH]


def number_of(key: bytes, serial: str) -> str:
    """The public certificate number of `serial`."""
    return f"{serial}-{_mac(key, serial)}"


def normalise(text: str) -> str:
    text = text.strip()
    if text.lower().startswith(DEEP_LINK_PREFIX):
        text = text[len(DEEP_LINK_PREFIX):]
    return "".join(text.split()).upper()[:40]


def verified_serial(key: bytes, text: str) -> str | None:
    """The serial of a genuine number (as typed, or a deep link's `cek_…`); None for
    anything malformed or whose HMAC does not match (no database needed)."""
    found = _NUMBER.match(normalise(text))
    if found is None:
        return None
    serial, mac = found.groups()
    return serial if hmac.compare_digest(mac, _mac(key, serial)) else None
