"""Colours, fonts and cell styles of the workbook, in one place.

The builder and the gateway use these so a cell written later by Python looks
like the cells the builder wrote (and input cells stay unlocked under sheet
protection).
"""

from __future__ import annotations

from typing import Any

# Palette (hex RGB without "#").
NAVY = "1F4E78"
BLUE = "2E75B6"
LIGHT_BLUE = "DDEBF7"
GREY = "7F7F7F"
LIGHT_GREY = "F2F2F2"
BORDER_GREY = "BFBFBF"
WHITE = "FFFFFF"
INPUT_YELLOW = "FFF2CC"
"""Cells staff type in (unlocked). Nothing else is yellow."""
IMPORTED = "E4DFEC"
"""Cells an import fills in (Kiriman): locked, lavender."""

# Traffic colours for categories (fill, font).
GREEN = ("C6EFCE", "006100")
LIGHT_GREEN = ("E2EFDA", "375623")
AMBER = ("FCE4D6", "9C5700")
"""'Not yet' statuses: light orange, never yellow (yellow marks input cells)."""
RED = ("FFC7CE", "9C0006")
ORANGE = ("F8CBAD", "843C0C")
"""Flags on input cells (never yellow: yellow marks input cells)."""
BLUE_SOFT = ("DDEBF7", "1F4E78")

MUTU_COLOURS: dict[str, tuple[str, str]] = {"A": GREEN, "B": LIGHT_GREEN, "C": AMBER, "D": RED}
PREDIKAT_COLOURS: dict[str, tuple[str, str]] = {
    "AA": GREEN,
    "A": GREEN,
    "BB": LIGHT_GREEN,
    "B": LIGHT_GREEN,
    "CC": AMBER,
    "C": RED,
    "D": RED,
}
KATEGORI_COLOURS: dict[str, tuple[str, str]] = {
    "Sangat Tinggi": GREEN,
    "Tinggi": LIGHT_GREEN,
    "Sedang": AMBER,
    "Rendah": RED,
    "Sangat Rendah": RED,
}

TABLE_STYLE = "TableStyleMedium2"
"""Excel's built-in table style for every data table (blue header, banded rows)."""

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh.mm"
"""Indonesian style: 05/01/2026 08.00."""
NUMBER_FORMAT = "#,##0.##"
DECIMAL2 = "0.00"
DECIMAL3 = "0.000"


WRAP_MIN_WIDTH = 20
"""Text columns at least this wide wrap their cells (rows grow) instead of being cut off."""


def wraps(col_type: str, width: float) -> bool:
    """Whether a table column's data cells wrap their text."""
    return col_type in ("text", "choice", "email") and width >= WRAP_MIN_WIDTH


def text_lines(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column ``width`` characters wide (an estimate)."""
    per_line = max(1, int(width * 1.1))
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


LINE_HEIGHT = 15
"""Points per line of 11-point text (row heights are set, as neither Excel nor LibreOffice
grows a row on opening a file)."""


def font(**kw: Any) -> Any:
    from openpyxl.styles import Font

    return Font(name="Calibri", **kw)


def fill(rgb: str) -> Any:
    from openpyxl.styles import PatternFill

    return PatternFill("solid", start_color=rgb, end_color=rgb)


def thin_border(rgb: str = BORDER_GREY) -> Any:
    from openpyxl.styles import Border, Side

    side = Side(style="thin", color=rgb)
    return Border(left=side, right=side, top=side, bottom=side)


def unlocked() -> Any:
    from openpyxl.styles import Protection

    return Protection(locked=False)


def locked() -> Any:
    from openpyxl.styles import Protection

    return Protection(locked=True)


def number_format_for(col_type: str, explicit: str = "") -> str:
    """The number format of a schema column type."""
    if explicit:
        return explicit
    return {
        "date": DATE_FORMAT,
        "datetime": DATETIME_FORMAT,
        "number": NUMBER_FORMAT,
        "percent": DECIMAL2,
        "int": "0",
    }.get(col_type, "General")


TEXT_FORMAT = "@"
TEXT_TYPES = ("text", "choice", "email")
"""Column types holding text: formatted ``@`` so Excel keeps what is typed or written
(``01``, ``1/2``, an 18-digit NIP) as text instead of parsing it."""


def is_text_column(col: Any) -> bool:
    """A column whose cells carry the text format ``@`` (never a formula column)."""
    return (
        col.type in TEXT_TYPES
        and not col.formula
        and not col.number_format
        and getattr(col, "text_format", True)
    )


def column_format(col: Any) -> str:
    """The number format of a schema column (text input columns: ``@``)."""
    if is_text_column(col):
        return TEXT_FORMAT
    return number_format_for(col.type, col.number_format)
