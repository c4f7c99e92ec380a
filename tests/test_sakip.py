"""Nilai SAKIP: components, weights, predikat (DOMAIN.md §5, §9)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lkjip_xl.domain.sakip import KOMPONEN, komponen, predikat, sakip_result, sakip_total
from lkjip_xl.errors import LkjipError


def test_weights_of_both_schemes() -> None:
    assert {k: w for k, (_, w) in KOMPONEN["2021"].items()} == {
        "perencanaan": 30,
        "pengukuran": 30,
        "pelaporan": 15,
        "evaluasi": 25,
    }
    assert {k: w for k, (_, w) in KOMPONEN["2015"].items()} == {
        "perencanaan": 30,
        "pengukuran": 25,
        "pelaporan": 15,
        "evaluasi": 10,
        "capaian": 20,
    }
    for skema in ("2021", "2015"):
        assert sum(w for _, w in komponen(skema).values()) == 100
    assert komponen("2021")["evaluasi"][0] == "Evaluasi Akuntabilitas Kinerja Internal"


def test_total_of_the_components() -> None:
    total = sakip_total(
        {"perencanaan": 22.5, "pengukuran": 21.0, "pelaporan": 11.2, "evaluasi": 17.4}
    )
    assert total == pytest.approx(72.1)


def test_components_by_full_name_any_case() -> None:
    total = sakip_total(
        {
            "Perencanaan Kinerja": 30,
            "PENGUKURAN KINERJA": 30,
            "pelaporan  kinerja": 15,
            "Evaluasi Akuntabilitas Kinerja Internal": 25,
        }
    )
    assert total == 100


def test_total_2015_with_capaian_kinerja() -> None:
    comp = {
        "perencanaan": 18.5,
        "pengukuran": 14.2,
        "pelaporan": 9.8,
        "evaluasi": 5.9,
        "capaian": 9.72,
    }
    assert sakip_total(comp, "2015") == pytest.approx(58.12)


@pytest.mark.parametrize(
    ("name", "value", "skema", "fragment"),
    [
        ("pengukuran", 30.5, "2021", "Pengukuran Kinerja 30,50 di luar rentang 0–30"),
        ("pengukuran", 26, "2015", "Pengukuran Kinerja 26,00 di luar rentang 0–25"),
        ("evaluasi", 11, "2015", "Evaluasi Internal 11,00 di luar rentang 0–10"),
        ("pelaporan", -0.1, "2021", "Pelaporan Kinerja -0,10 di luar rentang 0–15"),
        ("perencanaan", math.nan, "2021", "Perencanaan Kinerja"),
        ("perencanaan", "banyak", "2021", "Perencanaan Kinerja ('banyak') bukan angka"),
    ],
)
def test_component_outside_its_weight_is_named(
    name: str, value: object, skema: str, fragment: str
) -> None:
    comp: dict[str, object] = {k: 0 for k in KOMPONEN[skema]}
    comp[name] = value
    with pytest.raises(LkjipError) as info:
        sakip_total(comp, skema)  # type: ignore[arg-type]
    assert fragment in info.value.pesan


def test_component_at_its_weight_is_accepted() -> None:
    assert sakip_total({k: w for k, (_, w) in KOMPONEN["2015"].items()}, "2015") == 100


def test_missing_and_unknown_components() -> None:
    with pytest.raises(LkjipError, match="belum diisi: Evaluasi Akuntabilitas"):
        sakip_total({"perencanaan": 20, "pengukuran": 20, "pelaporan": 10})
    with pytest.raises(LkjipError, match="Komponen 'capaian' tidak ada"):
        sakip_total({"perencanaan": 20, "capaian": 10}, "2021")
    with pytest.raises(LkjipError, match="diisi dua kali"):
        sakip_total({"perencanaan": 20, "Perencanaan Kinerja": 20})
    with pytest.raises(LkjipError, match="Skema SAKIP '2019'"):
        sakip_total({}, "2019")


@pytest.mark.parametrize(
    ("nilai", "grade", "meaning"),
    [
        (100, "AA", "Sangat Memuaskan"),
        (90.01, "AA", "Sangat Memuaskan"),
        (90.005, "AA", "Sangat Memuaskan"),  # shown as 90,01
        (90.0049, "A", "Memuaskan"),  # shown as 90,00
        (90.001, "A", "Memuaskan"),  # shown as 90,00: not above 90
        (90, "A", "Memuaskan"),
        (80.01, "A", "Memuaskan"),
        (80, "BB", "Sangat Baik"),
        (70.01, "BB", "Sangat Baik"),
        (70, "B", "Baik"),
        (60.005, "B", "Baik"),  # shown as 60,01
        (60.004, "CC", "Cukup (Memadai)"),  # shown as 60,00
        (50.01, "CC", "Cukup (Memadai)"),
        (50, "C", "Kurang"),
        (30.01, "C", "Kurang"),
        (30, "D", "Sangat Kurang"),
        (0, "D", "Sangat Kurang"),
        (100.004, "AA", "Sangat Memuaskan"),  # shown as 100,00
    ],
)
def test_predikat_edges_on_the_shown_value(nilai: float, grade: str, meaning: str) -> None:
    assert predikat(nilai) == (grade, meaning)


@pytest.mark.parametrize("nilai", [100.01, -0.01, -5, 120, math.nan, math.inf])
def test_predikat_outside_0_100_is_an_error(nilai: float) -> None:
    with pytest.raises(LkjipError):
        predikat(nilai)


def test_sakip_result_from_nilai_or_components() -> None:
    r = sakip_result(72.1)
    assert (r.nilai, r.predikat, r.interpretasi, r.skema) == (72.1, "BB", "Sangat Baik", "2021")
    c = sakip_result(
        components={"perencanaan": 22.5, "pengukuran": 21.0, "pelaporan": 11.2, "evaluasi": 17.4}
    )
    assert c.nilai == pytest.approx(72.1)
    assert c.predikat == "BB"
    with pytest.raises(LkjipError, match="salah satu"):
        sakip_result()
    with pytest.raises(LkjipError, match="salah satu"):
        sakip_result(70, components={"perencanaan": 1})


@given(st.floats(min_value=0, max_value=100, allow_nan=False))
def test_predikat_is_monotone(nilai: float) -> None:
    order = ["D", "C", "CC", "B", "BB", "A", "AA"]
    lower = predikat(max(0.0, nilai - 5))[0]
    assert order.index(lower) <= order.index(predikat(nilai)[0])
