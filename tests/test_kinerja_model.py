"""The one model of the year's performance (domain.kinerja): which source wins, and the figures.

Pure functions, no workbook: each test names the rule it pins.
"""

from __future__ import annotations

import pytest

from lkjip_xl.domain import kinerja as K


def cand(sumber: str, nilai: float, sel: str = "X!A1", **kw: str) -> K.Candidate:
    return K.Candidate(sumber=sumber, nilai=nilai, sel=sel, **kw)  # type: ignore[arg-type]


def model(*indicators: K.IndicatorInput, **kw: object) -> K.Kinerja:
    return K.compute(K.KinerjaInput(tahun=2025, indikator=list(indicators), **kw))  # type: ignore[arg-type]


def ind(
    kode: str, jenis: str = "Lainnya", target: float | None = 80, **kw: object
) -> K.IndicatorInput:
    return K.IndicatorInput(no=1, kode=kode, jenis=jenis, target=target, **kw)  # type: ignore[arg-type]


def test_ikm_from_skm_wins_over_the_unit_form_and_the_difference_is_said_once() -> None:
    m = model(
        ind(
            "IKU-01",
            "IKM",
            target=82,
            kandidat=[
                cand("kiriman", 80, "Kiriman!F5", unit="Kelurahan Wonoasih"),
                cand("skm", 81.0249, "IKM!C26"),
            ],
        )
    )
    f = m.indikator[0]
    assert f.realisasi == 81.02  # shown to 2 decimals (Excel's ROUND of the IKM)
    assert f.sumber == "skm" and f.sumber_realisasi == "hasil olah SKM"
    assert f.capaian == pytest.approx(81.02 / 82 * 100)
    assert [p.pesan for p in m.perbedaan] == [
        "IKU-01 tahun 2025: formulir Kelurahan Wonoasih 80 (Kiriman!F5) berbeda dengan hasil "
        "olah SKM 81,02 (IKM!C26); dipakai hasil olah SKM (aturan indikator IKM: koreksi "
        "Kasubbag, lalu hasil olah SKM, lalu realisasi triwulan, lalu formulir unit)."
    ]


def test_a_correction_wins_only_with_its_reason() -> None:
    base = [cand("kiriman", 10, unit="Seksi PEM"), cand("lhe", 68.204, "SAKIP!H6")]
    without = model(ind("IKU-05", "SAKIP", kandidat=[*base, cand("koreksi", 70)]))
    assert without.indikator[0].sumber == "lhe"
    assert without.indikator[0].realisasi == 68.2
    with_reason = model(
        ind("IKU-05", "SAKIP", kandidat=[*base, cand("koreksi", 70, alasan="LHE direvisi")])
    )
    f = with_reason.indikator[0]
    assert (f.sumber, f.realisasi, f.alasan_koreksi) == ("koreksi", 70, "LHE direvisi")
    assert len(f.perbedaan) == 2  # the LHE and the form both differ from the correction


def test_sources_that_do_not_apply_to_the_kind_of_indicator_are_ignored() -> None:
    m = model(ind("IKU-02", "Lainnya", kandidat=[cand("skm", 90), cand("kiriman", 75, unit="U")]))
    assert m.indikator[0].sumber == "kiriman" and m.perbedaan == []


def test_equal_as_shown_is_no_disagreement() -> None:
    m = model(ind("IKU-01", "IKM", kandidat=[cand("skm", 81.0249), cand("kiriman", 81.02)]))
    assert m.perbedaan == []


def test_last_years_sakip_comes_from_the_lhe_and_a_typed_difference_is_reported() -> None:
    m = model(
        ind(
            "IKU-05",
            "sakip",  # any case
            kandidat_n1=[cand("format", 68.2, "Format Data!K9"), cand("lhe", 65.2, "SAKIP!H5")],
        )
    )
    f = m.indikator[0]
    assert f.jenis == "SAKIP" and f.realisasi_n1 == 65.2
    assert m.perbedaan[0].tahun == 2024
    assert "Format Data 68,20 (Format Data!K9) berbeda dengan LHE SAKIP 65,20" in (
        m.perbedaan[0].pesan
    )


def test_no_source_no_figure() -> None:
    m = model(ind("IKU-03", target=None))
    f = m.indikator[0]
    assert f.realisasi is None and f.capaian is None and f.sumber is None
    assert m.tanpa_realisasi == [f]
    assert m.rata_rata is None and m.sasaran[0].capaian is None


def test_sasaran_and_overall_means_leave_out_indicators_without_a_capaian() -> None:
    m = model(
        ind("A", sasaran="Meningkatnya layanan", target=100, kandidat=[cand("kiriman", 90)]),
        ind("B", sasaran="meningkatnya LAYANAN", target=100, kandidat=[cand("kiriman", 80)]),
        ind("C", sasaran="Lain", target=0, kandidat=[cand("kiriman", 5)]),  # target 0
        ind("D", sasaran="Lain", target=50, kandidat=[cand("kiriman", 60)]),
    )
    assert [s.sasaran for s in m.sasaran] == ["Meningkatnya layanan", "Lain"]
    assert m.sasaran[0].capaian == pytest.approx(85.0) and m.sasaran[0].kategori == "Tinggi"
    assert m.sasaran[1].capaian == pytest.approx(120.0)
    assert m.rata_rata == pytest.approx((90 + 80 + 120) / 3)


def test_rules_for_lower_is_better_and_the_cap_apply() -> None:
    m = model(
        ind("T", polaritas="turun", target=10, kandidat=[cand("kiriman", 8)]),
        rumus_turun="rasio",
        batas_atas=120,
    )
    assert m.indikator[0].capaian == pytest.approx(120.0)  # 125 capped


def test_sidik_tells_an_edit_from_an_import() -> None:
    a = K.sidik_kiriman("Kelurahan Wonoasih", "IKU-01", 80)
    assert a == K.sidik_kiriman(" kelurahan  wonoasih", "iku-01", 80.0)
    assert a != K.sidik_kiriman("Kelurahan Wonoasih", "IKU-01", 82)


def test_the_rule_is_declared_once_for_every_kind() -> None:
    assert set(K.PRECEDENCE) == set(K.RULE_TEXT) == set(K.JENIS)
    for jenis, order in K.PRECEDENCE.items():
        assert order[0] == "koreksi" and order[-1] == "kiriman", jenis
