"""The server secret that link codes are keyed with (HMAC-SHA-256), kept outside the database.

A link code has about 2**49.5 possibilities: hashed without a key, a leaked database
lets a GPU recover every valid code in about a day. Keyed with a secret the database
does not hold, the stored hashes are worthless on their own.

The secret is `LINK_CODE_SECRET` when set (several bot replicas must share one), else
the file `LINK_CODE_SECRET_FILE` (default `./secrets/link_code.key`), created with 32
random bytes and permissions 0600 at first use and read from there afterwards. Losing the
file only invalidates the link codes not yet used (they are re-issued); nothing else
depends on it.
"""

from __future__ import annotations

import os
import secrets
from functools import lru_cache
from pathlib import Path

from bot.settings import Settings


def link_code_key(settings: Settings) -> bytes:
    """The HMAC key for link codes (see the module docstring)."""
    if settings.link_code_secret is not None:
        return settings.link_code_secret.get_secret_value().encode("utf-8")
    return _key_file(settings.link_code_secret_file.expanduser().resolve())


def key_from_file(path: Path, what: str = "link code") -> bytes:
    """A secret generated at first use into `path` (0600) and read from there afterwards;
    also used for the certificate secret (bot/certificate_secret.py)."""
    return _key_file(path.expanduser().resolve(), what)


@lru_cache(maxsize=4)
def _key_file(path: Path, what: str = "link code") -> bytes:
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            # O_EXCL: of two processes starting together, one writes and both read it.
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(handle, "w", encoding="ascii") as out:
                out.write(secrets.token_hex(32) + "\n")
    key = path.read_text(encoding="ascii").strip()
    if len(key) < 32:
        raise RuntimeError(f"the {what} secret in {path} is shorter than 32 characters")
    return key.encode("ascii")
