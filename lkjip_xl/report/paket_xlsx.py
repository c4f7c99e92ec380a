"""Write the package's machine-readable workbook and the city's merged table (.xlsx).

Renders what it is handed (rows keyed by :mod:`lkjip_xl.domain.paket` columns); it reads no
OPD workbook. openpyxl writes; the file is written to a temporary name and moved into place, so
a failure never leaves a half-written workbook.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lkjip_xl.domain import paket as D

__all__ = ["SHEET_KOTA", "SHEET_MASALAH", "SHEET_RINGKASAN", "write_city", "write_data"]

SHEET_KOTA = "Indikator Kota"
SHEET_UKURAN_KOTA = "IKM dan SAKIP Kota"
SHEET_RINGKASAN = "Ringkasan OPD"
SHEET_MASALAH = "Pemeriksaan"

_HEADER_FILL = "DDEBF7"
_BLUE = "1F4E78"
_FONT = "Arial"
_WIDTH = {"teks": 18, "angka": 12, "bilangan": 8}
_WIDE = {"sasaran": 40, "indikator": 45, "keterangan": 70, "sumber_realisasi": 28}


def _save(wb: Any, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".xlsx", dir=path.parent, prefix=".lkjip-")
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return path


def _sheet(
    wb: Any,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    first: bool = False,
    table: str = "",
) -> Any:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    ws.append(list(headers))
    for r in rows:
        ws.append(list(r))
    bold = Font(name=_FONT, bold=True, color=_BLUE)
    fill = PatternFill("solid", fgColor=_HEADER_FILL)
    for c in ws[1]:
        c.font, c.fill = bold, fill
        c.alignment = Alignment(wrap_text=True, vertical="top")
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    wide = [i for i, w in enumerate(widths, start=1) if w >= 40]
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    # long texts (sasaran, indikator, masalah …) wrap; neither Excel nor LibreOffice grows the
    # rows of a file openpyxl wrote, so each row gets the height of its longest text
    for r, row in enumerate(rows, start=2):
        lines = 1
        for c in ws[r]:
            c.alignment = wrap if c.column in wide else top
        for i in wide:
            text = "" if row[i - 1] is None else str(row[i - 1])
            per_line = max(int(widths[i - 1] * 1.1) - 2, 8)
            lines = max(lines, -(-len(text) // per_line))
        if lines > 1:
            ws.row_dimensions[r].height = 13.0 * lines + 2
    ws.freeze_panes = "A2"
    ws.page_setup.orientation = "landscape"  # printed: one page wide, headers on every page
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = "1:1"
    if table and rows:
        ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
        t = Table(displayName=table, ref=ref)
        t.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        ws.add_table(t)
    return ws


def _widths(cols: Sequence[D.Kolom]) -> list[float]:
    return [_WIDE.get(k.key, _WIDTH[k.tipe]) for k in cols]


def _values(cols: Sequence[D.Kolom], rows: Sequence[dict[str, Any]]) -> list[list[Any]]:
    return [[r.get(k.key) for k in cols] for r in rows]


def _number_formats(ws: Any, cols: Sequence[D.Kolom], n: int) -> None:
    from openpyxl.utils import get_column_letter

    for i, k in enumerate(cols, start=1):
        if k.tipe != "angka":
            continue
        letter = get_column_letter(i)
        for r in range(2, n + 2):
            ws[f"{letter}{r}"].number_format = "#,##0.00"


def write_data(
    path: Path,
    *,
    indikator: Sequence[dict[str, Any]],
    ukuran: Sequence[dict[str, Any]],
    info: Sequence[tuple[str, Any]],
) -> Path:
    """The OPD's data workbook: Indikator, IKM dan SAKIP, Keterangan Kolom, Info."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = _sheet(
        wb,
        D.SHEET_INDIKATOR,
        [k.header for k in D.KOLOM_INDIKATOR],
        _values(D.KOLOM_INDIKATOR, indikator),
        _widths(D.KOLOM_INDIKATOR),
        first=True,
        table="tblIndikator",
    )
    _number_formats(ws, D.KOLOM_INDIKATOR, len(indikator))
    ws = _sheet(
        wb,
        D.SHEET_UKURAN,
        [k.header for k in D.KOLOM_UKURAN],
        _values(D.KOLOM_UKURAN, ukuran),
        _widths(D.KOLOM_UKURAN),
        table="tblUkuran",
    )
    _number_formats(ws, D.KOLOM_UKURAN, len(ukuran))
    _sheet(
        wb,
        D.SHEET_KETERANGAN,
        ["Sheet", "Kolom", "Tipe", "Wajib", "Keterangan"],
        D.keterangan_rows(),
        [16, 24, 14, 8, 90],
    )
    _sheet(wb, D.SHEET_INFO, ["Kunci", "Nilai"], [list(i) for i in info], [22, 60])
    return _save(wb, path)


def _keyed_sheet(
    wb: Any,
    title: str,
    heads: Sequence[tuple[str, str, float]],
    rows: Sequence[dict[str, Any]],
) -> Any:
    """A sheet of dict rows, one column per ``(key, header, width)``."""
    return _sheet(
        wb,
        title,
        [h for _k, h, _w in heads],
        [[r.get(k) for k, _h, _w in heads] for r in rows],
        [w for _k, _h, w in heads],
    )


def write_city(
    path: Path,
    *,
    indikator: Sequence[dict[str, Any]],
    ukuran: Sequence[dict[str, Any]],
    ringkasan: Sequence[dict[str, Any]],
    masalah: Sequence[dict[str, Any]],
    dibuat: dt.datetime,
) -> Path:
    """The city table: every OPD's indicators and IKM/SAKIP, one summary row per file, and
    every problem found (file, sheet, cell, problem, fix)."""
    from openpyxl import Workbook

    cols = [D.Kolom("file", "File Asal", "teks", "File OPD asal baris ini."), *D.KOLOM_INDIKATOR]
    wb = Workbook()
    ws = _sheet(
        wb,
        SHEET_KOTA,
        [k.header for k in cols],
        _values(cols, indikator),
        _widths(cols),
        first=True,
        table="tblIndikatorKota",
    )
    _number_formats(ws, cols, len(indikator))
    ucols = [D.Kolom("file", "File Asal", "teks", ""), *D.KOLOM_UKURAN]
    _sheet(
        wb,
        SHEET_UKURAN_KOTA,
        [k.header for k in ucols],
        _values(ucols, ukuran),
        _widths(ucols),
        table="tblUkuranKota",
    )
    heads = [
        ("file", "File", 36),
        ("opd", "OPD", 28),
        ("tahun", "Tahun", 8),
        ("status", "Status", 14),
        ("indikator", "Jumlah Indikator", 10),
        ("tercapai", "Tercapai (≥100%)", 10),
        ("rata_capaian", "Rata-rata Capaian (%)", 12),
        ("ikm", "IKM", 10),
        ("nilai_sakip", "Nilai SAKIP", 10),
        ("triwulan_kosong", "Indikator Tanpa Realisasi Triwulan Lengkap", 14),
        ("capaian_beda", "Capaian Berbeda dari Hitung Ulang", 12),
        ("catatan", "Catatan", 80),
    ]
    _keyed_sheet(wb, SHEET_RINGKASAN, heads, ringkasan)
    mheads = [
        ("file", "File", 36),
        ("sheet", "Sheet", 16),
        ("sel", "Sel", 10),
        ("masalah", "Masalah", 60),
        ("perbaikan", "Perbaikan", 60),
    ]
    _keyed_sheet(wb, SHEET_MASALAH, mheads, masalah)
    info = wb.create_sheet(D.SHEET_INFO)
    info.append(["Kunci", "Nilai"])
    info.append(["Format", D.CITY_FORMAT_ID])
    info.append(["Dibuat", dibuat.strftime("%d/%m/%Y %H.%M")])
    info.append(
        ["Jumlah file OPD dipakai", sum(1 for r in ringkasan if r.get("status") == "Dipakai")]
    )
    return _save(wb, path)
