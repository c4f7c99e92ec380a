"""The workbook's live formulas agree with the Python engine.

Data is written into SKM, SAKIP, Format Data and Kiriman through the gateway,
LibreOffice recalculates the file (headless conversion to .xlsx), and the
values of the defined names and of the IKM / Capaian sheets are compared with
``compute_summary`` (the engine) and with ``lkjip ikm --json`` to 1e-9.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from lo_recalc import SOFFICE, recalc
from workbook_data import fill

from lkjip_xl.actions.workbook import compute_summary
from lkjip_xl.workbook import build as B
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook

pytestmark = pytest.mark.libreoffice
needs_lo = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")

TOL = 1e-9


def named_values(original: Path, computed: Path) -> dict[str, Any]:
    """Value of every defined name, read from LibreOffice's cached results."""
    wb = openpyxl.load_workbook(original)
    data = openpyxl.load_workbook(computed, data_only=True)
    out: dict[str, Any] = {}
    for name in (
        S.NAME_IKM_INDEKS,
        S.NAME_IKM_KONVERSI,
        S.NAME_IKM_MUTU,
        S.NAME_IKM_RESPONDEN,
        S.NAME_SAKIP_NILAI,
        S.NAME_SAKIP_PREDIKAT,
        B.NAME_IKM_KINERJA,
        B.NAME_IKM_SAMPEL,
    ):
        ((sheet, ref),) = list(wb.defined_names[name].destinations)
        out[name] = data[sheet][ref.replace("$", "")].value
    return out


def _close(a: Any, b: Any) -> bool:
    return abs(float(a) - float(b)) <= TOL * max(1.0, abs(float(b)))


def check_agreement(path: Path, tmp_path: Path) -> dict[str, Any]:
    with open_workbook(path) as gw:
        summary = compute_summary(gw).data
        regulasi = gw.profile().aturan.ikm_regulasi
    computed = recalc(path, tmp_path)
    named = named_values(path, computed)
    ikm, sakip = summary["ikm"], summary["sakip"]

    assert named[S.NAME_IKM_RESPONDEN] == ikm["responden"]
    assert _close(named[S.NAME_IKM_INDEKS], ikm["indeks"])
    assert _close(named[S.NAME_IKM_KONVERSI], ikm["ikm"])
    assert named[S.NAME_IKM_MUTU] == ikm["mutu"]
    assert named[B.NAME_IKM_KINERJA] == ikm["kinerja"]
    assert named[B.NAME_IKM_SAMPEL] == ikm["sampel_minimum"]
    assert _close(named[S.NAME_SAKIP_NILAI], sakip["nilai"])
    assert named[S.NAME_SAKIP_PREDIKAT] == sakip["predikat"]

    data = openpyxl.load_workbook(computed, data_only=True)
    # Per unsur (overall) and per unit on the IKM sheet.
    ws = data[S.IKM]
    n = len(B.UNSUR_NAMES[regulasi])
    for i in range(n):
        code = ws.cell(15 + i, 1).value
        assert _close(ws.cell(15 + i, 3).value, ikm["nrr"][code]), code
        assert ws.cell(15 + i, 6).value == ikm["kosong"][code], code
    unit_top = 15 + n + 9
    seen = {}
    for r in range(unit_top + 1, unit_top + 1 + B.IKM_UNIT_ROWS):
        name = ws.cell(r, 2).value
        if not name:
            continue
        seen[name] = r
        if name not in ikm["per_unit"]:
            assert not ws.cell(r, 3).value
            continue
        unit = ikm["per_unit"][name]
        assert ws.cell(r, 3).value == unit["responden"], name
        assert _close(ws.cell(r, 4 + n).value, unit["indeks"]), name
        assert _close(ws.cell(r, 5 + n).value, unit["ikm"]), name
        assert ws.cell(r, 6 + n).value == unit["mutu"], name
        assert ws.cell(r, 7 + n).value == unit["kinerja"], name
    assert set(ikm["per_unit"]) <= set(seen)

    # Capaian per indicator.
    ws = data[S.CAPAIAN]
    rows = {ws.cell(r, 2).value: r for r in range(5, 5 + B.CAPAIAN_ROWS) if ws.cell(r, 2).value}
    assert list(rows) == [c["kode"] for c in summary["capaian"]]
    for c in summary["capaian"]:
        r = rows[c["kode"]]
        value = ws.cell(r, 9).value
        if c["capaian"] is None:
            assert value in (None, ""), c["kode"]
            assert ws.cell(r, 11).value, c["kode"]  # a note says why
        else:
            assert _close(value, c["capaian"]), c["kode"]
            assert ws.cell(r, 10).value == c["kategori"], c["kode"]
    return {"summary": summary, "named": named, "computed": computed}


@needs_lo
def test_formulas_agree_with_the_engine_default_rules(workbook_path: Path, tmp_path: Path) -> None:
    fill(workbook_path)
    result = check_agreement(workbook_path, tmp_path)
    assert result["summary"]["ikm"]["bobot"] == "exact"
    # The other engineer's CLI gives the same IKM from the same file.
    args = ["ikm", str(workbook_path), "--json", "--populasi", "1500"]
    out = subprocess.run(
        [sys.executable, "-m", "lkjip_xl", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    cli = json.loads(out.stdout)
    named = result["named"]
    assert _close(named[S.NAME_IKM_KONVERSI], cli["ikm"])
    assert named[S.NAME_IKM_RESPONDEN] == cli["responden"]
    args = ["sakip", repr(named[S.NAME_SAKIP_NILAI]), "--json"]
    out = subprocess.run(
        [sys.executable, "-m", "lkjip_xl", *args], capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout)["predikat"] == named[S.NAME_SAKIP_PREDIKAT]
    # Beranda shows the same figures.
    data = openpyxl.load_workbook(result["computed"], data_only=True)
    assert _close(data[S.BERANDA]["I8"].value, named[S.NAME_IKM_KONVERSI])
    assert data[S.BERANDA]["I17"].value == named[S.NAME_SAKIP_PREDIKAT]


@needs_lo
def test_formulas_agree_with_rounded_bobot_mean_and_ratio_rules(
    workbook_path: Path, tmp_path: Path
) -> None:
    rules = {
        "ikm_bobot": "0.111",
        "ikm_gabungan": "mean",
        "capaian_turun": "rasio",
        "capaian_batas_atas": 110,
    }
    fill(workbook_path, seed=11, rules=rules)
    result = check_agreement(workbook_path, tmp_path)
    ikm = result["summary"]["ikm"]
    assert ikm["bobot"] == "0.111"
    assert ikm["gabungan"] == "mean"
    capped = [c for c in result["summary"]["capaian"] if c["capaian"] == 110]
    assert capped, "the cap applies to at least one indicator"
