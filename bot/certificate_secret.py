"""The server secret that certificate numbers are signed with (HMAC-SHA-256).

A certificate number is its serial plus a short HMAC of the serial, so a made-up or
altered number is refused without a database lookup. The secret is `CERTIFICATE_SECRET`
when set (several replicas must share one), else the file `CERTIFICATE_SECRET_FILE`
(default `./secrets/certificate.key`), created with 32 random bytes and permissions 0600
at first use, as for link codes (bot/link_secret.py). Losing it means the numbers already
printed no longer verify: back it up with the bot's configuration.
"""

from __future__ import annotations

from bot.link_secret import key_from_file
from bot.settings import Settings


def certificate_key(settings: Settings) -> bytes:
    """The HMAC key for certificate numbers (see the module docstring)."""
    if settings.certificate_secret is not None:
        return settings.certificate_secret.get_secret_value().encode("utf-8")
    return key_from_file(settings.certificate_secret_file, "certificate")
