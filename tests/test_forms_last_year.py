"""The unit form's read-only "last year" column (issue 17, Deliver 1; form version 3).

Workbook in (Format Data with Realisasi N-1, a SAKIP sheet), forms out: the column is headed
with the actual year, holds last year's realisation as the one model uses it, is locked and
grey, and is never imported. Forms of the older layouts (version 2) are still read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from test_forms_support import export, fill, header, import_paths, indicators, kiriman, seed

from lkjip_xl.actions.kinerja import kinerja
from lkjip_xl.forms import intake, spec
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook

PU = "Seksi Pelayanan Umum"


def _rows() -> list[dict[str, Any]]:
    """The shared Format Data, with last year's realisation typed for some indicators."""
    rows = indicators()
    n1 = {"IKU-01": 82.75, "IKU-02": 68.2, "IKU-03": 93}  # IKU-04 and the KEL rows: unknown
    for r in rows:
        r["realisasi_n1"] = n1.get(r["kode"])
    return rows


@pytest.fixture
def wb(workbook_path: Path) -> Path:
    seed(workbook_path, _rows())
    with open_workbook(workbook_path, write=True) as gw:
        # LHE SAKIP 2024: 20 + 20 + 10 + 15,2 = 65,2 (differs from the 68,2 typed above)
        gw.write_rows(
            S.SAKIP_T,
            [
                dict(
                    tahun=2024,
                    skema="2021",
                    perencanaan=20,
                    pengukuran=20,
                    pelaporan=10,
                    evaluasi=15.2,
                )
            ],
        )
    return workbook_path


@pytest.fixture
def blank(wb: Path) -> dict[str, Path]:
    return export(wb)


def _table(path: Path) -> tuple[Any, int, dict[str, int], dict[str, int]]:
    """(sheet, header row, {header: column}, {kode: row})."""
    ws = openpyxl.load_workbook(path)["Isian"]
    top, cols = header(ws)
    rows = {
        str(ws.cell(r, cols["Kode"]).value): r
        for r in range(top + 1, ws.max_row + 1)
        if ws.cell(r, cols["Kode"]).value
    }
    return ws, top, cols, rows


def test_the_form_shows_last_years_realisation_under_the_years_header(
    wb: Path, blank: dict[str, Path]
) -> None:
    ws, top, cols, rows = _table(blank["KECAMATAN"])
    # Headed with the actual year (the report year is 2025), never "N-1"; just before Target.
    assert "Realisasi 2024" in cols
    assert not any("N-1" in h for h in cols)
    assert cols["Realisasi 2024"] == cols["Target"] - 1 == cols["Satuan"] + 1
    col = cols["Realisasi 2024"]
    # IKM: Format Data's figure; SAKIP: the model's rule (LHE SAKIP 2024 wins over 68,2).
    assert ws.cell(rows["IKU-01"], col).value == 82.75
    assert ws.cell(rows["IKU-02"], col).value == 65.2
    with open_workbook(wb) as gw:
        model = kinerja(gw)
    assert [model.by_kode(k).realisasi_n1 for k in ("IKU-01", "IKU-02")] == [82.75, 65.2]  # type: ignore[union-attr]
    # Given, not asked: locked and grey like the other given cells, not yellow.
    for r in rows.values():
        cell = ws.cell(r, col)
        assert cell.protection.locked is not False
        assert cell.fill.fgColor.rgb.endswith("F2F2F2")
    assert ws.cell(top, col).fill.fgColor.rgb.endswith("1F4E78")  # a given column's header
    # Unknown last year: "-".
    ws, _top, cols, rows = _table(blank["TRANTIB"])
    assert ws.cell(rows["IKU-04"], cols["Realisasi 2024"]).value == "-"
    ws, _top, cols, rows = _table(blank["PU"])
    assert ws.cell(rows["IKU-03"], cols["Realisasi 2024"]).value == 93
    # The Petunjuk sheet explains the column in Indonesian.
    book = openpyxl.load_workbook(blank["PU"])
    help_text = " ".join(
        str(c.value) for row in book["Petunjuk"].iter_rows() for c in row if c.value
    )
    assert "Kolom 'Realisasi 2024' (abu-abu) berisi realisasi indikator itu tahun 2024" in (
        help_text
    )
    assert "tanda '-' berarti datanya belum ada" in help_text
    assert "isinya tidak diambil saat formulir diimpor" in help_text
    meta = {r[0]: r[1] for r in book[spec.SHEET_META].iter_rows(min_row=2, values_only=True)}
    assert meta["versi_formulir"] == "LKJIP-FORMULIR-3"


def test_a_changed_last_year_figure_changes_the_next_export(wb: Path) -> None:
    with open_workbook(wb, write=True) as gw:
        rows = gw.read_rows(S.FORMAT)
        next(r for r in rows if r["kode"] == "IKU-04")["realisasi_n1"] = 6
        gw.write_rows(S.FORMAT, rows)
    ws, _top, cols, rows_ = _table(export(wb)["TRANTIB"])
    assert ws.cell(rows_["IKU-04"], cols["Realisasi 2024"]).value == 6


def test_a_filled_v3_form_imports_and_the_last_year_column_is_never_taken(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    # The unit lifts the protection and types over last year's figure: it is not imported.
    filled = fill(
        blank["PU"],
        tmp_path / "pu.xlsx",
        {"IKU-01": "84,9", "IKU-03": "96,4"},
        keterangan={"IKU-03": "Loket dibuka lebih awal."},
        edit={("IKU-03", "Realisasi 2024"): 12345, ("IKU-01", "Realisasi 2024"): None},
    )
    data = import_paths(wb, [filled])
    (entry,) = data["files"]
    assert entry["status"] == "diterima", entry
    assert entry["rows_accepted"] == 2 and entry["errors"] == []
    got = {r["kode"]: r for r in kiriman(wb)}
    assert {k: r["realisasi"] for k, r in got.items()} == {"IKU-01": 84.9, "IKU-03": 96.4}
    assert all(r["unit"] == PU for r in got.values())
    assert got["IKU-03"]["keterangan"] == "Loket dibuka lebih awal."  # nothing appended
    assert "12345" not in str(got)
    # … and the Kasubbag is told which cells the unit changed (the file's notes).
    col = openpyxl.utils.get_column_letter(spec.column_of("realisasi_lalu"))
    assert entry["catatan"] == [
        f"IKU-01: kolom 'Realisasi 2024' (sel {col}7) diubah menjadi '(kosong)' (semula "
        "'82,75'). Kolom ini hanya pembanding dan tidak diimpor; bila realisasi 2024 memang "
        "keliru, perbaiki Realisasi N-1 di sheet Format Data.",
        f"IKU-03: kolom 'Realisasi 2024' (sel {col}8) diubah menjadi '12345' (semula '93'). "
        "Kolom ini hanya pembanding dan tidak diimpor; bila realisasi 2024 memang keliru, "
        "perbaiki Realisasi N-1 di sheet Format Data.",
    ]
    # Last year's figure in the workbook is untouched.
    with open_workbook(wb) as gw:
        fmt = {r["kode"]: r["realisasi_n1"] for r in gw.read_rows(S.FORMAT)}
    assert fmt["IKU-03"] == 93


def _as_version_2(src: Path, dest: Path) -> Path:
    """The same form in the version 2 layout (no last-year column), as units still hold it."""
    book = openpyxl.load_workbook(src)
    ws = book["Isian"]
    _top, cols = header(ws)
    ws.delete_cols(cols["Realisasi 2024"])
    meta = book[spec.SHEET_META]
    for row in meta.iter_rows(min_row=2):
        if row[0].value == "versi_formulir":
            row[1].value = "LKJIP-FORMULIR-2"
    book.save(dest)
    return dest


def test_a_version_2_form_still_imports(wb: Path, blank: dict[str, Path], tmp_path: Path) -> None:
    old = _as_version_2(blank["PU"], tmp_path / "pu_v2_kosong.xlsx")
    _ws, _top, cols, _rows = _table(old)
    assert "Realisasi 2024" not in cols and cols["Target"] == 6 and cols["Realisasi"] == 7
    filled = fill(old, tmp_path / "pu_v2.xlsx", {"IKU-01": "84,9", "IKU-03": "96,4"})
    (entry,) = import_paths(wb, [filled])["files"]
    assert entry["status"] == "diterima", entry
    assert entry["catatan"] == []
    assert {r["kode"]: r["realisasi"] for r in kiriman(wb)} == {"IKU-01": 84.9, "IKU-03": 96.4}


def test_an_untouched_v3_form_has_no_notes(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    filled = fill(blank["TRANTIB"], tmp_path / "trantib.xlsx", {"IKU-04": "3"})
    (entry,) = import_paths(wb, [filled])["files"]
    assert (entry["status"], entry["catatan"]) == ("diterima", [])


def test_a_version_2_form_with_a_year_typed_into_its_realisasi_header_still_imports(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    old = _as_version_2(blank["PU"], tmp_path / "pu_v2_kosong.xlsx")
    filled = fill(old, tmp_path / "pu_v2.xlsx", {"IKU-01": "84,9", "IKU-03": "96,4"})
    book = openpyxl.load_workbook(filled)
    book["Isian"].cell(spec.HEADER_ROW, 7).value = "Realisasi 2025"
    book.save(filled)
    (entry,) = import_paths(wb, [filled])["files"]
    assert entry["status"] == "diterima", entry
    assert {r["kode"]: r["realisasi"] for r in kiriman(wb)} == {"IKU-01": 84.9, "IKU-03": 96.4}


@pytest.mark.parametrize(
    ("text", "tahun", "key"),
    [
        ("Realisasi 2024", 2025, "realisasi_lalu"),
        ("Realisasi Tahun 2024", 2025, "realisasi_lalu"),
        ("Realisasi 2025", 2025, "realisasi"),
        ("Realisasi", 2025, "realisasi"),
        ("Realisasi Tahun Lalu", None, "realisasi_lalu"),
        ("Realisasi 2024", None, "realisasi"),
        ("Target", 2025, "target"),
    ],
)
def test_headers_with_a_year_are_told_apart_by_the_forms_year(
    text: str, tahun: int | None, key: str
) -> None:
    assert intake.match_header(text, tahun) == key
