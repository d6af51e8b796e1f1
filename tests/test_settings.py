"""Settings: .env.example documents every setting and loads as a working configuration."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.settings import Settings
from models.enums import EmployeeType

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def clean_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    return tmp_path


def test_env_example_documents_every_setting() -> None:
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert documented == {name.upper() for name in Settings.model_fields}


def test_env_example_as_is_gives_the_defaults(clean_env: Path) -> None:
    shutil.copy(ROOT / ".env.example", clean_env / ".env")
    settings = Settings()
    assert settings.telegram_bot_token is None  # empty lines mean "not set"
    assert settings.webhook_url is None and settings.webhook_secret is None
    assert settings.bot_api_base_url is None
    assert settings.admin_telegram_ids == []
    assert settings.jp_target(EmployeeType.PNS) == Decimal(20)
    assert str(settings.tz) == "Asia/Makassar"


def test_values_from_dotenv(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (clean_env / ".env").write_text(
        "TELEGRAM_BOT_TOKEN=123:abc\nADMIN_TELEGRAM_IDS=11, 22;33\nBOT_USERNAME=@asn_bot\n"
        "TELEGRAM_API_BASE_URL=http://127.0.0.1:8081/\nJP_TARGET_PPPK=24\n"
    )
    monkeypatch.setenv("JP_TARGET_PPPK", "30")  # the environment wins over .env
    settings = Settings()
    assert settings.telegram_bot_token is not None
    assert settings.telegram_bot_token.get_secret_value() == "123:abc"
    assert "123:abc" not in repr(settings)
    assert settings.admin_telegram_ids == [11, 22, 33]
    assert settings.bot_username == "asn_bot"
    assert settings.bot_api_base_url == "http://127.0.0.1:8081/bot"
    assert settings.bot_api_file_url == "http://127.0.0.1:8081/file/bot"
    assert settings.jp_target(EmployeeType.PPPK) == Decimal(30)


def test_unknown_time_zone_is_refused(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMEZONE", "Asia/Ujung_Pandang_Baru")
    with pytest.raises(ValidationError):
        Settings()
