"""The operator console: clear sentences, meaningful exit codes, never a traceback."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from bot.cli import EXIT_DATABASE, EXIT_INPUT, EXIT_OK, EXIT_USAGE, main
from bot.services.demo.data import DEMO_NIP
from bot.services.identity.linking import hash_code, legacy_hash, normalize_code
from bot.services.identity.nip import compose_nip
from tests.services.imports.test_roster import write_csv, write_xlsx

NIP_A = compose_nip(date(1985, 3, 14), 2010, 3, 1, 1)
NIP_B = compose_nip(date(1990, 7, 2), 2015, 1, 2, 2)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory of its own (no stray .env) with a SQLite database the CLI creates."""
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_BOT_TOKEN", "BOT_USERNAME", "WEBHOOK_URL", "DEFAULT_LANGUAGE",
                 "LINK_CODE_SECRET", "LINK_CODE_SECRET_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}")
    return tmp_path


def db_rows(workdir: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(workdir / "cli.db") as conn:
        return conn.execute(sql).fetchall()


def test_run_without_token_explains_botfather_and_exits_nonzero(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "@BotFather" in err and "TELEGRAM_BOT_TOKEN" in err and ".env" in err
    assert "Traceback" not in err


def test_run_without_token_as_a_real_process_prints_one_paragraph(workdir: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=workdir,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(workdir)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == EXIT_USAGE
    assert "@BotFather" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


def test_run_refuses_when_migrations_pending_and_auto_migrate_off(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:TEST")
    monkeypatch.setenv("AUTO_MIGRATE", "false")
    assert main(["run"]) == EXIT_DATABASE
    assert "asn-corpu-bot db upgrade" in capsys.readouterr().err


def test_db_upgrade_creates_schema(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade"]) == EXIT_OK
    assert "mutakhir" in capsys.readouterr().out
    assert db_rows(workdir, "SELECT count(*) FROM employee") == [(0,)]


def test_unreachable_database_is_one_sentence(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://nobody@127.0.0.1:1/none")
    assert main(["db", "upgrade"]) == EXIT_DATABASE
    err = capsys.readouterr().err
    assert "DATABASE_URL" in err and "Traceback" not in err


def roster(path: Path, *extra: list[str]) -> Path:
    return write_csv(
        path,
        [
            ["NIP", "Nama", "Jenis Pegawai", "OPD", "No HP"],
            [NIP_A, "Andi Makkawaru", "PNS", "Dinas Kesehatan", "0812-3456-7890"],
            [NIP_B, "Besse Rahmawati", "PPPK", "Dinas Pendidikan", ""],
            *extra,
        ],
    )


def test_import_roster_reports_counts_and_is_idempotent(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = roster(workdir / "roster.csv")
    assert main(["import-roster", str(path)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "2 pegawai baru" in out and "2 OPD baru" in out and "tersimpan" in out

    assert main(["import-roster", str(path)]) == EXIT_OK
    assert "0 pegawai baru, 0 diperbarui, 2 tidak berubah" in capsys.readouterr().out
    assert db_rows(workdir, "SELECT count(*) FROM employee") == [(2,)]


def test_import_roster_with_a_bad_row_saves_nothing_and_names_the_row(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = roster(workdir / "roster.csv", ["12345", "", "Honorer", "Dinas X", "999"])
    assert main(["import-roster", str(path)]) == EXIT_INPUT
    captured = capsys.readouterr()
    assert "tidak ada yang disimpan" in captured.err
    assert "Baris 4, kolom NIP: NIP harus 18 digit angka." in captured.err
    assert "Baris 4, kolom Jenis Pegawai: jenis pegawai harus PNS" in captured.err
    assert "12345" not in captured.err  # cell values are not echoed back
    assert db_rows(workdir, "SELECT count(*) FROM employee") == [(0,)]

    assert main(["import-roster", str(path), "--skip-invalid"]) == EXIT_INPUT
    captured = capsys.readouterr()
    assert "2 pegawai baru" in captured.out and "1 baris bermasalah dilewati" in captured.out
    assert db_rows(workdir, "SELECT count(*) FROM employee") == [(2,)]


def test_import_roster_dry_run_writes_nothing(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(
        workdir / "roster.xlsx",
        [["NIP", "Nama", "Jenis", "OPD"], [NIP_A, "Andi", "PNS", "Dinas Kesehatan"]],
    )
    assert main(["import-roster", str(path), "--dry-run"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "1 pegawai baru" in out and "--dry-run" in out
    assert db_rows(workdir, "SELECT count(*) FROM employee") == [(0,)]


def test_import_problems_with_the_file_itself(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import-roster", "missing.csv"]) == EXIT_USAGE
    assert "Berkas tidak ditemukan" in capsys.readouterr().err

    wrong = workdir / "roster.pdf"
    wrong.write_bytes(b"%PDF-1.4")
    assert main(["import-roster", str(wrong)]) == EXIT_INPUT
    assert ".csv atau .xlsx" in capsys.readouterr().err

    no_columns = write_csv(workdir / "cols.csv", [["NIP", "Nama"], [NIP_A, "Andi"]])
    assert main(["import-roster", str(no_columns)]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert "kolom wajib tidak ada" in err and "jenis_pegawai" in err


def test_import_jp_is_idempotent(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["import-roster", str(roster(workdir / "roster.csv"))])
    jp = write_csv(
        workdir / "jp.csv",
        [
            ["NIP", "Judul", "Kategori", "JP", "Tanggal Mulai", "Tanggal Selesai"],
            [NIP_A, "Pelatihan Analisis Kebijakan", "Teknis", "12,5", "02/03/2026", "04/03/2026"],
            [NIP_B, "Seminar Pelayanan Publik", "seminar", "4", "2026-05-10", "2026-05-10"],
        ],
    )
    capsys.readouterr()
    assert main(["import-jp", str(jp)]) == EXIT_OK
    assert "2 catatan JP baru" in capsys.readouterr().out
    assert main(["import-jp", str(jp)]) == EXIT_OK
    assert "0 catatan JP baru, 0 diperbarui, 2 sudah ada" in capsys.readouterr().out
    assert db_rows(workdir, "SELECT sum(jp) FROM jp_record") == [(16.5,)]


def test_link_code_prints_code_and_deep_link_and_stores_only_a_hash(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["import-roster", str(roster(workdir / "roster.csv"))])
    capsys.readouterr()
    monkeypatch.setenv("BOT_USERNAME", "@asn_corpu_bot")
    assert main(["link-code", " ".join([NIP_A[:8], NIP_A[8:14], NIP_A[14], NIP_A[15:]])]) == 0
    out = capsys.readouterr().out
    assert "Andi Makkawaru" in out
    line = next(part for part in out.split() if part.startswith("https://t.me/asn_corpu_bot?start="))
    code = normalize_code(line.rsplit("=", 1)[1])
    assert code is not None and code in out.replace("-", "")
    # Keyed with the secret generated at first use, outside the database, readable by
    # its owner only (issue 13.10); never the plain SHA-256 a GPU could invert.
    secret = workdir / "secrets" / "link_code.key"
    assert secret.stat().st_mode & 0o777 == 0o600
    key = secret.read_text().strip().encode()
    assert db_rows(workdir, "SELECT code_hash FROM link_code") == [(hash_code(code, key),)]
    assert hash_code(code, key) != legacy_hash(code)
    assert main(["link-code", NIP_A]) == 0  # the same secret, read back
    assert secret.read_text().strip().encode() == key


def test_link_code_for_unknown_or_malformed_nip(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["link-code", "12345"]) == EXIT_USAGE
    assert "18 digit" in capsys.readouterr().err
    assert main(["link-code", NIP_A]) == EXIT_INPUT
    assert "Tidak ada pegawai" in capsys.readouterr().err


def test_demo_data_seeds_once(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo-data", "--employees", "40"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "40 pegawai" in out and DEMO_NIP in out
    assert main(["demo-data"]) == EXIT_OK
    assert "sudah ada" in capsys.readouterr().out
    assert db_rows(workdir, "SELECT count(*) FROM employee") == [(40,)]
    assert main(["demo-data", "--employees", "0"]) == EXIT_USAGE


def test_english_console(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DEFAULT_LANGUAGE", "en")
    assert main(["link-code", "12345"]) == EXIT_USAGE
    assert "a NIP has exactly 18 digits" in capsys.readouterr().err


def test_import_programs(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(
        workdir / "program.csv",
        [
            ["Kode", "Judul", "Kategori", "Metode", "JP", "Mulai", "Selesai", "Kuota"],
            ["LATSAR-01", "Latsar CPNS", "Teknis", "Klasikal", "24", "07/12/2030 08.00", "16.00", "30"],
            ["LATSAR-01", "", "", "", "", "08/12/2030 08.00", "16.00", ""],
        ],
    )
    assert main(["import-programs", str(path)]) == EXIT_OK
    assert "1 program baru" in capsys.readouterr().out
    assert main(["import-programs", str(path)]) == EXIT_OK
    assert "1 tidak berubah" in capsys.readouterr().out
    assert db_rows(workdir, "SELECT count(*) FROM program_session") == [(2,)]

    bad = write_csv(
        workdir / "bad.csv",
        [
            ["Kode", "Judul", "Kategori", "Metode", "JP", "Mulai", "Selesai", "Kuota"],
            ["X-1", "Program", "Teknis", "Sulap", "24", "31/02/2030 08.00", "16.00", "banyak"],
        ],
    )
    assert main(["import-programs", str(bad)]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert "Baris 2, kolom Metode: metode harus klasikal" in err
    assert "Baris 2, kolom Mulai: tanggal tidak ada di kalender." in err
    assert "Baris 2, kolom Kuota" in err


def test_import_holidays(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(
        workdir / "libur.csv",
        [["Tanggal", "Keterangan"], ["25/12/2026", "Hari Raya Natal"],
         ["2026-12-24", "Cuti bersama Natal"]],
    )
    assert main(["import-holidays", str(path)]) == EXIT_OK
    assert "2 hari libur baru" in capsys.readouterr().out
    assert main(["import-holidays", str(path)]) == EXIT_OK
    assert "2 tidak berubah" in capsys.readouterr().out
    bad = write_csv(workdir / "bad.csv", [["Tanggal", "Keterangan"], ["31/02/2026", "Salah"]])
    assert main(["import-holidays", str(bad)]) == EXIT_INPUT
    assert "Baris 2, kolom Tanggal: tanggal tidak ada di kalender." in capsys.readouterr().err
    assert db_rows(workdir, "SELECT count(*) FROM holiday") == [(2,)]


def test_report_to_xlsx_and_png(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["import-roster", str(roster(workdir / "roster.csv"))])
    capsys.readouterr()
    out, chart = workdir / "rekap.xlsx", workdir / "rekap.png"
    assert main(["report", "--year", "2026", "--out", str(out), "--chart", str(chart)]) == EXIT_OK
    assert "2 pegawai" in capsys.readouterr().out
    import openpyxl

    book = openpyxl.load_workbook(out)
    assert [r[0] for r in book["Ringkasan"].iter_rows(min_row=2, values_only=True)] == [
        "Dinas Kesehatan", "Dinas Pendidikan"
    ]
    assert chart.read_bytes()[:4] == b"\x89PNG"
    assert main(["report", "--out", str(out), "--opd", "NOPE"]) == EXIT_USAGE
    assert "Kode OPD tidak dikenal" in capsys.readouterr().err


def test_admin_roles_and_the_audit_trail(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["import-roster", str(roster(workdir / "roster.csv"))])
    capsys.readouterr()
    assert main(["add-admin", "111", "--super"]) == EXIT_OK
    assert main(["add-admin", "111", "--super"]) == EXIT_OK
    assert "sudah admin" in capsys.readouterr().out
    opd_code = db_rows(workdir, "SELECT code FROM opd WHERE name = 'Dinas Kesehatan'")[0][0]
    assert opd_code is None  # the roster gave no codes: give one to address the OPD
    with sqlite3.connect(workdir / "cli.db") as conn:
        conn.execute("UPDATE opd SET code = 'DINKES' WHERE name = 'Dinas Kesehatan'")
    assert main(["add-admin", "222", "--opd", "dinkes"]) == EXIT_OK
    assert main(["add-admin", "333", "--opd", "NOPE"]) == EXIT_USAGE
    capsys.readouterr()
    assert main(["admins"]) == EXIT_OK
    listing = capsys.readouterr().out
    assert "111 · superadmin · BPSDM" in listing and "222 · opd_admin · Dinas Kesehatan" in listing
    assert main(["remove-admin", "222"]) == EXIT_OK
    assert main(["remove-admin", "222"]) == EXIT_INPUT

    capsys.readouterr()
    assert main(["audit"]) == EXIT_OK
    trail = capsys.readouterr().out.splitlines()
    actions = [line.split(" · ")[2] for line in trail]
    assert actions == ["revoke_role", "grant_role", "grant_role", "import_roster"]
    assert "roster.csv" in trail[-1] and "created=2" in trail[-1]
    assert NIP_A not in "\n".join(trail)  # no personal data on the trail


def test_import_jp_rules_is_audited(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(workdir / "aturan.csv", [
        ["Kategori", "Satuan", "JP Nasional", "JP Internasional"], ["Workshop", "hari", "6", "8"],
    ])
    assert main(["import-jp-rules", str(path)]) == EXIT_OK
    assert "1 aturan baru" in capsys.readouterr().out
    assert db_rows(workdir, "SELECT category, unit FROM jp_rule") == [("workshop", "day")]
    assert db_rows(workdir, "SELECT action FROM audit_log") == [("import_jp_rules",)]


def test_an_unexpected_error_at_debug_is_logged_masked_never_as_a_bare_traceback(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 13.5: the console's pointer to LOG_LEVEL=DEBUG leads to a masked log."""
    import importlib

    cli_main = importlib.import_module("bot.cli.main")  # the module, not the function

    async def broken(*args: object) -> int:
        raise RuntimeError("cell +62 812-3456-7890 / 19850314 201003 1 001")

    monkeypatch.setattr(cli_main, "cmd_list_admins", broken)
    monkeypatch.setenv("LOG_LEVEL", "DEBUG")
    assert main(["db", "upgrade"]) == EXIT_OK
    assert main(["admins"]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert "RuntimeError" in err and "LOG_LEVEL=DEBUG" in err and "[disamarkan]" in err
    assert "3456" not in err and "201003" not in err


def test_an_import_reads_its_file_before_it_takes_the_write_lock(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the console parses a large roster, the running bot can still write: the
    import opens its write transaction only once the file has been read."""
    import threading

    from bot.services.spreadsheets import reader

    path = roster(workdir / "roster.csv")
    assert main(["import-roster", str(path)]) == EXIT_OK  # the schema, and the people
    parsing, written = threading.Event(), threading.Event()
    real = reader.read_table

    def slow_read(*args: object, **kwargs: object) -> object:
        parsing.set()
        assert written.wait(30), "the bot's write never got through"
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reader, "read_table", slow_read)

    def bot_writes() -> None:
        assert parsing.wait(30)
        with sqlite3.connect(workdir / "cli.db", timeout=10) as conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("CREATE TABLE bot_was_here (x)")
        written.set()

    writer = threading.Thread(target=bot_writes)
    writer.start()
    try:
        assert main(["import-roster", str(path)]) == EXIT_OK
    finally:
        written.set()
        writer.join(30)
    assert db_rows(workdir, "SELECT name FROM sqlite_master WHERE name = 'bot_was_here'")


def test_kepala_opd_role_from_the_console_is_audited_and_acts_as_no_admin(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["import-roster", str(roster(workdir / "roster.csv"))])
    with sqlite3.connect(workdir / "cli.db") as conn:
        conn.execute("UPDATE opd SET code = 'DINKES' WHERE name = 'Dinas Kesehatan'")
    capsys.readouterr()
    assert main(["add-admin", "444", "--kepala-opd", "dinkes"]) == EXIT_OK
    assert "kepala OPD (Dinas Kesehatan)" in capsys.readouterr().out
    assert main(["add-admin", "444", "--kepala-opd", "DINKES"]) == EXIT_OK
    assert "sudah tercatat" in capsys.readouterr().out
    assert main(["add-admin", "445", "--kepala-opd", "NOPE"]) == EXIT_USAGE
    assert db_rows(workdir, "SELECT role FROM admin_role WHERE telegram_user_id = 444") == [("kepala_opd",)]
    assert db_rows(workdir, "SELECT action FROM audit_log WHERE action = 'grant_role'") == [("grant_role",)]
