"""All configuration, from the environment and `.env`, in one typed object."""

from __future__ import annotations

from datetime import time
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from typing import TYPE_CHECKING, Annotated

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from models.enums import EmployeeType, Language

if TYPE_CHECKING:
    from bot.services.needs.window import WindowRule


# Telegram's limit for bulk sends without paid broadcasts (messages per second).
FREE_BROADCAST_RATE = 30.0


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True
    )

    telegram_bot_token: SecretStr | None = None
    # e.g. http://127.0.0.1:8081 for a local Bot API server or the test emulator.
    telegram_api_base_url: str | None = None
    # The bot's @username without "@", for t.me deep links printed by `link-code`.
    bot_username: str | None = None
    database_url: str = "sqlite+aiosqlite:///./asn_corpu.db"

    webhook_url: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_secret: SecretStr | None = None

    auto_migrate: bool = True
    admin_telegram_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)

    organisation_name: str = "BPSDM Provinsi Sulawesi Selatan"
    timezone: str = "Asia/Makassar"
    default_language: Language = Language.ID
    # The yearly JP target per employee type (PP 11/2017 art. 203: at least 20 JP for PNS).
    jp_target_pns: Decimal = Decimal(20)
    jp_target_pppk: Decimal = Decimal(20)
    # First month of the JP year; 1 = calendar year.
    jp_year_start_month: int = Field(default=1, ge=1, le=12)

    link_code_ttl_days: int = Field(default=7, ge=1, le=90)
    link_attempts_per_hour: int = Field(default=5, ge=1, le=100)
    # Link codes are stored as HMAC-SHA-256 keyed with this secret, which never goes into
    # the database (bot/link_secret.py). Empty: generated at first use into
    # LINK_CODE_SECRET_FILE (0600) and read from there; replicas must share one secret.
    link_code_secret: SecretStr | None = Field(default=None, min_length=32)
    link_code_secret_file: Path = Path("./secrets/link_code.key")
    # Wrong link-code guesses allowed from all accounts together per hour; past it every
    # code is refused until the hour has passed (a WARNING is logged).
    link_attempts_global_per_hour: int = Field(default=200, ge=1, le=100_000)

    # Sending (the outbox): overall messages per second, and quiet hours in TIMEZONE
    # during which nothing is sent (rows wait for the morning).
    # At most 30 (Telegram's broadcast limit), up to 1,000 with PAID_BROADCAST.
    send_rate_per_second: float = Field(default=25.0, gt=0, le=1000)
    quiet_hours_start: time = time(21, 0)
    quiet_hours_end: time = time(7, 0)
    # The sender (issue 18): how many sends may be on the wire at once, which is also the
    # most messages a crash can send twice (0: about half a second at the rate, at least 4).
    send_max_in_flight: int = Field(default=0, ge=0, le=2000)
    # Paid broadcasts: announcements go out with allow_paid_broadcast, which Telegram lets
    # through at up to 1,000 messages/s for a fee in Stars per message (shown in the
    # announcement preview); everything else stays within the free 30/s.
    paid_broadcast: bool = False
    paid_broadcast_stars_per_message: Decimal = Field(default=Decimal("0.1"), ge=0)

    # Reminders (times in TIMEZONE). Weekly behind-target reminder on a working day.
    behind_reminder_weekday: int = Field(default=0, ge=0, le=6)  # 0 = Monday
    behind_reminder_time: time = time(8, 0)
    # Nobody is nudged for being less than this far behind the pro-rated target.
    behind_tolerance_jp: Decimal = Decimal(2)
    # In the last weeks of the JP year the reminder is a stronger "last chance".
    last_chance_weeks: int = Field(default=6, ge=0, le=26)
    session_reminder_eve_time: time = time(16, 0)
    session_reminder_morning_time: time = time(7, 0)
    # Leaders' monthly digest: the first working day of the month at this time (WITA).
    monthly_digest_time: time = time(8, 0)

    # Guided flows (reporting training, composing an announcement): a draft left alone
    # this long is dropped; certificates larger than this are refused.
    draft_expiry_hours: int = Field(default=24, ge=1, le=24 * 14)
    evidence_max_mb: int = Field(default=10, ge=1, le=20)

    # Updates answered at once (one user's always in order), and heavy jobs (spreadsheets
    # read or written, charts) run at once after their answer; the rest wait their turn.
    concurrent_updates: int = Field(default=8, ge=1, le=256)
    background_workers: int = Field(default=2, ge=1, le=16)

    # Planning from needs (issue 14): the window in which employees declare their needs,
    # as MM-DD within the JP year (empty: its first quarter; the console can set a year's
    # window), and how many OPDs must ask for a competency before it is marked as a
    # candidate for a mass program (0: a third of the OPDs, rounded up).
    needs_window_opens: str | None = Field(default=None, pattern=r"^\d{2}-\d{2}$")
    needs_window_closes: str | None = Field(default=None, pattern=r"^\d{2}-\d{2}$")
    needs_candidate_min_opds: int = Field(default=0, ge=0, le=10_000)
    # Running a program end to end (issue 15): participants check in themselves from
    # CHECKIN_OPENS_MINUTES before a session to its end; wrong or expired codes are
    # limited per user like link codes. Certificate numbers carry an HMAC keyed with
    # CERTIFICATE_SECRET (empty: generated at first use into CERTIFICATE_SECRET_FILE,
    # 0600; replicas must share one).
    checkin_opens_minutes: int = Field(default=30, ge=0, le=24 * 60)
    checkin_attempts_per_hour: int = Field(default=5, ge=1, le=100)
    certificate_secret: SecretStr | None = Field(default=None, min_length=32)
    certificate_secret_file: Path = Path("./secrets/certificate.key")

    log_level: str = "INFO"

    # PostgreSQL only (SQLite has one writer and no server-side timeout): a statement
    # running longer than this is cancelled by the server, so one hung query cannot hold
    # a connection (and the user behind it) forever; long units (imports, planners,
    # reports) get DB_LONG_STATEMENT_TIMEOUT_SECONDS instead; 0 switches a limit off.
    # The pool holds DB_POOL_SIZE connections (plus as many again under bursts); a unit
    # of work waits at most DB_POOL_TIMEOUT_SECONDS for one, then fails instead of
    # queueing behind a stalled pool.
    db_statement_timeout_seconds: float = Field(default=30, ge=0, le=86_400)
    db_long_statement_timeout_seconds: float = Field(default=600, ge=0, le=86_400)
    db_pool_size: int = Field(default=10, ge=1, le=1_000)
    db_pool_timeout_seconds: float = Field(default=30, gt=0, le=3_600)

    @field_validator("admin_telegram_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [int(part) for part in value.replace(";", ",").split(",") if part.strip()]
        if isinstance(value, int):
            return [value]
        return value

    @field_validator("needs_window_opens", "needs_window_closes", mode="before")
    @classmethod
    def _empty_is_default(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("bot_username")
    @classmethod
    def _strip_at(cls, value: str | None) -> str | None:
        return value.strip().lstrip("@") or None if value else None

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("unknown IANA time zone, e.g. Asia/Makassar") from None
        return value

    @model_validator(mode="after")
    def _rate_within_telegrams_limit(self) -> Settings:
        if self.send_rate_per_second > FREE_BROADCAST_RATE and not self.paid_broadcast:
            raise ValueError(
                f"SEND_RATE_PER_SECOND above {FREE_BROADCAST_RATE:g} needs PAID_BROADCAST=true "
                "(Telegram answers 429 beyond that)"
            )
        return self

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def needs_window(self) -> WindowRule:
        from bot.services.needs.window import WindowRule  # the services import settings' types

        return WindowRule(self.jp_year_start_month, self.needs_window_opens, self.needs_window_closes)

    def jp_target(self, employee_type: str) -> Decimal:
        if employee_type == EmployeeType.PPPK:
            return self.jp_target_pppk
        return self.jp_target_pns

    @property
    def bot_api_base_url(self) -> str | None:
        return f"{self.telegram_api_base_url.rstrip('/')}/bot" if self.telegram_api_base_url else None

    @property
    def bot_api_file_url(self) -> str | None:
        base = self.telegram_api_base_url
        return f"{base.rstrip('/')}/file/bot" if base else None
