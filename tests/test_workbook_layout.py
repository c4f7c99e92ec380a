"""How the sheets look and print: input colour, labels instead of codes, margins, totals."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from lo_recalc import SOFFICE, recalc

from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook import styles as st
from lkjip_xl.workbook.gateway import open_workbook
from lkjip_xl.workbook.profile_io import OPTION_LABELS


def _fill_rgb(cell: openpyxl.cell.Cell) -> str:
    color = cell.fill.fgColor.rgb if cell.fill and cell.fill.fill_type == "solid" else ""
    return str(color)[-6:] if color else ""


def test_input_cells_are_yellow_and_computed_cells_are_not(workbook_path: Path) -> None:
    wb = openpyxl.load_workbook(workbook_path)
    for spec in S.SHEETS:
        if spec.kind != "input":
            continue
        for table in spec.tables:
            r = table.header_row + 1
            for col in table.columns:
                cell = wb[spec.name].cell(r, table.col_index(col.key))
                if col.is_typed:
                    assert _fill_rgb(cell) == st.INPUT_YELLOW, (spec.name, col.header)
                    assert cell.protection.locked is False
                else:
                    assert _fill_rgb(cell) != st.INPUT_YELLOW, (spec.name, col.header)
    assert _fill_rgb(wb[S.IKM]["B10"]) == st.INPUT_YELLOW
    # Explained once, on Beranda.
    beranda = wb[S.BERANDA]
    legend = [c for row in beranda.iter_rows() for c in row if _fill_rgb(c) == st.INPUT_YELLOW]
    assert len(legend) == 1
    assert "Sel kuning" in beranda.cell(legend[0].row, 2).value


def test_rows_written_later_are_yellow_and_tall_enough(workbook_path: Path) -> None:
    long_text = "Meningkatnya kualitas pelayanan publik kecamatan yang cepat dan tepat"
    with open_workbook(workbook_path, write=True) as gw:
        gw.write_rows(S.ANGGARAN_T, [{"nama": long_text, "pagu": 10, "realisasi": 5}])
    ws = openpyxl.load_workbook(workbook_path)[S.ANGGARAN]
    r = S.ANGGARAN_T.header_row + 1
    cell = ws.cell(r, S.ANGGARAN_T.col_index("nama"))
    assert cell.alignment.wrap_text and _fill_rgb(cell) == st.INPUT_YELLOW
    assert ws.row_dimensions[r].height == 2 * st.LINE_HEIGHT


def test_option_values_show_indonesian_labels_and_dropdowns_offer_them(
    workbook_path: Path,
) -> None:
    ws = openpyxl.load_workbook(workbook_path)[S.PENGATURAN]
    t = S.PROFIL
    rows = {
        ws.cell(r, 1).value: r
        for r in range(t.header_row + 1, t.header_row + 60)
        if ws.cell(r, 1).value
    }
    nilai = t.col_index("nilai")
    assert ws.cell(rows["ikm_bobot"], nilai).value == "Tepat (1/jumlah unsur)"
    assert ws.cell(rows["ikm_gabungan"], nilai).value == "Gabungan responden"
    assert ws.cell(rows["smtp_keamanan"], nilai).value == "STARTTLS"
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    for key, labels in OPTION_LABELS.items():
        offered = lists[f"B{rows[key]}"]
        assert offered == '"' + ",".join(labels.values()) + '"'
        assert not any(code in offered.split('"')[1].split(",") for code in labels)
    # The key column the reader needs is hidden; users read a human label.
    assert ws.column_dimensions["A"].hidden
    assert ws.cell(rows["opd_singkat"], t.col_index("keterangan")).value.startswith(
        "Nama singkat OPD: "
    )


def test_every_sheet_prints_headers_and_footers_whole(workbook_path: Path) -> None:
    wb = openpyxl.load_workbook(workbook_path)
    for ws in wb.worksheets:
        if ws.title == S.XLWINGS_CONF:
            continue
        m = ws.page_margins
        assert m.header < m.top and m.footer < m.bottom, ws.title
        assert ws.page_setup.orientation == "landscape"
    assert wb[S.XLWINGS_CONF].sheet_state == "hidden"  # xlwings still reads a hidden sheet


def test_pengaturan_prints_one_block_per_page_without_splitting_a_table(
    workbook_path: Path,
) -> None:
    ws = openpyxl.load_workbook(workbook_path)[S.PENGATURAN]
    breaks = sorted(b.id for b in ws.col_breaks.brk)
    assert breaks == [S.PEJABAT.first_col - 1, S.UNIT.first_col - 1]
    for table in (S.PROFIL, S.PEJABAT, S.UNIT, S.LIBUR):
        first, last = table.first_col, table.first_col + len(table.columns) - 1
        assert not any(first <= b < last for b in breaks), table.name


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
def test_anggaran_total_row_sums_pagu_and_realisasi(workbook_path: Path, tmp_path: Path) -> None:
    rows = [
        {"kode": "1", "nama": "Program A", "tingkat": "Program", "pagu": 1000, "realisasi": 900},
        {"kode": "2", "nama": "Kegiatan B", "tingkat": "Kegiatan", "pagu": 500, "realisasi": 450},
    ]
    with open_workbook(workbook_path, write=True) as gw:
        gw.write_rows(S.ANGGARAN_T, rows)
    with open_workbook(workbook_path) as gw:
        assert len(gw.read_rows(S.ANGGARAN_T)) == 2  # the total row is not read as data
    ws = openpyxl.load_workbook(recalc(workbook_path, tmp_path), data_only=True)[S.ANGGARAN]
    t = S.ANGGARAN_T
    r = t.header_row - 1
    assert ws.cell(r, t.col_index("tingkat")).value == "Jumlah"
    # The Kegiatan sits under its Program: not counted twice.
    assert ws.cell(r, t.col_index("pagu")).value == 1000
    assert ws.cell(r, t.col_index("realisasi")).value == 900
    assert ws.cell(r, t.col_index("serapan")).value == pytest.approx(90.0)
