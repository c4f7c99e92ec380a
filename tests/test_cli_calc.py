"""``lkjip ikm | sakip | capaian`` through the installed entry point (file in, output out)."""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from lkjip_xl.actions.calc import ikm_from_file, read_skm_file
from lkjip_xl.domain.numbers import format_id

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "skm_contoh.csv"
U9 = [f"U{i}" for i in range(1, 10)]


def lkjip(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "160", "NO_COLOR": "1"}
    return subprocess.run(
        ["lkjip", *map(str, args)], capture_output=True, text=True, env=env, timeout=120
    )


def lkjip_json(*args: str | Path) -> dict[str, Any]:
    done = lkjip(*args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def write_xlsx(
    path: Path,
    header: list[str],
    rows: list[list[object]],
    *,
    sheet: str = "SKM",
    title_rows: int = 0,
    first_sheet: str | None = "Beranda",
) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    if first_sheet:
        ws.title = first_sheet
        ws["A1"] = "Bukan data SKM"
        ws = wb.create_sheet(sheet)
    else:
        ws.title = sheet
    for i in range(title_rows):
        ws.cell(
            row=i + 1, column=1, value="Data mentah Survei Kepuasan Masyarakat" if i == 0 else None
        )
    ws.append(header) if title_rows == 0 else None
    if title_rows:
        for j, value in enumerate(header, start=1):
            ws.cell(row=title_rows + 1, column=j, value=value)
    start = title_rows + 2
    for i, row in enumerate(rows):
        for j, value in enumerate(row, start=1):
            ws.cell(row=start + i, column=j, value=value)
    wb.save(path)
    return path


def write_csv(
    path: Path, header: list[str], rows: list[list[object]], delimiter: str = ","
) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


# ---------------------------------------------------------------- the shipped example


def test_example_is_what_its_script_generates() -> None:
    spec = importlib.util.spec_from_file_location(
        "make_skm_contoh", ROOT / "examples" / "make_skm_contoh.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert EXAMPLE.read_text(encoding="utf-8") == module.csv_text()
    frame, _ = read_skm_file(EXAMPLE)
    assert len(frame) == 120
    units = set(frame["Unit Layanan"])
    assert units == {
        "Kecamatan Wonoasih",
        "Kelurahan Wonoasih",
        "Kelurahan Jrebeng Kidul",
        "Kelurahan Pakistaji",
        "Kelurahan Kedunggaleng",
        "Kelurahan Kedungasem",
        "Kelurahan Sumbertaman",
    }
    answers = frame[U9].stack().astype(str)
    assert answers.str.fullmatch(r"[abcdABCD]").any()  # letters
    assert answers.str.contains("sesuai|Gratis|Sangat", regex=True).any()  # labels
    assert frame[U9].isna().to_numpy().any()  # blanks


def test_ikm_json_contract_on_the_example() -> None:
    data = lkjip_json("ikm", EXAMPLE)
    for key in ("regulasi", "responden", "nrr", "nrr_tertimbang", "indeks", "ikm", "mutu"):
        assert key in data
    assert {"kinerja", "per_unit", "peringatan", "kosong", "bobot", "gabungan"} <= set(data)
    assert "sampel_minimum" not in data
    assert data["regulasi"] == "2017"
    assert data["responden"] == 120
    assert list(data["nrr"]) == U9
    assert list(data["nrr_tertimbang"]) == U9
    assert len(data["per_unit"]) == 7
    unit = data["per_unit"]["Kelurahan Pakistaji"]
    assert set(unit) >= {"responden", "nrr", "nrr_tertimbang", "indeks", "ikm", "mutu", "kinerja"}
    # the engine's unrounded floats, not display values
    expected = ikm_from_file(EXAMPLE)
    assert data["ikm"] == expected.ikm
    assert data["nrr"]["U1"] == expected.nrr["U1"]
    assert data["indeks"] == pytest.approx(sum(data["nrr_tertimbang"].values()))
    assert data["ikm"] == pytest.approx(data["indeks"] * 25)
    assert sum(u["responden"] for u in data["per_unit"].values()) == 120
    assert any("kosong tidak dihitung" in w for w in data["peringatan"])


def test_ikm_populasi_adds_the_minimum_sample() -> None:
    data = lkjip_json("ikm", EXAMPLE, "--populasi", "500")
    assert data["sampel_minimum"] == 217
    assert any("kurang dari sampel minimum 217" in w for w in data["peringatan"])


def test_ikm_gabungan_mean_top_level_is_the_mean_of_units() -> None:
    data = lkjip_json("ikm", EXAMPLE, "--gabungan", "mean")
    units = data["per_unit"].values()
    assert data["gabungan"] == "mean"
    assert data["indeks"] == pytest.approx(sum(u["indeks"] for u in units) / len(units))
    assert data["ikm"] == pytest.approx(sum(u["ikm"] for u in units) / len(units))
    pooled = lkjip_json("ikm", EXAMPLE)
    assert pooled["ikm"] != pytest.approx(data["ikm"], abs=1e-9)


def test_ikm_bobot_0111() -> None:
    exact = lkjip_json("ikm", EXAMPLE)
    rounded = lkjip_json("ikm", EXAMPLE, "--bobot", "0.111")
    assert rounded["bobot"] == "0.111"
    assert rounded["indeks"] == pytest.approx(exact["indeks"] * 9 * 0.111)


def test_ikm_rich_table_in_indonesian() -> None:
    done = lkjip("ikm", EXAMPLE, "--populasi", "500")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    result = ikm_from_file(EXAMPLE, populasi=500)
    for text in (
        "IKM per unsur",
        "Persyaratan",
        "Sarana dan Prasarana",
        "IKM per unit layanan",
        "Kelurahan Jrebeng Kidul",
        "Mutu pelayanan",
        "Kinerja unit pelayanan",
        "PermenPAN-RB No. 14 Tahun 2017",
        "Sampel minimum",
        "Peringatan:",
    ):
        assert text in out
    assert format_id(result.ikm, 2) in out  # e.g. "79,71": Indonesian decimal comma
    assert format_id(result.indeks, 4) in out
    assert f"{result.ikm:.2f}" not in out  # never the English "79.71"


# ---------------------------------------------------------------- xlsx / xlsm / csv inputs


def test_ikm_from_xlsx_with_title_rows_and_skm_sheet(tmp_path: Path) -> None:
    header = ["No", "Unit Layanan", *[f"{c} {n}" for c, n in zip(U9, "abcdefghi", strict=True)]]
    rows = [
        [1, "Kelurahan Pakistaji", *[4] * 9],
        [2, "Kelurahan Pakistaji", "d", "Sangat mudah", 4, 4, None, 4, 4, 4, 4],
        [3, "Kecamatan Wonoasih", *[3] * 9],
    ]
    path = write_xlsx(tmp_path / "skm.xlsx", header, rows, title_rows=2)
    data = lkjip_json("ikm", path)
    assert data["responden"] == 3
    assert list(data["per_unit"]) == ["Kelurahan Pakistaji", "Kecamatan Wonoasih"]
    assert data["per_unit"]["Kelurahan Pakistaji"]["ikm"] == pytest.approx(100.0)
    assert data["per_unit"]["Kelurahan Pakistaji"]["kosong"]["U5"] == 1
    assert data["nrr"]["U5"] == pytest.approx(3.5)


def test_ikm_first_sheet_when_no_skm_sheet_and_xlsm_suffix(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "jawaban.xlsm",
        ["Kelurahan", *U9],
        [["A", *[4] * 9]],
        sheet="Jawaban",
        first_sheet=None,
    )
    data = lkjip_json("ikm", path, "--unit-column", "Kelurahan")
    assert list(data["per_unit"]) == ["A"]
    assert data["mutu"] == "A"


def test_ikm_semicolon_csv_with_labels(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "skm.csv",
        ["Unit Layanan", *U9],
        [["X", "Sesuai", "b", "3", "Gratis", "c", "Kompeten", "4", "d", "Baik"]],
        delimiter=";",
    )
    data = lkjip_json("ikm", path)
    assert data["nrr"] == {
        "U1": 3,
        "U2": 2,
        "U3": 3,
        "U4": 4,
        "U5": 3,
        "U6": 3,
        "U7": 4,
        "U8": 4,
        "U9": 3,
    }


def test_ikm_regulasi_2004(tmp_path: Path) -> None:
    codes = [f"U{i}" for i in range(1, 15)]
    path = write_csv(tmp_path / "skm2004.csv", codes, [[3] * 14, [4] * 14])
    data = lkjip_json("ikm", path, "--regulasi", "2004")
    assert data["regulasi"] == "2004"
    assert list(data["nrr"]) == codes
    assert data["ikm"] == pytest.approx(87.5)
    assert data["mutu"] == "A"  # 87,50 ≥ 81,26 in 2004


# ---------------------------------------------------------------- bad input


def assert_fails(done: subprocess.CompletedProcess[str], *fragments: str) -> str:
    assert done.returncode == 2, (done.stdout, done.stderr)
    message = " ".join(done.stderr.split())  # rich may wrap long lines
    for fragment in fragments:
        assert fragment in message, message
    return message


def test_missing_file(tmp_path: Path) -> None:
    assert_fails(lkjip("ikm", tmp_path / "tidak_ada.xlsx"), "tidak_ada.xlsx", "tidak ditemukan")


def test_not_a_spreadsheet(tmp_path: Path) -> None:
    txt = tmp_path / "catatan.txt"
    txt.write_text("U1,U2\n", encoding="utf-8")
    assert_fails(lkjip("ikm", txt), "catatan.txt", "bukan spreadsheet atau CSV")
    fake = tmp_path / "palsu.xlsx"
    fake.write_text("ini bukan excel", encoding="utf-8")
    assert_fails(lkjip("ikm", fake), "palsu.xlsx", "bukan file Excel yang sah")


def test_missing_unsur_columns_name_file_and_sheet(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "kurang.xlsx", ["Unit Layanan", *U9[:7]], [["A", *[4] * 7]])
    assert_fails(
        lkjip("ikm", path), "kurang.xlsx", "sheet 'SKM'", "U8, U9", "tidak ditemukan", "sel A1:H1"
    )


def test_no_header_row_at_all(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "kosong.xlsx", ["Nama", "Alamat"], [["a", "b"]])
    assert_fails(lkjip("ikm", path), "kosong.xlsx", "sheet 'SKM'", "Judul kolom U1 tidak ditemukan")


def test_every_bad_cell_is_named_with_its_spreadsheet_address(tmp_path: Path) -> None:
    header = ["No", "Unit Layanan", *U9]  # U1 is column C … U9 is column K
    rows = [
        [1, "Kelurahan A", 4, 4, 4, 4, 5, 4, 4, 4, 4],  # row 4: G = U5 = 5
        [2, None, 3, 3, 3, "delapan", 3, 3, 3, 3, 3],  # row 5: B blank unit, F = U4
        [3, "Kelurahan B", 3, 0, 2.5, 3, 3, 3, 3, 3, "e"],  # row 6: D, E, K
    ]
    path = write_xlsx(tmp_path / "salah.xlsx", header, rows, title_rows=2)  # header on row 3
    message = assert_fails(
        lkjip("ikm", path),
        "salah.xlsx",
        "sheet 'SKM'",
        "6 sel yang tidak sah",
        "sel G4: jawaban U5 '5' tidak sah",
        "sel B5: kolom 'Unit Layanan' kosong",
        "sel F5: jawaban U4 'delapan' tidak sah",
        "sel D6: jawaban U2 '0' tidak sah",
        "sel E6: jawaban U3 '2,5' tidak sah",
        "sel K6: jawaban U9 'e' tidak sah",
        "Perbaikan:",
    )
    assert message.index("sel G4") < message.index("sel B5") < message.index("sel K6")


def test_bad_cells_in_a_csv_have_addresses_too(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "salah.csv", U9, [[4] * 9, [4, 4, 4, 4, 4, 4, 4, 4, "lima"]])
    assert_fails(lkjip("ikm", path), "salah.csv", "sel I3: jawaban U9 'lima' tidak sah")


def test_unit_with_unanswered_unsur_cannot_be_computed(tmp_path: Path) -> None:
    rows = [["A", *[4] * 9], ["B", 3, 3, 3, 3, 3, 3, 3, 3, None]]
    path = write_xlsx(tmp_path / "kosong_unsur.xlsx", ["Unit Layanan", *U9], rows)
    assert_fails(lkjip("ikm", path), "unit 'B'", "U9 (Sarana dan Prasarana)", "kosong_unsur.xlsx")


def test_unknown_unit_column(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "skm.csv", U9, [[4] * 9])
    assert_fails(
        lkjip("ikm", path, "--unit-column", "Kelurahan"), "'Kelurahan' tidak ada", "skm.csv"
    )


def test_bad_option_value_is_a_usage_error() -> None:
    done = lkjip("ikm", EXAMPLE, "--regulasi", "2020")
    assert done.returncode != 0
    assert "2020" in done.stderr


# ---------------------------------------------------------------- sakip, capaian


def test_sakip_json() -> None:
    assert lkjip_json("sakip", "82,45") == {
        "nilai": 82.45,
        "predikat": "A",
        "interpretasi": "Memuaskan",
        "skema": "2021",
    }
    assert lkjip_json("sakip", "90,001")["predikat"] == "A"  # shown as 90,00
    assert lkjip_json("sakip", "90,005")["predikat"] == "AA"
    assert lkjip_json("sakip", "58,12", "--skema", "2015")["skema"] == "2015"


def test_sakip_rich_and_errors() -> None:
    done = lkjip("sakip", "72,1")
    assert done.returncode == 0, done.stderr
    assert "72,10" in done.stdout and "BB" in done.stdout and "Sangat Baik" in done.stdout
    assert_fails(lkjip("sakip", "101"), "di luar rentang 0–100")
    assert_fails(lkjip("sakip", "tujuh puluh"), "'tujuh puluh' bukan angka")
    # Indonesian writing: "90.001" is ninety thousand and one, which is out of range
    assert_fails(lkjip("sakip", "90.001"), "90.001,00 di luar rentang")


def test_capaian_json() -> None:
    data = lkjip_json("capaian", "--target", "1.250", "--realisasi", "1.137,5")
    assert data["capaian"] == pytest.approx(91.0)
    assert data["kategori"] == "Sangat Tinggi"
    turun = lkjip_json("capaian", "--target", "10", "--realisasi", "8", "--polaritas", "turun")
    assert turun["capaian"] == pytest.approx(120.0)
    rasio = lkjip_json(
        "capaian",
        "--target",
        "10",
        "--realisasi",
        "8",
        "--polaritas",
        "turun",
        "--rumus-turun",
        "rasio",
    )
    assert rasio["capaian"] == pytest.approx(125.0)
    zero = lkjip_json("capaian", "--target", "0", "--realisasi", "5")
    assert zero["capaian"] is None and zero["kategori"] is None
    assert "nol atau negatif" in zero["catatan"]


def test_capaian_rich_and_errors() -> None:
    done = lkjip("capaian", "--target", "80", "--realisasi", "72,8")
    assert done.returncode == 0, done.stderr
    assert "91,00%" in done.stdout and "Sangat Tinggi" in done.stdout
    assert_fails(
        lkjip("capaian", "--target", "delapan", "--realisasi", "5"), "Target:", "bukan angka"
    )
