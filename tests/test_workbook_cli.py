"""``lkjip build-workbook``, ``periksa``, ``hitung`` and ``setup-excel`` from the command line."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
from workbook_data import fill

from lkjip_xl.domain.profile import default_profile, save_profile
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook
from lkjip_xl.workspace import Workspace


def lkjip(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lkjip_xl", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        env={**os.environ, **env} if env else None,
    )


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_build_workbook_default_path_and_profile(tmp_path: Path) -> None:
    run = lkjip("build-workbook", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "workbook" / "LKjIP_Wonoasih.xlsm").exists()
    profile = default_profile(2026).model_copy(update={"opd": "Kecamatan Kademangan"})
    save_profile(profile, tmp_path / "profil.json")
    out = tmp_path / "lain" / "LKjIP_Kademangan.xlsm"
    run = lkjip("build-workbook", "--out", str(out), "--profil", str(tmp_path / "profil.json"))
    assert run.returncode == 0, run.stderr
    with open_workbook(out) as gw:
        assert (gw.profile().opd, gw.profile().tahun) == ("Kecamatan Kademangan", 2026)


def test_build_workbook_keeps_a_backup_of_the_old_file(workbook_path: Path) -> None:
    fill(workbook_path)
    before = _sha(workbook_path)
    earlier = set(Workspace(workbook_path).backups.glob("*.xlsm"))
    run = lkjip("build-workbook", "--out", str(workbook_path))
    assert run.returncode == 0, run.stderr
    (backup,) = set(Workspace(workbook_path).backups.glob("*.xlsm")) - earlier
    assert _sha(backup) == before
    with open_workbook(workbook_path) as gw:
        assert gw.read_rows(S.SKM_T) == []


def test_periksa_ok_and_problems_named_by_cell(workbook_path: Path) -> None:
    run = lkjip("periksa", "--workbook", str(workbook_path))
    assert run.returncode == 0, run.stderr
    # A fresh workbook: the values are valid, Persiapan is not complete (warnings, exit 0).
    assert "Isian yang ada sudah sah" in run.stdout and "Persiapan belum lengkap" in run.stdout
    assert "Semua isian sudah benar" not in run.stdout
    with open_workbook(workbook_path, write=True) as gw:
        gw.write_rows(
            S.FORMAT,
            [
                {"kode": "IKU-01", "sasaran": "S", "indikator": "I", "satuan": "%"},
                {
                    "kode": "IKU-01",
                    "sasaran": "S",
                    "indikator": "I",
                    "satuan": "%",
                    "target": "80 persen",
                    "polaritas": "Naik",
                    "penanggung_jawab": "Kelurahan Entah",
                },
            ],
        )
        gw.write_rows(S.SKM_T, [{"unit": "Kelurahan Pakistaji", "u1": 7}])
    run = lkjip("periksa", "--workbook", str(workbook_path))
    assert run.returncode == 2
    err = run.stderr
    assert "sheet 'Format Data', sel F5: kolom 'Target' wajib diisi." in err
    assert "sel F6: '80 persen' di kolom 'Target' bukan angka" in err
    assert "sel A6: kode 'IKU-01' sudah dipakai di baris 5." in err
    assert "sel H6: unit 'Kelurahan Entah' tidak ada di tabel Unit" in err
    assert "sheet 'SKM', sel I5: 7 di kolom 'U1' di luar rentang 1–4." in err
    run = lkjip("periksa", "--workbook", str(workbook_path), "--json")
    assert run.returncode == 2
    problems = json.loads(run.stdout)["masalah"]
    assert {"sheet": "SKM", "cell": "I5"}.items() <= problems[-1].items()


def test_hitung_prints_the_engine_results(workbook_path: Path) -> None:
    fill(workbook_path)
    run = lkjip("hitung", "--workbook", str(workbook_path), "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["ikm"]["responden"] == 240 and data["ikm"]["mutu"] in "ABCD"
    assert data["sakip"]["predikat"] == "BB"
    assert [c["kode"] for c in data["capaian"]][:2] == ["IKU-01", "IKU-02"]
    run = lkjip("hitung", "--workbook", str(workbook_path))
    assert "Ringkasan LKjIP Kecamatan Wonoasih tahun 2025" in run.stdout
    assert "IKM " in run.stdout and "Nilai SAKIP" in run.stdout


def test_setup_excel_outside_windows_explains_the_steps(tmp_path: Path) -> None:
    run = lkjip("setup-excel")
    assert run.returncode == 0
    assert "xlwings.conf" in run.stdout and "Unblock" in run.stdout
    # the Windows package does it all; the manual way names py, never a bare lkjip/pip
    assert "PASANG.cmd" in run.stdout and "Trusted Location" in run.stdout
    assert "py -m lkjip_xl setup-excel" in run.stdout and "pip install" not in run.stdout


def test_setup_excel_writes_the_interpreter_per_user_not_into_the_workbook(
    workbook_path: Path, tmp_path: Path
) -> None:
    python = r"C:\Python312\python.exe"
    home = tmp_path / "profil"
    before = _sha(workbook_path)
    run = lkjip(
        "setup-excel",
        "--workbook",
        str(workbook_path),
        "--interpreter",
        python,
        env={"USERPROFILE": str(home)},
    )
    assert run.returncode == 0, run.stderr
    conf = home / ".xlwings" / "xlwings.conf"
    assert conf.read_text().strip() == f'"INTERPRETER_WIN","{python}"'
    assert _sha(workbook_path) == before  # a clean workbook is left alone
    assert "sama dengan paket" in run.stdout


def test_setup_excel_cleans_an_interpreter_path_out_of_an_old_workbook(
    workbook_path: Path, tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(workbook_path, keep_vba=True)
    ws = wb[S.XLWINGS_CONF]
    ws.insert_rows(2)
    ws["A2"], ws["B2"] = "INTERPRETER_WIN", r"C:\Users\budi\python.exe"
    wb.save(workbook_path)
    run = lkjip(
        "setup-excel",
        "--workbook",
        str(workbook_path),
        "--interpreter",
        "python",
        env={"USERPROFILE": str(tmp_path)},
    )
    assert run.returncode == 0, run.stderr
    ws = openpyxl.load_workbook(workbook_path)[S.XLWINGS_CONF]
    keys = [ws.cell(r, 1).value for r in range(1, 8)]
    assert "INTERPRETER_WIN" not in keys and keys[0] == "UDF MODULES"


def test_writes_refused_while_excel_has_the_file_open(workbook_path: Path) -> None:
    owner = Workspace(workbook_path).owner_file()
    owner.write_bytes(b"excel")
    before = _sha(workbook_path)
    for args in (("build-workbook", "--out", str(workbook_path)),):
        run = lkjip(*args)
        assert run.returncode == 2, args
        assert "sedang dibuka di Excel" in run.stderr
        assert _sha(workbook_path) == before
    # Reading is still allowed.
    assert lkjip("periksa", "--workbook", str(workbook_path)).returncode == 0
