"""fmt writes numbers and dates itself (for speed): the result must be babel's, ``id`` locale."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from lkjip_xl.domain.numbers import round_half_up
from lkjip_xl.report import fmt


def _babel_angka(x: float, nd: int) -> str:
    value = Decimal(repr(round_half_up(float(x), nd)))
    pattern = "#,##0" + ("." + "0" * nd if nd > 0 else "")
    text = format_decimal(value, format=pattern, locale="id", decimal_quantization=True)
    return "0" + text[2:] if text.startswith("-0") and value == 0 else text


@settings(max_examples=400, deadline=None)
@given(
    x=st.one_of(
        st.floats(min_value=-1e13, max_value=1e13, allow_nan=False),
        st.integers(min_value=-(10**12), max_value=10**12).map(float),
        st.decimals(min_value=-100000, max_value=100000, places=4).map(float),
    ),
    nd=st.integers(min_value=0, max_value=4),
)
def test_angka_is_what_babel_writes(x: float, nd: int) -> None:
    assert fmt.angka(x, nd) == _babel_angka(x, nd)


def test_angka_edges_match_babel() -> None:
    for x in (0.0, -0.0, -0.004, 0.005, -0.005, 82.449999, 99.995, -1234567.891, 1e16):
        for nd in range(4):
            assert fmt.angka(x, nd) == _babel_angka(x, nd), (x, nd)
    assert fmt.angka(1234567, 0) == "1.234.567"
    assert fmt.angka(-0.004, 2) == "0,00"
    assert fmt.angka(math.nan) == fmt.KOSONG


@settings(max_examples=200, deadline=None)
@given(d=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_dates_are_what_babel_writes(d: dt.date) -> None:
    assert fmt.tanggal(d) == format_date(d, "d MMMM y", locale="id")
    assert fmt.bulan_tahun(d) == format_date(d, "MMMM y", locale="id")


@settings(max_examples=500, deadline=None)
@given(
    n=st.one_of(
        st.integers(min_value=0, max_value=2000),
        st.integers(min_value=0, max_value=10**15 - 1),
        st.sampled_from([10**k for k in range(16)] + [10**k + 1 for k in range(16)]),
    )
)
def test_terbilang_is_what_num2words_writes(n: int) -> None:
    from num2words import num2words

    assert fmt.terbilang(n) == num2words(n, lang="id")
