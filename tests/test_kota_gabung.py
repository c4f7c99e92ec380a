"""``lkjip kota gabung`` (issue 22, Deliver 5): many OPDs' data workbooks → one city table.

The OPD files are made by ``lkjip paket`` from a filled workbook and varied as a city receives
them: another OPD, a wrong year, a broken file, a second file of the same OPD, an older format
without a required column, a capaian typed over, and one OPD sent as its package .zip. Bad
files never stop the others; every message names file, sheet, cell and the fix.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from lkjip_xl.actions.paket import make_paket
from lkjip_xl.demo import data
from lkjip_xl.domain import paket as D
from lkjip_xl.domain.numbers import parse_number
from lkjip_xl.report import paket_xlsx as X
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook
from lkjip_xl.workbook.profile_io import profile_to_tables

ROOT = Path(__file__).resolve().parents[1]
SHARED_VALIDATOR = Path("/work/shared/tools/ooxml/validate.py")


def check_office(*paths: Path) -> None:
    env = dict(os.environ)
    if "LKJIP_OOXML_VALIDATE" not in env and SHARED_VALIDATOR.is_file():
        env["LKJIP_OOXML_VALIDATE"] = str(SHARED_VALIDATOR)
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_office.py"), *map(str, paths)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def lkjip_json(*args: str | Path) -> dict[str, Any]:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    done = subprocess.run(
        ["lkjip", *map(str, args), "--json"], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr + done.stdout
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def paket(_built_workbook: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A package of a filled workbook: officials, indicators, realisations (as the
    Kasubbag's corrections, with reasons) → ``make_paket``."""
    path = tmp_path_factory.mktemp("opd") / _built_workbook.name
    shutil.copy2(_built_workbook, path)
    profile = data.demo_profile(2025)
    tables = profile_to_tables(profile)
    real = data.realisasi(profile)
    rows = data.indicators(profile)
    for r in rows:
        r["realisasi_koreksi"] = parse_number(real[r["kode"]])
        r["alasan_koreksi"] = "Data final unit"
    with open_workbook(path, write=True) as gw:
        gw.write_rows(S.PEJABAT, tables[S.PEJABAT.name])
        gw.write_rows(S.UNIT, tables[S.UNIT.name])
        gw.write_rows(S.FORMAT, rows)
        result = make_paket(gw)
    return result.data


def variant(src: Path, dest: Path, **change: Any) -> Path:
    """A copy of an OPD's data workbook with OPD / Tahun / any header's column changed in both
    sheets (``opd=``, ``tahun=``), a header removed (``hapus=``) or one cell set (``sel=``)."""
    wb = openpyxl.load_workbook(src)
    for name in (D.SHEET_INDIKATOR, D.SHEET_UKURAN):
        ws = wb[name]
        heads = {c.value: c.column for c in ws[1]}
        for r in range(2, ws.max_row + 1):
            if "opd" in change:
                ws.cell(r, heads["OPD"]).value = change["opd"]
            if "tahun" in change:
                ws.cell(r, heads["Tahun"]).value = change["tahun"]
        if change.get("hapus") in heads and name == D.SHEET_INDIKATOR:
            ws.cell(1, heads[change["hapus"]]).value = None
    if "sel" in change:
        address, value = change["sel"]
        wb[D.SHEET_INDIKATOR][address].value = value
    wb.save(dest)
    return dest


def rows_of(path: Path, sheet: str) -> list[dict[str, Any]]:
    ws = openpyxl.load_workbook(path, data_only=True)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_package_data_workbook_passes_office_checks(paket: dict[str, Any]) -> None:
    data_file = Path(paket["data"])
    assert data_file.name == "09_Data_Kinerja_Wonoasih_2025.xlsx"
    assert rows_of(data_file, D.SHEET_INDIKATOR)[0]["Realisasi Tahun"] is not None
    check_office(data_file)


def test_city_table_from_three_opds_with_a_wrong_year_a_broken_file_and_a_duplicate(
    paket: dict[str, Any], tmp_path: Path
) -> None:
    src = Path(paket["data"])
    kota = tmp_path / "kota"
    kota.mkdir()
    shutil.copy2(src, kota / src.name)
    variant(src, kota / "09_Data_Kinerja_Kademangan_2025.xlsx", opd="Kecamatan Kademangan")
    variant(src, kota / "09_Data_Kinerja_Mayangan_2025.xlsx", opd="Kecamatan Mayangan")
    variant(
        src, kota / "09_Data_Kinerja_Kanigaran_2024.xlsx", opd="Kecamatan Kanigaran", tahun=2024
    )
    (kota / "09_Data_Kinerja_Kedopok_2025.xlsx").write_bytes(b"PK\x03\x04 rusak")
    variant(src, kota / "salinan_Wonoasih.xlsx")  # the same OPD a second time
    out = tmp_path / "Tabel_Kota.xlsx"

    result = lkjip_json("kota", "gabung", kota, "--out", out)

    assert result["data"]["tahun"] == 2025
    status = {b["file"]: b["status"] for b in result["data"]["berkas"]}
    assert status == {
        "09_Data_Kinerja_Wonoasih_2025.xlsx": "Dipakai",
        "09_Data_Kinerja_Kademangan_2025.xlsx": "Dipakai",
        "09_Data_Kinerja_Mayangan_2025.xlsx": "Dipakai",
        "09_Data_Kinerja_Kanigaran_2024.xlsx": "Ditolak",
        "09_Data_Kinerja_Kedopok_2025.xlsx": "Ditolak",
        "salinan_Wonoasih.xlsx": "Ditolak",
    }
    warnings = result["peringatan"]

    def said(start: str) -> str:
        return next(w for w in warnings if w.startswith(start))

    assert "Tahun 2024 berbeda dengan tahun tabel kota 2025" in said(
        "09_Data_Kinerja_Kanigaran_2024.xlsx, sheet Indikator, sel C2:"
    )
    assert "tidak dapat dibuka sebagai workbook Excel" in said("09_Data_Kinerja_Kedopok_2025.xlsx:")
    dup = said("salinan_Wonoasih.xlsx, sheet Indikator, sel A2:")
    assert "sudah dibaca dari 09_Data_Kinerja_Wonoasih_2025.xlsx" in dup
    assert "Simpan satu file per OPD" in dup
    # no quarterly realisations yet: one note per OPD naming the TW columns
    quarter = said("09_Data_Kinerja_Mayangan_2025.xlsx, sheet Indikator, sel T")
    assert "belum lengkap realisasi triwulannya" in quarter and "TW I, II, III, IV" in quarter

    table = rows_of(out, X.SHEET_KOTA)
    one = rows_of(src, D.SHEET_INDIKATOR)
    assert len(table) == 3 * len(one)
    assert {r["OPD"] for r in table} == {
        "Kecamatan Wonoasih",
        "Kecamatan Kademangan",
        "Kecamatan Mayangan",
    }
    mayangan = [r for r in table if r["OPD"] == "Kecamatan Mayangan"]
    for got, want in zip(mayangan, one, strict=True):
        assert got["File Asal"] == "09_Data_Kinerja_Mayangan_2025.xlsx"
        assert {k: got[k] for k in want if k != "OPD"} == {
            k: v for k, v in want.items() if k != "OPD"
        }
    summary = {r["File"]: r for r in rows_of(out, X.SHEET_RINGKASAN)}
    assert summary["09_Data_Kinerja_Kademangan_2025.xlsx"]["Jumlah Indikator"] == len(one)
    caps = [r["Capaian (%)"] for r in one if r["Capaian (%)"] is not None]
    wonoasih = summary["09_Data_Kinerja_Wonoasih_2025.xlsx"]
    assert wonoasih["Tercapai (≥100%)"] == sum(1 for c in caps if c >= 100)
    assert wonoasih["Rata-rata Capaian (%)"] == pytest.approx(sum(caps) / len(caps), abs=0.005)
    assert wonoasih["Capaian Berbeda dari Hitung Ulang"] == 0
    assert summary["09_Data_Kinerja_Kedopok_2025.xlsx"]["Status"] == "Ditolak"
    assert len(rows_of(out, "IKM dan SAKIP Kota")) == 3 * len(rows_of(src, D.SHEET_UKURAN))
    problems = rows_of(out, X.SHEET_MASALAH)
    assert {p["File"] for p in problems} >= {
        "09_Data_Kinerja_Kanigaran_2024.xlsx",
        "09_Data_Kinerja_Kedopok_2025.xlsx",
        "salinan_Wonoasih.xlsx",
    }
    assert all(p["Perbaikan"] for p in problems)
    check_office(out)


def test_older_format_typed_over_capaian_and_a_zip(paket: dict[str, Any], tmp_path: Path) -> None:
    src = Path(paket["data"])
    kota = tmp_path / "kota"
    kota.mkdir()
    shutil.copy2(paket["zip"], kota)  # Wonoasih's package as it was sent
    variant(src, kota / "lama.xlsx", opd="Kecamatan Lama", hapus="Capaian (%)")
    heads = [k.header for k in D.KOLOM_INDIKATOR]
    cap_col = openpyxl.utils.get_column_letter(heads.index("Capaian (%)") + 1)
    variant(src, kota / "diketik.xlsx", opd="Kecamatan Ketik", sel=(f"{cap_col}4", 150))
    other = openpyxl.Workbook()
    other.active.append(["Nama", "Nilai"])
    other.save(kota / "rekap_lain.xlsx")

    result = lkjip_json("kota", "gabung", kota)

    out = Path(result["data"]["file"])
    assert out == kota / "Tabel_Kota_LKjIP_2025.xlsx"
    status = {b["file"]: b["status"] for b in result["data"]["berkas"]}
    zipped = f"{Path(paket['zip']).name}!{Path(paket['folder']).name}/{src.name}"
    assert status == {
        zipped: "Dipakai",
        "lama.xlsx": "Ditolak",
        "diketik.xlsx": "Dipakai",
        "rekap_lain.xlsx": "Ditolak",
    }
    warnings = result["peringatan"]
    lama = next(w for w in warnings if w.startswith("lama.xlsx"))
    assert lama.startswith(
        "lama.xlsx, sheet Indikator, baris 1: kolom wajib tidak ada: 'Capaian (%)'"
    )
    assert "format lain atau versi lama" in lama
    typed = next(
        w for w in warnings if w.startswith(f"diketik.xlsx, sheet Indikator, sel {cap_col}4")
    )
    want = rows_of(src, D.SHEET_INDIKATOR)[2]["Capaian (%)"]
    assert f"Capaian tertulis 150, dihitung ulang {want:g}" in typed
    assert "lkjip paket" in typed
    other_msg = next(w for w in warnings if w.startswith("rekap_lain.xlsx, sheet Info"))
    assert "bukan file data kinerja dari 'lkjip paket'" in other_msg
    summary = {r["File"]: r for r in rows_of(out, X.SHEET_RINGKASAN)}
    assert summary["diketik.xlsx"]["Capaian Berbeda dari Hitung Ulang"] == 1

    # a second run does not read its own table and does not overwrite it
    again = lkjip_json("kota", "gabung", kota)
    assert Path(again["data"]["file"]).name == "Tabel_Kota_LKjIP_2025_v2.xlsx"
    assert {b["file"] for b in again["data"]["berkas"]} == set(status)
    assert again["pesan"].startswith("Tabel_Kota_LKjIP_2025.xlsx sudah ada dan tidak ditimpa.")


def test_empty_or_missing_folder_is_refused(tmp_path: Path) -> None:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    done = subprocess.run(
        ["lkjip", "kota", "gabung", str(tmp_path / "tidak_ada")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 2 and "tidak ada" in done.stderr
    done = subprocess.run(
        ["lkjip", "kota", "gabung", str(tmp_path)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 2 and "tidak berisi file .xlsx atau .zip" in done.stderr
