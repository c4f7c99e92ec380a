"""Export of the per-unit data forms (issue 4, deliverable 1)."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import openpyxl
import pytest
from test_forms_support import KELURAHAN, export, header, indicators, seed

from lkjip_xl.actions import forms
from lkjip_xl.errors import LkjipError
from lkjip_xl.forms import spec
from lkjip_xl.workbook.gateway import open_workbook


def _kodes(path: Path) -> list[str]:
    ws = openpyxl.load_workbook(path)["Isian"]
    top, cols = header(ws)
    return [
        str(ws.cell(r, cols["Kode"]).value)
        for r in range(top + 1, ws.max_row + 1)
        if ws.cell(r, cols["Kode"]).value
    ]


def test_one_form_per_unit_with_its_indicators(workbook_path: Path) -> None:
    seed(workbook_path)
    paths = export(workbook_path)
    assert set(paths) == {
        "KECAMATAN",
        "PU",
        "PEM",
        "TRANTIB",
        *(f"KEL_{k.upper().replace(' ', '_')}" for k in KELURAHAN),
    }
    # IKM row: to its penanggung jawab and to the profile's sumber_ikm unit (PU);
    # SAKIP row: to its penanggung jawab and to sumber_sakip (PEM).
    assert _kodes(paths["KECAMATAN"]) == ["IKU-01", "IKU-02"]
    assert _kodes(paths["PU"]) == ["IKU-01", "IKU-03"]
    assert _kodes(paths["PEM"]) == ["IKU-02"]
    assert _kodes(paths["TRANTIB"]) == ["IKU-04"]
    assert _kodes(paths["KEL_PAKISTAJI"]) == ["KEL-03"]
    assert paths["KEL_PAKISTAJI"].name == "Format_Data_LKjIP_2025_Kelurahan_Pakistaji.xlsx"
    assert paths["KEL_PAKISTAJI"].parent == workbook_path.parent / "keluaran" / "formulir_2025"


def test_form_layout_contract(workbook_path: Path) -> None:
    seed(workbook_path)
    path = export(workbook_path)["PU"]
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:2] == ["Isian", "Petunjuk"]
    ws = wb["Isian"]
    top, cols = header(ws)
    for name in (
        "Kode",
        "Indikator",
        "Satuan",
        "Target",
        "Realisasi",
        "Keterangan",
        "Bukti Dukung",
    ):
        assert name in cols
    # Unit and year prefilled and locked; the sheet is protected.
    texts = [c.value for row in ws.iter_rows(max_row=top - 1) for c in row if c.value is not None]
    assert "Seksi Pelayanan Umum" in texts and 2025 in texts
    assert ws.protection.sheet is True
    for r in range(1, top + 1):
        for c in range(1, ws.max_column + 1):
            assert ws.cell(r, c).protection.locked is not False
    # Input columns unlocked on the data rows, everything else locked.
    r = top + 1
    assert ws.cell(r, cols["Realisasi"]).protection.locked is False
    assert ws.cell(r, cols["Keterangan"]).protection.locked is False
    assert ws.cell(r, cols["Bukti Dukung"]).protection.locked is False
    for locked in ("Kode", "Indikator", "Satuan", "Target"):
        assert ws.cell(r, cols[locked]).protection.locked is not False
    # Realisasi validated as a decimal with Indonesian messages.
    dvs = [dv for dv in ws.data_validations.dataValidation if dv.type == "decimal"]
    assert len(dvs) == 1
    assert f"{openpyxl.utils.get_column_letter(cols['Realisasi'])}{r}" in str(dvs[0].sqref)
    assert dvs[0].showErrorMessage and "angka" in dvs[0].error and "80,5" in dvs[0].error
    # Instructions in Indonesian.
    help_text = " ".join(str(c.value) for row in wb["Petunjuk"].iter_rows() for c in row if c.value)
    assert "Realisasi" in help_text and "Cara menulis angka" in help_text


def test_metadata_is_very_hidden_and_complete(workbook_path: Path) -> None:
    seed(workbook_path)
    path = export(workbook_path)["PU"]
    wb = openpyxl.load_workbook(path)
    meta_ws = wb[spec.SHEET_META]
    assert meta_ws.sheet_state == "veryHidden"
    meta = {r[0]: r[1] for r in meta_ws.iter_rows(min_row=2, values_only=True)}
    assert meta["versi_formulir"] == spec.FORM_VERSION
    assert meta["kode_unit"] == "PU"
    assert meta["tahun"] == "2025"
    assert meta["id_workbook"] == "LKJIP/Wonoasih/425.503"
    expected = spec.checksum(
        [
            ("IKU-01", "Indeks Kepuasan Masyarakat (IKM)", "Nilai", 85),
            ("IKU-03", "Persentase layanan administrasi selesai tepat waktu", "%", 95),
        ]
    )
    assert meta["checksum"] == expected
    assert wb.security is not None and wb.security.lockStructure


def test_forms_are_macro_free_xlsx(workbook_path: Path) -> None:
    seed(workbook_path)
    for path in export(workbook_path).values():
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            content_types = z.read("[Content_Types].xml").decode()
        assert not any("vbaProject" in n for n in names)
        assert "macroEnabled" not in content_types
        assert path.suffix == ".xlsx"


def test_export_is_deterministic(
    workbook_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lkjip_xl.clock import CLOCK_ENV

    monkeypatch.setenv(CLOCK_ENV, "2026-01-05T09:00:00+07:00")  # the deadline printed on it
    seed(workbook_path)
    first = {
        k: hashlib.sha256(p.read_bytes()).hexdigest() for k, p in export(workbook_path).items()
    }
    again = export(workbook_path, tmp_path / "lagi")
    assert {k: hashlib.sha256(p.read_bytes()).hexdigest() for k, p in again.items()} == first


def test_formula_like_text_in_format_data_stays_text(workbook_path: Path) -> None:
    rows = indicators()
    rows[2]["indikator"] = '=HYPERLINK("http://contoh")'
    seed(workbook_path, rows)
    path = export(workbook_path)["PU"]
    ws = openpyxl.load_workbook(path)["Isian"]
    top, cols = header(ws)
    cell = ws.cell(top + 2, cols["Indikator"])
    assert cell.value == '=HYPERLINK("http://contoh")'
    assert cell.data_type == "s"
    with zipfile.ZipFile(path) as z:
        assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode()


def test_empty_format_data_is_an_error(workbook_path: Path) -> None:
    with open_workbook(workbook_path, write=True) as gw, pytest.raises(LkjipError) as err:
        forms.export_forms(gw)
    assert "Format Data masih kosong" in err.value.pesan


def test_bad_format_data_names_the_cells(workbook_path: Path) -> None:
    rows = indicators()
    rows[1]["kode"] = "IKU-01"  # duplicate
    rows[3]["target"] = "lima"
    seed(workbook_path, rows)
    with open_workbook(workbook_path, write=True) as gw, pytest.raises(LkjipError) as err:
        forms.export_forms(gw)
    problems = {(p.sheet, p.cell): p.pesan for p in err.value.problems}
    assert ("Format Data", "A6") in problems and "dua kali" in problems[("Format Data", "A6")]
    assert ("Format Data", "F8") in problems and "lima" in problems[("Format Data", "F8")]


def test_unknown_penanggung_jawab_is_a_warning(workbook_path: Path) -> None:
    rows = indicators()
    rows[3]["penanggung_jawab"] = "Seksi Tidak Ada"
    seed(workbook_path, rows)
    with open_workbook(workbook_path, write=True) as gw:
        result = forms.export_forms(gw)
    assert any("IKU-04" in w and "Seksi Tidak Ada" in w for w in result.peringatan)
    assert "TRANTIB" not in {f["kode_unit"] for f in result.data["forms"]}
    assert any("Seksi Ketenteraman" in w for w in result.peringatan)  # unit without a form


def test_form_carries_its_return_deadline(
    workbook_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lkjip_xl.clock import CLOCK_ENV

    monkeypatch.setenv(CLOCK_ENV, "2026-01-05T09:00:00+07:00")  # Monday
    seed(workbook_path)
    ws = openpyxl.load_workbook(export(workbook_path)["PU"])["Isian"]
    assert ws["A5"].value == "Batas kembali"
    # Three working days (07.30-16.00, Monday-Friday) from Monday 09.00.
    assert ws["C5"].value == "Kamis, 8 Januari 2026 pukul 09.00 WIB"
