"""Small cell-address helpers (no openpyxl import, so the ribbon module stays light)."""

from __future__ import annotations


def col_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    out = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def address(row: int, col: int) -> str:
    return f"{col_letter(col)}{row}"
