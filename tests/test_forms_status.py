"""Status of the submissions, and the ``lkjip forms`` commands end to end (deliverable 5)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from test_forms_support import export, fill, import_paths, seed

from lkjip_xl.actions import forms
from lkjip_xl.workbook.gateway import open_workbook

NOW = "2025-03-07T14:00:00+07:00"


@pytest.fixture(autouse=True)
def _fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LKJIP_SEKARANG", NOW)


@pytest.fixture
def wb(workbook_path: Path) -> Path:
    return seed(workbook_path)


def _status(wb: Path) -> dict:
    with open_workbook(wb) as gw:  # read-only is enough
        return forms.forms_status(gw).data


def test_nobody_has_sent_yet(wb: Path) -> None:
    data = _status(wb)
    assert data["tahun"] == 2025
    assert {u["status"] for u in data["units"]} == {"belum"}
    missing = {u["kode"]: u["email"] for u in data["belum"]}
    assert missing["KEL_PAKISTAJI"] == "kel.pakistaji@contoh.go.id"
    assert missing["KECAMATAN"] == ""
    assert data["kiriman_total"] == 0


def test_status_follows_the_imports(wb: Path, tmp_path: Path) -> None:
    blank = export(wb)
    with open_workbook(wb, write=True) as gw:
        forms.email_forms(gw)
    ok = fill(blank["KEL_PAKISTAJI"], tmp_path / "p.xlsx", {"KEL-03": "99,5"})
    part = fill(blank["PU"], tmp_path / "pu.xlsx", {"IKU-01": "84,9", "IKU-03": "banyak"})
    bad = fill(blank["KEL_WONOASIH"], tmp_path / "w.xlsx", {"KEL-01": "seratus"})
    import_paths(wb, [ok, part, bad])
    data = _status(wb)
    units = {u["kode"]: u for u in data["units"]}
    assert units["KEL_PAKISTAJI"]["status"] == "lengkap"
    assert units["KEL_PAKISTAJI"]["valid"] is True
    assert (
        units["KEL_PAKISTAJI"]["diterima"].startswith("2025-") or units["KEL_PAKISTAJI"]["diterima"]
    )
    assert units["KEL_PAKISTAJI"]["file"] == "p.xlsx"
    assert units["PU"]["status"] == "sebagian"
    assert units["PU"]["kurang"] == ["IKU-03"]
    assert units["KEL_WONOASIH"]["status"] == "ditolak"
    assert "seratus" in units["KEL_WONOASIH"]["masalah_terakhir"][0]
    assert units["KEL_KEDUNGASEM"]["status"] == "belum"
    assert units["KEL_KEDUNGASEM"]["dikirim"] is not None
    assert units["KEL_KEDUNGASEM"]["cara_kirim"] == "draf"
    belum = {u["kode"] for u in data["belum"]}
    assert "KEL_PAKISTAJI" not in belum and {"PU", "KEL_WONOASIH", "KEL_KEDUNGASEM"} <= belum
    assert data["ringkasan"]["lengkap"] == 1
    assert data["kiriman_total"] == 2


# -- the real command line -----------------------------------------------------------------


def lkjip(*args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LKJIP_SEKARANG": NOW, "COLUMNS": "200"}
    env.pop("LKJIP_SMTP_PASSWORD", None)
    proc = subprocess.run(
        ["lkjip", "forms", *args], capture_output=True, text=True, env=env, check=False
    )
    if ok:
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def test_cli_export_email_import_status(wb: Path, tmp_path: Path) -> None:
    out = tmp_path / "formulir"
    exported = json.loads(
        lkjip("export", "--workbook", str(wb), "--out", str(out), "--json").stdout
    )
    assert len(exported["forms"]) == 10
    pak = Path(next(f["file"] for f in exported["forms"] if f["kode_unit"] == "KEL_PAKISTAJI"))
    assert pak.parent == out

    mailed = lkjip("email", "--workbook", str(wb))
    assert "draf e-mail" in mailed.stdout and "Kecamatan Wonoasih" in mailed.stdout

    inbox = tmp_path / "masuk"
    fill(pak, inbox / "p.xlsx", {"KEL-03": "99,5"})
    fill(pak, inbox / "salah.xlsx", {"KEL-03": "sembilan puluh"})
    imported = json.loads(lkjip("import", "--workbook", str(wb), str(inbox), "--json").stdout)
    assert imported["kiriman_total"] == 1
    assert sorted(f["status"] for f in imported["files"]) == ["diterima", "ditolak"]
    text = lkjip("import", "--workbook", str(wb), str(inbox)).stdout
    assert "sudah diimpor" in text and "sembilan puluh" in text and "Perbaikan" in text

    status = json.loads(lkjip("status", "--workbook", str(wb), "--json").stdout)
    assert {u["kode"]: u["status"] for u in status["units"]}["KEL_PAKISTAJI"] == "lengkap"
    shown = lkjip("status", "--workbook", str(wb)).stdout
    assert "Kelurahan Pakistaji" in shown and "lengkap" in shown and "Belum lengkap" in shown


def test_cli_import_defaults_to_the_inbox_with_many_files(wb: Path) -> None:
    """Ten files: the progress bar path runs (it is transient, so only the summary remains)."""
    blank = export(wb)
    inbox = wb.parent / "kotak_masuk"
    typed = {k: "90" for k in ("IKU-01", "IKU-02", "IKU-03", "IKU-04")}
    typed |= {f"KEL-0{i}": "99" for i in range(1, 7)}
    for path in blank.values():
        fill(path, inbox / path.name, typed)
    proc = lkjip("import", "--workbook", str(wb))
    assert "10 formulir diperiksa: 10 diterima" in proc.stdout


def test_cli_errors_are_indonesian_with_exit_code_2(tmp_path: Path) -> None:
    proc = lkjip("status", "--workbook", str(tmp_path / "tidak_ada.xlsm"), ok=False)
    assert proc.returncode == 2
    assert "Workbook tidak ditemukan" in proc.stderr


def test_cli_kirim_without_server_is_refused(wb: Path) -> None:
    proc = lkjip("email", "--workbook", str(wb), "--kirim", ok=False)
    assert proc.returncode == 2
    assert "Server SMTP belum diisi" in proc.stderr
