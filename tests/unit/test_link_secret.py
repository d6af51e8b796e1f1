"""Issue 13.10: the link-code secret lives outside the database: LINK_CODE_SECRET, or a
file generated at first use (0600) and read back afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.link_secret import link_code_key
from bot.settings import Settings


def _settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def test_the_secret_file_is_generated_once_private_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "secrets" / "link_code.key"
    first = link_code_key(_settings(link_code_secret_file=path))
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert len(first) == 64 and path.read_text().strip().encode() == first
    assert link_code_key(_settings(link_code_secret_file=path)) == first


def test_each_installation_gets_its_own_secret(tmp_path: Path) -> None:
    one = link_code_key(_settings(link_code_secret_file=tmp_path / "a.key"))
    two = link_code_key(_settings(link_code_secret_file=tmp_path / "b.key"))
    assert one != two


def test_a_configured_secret_wins_and_no_file_is_written(tmp_path: Path) -> None:
    path = tmp_path / "link_code.key"
    secret = "s" * 40
    assert link_code_key(_settings(link_code_secret=secret, link_code_secret_file=path)) == secret.encode()
    assert not path.exists()


def test_a_short_secret_is_refused() -> None:
    with pytest.raises(ValidationError):
        _settings(link_code_secret="short")


def test_a_truncated_secret_file_is_an_error_not_a_weak_key(tmp_path: Path) -> None:
    path = tmp_path / "broken.key"
    path.write_text("abc\n")
    with pytest.raises(RuntimeError, match="shorter than 32"):
        link_code_key(_settings(link_code_secret_file=path))
