"""`asn-corpu-bot backup` and `restore`: plain sentences, meaningful exit codes, and
PostgreSQL pointed at pg_dump instead of a pretended backup."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from bot.cli import EXIT_DATABASE, EXIT_INPUT, EXIT_OK, EXIT_USAGE, main


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_BOT_TOKEN", "WEBHOOK_URL", "DEFAULT_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}")
    return tmp_path


def _opds(path: Path) -> int:
    with closing(sqlite3.connect(path)) as connection, connection:
        return connection.execute("SELECT count(*) FROM opd").fetchone()[0]


def test_backup_then_restore_through_the_console(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade"]) == EXIT_OK
    with closing(sqlite3.connect(workdir / "cli.db")) as connection, connection:
        connection.execute("INSERT INTO opd (name) VALUES ('Dinas Pendidikan')")
    capsys.readouterr()

    assert main(["backup", "cadangan.db"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Cadangan tersimpan: cadangan.db" in out and "integritas: baik" in out

    with closing(sqlite3.connect(workdir / "cli.db")) as connection, connection:
        connection.execute("INSERT INTO opd (name) VALUES ('Setelah cadangan')")
    assert main(["restore", "cadangan.db"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "dipulihkan dari cadangan.db" in out and "cli.db.before-restore" in out
    assert _opds(workdir / "cli.db") == 1
    assert _opds(workdir / "cli.db.before-restore") == 2


def test_restore_of_something_else_changes_nothing(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade"]) == EXIT_OK
    (workdir / "foto.jpg").write_bytes(b"\xff\xd8\xff" + b"x" * 4096)
    capsys.readouterr()
    assert main(["restore", "foto.jpg"]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert "bukan basis data SQLite" in err and "Traceback" not in err
    assert main(["restore", "tidak-ada.db"]) == EXIT_INPUT
    assert "tidak ditemukan" in capsys.readouterr().err


def test_restore_refuses_while_the_database_is_open(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade"]) == EXIT_OK
    assert main(["backup", "cadangan.db"]) == EXIT_OK
    capsys.readouterr()
    bot = sqlite3.connect(workdir / "cli.db")  # stands for the running bot
    try:
        bot.execute("SELECT count(*) FROM opd").fetchone()
        assert main(["restore", "cadangan.db"]) == EXIT_DATABASE
        assert "hentikan dahulu" in capsys.readouterr().err
    finally:
        bot.close()


def test_postgresql_gets_the_pg_dump_commands_without_the_password(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://bot:s3cret@db.local:5433/asn_corpu")
    monkeypatch.setenv("DEFAULT_LANGUAGE", "en")
    assert main(["backup", "asn.dump"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "pg_dump --format=custom --file=asn.dump 'postgresql://bot@db.local:5433/asn_corpu'" in err
    assert "pg_restore" in err and "s3cret" not in err
    assert main(["restore", "asn.dump"]) == EXIT_USAGE
    assert "s3cret" not in capsys.readouterr().err
