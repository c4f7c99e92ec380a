"""Quarterly monitoring report (issue 22, deliver 3): ``lkjip monev --triwulan N``.

Workbook in (quarter rows as the quarter forms' import writes them), Word out: the capaian
against the quarter's and the year's target (computed here independently), the traffic light,
the chart, the obstacles and steps, what needs the Camat's decision, the signature, versions
and the journal event other commands rely on.
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

from lkjip_xl.actions import triwulan as T
from lkjip_xl.domain import monev as D
from lkjip_xl.domain.numbers import format_id as fmt_id
from lkjip_xl.files import sha256_file
from lkjip_xl.journal import Journal
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook


def lkjip(*args: str | Path) -> dict[str, Any]:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    done = subprocess.run(
        ["lkjip", *map(str, args), "--json"], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr + done.stdout
    return json.loads(done.stdout)


def row(tw: int, unit: str, kode: str, real: float, **kw: Any) -> dict[str, Any]:
    return {
        "triwulan": tw,
        "unit": unit,
        "kode": kode,
        "realisasi": real,
        "status": "Valid",
        "diterima": dt.datetime(2025, 3 * tw, 28, 9, 0),
        **kw,
    }


PU = "Seksi Pelayanan Umum"
TRANTIB = "Seksi Ketenteraman dan Ketertiban Umum"


def texts(path: Path) -> tuple[str, list[list[list[str]]]]:
    doc = Document(str(path))
    tables = [[[c.text.strip() for c in r.cells] for r in t.rows] for t in doc.tables]
    return "\n".join(p.text for p in doc.paragraphs), tables


def test_traffic_light_and_rules() -> None:
    assert [D.lampu(v) for v in (120, 90, 89.995, 89.994, 75, 74.996, 74.99, 0)] == [
        "Hijau",
        "Hijau",
        "Hijau",  # shown as 90,00
        "Kuning",
        "Kuning",
        "Kuning",  # shown as 75,00
        "Merah",
        "Merah",
    ]
    assert D.lampu(None) is None
    q = [10.0, None, 30.0, 5.0]
    assert D.year_figure("Kumulatif", q, 3) == 40.0
    assert D.year_figure("Nilai Terakhir", q, 3) == 30.0
    assert D.year_figure("Nilai Terakhir", q, 2) is None
    assert D.year_figure("Tahunan", q, 3) is None and D.year_figure("Tahunan", q, 4) == 5.0
    assert D.year_target("Kumulatif", [1, 1, 2, 2], 2) == 2.0
    assert "≥ 90%" in D.LAMPU_TEXT and "< 75%" in D.LAMPU_TEXT


def test_monev_report_figures_decision_chart_and_versions(
    workbook_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LKJIP_SEKARANG", "2025-07-15T09:00:00+07:00")
    # TW I and II targets typed in Rencana Aksi for two indicators; the others keep defaults
    prepare(workbook_path, tw1={"IKU-03": 90, "IKU-04": 2})
    with open_workbook(workbook_path, write=True) as gw:
        ra = {r["kode"]: r for r in gw.read_rows(S.RENCANA_AKSI_T)}
        fmt = {r["kode"]: r for r in gw.read_rows(S.FORMAT)}
        gw.write_rows(
            S.REALISASI_TW_T,
            [
                row(1, PU, "IKU-03", 85),
                row(1, PU, "IKU-04", 1),
                row(
                    2,
                    PU,
                    "IKU-03",
                    60,
                    kendala="Server SIAK mati dua minggu",
                    solusi="Layanan manual sementara",
                    keputusan="Tidak",
                ),
                row(2, PU, "IKU-04", 2, kendala="", solusi="", keputusan="Tidak"),
                row(
                    2,
                    TRANTIB,
                    "IKU-05",
                    99,
                    kendala="Personel Satlinmas kurang",
                    solusi="Usul tambahan honor Linmas",
                    keputusan="Ya",
                ),
            ],
        )
    out = workbook_path.parent / "keluaran"
    result = lkjip("monev", "-w", workbook_path, "--triwulan", "2", "--tanggal", "2025-07-15")
    path = Path(result["files"][0])
    assert path == out / "Monev_Wonoasih_2025_TW2_v1.docx" and path.exists()
    data = result["data"]
    by = {i["kode"]: i for i in data["indikator"]}

    # IKU-03 (a percentage: Nilai Terakhir): TW II target = its Rencana Aksi default (the
    # annual target every quarter); capaian = 60 / target × 100, against the year the same
    t03 = float(ra["IKU-03"]["tw2"])
    assert ra["IKU-03"]["aturan"] == "Nilai Terakhir" and t03 == float(fmt["IKU-03"]["target"])
    assert by["IKU-03"]["capaian_tw"] == pytest.approx(60 / t03 * 100)
    assert by["IKU-03"]["realisasi_sd"] == 60
    assert by["IKU-03"]["lampu"] == "Merah"  # 60/95 = 63,16 %
    # IKU-04 (cases, lower is better: Turun; Kumulatif): the year's figure is the sum so far
    t04, y04 = float(ra["IKU-04"]["tw2"]), float(fmt["IKU-04"]["target"])
    assert ra["IKU-04"]["aturan"] == "Kumulatif"
    assert fmt["IKU-04"]["polaritas"] == "Turun"
    assert by["IKU-04"]["capaian_tw"] == pytest.approx((2 * t04 - 2) / t04 * 100)
    assert by["IKU-04"]["realisasi_sd"] == 3  # 1 + 2
    assert by["IKU-04"]["capaian_tahun"] == pytest.approx((2 * y04 - 3) / y04 * 100)
    # IKU-05: green, but the unit asked for the Camat's decision
    assert by["IKU-05"]["lampu"] == "Hijau" and by["IKU-05"]["perlu_keputusan"]
    # IKM is measured once a year: no figure before triwulan IV
    assert by["IKU-01"]["lampu"] is None and by["IKU-01"]["realisasi_sd"] is None
    assert data["keputusan"] == sorted(
        k for k, i in by.items() if i["lampu"] == "Merah" or k == "IKU-05"
    )

    text, tables = texts(path)
    assert "LAPORAN MONITORING DAN EVALUASI KINERJA TRIWULAN II" in text
    assert "Hijau: capaian ≥ 90%; Kuning: 75% sampai < 90%; Merah: < 75%" in text
    main = next(t for t in tables if t[0][:2] == ["No", "Indikator Kinerja"])
    line = next(r for r in main if r[1].startswith("Persentase layanan administrasi"))
    shown = fmt_id(60 / t03 * 100)
    assert line[3:11] == [
        fmt_id(t03, 0),
        "60",
        shown,
        fmt_id(float(fmt["IKU-03"]["target"]), 0),
        "60",
        shown,
        "Nilai Terakhir",
        "Merah",
    ]
    issues = next(t for t in tables if t[0][-2:] == ["Kendala", "Langkah"])
    assert ["Server SIAK mati dua minggu", "Layanan manual sementara"] in [r[-2:] for r in issues]
    decide = text.split("E. Hal yang Memerlukan Keputusan Camat", 1)[1]
    assert f"capaian triwulan {shown}% (merah, di bawah 75%)" in decide
    assert f"diajukan oleh {TRANTIB}" in decide and "Usul tambahan honor Linmas" in decide
    assert "CAMAT WONOASIH" in text and "NIP. 19730512 199303 1 004" in text
    assert "Probolinggo, 15 Juli 2025" in text
    assert len(Document(str(path)).inline_shapes) == 1  # the chart across quarters

    again = lkjip("monev", "-w", workbook_path, "--triwulan", "2")
    assert Path(again["files"][0]).name == "Monev_Wonoasih_2025_TW2_v2.docx"
    with open_workbook(workbook_path) as gw:
        events = Journal(gw.workspace.journal).events("monev_dibuat")
    assert [(e["tahun"], e["triwulan"], e["versi"]) for e in events] == [(2025, 2, 1), (2025, 2, 2)]
    first = events[0]
    assert first["tanggal"] == "2025-07-15" and Path(first["file"]) == path.resolve()
    assert first["sha256"] == sha256_file(path)
    with open_workbook(workbook_path) as gw:
        beranda = [gw.read_cell(S.BERANDA, c) for c in T.BERANDA_TW_CELLS]
        log = gw.read_rows(S.LOG_T)
    assert beranda[1].endswith("monev v2") and "monev" not in beranda[0]
    assert any(r["aksi"] == "Buat laporan monev" for r in log)


def test_monev_refuses_a_workbook_without_the_quarter_sheet(
    workbook_path: Path, tmp_path: Path
) -> None:
    import openpyxl

    prepare(workbook_path)
    book = openpyxl.load_workbook(workbook_path, keep_vba=True)
    del book[S.REALISASI_TW]
    book.save(workbook_path)
    from lkjip_xl.actions.monev import monev
    from lkjip_xl.errors import LkjipError

    with open_workbook(workbook_path, write=True) as gw, pytest.raises(LkjipError) as err:
        monev(gw, 1)
    assert "belum punya sheet 'Realisasi Triwulan'" in str(err.value)
