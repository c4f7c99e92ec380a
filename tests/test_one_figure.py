"""One figure: the Capaian sheet's formulas, ``lkjip hitung`` and the report agree.

Twenty-four varied workbooks (sources, polarities, missing values, corrections with and
without a reason, several units, duplicate SAKIP years, capped and ratio rules, quarter rows
complete and incomplete under each Rencana Aksi rule) are filled
through the gateway, recalculated together by LibreOffice, and every realisation, capaian,
category, source, sasaran mean, overall mean and disagreement sentence the sheets show is
compared with the one model (:mod:`lkjip_xl.domain.kinerja`) to the displayed rounding.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from lo_recalc import SOFFICE, recalc_many
from narasi_data import OFFICIALS
from workbook_data import set_profile_value

from lkjip_xl.actions import readiness
from lkjip_xl.actions.kinerja import gather
from lkjip_xl.domain.narasi import FIELD_KEYS
from lkjip_xl.domain.numbers import round_half_up
from lkjip_xl.workbook import build as B
from lkjip_xl.workbook import persiapan as P
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook
from lkjip_xl.workbook.profile_io import role_code

pytestmark = pytest.mark.libreoffice
needs_lo = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")

SASARAN = ["Meningkatnya kualitas pelayanan", "Meningkatnya tata kelola", "Menurunnya pengaduan"]
DAY = dt.datetime(2026, 1, 5, 8, 0)


def _sakip(rng: random.Random, tahun: int) -> dict[str, Any]:
    return {
        "tahun": tahun,
        "skema": "2021",
        "perencanaan": round(rng.uniform(15, 29), 2),
        "pengukuran": round(rng.uniform(15, 29), 2),
        "pelaporan": round(rng.uniform(7, 14), 2),
        "evaluasi": round(rng.uniform(10, 24), 2),
    }


def fill_scenario(path: Path, seed: int) -> None:
    """One random but valid workbook (valid input only: the sheets and Python must agree)."""
    rng = random.Random(seed)
    with open_workbook(path, write=True) as gw:
        profile = gw.profile()
        tahun = profile.tahun
        set_profile_value(gw, "capaian_turun", rng.choice(["selisih", "rasio"]))
        set_profile_value(gw, "capaian_batas_atas", rng.choice([None, None, 110, 120]))
        units = [u.nama for u in profile.form_units]
        layanan = [u.nama for u in profile.service_units]
        if rng.random() < 0.7:  # SKM answers
            rows = []
            units_skm = rng.sample(layanan, rng.randint(1, len(layanan)))
            for i in range(rng.randint(2 * len(units_skm), 40)):
                # Each unit's first answers are complete (the engine refuses an unsur with no
                # answer at all in a unit; that case is an input error, not a figure).
                full = i < len(units_skm)
                row: dict[str, Any] = {"no": i + 1, "unit": units_skm[i % len(units_skm)]}
                for u in range(1, 10):
                    blank = not full and rng.random() < 0.05
                    row[f"u{u}"] = None if blank else rng.randint(2, 4)
                rows.append(row)
            gw.write_rows(S.SKM_T, rows)
        sakip = []
        for year in (tahun - 2, tahun - 1, tahun):
            roll = rng.random()
            if roll < 0.6:
                sakip.append(_sakip(rng, year))
            elif roll < 0.75:
                partial = _sakip(rng, year)
                partial["evaluasi"] = None
                sakip.append(partial)
        if sakip and rng.random() < 0.3:  # a year typed twice: the first row counts
            sakip.append(_sakip(rng, sakip[0]["tahun"]))
        gw.write_rows(S.SAKIP_T, sakip)
        fmt: list[dict[str, Any]] = []
        kiriman: list[dict[str, Any]] = []
        n = rng.randint(4, 9)
        for i in range(n):
            kode = f"IKU-{i + 1:02d}"
            roll = rng.random()
            jenis = "IKM" if roll < 0.15 else "SAKIP" if roll < 0.3 else "Lainnya"
            target = rng.choice([80.0, 95.0, 12.0, 60.0, 1500.0, 4.5])
            if rng.random() < 0.08:
                target = 0.0
            pj = rng.choice(units)
            sasaran = rng.choice(SASARAN)
            if rng.random() < 0.2:
                sasaran = sasaran.upper()  # the same sasaran in another case
            row = {
                "kode": kode,
                "sasaran": sasaran,
                "indikator": f"Indikator {kode}",
                "satuan": "%",
                "jenis": jenis,
                "target": target,
                "polaritas": rng.choice(["Naik", "Naik", "Turun"]),
                "penanggung_jawab": pj,
                "target_renstra": target * 1.2 if rng.random() < 0.7 else None,
                "realisasi_n1": round(rng.uniform(0.5, 1.3) * target, 2)
                if rng.random() < 0.6
                else None,
                "realisasi_n2": round(rng.uniform(0.5, 1.3) * target, 1)
                if rng.random() < 0.4
                else None,
            }
            if rng.random() < 0.2:
                row["realisasi_koreksi"] = round(rng.uniform(0.6, 1.2) * target, 2)
                row["alasan_koreksi"] = "Kiriman unit keliru" if rng.random() < 0.7 else None
            fmt.append(row)
            for _ in range(rng.choice([0, 1, 1, 2, 3])):
                value = round(rng.uniform(0.4, 1.4) * (target or 10), rng.choice([0, 1, 2]))
                when = DAY + dt.timedelta(hours=rng.choice([0, 3, 3, 27, 50]))
                kiriman.append(
                    {
                        "unit": pj if rng.random() < 0.6 else rng.choice(units),
                        "kode": kode,
                        "realisasi": value,
                        "status": rng.choice(["Valid", "Valid", "Valid", "Diganti", "Ditolak"]),
                        "diterima": when,
                    }
                )
        for row in fmt:  # per-indicator narratives: some in Format Data, some in the forms
            for key in FIELD_KEYS:
                if rng.random() < 0.3:
                    row[key] = f"Uraian {key} {row['kode']}"
        for row in kiriman:
            for key in FIELD_KEYS:
                if rng.random() < 0.4:
                    row[key] = f"Dari unit: {key}"
        plan, quarters = _quarters(fmt, units, random.Random(seed + 1000))
        gw.write_rows(S.FORMAT, fmt)
        rng.shuffle(kiriman)
        gw.write_rows(S.KIRIMAN_T, kiriman)
        gw.write_rows(S.RENCANA_AKSI_T, plan)
        gw.write_rows(S.REALISASI_TW_T, quarters)
        _vary_readiness(gw, rng)


def _quarters(
    fmt: list[dict[str, Any]], units: list[str], rng: random.Random
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Units (varied so the default rule varies), Rencana Aksi rules (each rule, a blank or
    unknown one for the default) and quarter rows: all four quarters, only some, none; several
    units and statuses; each rule with complete and incomplete quarters (issue 22)."""
    plan: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    for row in fmt:
        row["satuan"] = rng.choice(["%", "dokumen", "Nilai", "kasus", " Persen "])
        if rng.random() < 0.6:
            aturan = rng.choice(["Kumulatif", "Nilai Terakhir", "Tahunan", None, "Bulanan"])
            plan.append({"kode": row["kode"], "aturan": aturan, "target": row["target"]})
        roll = rng.random()
        if roll < 0.35:
            continue
        present = (
            [1, 2, 3, 4] if roll < 0.7 else sorted(rng.sample([1, 2, 3, 4], rng.randint(1, 3)))
        )
        base = row["target"] or 10
        for q in present:
            for _ in range(rng.choice([1, 1, 2])):
                rows.append(
                    {
                        "triwulan": q,
                        "unit": row["penanggung_jawab"]
                        if rng.random() < 0.7
                        else rng.choice(units),
                        "kode": row["kode"],
                        "realisasi": round(rng.uniform(0.1, 0.4) * base, rng.choice([0, 1, 2])),
                        "status": rng.choice(["Valid", "Valid", "Valid", "Ditolak"]),
                        "diterima": DAY
                        + dt.timedelta(days=-300 + 90 * q, hours=rng.choice([0, 5])),
                    }
                )
    rng.shuffle(rows)
    return plan, rows


def _vary_readiness(gw: Any, rng: random.Random) -> None:
    """Officials, contacts, narratives, budget and review: each check met or not at random."""
    pejabat = gw.read_rows(S.PEJABAT)
    for row in pejabat:
        peran = role_code(row.get("peran"))
        if peran in OFFICIALS and rng.random() < 0.6:
            row["nama"], row["nip"] = OFFICIALS[peran]
            if rng.random() < 0.2:
                row["nip"] = rng.choice(["12345", "111111111111111111", "1970 0101 1990 03 1 001"])
        if rng.random() < 0.5:
            row["email"] = None
    gw.write_rows(S.PEJABAT, pejabat)
    if rng.random() < 0.5:
        units = gw.read_rows(S.UNIT)
        for row in units:
            row["email"] = None if rng.random() < 0.8 else row.get("email")
        gw.write_rows(S.UNIT, units)
    if rng.random() < 0.5:
        set_profile_value(gw, "telepon", "(0335) 421 150")
    if rng.random() < 0.5:
        set_profile_value(gw, "renstra_periode", "2025-2029")
    if rng.random() < 0.3:
        set_profile_value(gw, "reviu_dilakukan", "Ya")
        set_profile_value(gw, "reviu_apip", rng.choice(["Inspektorat Kota Probolinggo", None]))
        set_profile_value(gw, "reviu_tanggal", dt.datetime(2026, 2, 20))
        set_profile_value(gw, "reviu_nama", rng.choice(["(Nama Inspektur)", "Dra. Sri W."]))
        set_profile_value(gw, "reviu_nip", rng.choice(["196905121994032007", None]))
        set_profile_value(gw, "reviu_jabatan", "Inspektur Pembantu Wilayah I")
    narasi = gw.read_rows(S.NARASI_T)
    for row in narasi:
        if rng.random() < 0.7:
            row["isi"] = row.get("isi") or f"Uraian {row['judul']}."
    if rng.random() < 0.2:
        narasi[3]["kunci"] = "kunci_diganti"
    gw.write_rows(S.NARASI_T, narasi)
    budget = []
    for i in range(rng.choice([0, 1, 3])):
        pagu = rng.choice([100_000_000, 250_000_000])
        budget.append(
            {
                "nama": f"Program {i + 1}",
                "tingkat": "Program",
                "pagu": pagu,
                "realisasi": rng.choice([None, pagu * 0.95, pagu * 0.6]),
            }
        )
    gw.write_rows(S.ANGGARAN_T, budget)


def _shown(x: Any) -> Any:
    return None if x in (None, "") else round_half_up(float(x), 2)


def _label_value(ws: Any, label: str) -> Any:
    for r in range(1, 60):
        if ws[f"H{r}"].value == label:
            return ws[f"I{r}"].value
    raise AssertionError(f"Beranda has no '{label}'")


def compare(path: Path, computed: Path) -> int:
    """Assert the recalculated sheet shows the model's figures; returns the rows compared."""
    with open_workbook(path) as gw:
        model = gather(gw).kinerja
    data = openpyxl.load_workbook(computed, data_only=True)
    ws = data[S.CAPAIAN]
    top = S.FORMAT.header_row + 1
    rows = {ws[f"B{r}"].value: r for r in range(top, top + B.CAPAIAN_ROWS) if ws[f"B{r}"].value}
    assert list(rows) == [f.kode for f in model.indikator]
    sasaran = {k: s for s in model.sasaran for k in s.kode}
    for f in model.indikator:
        r = rows[f.kode]
        where = f"{path.name} {f.kode}"
        assert _shown(ws[f"H{r}"].value) == _shown(f.realisasi), where
        assert _shown(ws[f"I{r}"].value) == _shown(f.capaian), where
        assert (ws[f"J{r}"].value or None) == f.kategori, where
        assert _shown(ws[f"L{r}"].value) == _shown(f.realisasi_n1), where
        assert _shown(ws[f"M{r}"].value) == _shown(f.realisasi_n2), where
        assert (ws[f"R{r}"].value or "") == f.sumber_realisasi, where
        assert _shown(ws[f"S{r}"].value) == _shown(sasaran[f.kode].capaian), where
        assert (ws[f"T{r}"].value or None) == sasaran[f.kode].kategori, where
        assert (ws[f"U{r}"].value or "") == " ".join(p.pesan for p in f.perbedaan), where
        if f.capaian is None and f.realisasi is not None:
            assert ws[f"K{r}"].value, where  # a note says why there is no capaian
    beranda = data[S.BERANDA]
    avg = _label_value(beranda, "Rata-rata capaian (%)")
    assert _shown(None if avg == "-" else avg) == _shown(model.rata_rata), path.name
    # Persiapan: the formulas and the Python evaluators say the same of every check.
    with open_workbook(path) as gw:
        unmet = {u.check.key for u in readiness.unmet(gw)[0]}
    for i, check in enumerate(P.CHECKS):
        status = beranda[f"C{B.PERSIAPAN_TOP + i}"].value
        if check.excel:
            assert (status == "Belum") == (check.key in unmet), (path.name, check.key)
    # Beranda lists the same disagreement sentences.
    joined = [" ".join(p.pesan for p in f.perbedaan) for f in model.indikator if f.perbedaan]
    listed = [
        beranda[f"B{B.PERBEDAAN_TOP + k}"].value or ""
        for k in range(1, B.BERANDA_PERBEDAAN_ROWS + 1)
    ]
    assert [t for t in listed if t] == joined[: B.BERANDA_PERBEDAAN_ROWS], path.name
    return len(rows)


@needs_lo
def test_sheets_show_the_models_figures_in_24_varied_workbooks(
    _built_workbook: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LKJIP_SEKARANG")  # LibreOffice's TODAY() is the real date: so is ours
    paths = []
    for seed in range(24):
        p = tmp_path / f"skenario_{seed:02d}" / f"LKjIP_{seed:02d}.xlsm"
        p.parent.mkdir()
        shutil.copy2(_built_workbook, p)
        fill_scenario(p, seed)
        paths.append(p)
    computed = recalc_many(paths, tmp_path / "lo")
    compared = 0
    sources: set[str | None] = set()
    disagreements = 0
    rules_won: set[str] = set()
    fallbacks = 0
    for p in paths:
        compared += compare(p, computed[p])
        with open_workbook(p) as gw:
            model = gather(gw).kinerja
        sources |= {f.sumber for f in model.indikator}
        disagreements += len(model.perbedaan)
        rules_won |= {f.aturan_triwulan for f in model.indikator if f.sumber == "triwulan"}
        fallbacks += sum(1 for f in model.indikator if f.ada_triwulan and f.sumber == "kiriman")
    assert compared >= 100
    # The scenarios really exercise every source, a missing one and disagreements.
    assert sources >= {"koreksi", "skm", "lhe", "triwulan", "kiriman", None}
    assert disagreements >= 10
    # The quarters win by each rule, and stay out when incomplete (the annual form counts).
    assert rules_won >= {"Kumulatif", "Nilai Terakhir", "Tahunan"}
    assert fallbacks >= 3


def ikm_80_vs_81(path: Path) -> None:
    """The issue's case: the unit typed 80 for the IKM indicator, the SKM gives 81,02."""
    with open_workbook(path, write=True) as gw:
        profile = gw.profile()
        unit = profile.form_units[0].nama
        gw.write_rows(
            S.ikm_olahan_table(),
            [{"unit": profile.service_units[0].nama, "responden": 120, "indeks": 3.2408}],
        )
        gw.write_rows(
            S.FORMAT,
            [
                {
                    "kode": "IKU-01",
                    "sasaran": "Meningkatnya kualitas pelayanan",
                    "indikator": "Indeks Kepuasan Masyarakat",
                    "satuan": "Indeks",
                    "jenis": "IKM",
                    "target": 82,
                    "polaritas": "Naik",
                    "penanggung_jawab": unit,
                },
                {
                    "kode": "IKU-02",
                    "sasaran": "Meningkatnya kualitas pelayanan",
                    "indikator": "Persentase layanan tepat waktu",
                    "satuan": "%",
                    "jenis": "Lainnya",
                    "target": 90,
                    "polaritas": "Naik",
                    "penanggung_jawab": unit,
                },
            ],
        )
        gw.write_rows(
            S.KIRIMAN_T,
            [
                {"unit": unit, "kode": "IKU-01", "realisasi": 80, "status": "Valid"},
                {"unit": unit, "kode": "IKU-02", "realisasi": 87.5, "status": "Valid"},
            ],
        )


@needs_lo
def test_hitung_the_capaian_sheet_and_the_report_give_one_figure(
    workbook_path: Path, tmp_path: Path
) -> None:
    import docx

    ikm_80_vs_81(workbook_path)
    out = subprocess.run(
        [sys.executable, "-m", "lkjip_xl", "hitung", "-w", str(workbook_path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    hitung = {c["kode"]: c for c in json.loads(out.stdout)["capaian"]}
    assert hitung["IKU-01"]["realisasi"] == pytest.approx(81.02)
    assert hitung["IKU-01"]["sumber_realisasi"] == "hasil olah SKM"
    assert hitung["IKU-01"]["capaian"] == pytest.approx(81.02 / 82 * 100)
    assert hitung["IKU-01"]["perbedaan"] == [
        "IKU-01 tahun 2025: formulir Kelurahan Wonoasih 80 (Kiriman!F5) berbeda dengan hasil "
        "olah SKM 81,02 (IKM!C26); dipakai hasil olah SKM (aturan indikator IKM: koreksi "
        "Kasubbag, lalu hasil olah SKM, lalu realisasi triwulan, lalu formulir unit)."
    ]
    computed = recalc_many([workbook_path], tmp_path / "lo")[workbook_path]
    ws = openpyxl.load_workbook(computed, data_only=True)[S.CAPAIAN]
    for r, kode in ((5, "IKU-01"), (6, "IKU-02")):
        assert ws[f"B{r}"].value == kode
        assert _shown(ws[f"H{r}"].value) == _shown(hitung[kode]["realisasi"])
        assert _shown(ws[f"I{r}"].value) == _shown(hitung[kode]["capaian"])
        assert ws[f"J{r}"].value == hitung[kode]["kategori"]
    assert ws["U5"].value == hitung["IKU-01"]["perbedaan"][0]

    report = subprocess.run(
        [sys.executable, "-m", "lkjip_xl", "report", "-w", str(workbook_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    # The same warning in the report's output message.
    assert hitung["IKU-01"]["perbedaan"][0] in " ".join(report.stdout.split())
    doc = docx.Document(next((workbook_path.parent / "keluaran").glob("LKjIP_*_v1.docx")))
    names = {"IKU-01": "Indeks Kepuasan Masyarakat", "IKU-02": "Persentase layanan tepat waktu"}
    capaian_tables = [
        t
        for t in doc.tables
        if [c.text.strip() for c in t.rows[0].cells][-4:]
        == ["Target", "Realisasi", "Capaian", "Kategori"]
    ]
    assert len(capaian_tables) >= 2  # the Ikhtisar Eksekutif's and Bab III's
    for table in capaian_tables:
        rows = {r.cells[1].text.strip(): [c.text.strip() for c in r.cells] for r in table.rows}
        for kode, name in names.items():
            realisasi, capaian, kategori = rows[name][-3:]
            assert realisasi.rstrip("%") == fmt_id(hitung[kode]["realisasi"]), (kode, realisasi)
            assert capaian == fmt_id(hitung[kode]["capaian"]) + "%", (kode, capaian)
            assert kategori == hitung[kode]["kategori"], (kode, kategori)
    sasaran = next(
        t
        for t in doc.tables
        if [c.text.strip() for c in t.rows[0].cells][4:5] == ["Capaian Sasaran"]
    )
    mean = (hitung["IKU-01"]["capaian"] + hitung["IKU-02"]["capaian"]) / 2
    assert sasaran.rows[1].cells[4].text.strip() == fmt_id(mean) + "%"
    assert _shown(ws["S5"].value) == _shown(mean)


def fmt_id(x: float) -> str:
    return f"{round_half_up(x, 2):,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
