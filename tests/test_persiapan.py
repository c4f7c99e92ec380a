"""Persiapan on Beranda: the one readiness list, from a first-time user's point of view.

A fresh workbook gets one warning per unmet item naming the sheet and cell; a workbook filled
with the demo data lacks only what the year brings later; `lkjip periksa` exits 2 only for
errors; Beranda's live formulas (LibreOffice) agree with the Python check.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from lo_recalc import SOFFICE, recalc

from lkjip_xl.actions import readiness
from lkjip_xl.actions.readiness import validate_workbook
from lkjip_xl.errors import CellProblem, LkjipError
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.build import PERSIAPAN_TOP
from lkjip_xl.workbook.gateway import open_workbook
from lkjip_xl.workbook.persiapan import CHECKS

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


def _unmet(path: Path) -> dict[str, list[CellProblem]]:
    with open_workbook(path) as gw:
        items, _ = readiness.unmet(gw)
    return {u.check.key: u.problems for u in items}


def test_fresh_workbook_warns_for_each_unmet_item_with_sheet_and_cell(
    workbook_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LKJIP_SEKARANG", "2026-01-05T08:00:00+07:00")
    with open_workbook(workbook_path) as gw:
        result = validate_workbook(gw)
    found = {(w["sheet"], w["cell"]) for w in result.data["peringatan"]}
    assert {
        (S.PENGATURAN, "G5"),  # tblPejabat Nama of the Camat: "(Nama Camat)"
        (S.PENGATURAN, "H5"),  # the Camat's sample NIP
        (S.PENGATURAN, "J5"),  # the Camat's sample e-mail
        (S.FORMAT_DATA, "A5"),
        (S.SKM, "B5"),
        (S.SAKIP, "A5"),
        (S.ANGGARAN, "D5"),  # the Pagu cell to fill, not the table's first column
    } <= found
    assert "Semua isian sudah benar" not in result.pesan
    assert "Persiapan belum lengkap" in result.pesan
    assert all(
        w["file"] == workbook_path.name and w["perbaikan"] for w in result.data["peringatan"]
    )
    assert any("nama Camat belum diisi" in w for w in result.peringatan)
    assert all(
        w["pesan"].endswith(("(Lengkapi sebelum Langkah 1.)", "Langkah 2.)", "Langkah 4.)", "7.)"))
        for w in result.data["peringatan"]
    )


def test_demo_filled_workbook_lacks_only_what_the_year_brings_later(demo_filled: Path) -> None:
    # Before any form comes back: only the realisations and their narratives are missing.
    assert set(_unmet(demo_filled)) <= {"realisasi", "narasi_indikator", "batas"}


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
        budget = gw.read_rows(S.ANGGARAN_T)
        budget[1]["realisasi"] = None
        gw.write_rows(S.ANGGARAN_T, budget)
    found = _unmet(demo_filled)
    (profil,) = found["profil"]
    assert profil.cell == f"B{kota_row}"
    assert "Alamat kantor, Kota" in profil.pesan  # the labels the user sees, not the keys
    (sakip_p,) = found["sakip"]
    assert "tahun 2025" in sakip_p.pesan
    assert sakip_p.cell == f"A{S.SAKIP_T.header_row + 1 + len(sakip)}"
    (fmt,) = found["format"]
    assert "Kelurahan Pakistaji" in fmt.pesan
    (ang,) = found["anggaran"]
    assert ang.cell == f"E{S.ANGGARAN_T.header_row + 2}"  # the Realisasi cell to fill
    assert "skm" not in found and "pejabat" not in found


def test_periksa_exits_0_with_warnings_and_2_with_errors(workbook_path: Path) -> None:
    done = lkjip("periksa", "--workbook", workbook_path)
    assert done.returncode == 0, done.stderr
    assert "Persiapan belum lengkap" in done.stdout
    assert "sheet 'Anggaran', sel D5" in done.stdout
    assert "Semua isian sudah benar" not in done.stdout
    as_json = lkjip("periksa", "--workbook", workbook_path, "--json")
    assert as_json.returncode == 0
    data = json.loads(as_json.stdout)
    assert data["masalah"] == [] and len(data["peringatan"]) >= 10

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
    monkeypatch.delenv("LKJIP_SEKARANG")  # LibreOffice's TODAY() is the real date: so is ours
    with open_workbook(demo_filled, write=True) as gw:
        rows = gw.read_rows(S.PEJABAT)
        rows[1]["nama"] = "(Nama Sekcam)"
        gw.write_rows(S.PEJABAT, rows)
        gw.write_rows(S.ANGGARAN_T, [])
        narasi = gw.read_rows(S.NARASI_T)  # a "Tambahan dari Word" row is a known key (#20)
        narasi.append(
            {"kunci": "tambahan_word_1", "bagian": "C. Aspek Strategis", "isi": "Teks dari Word."}
        )
        gw.write_rows(S.NARASI_T, narasi)
    unmet = _unmet(demo_filled)
    values = openpyxl.load_workbook(recalc(demo_filled, tmp_path), data_only=True)[S.BERANDA]
    shown = {c.key: values[f"C{PERSIAPAN_TOP + i}"].value for i, c in enumerate(CHECKS)}
    for check in CHECKS:
        if check.excel:
            assert (shown[check.key] == "Belum") == (check.key in unmet), check.key
        else:
            assert shown[check.key] == "Periksa Isian"
    assert shown["pejabat"] == shown["anggaran"] == "Belum"
    assert shown["profil"] == shown["format"] == shown["skm"] == shown["sakip"] == "Lengkap"
    assert shown["narasi_kunci"] == "Lengkap" and "narasi_kunci" not in unmet
    assert str(values["B5"].value).startswith("Persiapan belum lengkap (")


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
