"""Realisasi outside what an indicator can take is refused with a reason and a fix."""

from __future__ import annotations

import pytest

from lkjip_xl.forms.intake import range_problem
from lkjip_xl.forms.spec import Indicator


def _ind(jenis: str = "Lainnya", satuan: str = "%") -> Indicator:
    return Indicator(
        kode="X",
        sasaran="s",
        indikator="i",
        satuan=satuan,
        jenis=jenis,
        target=90,
        penanggung_jawab="Kelurahan Wonoasih",
    )


@pytest.mark.parametrize(
    ("ind", "value", "fragment"),
    [
        (_ind(satuan="kasus"), -1, "negatif"),
        (_ind("IKM", "Nilai"), 100.01, "di luar skala 0–100"),
        (_ind("SAKIP", "Nilai"), 101, "di luar skala 0–100"),
        (_ind(), 1000.5, "tidak masuk akal"),
    ],
)
def test_out_of_range(ind: Indicator, value: float, fragment: str) -> None:
    problem = range_problem(ind, value)
    assert problem is not None and fragment in problem[0] and problem[1]


@pytest.mark.parametrize(
    ("ind", "value"),
    [
        (_ind(satuan="kasus"), 0),
        (_ind("IKM", "Nilai"), 100),
        (_ind(), 1000),
        (_ind(), 103.2),
        (_ind(satuan="Rupiah"), 2_500_000_000),
    ],
)
def test_in_range(ind: Indicator, value: float) -> None:
    assert range_problem(ind, value) is None
