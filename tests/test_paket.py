"""``lkjip paket`` (issue 22, Deliver 5): the year's package for the Bagian Organisasi.

A demo year (PK, Rencana Aksi, LKjIP final, numbered letter) → one folder and .zip with the
documents under their e-SAKIP upload names and one data workbook whose figures are the one
model's; missing monev reports are listed with the command that makes them; a monev report is
found through the journal (newest version per triwulan); a document edited after it was made is
flagged but included; nothing is overwritten.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from lkjip_xl.actions import kinerja as kinerja_action
from lkjip_xl.actions.paket import quarterly_realisations
from lkjip_xl.domain import paket as D
from lkjip_xl.domain.numbers import round_half_up
from lkjip_xl.files import sha256_file
from lkjip_xl.journal import Journal
from lkjip_xl.report.pdf import find_soffice
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook

ROOT = Path(__file__).resolve().parents[1]
SHARED_VALIDATOR = Path("/work/shared/tools/ooxml/validate.py")

EXPECTED = {
    "00_Daftar_Isi.txt",
    "01_Perjanjian_Kinerja_2025.docx",
    "02_Rencana_Aksi_2025.docx",
    *(f"0{2 + n}_Monev_TW{n}_2025.docx" for n in (1, 2, 3, 4)),  # the demo's four quarters
    "07_LKjIP_2025.docx",
    "08_Surat_Pengantar_2025.docx",
    "09_Data_Kinerja_Wonoasih_2025.xlsx",
}


def check_office(*paths: Path) -> None:
    """Every Office file passes the Office-open proxy (scripts/check_office.py)."""
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


def lkjip(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(
        ["lkjip", *map(str, args)], capture_output=True, text=True, env=env, timeout=300
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    from lkjip_xl.demo.run import run_demo

    out = tmp_path_factory.mktemp("paket") / "demo"
    result = run_demo(out)
    return out, result


@pytest.fixture
def year(demo: tuple[Path, Any], tmp_path: Path) -> Path:
    """A copy of the demo's folder (the journal's file paths still name the demo's files)."""
    out, _ = demo
    dest = tmp_path / "tahun"
    shutil.copytree(out, dest)
    return dest / "LKjIP_Wonoasih.xlsm"


def sheet_rows(path: Path, sheet: str) -> list[dict[str, Any]]:
    ws = openpyxl.load_workbook(path, data_only=True)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_demo_ends_with_the_package_folder_and_zip(demo: tuple[Path, Any]) -> None:
    out, result = demo
    folder = out / "keluaran" / "Paket_SAKIP_Wonoasih_2025_v1"
    assert result.data["paket"] == str(folder)
    assert {p.name for p in folder.iterdir()} == EXPECTED
    with zipfile.ZipFile(folder.with_name(folder.name + ".zip")) as z:
        assert sorted(z.namelist()) == sorted(f"{folder.name}/{n}" for n in EXPECTED)
        # the documents are the ones the journal recorded, byte for byte
        journal = Journal(out / "jurnal" / "LKjIP_Wonoasih.jsonl")
        pk = journal.events("pk_dibuat")[-1]
        data = z.read(f"{folder.name}/01_Perjanjian_Kinerja_2025.docx")
        assert data == Path(pk["file"]).read_bytes()
        final = [e for e in journal.events("laporan_dibuat") if e["tahap"] == "final"][-1]
        assert z.read(f"{folder.name}/07_LKjIP_2025.docx") == Path(final["file"]).read_bytes()
    # 07 is the report byte for byte (above); made here without LibreOffice's page numbers, it
    # asks Word to update its fields, which the report's own tests and CI's demo check cover
    check_office(
        *(p for p in folder.iterdir() if p.suffix in (".docx", ".xlsx") and p.name[:2] != "07")
    )


def test_data_workbook_holds_the_models_figures(demo: tuple[Path, Any]) -> None:
    out, _ = demo
    data = out / "keluaran" / "Paket_SAKIP_Wonoasih_2025_v1" / "09_Data_Kinerja_Wonoasih_2025.xlsx"
    with open_workbook(out / "LKjIP_Wonoasih.xlsm") as gw:
        found = kinerja_action.gather(gw)
        rencana = {r["kode"]: r for r in gw.read_rows(S.RENCANA_AKSI_T)}
    rows = sheet_rows(data, D.SHEET_INDIKATOR)
    assert list(rows[0]) == [k.header for k in D.KOLOM_INDIKATOR]
    figures = found.kinerja.indikator
    assert [r["Kode Indikator"] for r in rows] == [f.kode for f in figures]
    for row, f in zip(rows, figures, strict=True):
        assert row["OPD"] == "Kecamatan Wonoasih"
        assert row["Kode OPD"] == found.profile.kode_unit
        assert row["Tahun"] == 2025
        assert (row["Sasaran"], row["Indikator"], row["Satuan"]) == (
            f.sasaran,
            f.indikator,
            f.satuan,
        )
        assert row["Target"] == f.target
        assert row["Realisasi Tahun"] == f.realisasi
        assert row["Capaian (%)"] == round_half_up(f.capaian, 2)
        assert row["Kategori"] == f.kategori
        assert row["Sumber Realisasi"] == f.sumber_realisasi
        assert row["Sumber Data"] == (f.sumber_data or None)
        ra = rencana[f.kode]
        assert row["Aturan Triwulan"] == ra["aturan"]
        assert [row[f"Target TW {tw}"] for tw in D.TW] == [ra[f"tw{i}"] for i in range(1, 5)]
        # the quarters as the one model holds them (the ones the year's figure came from)
        quarters = (list(f.realisasi_triwulan) + [None] * 4)[:4]
        assert [row[f"Realisasi TW {tw}"] for tw in D.TW] == quarters
    assert sum(1 for r in rows if r["Realisasi Tahun"] is not None) == len(figures)
    ukuran = sheet_rows(data, D.SHEET_UKURAN)
    ikm = next(f for f in figures if f.jenis == "IKM")
    sakip = next(f for f in figures if f.jenis == "SAKIP")
    by = {(r["Ukuran"], r["Tahun Nilai"]): r for r in ukuran}
    assert by[("IKM", 2025)]["Nilai"] == round_half_up(ikm.realisasi, 2)
    assert by[("IKM", 2025)]["Predikat/Mutu"] in ("A", "B", "C", "D")
    assert by[("Nilai SAKIP", 2025)]["Nilai"] == round_half_up(sakip.realisasi, 2)
    assert by[("Nilai SAKIP", 2025)]["Predikat/Mutu"] == "BB"
    documented = {(r["Sheet"], r["Kolom"]) for r in sheet_rows(data, D.SHEET_KETERANGAN)}
    assert documented == {(D.SHEET_INDIKATOR, k.header) for k in D.KOLOM_INDIKATOR} | {
        (D.SHEET_UKURAN, k.header) for k in D.KOLOM_UKURAN
    }
    info = {r["Kunci"]: r["Nilai"] for r in sheet_rows(data, D.SHEET_INFO)}
    assert info["Format"] == D.FORMAT_ID and info["Versi Format"] == D.FORMAT_VERSI


def without_monev(year: Path) -> None:
    """Forget the demo's four monev reports (a year whose quarterly reports were not made)."""
    path = year.parent / "jurnal" / "LKjIP_Wonoasih.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    kept = [ln for ln in lines if json.loads(ln).get("jenis") != "monev_dibuat"]
    assert len(kept) == len(lines) - 4
    path.write_text("".join(ln + "\n" for ln in kept), encoding="utf-8")


def test_missing_monev_reports_are_listed_with_the_command(year: Path) -> None:
    without_monev(year)
    done = lkjip("paket", "--workbook", year, "--json")
    assert done.returncode == 0, done.stderr + done.stdout
    result = json.loads(done.stdout)
    for n, tw in enumerate(D.TW, start=1):
        line = f"Monev TW {tw} belum dibuat: jalankan lkjip monev --triwulan {n}"
        assert any(w.startswith(line) for w in result["peringatan"]), line
    daftar = (Path(result["data"]["folder"]) / "00_Daftar_Isi.txt").read_text(encoding="utf-8")
    assert "Monev TW III belum dibuat: jalankan lkjip monev --triwulan 3" in daftar
    assert "01_Perjanjian_Kinerja_2025.docx: Perjanjian Kinerja versi 1" in daftar


def test_monev_newest_version_edited_document_and_a_new_folder(year: Path) -> None:
    without_monev(year)
    root = year.parent
    journal = Journal(root / "jurnal" / "LKjIP_Wonoasih.jsonl")
    monev = root / "keluaran" / "monev"
    monev.mkdir()
    source = next((root / "keluaran").glob("Rencana_Aksi_*.docx"))  # any valid .docx
    recorded = {}
    for tw, versi in ((1, 1), (1, 2), (2, 1), (4, 1)):
        path = monev / f"Monev_TW{tw}_Wonoasih_2025_v{versi}.docx"
        shutil.copy2(source, path)
        with zipfile.ZipFile(path, "a") as z:  # make every file's bytes its own
            z.writestr("customXml/lkjip_test.xml", f"<v tw='{tw}' versi='{versi}'/>")
        recorded[(tw, versi)] = path
        journal.append(
            "monev_dibuat",
            tahun=2025,
            triwulan=tw,
            versi=versi,
            tanggal="2025-04-10",
            file=str(path.resolve()),
            sha256=sha256_file(path),
        )
    # a monev report of another year is not this year's
    journal.append(
        "monev_dibuat",
        tahun=2024,
        triwulan=3,
        versi=1,
        tanggal="2024-10-10",
        file=str(recorded[(2, 1)].resolve()),
        sha256=sha256_file(recorded[(2, 1)]),
    )
    # the PK is edited in Word after it was made
    pk = Path(journal.events("pk_dibuat")[-1]["file"])
    pk_copy = root / "keluaran" / pk.name
    shutil.copy2(pk, pk_copy)
    pk_event = dict(journal.events("pk_dibuat")[-1])
    with zipfile.ZipFile(pk_copy, "a") as z:
        z.writestr("customXml/diedit.xml", "<diedit/>")
    journal.append(
        "pk_dibuat",
        **{k: v for k, v in pk_event.items() if k not in ("jenis", "waktu", "file", "versi")},
        versi=2,
        file=str(pk_copy.resolve()),
    )
    first = root / "keluaran" / "Paket_SAKIP_Wonoasih_2025_v1"
    before = {p.name: sha256_file(p) for p in first.iterdir()}

    done = lkjip("paket", "--workbook", year, "--json")
    assert done.returncode == 0, done.stderr + done.stdout
    result = json.loads(done.stdout)
    folder = Path(result["data"]["folder"])
    assert folder.name == "Paket_SAKIP_Wonoasih_2025_v2"
    assert {p.name: sha256_file(p) for p in first.iterdir()} == before  # v1 untouched
    names = {p.name for p in folder.iterdir()}
    assert names == EXPECTED - {"05_Monev_TW3_2025.docx"}
    assert (folder / "03_Monev_TW1_2025.docx").read_bytes() == recorded[(1, 2)].read_bytes()
    assert [k["dokumen"] for k in result["data"]["kurang"]] == ["monev_3"]
    warnings = "\n".join(result["peringatan"])
    assert "Monev TW III belum dibuat: jalankan lkjip monev --triwulan 3" in warnings
    assert "Monev TW I belum" not in warnings
    assert "01_Perjanjian_Kinerja_2025.docx" in warnings and "SHA-256 berbeda" in warnings
    assert (folder / "01_Perjanjian_Kinerja_2025.docx").read_bytes() == pk_copy.read_bytes()
    daftar = (folder / "00_Daftar_Isi.txt").read_text(encoding="utf-8")
    assert "Diubah setelah dibuat" in daftar
    with zipfile.ZipFile(folder.with_name(folder.name + ".zip")) as z:
        assert len(z.namelist()) == len(names)
    event = Journal(root / "jurnal" / "LKjIP_Wonoasih.jsonl").events("paket_dibuat")[-1]
    assert event["versi"] == 2 and event["kurang"] == ["monev_3"]
    check_office(folder / "09_Data_Kinerja_Wonoasih_2025.xlsx")


def test_a_deleted_document_is_named_with_its_folder(year: Path) -> None:
    journal = Journal(year.parent / "jurnal" / "LKjIP_Wonoasih.jsonl")
    letter = journal.events("surat_dibuat")[-1]
    moved = dict(letter)
    moved["file"] = str(year.parent / "keluaran" / "hilang" / "Surat.docx")
    journal.append(
        "surat_dibuat", **{k: v for k, v in moved.items() if k not in ("jenis", "waktu")}
    )
    with open_workbook(year, write=True) as gw:
        from lkjip_xl.actions.paket import make_paket

        result = make_paket(gw)
    folder = Path(result.data["folder"])
    assert "08_Surat_Pengantar_2025.docx" not in {p.name for p in folder.iterdir()}
    text = next(w for w in result.peringatan if w.startswith("Surat Pengantar"))
    assert "Surat.docx tidak ada lagi di" in text and "lkjip letter" in text


def test_quarter_columns_come_from_the_isolated_function(year: Path) -> None:
    with open_workbook(year) as gw:
        found = kinerja_action.gather(gw)
        # the demo's four quarters, as the one model picked them
        quarters = quarterly_realisations(gw)
    assert quarters["IKU-04"] == {
        q: v for q, v in enumerate(found.kinerja.by_kode("IKU-04").realisasi_triwulan, start=1)
    }
    assert set(quarters["IKU-01"]) == {4}  # an annual (Tahunan) indicator: triwulan IV only
    f = found.kinerja.indikator[2]
    rows = D.indikator_rows(
        [f],
        opd="Kecamatan X",
        kode_opd="",
        tahun=2025,
        rumus_turun="selisih",
        batas_atas=None,
        rencana={f.kode: D.RencanaTriwulan("Kumulatif", (1.0, 2.0, 3.0, 4.0))},
        triwulan={f.kode: {1: 10.0, 3: 30.0}},
    )
    (row,) = rows
    assert [row[f"realisasi_tw{i}"] for i in range(1, 5)] == [10.0, None, 30.0, None]
    assert [row[f"target_tw{i}"] for i in range(1, 5)] == [1.0, 2.0, 3.0, 4.0]
    assert row["kode_opd"] is None and row["opd"] == "Kecamatan X"


def test_readme_documents_every_column_and_document() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert D.markdown_columns() in readme
    assert D.markdown_documents() in readme


def test_workbook_without_indicators_is_refused(workbook_path: Path) -> None:
    done = lkjip("paket", "--workbook", workbook_path)
    assert done.returncode == 2
    assert "Format Data belum berisi indikator" in done.stderr
    assert not (workbook_path.parent / "keluaran").exists() or not list(
        (workbook_path.parent / "keluaran").glob("Paket_*")
    )


@pytest.mark.skipif(find_soffice() is None, reason="needs LibreOffice to convert Word to PDF")
def test_pdf_option_adds_a_pdf_of_every_document(year: Path) -> None:
    from lkjip_xl.actions.paket import make_paket

    # the letter's PDF already sits beside it: it is taken, not made again
    journal = Journal(year.parent / "jurnal" / "LKjIP_Wonoasih.jsonl")
    letter = Path(journal.events("surat_dibuat")[-1]["file"])
    letter_pdf = year.parent / "surat.pdf"
    letter_pdf.write_bytes(b"%PDF-1.4 surat bertanda tangan\n")
    shutil.copy2(letter, year.parent / "surat.docx")
    event = {
        k: v for k, v in journal.events("surat_dibuat")[-1].items() if k not in ("jenis", "waktu")
    }
    journal.append(
        "surat_dibuat", **(event | {"file": str((year.parent / "surat.docx").resolve())})
    )
    with open_workbook(year, write=True) as gw:
        result = make_paket(gw, pdf=True)
    folder = Path(result.data["folder"])
    names = {p.name for p in folder.iterdir()}
    docs = {n for n in EXPECTED if n.endswith(".docx")}
    assert names == EXPECTED | {n.replace(".docx", ".pdf") for n in docs}
    assert (folder / "08_Surat_Pengantar_2025.pdf").read_bytes() == letter_pdf.read_bytes()
    for n in docs - {"08_Surat_Pengantar_2025.docx"}:
        assert (folder / n.replace(".docx", ".pdf")).read_bytes().startswith(b"%PDF")
    daftar = (folder / "00_Daftar_Isi.txt").read_text(encoding="utf-8")
    assert "01_Perjanjian_Kinerja_2025.pdf: Perjanjian Kinerja versi 1 (PDF dibuat dari " in daftar
    assert "08_Surat_Pengantar_2025.pdf: Surat Pengantar LKjIP, nomor" in daftar
    assert "(asal surat.pdf;" in daftar
