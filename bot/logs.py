"""Logging setup with a filter that keeps phone numbers and NIPs out of every log line."""

from __future__ import annotations

import logging
import re

# Indonesian phone numbers in their usual spellings, and any run of 15+ digits (NIPs).
_PHONE = re.compile(r"(?<!\d)(?:\+?62|0)8\d(?:[\s.\-]?\d){6,11}(?!\d)")
_LONG_NUMBER = re.compile(r"(?<!\d)\d{15,}(?!\d)")
REDACTED = "[disamarkan]"


def redact(text: str) -> str:
    return _LONG_NUMBER.sub(REDACTED, _PHONE.sub(REDACTED, text))


class RedactingFilter(logging.Filter):
    """Rewrites the formatted message and traceback of each record before it is written."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # httpx logs every request URL, and the URL contains the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
