"""Indonesian formats for documents: numbers, percentages, rupiah, dates and terbilang.

Numbers are rounded with :func:`~lkjip_xl.domain.numbers.round_half_up` (Excel's
ROUND) first and then written as babel writes them for the ``id`` locale, so a document
shows "82,45" and "1.234.567" and the figure agrees with the workbook. The ``id`` separators
and month names are written here directly (babel looks the locale up on every call, which
cost a report about 0,3 s); ``tests/test_report_fmt_babel.py`` checks both against babel. Dates read
"2 Januari 2025"; counts in letters read "1 (satu) berkas".
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from lkjip_xl.domain import worktime
from lkjip_xl.domain.numbers import round_half_up

__all__ = [
    "KOSONG",
    "angka",
    "bulan_tahun",
    "dengan_kata",
    "kalimat",
    "nip",
    "persen",
    "rupiah",
    "tanggal",
    "terbilang",
]

LOCALE = "id"
_ID_SEPARATORS = str.maketrans({",": ".", ".": ","})
BULAN = worktime.BULAN
"""Month names as babel's ``id`` locale writes them (``MMMM``)."""
KOSONG = "-"
"""What a table cell shows for a missing figure."""


def _finite(x: float | int | None) -> bool:
    return x is not None and not (isinstance(x, float) and not math.isfinite(x))


def angka(x: float | int | None, nd: int = 2, *, kosong: str = KOSONG) -> str:
    """``82.449999 → "82,45"``, ``angka(1234567, 0) → "1.234.567"``; None/NaN → ``kosong``."""
    if not _finite(x):
        return kosong
    assert x is not None
    value = Decimal(repr(round_half_up(float(x), nd)))
    if nd >= 0:
        # what babel writes for the ``id`` locale and ``#,##0.00`` (checked against babel in
        # tests/test_report_fmt_babel.py), without its per-call locale lookups (~0,5 ms each)
        text = f"{abs(value):,.{nd}f}".translate(_ID_SEPARATORS)
        return ("-" + text) if value < 0 and value != 0 else text
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * nd if nd > 0 else "")
    text = format_decimal(value, format=pattern, locale=LOCALE, decimal_quantization=True)
    return "0" + text[2:] if text.startswith("-0") and value == 0 else text


def persen(x: float | int | None, nd: int = 2, *, kosong: str = KOSONG) -> str:
    """``93.75 → "93,75%"``."""
    return kosong if not _finite(x) else f"{angka(x, nd)}%"


def rupiah(x: float | int | None, *, kosong: str = KOSONG) -> str:
    """``1500000 → "Rp1.500.000"`` (whole rupiah, the way budget documents show it)."""
    return kosong if not _finite(x) else f"Rp{angka(x, 0)}"


def tanggal(d: dt.date | dt.datetime | None, *, kosong: str = KOSONG) -> str:
    """``date(2025, 1, 2) → "2 Januari 2025"``."""
    if d is None:
        return kosong
    if isinstance(d, dt.datetime):
        d = d.date()
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def bulan_tahun(d: dt.date) -> str:
    """``date(2025, 1, 2) → "Januari 2025"``."""
    return f"{BULAN[d.month - 1]} {d.year}"


_SATUAN = (
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
)
_SKALA = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"))


def _kata(n: int) -> str:
    """Words of 0 < ``n`` < 10**15, as num2words writes them for ``lang="id"``."""
    for size, name in _SKALA:
        if n >= size:
            head, rest = divmod(n, size)
            return f"{_kata(head)} {name}" + (f" {_kata(rest)}" if rest else "")
    if n >= 1000:
        head, rest = divmod(n, 1000)
        text = "seribu" if head == 1 else f"{_kata(head)} ribu"
    elif n >= 100:
        head, rest = divmod(n, 100)
        text = "seratus" if head == 1 else f"{_SATUAN[head]} ratus"
    elif n >= 20:
        head, rest = divmod(n, 10)
        text = f"{_SATUAN[head]} puluh"
    elif n >= 12:
        return f"{_SATUAN[n - 10]} belas"
    else:
        return _SATUAN[n]
    return text + (f" {_kata(rest)}" if rest else "")


def terbilang(n: int) -> str:
    """A whole number in Indonesian words: ``21 → "dua puluh satu"``.

    Written here for 0 ≤ n < 10**15 (importing num2words loads every language it has, about
    0,08 s); ``tests/test_report_fmt_babel.py`` checks it against num2words."""
    n = int(n)
    if 0 <= n < 10**15:
        return _kata(n) if n else _SATUAN[0]
    from num2words import num2words

    return str(num2words(n, lang="id"))


def dengan_kata(n: int, satuan: str = "") -> str:
    """``dengan_kata(1, "berkas") → "1 (satu) berkas"`` as letters write counts."""
    text = f"{angka(n, 0)} ({terbilang(n)})"
    return f"{text} {satuan}".strip()


def nip(value: str | int | None, *, kosong: str = KOSONG) -> str:
    """An 18-digit NIP grouped as printed: ``"197001011990031001" → "19700101 199003 1 001"``.

    Groups: date of birth (8), TMT CPNS (6), sex (1), serial (3). Anything that is not 18
    digits once spaces are removed is printed as given.
    """
    if value is None:
        return kosong
    text = str(value).strip()
    digits = text.replace(" ", "")
    if not text:
        return kosong
    if len(digits) != 18 or not digits.isdigit():
        return text
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def kalimat(text: str) -> str:
    """``text`` as one sentence ending in exactly one full stop (or its own ``!``/``?``), for
    text typed by staff that is quoted inside generated sentences: ``"Sesuai laporan."`` and
    ``"Sesuai laporan"`` both give ``"Sesuai laporan."``; blank stays blank."""
    body = " ".join(str(text or "").split()).rstrip(" .")
    if not body:
        return ""
    return body if body[-1] in "!?" else body + "."
