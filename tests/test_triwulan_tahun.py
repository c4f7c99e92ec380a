"""One year, one set of numbers (issue 22, deliver 4).

A workbook with the quarter forms' rows (sheet Realisasi Triwulan) in: ``lkjip hitung`` and
the LKjIP take the year's realisation from the quarters by each indicator's Rencana Aksi rule
(Kumulatif: the sum of triwulan I–IV; Nilai Terakhir and Tahunan: triwulan IV) through the one
model; a unit's differing annual figure is a warning naming both cells; incomplete quarters
fall back to the annual form; Bab III shows the quarterly trend only when quarter data exists.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from test_forms_triwulan import prepare

from lkjip_xl.domain.numbers import format_id
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.cells import col_letter
from lkjip_xl.workbook.gateway import open_workbook

PU = "Seksi Pelayanan Umum"
TRANTIB = "Seksi Ketenteraman dan Ketertiban Umum"
G = col_letter(S.REALISASI_TW_T.col_index("realisasi"))
K = col_letter(S.KIRIMAN_T.col_index("realisasi"))


def lkjip(*args: str | Path) -> dict[str, Any]:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    done = subprocess.run(
        ["lkjip", *map(str, args), "--json"], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr + done.stdout
    return json.loads(done.stdout)


def quarter(tw: int, unit: str, kode: str, real: float) -> dict[str, Any]:
    return {
        "triwulan": tw,
        "unit": unit,
        "kode": kode,
        "realisasi": real,
        "status": "Valid",
        "diterima": dt.datetime(2025, 3 * tw, 28, 9, 0),
    }


def annual(unit: str, kode: str, real: float) -> dict[str, Any]:
    return {
        "unit": unit,
        "kode": kode,
        "realisasi": real,
        "status": "Valid",
        "diterima": dt.datetime(2026, 1, 8, 9, 0),
    }


QUARTERS = {
    # IKU-04 (kasus, Kumulatif, Turun): 1 + 2 + 1 + 0 = 4; the unit typed 6 for the year
    "IKU-04": (PU, (1, 2, 1, 0)),
    # IKU-03 (%, Nilai Terakhir): TW IV 96,4 = the unit's 96,4 (no warning)
    "IKU-03": (PU, (90, 92, 95, 96.4)),
    # IKU-05 (%, Nilai Terakhir): only TW I–III in: the annual form (100) still counts
    "IKU-05": (TRANTIB, (97, 98, 99, None)),
}


def fill_year(path: Path, *, quarters: bool = True) -> dict[str, int]:
    """The demo's indicators with annual forms for IKU-03/04/05 and (optionally) quarter rows;
    → kode → the Kiriman sheet row of its annual figure."""
    prepare(path)
    with open_workbook(path, write=True) as gw:
        # IKU-01 is an IKM indicator measured once a year (Tahunan): its TW IV counts when
        # there is no SKM result, over the form's 80
        gw.write_rows(
            S.KIRIMAN_T,
            [
                annual(PU, "IKU-04", 6),
                annual(PU, "IKU-03", 96.4),
                annual(TRANTIB, "IKU-05", 100),
                annual(PU, "IKU-01", 80),
            ],
        )
        if quarters:
            rows = [
                quarter(q, unit, kode, v)
                for kode, (unit, values) in QUARTERS.items()
                for q, v in enumerate(values, start=1)
                if v is not None
            ]
            rows.append(quarter(4, PU, "IKU-01", 83.5))
            gw.write_rows(S.REALISASI_TW_T, rows)
        kiriman = {r["kode"]: r["_row"] for r in gw.read_rows(S.KIRIMAN_T)}
    return kiriman


def tw_cells(path: Path) -> dict[tuple[str, int], str]:
    with open_workbook(path) as gw:
        return {
            (r["kode"], r["triwulan"]): f"{G}{r['_row']}" for r in gw.read_rows(S.REALISASI_TW_T)
        }


def test_hitung_takes_the_year_from_the_quarters_by_each_rule(workbook_path: Path) -> None:
    kiriman = fill_year(workbook_path)
    cells = tw_cells(workbook_path)
    out = lkjip("hitung", "-w", workbook_path)
    fig = {c["kode"]: c for c in out["capaian"]}
    # Kumulatif: the sum of the four quarters, from the four cells
    assert fig["IKU-04"]["realisasi"] == 4
    assert fig["IKU-04"]["sumber_realisasi"] == "realisasi triwulan (jumlah TW I–IV)"
    four = "+".join(cells[("IKU-04", q)] for q in (1, 2, 3, 4))
    assert fig["IKU-04"]["sumber_sel"] == f"Realisasi Triwulan!{four}"
    # Nilai Terakhir: triwulan IV
    assert fig["IKU-03"]["realisasi"] == pytest.approx(96.4)
    assert fig["IKU-03"]["sumber_realisasi"] == "realisasi triwulan (TW IV)"
    assert fig["IKU-03"]["sumber_sel"] == f"Realisasi Triwulan!{cells[('IKU-03', 4)]}"
    assert fig["IKU-03"]["perbedaan"] == []  # the unit's annual figure is the same
    # Tahunan (an IKM indicator without SKM data): triwulan IV over the form
    assert fig["IKU-01"]["realisasi"] == pytest.approx(83.5)
    assert fig["IKU-01"]["sumber_realisasi"] == "realisasi triwulan (TW IV)"
    # Incomplete quarters (no TW IV): the unit's annual form
    assert fig["IKU-05"]["realisasi"] == 100
    assert fig["IKU-05"]["sumber_realisasi"] == f"formulir {TRANTIB}"
    assert fig["IKU-05"]["sumber_sel"] == f"Kiriman!{K}{kiriman['IKU-05']}"
    # A unit's differing annual figure: one sentence naming both cells (the model's own)
    assert fig["IKU-04"]["perbedaan"] == [
        f"IKU-04 tahun 2025: formulir {PU} 6 (Kiriman!{K}{kiriman['IKU-04']}) berbeda dengan "
        f"realisasi triwulan (jumlah TW I–IV) 4 (Realisasi Triwulan!{four}); dipakai realisasi "
        "triwulan (jumlah TW I–IV) (aturan indikator lain: koreksi Kasubbag, lalu realisasi "
        "triwulan, lalu formulir unit)."
    ]
    assert fig["IKU-01"]["perbedaan"][0].startswith(f"IKU-01 tahun 2025: formulir {PU} 80 (")
    # and the same sentence is a warning of the command (not a second, parallel one)
    joined = " ".join(" ".join(out.get("peringatan", [])).split())
    assert fig["IKU-04"]["perbedaan"][0] in joined
    assert "realisasi tahun menurut triwulan" not in joined


def test_a_correction_and_the_skm_result_still_win_over_the_quarters(
    workbook_path: Path,
) -> None:
    fill_year(workbook_path)
    with open_workbook(workbook_path, write=True) as gw:
        rows = gw.read_rows(S.FORMAT)
        for r in rows:
            if r["kode"] == "IKU-04":
                r["realisasi_koreksi"], r["alasan_koreksi"] = 5, "Satu kasus tercatat ganda"
        gw.write_rows(S.FORMAT, [{k: v for k, v in r.items() if k != "_row"} for r in rows])
        gw.write_rows(
            S.ikm_olahan_table(),
            [{"unit": gw.profile().service_units[0].nama, "responden": 120, "indeks": 3.2408}],
        )
    fig = {c["kode"]: c for c in lkjip("hitung", "-w", workbook_path)["capaian"]}
    assert fig["IKU-04"]["realisasi"] == 5
    assert fig["IKU-04"]["sumber_realisasi"] == "koreksi Kasubbag"
    assert any("realisasi triwulan (jumlah TW I–IV) 4 (" in p for p in fig["IKU-04"]["perbedaan"])
    assert fig["IKU-01"]["realisasi"] == pytest.approx(81.02)
    assert fig["IKU-01"]["sumber_realisasi"] == "hasil olah SKM"


def test_without_quarter_rows_the_annual_forms_count(workbook_path: Path) -> None:
    kiriman = fill_year(workbook_path, quarters=False)
    fig = {c["kode"]: c for c in lkjip("hitung", "-w", workbook_path)["capaian"]}
    assert fig["IKU-04"]["realisasi"] == 6
    assert fig["IKU-04"]["sumber_sel"] == f"Kiriman!{K}{kiriman['IKU-04']}"
    assert fig["IKU-04"]["perbedaan"] == []


def _trend_table(path: Path) -> list[list[str]] | None:
    for table in Document(str(path)).tables:
        rows = [[c.text.strip() for c in r.cells] for r in table.rows]
        if rows and rows[0][-4:] == ["TW I", "TW II", "TW III", "TW IV"]:
            return rows
    return None


def _report(path: Path) -> Path:
    out = lkjip("report", "-w", path)
    docx_path = Path(next(f for f in out["files"] if str(f).endswith(".docx")))
    assert docx_path.exists()
    return docx_path


def test_bab_iii_shows_the_quarterly_trend_from_the_model(workbook_path: Path) -> None:
    fill_year(workbook_path)
    doc = _report(workbook_path)
    rows = _trend_table(doc)
    assert rows is not None
    assert rows[0] == [
        "No",
        "Indikator Kinerja",
        "Satuan",
        "Aturan",
        "Uraian",
        "TW I",
        "TW II",
        "TW III",
        "TW IV",
    ]
    body = rows[1:]
    by_name = {}
    for r in body:
        by_name.setdefault(r[1], []).append(r)
    with open_workbook(workbook_path) as gw:
        names = {r["kode"]: r["indikator"] for r in gw.read_rows(S.FORMAT)}
        plan = {r["kode"]: r for r in gw.read_rows(S.RENCANA_AKSI_T)}
    # only the indicators with quarter data, two rows each (Target, Realisasi)
    assert set(by_name) == {names[k] for k in ("IKU-01", "IKU-03", "IKU-04", "IKU-05")}
    iku04 = by_name[names["IKU-04"]]
    assert [r[4] for r in iku04] == ["Target", "Realisasi"]
    assert iku04[0][3] == "Kumulatif" and iku04[0][2] == "kasus"
    assert iku04[0][5:] == [format_id(plan["IKU-04"][f"tw{q}"], 0) for q in (1, 2, 3, 4)]
    assert iku04[1][5:] == ["1", "2", "1", "0"]
    iku03 = by_name[names["IKU-03"]]
    assert iku03[0][3] == "Nilai Terakhir"
    assert iku03[1][5:] == ["90,00", "92,00", "95,00", "96,40"]
    iku05 = by_name[names["IKU-05"]]
    assert iku05[1][5:] == ["97", "98", "99", "-"]  # TW IV not in: the annual form counts
    iku01 = by_name[names["IKU-01"]]
    assert iku01[0][3] == "Tahunan" and iku01[1][5:] == ["-", "-", "-", "83,50"]
    # and the year's table shows the figure the quarters give (IKU-04: 4, not the unit's 6)
    capaian = next(
        [[c.text.strip() for c in r.cells] for r in t.rows]
        for t in Document(str(doc)).tables
        if [c.text.strip() for c in t.rows[0].cells][-4:]
        == ["Target", "Realisasi", "Capaian", "Kategori"]
    )
    assert next(r for r in capaian if r[1] == names["IKU-04"])[-3].split()[0] == "4"


def test_bab_iii_has_no_trend_table_without_quarter_data(workbook_path: Path) -> None:
    fill_year(workbook_path, quarters=False)
    doc = _report(workbook_path)
    assert _trend_table(doc) is None
    text = "\n".join(p.text for p in Document(str(doc)).paragraphs)
    assert "per Triwulan" not in text and "Perkembangan target dan realisasi" not in text
