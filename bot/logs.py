"""Logging setup that keeps personal data out of every log line, at every level.

Two defences, both on the one handler every record goes through:

- Libraries never log below INFO (and SQLAlchemy never below WARNING). At DEBUG,
  python-telegram-bot prints whole updates ("Processing update …") and every Bot API call
  with its parameters (message texts, names, contacts); SQLAlchemy and aiosqlite print
  statements with their parameters. Their loggers are set to INFO/WARNING, and the filter
  drops their low-level records even if something lowers a logger again. DEBUG therefore
  only adds this project's own diagnostics, which never carry message texts.
- Phone numbers in every spelling (`+62 812 3456 7890`, `(0812) 3456-7890`, `62.812…`),
  NIPs (`19850314 201003 1 001`, or 18 digits in any grouping), any run of 15 or more
  digits, and SQL parameters are masked in messages and tracebacks.
"""

from __future__ import annotations

import logging
import re

# A mobile number: +62 / 62 / (+62) / 0 / (0, or nothing at all (a spreadsheet that
# dropped the leading zero: the roster import reads `812…` too), then 8 and 7-11 more
# digits, with spaces, dots, dashes or parentheses between them.
# Without a prefix at least 10 digits in all (`812 3456 7890`), so that a 9-digit update
# id stays readable.
_PHONE = re.compile(
    r"(?<!\d)(?:(?:\(\s*\+?\s*62\s*\)|\+\s*62|62|\(\s*0|0)[\s.\-()]{0,3}8(?:[\s.\-()]{0,3}\d){7,11}"
    r"|8(?:[\s.\-()]{0,3}\d){9,11})(?!\d)"
)
# A NIP written in groups (8-6-1-3 or any other) and any other long number: 15 or more
# digits, at most three spaces, dots, dashes, slashes or underscores between two of them.
_LONG_NUMBER = re.compile(r"(?<!\d)\d(?:[ \t.\-/_]{0,3}\d){14,}(?!\d)")
# A run of digits with what people put between them; masked whole when it holds a phone
# number or a long number (so two numbers written side by side leave no digit behind).
_NUMBER_RUN = re.compile(r"[\d(+][\d \t.\-/_()+]*[\d)]")
# SQLAlchemy puts a failed statement's parameters into the exception text.
_SQL_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\s*(?:\n|\(Background|$))", re.DOTALL)
REDACTED = "[disamarkan]"

# Loggers whose records may come through at every level: this project's own.
OWN_LOGGERS = ("bot", "handlers", "models", "__main__")
# The lowest level a library may log at (default INFO).
_LIBRARY_FLOOR = {
    "sqlalchemy": logging.WARNING,  # INFO: every statement with its parameters
    "httpx": logging.WARNING,  # every request URL, and the URL holds the bot token
    "httpcore": logging.WARNING,
    "apscheduler": logging.WARNING,
}
_QUIETED = ("telegram", "aiosqlite", "asyncpg", "tornado", *_LIBRARY_FLOOR)


def redact(text: str) -> str:
    text = _SQL_PARAMETERS.sub(f"[parameters: {REDACTED}]", text)
    return _NUMBER_RUN.sub(_mask_run, text)


def _mask_run(match: re.Match[str]) -> str:
    run = match.group()
    return REDACTED if _PHONE.search(run) or _LONG_NUMBER.search(run) else run


def _is_own(name: str) -> bool:
    return any(name == own or name.startswith(own + ".") for own in OWN_LOGGERS)


def _floor(name: str) -> int:
    for library, level in _LIBRARY_FLOOR.items():
        if name == library or name.startswith(library + "."):
            return level
    return logging.INFO


class RedactingFilter(logging.Filter):
    """Drops libraries' low-level records; rewrites the message and traceback of the rest."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not _is_own(record.name) and record.levelno < _floor(record.name):
            return False
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in _QUIETED:
        logger = logging.getLogger(name)
        logger.setLevel(max(_floor(name), root.level))
