"""Indonesian formats in documents."""

from __future__ import annotations

import datetime as dt
import math

from lkjip_xl.report import fmt


def test_numbers_use_indonesian_separators_and_excel_rounding() -> None:
    assert fmt.angka(82.449999) == "82,45"
    assert fmt.angka(76.605) == "76,61"  # half away from zero, like Excel's ROUND
    assert fmt.angka(2.675) == "2,68"
    assert fmt.angka(1234567, 0) == "1.234.567"
    assert fmt.angka(-1234.5) == "-1.234,50"
    assert fmt.angka(-0.001) == "0,00"
    assert fmt.angka(None) == "-" and fmt.angka(math.nan) == "-"
    assert fmt.angka(None, kosong="belum ada data") == "belum ada data"


def test_percent_and_rupiah() -> None:
    assert fmt.persen(93.75) == "93,75%"
    assert fmt.rupiah(1_500_000) == "Rp1.500.000"
    assert fmt.rupiah(None) == "-"


def test_dates_in_indonesian() -> None:
    assert fmt.tanggal(dt.date(2025, 1, 2)) == "2 Januari 2025"
    assert fmt.tanggal(dt.datetime(2026, 8, 17, 10, 0)) == "17 Agustus 2026"
    assert fmt.bulan_tahun(dt.date(2026, 2, 1)) == "Februari 2026"


def test_counts_in_words() -> None:
    assert fmt.terbilang(21) == "dua puluh satu"
    assert fmt.dengan_kata(1, "berkas") == "1 (satu) berkas"
    assert fmt.dengan_kata(12, "indikator") == "12 (dua belas) indikator"
    assert fmt.dengan_kata(0) == "0 (nol)"
