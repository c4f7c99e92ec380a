"""IKM from processed figures typed in (DOMAIN.md §3: NRR per unsur or a final index).

Pure functions (NRR path, indeks path, mutu edges, bad values), the combination with raw
SKM rows (pooled and mean), and the user level: a workbook with typed figures for one
kelurahan only → ``lkjip hitung --json`` and the report context.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from lkjip_xl.domain.ikm import IkmOlahan, combine_ikm, compute_ikm, ikm_from_olahan
from lkjip_xl.errors import LkjipError
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.cells import col_letter
from lkjip_xl.workbook.gateway import open_workbook

CODES = [f"U{i}" for i in range(1, 10)]


def typed(unit: str, nrr: float | None = None, **kw: Any) -> IkmOlahan:
    values = {c: nrr for c in CODES} if nrr is not None else {}
    return IkmOlahan(unit=unit, nrr=values, **kw)


# -- the pure function ---------------------------------------------------------------------


def test_nrr_path_gives_tertimbang_indeks_konversi_mutu() -> None:
    row = IkmOlahan(
        unit="Kelurahan A",
        responden=50,
        nrr={
            c: v for c, v in zip(CODES, [3.2, 3.4, 3.0, 4.0, 3.1, 3.3, 3.5, 2.9, 3.6], strict=True)
        },
        sumber="Portal Emas",
    )
    result = ikm_from_olahan([row])
    unit = result.per_unit["Kelurahan A"]
    assert unit.nrr_tertimbang["U4"] == pytest.approx(4.0 / 9)
    assert unit.indeks == pytest.approx(30.0 / 9)
    assert unit.ikm == pytest.approx(30.0 / 9 * 25)  # 83.33
    assert (unit.mutu, unit.kinerja) == ("B", "Baik")
    assert unit.responden == 50
    assert result.olahan == {"Kelurahan A": "Portal Emas"}
    assert (result.ikm, result.mutu, result.responden) == (unit.ikm, "B", 50)
    assert any("Portal Emas" in w and "hasil olahan" in w for w in result.peringatan)


def test_rounded_bobot_applies_to_typed_nrr() -> None:
    result = ikm_from_olahan([typed("A", 4.0, responden=10)], bobot="0.111")
    assert result.indeks == pytest.approx(4 * 0.111 * 9)
    assert result.ikm == pytest.approx(99.9)
    assert any("0,111" in w for w in result.peringatan)


@pytest.mark.parametrize(
    ("indeks", "mutu"),
    [
        (3.5324, "A"),  # 88.31
        (3.53218, "B"),  # 88.3045 → 88.30
        (3.0644, "B"),  # 76.61
        (3.06418, "C"),  # 76.6045 → 76.60
        (2.6, "C"),  # 65.00
        (2.59978, "D"),  # 64.9945 → 64.99
        (1.0, "D"),
        (4.0, "A"),
    ],
)
def test_indeks_path_and_the_mutu_edges(indeks: float, mutu: str) -> None:
    result = ikm_from_olahan([IkmOlahan(unit="A", indeks=indeks, responden=1)])
    unit = result.per_unit["A"]
    assert unit.nrr == {} and unit.ikm == pytest.approx(indeks * 25)
    assert unit.mutu == mutu
    assert result.nrr == {}  # no unsur figures exist
    assert result.mutu == mutu


def test_typed_indeks_that_disagrees_with_the_nrr_is_reported_and_the_nrr_win() -> None:
    result = ikm_from_olahan([typed("A", 3.0, responden=5, indeks=3.5)])
    assert result.indeks == pytest.approx(3.0)
    assert any("berbeda" in w for w in result.peringatan)


def _problems(rows: list[IkmOlahan], **kw: Any) -> list[Any]:
    with pytest.raises(LkjipError) as err:
        ikm_from_olahan(rows, **kw)
    return err.value.problems


def test_bad_values_name_the_cell_in_indonesian() -> None:
    sel = {"unit": "T5", "responden": "U5", "U3": "X5", "indeks": "AE5"}
    nrr = {c: 3.0 for c in CODES} | {"U3": 5}
    (p,) = _problems([IkmOlahan(unit="A", responden=9, nrr=nrr, sheet="SKM", sel=sel)])
    assert (p.sheet, p.cell) == ("SKM", "X5") and "di luar rentang 1–4" in p.pesan
    (p,) = _problems([IkmOlahan(unit="A", responden=9, nrr=nrr | {"U3": "tiga"}, sel=sel)])
    assert p.cell == "X5" and "bukan angka" in p.pesan
    (p,) = _problems([IkmOlahan(unit="A", responden=9, sel=sel)])
    assert p.cell == "AE5" and "NRR per unsur dan Indeks kosong" in p.pesan
    (p,) = _problems([IkmOlahan(unit="A", responden=9, indeks=87.5, sel=sel)])
    assert p.cell == "AE5" and "1–4" in p.pesan
    (p,) = _problems([IkmOlahan(unit="A", indeks=3.2, sel=sel)])  # pooled needs responden
    assert p.cell == "U5" and "responden kosong" in p.pesan
    (p,) = _problems([IkmOlahan(unit="A", responden=2.5, indeks=3.2, sel=sel)])
    assert p.cell == "U5"
    partial = {c: 3.0 for c in CODES[:5]}
    (p,) = _problems([IkmOlahan(unit="A", responden=9, nrr=partial, indeks=3.0, sel=sel)])
    assert "U6" in p.pesan and "kosong" in p.pesan
    problems = _problems([typed("A", 3.0, responden=1), typed("a", 3.0, responden=1)])
    assert "lebih dari sekali" in problems[0].pesan
    # mean of units does not need a responden count
    assert ikm_from_olahan([IkmOlahan(unit="A", indeks=3.2)], gabungan="mean").mutu == "B"


# -- combination with raw rows -------------------------------------------------------------


def raw_frame() -> pd.DataFrame:
    rows = [("Kecamatan", 4), ("Kecamatan", 3), ("Kelurahan A", 2), ("Kelurahan A", 2)]
    return pd.DataFrame([{"Unit": u, **{c: v for c in CODES}} for u, v in rows], index=range(5, 9))


def test_raw_unit_and_typed_units_pooled() -> None:
    olahan = [
        typed("Kelurahan B", 3.0, responden=6, sumber="Portal Emas"),
        IkmOlahan(unit="Kelurahan C", indeks=2.0, responden=2),
        typed("Kelurahan A", 4.0, responden=100),  # A has raw rows: ignored
    ]
    result = combine_ikm(raw_frame(), olahan, unit_column="Unit", populasi=50)
    assert list(result.per_unit) == ["Kecamatan", "Kelurahan A", "Kelurahan B", "Kelurahan C"]
    assert result.per_unit["Kecamatan"].indeks == pytest.approx(3.5)
    assert result.per_unit["Kelurahan A"].indeks == pytest.approx(2.0)  # raw, not typed 4.0
    # NRR pooled over 4 raw + 6 typed respondents: (3.5*2 + 2*2 + 3*6) / 10 = 2.9
    assert result.nrr["U1"] == pytest.approx(2.9)
    # the indeks-only unit joins weighted by its 2 respondents: (2.9*10 + 2*2) / 12
    assert result.indeks == pytest.approx(33 / 12)
    assert result.responden == 12
    assert result.mutu == "C"  # 68.75
    assert result.olahan == {"Kelurahan B": "Portal Emas", "Kelurahan C": ""}
    text = " ".join(result.peringatan)
    assert "Kelurahan B (Portal Emas), Kelurahan C" in text
    assert "Hasil olahan unit Kelurahan A tidak dipakai" in text
    assert "hanya diisi indeks" in text
    assert result.sampel_minimum == 44 and "kurang dari sampel minimum" in text


def test_raw_unit_and_typed_units_mean() -> None:
    olahan = [typed("Kelurahan B", 3.0), IkmOlahan(unit="Kelurahan C", indeks=2.0)]
    result = combine_ikm(raw_frame(), olahan, unit_column="Unit", gabungan="mean")
    assert result.indeks == pytest.approx((3.5 + 2.0 + 3.0 + 2.0) / 4)
    assert result.nrr["U1"] == pytest.approx((3.5 + 2.0 + 3.0) / 3)  # units with NRR
    assert result.responden == 4  # typed units without a count add none
    assert result.gabungan == "mean"


def test_without_typed_rows_it_is_compute_ikm() -> None:
    a = combine_ikm(raw_frame(), [], unit_column="Unit", populasi=100)
    b = compute_ikm(raw_frame(), unit_column="Unit", populasi=100)
    assert a == b


# -- user level ----------------------------------------------------------------------------


def test_workbook_with_typed_figures_for_one_kelurahan(workbook_path: Path) -> None:
    with open_workbook(workbook_path, write=True) as gw:
        units = [u.nama for u in gw.profile().service_units]
        table = S.ikm_olahan_table()
        row = {"unit": units[1], "responden": 120, "indeks": 3.6, "sumber": "Portal Emas"}
        gw.write_rows(table, [row])
    out = subprocess.run(
        [sys.executable, "-m", "lkjip_xl", "hitung", "--workbook", str(workbook_path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    ikm = json.loads(out.stdout)["ikm"]
    assert list(ikm["per_unit"]) == [units[1]]
    assert ikm["per_unit"][units[1]]["mutu"] == "A"  # 3.6 × 25 = 90
    assert ikm["ikm"] == pytest.approx(90.0) and ikm["responden"] == 120
    assert ikm["olahan"] == {units[1]: "Portal Emas"}

    from lkjip_xl.actions.report_data import gather
    from lkjip_xl.report.render import _ikm_parts

    with open_workbook(workbook_path) as gw:
        data = gather(gw, tahap="draft")
    assert data.ikm is not None and data.ikm.per_unit[units[1]].mutu == "A"
    assert any("hasil olahan" in w and "Portal Emas" in w for w in data.peringatan)
    (unit_row,) = _ikm_parts(data)["ikm_unit_rows"]
    assert unit_row["unit"] == f"{units[1]} (hasil olahan: Portal Emas)"
    assert unit_row["mutu"] == "A"


def test_bad_typed_value_in_the_workbook_names_the_skm_cell(workbook_path: Path) -> None:
    table = S.ikm_olahan_table()
    with open_workbook(workbook_path, write=True) as gw:
        unit = gw.profile().service_units[0].nama
        gw.write_rows(table, [{"unit": unit, "responden": 10, "u1": 4.5}])
    out = subprocess.run(
        [sys.executable, "-m", "lkjip_xl", "hitung", "--workbook", str(workbook_path)],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2
    cell = f"{col_letter(table.col_index('u1'))}5"
    assert f"sel {cell}" in out.stdout + out.stderr
    assert "di luar rentang 1–4" in out.stdout + out.stderr
