"""Console commands of planning from needs: the competency import (upsert by code, row
errors, all or nothing, audited, retiring), programs' `kompetensi` column, a year's
planning window (audited) and the needs report."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from bot.cli import EXIT_INPUT, EXIT_OK, EXIT_USAGE, main
from tests.cli.test_cli import db_rows, workdir  # noqa: F401  (the fixture)
from tests.services.imports.test_roster import write_csv, write_xlsx

HEAD = ["Kode", "Nama", "Jenis", "Deskripsi"]


def test_import_competencies(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    path = write_csv(workdir / "kompetensi.csv", [
        HEAD,
        ["pk-01", "Pengelolaan Keuangan Daerah", "Teknis", "APBD, SPJ"],
        ["AK-01", "Analisis Kebijakan", "manajerial", ""],
        ["PP-01", "Pelayanan Publik", "Sosial Kultural", ""],
    ])
    assert main(["import-competencies", str(path)]) == EXIT_OK
    assert "3 kompetensi baru" in capsys.readouterr().out
    assert main(["import-competencies", str(path)]) == EXIT_OK
    assert "3 tidak berubah" in capsys.readouterr().out
    assert db_rows(workdir, "SELECT code, kind FROM competency ORDER BY code") == [
        ("AK-01", "manajerial"), ("PK-01", "teknis"), ("PP-01", "sosial_kultural")]
    assert db_rows(workdir, "SELECT action, target FROM audit_log ORDER BY id") == [
        ("import_competencies", "kompetensi.csv"), ("import_competencies", "kompetensi.csv")]

    bad = write_csv(workdir / "bad.csv", [
        HEAD, ["LD-01", "Literasi Digital", "Teknis", ""], ["LD-01", "Literasi Digital 2", "Teknis", ""],
        ["", "Tanpa Kode", "Sihir", ""],
    ])
    assert main(["import-competencies", str(bad)]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert "Baris 2, kolom Kode: kode ini muncul lebih dari sekali" in err
    assert "Baris 4, kolom Kode: kode kosong." in err
    assert "Baris 4, kolom Jenis: jenis harus manajerial" in err
    assert db_rows(workdir, "SELECT count(*) FROM competency") == [(3,)]  # all or nothing

    retire = write_xlsx(workdir / "pensiun.xlsx", [
        ["Kode", "Nama", "Jenis", "Status"], ["PP-01", "Pelayanan Publik", "Sosial Kultural", "pensiun"]])
    assert main(["import-competencies", str(retire)]) == EXIT_OK
    assert "1 diperbarui" in capsys.readouterr().out
    assert db_rows(workdir, "SELECT code FROM competency WHERE retired_at IS NOT NULL") == [("PP-01",)]

    programs = write_csv(workdir / "program.csv", [
        ["Kode", "Judul", "Kategori", "Metode", "JP", "Mulai", "Selesai", "Kuota", "Kompetensi"],
        ["KEU-01", "Bimtek Keuangan", "Teknis", "Klasikal", "24", "07/12/2030 08.00", "16.00", "30", "pk-01; AK-01"],
    ])
    assert main(["import-programs", str(programs)]) == EXIT_OK
    assert db_rows(workdir, "SELECT c.code FROM program_competency pc JOIN competency c "
                            "ON c.id = pc.competency_id ORDER BY c.code") == [("AK-01",), ("PK-01",)]
    wrong = write_csv(workdir / "program2.csv", [
        ["Kode", "Judul", "Kategori", "Metode", "JP", "Mulai", "Selesai", "Kuota", "Kompetensi"],
        ["KEU-02", "Bimtek", "Teknis", "Klasikal", "24", "07/12/2030 08.00", "16.00", "30", "ZZ-99;PP-01"],
    ])
    assert main(["import-programs", str(wrong)]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert "Baris 2, kolom Kompetensi: kode kompetensi tidak ada di katalog." in err
    assert "Baris 2, kolom Kompetensi: kompetensi ini sudah dihentikan." in err
    assert db_rows(workdir, "SELECT count(*) FROM program") == [(1,)]


def test_needs_window_and_report(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    assert main(["needs-window", "--year", "2027", "--opens", "2027-02-01", "--closes", "2027-01-01"]) == EXIT_USAGE
    assert main(["needs-window", "--year", "2027", "--opens", "2027-01-01", "--closes", "2027-04-15"]) == EXIT_OK
    assert "2027-01-01 s.d. 2027-04-15" in capsys.readouterr().out
    assert db_rows(workdir, "SELECT year, opens_on, closes_on FROM needs_window") == [(2027, "2027-01-01", "2027-04-15")]
    assert db_rows(workdir, "SELECT action, target FROM audit_log") == [("needs_window", "2027")]
    out = workdir / "kebutuhan.xlsx"
    assert main(["needs-report", "--year", "2026", "--out", str(out), "--chart", str(workdir / "k.png")]) == EXIT_OK
    assert "0 kebutuhan" in capsys.readouterr().out
    assert openpyxl.load_workbook(out).sheetnames == ["Ringkasan", "Ketersediaan", "Kebutuhan"]
    assert (workdir / "k.png").read_bytes().startswith(b"\x89PNG")
    assert main(["needs-report", "--out", str(out), "--opd", "NOPE"]) == EXIT_USAGE
