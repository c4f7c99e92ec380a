"""Excel ROUND semantics, Indonesian number reading and writing."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lkjip_xl.domain.numbers import format_id, parse_number, round_half_up

# ---------------------------------------------------------------- round_half_up


@pytest.mark.parametrize(
    ("x", "ndigits", "expected"),
    [
        (76.605, 2, 76.61),  # binary 76.60499999… — Python's round gives 76.6
        (2.675, 2, 2.68),  # binary 2.67499999… — Python's round gives 2.67
        (1.005, 2, 1.01),
        (0.125, 2, 0.13),  # exact half: away from zero, not to even
        (0.135, 2, 0.14),
        (76.6044, 2, 76.60),
        (76.6056, 2, 76.61),
        (88.305, 2, 88.31),
        (64.995, 2, 65.00),
        (76.60499999999999, 2, 76.61),  # float noise of a computed 76.605
        (76.6049, 2, 76.60),
        (2.5, 0, 3.0),
        (3.5, 0, 4.0),
        (-2.5, 0, -3.0),  # away from zero on the negative side too
        (-76.605, 2, -76.61),
        (1250.0, -2, 1300.0),
        (1249.9, -2, 1200.0),
        (44.34, 0, 44.0),
        (79.5, 0, 80.0),
        (0.0, 2, 0.0),
    ],
)
def test_round_half_up_matches_excel_round(x: float, ndigits: int, expected: float) -> None:
    assert round_half_up(x, ndigits) == expected


def test_python_round_would_be_wrong_on_these() -> None:
    # the reason the helper exists
    assert round(2.675, 2) == 2.67
    assert round(0.125, 2) == 0.12
    assert round(2.5) == 2


def test_round_half_up_never_returns_negative_zero() -> None:
    result = round_half_up(-0.001, 2)
    assert result == 0.0
    assert math.copysign(1.0, result) == 1.0


def test_round_half_up_is_robust_to_float_noise_of_a_product() -> None:
    # 2.6022 × 25 is 65.055 on paper but 65.05499999999999 in binary: Excel shows 65,06
    konversi = 2.6022 * 25
    assert repr(konversi) == "65.05499999999999"
    assert round(konversi, 2) == 65.05
    assert round_half_up(konversi, 2) == 65.06


def test_round_half_up_keeps_nan_and_inf() -> None:
    assert math.isnan(round_half_up(math.nan))
    assert round_half_up(math.inf) == math.inf


@given(st.integers(min_value=-(10**9), max_value=10**9), st.integers(min_value=0, max_value=3))
def test_round_half_up_on_decimal_halves(n: int, ndigits: int) -> None:
    """``n`` + 0.5 units of the last kept digit always rounds away from zero."""
    text = f"{n}5E-{ndigits + 1}"  # e.g. n=7660, ndigits=2 → 76.605
    x = float(Decimal(text))
    expected = float(Decimal(text).quantize(Decimal(1).scaleb(-ndigits), rounding=ROUND_HALF_UP))
    assert round_half_up(x, ndigits) == expected


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
def test_round_half_up_is_within_half_a_unit(x: float) -> None:
    r = round_half_up(x, 2)
    assert abs(r - x) <= 0.005 + 1e-9 * max(1.0, abs(x))


# ---------------------------------------------------------------- parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("80", 80.0),
        (" 80 ", 80.0),
        ("80,5", 80.5),
        ("80.5", 80.5),  # a single dot before a non-3-digit tail is a decimal point
        ("12.50", 12.5),
        ("1.2345", 1.2345),
        ("0.125", 0.125),  # a leading 0 is never a thousands group
        ("1.234", 1234.0),  # a single dot before exactly 3 digits is a thousands separator
        ("1.234,5", 1234.5),
        ("1.234.567", 1234567.0),
        ("1.234.567,89", 1234567.89),
        ("80%", 80.0),
        ("80,5 %", 80.5),
        ("-2,5", -2.5),
        ("\u22122,5", -2.5),
        ("+3", 3.0),
        (",5", 0.5),
        ("Rp 1.500.000", 1500000.0),
        ("Rp1.500.000,50", 1500000.5),
        ("1 234 567", 1234567.0),
        ("1,234,567", 1234567.0),  # several commas can only be thousands
        ("1,234.5", 1234.5),  # English order when the dot comes last
        ("\u00a080\u00a0", 80.0),
        (80, 80.0),
        (80.5, 80.5),
    ],
)
def test_parse_number_reads_indonesian_writing(text: str | float, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("blank", [None, "", "   ", "\t", math.nan])
def test_parse_number_blank_is_none(blank: object) -> None:
    assert parse_number(blank) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text", ["delapan puluh", "e", "1.23.4", "1,2,3", "%", "80x", "1..2", "--1", "Rp", "12,3,4"]
)
def test_parse_number_rejects_words_in_indonesian(text: str) -> None:
    with pytest.raises(ValueError, match="bukan angka") as info:
        parse_number(text)
    assert text.strip() in str(info.value)


def test_parse_number_rejects_booleans_and_infinity() -> None:
    with pytest.raises(ValueError):
        parse_number(True)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        parse_number(math.inf)


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_parse_number_reads_what_format_id_writes(whole: int, cents: int) -> None:
    value = whole + cents / 100
    assert parse_number(format_id(value)) == pytest.approx(round_half_up(value, 2))


# ---------------------------------------------------------------- format_id


@pytest.mark.parametrize(
    ("x", "ndigits", "expected"),
    [
        (82.45, 2, "82,45"),
        (82.449999, 2, "82,45"),
        (76.605, 2, "76,61"),
        (1234567, 0, "1.234.567"),
        (1234567.891, 2, "1.234.567,89"),
        (1234.5, 2, "1.234,50"),
        (-1234.5, 2, "-1.234,50"),
        (0.5, 0, "1"),
        (-0.001, 2, "0,00"),
        (3.06444, 4, "3,0644"),
        (1000, 0, "1.000"),
        (999.995, 2, "1.000,00"),
    ],
)
def test_format_id_uses_indonesian_separators(x: float, ndigits: int, expected: str) -> None:
    assert format_id(x, ndigits) == expected


def test_format_id_nan_is_a_dash() -> None:
    assert format_id(math.nan) == "-"
