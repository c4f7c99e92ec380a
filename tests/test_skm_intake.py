"""SKM intake as offices really have it (issue 13, deliverables 6–7).

Files in → ``lkjip ikm --json`` (or the workbook's SKM sheet → ``lkjip hitung --json``) out:
Google Forms / Microsoft Forms exports with the full question as header, answers on the
printed 4-point scales, answers on a second sheet, formula cells without stored values, a
``;`` CSV with a stray opening quote, unit names typed differently, summary rows. Every
expected figure comes from :func:`compute_ikm` on the same answers written as numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
import pytest

from lkjip_xl.actions.calc import ikm_from_file
from lkjip_xl.domain.ikm import compute_ikm
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook

U9 = [f"U{i}" for i in range(1, 10)]

QUESTION = {
    "U1": "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis "
    "pelayanannya?",
    "U2": "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
    "U3": "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
    "U4": "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
    "U5": "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang "
    "tercantum dalam standar pelayanan dengan hasil yang diberikan?",
    "U6": "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
    "U7": "Bagaimana pendapat Saudara perilaku petugas dalam pelayanan terkait kesopanan dan "
    "keramahan?",
    "U8": "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
    "U9": "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
}
"""The questions of the PermenPAN-RB 14/2017 questionnaire, as a form tool exports them."""

REGULATION_SCALE = {
    "U1": ("a. Tidak sesuai", "b. Kurang sesuai", "c. Sesuai", "d. Sangat sesuai"),
    "U2": ("a. Tidak mudah", "b. Kurang mudah", "c. Mudah", "d. Sangat mudah"),
    "U3": ("a. Tidak cepat", "b. Kurang cepat", "c. Cepat", "d. Sangat cepat"),
    "U4": ("a. Sangat mahal", "b. Cukup mahal", "c. Murah", "d. Gratis"),
    "U5": ("a. Tidak sesuai", "b. Kurang sesuai", "c. Sesuai", "d. Sangat sesuai"),
    "U6": ("a. Tidak kompeten", "b. Kurang kompeten", "c. Kompeten", "d. Sangat kompeten"),
    "U7": (
        "a. Tidak sopan dan ramah",
        "b. Kurang sopan dan ramah",
        "c. Sopan dan ramah",
        "d. Sangat sopan dan ramah",
    ),
    "U8": (
        "a. Tidak ada",
        "b. Ada tetapi tidak berfungsi",
        "c. Berfungsi kurang maksimal",
        "d. Dikelola dengan baik",
    ),
    "U9": ("a. Buruk", "b. Cukup", "c. Baik", "d. Sangat baik"),
}

UNITS = ["Kecamatan Wonoasih", "Kelurahan Pakistaji", "Kelurahan Kedunggaleng"]


def lkjip(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(
        ["lkjip", *map(str, args)], capture_output=True, text=True, env=env, timeout=120
    )


def lkjip_json(*args: str | Path) -> dict[str, Any]:
    done = lkjip(*args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def refused(done: subprocess.CompletedProcess[str], *fragments: str) -> str:
    assert done.returncode == 2, (done.stdout, done.stderr)
    message = " ".join(done.stderr.split())
    for fragment in fragments:
        assert fragment in message, message
    return message


def answers(n: int, seed: int = 7) -> pd.DataFrame:
    """``n`` respondents: unit and U1..U9 as numbers 1..4 (a few blanks)."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "Unit Layanan": [UNITS[i % len(UNITS)] for i in range(n)],
            **{
                code: rng.choice([1, 2, 3, 4], n, p=[0.05, 0.15, 0.5, 0.3]).astype(object)
                for code in U9
            },
        }
    )
    frame.loc[2, "U8"] = None
    return frame


def expected(frame: pd.DataFrame, **kw: Any) -> Any:
    return compute_ikm(frame, unit_column="Unit Layanan", **kw)


def as_labels(frame: pd.DataFrame, scale: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    out = frame.copy()
    for code in U9:
        out[code] = [None if pd.isna(v) else scale[code][int(v) - 1] for v in frame[code]]
    return out


def same_figures(data: dict[str, Any], result: Any) -> None:
    """JSON figures equal the engine's, bit for bit."""
    assert data["responden"] == result.responden
    assert data["nrr"] == result.nrr
    assert data["ikm"] == result.ikm
    assert data["mutu"] == result.mutu
    assert {u: v["ikm"] for u, v in data["per_unit"].items()} == {
        u: v.ikm for u, v in result.per_unit.items()
    }


def google_rows(frame: pd.DataFrame) -> tuple[list[str], list[list[object]]]:
    """A Google Forms export: timestamp, unit, the nine questions (labels), a free Saran."""
    labelled = as_labels(frame, REGULATION_SCALE)
    header = ["Timestamp", "Unit Layanan", *[QUESTION[c] for c in U9], "Saran dan masukan"]
    start = dt.datetime(2025, 3, 4, 8, 0)
    rows = [
        [
            (start + dt.timedelta(minutes=7 * i)).strftime("%d/%m/%Y %H:%M:%S"),
            labelled.at[i, "Unit Layanan"],
            *[labelled.at[i, c] for c in U9],
            "Pelayanan cepat, petugas ramah" if i % 3 == 0 else "",
        ]
        for i in range(len(frame))
    ]
    return header, rows


def write_csv(path: Path, header: list[str], rows: list[list[object]], sep: str = ",") -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, delimiter=sep)
        writer.writerow(header)
        writer.writerows(["" if v is None or v != v else v for v in row] for row in rows)
    return path


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


# ---------------------------------------------------------------- one test per scale

SCALES: dict[str, tuple[str, str, str, str]] = {
    "puas": ("Tidak puas", "Kurang puas", "Puas", "Sangat puas"),
    "baik": ("Tidak baik", "Kurang baik", "Baik", "Sangat baik"),
    "mudah": ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    "sesuai (a.–d.)": ("a. Tidak sesuai", "b. Kurang sesuai", "c. Sesuai", "d. Sangat sesuai"),
    "cepat": ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    "biaya (regulasi)": ("a. Sangat mahal", "b. Cukup mahal", "c. Murah", "d. Gratis"),
    "wajar": ("Tidak wajar", "Kurang wajar", "Wajar", "Sangat wajar"),
    "murah": ("Tidak murah", "Kurang murah", "Murah", "Sangat murah"),
    "kompeten": ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    "sopan dan ramah": (
        "Tidak sopan dan ramah",
        "Kurang sopan dan ramah",
        "Sopan dan ramah",
        "Sangat sopan dan ramah",
    ),
    "pengaduan (regulasi)": (
        "Tidak ada",
        "Ada tetapi tidak berfungsi",
        "Berfungsi kurang maksimal",
        "Dikelola dengan baik",
    ),
    "berfungsi": ("Tidak berfungsi", "Kurang berfungsi", "Berfungsi", "Sangat berfungsi"),
    "sarana (regulasi)": ("Buruk", "Cukup", "Baik", "Sangat baik"),
    "memuaskan": ("Tidak memuaskan", "Kurang memuaskan", "Memuaskan", "Sangat memuaskan"),
}


@pytest.mark.parametrize("scale", list(SCALES), ids=list(SCALES))
def test_each_answer_scale_is_read_and_its_mapping_shown_once(tmp_path: Path, scale: str) -> None:
    labels = SCALES[scale]
    frame = answers(12, seed=len(scale))
    # any case, extra spaces; the a.–d. prefix kept where the scale has it
    spelled = [
        [f"  {labels[int(v) - 1].upper()} " if i % 2 else labels[int(v) - 1] for v in row]
        for i, row in enumerate(frame[U9].fillna(1).to_numpy())
    ]
    frame = frame.fillna(1)
    rows = [[unit, *cells] for unit, cells in zip(frame["Unit Layanan"], spelled, strict=True)]
    path = write_csv(tmp_path / "skm.csv", ["Unit Layanan", *U9], rows, sep=";")
    result = ikm_from_file(path)
    base = expected(frame)
    assert result.nrr == base.nrr and result.ikm == base.ikm
    shown = {label.split(". ", 1)[-1]: value for value, label in enumerate(labels, start=1)}
    assert result.jawaban_teks == {k: v for k, v in shown.items() if k in result.jawaban_teks}
    assert len(result.jawaban_teks) == len({v for row in frame[U9].to_numpy() for v in row})
    notes = [w for w in result.peringatan if w.startswith("Jawaban berupa teks dibaca")]
    assert len(notes) == 1
    first = labels[2].split(". ", 1)[-1]
    assert f"{first} → 3" in notes[0]


def test_prefix_letter_that_contradicts_the_label_is_refused(tmp_path: Path) -> None:
    rows = [["A", "a. Sangat puas", *["Puas"] * 8]]
    path = write_csv(tmp_path / "skm.csv", ["Unit Layanan", *U9], rows)
    refused(lkjip("ikm", path), "sel B2: jawaban U1 'a. Sangat puas' tidak sah")


# ---------------------------------------------------------------- header styles


def test_google_forms_export_as_csv(tmp_path: Path) -> None:
    frame = answers(30)
    header, rows = google_rows(frame)
    data = lkjip_json("ikm", write_csv(tmp_path / "Survei SKM (Jawaban).csv", header, rows))
    same_figures(data, expected(frame))
    assert data["jawaban_teks"]["Sangat sesuai"] == 4
    assert data["jawaban_teks"]["Gratis"] == 4
    assert data["jawaban_teks"]["Berfungsi kurang maksimal"] == 3
    assert sum(w.startswith("Jawaban berupa teks dibaca") for w in data["peringatan"]) == 1
    # the rich table shows the same mapping once
    done = lkjip("ikm", tmp_path / "Survei SKM (Jawaban).csv")
    assert done.returncode == 0, done.stderr
    assert " ".join(done.stdout.split()).count("Jawaban berupa teks dibaca sebagai nilai") == 1


def test_google_forms_export_as_xlsx(tmp_path: Path) -> None:
    frame = answers(30)
    header, rows = google_rows(frame)
    path = write_xlsx(tmp_path / "Survei SKM.xlsx", {"Form Responses 1": [header, *rows]})
    same_figures(lkjip_json("ikm", path), expected(frame))


def test_microsoft_forms_export_with_metadata_columns(tmp_path: Path) -> None:
    frame = answers(25, seed=3)
    puas = ("Tidak Puas", "Kurang Puas", "Puas", "Sangat Puas")
    labelled = as_labels(frame, {c: puas for c in U9})
    header = [
        "ID",
        "Start time",
        "Completion time",
        "Email",
        "Name",
        "Waktu modifikasi terakhir",
        "Unit Layanan",
        *[f"{QUESTION[c]}\n" for c in U9],
        "Kritik dan saran",
    ]
    start = dt.datetime(2025, 5, 1, 9, 0)
    rows = [
        [
            i + 1,
            start + dt.timedelta(hours=i),
            start + dt.timedelta(hours=i, minutes=4),
            "anonymous",
            None,
            None,
            labelled.at[i, "Unit Layanan"],
            *[labelled.at[i, c] for c in U9],
            "Antre terlalu lama" if i == 4 else None,
        ]
        for i in range(len(frame))
    ]
    path = write_xlsx(tmp_path / "SKM_MSForms.xlsx", {"Sheet1": [header, *rows]})
    data = lkjip_json("ikm", path)
    same_figures(data, expected(frame))
    used = {puas[int(v) - 1].capitalize() for v in frame[U9].stack().dropna()}
    assert data["jawaban_teks"] == {
        label: value
        for value, label in enumerate(["Tidak puas", "Kurang puas", "Puas", "Sangat puas"], 1)
        if label in used
    }


def test_a_question_naming_two_unsur_is_refused_with_its_cell(tmp_path: Path) -> None:
    header = ["Unit Layanan", *[QUESTION[c] for c in U9]]
    header[3] = "Bagaimana kecepatan dan biaya pelayanan?"  # column D names U3 and U4
    header[4] = "Pertanyaan nomor 4"
    rows = [["A", *["c. Sesuai"] * 9], ["A", *["d. Sangat sesuai"] * 9]]
    path = write_csv(tmp_path / "skm.csv", header, rows)
    refused(lkjip("ikm", path), "sel D1", "menyebut lebih dari satu unsur (U3", "U3")


def test_missing_and_doubled_questions_name_the_header_cells(tmp_path: Path) -> None:
    header = ["Unit Layanan", *[QUESTION[c] for c in U9]]
    header[9] = QUESTION["U1"] + " (ulang)"  # U9 missing, U1 twice (B1 and J1)
    rows = [["A", *["c. Sesuai"] * 9]]
    path = write_csv(tmp_path / "skm.csv", header, rows)
    refused(lkjip("ikm", path), "U9", "tidak ditemukan", "sel B1", "sel J1", "kolom untuk U1")


# ---------------------------------------------------------------- sheets and cells


def test_answers_on_a_second_sheet_are_found_or_chosen(tmp_path: Path) -> None:
    frame = answers(20, seed=5)
    values = frame.astype(object).where(frame.notna(), None).values.tolist()
    sheet = [["Unit Layanan", *U9], *values]
    path = write_xlsx(
        tmp_path / "skm.xlsx",
        {"Petunjuk": [["Isi satu baris per responden"], ["U1 = persyaratan"]], "Data": sheet},
    )
    same_figures(lkjip_json("ikm", path), expected(frame))
    same_figures(lkjip_json("ikm", path, "--sheet", "data"), expected(frame))
    refused(lkjip("ikm", path, "--sheet", "Rekap"), "Sheet 'Rekap' tidak ada", "Petunjuk, Data")


def test_formula_rows_without_stored_values_are_reported_not_dropped(tmp_path: Path) -> None:
    frame = answers(6)
    rows: list[list[object]] = [["Unit Layanan", *U9]]
    for i, row in enumerate(frame.itertuples(index=False)):
        cells = list(row)
        if i in (2, 4):  # openpyxl stores the formula without a cached value
            cells = [cells[0], *[f"=IF(TRUE,{int(v or 3)})" for v in cells[1:]]]
        rows.append(cells)
    path = write_xlsx(tmp_path / "rumus.xlsx", {"SKM": rows})
    refused(
        lkjip("ikm", path),
        "rumus.xlsx",
        "sel rumus tanpa nilai tersimpan",
        "sel B4",
        "sel J6",
        "simpan ulang",
    )


def stray_quote_csv(path: Path) -> Path:
    """40 respondents, ``;``; respondent 13 opens a quote in Saran, respondent 40 closes one."""
    frame = answers(40, seed=11).fillna(3)
    lines = ["No;Unit Layanan;" + ";".join(U9) + ";Saran"]
    for i, row in enumerate(frame.itertuples(index=False)):
        saran = "Mantap"
        if i == 12:
            saran = '"Pelayanan sudah baik; tingkatkan'
        if i == 39:
            saran = 'Petugas "ramah"'
        lines.append(f"{i + 1};{row[0]};" + ";".join(str(v) for v in row[1:]) + f";{saran}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_stray_quote_in_a_semicolon_csv_is_refused_naming_the_line(tmp_path: Path) -> None:
    path = stray_quote_csv(tmp_path / "skm_kutip.csv")
    refused(lkjip("ikm", path), "skm_kutip.csv", "tanda kutip", "baris 14", "tidak ditutup")


def test_stray_quote_never_closed_is_refused_too(tmp_path: Path) -> None:
    path = stray_quote_csv(tmp_path / "skm_kutip.csv")
    path.write_text(path.read_text(encoding="utf-8").replace('"ramah"', "ramah"), "utf-8")
    refused(lkjip("ikm", path), "skm_kutip.csv", "tanda kutip", "baris 14")


def test_a_saran_spanning_two_lines_is_fine_and_cells_keep_their_lines(tmp_path: Path) -> None:
    text = (
        "Unit Layanan;" + ";".join(U9) + ";Saran\n"
        "A;" + ";".join(["4"] * 9) + ';"Bagus.\nTerima kasih"\n'
        "A;" + ";".join(["3"] * 8) + ";lima;ok\n"
    )
    path = tmp_path / "skm.csv"
    path.write_text(text, encoding="utf-8")
    refused(lkjip("ikm", path), "sel J4: jawaban U9 'lima' tidak sah")
    path.write_text(text.replace("lima", "3"), encoding="utf-8")
    data = lkjip_json("ikm", path)
    assert data["responden"] == 2 and data["nrr"]["U9"] == 3.5


# ---------------------------------------------------------------- rows


def test_unit_names_typed_differently_are_one_unit_with_one_warning(tmp_path: Path) -> None:
    frame = answers(12, seed=2)
    spellings = ["Kelurahan Wonoasih", "kelurahan  wonoasih", " KELURAHAN WONOASIH "]
    typed = frame.copy()
    typed["Unit Layanan"] = [
        spellings[i % 3] if i < 9 else "Kelurahan Pakistaji" for i in range(len(frame))
    ]
    path = write_csv(tmp_path / "skm.csv", ["Unit Layanan", *U9], typed.values.tolist())
    data = lkjip_json("ikm", path)
    one = frame.copy()
    one["Unit Layanan"] = typed["Unit Layanan"].str.split().str.join(" ").str.title()
    same_figures(data, expected(one))
    assert list(data["per_unit"]) == ["Kelurahan Wonoasih", "Kelurahan Pakistaji"]
    merged = [w for w in data["peringatan"] if "disatukan" in w]
    assert len(merged) == 1
    for spelling in ("'kelurahan  wonoasih'", "'KELURAHAN WONOASIH'", "→ 'Kelurahan Wonoasih'"):
        assert spelling in merged[0]


def test_summary_rows_under_the_answers_are_skipped_with_a_note(tmp_path: Path) -> None:
    frame = answers(15, seed=4).fillna(3)
    rows: list[list[object]] = [
        ["Data Survei Kepuasan Masyarakat 2025"],
        ["No", "Unit Layanan", *U9],
        *[[i + 1, *row] for i, row in enumerate(frame.values.tolist())],
        ["Jumlah", None, *[float(frame[c].sum()) for c in U9]],
        ["Rata-rata", None, *[float(frame[c].mean()) for c in U9]],
        ["Modus", None, *[float(frame[c].mode()[0]) for c in U9]],
        [None, "NRR per unsur", *[float(frame[c].mean()) for c in U9]],
        ["TOTAL", None, *[float(frame[c].sum()) for c in U9]],
    ]
    path = write_xlsx(tmp_path / "rekap.xlsx", {"SKM": rows})
    data = lkjip_json("ikm", path)
    same_figures(data, expected(frame))
    (note,) = [w for w in data["peringatan"] if "baris ringkasan dilewati" in w]
    for fragment in ("5 baris", "baris 18 ('Jumlah')", "baris 20 ('Modus')", "'NRR per unsur'"):
        assert fragment in note


# ---------------------------------------------------------------- the workbook's SKM sheet


def test_workbook_skm_sheet_follows_the_same_rules(workbook_path: Path) -> None:
    frame = answers(12, seed=9).fillna(2)
    with open_workbook(workbook_path, write=True) as gw:
        units = [u.nama for u in gw.profile().service_units][:2]
        table = S.skm_table()
        spelled = {units[0]: f"  {units[0].upper()} ", units[1]: units[1].lower()}
        rows = []
        for i, row in enumerate(frame.itertuples(index=False)):
            unit = units[i % 2]
            cells = {c.lower(): int(v) for c, v in zip(U9, row[1:], strict=True)}
            cells["u1"] = SCALES["puas"][cells["u1"] - 1]  # a label typed in the sheet
            rows.append({"no": i + 1, "unit": spelled[unit] if i % 3 == 0 else unit, **cells})
        rows.append({"unit": "Jumlah", **{c.lower(): 30 for c in U9}})
        gw.write_rows(table, rows)
    out = subprocess.run(
        [sys.executable, "-m", "lkjip_xl", "hitung", "--workbook", str(workbook_path), "--json"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    ikm = json.loads(out.stdout)["ikm"]
    base = frame.copy()
    base["Unit Layanan"] = [units[i % 2] for i in range(len(frame))]
    result = expected(base)
    assert ikm["nrr"] == result.nrr and ikm["ikm"] == result.ikm
    assert list(ikm["per_unit"]) == units
    used = {SCALES["puas"][int(v) - 1] for v in frame["U1"]}
    assert ikm["jawaban_teks"] == {
        label: value for value, label in enumerate(SCALES["puas"], 1) if label in used
    }
    peringatan = " ".join(json.loads(out.stdout).get("peringatan", [])) + " ".join(
        ikm["peringatan"]
    )
    assert "disatukan" in peringatan and "baris ringkasan dilewati" in peringatan


def test_periksa_names_a_label_typed_in_the_skm_sheet_with_its_value(workbook_path: Path) -> None:
    with open_workbook(workbook_path, write=True) as gw:
        unit = gw.profile().service_units[0].nama
        gw.write_rows(
            S.skm_table(), [{"unit": unit, "u1": "Sangat Puas", **{c: 3 for c in ["u2", "u3"]}}]
        )
    done = subprocess.run(
        [sys.executable, "-m", "lkjip_xl", "periksa", "--workbook", str(workbook_path)],
        capture_output=True,
        text=True,
    )
    message = " ".join((done.stdout + done.stderr).split())
    assert done.returncode == 2, message
    assert "jawaban 'Sangat Puas' di kolom 'U1' tersimpan sebagai teks" in message
    assert "Ketik angkanya: 4" in message


# ---------------------------------------------------------------- more file shapes


def test_csv_with_a_title_line_and_commas_inside_quoted_questions(tmp_path: Path) -> None:
    frame = answers(10, seed=8)
    header, rows = google_rows(frame)
    path = tmp_path / "skm.csv"
    with path.open("w", newline="", encoding="cp1252") as fh:
        fh.write("Survei Kepuasan Masyarakat Kecamatan Wonoasih 2025\n")
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(header)
        writer.writerows(["" if v is None or v != v else v for v in row] for row in rows)
    same_figures(lkjip_json("ikm", path), expected(frame))


def test_ods_from_libreoffice_is_read(tmp_path: Path) -> None:
    frame = answers(15, seed=6)
    header, rows = google_rows(frame)
    xlsx = write_xlsx(tmp_path / "jawaban.xlsx", {"Jawaban": [header, *rows]})
    out = tmp_path / "ods"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "ods", "--outdir", str(out), str(xlsx)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    same_figures(lkjip_json("ikm", out / "jawaban.ods"), expected(frame))


def test_rows_longer_than_the_header_are_read(tmp_path: Path) -> None:
    """Excel writes trailing separators when a cell far right was ever used."""
    path = tmp_path / "skm.csv"
    path.write_text(
        "Unit Layanan;"
        + ";".join(U9)
        + "\nA;"
        + ";".join(["4"] * 9)
        + ";;\nA;"
        + ";".join(["3"] * 9)
        + ";;catatan\n",
        encoding="utf-8",
    )
    data = lkjip_json("ikm", path)
    assert data["responden"] == 2 and data["nrr"]["U1"] == 3.5
