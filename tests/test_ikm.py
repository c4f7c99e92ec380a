"""IKM per PermenPAN-RB 14/2017 and KepMenPAN 25/2004 (DOMAIN.md §4, §9)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from lkjip_xl.domain.ikm import (
    ANSWER_LABELS,
    UNSUR_2004,
    UNSUR_2017,
    answer_value,
    classify_ikm,
    compute_ikm,
    krejcie_morgan,
    match_unsur_columns,
    normalize_answers,
    unsur_codes,
)
from lkjip_xl.domain.numbers import round_half_up
from lkjip_xl.errors import LkjipError

U9 = [f"U{i}" for i in range(1, 10)]
U14 = [f"U{i}" for i in range(1, 15)]


def frame(rows: list[list[object]], codes: list[str] = U9, **extra: list[object]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=codes, dtype=object)
    for name, values in extra.items():
        df[name] = values
    return df


def data_with_total(n: int, total: int, codes: list[str] = U9) -> pd.DataFrame:
    """``n`` respondents whose answers (all unsur answered) add up to ``total``."""
    cells = n * len(codes)
    base, extra = divmod(total, cells)
    assert 1 <= base <= 4 and (base < 4 or extra == 0)
    flat = np.full(cells, base, dtype=np.int8)
    flat[:extra] += 1
    return pd.DataFrame(flat.reshape(n, len(codes)), columns=codes)


# ---------------------------------------------------------------- unsur and labels


def test_unsur_lists() -> None:
    assert unsur_codes("2017") == U9
    assert unsur_codes("2004") == U14
    assert UNSUR_2017["U4"] == "Biaya/Tarif"
    assert UNSUR_2017["U9"] == "Sarana dan Prasarana"
    assert len(UNSUR_2004) == 14
    with pytest.raises(LkjipError, match="Regulasi IKM '2020'"):
        unsur_codes("2020")


@pytest.mark.parametrize(
    "labels",
    [
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
        ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
        ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
        ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
        ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
        (
            "Tidak sopan dan ramah",
            "Kurang sopan dan ramah",
            "Sopan dan ramah",
            "Sangat sopan dan ramah",
        ),
        (
            "Tidak ada",
            "Ada tetapi tidak berfungsi",
            "Berfungsi kurang maksimal",
            "Dikelola dengan baik",
        ),
        ("Buruk", "Cukup", "Baik", "Sangat baik"),
        ("Tidak baik", "Kurang baik", "Baik", "Sangat baik"),
    ],
)
def test_answer_labels_map_to_1_to_4(labels: tuple[str, str, str, str]) -> None:
    assert [answer_value(label) for label in labels] == [1, 2, 3, 4]
    assert [answer_value(f"  {label.upper()} ") for label in labels] == [1, 2, 3, 4]
    assert all(ANSWER_LABELS[" ".join(label.lower().split())] for label in labels)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (1, 1),
        (4, 4),
        (np.int64(3), 3),
        (3.0, 3),
        ("2", 2),
        (" 4 ", 4),
        ("4,0", 4),
        ("a", 1),
        ("B", 2),
        (" c ", 3),
        ("D", 4),
        ("d.", 4),
        ("Sangat  Sesuai", 4),
        (None, None),
        (math.nan, None),
        ("", None),
        ("   ", None),
        (pd.NA, None),
    ],
)
def test_answer_value_accepts_numbers_letters_labels(raw: object, expected: int | None) -> None:
    assert answer_value(raw) == expected


@pytest.mark.parametrize("raw", [5, 0, -1, 2.5, "2,5", "delapan", "e", "ab", True, "5"])
def test_answer_value_rejects_non_answers(raw: object) -> None:
    with pytest.raises(ValueError, match="bukan jawaban SKM"):
        answer_value(raw)


def test_headers_matched_by_name_not_position() -> None:
    cols = ["Unit Layanan", "U1 Persyaratan", "u2", " U3 ", "U4. Biaya", "U5", "U6", "U7"]
    cols += ["U8", "U9 Sarana", "U10", "Saran"]
    mapping = match_unsur_columns(cols, "2017")
    assert mapping["U1"] == "U1 Persyaratan"
    assert mapping["U3"] == " U3 "
    assert mapping["U9"] == "U9 Sarana"
    assert "U10" not in mapping.values()  # U10 is not U1


def test_missing_unsur_columns_are_all_named() -> None:
    with pytest.raises(LkjipError) as info:
        match_unsur_columns(["U1", "U2", "U4", "U5", "U6", "U7", "U8"], "2017")
    assert "U3, U9" in info.value.pesan


def test_two_columns_for_one_unsur_is_an_error() -> None:
    with pytest.raises(LkjipError, match="lebih dari satu kolom"):
        match_unsur_columns([*U9, "U1 Persyaratan"], "2017")


# ---------------------------------------------------------------- normalize_answers


def test_normalize_answers_converts_and_lists_every_bad_answer() -> None:
    df = frame(
        [
            [4, "d", "Sesuai", "b", None, " ", 3.0, "2", "A"],
            [5, 0, 2.5, "delapan", "e", 4, 4, 4, 4],
        ],
        Unit=["X", "Y"],
    )
    out, bad = normalize_answers(df)
    assert out.loc[0, U9].tolist() == [4, 4, 3, 2, pd.NA, pd.NA, 3, 2, 1]
    assert str(out["U1"].dtype) == "Int8"
    assert out["Unit"].tolist() == ["X", "Y"]  # other columns kept
    assert [(b.row_index, b.column, b.value) for b in bad] == [
        (1, "U1", 5),
        (1, "U2", 0),
        (1, "U3", 2.5),
        (1, "U4", "delapan"),
        (1, "U5", "e"),
    ]
    assert out.loc[1, "U1"] is pd.NA  # a bad answer is not clipped to 4


def test_normalize_answers_renames_long_headers_to_codes() -> None:
    df = pd.DataFrame({f"{c} {name}": [3] for c, name in UNSUR_2017.items()})
    out, bad = normalize_answers(df)
    assert bad == []
    assert list(out.columns) == U9


def test_normalize_answers_numeric_fast_paths_find_bad_values() -> None:
    df = pd.DataFrame({c: np.array([1, 4, 2], dtype=np.int8) for c in U9})
    df["U2"] = np.array([1.0, np.nan, 7.0])
    df["U3"] = pd.array([1, None, 0], dtype="Int64")
    out, bad = normalize_answers(df)
    assert [(b.row_index, b.unsur) for b in bad] == [(2, "U2"), (2, "U3")]
    assert out["U2"].isna().tolist() == [False, True, True]


def test_bad_answers_make_compute_fail_loudly() -> None:
    df = frame([[4] * 9, [4, 4, 4, 4, 4, 4, 4, 4, 9]])
    with pytest.raises(LkjipError, match="1 jawaban SKM yang tidak sah") as info:
        compute_ikm(df)
    assert "kolom U9" in info.value.pesan
    assert "'9'" in info.value.pesan


# ---------------------------------------------------------------- classification edges


@pytest.mark.parametrize(
    ("konversi", "mutu", "kinerja"),
    [
        (100.0, "A", "Sangat Baik"),
        (88.31, "A", "Sangat Baik"),
        (88.305, "A", "Sangat Baik"),  # shown as 88,31
        (88.3049, "B", "Baik"),  # shown as 88,30
        (88.30, "B", "Baik"),
        (76.6056, "B", "Baik"),  # shown as 76,61
        (76.61, "B", "Baik"),
        (76.605, "B", "Baik"),
        (76.6044, "C", "Kurang Baik"),  # shown as 76,60: never "76,61 (C)"
        (76.60, "C", "Kurang Baik"),
        (65.00, "C", "Kurang Baik"),
        (64.995, "C", "Kurang Baik"),  # shown as 65,00
        (64.9949, "D", "Tidak Baik"),
        (64.99, "D", "Tidak Baik"),
        (25.0, "D", "Tidak Baik"),
    ],
)
def test_classify_2017_edges(konversi: float, mutu: str, kinerja: str) -> None:
    assert classify_ikm(konversi, "2017") == (mutu, kinerja)


@pytest.mark.parametrize(
    ("konversi", "mutu"),
    [
        (100.0, "A"),
        (81.26, "A"),
        (81.255, "A"),
        (81.2549, "B"),
        (81.25, "B"),
        (62.51, "B"),
        (62.505, "B"),
        (62.50, "C"),
        (43.76, "C"),
        (43.755, "C"),
        (43.75, "D"),
        (25.0, "D"),
    ],
)
def test_classify_2004_edges(konversi: float, mutu: str) -> None:
    assert classify_ikm(konversi, "2004")[0] == mutu


@pytest.mark.parametrize("konversi", [24.99, 100.01, math.nan, -5.0])
def test_classify_rejects_values_outside_25_100(konversi: float) -> None:
    with pytest.raises(LkjipError):
        classify_ikm(konversi)


def test_shown_value_and_mutu_always_agree() -> None:
    for k in np.arange(64.90, 89.0, 0.0013):
        shown = round_half_up(float(k), 2)
        mutu = classify_ikm(float(k))[0]
        expected = "A" if shown >= 88.31 else "B" if shown >= 76.61 else "C" if shown >= 65 else "D"
        assert mutu == expected


@pytest.mark.parametrize(
    ("n", "total", "konversi", "mutu"),
    [
        (2500, 9 * 7661, 76.61, "B"),  # indeks 3.0644 exactly on paper
        (2500, 9 * 7660, 76.60, "C"),  # indeks 3.0640
        (2500, 9 * 8831, 88.31, "A"),  # indeks 3.5324
        (2500, 9 * 8830, 88.30, "B"),  # indeks 3.5320
        (5, 117, 65.00, "C"),  # indeks 2.6
        (2500, 9 * 6499, 64.99, "D"),  # indeks 2.5996
    ],
)
def test_edges_computed_from_real_responses(n: int, total: int, konversi: float, mutu: str) -> None:
    result = compute_ikm(data_with_total(n, total))
    assert result.ikm == pytest.approx(konversi, abs=1e-9)
    assert round_half_up(result.ikm, 2) == konversi
    assert result.mutu == mutu


# ---------------------------------------------------------------- NRR, blanks, bobot


def test_nrr_indeks_and_konversi_by_hand() -> None:
    df = frame([[4, 3, 2, 4, 3, 3, 4, 2, 3], [3, 3, 3, 4, 4, 3, 4, 3, 3]])
    r = compute_ikm(df)
    assert r.responden == 2
    assert r.nrr["U1"] == 3.5
    assert r.nrr["U3"] == 2.5
    assert r.nrr_tertimbang["U1"] == pytest.approx(3.5 / 9)
    expected_indeks = sum([3.5, 3, 2.5, 4, 3.5, 3, 4, 2.5, 3]) / 9
    assert r.indeks == pytest.approx(expected_indeks)
    assert r.ikm == pytest.approx(expected_indeks * 25)
    assert (r.mutu, r.kinerja) == ("B", "Baik")  # 81,94
    assert r.regulasi == "2017" and r.bobot == "exact" and r.gabungan == "pooled"
    assert r.per_unit == {}
    assert r.sampel_minimum is None


def test_blanks_are_excluded_per_unsur_and_counted() -> None:
    df = frame(
        [
            [4, None, 4, 4, 4, 4, 4, 4, 4],
            [2, 2, "", 2, 2, 2, 2, 2, 2],
            [3, 4, 3, 3, 3, 3, 3, 3, "  "],
        ]
    )
    r = compute_ikm(df)
    assert r.nrr["U1"] == 3.0
    assert r.nrr["U2"] == 3.0  # (2 + 4) / 2, not (0 + 2 + 4) / 3
    assert r.nrr["U3"] == 3.5
    assert r.nrr["U9"] == 3.0
    assert r.kosong == {**dict.fromkeys(U9, 0), "U2": 1, "U3": 1, "U9": 1}
    assert r.responden == 3
    assert any("U2 (1), U3 (1), U9 (1)" in w for w in r.peringatan)


def test_blanks_never_shift_answers_to_another_unsur() -> None:
    # columns in a different order than U1..U9, one blank in U2
    order = ["U3", "U1", "U2", "U9", "U8", "U7", "U6", "U5", "U4"]
    rows = [[1, 4, None, 2, 2, 2, 2, 2, 2], [1, 4, 3, 2, 2, 2, 2, 2, 2]]
    r = compute_ikm(pd.DataFrame(rows, columns=order, dtype=object))
    assert r.nrr["U3"] == 1.0
    assert r.nrr["U1"] == 4.0
    assert r.nrr["U2"] == 3.0
    assert r.kosong["U2"] == 1
    assert r.kosong["U3"] == 0


def test_letters_and_labels_give_the_same_result_as_numbers() -> None:
    numbers = frame([[1, 2, 3, 4, 1, 2, 3, 4, 4], [4, 3, 2, 1, 4, 3, 2, 1, 1]])
    mixed = frame(
        [
            ["a", "Kurang mudah", "C", "Gratis", "tidak sesuai", "b", "Sopan dan ramah", "d", "D"],
            [
                "Sangat sesuai",
                "c",
                "Kurang cepat",
                "Sangat mahal",
                "D",
                "Kompeten",
                "b",
                "Tidak ada",
                "Buruk",
            ],
        ]
    )
    a, b = compute_ikm(numbers), compute_ikm(mixed)
    assert a.nrr == b.nrr
    assert a.indeks == b.indeks


def test_rows_without_any_answer_are_not_respondents() -> None:
    df = frame([[4] * 9, [None] * 9, [3] * 9])
    r = compute_ikm(df)
    assert r.responden == 2
    assert r.kosong == dict.fromkeys(U9, 0)
    assert any("1 baris tanpa satu jawaban" in w for w in r.peringatan)


def test_bobot_0111_versus_exact() -> None:
    df = frame([[4] * 9])
    exact = compute_ikm(df, bobot="exact")
    rounded = compute_ikm(df, bobot="0.111")
    assert exact.ikm == pytest.approx(100.0)
    assert rounded.nrr_tertimbang["U1"] == pytest.approx(0.444)
    assert rounded.indeks == pytest.approx(3.996)
    assert rounded.ikm == pytest.approx(99.9)  # the 0.111 cap
    assert rounded.bobot == "0.111"
    assert any("0,111" in w and "99,90" in w for w in rounded.peringatan)
    assert not any("0,111" in w for w in exact.peringatan)


def test_bobot_0111_can_change_the_mutu_at_an_edge() -> None:
    df = data_with_total(2500, 9 * 7661)  # exactly 76,61 with 1/9
    assert compute_ikm(df).mutu == "B"
    rounded = compute_ikm(df, bobot="0.111")
    assert rounded.ikm == pytest.approx(76.61 * 0.999)
    assert rounded.mutu == "C"


def test_unknown_settings_are_rejected_in_indonesian() -> None:
    df = frame([[4] * 9])
    with pytest.raises(LkjipError, match=r"bobot '0\.11'"):
        compute_ikm(df, bobot="0.11")
    with pytest.raises(LkjipError, match="gabungan 'median'"):
        compute_ikm(df, gabungan="median")
    with pytest.raises(LkjipError, match="Regulasi IKM '2014'"):
        compute_ikm(df, regulasi="2014")


def test_no_answers_at_all_is_an_error() -> None:
    with pytest.raises(LkjipError, match="Tidak ada satu pun jawaban"):
        compute_ikm(frame([[None] * 9]))


def test_unsur_without_any_answer_is_an_error_naming_it() -> None:
    df = frame([[4, 4, 4, None, 4, 4, 4, 4, 4], [3, 3, 3, "", 3, 3, 3, 3, 3]])
    with pytest.raises(LkjipError, match=r"U4 \(Biaya/Tarif\)"):
        compute_ikm(df)


# ---------------------------------------------------------------- units, pooled, mean


def units_frame() -> pd.DataFrame:
    rows = [[4] * 9, [4] * 9, [4] * 9, [2] * 9]  # unit A: 3 respondents, unit B: 1
    return frame(rows, Unit=["Kelurahan A", "Kelurahan A ", "Kelurahan A", "Kelurahan B"])


def test_per_unit_figures_in_order_of_appearance() -> None:
    r = compute_ikm(units_frame(), unit_column="Unit")
    assert list(r.per_unit) == ["Kelurahan A", "Kelurahan B"]  # "Kelurahan A " is the same unit
    a, b = r.per_unit["Kelurahan A"], r.per_unit["Kelurahan B"]
    assert (a.responden, a.indeks, a.ikm, a.mutu) == (3, pytest.approx(4.0), 100.0, "A")
    assert (b.responden, b.indeks, b.mutu, b.kinerja) == (1, pytest.approx(2.0), "D", "Tidak Baik")


def test_pooled_overall_weights_units_by_respondents() -> None:
    r = compute_ikm(units_frame(), unit_column="Unit", gabungan="pooled")
    assert r.responden == 4
    assert r.indeks == pytest.approx(3.5)  # (4 + 4 + 4 + 2) / 4
    assert r.ikm == pytest.approx(87.5)
    assert r.mutu == "B"


def test_mean_overall_is_the_mean_of_unit_figures() -> None:
    r = compute_ikm(units_frame(), unit_column="Unit", gabungan="mean")
    assert r.indeks == pytest.approx(3.0)  # (4 + 2) / 2
    assert r.ikm == pytest.approx(75.0)
    assert (r.mutu, r.kinerja) == ("C", "Kurang Baik")
    assert r.nrr["U1"] == pytest.approx(3.0)
    assert r.responden == 4
    assert r.gabungan == "mean"
    assert any("rata-rata 2 unit" in w for w in r.peringatan)


def test_mean_of_units_with_blanks() -> None:
    df = frame(
        [[4, 3, 4, 4, 4, 4, 4, 4, 4], [2, None, 2, 2, 2, 2, 2, 2, 2], [3] * 9],
        Unit=["X", "X", "Y"],
    )
    r = compute_ikm(df, unit_column="Unit", gabungan="mean")
    x = r.per_unit["X"]
    assert x.nrr["U2"] == 3.0 and x.kosong["U2"] == 1
    assert r.indeks == pytest.approx((x.indeks + r.per_unit["Y"].indeks) / 2)


def test_unit_with_an_unanswered_unsur_cannot_be_computed() -> None:
    df = frame(
        [[4] * 9, [3, 3, 3, 3, 3, None, 3, 3, 3]],
        Unit=["Kelurahan Pakistaji", "Kelurahan Sumbertaman"],
    )
    with pytest.raises(LkjipError) as info:
        compute_ikm(df, unit_column="Unit")
    assert "Kelurahan Sumbertaman" in info.value.pesan
    assert "U6 (Kompetensi Pelaksana)" in info.value.pesan
    assert "tidak dapat dihitung" in info.value.pesan


def test_blank_unit_for_a_respondent_is_an_error() -> None:
    df = frame([[4] * 9, [3] * 9], Unit=["Kelurahan A", "  "])
    with pytest.raises(LkjipError, match="Unit layanan kosong pada 1 baris"):
        compute_ikm(df, unit_column="Unit")


def test_missing_unit_column_is_an_error() -> None:
    with pytest.raises(LkjipError, match="Kolom unit layanan 'Unit'"):
        compute_ikm(frame([[4] * 9]), unit_column="Unit")


# ---------------------------------------------------------------- 2004, sample size


def test_fourteen_unsur_of_2004() -> None:
    rows = [[3] * 14, [4] * 13 + [2]]
    df = pd.DataFrame(rows, columns=U14)
    r = compute_ikm(df, regulasi="2004")
    assert list(r.nrr) == U14
    assert r.nrr_tertimbang["U1"] == pytest.approx(3.5 / 14)
    assert r.indeks == pytest.approx((13 * 3.5 + 2.5) / 14)
    assert r.ikm == pytest.approx(r.indeks * 25)
    assert (r.mutu, r.kinerja) == ("A", "Sangat Baik")  # 85,71 ≥ 81,26
    with pytest.raises(LkjipError, match="U10, U11, U12, U13, U14"):
        compute_ikm(frame([[4] * 9]), regulasi="2004")


def test_2004_uses_its_own_intervals() -> None:
    df = pd.DataFrame([[3] * 14], columns=U14)
    assert compute_ikm(df, regulasi="2004").mutu == "B"  # 75,00 is B in 2004
    assert compute_ikm(frame([[3] * 9])).mutu == "C"  # and C in 2017


def test_2004_rounded_bobot_is_0071() -> None:
    df = pd.DataFrame([[4] * 14], columns=U14)
    r = compute_ikm(df, regulasi="2004", bobot="0.111")
    assert r.nrr_tertimbang["U1"] == pytest.approx(4 * 0.071)
    assert r.indeks == pytest.approx(4 * 0.071 * 14)
    assert r.ikm == pytest.approx(99.4)
    assert any("0,071" in w and "99,40" in w for w in r.peringatan)


def test_extra_unsur_columns_are_ignored_with_a_warning() -> None:
    df = pd.DataFrame([[4] * 14], columns=U14)
    r = compute_ikm(df, regulasi="2017")
    assert r.ikm == pytest.approx(100.0)
    assert any("U10, U11, U12, U13, U14 diabaikan" in w for w in r.peringatan)


@pytest.mark.parametrize(
    ("populasi", "sampel"),
    [
        (10, 10),
        (50, 44),
        (100, 80),
        (200, 132),
        (500, 217),
        (1000, 278),
        (2000, 322),
        (10_000, 370),
        (1_000_000, 384),
    ],
)
def test_krejcie_morgan_table(populasi: int, sampel: int) -> None:
    assert krejcie_morgan(populasi) == sampel


@pytest.mark.parametrize("populasi", [0, -5, 2.5])
def test_krejcie_morgan_rejects_bad_population(populasi: float) -> None:
    with pytest.raises(LkjipError, match="Populasi"):
        krejcie_morgan(populasi)  # type: ignore[arg-type]


def test_sample_below_minimum_is_warned() -> None:
    df = frame([[4] * 9] * 40)
    r = compute_ikm(df, populasi=50)
    assert r.sampel_minimum == 44
    assert any("kurang dari sampel minimum 44" in w for w in r.peringatan)
    ok = compute_ikm(frame([[4] * 9] * 44), populasi=50)
    assert not any("sampel minimum" in w for w in ok.peringatan)


def test_more_respondents_than_population_is_warned() -> None:
    r = compute_ikm(frame([[4] * 9] * 12), populasi=10)
    assert any("melebihi populasi" in w for w in r.peringatan)


# ---------------------------------------------------------------- properties

answers = hnp.arrays(
    np.int8,
    st.tuples(st.integers(1, 60), st.just(9)),
    elements=st.integers(0, 4),  # 0 = blank
)


def _as_frame(matrix: np.ndarray) -> pd.DataFrame:
    df = pd.DataFrame(matrix.astype(float), columns=U9)
    return df.mask(df == 0)


def _answerable(matrix: np.ndarray) -> bool:
    return bool((matrix > 0).any(axis=0).all())


@settings(max_examples=150, suppress_health_check=[HealthCheck.filter_too_much])
@given(answers)
def test_indeks_is_within_1_and_4(matrix: np.ndarray) -> None:
    if not _answerable(matrix):
        return
    r = compute_ikm(_as_frame(matrix))
    assert 1.0 - 1e-12 <= r.indeks <= 4.0 + 1e-12
    assert 25.0 - 1e-9 <= r.ikm <= 100.0 + 1e-9


@settings(max_examples=100)
@given(answers, st.randoms(use_true_random=False))
def test_row_order_does_not_matter(matrix: np.ndarray, rnd: object) -> None:
    if not _answerable(matrix):
        return
    order = list(range(len(matrix)))
    rnd.shuffle(order)  # type: ignore[attr-defined]
    a = compute_ikm(_as_frame(matrix))
    b = compute_ikm(_as_frame(matrix[order]))
    assert a.nrr == b.nrr
    assert a.indeks == b.indeks
    assert a.mutu == b.mutu


@settings(max_examples=100)
@given(answers)
def test_a_fully_satisfied_respondent_never_lowers_the_ikm(matrix: np.ndarray) -> None:
    if not _answerable(matrix):
        return
    before = compute_ikm(_as_frame(matrix))
    after = compute_ikm(_as_frame(np.vstack([matrix, np.full((1, 9), 4, dtype=np.int8)])))
    assert after.ikm >= before.ikm
    assert all(after.nrr[c] >= before.nrr[c] for c in U9)


@settings(max_examples=60)
@given(answers, st.lists(st.sampled_from(["P", "Q", "R"]), min_size=60, max_size=60))
def test_pooled_overall_equals_computing_without_units(
    matrix: np.ndarray, units: list[str]
) -> None:
    df = _as_frame(matrix)
    df["Unit"] = units[: len(df)]
    try:
        with_units = compute_ikm(df, unit_column="Unit")
    except LkjipError:
        return  # some unit has an unanswered unsur
    without = compute_ikm(df.drop(columns="Unit"))
    assert with_units.nrr == without.nrr
    assert with_units.indeks == without.indeks
    assert sum(u.responden for u in with_units.per_unit.values()) == with_units.responden
