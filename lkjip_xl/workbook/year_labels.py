"""Where the workbook prints its report year and OPD, from Pengaturan (issue 18).

Excel print headers and table header cells cannot hold formulas, so these texts are written
from the profile: by the builder, and again by either gateway door whenever a write finds them
out of step with Pengaturan (the year or the OPD changed, ``tahun-baru`` made a new book).
Sheets whose headers can be formulas (Beranda's title, Capaian's column headers) follow the
year by themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lkjip_xl.workbook import schema as S

if TYPE_CHECKING:
    from lkjip_xl.domain.profile import Profile

__all__ = [
    "FOOTER_LEFT",
    "FOOTER_RIGHT",
    "apply_openpyxl",
    "header_cells",
    "header_text",
    "printed_sheets",
]

FOOTER_LEFT = "&A"
"""The sheet's name."""
FOOTER_RIGHT = "Halaman &P dari &N"


def header_text(profile: Profile) -> str:
    """The right-hand print header of every sheet: ``LKjIP Kecamatan Wonoasih 2025`` (an ``&``
    in the OPD name is doubled: a single one starts an Excel header code)."""
    return f"LKjIP {profile.opd.replace('&', '&&')} {profile.tahun}"


def printed_sheets() -> list[str]:
    """Sheets that carry the print header and footer (all but the hidden xlwings.conf)."""
    return [s.name for s in S.SHEETS if s.kind != "system"]


def _year_columns() -> list[tuple[S.Table, S.Column]]:
    return [(t, c) for t in S.TABLES.values() for c in t.columns if c.year_offset is not None]


def header_cells(tahun: int) -> dict[tuple[str, str], str]:
    """Table header cells that name a year (``Realisasi 2024``): (sheet, address) → text."""
    from lkjip_xl.workbook.cells import col_letter

    return {
        (table.sheet, f"{col_letter(table.col_index(col.key))}{table.header_row}"): (
            col.header_for(tahun)
        )
        for table, col in _year_columns()
    }


def apply_openpyxl(wb: Any, profile: Profile) -> bool:
    """Write the print headers/footers and the year header cells into an openpyxl workbook;
    True when anything changed."""
    changed = False
    text = header_text(profile)
    for name in printed_sheets():
        if name not in wb.sheetnames:
            continue
        ws = wb[name]
        for part, value in (
            (ws.oddHeader.right, text),
            (ws.oddFooter.left, FOOTER_LEFT),
            (ws.oddFooter.right, FOOTER_RIGHT),
        ):
            if part.text != value:
                part.text = value
                changed = True
    from lkjip_xl.workbook.cells import col_letter

    for table, col in _year_columns():
        if table.sheet not in wb.sheetnames:
            continue
        ws = wb[table.sheet]
        value = col.header_for(profile.tahun)
        cell = ws[f"{col_letter(table.col_index(col.key))}{table.header_row}"]
        if cell.value != value:
            cell.value = value
            changed = True
        # An Excel table's column names must equal its header cells (Excel renames them
        # itself when a header is typed; openpyxl does not).
        xtable = ws.tables.get(table.name)
        position = table.col_index(col.key) - table.first_col
        columns = xtable.tableColumns if xtable is not None else []
        if len(columns) > position and columns[position].name != value:
            columns[position].name = value
            changed = True
    return changed
