"""Typed, versioned callback payloads: `v1:<action>:<argument>`, at most 64 bytes.

Anything else (old buttons, forged data) parses to None and gets a polite "expired".
"""

from __future__ import annotations

from dataclasses import dataclass

VERSION = "v1"
ACTIONS: dict[str, frozenset[str]] = {
    "lang": frozenset({"id", "en"}),
    "unlink": frozenset({"yes", "no"}),
}


@dataclass(frozen=True, slots=True)
class Callback:
    action: str
    argument: str

    def encode(self) -> str:
        return f"{VERSION}:{self.action}:{self.argument}"


def parse(data: str | None) -> Callback | None:
    if not data or len(data) > 64:
        return None
    parts = data.split(":")
    if len(parts) != 3 or parts[0] != VERSION:
        return None
    _, action, argument = parts
    if argument not in ACTIONS.get(action, ()):
        return None
    return Callback(action, argument)
