"""Indonesian phone numbers, written any way people write them, to E.164."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s\-\.\(\)/]")


def normalize_phone(raw: str | int | None) -> str | None:
    """Return `+62…` for an Indonesian number in any usual form, or None when it is not one.

    Accepts `0812-3456-7890`, `+62 812 3456 7890`, `62812…`, `(0812) 3456 7890`, `812…`
    (a spreadsheet that dropped the leading zero) and `0062…`. The national number after
    62 must have 8 to 12 digits and cannot start with 0.
    """
    if raw is None:
        return None
    text = _SEPARATORS.sub("", str(raw).strip())
    if not text:
        return None
    if text.startswith("+"):
        text = text[1:]
        if not text.startswith("62"):
            return None
        national = text[2:]
    elif text.startswith("0062"):
        national = text[4:]
    elif text.startswith("62"):
        national = text[2:]
    elif text.startswith("0"):
        national = text[1:]
    elif text.startswith("8"):
        national = text
    else:
        return None
    if not national.isdigit() or not national.isascii():
        return None
    if not 8 <= len(national) <= 12 or national.startswith("0"):
        return None
    return f"+62{national}"
