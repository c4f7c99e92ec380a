"""Capaian kinerja, serapan anggaran and trends (DOMAIN.md §6, §9)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lkjip_xl.domain.capaian import (
    capaian,
    capaian_renstra,
    kategori_capaian,
    serapan,
    trend,
)
from lkjip_xl.errors import LkjipError


@pytest.mark.parametrize(
    ("nilai", "kategori"),
    [
        (120, "Sangat Tinggi"),
        (91, "Sangat Tinggi"),
        (90.995, "Sangat Tinggi"),  # shown as 91,00
        (90.994, "Tinggi"),  # shown as 90,99
        (90.99, "Tinggi"),
        (76, "Tinggi"),
        (75.995, "Tinggi"),
        (75.99, "Sedang"),
        (66, "Sedang"),
        (65.99, "Rendah"),
        (51, "Rendah"),
        (50.995, "Rendah"),
        (50.99, "Sangat Rendah"),
        (50.5, "Sangat Rendah"),  # between 50 and 51: Sangat Rendah too
        (50, "Sangat Rendah"),
        (0, "Sangat Rendah"),
    ],
)
def test_kategori_edges(nilai: float, kategori: str) -> None:
    assert kategori_capaian(nilai) == kategori


def test_higher_is_better() -> None:
    r = capaian(80, 72)
    assert r.capaian == pytest.approx(90.0)
    assert r.kategori == "Tinggi"
    assert r.catatan == ""


def test_above_100_is_kept_unless_capped() -> None:
    assert capaian(80, 100).capaian == pytest.approx(125.0)
    capped = capaian(80, 100, batas_atas=110)
    assert capped.capaian == 110
    assert "dibatasi 110%" in capped.catatan


def test_lower_is_better_selisih() -> None:
    r = capaian(10, 8, "turun")
    assert r.capaian == pytest.approx(120.0)  # (20 - 8) / 10
    assert capaian(10, 10, "turun").capaian == pytest.approx(100.0)
    assert capaian(10, 12, "turun").capaian == pytest.approx(80.0)


def test_lower_is_better_rasio() -> None:
    r = capaian(10, 8, "turun", rumus_turun="rasio")
    assert r.capaian == pytest.approx(125.0)  # 10 / 8
    assert capaian(10, 12.5, "turun", "rasio").capaian == pytest.approx(80.0)


def test_lower_is_better_rasio_with_zero_realisasi_has_no_figure() -> None:
    r = capaian(10, 0, "turun", "rasio")
    assert r.capaian is None and r.kategori is None
    assert "rumus rasio" in r.catatan


def test_lower_is_better_below_zero_is_floored() -> None:
    r = capaian(10, 25, "turun")  # (20 - 25) / 10 = -50 %
    assert r.capaian == 0.0
    assert r.kategori == "Sangat Rendah"
    assert "-50%" in r.catatan and "0%" in r.catatan
    assert capaian(10, 20, "turun").capaian == 0.0  # exactly 0, no note needed
    assert capaian(10, 20, "turun").catatan == ""


@pytest.mark.parametrize("target", [0, -5, "0", "0,0"])
def test_target_zero_or_less_gives_no_capaian(target: float | str) -> None:
    r = capaian(target, 3)
    assert r.capaian is None
    assert r.kategori is None
    assert "tidak dapat menjadi dasar persentase" in r.catatan


def test_blank_target_or_realisasi() -> None:
    assert "Target belum diisi" in capaian(None, 5).catatan
    assert "Realisasi belum diisi" in capaian(5, "").catatan
    assert capaian(5, None).capaian is None


def test_indonesian_text_inputs() -> None:
    r = capaian("1.234,5", "1.234,5")
    assert r.capaian == pytest.approx(100.0)
    assert capaian("80%", "72%").capaian == pytest.approx(90.0)
    with pytest.raises(LkjipError, match="Realisasi: 'tujuh puluh' bukan angka"):
        capaian(80, "tujuh puluh")


def test_category_decided_on_the_rounded_capaian() -> None:
    # 90.995 % computed from data is shown as 91,00 and must be Sangat Tinggi
    r = capaian(200, 181.99)
    assert r.capaian == pytest.approx(90.995)
    assert r.kategori == "Sangat Tinggi"
    r = capaian(200, 181.98)
    assert r.kategori == "Tinggi"


def test_bad_settings_are_rejected() -> None:
    with pytest.raises(LkjipError, match="Polaritas 'naik turun'"):
        capaian(1, 1, "naik turun")
    with pytest.raises(LkjipError, match="Rumus indikator turun 'beda'"):
        capaian(1, 1, "turun", "beda")


def test_capaian_renstra() -> None:
    r = capaian_renstra(90, 85.5)
    assert r.capaian == pytest.approx(95.0)
    assert r.kategori == "Sangat Tinggi"
    assert "Renstra" in r.catatan
    lower = capaian_renstra(5, 6, "turun")
    assert lower.capaian == pytest.approx(80.0)
    assert capaian_renstra(0, 6).capaian is None


def test_serapan() -> None:
    assert serapan(1_000_000, 875_000) == pytest.approx(87.5)
    assert serapan("Rp 1.500.000", "1.200.000") == pytest.approx(80.0)
    assert serapan(0, 10) is None
    assert serapan(None, 10) is None
    assert serapan(100, None) is None
    with pytest.raises(LkjipError, match="negatif"):
        serapan(100, -1)


def test_trend_against_previous_year() -> None:
    points = trend({2024: 84.0, 2022: 80.0, 2023: None, 2025: 88.2})
    assert [p.tahun for p in points] == [2022, 2023, 2024, 2025]
    assert points[0].selisih is None
    assert points[1].nilai is None and points[1].selisih is None
    assert points[2].selisih is None  # the year before is missing
    assert points[3].selisih == pytest.approx(4.2)
    assert points[3].persen == pytest.approx(5.0)
    zero = trend({2023: 0.0, 2024: 5.0})
    assert zero[1].selisih == 5.0 and zero[1].persen is None


@given(
    st.floats(min_value=0.01, max_value=1e6, allow_nan=False),
    st.floats(min_value=0, max_value=1e6, allow_nan=False),
)
def test_higher_realisasi_never_lowers_capaian_naik(target: float, realisasi: float) -> None:
    a = capaian(target, realisasi).capaian
    b = capaian(target, realisasi * 1.1 + 1).capaian
    assert a is not None and b is not None and b >= a


@given(
    st.floats(min_value=0.01, max_value=1e6, allow_nan=False),
    st.floats(min_value=0, max_value=1e7, allow_nan=False),
)
def test_lower_is_better_is_never_negative(target: float, realisasi: float) -> None:
    r = capaian(target, realisasi, "turun")
    assert r.capaian is not None and r.capaian >= 0
