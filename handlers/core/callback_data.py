"""Typed, versioned callback payloads: `v1:<action>:<argument>`, at most 64 bytes.

Each action declares the exact shape of its argument; anything else (old buttons, forged
or hand-made data) parses to None and gets a polite "no longer available". Ids inside a
valid payload are still only hints: handlers look them up for the sender and refuse
what is not theirs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

VERSION = "v1"
_ID = r"\d{1,9}"
_NONCE = r"[0-9a-f]{6}"  # one report draft, so its old buttons die with it
_LIST_STATE = r"\d{1,3}\.(?:[a-z_]{1,24}|-)\.(?:\d{6}|-)"
ACTIONS: dict[str, re.Pattern[str]] = {
    name: re.compile(f"^(?:{pattern})$")
    for name, pattern in {
        "lang": "id|en",
        "unlink": "yes|no",
        "pl": _LIST_STATE,  # program list page: page.category.month
        "pfc": _LIST_STATE,  # category filter choices
        "pfm": _LIST_STATE,  # month filter choices
        "pc": f"{_ID}\\.{_LIST_STATE}",  # program card, remembering the list to go back to
        "en": _ID,  # enroll
        "enc": _ID,  # enroll despite an overlap
        "cx": _ID,  # ask to cancel
        "cxy": _ID,  # cancel confirmed
        "ics": _ID,  # calendar file
        "mine": "0",
        "pref": "b30|boff|bon|soff|son|lang",
        "rk": r"\d{4}\.[pn]",  # report: year and order (by % met, by name)
        "rx": r"\d{4}",  # report: the workbook of a year
        "aud": "0",  # admin: the audit trail as XLSX
        "ap": r"\d{1,3}",  # admin: program list page
        "ac": _ID,  # admin: program card
        "aa": f"{_ID}\\.(?:publish|close|cancel|cancel_ok|finish)",  # admin: action
        "ax": _ID,  # admin: participants spreadsheet
        "at": f"{_ID}\\.\\d{{1,3}}",  # admin: attendance page
        "am": f"{_ID}\\.[yn]\\.\\d{{1,3}}",  # admin: mark enrollment attended / no-show
        "ana": "all|opd|behind|program|position",  # announcement: audience kind
        "ano": f"t\\.{_ID}\\.\\d{{1,3}}|p\\.\\d{{1,3}}|done",  # announcement: OPD toggle / page
        "anp": f"{_ID}|p\\.\\d{{1,3}}",  # announcement: program / page
        "anj": "struktural|fungsional|pelaksana",  # announcement: position type
        "anc": r"[0-9a-f]{6}\.(?:send|schedule|unlinked|audience|discard)",  # preview nonce, choice
        "anm": f"{_ID}\\.(?:cancel|retry|unlinked)",  # announcement: manage a sent one
        "ar": r"\d{1,3}",  # roles: the OPD admins, a page
        "arn": "0",  # roles: add an OPD admin (asks for a NIP)
        "arg": _ID,  # roles: grant, confirmed (employee id)
        "ard": _ID,  # roles: revoke, asks (role id)
        "ary": _ID,  # roles: revoke, confirmed
        # Reporting training (/lapor): the draft's nonce, then the choice at that step.
        "clg": f"{_NONCE}\\.[kn0]",  # activity group (classical, non-classical, back)
        "clc": f"{_NONCE}\\.[a-z_]{{1,24}}",  # activity type (a JpCategory value)
        "cls": f"{_NONCE}\\.[ni]",  # national / international
        "clk": f"{_NONCE}\\.[yn]",  # submit / cancel
        # Verification (/verifikasi): a claim id (vfn 0: from the oldest).
        "vfa": _ID,  # approve at the proposed JP
        "vfj": _ID,  # approve with other JP (typed next)
        "vfr": _ID,  # reject (reason typed next)
        "vfn": _ID,  # skip to the next
        "vfe": _ID,  # send the evidence
    }.items()
}


@dataclass(frozen=True, slots=True)
class Callback:
    action: str
    argument: str

    def encode(self) -> str:
        data = f"{VERSION}:{self.action}:{self.argument}"
        assert len(data.encode()) <= 64 and parse(data) == self, data
        return data

    @property
    def parts(self) -> list[str]:
        return self.argument.split(".")


def parse(data: str | None) -> Callback | None:
    if not data or len(data.encode()) > 64:
        return None
    parts = data.split(":")
    if len(parts) != 3 or parts[0] != VERSION:
        return None
    _, action, argument = parts
    pattern = ACTIONS.get(action)
    if pattern is None or not pattern.match(argument):
        return None
    return Callback(action, argument)
