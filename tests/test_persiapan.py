"""Persiapan on Beranda: what a first-time user must fill before SOP step 1.

A fresh workbook gets one warning per unmet item naming the sheet and cell; a workbook filled
with the demo data gets none; `lkjip periksa` exits 2 only for errors; Beranda's live formulas
(LibreOffice) agree with the Python check.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from lo_recalc import SOFFICE, recalc

from lkjip_xl.actions.workbook import validate_workbook
from lkjip_xl.errors import LkjipError
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.build import PERSIAPAN_TOP
from lkjip_xl.workbook.gateway import open_workbook
from lkjip_xl.workbook.persiapan import ITEMS, check_persiapan

# January 2026: the LKjIP 2025 (the workbooks' year) is still before its deadline. The
# deadline item itself is tested in test_year_rollover.py.
BEFORE_DEADLINE = "2026-01-05T08:00:00+07:00"


@pytest.fixture(autouse=True)
def _before_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LKJIP_SEKARANG", BEFORE_DEADLINE)


@pytest.fixture(scope="module")
def _demo_filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from lkjip_xl.demo import data
    from lkjip_xl.demo.run import _prepare_workbook

    return _prepare_workbook(tmp_path_factory.mktemp("demo_filled"), data.demo_profile())


@pytest.fixture
def demo_filled(_demo_filled: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "isi" / _demo_filled.name
    dest.parent.mkdir()
    shutil.copy2(_demo_filled, dest)
    return dest


def lkjip(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "LKJIP_SEKARANG": BEFORE_DEADLINE}
    return subprocess.run(
        ["lkjip", *map(str, args)], capture_output=True, text=True, env=env, timeout=120
    )


def test_fresh_workbook_warns_for_each_unmet_item_with_sheet_and_cell(
    workbook_path: Path,
) -> None:
    with open_workbook(workbook_path) as gw:
        result = validate_workbook(gw)
    found = {(w["sheet"], w["cell"]) for w in result.data["peringatan"]}
    assert found == {
        (S.PENGATURAN, "G5"),  # tblPejabat Nama of the Camat: "(Nama Camat)"
        (S.FORMAT_DATA, "A5"),
        (S.SKM, "B5"),
        (S.SAKIP, "A5"),
        (S.ANGGARAN, "B5"),
    }
    assert "Semua isian sudah benar" not in result.pesan
    assert "Persiapan belum lengkap (5 hal)" in result.pesan
    assert all(
        w["file"] == workbook_path.name and w["perbaikan"] for w in result.data["peringatan"]
    )
    assert any("Camat, Sekcam, Kasubbag" in w for w in result.peringatan)


def test_demo_filled_workbook_has_no_warning(demo_filled: Path) -> None:
    with open_workbook(demo_filled) as gw:
        result = validate_workbook(gw)
        assert check_persiapan(gw) == {item.key: None for item in ITEMS}
    assert result.peringatan == []
    assert result.pesan.startswith("Semua isian sudah benar")


def test_each_item_names_its_own_cell(demo_filled: Path) -> None:
    with open_workbook(demo_filled, write=True) as gw:
        rows = gw.read_rows(S.PROFIL)
        for row in rows:
            if row["kunci"] == "kota":
                row["nilai"] = "(kota)"
            if row["kunci"] == "alamat":
                row["nilai"] = "(alamat kantor)"
        gw.write_rows(S.PROFIL, rows)
        kota_row = next(r["_row"] for r in rows if r["kunci"] == "alamat")
        sakip = [r for r in gw.read_rows(S.SAKIP_T) if r["tahun"] != 2025]
        gw.write_rows(S.SAKIP_T, sakip)
        units = gw.read_rows(S.FORMAT)
        gw.write_rows(
            S.FORMAT, [r for r in units if r["penanggung_jawab"] != "Kelurahan Pakistaji"]
        )
    with open_workbook(demo_filled) as gw:
        found = check_persiapan(gw)
    assert found["profil"] is not None and found["profil"].cell == f"B{kota_row}"
    assert "Alamat kantor, Kota tempat surat" in found["profil"].pesan
    assert found["sakip"] is not None and "tahun 2025" in found["sakip"].pesan
    assert found["sakip"].cell == f"A{S.SAKIP_T.header_row + 1 + len(sakip)}"
    assert found["format"] is not None and "Kelurahan Pakistaji" in found["format"].pesan
    assert found["skm"] is None and found["anggaran"] is None and found["pejabat"] is None


def test_periksa_exits_0_with_warnings_and_2_with_errors(workbook_path: Path) -> None:
    done = lkjip("periksa", "--workbook", workbook_path)
    assert done.returncode == 0, done.stderr
    assert "Persiapan belum lengkap" in done.stdout
    assert "sheet 'Anggaran', sel B5" in done.stdout
    assert "Semua isian sudah benar" not in done.stdout
    as_json = lkjip("periksa", "--workbook", workbook_path, "--json")
    assert as_json.returncode == 0
    data = json.loads(as_json.stdout)
    assert data["masalah"] == [] and len(data["peringatan"]) == 5

    with open_workbook(workbook_path, write=True) as gw:
        gw.write_rows(
            S.ANGGARAN_T, [{"nama": "Program A", "pagu": "sejuta"}, {"nama": "B", "pagu": -5}]
        )
    done = lkjip("periksa", "--workbook", workbook_path)
    assert done.returncode == 2
    # Every error is listed, not the first only.
    assert "sel D5" in done.stderr + done.stdout and "sel D6" in done.stderr + done.stdout
    assert lkjip("periksa", "--workbook", workbook_path, "--json").returncode == 2
    with open_workbook(workbook_path) as gw, pytest.raises(LkjipError) as err:
        validate_workbook(gw)
    assert len(err.value.problems) == 2


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
def test_beranda_checklist_formulas_agree_with_python(
    demo_filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LKJIP_SEKARANG")  # LibreOffice's TODAY() is today: so is Python's
    with open_workbook(demo_filled, write=True) as gw:
        rows = gw.read_rows(S.PEJABAT)
        rows[1]["nama"] = "(Nama Sekcam)"
        gw.write_rows(S.PEJABAT, rows)
        gw.write_rows(S.ANGGARAN_T, [])
    with open_workbook(demo_filled) as gw:
        expected = {k: "Lengkap" if v is None else "Belum" for k, v in check_persiapan(gw).items()}
    values = openpyxl.load_workbook(recalc(demo_filled, tmp_path), data_only=True)[S.BERANDA]
    shown = {item.key: values[f"C{PERSIAPAN_TOP + i}"].value for i, item in enumerate(ITEMS)}
    assert shown == expected
    assert shown["pejabat"] == shown["anggaran"] == "Belum"
    assert shown["profil"] == shown["format"] == shown["skm"] == shown["sakip"] == "Lengkap"
    late = dt.date.today() > dt.date(2026, 2, 28)  # the demo's LKjIP 2025, not delivered
    assert shown["batas"] == ("Belum" if late else "Lengkap")
    n = 2 + late
    assert str(values["B5"].value).startswith(f"Persiapan belum lengkap ({n} dari 7 hal)")


def test_hitung_lists_every_bad_answer_by_cell(demo_filled: Path) -> None:
    from lkjip_xl.actions.workbook import compute_summary

    skm = S.skm_table("2017")
    with open_workbook(demo_filled, write=True) as gw:
        rows = gw.read_rows(skm)
        rows[0]["u1"], rows[1]["u2"] = 7, 9
        gw.write_rows(skm, rows)
    with open_workbook(demo_filled) as gw, pytest.raises(LkjipError) as err:
        compute_summary(gw)
    cells = {(p.sheet, p.cell) for p in err.value.problems}
    first = skm.header_row + 1
    u1, u2 = (openpyxl.utils.get_column_letter(skm.col_index(k)) for k in ("u1", "u2"))
    assert {(S.SKM, f"{u1}{first}"), (S.SKM, f"{u2}{first + 1}")} <= cells
    assert "kolom U1" not in str(err.value) and "baris" not in str(err.value)


def test_range_message_without_an_upper_bound(workbook_path: Path) -> None:
    with open_workbook(workbook_path, write=True) as gw:
        gw.write_rows(S.ANGGARAN_T, [{"nama": "Program A", "pagu": -5}])
    with open_workbook(workbook_path) as gw, pytest.raises(LkjipError) as err:
        validate_workbook(gw)
    text = str(err.value)
    assert "kurang dari 0" in text and "–." not in text and "rentang" not in text


def test_import_creates_a_missing_inbox_and_says_so(demo_filled: Path) -> None:
    from lkjip_xl.actions.forms import import_forms

    inbox = demo_filled.parent / "kotak_masuk"
    assert not inbox.exists()
    with open_workbook(demo_filled, write=True) as gw:
        result = import_forms(gw)
    assert inbox.is_dir()
    assert "belum ada, sudah dibuat" in result.pesan and str(inbox) in result.pesan
