"""The workbook's classification formulas agree with the engine on both sides of every edge.

Mutu (IKM), predikat (SAKIP) and kategori (capaian) are decided on the value
rounded half away from zero to 2 decimals (DOMAIN.md §9). The formulas the
builder writes are evaluated by LibreOffice on edge values and compared with
``classify_ikm``, ``predikat`` and ``kategori_capaian``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from lo_recalc import recalc

from lkjip_xl.domain.capaian import kategori_capaian
from lkjip_xl.domain.ikm import classify_ikm
from lkjip_xl.domain.sakip import predikat
from lkjip_xl.workbook import build as B
from lkjip_xl.workbook import schema as S

IKM_2017 = [25.0, 64.9949, 64.995, 65.0, 76.6044, 76.605, 76.6056, 76.61, 88.3049, 88.305, 100.0]
IKM_2004 = [25.0, 43.755, 43.7549, 62.5049, 62.505, 81.2549, 81.255, 100.0]
SAKIP = [0.0, 30.0, 30.004, 30.005, 50.0, 60.005, 70.0, 80.004, 90.001, 90.005, 100.0]
KATEGORI = [0.0, 50.5, 50.994, 50.995, 65.994, 66.0, 75.995, 76.0, 90.994, 90.995, 130.0]


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_edges_classify_like_the_engine(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    rows: list[tuple[str, float]] = []
    for v in IKM_2017:
        rows.append(("ikm2017", v))
    for v in IKM_2004:
        rows.append(("ikm2004", v))
    for v in SAKIP:
        rows.append(("sakip", v))
    for v in KATEGORI:
        rows.append(("kategori", v))
    predikat_f = S.SAKIP_T.column("predikat").formula
    interpretasi_f = S.SAKIP_T.column("interpretasi").formula
    for r, (kind, value) in enumerate(rows, start=1):
        ws[f"A{r}"] = kind
        ws[f"H{r}"] = value
        if kind.startswith("ikm"):
            ws[f"I{r}"] = "=" + B.mutu_formula(f"H{r}", kind[3:])
            ws[f"J{r}"] = "=" + B.kinerja_formula(f"I{r}")
        elif kind == "sakip":
            ws[f"I{r}"] = predikat_f.format(r=r)
            ws[f"J{r}"] = interpretasi_f.format(r=r)
        else:
            ws[f"I{r}"] = "=" + B.kategori_formula(f"H{r}")
    src = tmp_path / "edges.xlsx"
    wb.save(src)
    data = openpyxl.load_workbook(recalc(src, tmp_path), data_only=True).active
    for r, (kind, value) in enumerate(rows, start=1):
        got = (data[f"I{r}"].value, data[f"J{r}"].value)
        if kind.startswith("ikm"):
            assert got == classify_ikm(value, kind[3:]), (kind, value)
        elif kind == "sakip":
            assert got == predikat(value), (kind, value)
        else:
            assert got[0] == kategori_capaian(value), (kind, value)
