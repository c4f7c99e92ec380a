"""Generated Indonesian sentences, on hand-made report data (no workbook needed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from lkjip_xl.domain.capaian import capaian
from lkjip_xl.domain.ikm import compute_ikm
from lkjip_xl.domain.profile import Unit, default_profile
from lkjip_xl.report import narrative as N
from lkjip_xl.report.context import IndicatorRow, ReportData, detect_tahap


def row(no: int, target: float, realisasi: float | None, **kw: Any) -> IndicatorRow:
    polaritas = kw.pop("polaritas", "naik")
    result = capaian(target, realisasi, polaritas)
    return IndicatorRow(
        no=no,
        kode=f"IKU-{no:02d}",
        sasaran=kw.pop("sasaran", "Sasaran A"),
        indikator=kw.pop("indikator", f"Indikator {no}"),
        satuan=kw.pop("satuan", "%"),
        jenis="Lainnya",
        polaritas=polaritas,
        penanggung_jawab="Seksi Pelayanan Umum",
        target=target,
        realisasi=realisasi,
        capaian=result.capaian,
        kategori=result.kategori,
        **kw,
    )


def data(rows: list[IndicatorRow], **kw: Any) -> ReportData:
    return ReportData(
        profile=kw.pop("profile", default_profile()),
        tahun=2025,
        tanggal=dt.date(2026, 1, 20),
        tahap="draft",
        tahap_sumber="uji",
        indikator=rows,
        **kw,
    )


def test_counts_are_written_with_words_and_misses_with_their_gap() -> None:
    d = data([row(1, 95, 96.4), row(2, 90, 85.5), row(3, 90, None)])
    text = " ".join(N.narasi_capaian(d))
    assert text.startswith(
        "Dari 3 (tiga) indikator kinerja yang diperjanjikan pada tahun 2025, 1 (satu) indikator "
        "mencapai atau melampaui target dan 1 (satu) indikator belum mencapai target, sedangkan "
        "1 (satu) indikator belum ada datanya."
    )
    assert (
        "Indikator 2 dengan realisasi 85,50% dari target 90,00% (4,50 poin persen di bawah "
        "target; capaian 95,00%)"
    ) in text


def test_lower_is_better_misses_are_above_target() -> None:
    d = data([row(1, 5, 7, polaritas="turun", satuan="kasus", indikator="Pengaduan")])
    assert "Pengaduan dengan realisasi 7 kasus dari target 5 kasus (2 kasus di atas target" in (
        " ".join(N.narasi_capaian(d))
    )


def test_all_targets_met_changes_the_problem_statement() -> None:
    intro, items = N.permasalahan(data([row(1, 90, 95), row(2, 80, 80)]))
    assert intro[0].startswith("Seluruh indikator kinerja tahun 2025 mencapai target.")
    assert items == [
        "Mempertahankan capaian seluruh indikator kinerja di tengah isu strategis yang "
        "diuraikan pada bagian Aspek Strategis."
    ]


def test_trend_leaves_out_empty_groups() -> None:
    d = data([row(1, 90, 95, realisasi_n1=93.0), row(2, 90, 91, realisasi_n1=90.0)])
    text = N.narasi_tren(d)[0]
    assert text == (
        "Dari 2 (dua) indikator yang dapat dibandingkan dengan tahun 2024, kinerja "
        "2 (dua) indikator membaik."
    )


def test_ikm_sentence_says_how_much_it_fell() -> None:
    frame = pd.DataFrame({f"U{i}": [3, 3, 4, 3] for i in range(1, 10)})
    ikm = compute_ikm(frame)
    d = data([], ikm=ikm, ikm_riwayat={2024: 83.42, 2025: round(ikm.ikm, 2)})
    first = N.narasi_ikm(d)[0]
    assert first == (
        "IKM Kecamatan Wonoasih tahun 2025 sebesar 81,25 dengan mutu pelayanan B (Baik). "
        "Nilai ini turun 2,17 poin dibandingkan tahun 2024 (83,42)."
    )


def test_another_opd_gets_no_kecamatan_wording() -> None:
    dinas = default_profile().model_copy(
        update={
            "opd": "Dinas Komunikasi dan Informatika",
            "unit": [
                Unit(kode="SEKRETARIAT", nama="Sekretariat", jenis="subbagian"),
                Unit(kode="BID_TIK", nama="Bidang TIK", jenis="bidang"),
            ],
        }
    )
    d = data([], profile=dinas)
    assert "kelurahan" not in " ".join(N.aspek_strategis(d))
    assert "membawahi 1 (satu) subbagian dan 1 (satu) bidang" in N.gambaran_umum(d)[1]


def test_stage_from_the_sop_steps() -> None:
    def steps(*done: int) -> list[dict[str, Any]]:
        return [
            {"no": n, "selesai": "2026-01-05T08:00:00+07:00" if n in done else None}
            for n in range(1, 9)
        ]

    assert detect_tahap(steps())[0] == "draft"
    assert detect_tahap(steps(1, 2, 3, 4))[0] == "draft"
    assert detect_tahap(steps(1, 2, 3, 4, 5))[0] == "koreksi"
    assert detect_tahap(steps(1, 2, 3, 4, 5, 6, 7))[0] == "final"
