"""Numbers as Indonesian offices write them, and rounding as Excel does it.

* :func:`round_half_up` is Excel's ``ROUND``: halves go away from zero, and the
  float is first read at 15 significant digits (Excel's precision), so binary
  noise such as ``2.675 -> 2.67499999…`` or ``76.60999999999999`` does not
  change the result. Python's :func:`round` does banker's rounding on the
  binary value and must not be used for anything a user sees.
* :func:`parse_number` reads "80,5", "1.234,5", "1.234.567", "80%", "Rp 1.500.000".
* :func:`format_id` writes "82,45" and "1.234.567".
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = ["format_id", "parse_number", "round_half_up"]

_SIGNIFICANT = 15
"""Excel keeps 15 significant decimal digits; values are read at this precision first."""


def _to_decimal(x: float) -> Decimal:
    """The decimal value Excel would see: ``x`` at 15 significant digits."""
    return Decimal(format(x, f".{_SIGNIFICANT}g"))


def round_half_up(x: float, ndigits: int = 2) -> float:
    """Round like Excel's ``ROUND``: half away from zero, robust to float error.

    ``round_half_up(76.605) == 76.61``, ``round_half_up(2.675) == 2.68``,
    ``round_half_up(-2.5, 0) == -3.0``. ``ndigits`` may be negative
    (``round_half_up(1250, -2) == 1300``). NaN and infinities are returned unchanged.
    """
    x = float(x)
    if not math.isfinite(x):
        return x
    quantum = Decimal(1).scaleb(-ndigits)
    try:
        rounded = _to_decimal(x).quantize(quantum, rounding=ROUND_HALF_UP)
    except InvalidOperation:  # pragma: no cover - only for absurd ndigits
        return x
    result = float(rounded)
    return 0.0 if result == 0 else result  # no "-0.0"


_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+$")  # 1.234 / 1.234.567 (dot thousands)
_GROUPED_COMMA = re.compile(r"^\d{1,3}(?:,\d{3})+$")  # 1,234,567 (comma thousands)
_PLAIN = re.compile(r"^\d+$")
_DECIMAL_TAIL = re.compile(r"^\d+$")
_CURRENCY = re.compile(r"^rp\.?\s*", re.IGNORECASE)
_MINUS = "-\u2212\u2013"


def _bad_number(text: str) -> ValueError:
    from lkjip_xl.errors import has_invisible, visible

    hidden = (
        " Sel berisi karakter tak terlihat (ditandai ⍽ atau [U+…]); hapus isi sel lalu ketik "
        "ulang angkanya."
        if has_invisible(text)
        else ""
    )
    return ValueError(
        f"'{visible(text)}' bukan angka.{hidden} Tulis dengan angka, misalnya 80 atau 80,5 "
        "(koma untuk desimal, titik untuk ribuan: 1.234,5)."
    )


def _parse_unsigned(body: str, original: str) -> float:
    """Parse digits with Indonesian (or unambiguous English) separators; no sign."""
    has_dot, has_comma = "." in body, "," in body
    if has_dot and has_comma:
        # the separator that comes last is the decimal one
        if body.rfind(",") > body.rfind("."):
            whole, _, frac = body.rpartition(",")
            if not (_GROUPED.match(whole) or _PLAIN.match(whole)):
                raise _bad_number(original)
            whole = whole.replace(".", "")
        else:
            whole, _, frac = body.rpartition(".")
            if not (_GROUPED_COMMA.match(whole) or _PLAIN.match(whole)):
                raise _bad_number(original)
            whole = whole.replace(",", "")
        if not _DECIMAL_TAIL.match(frac):
            raise _bad_number(original)
        return float(f"{whole}.{frac}")
    if has_comma:
        if body.count(",") == 1:
            whole, _, frac = body.partition(",")
            if not whole:
                whole = "0"
            if not (_PLAIN.match(whole) and _DECIMAL_TAIL.match(frac)):
                raise _bad_number(original)
            return float(f"{whole}.{frac}")
        if _GROUPED_COMMA.match(body):
            return float(body.replace(",", ""))
        raise _bad_number(original)
    if has_dot:
        if body.count(".") == 1:
            whole, _, frac = body.partition(".")
            # "1.234" is one thousand two hundred thirty-four; "80.5", "0.125" and
            # ".5" are decimals (a group of three after a leading zero is not thousands).
            if _GROUPED.match(body) and whole != "0":
                return float(whole + frac)
            if not whole:
                whole = "0"
            if not (_PLAIN.match(whole) and _DECIMAL_TAIL.match(frac)):
                raise _bad_number(original)
            return float(f"{whole}.{frac}")
        if _GROUPED.match(body):
            return float(body.replace(".", ""))
        raise _bad_number(original)
    if _PLAIN.match(body):
        return float(body)
    raise _bad_number(original)


def parse_number(text: str | float | int | None) -> float | None:
    """Read a number written the Indonesian way; ``None`` for a blank.

    Accepts ``80``, ``" 80 "``, ``"80,5"``, ``"1.234,5"``, ``"1.234.567"``,
    ``"80%"`` (→ 80.0), ``"Rp 1.500.000"``, ``"-2,5"`` and plain ``"80.5"`` (a
    single dot not followed by exactly three digits is a decimal point).
    ``None``, NaN, ``""`` and whitespace give ``None``. Words ("delapan puluh"),
    booleans and malformed groupings raise :class:`ValueError` with an Indonesian
    message.
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise _bad_number(str(text))
    if isinstance(text, int | float):
        value = float(text)
        if math.isnan(value):
            return None
        if math.isinf(value):
            raise _bad_number(str(text))
        return value
    if not isinstance(text, str):
        raise _bad_number(str(text))
    original = text.strip()
    body = original.replace("\u00a0", " ").strip()
    if not body:
        return None
    body = _CURRENCY.sub("", body)
    if body.endswith("%"):
        body = body[:-1].strip()
    sign = 1.0
    if body[:1] in _MINUS:
        sign, body = -1.0, body[1:].strip()
    elif body[:1] == "+":
        body = body[1:].strip()
    body = body.replace(" ", "")  # "1 234 567" written with spaces as thousands
    if not body:
        raise _bad_number(original)
    return sign * _parse_unsigned(body, original)


def format_id(x: float, ndigits: int = 2) -> str:
    """Format with Indonesian separators after :func:`round_half_up`.

    ``format_id(82.449999) == "82,45"``, ``format_id(1234567, 0) == "1.234.567"``,
    ``format_id(-1234.5) == "-1.234,50"``. NaN gives ``"-"``.
    """
    x = float(x)
    if math.isnan(x):
        return "-"
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    digits = max(ndigits, 0)
    value = Decimal(repr(round_half_up(x, ndigits)))
    if value == 0:
        value = Decimal(0)
    text = f"{value:,.{digits}f}"  # 1,234,567.89
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
